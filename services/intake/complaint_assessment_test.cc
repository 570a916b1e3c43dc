// IntakeLogic::AssessComplaint: every outcome, the time-limit boundaries and the hand-off to the
// outbox. How the request itself is handled is in complaint_assessment_request_test.cc.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ostream>

#include "services/intake/complaint_assessment_fixture.h"
#include "services/intake/intake_logic.h"
#include "services/intake/intake_logic_test_support.h"

namespace redress::intake {
namespace {

using redress::testing::IsOk;
using testing::AssessTest;
using ::testing::ElementsAre;
using testing::kToday;
using testing::MakePerson;
using ::testing::SizeIs;
using testing::ValidDraft;

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

}  // namespace
}  // namespace redress::intake
