// IssueFinalDecision: when it may be issued (findings, the comment period), the derived decision,
// and its hand-off to remedy, written to the outbox exactly once.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

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
using D = absl::CivilDay;

class DecisionTest : public testing::InvestigationLogicTest {
 protected:
  absl::StatusOr<Investigation> Issue(const Investigation& i, std::string etag = "") {
    return logic_.IssueFinalDecision({i.name(), std::nullopt, std::move(etag)});
  }
  // Shared today with a comment period of 5 working days: open until Monday 9 March.
  Investigation SharedToday() { return Shared(kToday, 5); }
  // PROVISIONAL_VIEW_SHARED with the given findings on cp1 and cp2 (and a narrative stating the
  // decision they derive), comment period closed.
  Investigation SharedWith(Finding cp1, Finding cp2) {
    Investigation i = Narrated(WithFinding(WithFinding(Scoped(), "cp1", cp1), "cp2", cp2));
    return Ok(logic_.ShareProvisionalView(ShareCommand(i, kToday - 21, 5)));
  }
};

TEST_F(DecisionTest, RefusedWhileTheCommentPeriodIsOpen) {
  Investigation i = SharedToday();
  const int writes = store_.successful_writes();
  absl::StatusOr<Investigation> result = Issue(i);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("2026-03-09")));
  EXPECT_EQ(ErrorReasonOf(result.status()), reason::kCommentPeriodOpen);
  EXPECT_EQ(PreconditionViolationOf(result.status()).type, "COMMENT_PERIOD");
  EXPECT_EQ(PreconditionViolationOf(result.status()).subject, i.name());
  EXPECT_EQ(store_.successful_writes(), writes);
  EXPECT_TRUE(store_.outbox().empty());
}

TEST_F(DecisionTest, RefusedOnTheDeadlineAllowedAfterIt) {
  Investigation i = SharedToday();
  clock_.SetToday(D(2026, 3, 9));
  EXPECT_THAT(Issue(i), StatusIs(absl::StatusCode::kFailedPrecondition));
  clock_.SetToday(D(2026, 3, 10));
  absl::StatusOr<Investigation> decided = Issue(i);
  ASSERT_THAT(decided, IsOk());
  EXPECT_EQ(decided->state, InvestigationState::kDecided);
  EXPECT_EQ(decided->final_decision->decision_date, D(2026, 3, 10));
}

TEST_F(DecisionTest, AllowedEarlyOnceBothPartiesCommented) {
  Investigation i = SharedToday();
  Ok(logic_.LogComment(CommentCommand(i, Party::kComplainant, "c-1")));
  Ok(logic_.LogComment(CommentCommand(i, Party::kComplainant, "c-2")));
  EXPECT_THAT(Issue(i), StatusIs(absl::StatusCode::kFailedPrecondition));
  Ok(logic_.LogComment(CommentCommand(i, Party::kOrganisation, "c-3")));
  EXPECT_THAT(Issue(i), IsOk());
}

TEST_F(DecisionTest, RefusedWithAPointLackingAFinding) {
  // The logic never shares a view with a point lacking a finding; a store holding one (an older
  // version's data) is still refused.
  Investigation i = Shared();
  Investigation tampered = i;
  tampered.points[1].finding.reset();
  tampered.points[1].outcome = Outcome::kUnspecified;
  tampered.version = i.version + 1;
  ASSERT_THAT(store_.UpdateInvestigation(tampered, i.version, std::nullopt, std::nullopt), IsOk());
  absl::StatusOr<Investigation> result = Issue(i);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("cp2")));
  EXPECT_EQ(ErrorReasonOf(result.status()), reason::kFindingMissing);
  EXPECT_EQ(PreconditionViolationOf(result.status()).type, "FINDING");
  EXPECT_EQ(PreconditionViolationOf(result.status()).subject, i.name() + "/points/cp2");
  EXPECT_TRUE(store_.outbox().empty());
}

TEST_F(DecisionTest, SharingIsRefusedWithAPointLackingAFinding) {
  Investigation i = WithFinding(Scoped(), "cp1", testing::Upheld());
  absl::StatusOr<Investigation> result = logic_.ShareProvisionalView(ShareCommand(i, kToday, 5));
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(PreconditionViolationOf(result.status()).subject, i.name() + "/points/cp2");
}

TEST_F(DecisionTest, DecisionIsDerivedFromThePoints) {
  EXPECT_EQ(Ok(Issue(SharedWith(testing::Upheld(), testing::Upheld()))).final_decision->decision,
            Outcome::kUpheld);
  EXPECT_EQ(
      Ok(Issue(SharedWith(testing::NotUpheld(), testing::NotUpheld()))).final_decision->decision,
      Outcome::kNotUpheld);
  EXPECT_EQ(Ok(Issue(SharedWith(testing::Upheld(), testing::NotUpheld()))).final_decision->decision,
            Outcome::kPartlyUpheld);
  Finding no_injustice = testing::MakeFinding(true, false, CausalLink::kUnspecified);
  EXPECT_EQ(Ok(Issue(SharedWith(no_injustice, no_injustice))).final_decision->decision,
            Outcome::kPartlyUpheld);
}

TEST_F(DecisionTest, DecisionCannotBeSetByHand) {
  Investigation i = Shared();
  Investigation patch;
  patch.final_decision = FinalDecision{Outcome::kUpheld, kToday, absl::Now(), 1};
  absl::StatusOr<Investigation> masked =
      logic_.UpdateInvestigation(i.name(), patch, {"final_decision"}, "");
  EXPECT_THAT(masked, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(testing::ViolatedFields(masked.status()), ElementsAre("update_mask.paths[0]"));
  patch.location = "England";
  Investigation updated = Ok(logic_.UpdateInvestigation(i.name(), patch, {"location"}, ""));
  EXPECT_FALSE(updated.final_decision.has_value());
  EXPECT_EQ(updated.state, InvestigationState::kProvisionalViewShared);
}

TEST_F(DecisionTest, HandsTheDecisionToRemedyInTheSameWrite) {
  // The recommendation is recorded before the view is shared: one recorded after it would outdate
  // the view (view_content.h).
  Investigation i = Narrated(Investigating());
  Investigation patch;
  Recommendation apology;
  apology.type = RecommendationType::kApology;
  apology.beneficiary = Beneficiary::kComplainant;
  apology.description = "Apologise to Mr B.";
  apology.target_date = kToday + 30;
  apology.organisation = "organisations/cafcass";
  patch.recommendations = {apology};
  Ok(logic_.UpdateInvestigation(i.name(), patch, {"recommendations"}, ""));
  Ok(logic_.ShareProvisionalView(ShareCommand(i, kToday - 21, 5)));
  const int writes = store_.successful_writes();
  Investigation decided = Ok(Issue(i));
  EXPECT_EQ(store_.successful_writes(), writes + 1);
  ASSERT_EQ(store_.outbox().size(), 1u);
  const OutboxEntry entry = store_.outbox()[0];
  const DecisionHandoff& handoff = std::get<DecisionHandoff>(entry.handoff);
  EXPECT_EQ(handoff.handoff_key, i.name() + "/decisions/1");
  EXPECT_EQ(handoff.investigation_id, i.id);
  EXPECT_EQ(handoff.complaint, i.complaint.complaint);
  EXPECT_EQ(handoff.decision, *decided.final_decision);
  EXPECT_EQ(handoff.recommendations, decided.recommendations);
  EXPECT_EQ(handoff.recommendations[0].recommendation_id, "r1");
  EXPECT_EQ(handoff.recommendations[0].organisation, "organisations/cafcass");
  EXPECT_EQ(handoff.organisations, i.organisations_investigated);
  EXPECT_EQ(entry.create_time, decided.final_decision->issue_time);
  EXPECT_EQ(decided.final_decision->sequence, 1);
}

TEST_F(DecisionTest, ARetryGetsTheDecisionAndWritesNoSecondHandoff) {
  Investigation i = Shared();
  Investigation decided = Ok(Issue(i));
  const int writes = store_.successful_writes();
  EXPECT_EQ(Ok(Issue(i)), decided);
  EXPECT_EQ(Ok(Issue(i, std::to_string(i.version))), decided);  // the etag it was sent with
  EXPECT_EQ(store_.successful_writes(), writes);
  EXPECT_EQ(store_.outbox().size(), 1u);
}

TEST_F(DecisionTest, AConcurrentRetryThatWinsLeavesOneHandoff) {
  Investigation i = Shared();
  store_.RunBeforeNextWrite([&] { EXPECT_THAT(Issue(i), IsOk()); });
  absl::StatusOr<Investigation> loser = Issue(i);
  ASSERT_THAT(loser, IsOk());
  EXPECT_EQ(loser->state, InvestigationState::kDecided);
  EXPECT_EQ(store_.outbox().size(), 1u);
}

TEST_F(DecisionTest, AFailedWriteLeavesNoDecisionAndNoHandoff) {
  Investigation i = Shared();
  store_.FailNextWrite(absl::UnavailableError("disk full"));
  EXPECT_THAT(Issue(i), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_TRUE(store_.outbox().empty());
  EXPECT_EQ(Ok(logic_.GetInvestigation(i.name())).state,
            InvestigationState::kProvisionalViewShared);
}

TEST_F(DecisionTest, DecisionDateMustFollowTheShareAndNotBeInTheFuture) {
  Investigation i = Shared();
  absl::StatusOr<Investigation> early = logic_.IssueFinalDecision({i.name(), kToday - 30, ""});
  EXPECT_THAT(testing::ViolatedFields(early.status()), ElementsAre("decision_date"));
  absl::StatusOr<Investigation> future = logic_.IssueFinalDecision({i.name(), kToday + 1, ""});
  EXPECT_THAT(testing::ViolatedFields(future.status()), ElementsAre("decision_date"));
  EXPECT_EQ(Ok(logic_.IssueFinalDecision({i.name(), kToday - 1, ""})).final_decision->decision_date,
            kToday - 1);
}

}  // namespace
}  // namespace redress::investigation
