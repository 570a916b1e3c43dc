// IntakeLogic::AssessComplaint: every outcome, the time-limit boundaries, retries and the outbox.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ostream>

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
using testing::MakePerson;
using ::testing::SizeIs;
using testing::ValidDraft;
using testing::ViolatedFields;

class AssessTest : public IntakeLogicTest {
 protected:
  // Submits `draft` and assesses it with `command` (its name filled in).
  absl::StatusOr<Complaint> SubmitAndAssess(const Complaint& draft, AssessCommand command = {}) {
    Complaint c = Submit(draft);
    AssessCommand defaults = AssessCommandFor(c);
    command.name = c.name();
    if (command.request_id.empty()) command.request_id = defaults.request_id;
    if (command.assessor.empty()) command.assessor = defaults.assessor;
    return logic_.AssessComplaint(command);
  }

  // Expects a complaint closed at assessment for `reason`, with no hand-off written.
  void ExpectClosed(const absl::StatusOr<Complaint>& c, ClosureReason reason,
                    const std::string& note_part) {
    ASSERT_THAT(c, IsOk());
    EXPECT_EQ(c->state, ComplaintState::kClosed);
    EXPECT_EQ(c->closure_reason, reason);
    ASSERT_TRUE(c->assessment.has_value());
    EXPECT_FALSE(c->assessment->accepted);
    EXPECT_EQ(c->assessment->closure_reason, reason);
    EXPECT_THAT(c->closure_note, HasSubstr(note_part));
    EXPECT_THAT(store_.outbox(), IsEmpty());
    absl::StatusOr<Complaint> stored = logic_.GetComplaint(c->name());
    ASSERT_THAT(stored, IsOk());
    EXPECT_EQ(*stored, *c);
  }

  void ExpectAccepted(const absl::StatusOr<Complaint>& c) {
    ASSERT_THAT(c, IsOk());
    EXPECT_EQ(c->state, ComplaintState::kAccepted) << c->closure_note;
    EXPECT_EQ(c->closure_reason, ClosureReason::kNone);
    ASSERT_TRUE(c->assessment.has_value());
    EXPECT_TRUE(c->assessment->accepted);
  }
};

TEST_F(AssessTest, AcceptsAndHandsOverInTheSameWrite) {
  absl::StatusOr<Complaint> c = SubmitAndAssess(ValidDraft());
  ExpectAccepted(c);
  EXPECT_EQ(c->version, 2);
  const Assessment& a = *c->assessment;
  EXPECT_THAT(a.checks, SizeIs(5));
  for (const CheckResult& check : a.checks) EXPECT_TRUE(check.passed) << check.reason;
  EXPECT_EQ(a.assessor, "caseworker-17");
  EXPECT_EQ(a.request_id, "assess-1");
  EXPECT_EQ(a.assessment_date, kToday);
  EXPECT_EQ(a.assess_time, clock_.Now());
  std::vector<OutboxEntry> outbox = store_.outbox();
  ASSERT_THAT(outbox, SizeIs(1));
  const AcceptanceHandoff& handoff = outbox[0].handoff;
  EXPECT_EQ(handoff.handoff_key, "complaints/id1/acceptance");
  EXPECT_EQ(handoff.complaint_id, "id1");
  EXPECT_EQ(handoff.complainants_reference, "Mr B");
  EXPECT_THAT(handoff.organisation_ids, ElementsAre("cafcass"));
  EXPECT_EQ(handoff.what_went_wrong, c->what_went_wrong);
  EXPECT_EQ(handoff.injustice_claimed, c->injustice_claimed);
  EXPECT_EQ(handoff.outcome_wanted, c->outcome_wanted);
  EXPECT_EQ(handoff.accept_time, clock_.Now());
  absl::StatusOr<Complaint> stored = logic_.GetComplaint(c->name());
  ASSERT_THAT(stored, IsOk());
  EXPECT_EQ(*stored, *c);
}

TEST_F(AssessTest, OutOfRemit) {
  Complaint draft = ValidDraft();
  draft.organisation_ids = {"example-borough-council"};
  ExpectClosed(SubmitAndAssess(draft), ClosureReason::kOutOfRemit, "Example Borough Council");
}

TEST_F(AssessTest, NotProperlyMadeByTelephoneWithoutWrittenConfirmation) {
  Complaint draft = ValidDraft();
  draft.channel = SubmissionChannel::kTelephone;
  ExpectClosed(SubmitAndAssess(draft), ClosureReason::kNotProperlyMade, "telephone");
}

TEST_F(AssessTest, NotProperlyMadeByAnUnauthorisedRepresentative) {
  Complaint draft = ValidDraft();
  draft.people.push_back(MakePerson(PersonRole::kRepresentative, "Ms", "Cat", "Carter"));
  ExpectClosed(SubmitAndAssess(draft), ClosureReason::kNotProperlyMade, "Ms C");
}

TEST_F(AssessTest, NotProperlyMadeWithoutARequiredMpReferral) {
  Complaint draft = ValidDraft();
  draft.organisation_ids = {"hmcts"};
  ExpectClosed(SubmitAndAssess(draft), ClosureReason::kNotProperlyMade,
               "HM Courts and Tribunals Service (HMCTS)");
}

TEST_F(AssessTest, MpReferralMakesItProperlyMade) {
  Complaint draft = ValidDraft();
  draft.organisation_ids = {"hmcts"};
  draft.mp_referral = MpReferral{"Jane Smith MP", "Anytown", absl::CivilDay(2026, 2, 2)};
  ExpectAccepted(SubmitAndAssess(draft));
}

TEST_F(AssessTest, PrematureWithoutAComplaintToTheOrganisation) {
  Complaint draft = ValidDraft();
  draft.complained_to_organisation_date.reset();
  draft.final_response_date.reset();
  ExpectClosed(SubmitAndAssess(draft), ClosureReason::kPremature,
               "no complaint to the organisation");
}

TEST_F(AssessTest, PrematureWhenComplainedRecently) {
  Complaint draft = ValidDraft();
  draft.complained_to_organisation_date = absl::CivilDay(2026, 1, 5);
  draft.final_response_date.reset();
  draft.receive_date = absl::CivilDay(2026, 2, 27);  // 40 working days end 2026-03-02
  AssessCommand command;
  command.assessment_date = absl::CivilDay(2026, 2, 27);  // assessed before they end
  ExpectClosed(SubmitAndAssess(draft, command), ClosureReason::kPremature, "2026-03-02");
}

TEST_F(AssessTest, ReasonableTimeWithoutResponseCompletesTheProcess) {
  Complaint draft = ValidDraft();
  draft.complained_to_organisation_date = absl::CivilDay(2026, 1, 5);
  draft.final_response_date.reset();  // received today, 2026-03-02
  ExpectAccepted(SubmitAndAssess(draft));
}

TEST_F(AssessTest, DiscretionWhenOutOfTime) {
  Complaint draft = ValidDraft();
  draft.aware_date = absl::CivilDay(2024, 6, 1);
  ExpectClosed(SubmitAndAssess(draft), ClosureReason::kDiscretion, "out of time");
}

TEST_F(AssessTest, DiscretionWhenNoInjusticeIsClaimed) {
  Complaint draft = ValidDraft();
  draft.injustice_claimed = "";
  ExpectClosed(SubmitAndAssess(draft), ClosureReason::kDiscretion, "no injustice");
}

TEST_F(AssessTest, DiscretionByCaseworkerChoice) {
  AssessCommand command;
  command.closure = CaseworkerClosure::kDiscretion;
  command.closure_note = "The court has already ordered a new report.";
  absl::StatusOr<Complaint> c = SubmitAndAssess(ValidDraft(), command);
  ExpectClosed(c, ClosureReason::kDiscretion, "The court has already ordered a new report.");
  EXPECT_EQ(c->closure_note, "The court has already ordered a new report.");
}

TEST_F(AssessTest, ResolvedWithoutInvestigation) {
  AssessCommand command;
  command.closure = CaseworkerClosure::kResolvedWithoutInvestigation;
  command.closure_note = "Cafcass agreed to apologise and correct the report.";
  ExpectClosed(SubmitAndAssess(ValidDraft(), command), ClosureReason::kResolvedWithoutInvestigation,
               "agreed to apologise");
}

TEST_F(AssessTest, AFailedCheckOutranksTheCaseworkersClosure) {
  Complaint draft = ValidDraft();
  draft.complained_to_organisation_date.reset();
  draft.final_response_date.reset();
  AssessCommand command;
  command.closure = CaseworkerClosure::kResolvedWithoutInvestigation;
  command.closure_note = "Agreed to act.";
  ExpectClosed(SubmitAndAssess(draft, command), ClosureReason::kPremature, "premature");
}

TEST_F(AssessTest, AnOverrideOfAJudgementCheckIsRecorded) {
  Complaint draft = ValidDraft();
  draft.channel = SubmissionChannel::kTelephone;
  AssessCommand command;
  command.overrides = {{AssessmentCheck::kProperlyMade, true, "Signed statement on file."}};
  absl::StatusOr<Complaint> c = SubmitAndAssess(draft, command);
  ExpectAccepted(c);
  const CheckResult& properly_made = c->assessment->checks[1];
  EXPECT_TRUE(properly_made.overridden);
  EXPECT_EQ(properly_made.override_reason, "Signed statement on file.");
}

// Received the day before, on, or the day after the 12-month date, with or without discretion.
struct TimeLimitCase {
  absl::CivilDay aware;
  absl::CivilDay received;
  bool discretion;
  bool accepted;
};

void PrintTo(const TimeLimitCase& tc, std::ostream* os) {
  *os << "aware " << tc.aware << ", received " << tc.received
      << (tc.discretion ? ", with discretion" : ", without discretion");
}

class TimeLimitTest : public AssessTest, public ::testing::WithParamInterface<TimeLimitCase> {
 protected:
  // Late enough that every receive date below is in the past.
  void SetUp() override {
    clock_.SetToday(absl::CivilDay(2026, 3, 10));
    AssessTest::SetUp();
  }
};

TEST_P(TimeLimitTest, AcceptedOrDeclined) {
  const TimeLimitCase& tc = GetParam();
  Complaint draft = ValidDraft();
  draft.aware_date = tc.aware;
  draft.complained_to_organisation_date = tc.aware + 10;
  draft.final_response_date = tc.aware + 40;
  draft.receive_date = tc.received;
  AssessCommand command;
  if (tc.discretion) {
    command.overrides = {{AssessmentCheck::kWithinTime, true, "In hospital for most of the year."}};
  }
  absl::StatusOr<Complaint> c = SubmitAndAssess(draft, command);
  ASSERT_THAT(c, IsOk());
  const CheckResult& within_time = c->assessment->checks[3];
  EXPECT_EQ(within_time.overridden, tc.discretion);
  if (tc.accepted) {
    ExpectAccepted(c);
  } else {
    ExpectClosed(c, ClosureReason::kDiscretion, "out of time");
  }
}

constexpr absl::CivilDay kAware(2025, 3, 2);
constexpr absl::CivilDay kLeapDay(2024, 2, 29);

INSTANTIATE_TEST_SUITE_P(
    Boundaries, TimeLimitTest,
    ::testing::Values(TimeLimitCase{kAware, absl::CivilDay(2026, 3, 1), false, true},
                      TimeLimitCase{kAware, absl::CivilDay(2026, 3, 1), true, true},
                      TimeLimitCase{kAware, absl::CivilDay(2026, 3, 2), false, true},
                      TimeLimitCase{kAware, absl::CivilDay(2026, 3, 2), true, true},
                      TimeLimitCase{kAware, absl::CivilDay(2026, 3, 3), false, false},
                      TimeLimitCase{kAware, absl::CivilDay(2026, 3, 3), true, true},
                      TimeLimitCase{kLeapDay, absl::CivilDay(2025, 2, 28), false, true},
                      TimeLimitCase{kLeapDay, absl::CivilDay(2025, 3, 1), false, false},
                      TimeLimitCase{kLeapDay, absl::CivilDay(2025, 3, 1), true, true}));

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
