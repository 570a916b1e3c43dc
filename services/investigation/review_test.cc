// RequestReview and DecideReview: the time limit, the grounds, one review per party per decision,
// idempotency, a decision that stands, and a reopened investigation -- handed to remedy at once,
// to a new target date, its scope revisable -- decided again with its history kept.
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
using D = absl::CivilDay;

class ReviewTest : public testing::InvestigationLogicTest {
 protected:
  DecideReviewCommand DecideCommand(const Investigation& i, ReviewOutcome outcome) {
    return {i.name(), outcome, "Reviewed against the file.", std::nullopt, ""};
  }
};

TEST_F(ReviewTest, AskedForWithinOneMonthOfTheDecision) {
  Investigation decided = Decided();  // decided on 2 March 2026
  clock_.SetToday(D(2026, 4, 2));
  Investigation reviewed = Ok(logic_.RequestReview(ReviewCommand(decided)));
  EXPECT_EQ(reviewed.state, InvestigationState::kUnderReview);
  ASSERT_EQ(reviewed.reviews.size(), 1u);
  const Review& review = reviewed.reviews[0];
  EXPECT_EQ(review.review_id, "rv1");
  EXPECT_EQ(review.request_date, D(2026, 4, 2));
  EXPECT_EQ(review.decision_sequence, 1);
  EXPECT_EQ(review.requested_by, Party::kComplainant);
  EXPECT_EQ(review.outcome, ReviewOutcome::kUnspecified);
}

TEST_F(ReviewTest, RefusedOnceTheWindowHasClosed) {
  Investigation decided = Decided();
  clock_.SetToday(D(2026, 4, 3));
  absl::StatusOr<Investigation> late = logic_.RequestReview(ReviewCommand(decided));
  EXPECT_THAT(late,
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("review window closed")));
  EXPECT_EQ(ErrorReasonOf(late.status()), reason::kReviewWindowClosed);
  EXPECT_EQ(testing::PreconditionViolationOf(late.status()).type, "REVIEW_WINDOW");
  EXPECT_EQ(Ok(logic_.GetInvestigation(decided.name())).state, InvestigationState::kDecided);
}

TEST_F(ReviewTest, TheRequestDateDecides) {
  Investigation decided = Decided();
  clock_.SetToday(D(2026, 4, 10));
  RequestReviewCommand command = ReviewCommand(decided);
  command.request_date = D(2026, 4, 1);  // a letter received in time, logged late
  EXPECT_THAT(logic_.RequestReview(command), IsOk());
}

TEST_F(ReviewTest, ARequestBeforeTheDecisionIsInvalid) {
  Investigation decided = Decided();
  RequestReviewCommand command = ReviewCommand(decided);
  command.request_date = kToday - 1;
  EXPECT_THAT(testing::ViolatedFields(logic_.RequestReview(command).status()),
              ElementsAre("request_date"));
}

class ReviewGroundTest : public ReviewTest, public ::testing::WithParamInterface<ReviewGround> {};

TEST_P(ReviewGroundTest, AcceptedOnEachRecordedGround) {
  RequestReviewCommand command = ReviewCommand(Decided());
  command.ground = GetParam();
  EXPECT_EQ(Ok(logic_.RequestReview(command)).reviews[0].ground, GetParam());
}

INSTANTIATE_TEST_SUITE_P(EveryGround, ReviewGroundTest,
                         ::testing::Values(ReviewGround::kFactsWrong, ReviewGround::kNewInformation,
                                           ReviewGround::kPartOverlooked));

TEST_F(ReviewTest, RefusedWithoutAGroundOrFromAnotherParty) {
  Investigation decided = Decided();
  RequestReviewCommand command = ReviewCommand(decided);
  command.ground = ReviewGround::kUnspecified;
  command.requested_by = Party::kOther;
  command.explanation = "";
  absl::StatusOr<Investigation> result = logic_.RequestReview(command);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(testing::ViolatedFields(result.status()),
              ElementsAre("requested_by", "ground", "explanation"));
}

TEST_F(ReviewTest, IdempotentOnRequestId) {
  Investigation decided = Decided();
  Investigation first = Ok(logic_.RequestReview(ReviewCommand(decided)));
  const int writes = store_.successful_writes();
  EXPECT_EQ(Ok(logic_.RequestReview(ReviewCommand(decided))), first);
  EXPECT_EQ(store_.successful_writes(), writes);
  RequestReviewCommand reused = ReviewCommand(decided);
  reused.fingerprint = "another body";
  absl::StatusOr<Investigation> result = logic_.RequestReview(reused);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(ErrorReasonOf(result.status()), redress::reason::kRequestIdReused);
}

TEST_F(ReviewTest, TheDecisionStands) {
  Investigation reviewed = UnderReview();
  Investigation stands =
      Ok(logic_.DecideReview(DecideCommand(reviewed, ReviewOutcome::kDecisionStands)));
  EXPECT_EQ(stands.state, InvestigationState::kDecided);
  EXPECT_EQ(stands.final_decision, reviewed.final_decision);
  EXPECT_TRUE(stands.previous_decisions.empty());
  ASSERT_EQ(stands.reviews.size(), 1u);
  EXPECT_EQ(stands.reviews[0].outcome, ReviewOutcome::kDecisionStands);
  EXPECT_EQ(stands.reviews[0].outcome_reason, "Reviewed against the file.");
  EXPECT_EQ(stands.reviews[0].decide_date, kToday);
  EXPECT_EQ(store_.outbox().size(), 1u);
}

TEST_F(ReviewTest, ReopenedKeepsTheDecisionInHistory) {
  Investigation reviewed = UnderReview();
  Investigation reopened =
      Ok(logic_.DecideReview(DecideCommand(reviewed, ReviewOutcome::kReopened)));
  EXPECT_EQ(reopened.state, InvestigationState::kInvestigating);
  EXPECT_FALSE(reopened.final_decision.has_value());
  EXPECT_THAT(reopened.previous_decisions, ElementsAre(*reviewed.final_decision));
  ASSERT_EQ(reopened.reviews.size(), 1u);
  EXPECT_EQ(reopened.reviews[0].outcome, ReviewOutcome::kReopened);
  EXPECT_EQ(reopened.points, reviewed.points);  // findings kept, to be revisited
}

TEST_F(ReviewTest, DecidedAgainAfterReopeningIsDecisionTwoWithItsOwnHandoff) {
  Investigation reviewed = UnderReview();
  Investigation reopened =
      Ok(logic_.DecideReview(DecideCommand(reviewed, ReviewOutcome::kReopened)));
  // The narrative now states the new decision (decision_record.h).
  Narrated(WithFinding(reopened, "cp2", testing::Upheld()));
  Ok(logic_.ShareProvisionalView(ShareCommand(reopened, kToday, 5)));
  clock_.SetToday(D(2026, 3, 10));
  Investigation second = Ok(logic_.IssueFinalDecision({reopened.name(), std::nullopt, ""}));
  EXPECT_EQ(second.final_decision->sequence, 2);
  EXPECT_EQ(second.final_decision->decision, Outcome::kUpheld);
  EXPECT_EQ(second.previous_decisions.size(), 1u);
  EXPECT_EQ(second.previous_decisions[0].decision, Outcome::kPartlyUpheld);
  // Between the two decisions, the reopening was handed to remedy too.
  const std::vector<OutboxEntry> outbox = store_.outbox();
  ASSERT_EQ(outbox.size(), 3u);
  EXPECT_EQ(HandoffKey(outbox[0].handoff), reopened.name() + "/decisions/1");
  EXPECT_EQ(HandoffKey(outbox[1].handoff), reopened.name() + "/decisions/1/reopening");
  EXPECT_EQ(HandoffKey(outbox[2].handoff), reopened.name() + "/decisions/2");
  EXPECT_EQ(std::get<DecisionHandoff>(outbox[2].handoff).decision, *second.final_decision);
  // A review of the second decision names it.
  Investigation again = Ok(logic_.RequestReview(ReviewCommand(second, "review-2")));
  ASSERT_EQ(again.reviews.size(), 2u);
  EXPECT_EQ(again.reviews[1].review_id, "rv2");
  EXPECT_EQ(again.reviews[1].decision_sequence, 2);
}

TEST_F(ReviewTest, CommentsOnAnEarlierViewDoNotCloseANewOne) {
  Investigation i = Shared(kToday - 10, 20);
  Ok(logic_.LogComment(CommentCommand(i, Party::kComplainant, "c-1")));
  Ok(logic_.LogComment(CommentCommand(i, Party::kOrganisation, "c-2")));
  Investigation decided = Ok(logic_.IssueFinalDecision({i.name(), std::nullopt, ""}));
  Ok(logic_.RequestReview(ReviewCommand(decided)));
  Ok(logic_.DecideReview(DecideCommand(decided, ReviewOutcome::kReopened)));
  clock_.SetToday(kToday + 1);
  Investigation shared = Ok(logic_.ShareProvisionalView(ShareCommand(decided, kToday + 1, 5)));
  EXPECT_EQ(shared.provisional_view->comments.size(), 2u);  // kept
  EXPECT_THAT(logic_.IssueFinalDecision({i.name(), std::nullopt, ""}),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Ok(logic_.LogComment(CommentCommand(i, Party::kComplainant, "c-3")))
                .provisional_view->comments.back()
                .comment_id,
            "c3");
}

TEST_F(ReviewTest, DecideDateMustNotPrecedeTheRequest) {
  Investigation reviewed = UnderReview();
  DecideReviewCommand command = DecideCommand(reviewed, ReviewOutcome::kDecisionStands);
  command.decide_date = kToday - 1;
  EXPECT_THAT(testing::ViolatedFields(logic_.DecideReview(command).status()),
              ElementsAre("decide_date"));
  command.decide_date.reset();
  command.outcome = ReviewOutcome::kUnspecified;
  command.reason = "";
  EXPECT_THAT(testing::ViolatedFields(logic_.DecideReview(command).status()),
              ElementsAre("outcome", "reason"));
}

TEST_F(ReviewTest, TheWindowRunsFromTheDecisionDateNotFromTheDayItWasIssued) {
  Investigation i = Shared();                                     // shared on 9 February
  Ok(logic_.IssueFinalDecision({i.name(), D(2026, 2, 20), ""}));  // issued today, 2 March
  RequestReviewCommand late = ReviewCommand(i);
  late.request_date = D(2026, 3, 21);  // within a month of today, not of the decision
  clock_.SetToday(D(2026, 3, 21));
  absl::StatusOr<Investigation> result = logic_.RequestReview(late);
  EXPECT_EQ(ErrorReasonOf(result.status()), reason::kReviewWindowClosed);
  EXPECT_THAT(result.status().message(), HasSubstr("by 2026-03-20"));
  late.request_date = D(2026, 3, 20);
  EXPECT_THAT(logic_.RequestReview(late), IsOk());
}

TEST_F(ReviewTest, EachPartyMayAskForOneReviewOfADecision) {
  Investigation reviewed = UnderReview();  // the complainant asked
  Ok(logic_.DecideReview(DecideCommand(reviewed, ReviewOutcome::kDecisionStands)));
  const int writes = store_.successful_writes();
  absl::StatusOr<Investigation> again = logic_.RequestReview(ReviewCommand(reviewed, "review-2"));
  EXPECT_THAT(again, StatusIs(absl::StatusCode::kFailedPrecondition,
                              HasSubstr("already asked for 1 review of decision 1")));
  EXPECT_EQ(ErrorReasonOf(again.status()), reason::kReviewLimitReached);
  EXPECT_EQ(testing::PreconditionViolationOf(again.status()).type, "REVIEW_LIMIT");
  EXPECT_EQ(store_.successful_writes(), writes);

  RequestReviewCommand organisation = ReviewCommand(reviewed, "review-3");
  organisation.requested_by = Party::kOrganisation;
  organisation.ground = ReviewGround::kFactsWrong;
  Investigation asked = Ok(logic_.RequestReview(organisation));
  EXPECT_EQ(asked.reviews.size(), 2u);
  Ok(logic_.DecideReview(DecideCommand(reviewed, ReviewOutcome::kDecisionStands)));
  organisation.request_id = "review-4";
  EXPECT_EQ(ErrorReasonOf(logic_.RequestReview(organisation).status()),
            reason::kReviewLimitReached);
}

TEST_F(ReviewTest, TheLimitIsAPolicyAndANewDecisionMayBeReviewedAfresh) {
  InvestigationLogic lenient(store_, clock_, ids_, WorkingDayCalendar::EnglandAndWales(),
                             InvestigationPolicy{1, 2});
  Investigation reviewed = UnderReview();
  Ok(lenient.DecideReview(DecideCommand(reviewed, ReviewOutcome::kDecisionStands)));
  Ok(lenient.RequestReview(ReviewCommand(reviewed, "review-2")));  // a second is allowed
  Investigation reopened =
      Ok(lenient.DecideReview(DecideCommand(reviewed, ReviewOutcome::kReopened)));
  Narrated(WithFinding(reopened, "cp2", testing::Upheld()));
  Ok(logic_.ShareProvisionalView(ShareCommand(reopened, kToday, 5)));
  clock_.SetToday(D(2026, 3, 10));
  Investigation second = Ok(logic_.IssueFinalDecision({reopened.name(), std::nullopt, ""}));
  ASSERT_EQ(second.final_decision->sequence, 2);
  Investigation asked = Ok(logic_.RequestReview(ReviewCommand(second, "review-3")));
  EXPECT_EQ(asked.reviews.back().decision_sequence, 2);
}

TEST_F(ReviewTest, AReopeningIsHandedToRemedyInTheSameWrite) {
  Investigation reviewed = UnderReview();
  clock_.SetToday(kToday + 3);
  const int writes = store_.successful_writes();
  Investigation reopened =
      Ok(logic_.DecideReview(DecideCommand(reviewed, ReviewOutcome::kReopened)));
  EXPECT_EQ(store_.successful_writes(), writes + 1);
  const std::vector<OutboxEntry> outbox = store_.outbox();
  ASSERT_EQ(outbox.size(), 2u);
  ASSERT_TRUE(std::holds_alternative<ReopeningHandoff>(outbox[1].handoff));
  const ReopeningHandoff& reopening = std::get<ReopeningHandoff>(outbox[1].handoff);
  EXPECT_EQ(reopening.handoff_key, reopened.name() + "/decisions/1/reopening");
  EXPECT_EQ(reopening.investigation_id, reopened.id);
  EXPECT_EQ(reopening.complaint, reopened.complaint.complaint);
  EXPECT_EQ(reopening.decision_sequence, 1);
  EXPECT_EQ(reopening.reopen_date, kToday + 3);
  EXPECT_EQ(reopening.reopen_time, reopened.update_time);
  EXPECT_EQ(outbox[1].create_time, reopened.update_time);
}

TEST_F(ReviewTest, AFailedReopeningWritesNoHandoff) {
  Investigation reviewed = UnderReview();
  store_.FailNextWrite(absl::UnavailableError("disk full"));
  EXPECT_THAT(logic_.DecideReview(DecideCommand(reviewed, ReviewOutcome::kReopened)),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(store_.outbox().size(), 1u);  // the decision only
  EXPECT_EQ(Ok(logic_.GetInvestigation(reviewed.name())).state, InvestigationState::kUnderReview);
}

TEST_F(ReviewTest, AReopenedInvestigationRunsToATargetFromTheReopening) {
  Investigation reviewed = UnderReview();  // scope agreed 60 days ago for 60 working days
  clock_.SetToday(D(2026, 3, 16));
  DecideReviewCommand command = DecideCommand(reviewed, ReviewOutcome::kReopened);
  command.decide_date = D(2026, 3, 13);
  Investigation reopened = Ok(logic_.DecideReview(command));
  EXPECT_EQ(reopened.scope->agreed_date, D(2026, 3, 13));
  EXPECT_EQ(reopened.scope->timescale_working_days, 60);
  EXPECT_EQ(reopened.scope->target_date,
            *WorkingDayCalendar::EnglandAndWales().AddWorkingDays(D(2026, 3, 13), 60));
  EXPECT_GT(reopened.scope->target_date, reviewed.scope->target_date);
}

TEST_F(ReviewTest, AReopenedScopeCanTakeInAnOverlookedPoint) {
  Investigation reviewed = UnderReview();
  Investigation reopened =
      Ok(logic_.DecideReview(DecideCommand(reviewed, ReviewOutcome::kReopened)));
  clock_.SetToday(kToday + 2);
  AgreeScopeCommand revision = ScopeCommand(reopened, kToday + 2, 30);
  revision.summary = "Also whether Cafcass answered Mr B's emails.";
  revision.points.push_back("Cafcass did not answer Mr B's emails.");
  Investigation revised = Ok(logic_.AgreeScope(revision));
  EXPECT_EQ(revised.state, InvestigationState::kInvestigating);
  EXPECT_EQ(revised.scope->summary, "Also whether Cafcass answered Mr B's emails.");
  EXPECT_EQ(revised.scope->target_date,
            *WorkingDayCalendar::EnglandAndWales().AddWorkingDays(kToday + 2, 30));
  ASSERT_EQ(revised.points.size(), 3u);
  EXPECT_EQ(revised.points[0], reopened.points[0]);  // kept, finding and all
  EXPECT_EQ(revised.points[1], reopened.points[1]);
  EXPECT_EQ(revised.points[2].point_id, "cp3");
  EXPECT_EQ(revised.points[2].description, "Cafcass did not answer Mr B's emails.");
  EXPECT_FALSE(revised.points[2].finding.has_value());

  // A revision dated before the reopening is refused.
  revision.agreed_date = kToday - 1;
  EXPECT_THAT(testing::ViolatedFields(logic_.AgreeScope(revision).status()),
              ElementsAre("scope.agreed_date"));
}

TEST_F(ReviewTest, ARevisedScopeRenumbersNothingAndDropsWhatItLeavesOut) {
  Investigation i = Investigating();  // cp1 upheld, cp2 not upheld
  AgreeScopeCommand revision = ScopeCommand(i, kToday, 40);
  revision.points = {"A reworded second point.", i.points[0].description};
  Investigation revised = Ok(logic_.AgreeScope(revision));
  ASSERT_EQ(revised.points.size(), 2u);
  EXPECT_EQ(revised.points[0].point_id, "cp3");  // reworded: a new point
  EXPECT_FALSE(revised.points[0].finding.has_value());
  EXPECT_EQ(revised.points[1], i.points[0]);  // cp1 kept; cp2 dropped
  revision.points = {"Yet another point."};
  EXPECT_EQ(Ok(logic_.AgreeScope(revision)).points[0].point_id, "cp4");
}

}  // namespace
}  // namespace redress::investigation
