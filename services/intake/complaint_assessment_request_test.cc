// IntakeLogic::AssessComplaint, the request: retries and reused request ids, validate_only, invalid
// commands, a stale etag, a missing complaint, races and store failures. The outcomes are in
// complaint_assessment_test.cc.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "services/intake/complaint_assessment_fixture.h"
#include "services/intake/intake_logic.h"
#include "services/intake/intake_logic_test_support.h"

namespace redress::intake {
namespace {

using redress::testing::IsOk;
using redress::testing::StatusIs;
using testing::AssessTest;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::kToday;
using ::testing::SizeIs;
using testing::ValidDraft;
using testing::ViolatedFields;

TEST_F(AssessTest, RetryWithTheSameRequestIdReturnsTheRecordedResult) {
  AssessCommand command;
  command.fingerprint = "body-a";
  command.etag = "1";
  absl::StatusOr<Complaint> first = SubmitAndAssess(ValidDraft(), command);
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ(first->assessment->request_fingerprint, "body-a");
  const int writes = store_.write_calls();
  clock_.Advance(absl::Hours(2));
  AssessCommand retry = AssessCommandFor(*first);
  retry.fingerprint = "body-a";
  retry.etag = "1";  // the etag the first attempt sent
  absl::StatusOr<Complaint> again = logic_.AssessComplaint(retry);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(*again, *first);
  EXPECT_EQ(store_.write_calls(), writes);
  absl::StatusOr<std::vector<OutboxEntry>> outbox = store_.ListOutbox(true, 10);
  ASSERT_THAT(outbox, IsOk());
  EXPECT_THAT(*outbox, SizeIs(1));
}

TEST_F(AssessTest, ReusingTheRequestIdForADifferentAssessmentIsRejected) {
  AssessCommand command;
  command.fingerprint = "body-a";
  absl::StatusOr<Complaint> first = SubmitAndAssess(ValidDraft(), command);
  ASSERT_THAT(first, IsOk());
  const int writes = store_.write_calls();
  AssessCommand reuse = AssessCommandFor(*first);  // the same request_id, "assess-1"
  reuse.fingerprint = "body-b";
  reuse.closure = CaseworkerClosure::kDiscretion;
  reuse.closure_note = "Not worth pursuing.";
  absl::StatusOr<Complaint> result = logic_.AssessComplaint(reuse);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("already used for a different AssessComplaint request")));
  EXPECT_EQ(ErrorReasonOf(result.status()), "REQUEST_ID_REUSED");
  EXPECT_THAT(ViolatedFields(result.status()), ElementsAre("request_id"));
  EXPECT_EQ(store_.write_calls(), writes);
  absl::StatusOr<Complaint> stored = logic_.GetComplaint(first->name());
  ASSERT_THAT(stored, IsOk());
  EXPECT_EQ(*stored, *first);
  EXPECT_THAT(store_.outbox(), SizeIs(1));
}

TEST_F(AssessTest, AssessingAnAcceptedComplaintAgainIsRefused) {
  absl::StatusOr<Complaint> first = SubmitAndAssess(ValidDraft());
  ASSERT_THAT(first, IsOk());
  absl::StatusOr<Complaint> again = logic_.AssessComplaint(AssessCommandFor(*first, "assess-2"));
  EXPECT_THAT(again, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("ACCEPTED")));
  absl::StatusOr<std::vector<OutboxEntry>> outbox = store_.ListOutbox(true, 10);
  ASSERT_THAT(outbox, IsOk());
  EXPECT_THAT(*outbox, SizeIs(1));
}

TEST_F(AssessTest, ValidateOnlyWritesNothing) {
  Complaint c = Submit(ValidDraft());
  const int writes = store_.write_calls();
  AssessCommand command = AssessCommandFor(c);
  command.validate_only = true;
  command.fingerprint = "validate-only body";
  absl::StatusOr<Complaint> would_be = logic_.AssessComplaint(command);
  ExpectAccepted(would_be);
  EXPECT_EQ(would_be->version, c.version);  // the stored etag stays valid
  EXPECT_EQ(store_.write_calls(), writes);
  EXPECT_THAT(store_.outbox(), IsEmpty());
  absl::StatusOr<Complaint> stored = logic_.GetComplaint(c.name());
  ASSERT_THAT(stored, IsOk());
  EXPECT_EQ(*stored, c);
  // Nothing of the preview was recorded, its request_id included: the real request, whose body
  // differs, is not a reuse of it.
  command.validate_only = false;
  command.fingerprint = "recording body";
  command.etag = "1";
  ExpectAccepted(logic_.AssessComplaint(command));
  EXPECT_THAT(store_.outbox(), SizeIs(1));
}

TEST_F(AssessTest, ReportsEveryInvalidPartOfTheCommandAtOnce) {
  Complaint c = Submit(ValidDraft());
  AssessCommand command;
  command.name = c.name();
  command.overrides = {{AssessmentCheck::kInRemit, true, "It should be."},
                       {AssessmentCheck::kWithinTime, true, ""},
                       {AssessmentCheck::kWithinTime, false, "Twice."}};
  command.closure = CaseworkerClosure::kDiscretion;
  command.assessment_date = kToday + 1;
  const int writes = store_.write_calls();
  absl::StatusOr<Complaint> result = logic_.AssessComplaint(command);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(result.status()),
              ElementsAre("request_id", "assessor", "overrides[0].check", "overrides[1].reason",
                          "overrides[2].check", "closure_reason_note", "assessment_date"));
  EXPECT_EQ(store_.write_calls(), writes);
}

TEST_F(AssessTest, AnOverrideNeedsACheck) {
  Complaint c = Submit(ValidDraft());
  AssessCommand command = AssessCommandFor(c);
  command.overrides = {{static_cast<AssessmentCheck>(0), true, "Unspecified check."}};
  EXPECT_THAT(ViolatedFields(logic_.AssessComplaint(command).status()),
              ElementsAre("overrides[0].check"));
}

TEST_F(AssessTest, AssessmentDateMayNotPrecedeReceipt) {
  Complaint c = Submit(ValidDraft());
  AssessCommand command = AssessCommandFor(c);
  command.assessment_date = kToday - 1;
  EXPECT_THAT(ViolatedFields(logic_.AssessComplaint(command).status()),
              ElementsAre("assessment_date"));
}

TEST_F(AssessTest, AGivenAssessmentDateIsRecorded) {
  Complaint draft = ValidDraft();
  draft.receive_date = absl::CivilDay(2026, 2, 2);
  AssessCommand command;
  command.assessment_date = absl::CivilDay(2026, 2, 20);
  absl::StatusOr<Complaint> c = SubmitAndAssess(draft, command);
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ(c->assessment->assessment_date, absl::CivilDay(2026, 2, 20));
}

TEST_F(AssessTest, StaleEtagIsAborted) {
  Complaint c = Submit(ValidDraft());
  AssessCommand command = AssessCommandFor(c);
  command.etag = "5";
  EXPECT_THAT(logic_.AssessComplaint(command), StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(store_.outbox(), IsEmpty());
}

TEST_F(AssessTest, MissingOrMalformedComplaint) {
  AssessCommand command = AssessCommandFor(Complaint{});
  command.name = "complaints/nope";
  EXPECT_THAT(logic_.AssessComplaint(command), StatusIs(absl::StatusCode::kNotFound));
  command.name = "nope";
  EXPECT_THAT(ViolatedFields(logic_.AssessComplaint(command).status()), ElementsAre("name"));
}

TEST_F(AssessTest, AConcurrentRetryOfTheSameRequestRecordsOnce) {
  Complaint c = Submit(ValidDraft());
  absl::StatusOr<Complaint> winner;
  store_.RunBeforeNextWrite([&] { winner = logic_.AssessComplaint(AssessCommandFor(c)); });
  absl::StatusOr<Complaint> loser = logic_.AssessComplaint(AssessCommandFor(c));
  ASSERT_THAT(winner, IsOk());
  ASSERT_THAT(loser, IsOk());
  EXPECT_EQ(*loser, *winner);
  EXPECT_THAT(store_.outbox(), SizeIs(1));
}

TEST_F(AssessTest, AConcurrentReuseOfTheRequestIdIsRejected) {
  Complaint c = Submit(ValidDraft());
  AssessCommand winner = AssessCommandFor(c);
  winner.fingerprint = "body-a";
  store_.RunBeforeNextWrite([&] { ASSERT_THAT(logic_.AssessComplaint(winner), IsOk()); });
  AssessCommand loser = AssessCommandFor(c);
  loser.fingerprint = "body-b";
  absl::StatusOr<Complaint> result = logic_.AssessComplaint(loser);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(ErrorReasonOf(result.status()), "REQUEST_ID_REUSED");
  EXPECT_THAT(store_.outbox(), SizeIs(1));
}

TEST_F(AssessTest, AConcurrentDifferentAssessmentIsAborted) {
  Complaint c = Submit(ValidDraft());
  store_.RunBeforeNextWrite(
      [&] { ASSERT_THAT(logic_.AssessComplaint(AssessCommandFor(c, "other")), IsOk()); });
  EXPECT_THAT(logic_.AssessComplaint(AssessCommandFor(c)), StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(store_.outbox(), SizeIs(1));
}

TEST_F(AssessTest, AStoreFailureRecordsNothing) {
  Complaint c = Submit(ValidDraft());
  store_.FailNextWrite(absl::UnavailableError("disk gone"));
  EXPECT_THAT(logic_.AssessComplaint(AssessCommandFor(c)),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(store_.outbox(), IsEmpty());
  absl::StatusOr<Complaint> stored = logic_.GetComplaint(c.name());
  ASSERT_THAT(stored, IsOk());
  EXPECT_EQ(stored->state, ComplaintState::kReceived);
}

}  // namespace
}  // namespace redress::intake
