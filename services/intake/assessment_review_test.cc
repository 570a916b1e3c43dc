// IntakeLogic::RequestAssessmentReview and DecideAssessmentReview: asking for a review of the
// assessment decision that closed a complaint, within its time limit and once per decision, and
// deciding it -- the decision stands, or the complaint is reopened to assessment with the earlier
// assessment kept.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "services/intake/complaint_state.h"
#include "services/intake/intake_logic.h"
#include "services/intake/intake_logic_test_support.h"

namespace redress::intake {
namespace {

using redress::testing::IsOk;
using redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::IntakeLogicTest;
using ::testing::IsEmpty;
using testing::kToday;
using ::testing::SizeIs;
using testing::StateViolationOf;
using testing::ValidDraft;
using testing::ViolatedFields;

class AssessmentReviewTest : public IntakeLogicTest {
 protected:
  RequestReviewCommand RequestFor(const Complaint& c, std::string request_id = "review-1") {
    RequestReviewCommand command;
    command.name = c.name();
    command.request_id = std::move(request_id);
    command.fingerprint = "fingerprint-of-" + command.request_id;
    command.ground = AssessmentReviewGround::kFactsWrong;
    command.explanation = "I did complain to Cafcass: here is their reply of 10 December.";
    return command;
  }

  DecideReviewCommand DecisionFor(const Complaint& c, AssessmentReviewOutcome outcome) {
    DecideReviewCommand command;
    command.name = c.name();
    command.outcome = outcome;
    command.reason = "The complaint to Cafcass was recorded wrongly.";
    command.reviewer = "reviewer-3";
    return command;
  }

  Complaint UnderReview() {
    absl::StatusOr<Complaint> c = logic_.RequestAssessmentReview(RequestFor(ClosedAsPremature()));
    EXPECT_THAT(c, IsOk());
    return c.ok() ? *c : Complaint();
  }

  Complaint Reopened() {
    absl::StatusOr<Complaint> c = logic_.DecideAssessmentReview(
        DecisionFor(UnderReview(), AssessmentReviewOutcome::kReopened));
    EXPECT_THAT(c, IsOk());
    return c.ok() ? *c : Complaint();
  }

  // The stored complaint, which the test expects to equal `expected`.
  void ExpectStored(const Complaint& expected) {
    absl::StatusOr<Complaint> stored = logic_.GetComplaint(expected.name());
    ASSERT_THAT(stored, IsOk());
    EXPECT_EQ(*stored, expected);
  }
};

TEST_F(AssessmentReviewTest, AReviewOfAClosedComplaintIsRecordedAndPutsItUnderReview) {
  const Complaint closed = ClosedAsPremature();
  clock_.SetToday(kToday + 5);
  RequestReviewCommand command = RequestFor(closed);
  command.request_date = kToday + 3;
  absl::StatusOr<Complaint> c = logic_.RequestAssessmentReview(command);
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ(c->state, ComplaintState::kUnderReview);
  EXPECT_EQ(c->closure_reason, ClosureReason::kPremature);  // the decision under review
  EXPECT_EQ(c->assessment, closed.assessment);
  EXPECT_EQ(c->version, closed.version + 1);
  ASSERT_THAT(c->reviews, SizeIs(1));
  const AssessmentReview& review = c->reviews[0];
  EXPECT_EQ(review.review_id, "r1");
  EXPECT_EQ(review.assessment_number, 1);
  EXPECT_EQ(review.ground, AssessmentReviewGround::kFactsWrong);
  EXPECT_EQ(review.explanation, command.explanation);
  EXPECT_EQ(review.request_date, kToday + 3);
  EXPECT_EQ(review.request_time, clock_.Now());
  EXPECT_EQ(review.outcome, AssessmentReviewOutcome::kUndecided);
  ExpectStored(*c);
}

TEST_F(AssessmentReviewTest, ARetryReturnsTheComplaintAndAReusedRequestIdIsRefused) {
  const Complaint under_review = UnderReview();
  const int writes = store_.write_calls();
  absl::StatusOr<Complaint> retry = logic_.RequestAssessmentReview(RequestFor(under_review));
  ASSERT_THAT(retry, IsOk());
  EXPECT_EQ(*retry, under_review);
  EXPECT_EQ(store_.write_calls(), writes);

  RequestReviewCommand other = RequestFor(under_review);
  other.fingerprint = "another body";
  absl::StatusOr<Complaint> reused = logic_.RequestAssessmentReview(other);
  EXPECT_THAT(reused, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(ErrorReasonOf(reused.status()), redress::reason::kRequestIdReused);
  EXPECT_THAT(ViolatedFields(reused.status()), ElementsAre("request_id"));
}

TEST_F(AssessmentReviewTest, TheDecisionCanStand) {
  const Complaint under_review = UnderReview();
  DecideReviewCommand command = DecisionFor(under_review, AssessmentReviewOutcome::kDecisionStands);
  command.decide_date = kToday;
  absl::StatusOr<Complaint> c = logic_.DecideAssessmentReview(command);
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ(c->state, ComplaintState::kClosed);
  EXPECT_EQ(c->closure_reason, ClosureReason::kPremature);
  EXPECT_EQ(c->assessment, under_review.assessment);
  EXPECT_THAT(c->previous_assessments, IsEmpty());
  const AssessmentReview& review = c->reviews.at(0);
  EXPECT_EQ(review.outcome, AssessmentReviewOutcome::kDecisionStands);
  EXPECT_EQ(review.outcome_reason, command.reason);
  EXPECT_EQ(review.reviewer, "reviewer-3");
  EXPECT_EQ(review.decide_date, kToday);
  EXPECT_EQ(review.decide_time, clock_.Now());
  ExpectStored(*c);
}

TEST_F(AssessmentReviewTest, ADecisionIsReviewedOnce) {
  absl::StatusOr<Complaint> stood = logic_.DecideAssessmentReview(
      DecisionFor(UnderReview(), AssessmentReviewOutcome::kDecisionStands));
  ASSERT_THAT(stood, IsOk());
  absl::StatusOr<Complaint> again = logic_.RequestAssessmentReview(RequestFor(*stood, "review-2"));
  EXPECT_THAT(again, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("r1")));
  EXPECT_EQ(ErrorReasonOf(again.status()), kReasonAlreadyReviewed);
  ExpectStored(*stood);
}

TEST_F(AssessmentReviewTest, ReopeningMakesTheComplaintAssessableAgainAndKeepsTheDecision) {
  const Complaint under_review = UnderReview();
  absl::StatusOr<Complaint> c =
      logic_.DecideAssessmentReview(DecisionFor(under_review, AssessmentReviewOutcome::kReopened));
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ(c->state, ComplaintState::kReceived);
  EXPECT_FALSE(c->assessment.has_value());
  EXPECT_EQ(c->closure_reason, ClosureReason::kNone);
  EXPECT_EQ(c->closure_note, "");
  ASSERT_THAT(c->previous_assessments, SizeIs(1));
  EXPECT_EQ(c->previous_assessments[0], *under_review.assessment);
  EXPECT_EQ(c->reviews.at(0).outcome, AssessmentReviewOutcome::kReopened);
  ExpectStored(*c);

  // The fact that was wrong is corrected, and the complaint is assessed again: accepted.
  Complaint patch;
  patch.complained_to_organisation_date = absl::CivilDay(2025, 10, 15);
  patch.final_response_date = absl::CivilDay(2025, 12, 10);
  ASSERT_THAT(logic_.UpdateComplaint(
                  c->name(), patch, {"complained_to_organisation_date", "final_response_date"}, ""),
              IsOk());
  absl::StatusOr<Complaint> accepted =
      logic_.AssessComplaint(AssessCommandFor(*c, "assess-after-review"));
  ASSERT_THAT(accepted, IsOk());
  EXPECT_EQ(accepted->state, ComplaintState::kAccepted);
  EXPECT_THAT(accepted->previous_assessments, SizeIs(1));
  EXPECT_THAT(store_.outbox(), SizeIs(1));
}

TEST_F(AssessmentReviewTest, ALateRetryOfTheReopenedAssessmentDoesNotAssessAgain) {
  const Complaint reopened = Reopened();
  const int writes = store_.write_calls();
  // ClosedAsPremature assessed with "assess-1"; its retry after the reopening.
  absl::StatusOr<Complaint> retry = logic_.AssessComplaint(AssessCommandFor(reopened, "assess-1"));
  ASSERT_THAT(retry, IsOk());
  EXPECT_EQ(*retry, reopened);
  EXPECT_EQ(store_.write_calls(), writes);
}

TEST_F(AssessmentReviewTest, TheNewDecisionAfterAReopeningCanBeReviewedInItsTurn) {
  const Complaint reopened = Reopened();
  absl::StatusOr<Complaint> closed_again =
      logic_.AssessComplaint(AssessCommandFor(reopened, "assess-2"));  // still premature
  ASSERT_THAT(closed_again, IsOk());
  ASSERT_EQ(closed_again->state, ComplaintState::kClosed);
  absl::StatusOr<Complaint> c =
      logic_.RequestAssessmentReview(RequestFor(*closed_again, "review-2"));
  ASSERT_THAT(c, IsOk());
  ASSERT_THAT(c->reviews, SizeIs(2));
  EXPECT_EQ(c->reviews[1].review_id, "r2");
  EXPECT_EQ(c->reviews[1].assessment_number, 2);
  ExpectStored(*c);
}

TEST_F(AssessmentReviewTest, AComplaintHasAtMostTenReviews) {
  Complaint c = Reopened();
  for (int n = 2; n <= IntakePolicy().max_reviews; ++n) {
    absl::StatusOr<Complaint> closed =
        logic_.AssessComplaint(AssessCommandFor(c, "assess-" + std::to_string(n)));
    ASSERT_THAT(closed, IsOk());
    ASSERT_EQ(closed->state, ComplaintState::kClosed);
    absl::StatusOr<Complaint> reviewed =
        logic_.RequestAssessmentReview(RequestFor(*closed, "review-" + std::to_string(n)));
    ASSERT_THAT(reviewed, IsOk());
    absl::StatusOr<Complaint> reopened =
        logic_.DecideAssessmentReview(DecisionFor(*reviewed, AssessmentReviewOutcome::kReopened));
    ASSERT_THAT(reopened, IsOk());
    c = *reopened;
  }
  ASSERT_THAT(c.reviews, SizeIs(IntakePolicy().max_reviews));
  absl::StatusOr<Complaint> closed = logic_.AssessComplaint(AssessCommandFor(c, "assess-last"));
  ASSERT_THAT(closed, IsOk());
  const absl::Status refused =
      logic_.RequestAssessmentReview(RequestFor(*closed, "review-last")).status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(refused), kReasonReviewLimitReached);
}

TEST_F(AssessmentReviewTest, AWithdrawnComplaintHasNoDecisionToReview) {
  absl::StatusOr<Complaint> withdrawn =
      logic_.WithdrawComplaint(Submit(ValidDraft()).name(), "Sorted out.", "");
  ASSERT_THAT(withdrawn, IsOk());
  absl::StatusOr<Complaint> c = logic_.RequestAssessmentReview(RequestFor(*withdrawn));
  EXPECT_THAT(c, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("withdrawn")));
  EXPECT_EQ(ErrorReasonOf(c.status()), kReasonNotClosedByAssessment);
  ExpectStored(*withdrawn);
}

TEST_F(AssessmentReviewTest, AReviewMustBeAskedForWithinOneMonthOfTheAssessment) {
  // Assessed on kToday, 2026-03-02: the window ends 2026-04-02.
  const Complaint closed = ClosedAsPremature();
  clock_.SetToday(absl::CivilDay(2026, 4, 10));
  RequestReviewCommand command = RequestFor(closed);
  command.request_date = absl::CivilDay(2026, 4, 3);
  absl::StatusOr<Complaint> late = logic_.RequestAssessmentReview(command);
  EXPECT_THAT(late, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("2026-04-02")));
  EXPECT_EQ(ErrorReasonOf(late.status()), kReasonReviewWindowClosed);
  EXPECT_EQ(PreconditionViolationsOf(late.status()).at(0).type, "REVIEW_WINDOW");
  ExpectStored(closed);

  command.request_date = absl::CivilDay(2026, 4, 2);  // the last day
  EXPECT_THAT(logic_.RequestAssessmentReview(command), IsOk());
}

TEST_F(AssessmentReviewTest, ARequestDatedBeforeTheAssessmentIsInvalid) {
  const Complaint closed = ClosedAsPremature();
  RequestReviewCommand command = RequestFor(closed);
  command.request_date = kToday - 1;
  absl::StatusOr<Complaint> c = logic_.RequestAssessmentReview(command);
  EXPECT_THAT(c, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(c.status()), ElementsAre("request_date"));
}

TEST_F(AssessmentReviewTest, InvalidRequestsReportEveryField) {
  const Complaint closed = ClosedAsPremature();
  RequestReviewCommand request;
  request.name = "complaint/x";
  request.request_date = kToday + 1;
  absl::StatusOr<Complaint> c = logic_.RequestAssessmentReview(request);
  EXPECT_THAT(c, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(c.status()),
              ElementsAre("name", "request_id", "ground", "explanation", "request_date"));

  DecideReviewCommand decision;
  decision.name = closed.name();
  decision.decide_date = kToday + 1;
  c = logic_.DecideAssessmentReview(decision);
  EXPECT_THAT(c, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(c.status()),
              ElementsAre("outcome", "reason", "reviewer", "decide_date"));
  ExpectStored(closed);
}

TEST_F(AssessmentReviewTest, ADecisionDatedBeforeTheRequestIsInvalid) {
  const Complaint under_review = UnderReview();
  DecideReviewCommand command = DecisionFor(under_review, AssessmentReviewOutcome::kReopened);
  command.decide_date = kToday - 1;
  absl::StatusOr<Complaint> c = logic_.DecideAssessmentReview(command);
  EXPECT_THAT(c, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(c.status()), ElementsAre("decide_date"));
  ExpectStored(under_review);
}

TEST_F(AssessmentReviewTest, AStaleEtagIsAbortedAndAMissingComplaintNotFound) {
  const Complaint closed = ClosedAsPremature();
  RequestReviewCommand request = RequestFor(closed);
  request.etag = "1";
  EXPECT_THAT(logic_.RequestAssessmentReview(request), StatusIs(absl::StatusCode::kAborted));
  const Complaint under_review = UnderReview();
  DecideReviewCommand decision = DecisionFor(under_review, AssessmentReviewOutcome::kReopened);
  decision.etag = "2";
  EXPECT_THAT(logic_.DecideAssessmentReview(decision), StatusIs(absl::StatusCode::kAborted));
  ExpectStored(under_review);
  request.name = "complaints/nope";
  EXPECT_THAT(logic_.RequestAssessmentReview(request), StatusIs(absl::StatusCode::kNotFound));
}

// --- Forbidden transitions of the review actions, state by state. ---

TEST_F(AssessmentReviewTest, OnlyAClosedComplaintCanHaveItsDecisionReviewed) {
  const Complaint received = Submit(ValidDraft());
  const Complaint accepted = Accepted();
  const Complaint under_review = UnderReview();
  for (const Complaint& c : {received, accepted, under_review}) {
    absl::StatusOr<Complaint> result = logic_.RequestAssessmentReview(RequestFor(c, "review-x"));
    EXPECT_THAT(result, StatusIs(absl::StatusCode::kFailedPrecondition));
    EXPECT_EQ(ErrorReasonOf(result.status()), redress::reason::kInvalidStateTransition);
    EXPECT_THAT(StateViolationOf(result.status()).description,
                HasSubstr(std::string(ComplaintStateName(c.state))));
    ExpectStored(c);
  }
}

TEST_F(AssessmentReviewTest, OnlyAComplaintUnderReviewCanHaveAReviewDecided) {
  const Complaint received = Submit(ValidDraft());
  const Complaint accepted = Accepted();
  const Complaint closed = ClosedAsPremature();
  for (const Complaint& c : {received, accepted, closed}) {
    absl::StatusOr<Complaint> result =
        logic_.DecideAssessmentReview(DecisionFor(c, AssessmentReviewOutcome::kDecisionStands));
    EXPECT_THAT(result, StatusIs(absl::StatusCode::kFailedPrecondition));
    EXPECT_EQ(ErrorReasonOf(result.status()), redress::reason::kInvalidStateTransition);
    ExpectStored(c);
  }
}

}  // namespace
}  // namespace redress::intake
