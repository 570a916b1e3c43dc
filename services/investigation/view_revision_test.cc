// Revised provisional views: a change of complaint points, findings or recommendations after the
// view was shared outdates it, the decision waits for the revised view, and each revision is
// commented on afresh.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "services/investigation/investigation_logic_test_support.h"
#include "services/investigation/preconditions.h"
#include "services/investigation/view_content.h"

namespace redress::investigation {
namespace {

using redress::testing::IsOk;
using redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::kToday;
using testing::PreconditionViolationOf;

class ViewRevisionTest : public testing::InvestigationLogicTest {
 protected:
  absl::StatusOr<Investigation> Decide(const Investigation& i) {
    return logic_.IssueFinalDecision({i.name(), std::nullopt, ""});
  }
  Recommendation Apology() {
    Recommendation r;
    r.type = RecommendationType::kApology;
    r.beneficiary = Beneficiary::kComplainant;
    r.description = "Apologise to Mr B.";
    r.target_date = kToday + 30;
    return r;
  }
  // Expects `result` refused because the view is outdated by a change of `what`.
  void ExpectOutdated(const absl::StatusOr<Investigation>& result, const std::string& what) {
    EXPECT_THAT(result, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr(what)));
    EXPECT_EQ(ErrorReasonOf(result.status()), reason::kProvisionalViewOutdated);
    EXPECT_EQ(PreconditionViolationOf(result.status()).type, "PROVISIONAL_VIEW");
  }
};

TEST_F(ViewRevisionTest, AFindingChangedAfterSharingWaitsForTheRevisedView) {
  Investigation shared = Shared();  // cp1 upheld, cp2 not upheld: partly upheld
  EXPECT_EQ(shared.provisional_view->revision, 1);
  EXPECT_FALSE(IsViewOutdated(shared));
  // The change keeps the decision (still partly upheld), but the reasoning the parties saw is not
  // the one decided on.
  Finding revised = testing::NotUpheld();
  revised.reasoning = "On the new evidence, the report was complete.";
  Investigation changed = WithFinding(shared, "cp2", revised);
  EXPECT_TRUE(IsViewOutdated(changed));
  const int writes = store_.successful_writes();
  ExpectOutdated(Decide(shared),
                 "the complaint points or findings changed after the provisional "
                 "view was shared on 2026-02-09");
  EXPECT_EQ(store_.successful_writes(), writes);
  EXPECT_TRUE(store_.outbox().empty());

  Investigation reshared = Ok(logic_.ShareProvisionalView(ShareCommand(shared, kToday - 14, 5)));
  EXPECT_EQ(reshared.state, InvestigationState::kProvisionalViewShared);
  EXPECT_EQ(reshared.provisional_view->revision, 2);
  EXPECT_FALSE(IsViewOutdated(reshared));
  EXPECT_THAT(Decide(shared), IsOk());
}

TEST_F(ViewRevisionTest, ARecommendationChangedAfterSharingWaitsForTheRevisedView) {
  Investigation shared = Shared();
  Investigation patch;
  patch.recommendations = {Apology()};
  Ok(logic_.UpdateInvestigation(shared.name(), patch, {"recommendations"}, ""));
  ExpectOutdated(Decide(shared), "the recommendations changed");
  Ok(logic_.ShareProvisionalView(ShareCommand(shared, kToday - 14, 5)));
  EXPECT_THAT(Decide(shared), IsOk());
}

TEST_F(ViewRevisionTest, AComplaintPointAddedAfterSharingWaitsForItsFindingAndTheRevisedView) {
  Investigation shared = Shared();
  AgreeScopeCommand revision = ScopeCommand(shared, kToday, 60);
  revision.points.push_back("The adviser did not reply to Mr B's emails.");
  Investigation revised = Ok(logic_.AgreeScope(revision));
  EXPECT_EQ(revised.state, InvestigationState::kProvisionalViewShared);
  ASSERT_EQ(revised.points.size(), 3u);
  EXPECT_EQ(revised.points[2].point_id, "cp3");
  EXPECT_FALSE(revised.points[2].finding.has_value());
  EXPECT_EQ(ErrorReasonOf(Decide(shared).status()), reason::kFindingMissing);
  EXPECT_THAT(logic_.ShareProvisionalView(ShareCommand(shared, kToday, 5)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("cp3")));
  WithFinding(shared, "cp3", testing::NotUpheld());  // still partly upheld
  ExpectOutdated(Decide(shared), "the complaint points or findings changed");
  Ok(logic_.ShareProvisionalView(ShareCommand(shared, kToday, 5)));  // open until 9 March
  clock_.SetToday(kToday + 8);
  EXPECT_THAT(Decide(shared), IsOk());
}

TEST_F(ViewRevisionTest, NothingTheViewShowedChangedSoNoRevisionIsNeeded) {
  Investigation shared = Shared();
  WithFinding(shared, "cp1", testing::Upheld());  // the same finding recorded again
  Investigation patch;
  patch.narrative = testing::NarrativeStating("We partly upheld this complaint.");
  patch.narrative.what_happened.push_back("A second paragraph on what happened.");
  patch.location = "England";
  Investigation updated =
      Ok(logic_.UpdateInvestigation(shared.name(), patch, {"narrative", "location"}, ""));
  EXPECT_FALSE(IsViewOutdated(updated));
  EXPECT_THAT(Decide(shared), IsOk());
}

TEST_F(ViewRevisionTest, ARevisedViewIsCommentedOnAfreshEvenOnTheSameDay) {
  Investigation i = Shared(kToday, 10);
  Ok(logic_.LogComment(CommentCommand(i, Party::kComplainant, "c-1")));
  Ok(logic_.LogComment(CommentCommand(i, Party::kOrganisation, "c-2")));
  WithFinding(i, "cp2", testing::MakeFinding(true, false, CausalLink::kUnspecified));
  Narrated(i);  // still partly upheld, with the same sentence
  Investigation revised = Ok(logic_.ShareProvisionalView(ShareCommand(i, kToday, 10)));
  EXPECT_EQ(revised.provisional_view->revision, 2);
  EXPECT_EQ(revised.provisional_view->comments.size(), 2u);  // kept, on revision 1
  EXPECT_EQ(revised.provisional_view->comments[0].view_revision, 1);
  // Both parties commented today, on the view they were shown then: not on this one.
  absl::StatusOr<Investigation> open = Decide(i);
  EXPECT_EQ(ErrorReasonOf(open.status()), reason::kCommentPeriodOpen);
  EXPECT_THAT(YetToComment(revised, kToday),
              ElementsAre("the complainant", "organisations/cafcass"));

  Ok(logic_.LogComment(CommentCommand(i, Party::kComplainant, "c-3")));
  Investigation commented = Ok(logic_.LogComment(CommentCommand(i, Party::kOrganisation, "c-4")));
  EXPECT_EQ(commented.provisional_view->comments.back().comment_id, "c4");
  EXPECT_EQ(commented.provisional_view->comments.back().view_revision, 2);
  EXPECT_THAT(Decide(i), IsOk());
}

TEST_F(ViewRevisionTest, ARevisedViewIsNotSharedBeforeTheOneItRevises) {
  Investigation shared = Shared(kToday - 5, 5);
  absl::StatusOr<Investigation> earlier =
      logic_.ShareProvisionalView(ShareCommand(shared, kToday - 6, 5));
  EXPECT_THAT(earlier, StatusIs(absl::StatusCode::kInvalidArgument,
                                HasSubstr("the earlier provisional view was shared")));
  EXPECT_THAT(testing::ViolatedFields(earlier.status()), ElementsAre("share_date"));
}

TEST_F(ViewRevisionTest, TheFingerprintCoversWhatTheViewShowsAndNothingElse) {
  Investigation i = Narrated(Investigating());
  const std::string before = ViewContentFingerprint(i);
  ASSERT_EQ(before.size(), 32u);
  Investigation other = i;
  other.narrative.what_we_found.push_back("More.");
  other.location = "Wales";
  other.points[0].finding->record_time += absl::Hours(1);
  EXPECT_EQ(ViewContentFingerprint(other), before);
  other.points[0].description += " ";
  EXPECT_NE(ViewContentFingerprint(other).substr(0, 16), before.substr(0, 16));
  EXPECT_EQ(ViewContentFingerprint(other).substr(16), before.substr(16));
  other = i;
  other.recommendations = {Apology()};
  EXPECT_EQ(ViewContentFingerprint(other).substr(0, 16), before.substr(0, 16));
  EXPECT_NE(ViewContentFingerprint(other).substr(16), before.substr(16));
}

TEST_F(ViewRevisionTest, AViewSharedBeforeFingerprintsWereKeptCountsAsCurrent) {
  Investigation i = Shared();
  i.provisional_view->shared_content = "";
  i.points[1].finding->reasoning = "Changed.";
  EXPECT_FALSE(IsViewOutdated(i));
  EXPECT_EQ(ViewChangesSinceShared(i), "");
}

}  // namespace
}  // namespace redress::investigation
