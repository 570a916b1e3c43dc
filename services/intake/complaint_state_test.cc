// The complaint state machine: the table itself, and every allowed and forbidden transition
// through IntakeLogic.
#include "services/intake/complaint_state.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/intake/intake_logic_test_support.h"

namespace redress::intake {
namespace {

using redress::testing::IsOk;
using redress::testing::StatusIs;
using ::testing::HasSubstr;
using testing::IntakeLogicTest;
using testing::StateViolationOf;
using testing::ValidDraft;

TEST(ComplaintStateTableTest, ReceivedAllowsEveryAction) {
  for (ComplaintAction action : {ComplaintAction::kUpdate, ComplaintAction::kUpdatePeople,
                                 ComplaintAction::kWithdraw, ComplaintAction::kAssess}) {
    EXPECT_TRUE(IsActionAllowed(ComplaintState::kReceived, action)) << ComplaintActionName(action);
  }
}

TEST(ComplaintStateTableTest, AcceptedAndClosedAllowOnlyPeopleCorrections) {
  for (ComplaintState state : {ComplaintState::kAccepted, ComplaintState::kClosed}) {
    EXPECT_TRUE(IsActionAllowed(state, ComplaintAction::kUpdatePeople));
    EXPECT_FALSE(IsActionAllowed(state, ComplaintAction::kUpdate));
    EXPECT_FALSE(IsActionAllowed(state, ComplaintAction::kWithdraw));
    EXPECT_FALSE(IsActionAllowed(state, ComplaintAction::kAssess));
  }
}

TEST(ComplaintStateTableTest, OnlyAClosedComplaintAllowsAReviewRequest) {
  EXPECT_TRUE(IsActionAllowed(ComplaintState::kClosed, ComplaintAction::kRequestReview));
  for (ComplaintState state :
       {ComplaintState::kReceived, ComplaintState::kAccepted, ComplaintState::kUnderReview}) {
    EXPECT_FALSE(IsActionAllowed(state, ComplaintAction::kRequestReview))
        << ComplaintStateName(state);
  }
}

TEST(ComplaintStateTableTest, OnlyAComplaintUnderReviewAllowsTheReviewDecision) {
  EXPECT_TRUE(IsActionAllowed(ComplaintState::kUnderReview, ComplaintAction::kDecideReview));
  for (ComplaintState state :
       {ComplaintState::kReceived, ComplaintState::kAccepted, ComplaintState::kClosed}) {
    EXPECT_FALSE(IsActionAllowed(state, ComplaintAction::kDecideReview))
        << ComplaintStateName(state);
  }
}

TEST(ComplaintStateTableTest, UnderReviewAllowsOnlyPeopleCorrectionsAndTheDecision) {
  const ComplaintState state = ComplaintState::kUnderReview;
  EXPECT_TRUE(IsActionAllowed(state, ComplaintAction::kUpdatePeople));
  EXPECT_FALSE(IsActionAllowed(state, ComplaintAction::kUpdate));
  EXPECT_FALSE(IsActionAllowed(state, ComplaintAction::kWithdraw));
  EXPECT_FALSE(IsActionAllowed(state, ComplaintAction::kAssess));
  EXPECT_EQ(ComplaintStateName(state), "UNDER_REVIEW");
}

TEST(ComplaintStateTableTest, ForbiddenTransitionNamesTheStateAndResource) {
  Complaint c;
  c.id = "c1";
  c.state = ComplaintState::kAccepted;
  absl::Status status = CheckTransition(c, ComplaintAction::kWithdraw);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("ACCEPTED")));
  EXPECT_EQ(ErrorReasonOf(status), reason::kInvalidStateTransition);
  EXPECT_EQ(StateViolationOf(status).subject, "complaints/c1");
}

class ComplaintTransitionTest : public IntakeLogicTest {
 protected:
  // The change of narrative every state but RECEIVED refuses.
  absl::StatusOr<Complaint> UpdateNarrative(const Complaint& c) {
    Complaint patch;
    patch.what_went_wrong = "The adviser's report was late and incomplete.";
    return logic_.UpdateComplaint(c.name(), patch, {"what_went_wrong"}, "");
  }

  // A correction of a person's details, allowed in every state.
  absl::StatusOr<Complaint> CorrectPeople(const Complaint& c) {
    Complaint patch;
    patch.people = c.people;
    patch.people[0].details.email = "joe.bloggs@example.org";
    patch.complainants_reference_override = "Mr K";
    return logic_.UpdateComplaint(c.name(), patch, {"people", "complainants_reference_override"},
                                  "");
  }

  absl::StatusOr<Complaint> Withdraw(const Complaint& c) {
    return logic_.WithdrawComplaint(c.name(), "Sorted out with the organisation.", "");
  }

  absl::StatusOr<Complaint> Assess(const Complaint& c) {
    return logic_.AssessComplaint(AssessCommandFor(c, "assess-again"));
  }

  // FAILED_PRECONDITION whose PreconditionFailure names the complaint and `state`, and a stored
  // complaint that did not change.
  void ExpectRefused(const absl::StatusOr<Complaint>& result, const Complaint& before,
                     const std::string& state) {
    EXPECT_THAT(result, StatusIs(absl::StatusCode::kFailedPrecondition));
    EXPECT_EQ(ErrorReasonOf(result.status()), reason::kInvalidStateTransition);
    testing::StateViolation violation = StateViolationOf(result.status());
    EXPECT_EQ(violation.subject, before.name());
    EXPECT_THAT(violation.description, HasSubstr(state));
    absl::StatusOr<Complaint> stored = logic_.GetComplaint(before.name());
    ASSERT_THAT(stored, IsOk());
    EXPECT_EQ(*stored, before);
  }
};

TEST_F(ComplaintTransitionTest, ReceivedAllowsUpdate) {
  Complaint c = Submit(ValidDraft());
  absl::StatusOr<Complaint> updated = UpdateNarrative(c);
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(updated->state, ComplaintState::kReceived);
  EXPECT_EQ(updated->what_went_wrong, "The adviser's report was late and incomplete.");
}

TEST_F(ComplaintTransitionTest, ReceivedAllowsPeopleCorrection) {
  Complaint c = Submit(ValidDraft());
  absl::StatusOr<Complaint> updated = CorrectPeople(c);
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(updated->people[0].details.email, "joe.bloggs@example.org");
}

TEST_F(ComplaintTransitionTest, ReceivedAllowsWithdraw) {
  Complaint c = Submit(ValidDraft());
  absl::StatusOr<Complaint> withdrawn = Withdraw(c);
  ASSERT_THAT(withdrawn, IsOk());
  EXPECT_EQ(withdrawn->state, ComplaintState::kClosed);
  EXPECT_EQ(withdrawn->closure_reason, ClosureReason::kWithdrawn);
  EXPECT_EQ(withdrawn->closure_note, "Sorted out with the organisation.");
}

TEST_F(ComplaintTransitionTest, ReceivedAllowsAssess) {
  Complaint c = Submit(ValidDraft());
  absl::StatusOr<Complaint> assessed = Assess(c);
  ASSERT_THAT(assessed, IsOk());
  EXPECT_EQ(assessed->state, ComplaintState::kAccepted);
}

TEST_F(ComplaintTransitionTest, AcceptedRefusesUpdate) {
  Complaint c = Accepted();
  ExpectRefused(UpdateNarrative(c), c, "ACCEPTED");
}

TEST_F(ComplaintTransitionTest, AcceptedAllowsPeopleCorrection) {
  Complaint c = Accepted();
  absl::StatusOr<Complaint> updated = CorrectPeople(c);
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(updated->state, ComplaintState::kAccepted);
  EXPECT_EQ(updated->complainants_reference, "Mr K");
}

TEST_F(ComplaintTransitionTest, AcceptedRefusesWithdraw) {
  Complaint c = Accepted();
  ExpectRefused(Withdraw(c), c, "ACCEPTED");
}

TEST_F(ComplaintTransitionTest, AcceptedRefusesAssess) {
  Complaint c = Accepted();
  ExpectRefused(Assess(c), c, "ACCEPTED");
}

TEST_F(ComplaintTransitionTest, ClosedRefusesUpdate) {
  Complaint c = ClosedAsPremature();
  ExpectRefused(UpdateNarrative(c), c, "CLOSED");
}

TEST_F(ComplaintTransitionTest, ClosedAllowsPeopleCorrection) {
  Complaint c = ClosedAsPremature();
  absl::StatusOr<Complaint> updated = CorrectPeople(c);
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(updated->state, ComplaintState::kClosed);
  EXPECT_EQ(updated->closure_reason, ClosureReason::kPremature);
}

TEST_F(ComplaintTransitionTest, ClosedRefusesWithdraw) {
  Complaint c = ClosedAsPremature();
  ExpectRefused(Withdraw(c), c, "CLOSED");
}

TEST_F(ComplaintTransitionTest, ClosedRefusesAssess) {
  Complaint c = ClosedAsPremature();
  ExpectRefused(Assess(c), c, "CLOSED");
}

// Closed at assessment, and a review of that decision asked for.
class UnderReviewTransitionTest : public ComplaintTransitionTest {
 protected:
  Complaint UnderReview() {
    RequestReviewCommand command;
    command.name = ClosedAsPremature().name();
    command.request_id = "review-1";
    command.ground = AssessmentReviewGround::kNewInformation;
    command.explanation = "Cafcass has now replied.";
    absl::StatusOr<Complaint> c = logic_.RequestAssessmentReview(command);
    EXPECT_TRUE(c.ok() && c->state == ComplaintState::kUnderReview) << c.status();
    return c.ok() ? *c : Complaint();
  }
};

TEST_F(UnderReviewTransitionTest, UnderReviewRefusesUpdate) {
  Complaint c = UnderReview();
  ExpectRefused(UpdateNarrative(c), c, "UNDER_REVIEW");
}

TEST_F(UnderReviewTransitionTest, UnderReviewAllowsPeopleCorrection) {
  Complaint c = UnderReview();
  absl::StatusOr<Complaint> updated = CorrectPeople(c);
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(updated->state, ComplaintState::kUnderReview);
}

TEST_F(UnderReviewTransitionTest, UnderReviewRefusesWithdraw) {
  Complaint c = UnderReview();
  ExpectRefused(Withdraw(c), c, "UNDER_REVIEW");
}

TEST_F(UnderReviewTransitionTest, UnderReviewRefusesAssess) {
  Complaint c = UnderReview();
  ExpectRefused(Assess(c), c, "UNDER_REVIEW");
}

TEST_F(ComplaintTransitionTest, WithdrawingAWithdrawnComplaintReturnsItUnchanged) {
  absl::StatusOr<Complaint> withdrawn = Withdraw(Submit(ValidDraft()));
  ASSERT_THAT(withdrawn, IsOk());
  const int writes = store_.write_calls();
  absl::StatusOr<Complaint> again =
      logic_.WithdrawComplaint(withdrawn->name(), "Changed my mind again.", "1");
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(*again, *withdrawn);
  EXPECT_EQ(store_.write_calls(), writes);
}

TEST_F(ComplaintTransitionTest, WithdrawnComplaintRefusesAssess) {
  absl::StatusOr<Complaint> withdrawn = Withdraw(Submit(ValidDraft()));
  ASSERT_THAT(withdrawn, IsOk());
  ExpectRefused(Assess(*withdrawn), *withdrawn, "CLOSED");
}

}  // namespace
}  // namespace redress::intake
