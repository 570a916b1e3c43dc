// The comment period on the provisional view: judged on the decision's own date, and closed early
// only once the complainant and every organisation investigated have commented, each organisation
// for itself.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "services/investigation/investigation_logic_test_support.h"
#include "services/investigation/preconditions.h"

namespace redress::investigation {
namespace {

using redress::testing::IsOk;
using redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::kToday;
using testing::PreconditionViolationOf;
using testing::ViolatedFields;
using D = absl::CivilDay;

class CommentPeriodTest : public testing::InvestigationLogicTest {
 protected:
  // A narrated investigation of Cafcass and HMCTS, shared on `share_date` for `period` days.
  Investigation SharedWithTwoOrganisations(absl::CivilDay share_date, int period) {
    Investigation i = Narrated(Investigating());
    Investigation patch;
    patch.organisations_investigated = {{"organisations/cafcass", "Cafcass"},
                                        {"organisations/hmcts", "HMCTS"}};
    Ok(logic_.UpdateInvestigation(i.name(), patch, {"organisations_investigated"}, ""));
    return Ok(logic_.ShareProvisionalView(ShareCommand(i, share_date, period)));
  }

  absl::StatusOr<Investigation> Comment(const Investigation& i, Party party,
                                        const std::string& organisation,
                                        const std::string& request_id,
                                        std::optional<absl::CivilDay> received = std::nullopt) {
    LogCommentCommand command = CommentCommand(i, party, request_id);
    command.organisation = organisation;
    command.fingerprint += organisation;
    command.received_date = received;
    return logic_.LogComment(command);
  }

  absl::StatusOr<Investigation> DecideOn(const Investigation& i,
                                         std::optional<absl::CivilDay> date) {
    return logic_.IssueFinalDecision({i.name(), date, ""});
  }
};

TEST_F(CommentPeriodTest, ADecisionCannotBeDatedToADayThePeriodWasStillOpen) {
  // Shared on Monday 9 February for 5 working days: open until Monday 16 February. Today, 2
  // March, the period has long closed, but a decision dated 16 February would close it early.
  Investigation i = Shared(D(2026, 2, 9), 5);
  ASSERT_EQ(i.provisional_view->comment_deadline, D(2026, 2, 16));
  absl::StatusOr<Investigation> backdated = DecideOn(i, D(2026, 2, 16));
  EXPECT_THAT(backdated, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("2026-02-16")));
  EXPECT_EQ(ErrorReasonOf(backdated.status()), reason::kCommentPeriodOpen);
  EXPECT_EQ(PreconditionViolationOf(backdated.status()).type, "COMMENT_PERIOD");
  EXPECT_TRUE(store_.outbox().empty());
  EXPECT_EQ(Ok(DecideOn(i, D(2026, 2, 17))).final_decision->decision_date, D(2026, 2, 17));
}

TEST_F(CommentPeriodTest, CommentsReceivedAfterTheDecisionDateDoNotCloseThePeriod) {
  Investigation i = Shared(kToday - 7, 10);  // open until 9 March
  Ok(Comment(i, Party::kComplainant, "", "c-1", kToday - 1));
  Ok(Comment(i, Party::kOrganisation, "", "c-2", kToday - 1));
  absl::StatusOr<Investigation> early = DecideOn(i, kToday - 2);
  EXPECT_THAT(early, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(early.status()), reason::kCommentPeriodOpen);
  EXPECT_THAT(PreconditionViolationOf(early.status()).description,
              HasSubstr("no comment from the complainant, organisations/cafcass"));
  EXPECT_THAT(DecideOn(i, kToday - 1), IsOk());
}

TEST_F(CommentPeriodTest, EveryOrganisationInvestigatedCommentsForItself) {
  Investigation i = SharedWithTwoOrganisations(kToday, 10);
  Ok(Comment(i, Party::kComplainant, "", "c-1"));
  Ok(Comment(i, Party::kOrganisation, "organisations/cafcass", "c-2"));
  Ok(Comment(i, Party::kOrganisation, "organisations/cafcass", "c-3"));  // again: still one
  absl::StatusOr<Investigation> result = DecideOn(i, std::nullopt);
  EXPECT_EQ(ErrorReasonOf(result.status()), reason::kCommentPeriodOpen);
  EXPECT_THAT(PreconditionViolationOf(result.status()).description,
              HasSubstr("no comment from organisations/hmcts;"));

  Investigation commented = Ok(Comment(i, Party::kOrganisation, "organisations/hmcts", "c-4"));
  ASSERT_TRUE(commented.provisional_view.has_value());
  EXPECT_EQ(commented.provisional_view->comments.back().organisation, "organisations/hmcts");
  EXPECT_THAT(DecideOn(i, std::nullopt), IsOk());
}

TEST_F(CommentPeriodTest, WithSeveralOrganisationsACommentNamesOneOfThem) {
  Investigation i = SharedWithTwoOrganisations(kToday, 10);
  absl::StatusOr<Investigation> unnamed = Comment(i, Party::kOrganisation, "", "c-1");
  EXPECT_THAT(unnamed, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(unnamed.status()), ElementsAre("comment.organisation"));
  EXPECT_THAT(FieldViolationsOf(unnamed.status())[0].description,
              HasSubstr("organisations/cafcass, organisations/hmcts"));

  absl::StatusOr<Investigation> stranger =
      Comment(i, Party::kOrganisation, "organisations/dwp", "c-2");
  EXPECT_THAT(ViolatedFields(stranger.status()), ElementsAre("comment.organisation"));
  EXPECT_THAT(FieldViolationsOf(stranger.status())[0].description,
              HasSubstr("not among the organisations investigated"));

  absl::StatusOr<Investigation> malformed = Comment(i, Party::kOrganisation, "hmcts", "c-3");
  EXPECT_THAT(ViolatedFields(malformed.status()), ElementsAre("comment.organisation"));
  absl::StatusOr<Investigation> complainant =
      Comment(i, Party::kComplainant, "organisations/hmcts", "c-4");
  EXPECT_THAT(ViolatedFields(complainant.status()), ElementsAre("comment.organisation"));
  EXPECT_TRUE(Ok(logic_.GetInvestigation(i.name())).provisional_view->comments.empty());
}

TEST_F(CommentPeriodTest, WithOneOrganisationItsCommentNeedNotNameIt) {
  Investigation i = Shared(kToday, 10);
  Investigation commented = Ok(Comment(i, Party::kOrganisation, "", "c-1"));
  EXPECT_EQ(commented.provisional_view->comments.back().organisation, "organisations/cafcass");
  EXPECT_EQ(commented.provisional_view->comments.back().view_revision, 1);
  Ok(Comment(i, Party::kComplainant, "", "c-2"));
  EXPECT_THAT(DecideOn(i, std::nullopt), IsOk());
}

TEST_F(CommentPeriodTest, YetToCommentNamesThePartiesInOrder) {
  Investigation i = SharedWithTwoOrganisations(kToday, 10);
  EXPECT_THAT(YetToComment(i, kToday),
              ElementsAre("the complainant", "organisations/cafcass", "organisations/hmcts"));
  i = Ok(Comment(i, Party::kOrganisation, "organisations/hmcts", "c-1"));
  EXPECT_THAT(YetToComment(i, kToday), ElementsAre("the complainant", "organisations/cafcass"));
  EXPECT_THAT(YetToComment(i, kToday - 1),
              ElementsAre("the complainant", "organisations/cafcass", "organisations/hmcts"));
}

}  // namespace
}  // namespace redress::investigation
