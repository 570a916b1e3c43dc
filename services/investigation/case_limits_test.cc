// How large an investigation may grow (case_limits.h, docs/limits.md), through the logic: the
// comment period is judged from the view's commenters, not from the comments the investigation
// carries; each cap refuses one more; a page of evidence stops before it would pass 2 MiB; and a
// change is written as the lists it changed.
#include "services/investigation/case_limits.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/investigation/apply_change.h"
#include "services/investigation/investigation_logic_test_support.h"
#include "services/investigation/preconditions.h"

namespace redress::investigation {
namespace {

using redress::testing::IsOk;
using redress::testing::StatusIs;
using ::testing::ElementsAre;
using testing::kToday;
using testing::PreconditionViolationOf;

class CaseLimitsTest : public testing::InvestigationLogicTest {
 protected:
  LogEvidenceCommand EvidenceCommand(const Investigation& i, int n, std::string description) {
    LogEvidenceCommand command;
    command.name = i.name();
    command.request_id = absl::StrCat("ev-", n);
    command.fingerprint = "fp-" + command.request_id;
    command.description = std::move(description);
    command.source = Party::kOrganisation;
    return command;
  }
};

TEST_F(CaseLimitsTest, TheCommentPeriodIsJudgedFromWhoCommentedNotFromTheCommentsCarried) {
  Investigation i = Shared(kToday, 10);  // open for another two weeks
  Ok(logic_.LogComment(CommentCommand(i, Party::kComplainant, "c-complainant")));
  for (int n = 0; n < kRecentCommentsShown + 5; ++n) {
    i = Ok(logic_.LogComment(CommentCommand(i, Party::kOrganisation, absl::StrCat("c-", n))));
  }
  ASSERT_EQ(i.provisional_view->comments.size(), static_cast<size_t>(kRecentCommentsShown));
  EXPECT_EQ(i.provisional_view->comments.front().comment_id, "c7");  // the complainant's is older
  EXPECT_EQ(i.provisional_view->comment_count, kRecentCommentsShown + 6);
  ASSERT_EQ(i.provisional_view->commenters.size(), 2u);
  EXPECT_EQ(i.provisional_view->commenters[0].party, Party::kComplainant);
  EXPECT_EQ(i.provisional_view->commenters[1].organisation, "organisations/cafcass");
  // Both parties have commented: the period closed early, whatever the comments carried.
  EXPECT_THAT(logic_.IssueFinalDecision({i.name(), kToday, ""}), IsOk());
}

TEST_F(CaseLimitsTest, ARevisedViewHasNoCommentersYet) {
  Investigation i = Shared(kToday - 1, 10);
  Ok(logic_.LogComment(CommentCommand(i, Party::kComplainant, "c-1")));
  i = Ok(logic_.LogComment(CommentCommand(i, Party::kOrganisation, "c-2")));
  ASSERT_EQ(i.provisional_view->commenters.size(), 2u);
  i = Ok(logic_.ShareProvisionalView(ShareCommand(i, kToday, 10)));
  EXPECT_TRUE(i.provisional_view->commenters.empty());
  EXPECT_EQ(i.provisional_view->comment_count, 2);
  absl::StatusOr<Investigation> early = logic_.IssueFinalDecision({i.name(), kToday, ""});
  EXPECT_EQ(ErrorReasonOf(early.status()), reason::kCommentPeriodOpen);
}

TEST_F(CaseLimitsTest, EachCapRefusesOneMoreAfterTheStateAndTheRequestsOwnChecks) {
  InvestigationPolicy policy;
  policy.max_evidence_items = 2;
  policy.max_reviews = 1;
  InvestigationLogic logic(store_, clock_, ids_, WorkingDayCalendar::EnglandAndWales(), policy);
  const Investigation i = Investigating();
  Ok(logic.LogEvidence(EvidenceCommand(i, 1, "Letter 1")));
  Ok(logic.LogEvidence(EvidenceCommand(i, 2, "Letter 2")));
  const absl::Status refused = logic.LogEvidence(EvidenceCommand(i, 3, "Letter 3")).status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(refused), reason::kEvidenceLimitReached);
  EXPECT_EQ(PreconditionViolationOf(refused).type, "LIMIT");
  EXPECT_EQ(PreconditionViolationOf(refused).subject, i.name() + "/evidence");
  // A malformed request is still told so first.
  EXPECT_THAT(logic.LogEvidence(EvidenceCommand(i, 4, "")),
              StatusIs(absl::StatusCode::kInvalidArgument));

  // One review in all: the decision stood, and the organisation's request is one too many.
  const Investigation decided = Decided();
  Ok(logic.RequestReview(ReviewCommand(decided, "review-1")));
  Ok(logic.DecideReview(
      {decided.name(), ReviewOutcome::kDecisionStands, "The facts were right.", std::nullopt, ""}));
  RequestReviewCommand second = ReviewCommand(decided, "review-2");
  second.requested_by = Party::kOrganisation;
  const absl::Status too_many = logic.RequestReview(second).status();
  EXPECT_EQ(ErrorReasonOf(too_many), reason::kReviewLimitReached);
  EXPECT_EQ(PreconditionViolationOf(too_many).type, "LIMIT");
}

TEST_F(CaseLimitsTest, APageOfEvidenceStopsBeforeItWouldPassTwoMebibytes) {
  const Investigation i = Investigating();
  // 2,000 characters of four bytes each: about 8 KB an item, so some 250 to a page.
  std::string long_text;
  for (int c = 0; c < 2000; ++c) long_text += "\xF0\x9F\x93\x84";  // U+1F4C4
  const int total = 300;
  for (int n = 1; n <= total; ++n) Ok(logic_.LogEvidence(EvidenceCommand(i, n, long_text)));

  std::vector<int> sizes;
  ChildListRequest request{i.name(), 500, ""};
  int seen = 0;
  do {
    const ChildPage<EvidenceItem> page = Ok(logic_.ListEvidence(request));
    size_t bytes = 0;
    for (const EvidenceItem& item : page.items) bytes += EncodedSizeBound(item, i.name());
    EXPECT_LE(bytes, kMaxPageBytes);
    EXPECT_EQ(page.total_size, total);
    ASSERT_FALSE(page.items.empty());
    EXPECT_EQ(page.items.front().evidence_id, absl::StrCat("e", seen + 1));
    seen += static_cast<int>(page.items.size());
    sizes.push_back(static_cast<int>(page.items.size()));
    request.page_token = page.next_page_token;
  } while (!request.page_token.empty());
  EXPECT_EQ(seen, total);
  EXPECT_EQ(sizes.size(), 2u);
  EXPECT_LT(sizes.front(), total);
}

TEST(ChangedListsTest, NamesExactlyTheBoundedListsThatDiffer) {
  Investigation before;
  before.provisional_view = ProvisionalView();
  EXPECT_EQ(ChangedLists(before, before), ListsToWrite::None());

  Investigation after = before;
  after.evidence.push_back({"e1", "Letter", Party::kOrganisation, kToday, absl::Now()});
  after.evidence_count = 1;
  after.provisional_view->comments.push_back(Comment());
  after.provisional_view->comment_count = 1;
  after.caseworker = "cw-2";
  EXPECT_EQ(ChangedLists(before, after), ListsToWrite::None());  // appended, or on the row

  after.holds.push_back(Hold());
  after.provisional_view->commenters.push_back({Party::kComplainant, "", kToday});
  after.narrative.what_happened = {"Changed."};
  EXPECT_EQ(ChangedLists(before, after), ListsToWrite::None()
                                             .Add(BoundedList::kHolds)
                                             .Add(BoundedList::kCommenters)
                                             .Add(BoundedList::kNarrative));
  Investigation no_view = before;
  no_view.provisional_view.reset();
  EXPECT_EQ(ChangedLists(no_view, before), ListsToWrite::None());
}

}  // namespace
}  // namespace redress::investigation
