// IntakeLogic::AssessComplaint on complaints about several organisations: each organisation's part
// is assessed on its own checks and dates, the complaint is accepted for the parts that pass and
// handed over with those only, and the parts that fail keep their own closure reason. Also the
// legal bar of a missing MP referral and the time limit of a parliamentary complaint.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/intake/assessment_checks.h"
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
using testing::MakePerson;
using ::testing::SizeIs;
using testing::ValidDraft;
using testing::ViolatedFields;

constexpr char kCafcass[] = "cafcass";
constexpr char kCouncil[] = "example-borough-council";
constexpr char kTrust[] = "manchester-university-nhs-ft";

// The part of `organisation_id` in `c`'s assessment (the test fails when there is none).
OrganisationAssessment PartOf(const Complaint& c, const std::string& organisation_id) {
  EXPECT_TRUE(c.assessment.has_value());
  if (!c.assessment.has_value()) return {};
  for (const OrganisationAssessment& part : c.assessment->organisations) {
    if (part.organisation_id == organisation_id) return part;
  }
  ADD_FAILURE() << "no part for " << organisation_id;
  return {};
}

const CheckResult& CheckOf(const std::vector<CheckResult>& checks, AssessmentCheck kind) {
  for (const CheckResult& check : checks) {
    if (check.check == kind) return check;
  }
  ADD_FAILURE() << "no check " << AssessmentCheckName(kind);
  return checks.front();
}

// Not complained to the organisation yet: premature unless it has dates of its own.
Complaint NotYetComplainedTo(std::vector<std::string> organisation_ids) {
  Complaint draft = ValidDraft();
  draft.organisation_ids = std::move(organisation_ids);
  draft.complained_to_organisation_date.reset();
  draft.final_response_date.reset();
  return draft;
}

TEST_F(AssessTest, AcceptsForTheOrganisationsInRemitAndClosesTheOthers) {
  Complaint draft = ValidDraft();
  draft.organisation_ids = {kCafcass, kCouncil};
  absl::StatusOr<Complaint> c = SubmitAndAssess(draft);
  ExpectAccepted(c);

  ASSERT_THAT(c->assessment->organisations, SizeIs(2));
  const OrganisationAssessment cafcass = PartOf(*c, kCafcass);
  EXPECT_TRUE(cafcass.accepted);
  EXPECT_EQ(cafcass.closure_reason, ClosureReason::kNone);
  const OrganisationAssessment council = PartOf(*c, kCouncil);
  EXPECT_FALSE(council.accepted);
  EXPECT_EQ(council.closure_reason, ClosureReason::kOutOfRemit);
  EXPECT_THAT(council.reason, HasSubstr("Example Borough Council"));
  // Each part records its own checks: IN_REMIT, MP_REFERRAL, COMPLAINTS_PROCESS_COMPLETE.
  ASSERT_THAT(council.checks, SizeIs(3));
  EXPECT_FALSE(CheckOf(council.checks, AssessmentCheck::kInRemit).passed);
  EXPECT_TRUE(CheckOf(cafcass.checks, AssessmentCheck::kInRemit).passed);
  // The complaint's own IN_REMIT says not every organisation is in remit.
  EXPECT_FALSE(CheckOf(c->assessment->checks, AssessmentCheck::kInRemit).passed);
  EXPECT_THAT(c->assessment->reason, HasSubstr("Example Borough Council: Closed as out of remit"));

  // Investigation opens for Cafcass only.
  std::vector<OutboxEntry> outbox = store_.outbox();
  ASSERT_THAT(outbox, SizeIs(1));
  EXPECT_THAT(outbox[0].handoff.organisation_ids, ElementsAre(kCafcass));
  EXPECT_THAT(outbox[0].handoff.organisation_published_names,
              ElementsAre("Children and Family Court Advisory and Support Service (Cafcass)"));
}

TEST_F(AssessTest, TheHandOffTakesItsDefaultsFromTheFirstAcceptedOrganisation) {
  Complaint draft = ValidDraft();
  draft.organisation_ids = {kCouncil, kTrust};
  ExpectAccepted(SubmitAndAssess(draft));
  std::vector<OutboxEntry> outbox = store_.outbox();
  ASSERT_THAT(outbox, SizeIs(1));
  EXPECT_THAT(outbox[0].handoff.organisation_ids, ElementsAre(kTrust));
  EXPECT_EQ(outbox[0].handoff.jurisdiction, Jurisdiction::kHealth);
  EXPECT_EQ(outbox[0].handoff.default_location, "Greater Manchester");
}

TEST_F(AssessTest, EachOrganisationIsJudgedPrematureOnItsOwnDates) {
  Complaint draft = ValidDraft();  // the top-level dates: a final response, for Cafcass
  draft.organisation_ids = {kCafcass, kTrust};
  draft.organisation_dates = {{kTrust, absl::CivilDay(2026, 2, 16), std::nullopt}};
  absl::StatusOr<Complaint> c = SubmitAndAssess(draft);
  ExpectAccepted(c);
  EXPECT_TRUE(PartOf(*c, kCafcass).accepted);
  const OrganisationAssessment trust = PartOf(*c, kTrust);
  EXPECT_EQ(trust.closure_reason, ClosureReason::kPremature);
  EXPECT_THAT(CheckOf(trust.checks, AssessmentCheck::kComplaintsProcessComplete).reason,
              HasSubstr("2026-02-16"));
  EXPECT_THAT(store_.outbox().at(0).handoff.organisation_ids, ElementsAre(kCafcass));
}

TEST_F(AssessTest, AnOrganisationsOwnFinalResponseCompletesItsProcess) {
  Complaint draft = NotYetComplainedTo({kCafcass, kTrust});
  draft.organisation_dates = {{kTrust, absl::CivilDay(2025, 11, 3), absl::CivilDay(2026, 1, 12)}};
  absl::StatusOr<Complaint> c = SubmitAndAssess(draft);
  ExpectAccepted(c);
  EXPECT_EQ(PartOf(*c, kCafcass).closure_reason, ClosureReason::kPremature);
  EXPECT_TRUE(PartOf(*c, kTrust).accepted);
  EXPECT_THAT(store_.outbox().at(0).handoff.organisation_ids, ElementsAre(kTrust));
}

TEST_F(AssessTest, WhenEveryPartFailsTheComplaintClosesWithTheEarliestChecksReason) {
  Complaint draft = NotYetComplainedTo({kCafcass, kCouncil});  // premature; out of remit
  absl::StatusOr<Complaint> c = SubmitAndAssess(draft);
  ExpectClosed(c, ClosureReason::kOutOfRemit, "Example Borough Council");
  EXPECT_EQ(PartOf(*c, kCafcass).closure_reason, ClosureReason::kPremature);
  EXPECT_EQ(PartOf(*c, kCouncil).closure_reason, ClosureReason::kOutOfRemit);
  EXPECT_THAT(c->closure_note, HasSubstr("Closed as premature"));  // each part's reason
}

TEST_F(AssessTest, AComplaintWideFailureClosesEveryPart) {
  Complaint draft = ValidDraft();
  draft.organisation_ids = {kCafcass, kTrust};
  draft.channel = SubmissionChannel::kTelephone;
  absl::StatusOr<Complaint> c = SubmitAndAssess(draft);
  ExpectClosed(c, ClosureReason::kNotProperlyMade, "telephone");
  EXPECT_EQ(PartOf(*c, kCafcass).closure_reason, ClosureReason::kNotProperlyMade);
  EXPECT_EQ(PartOf(*c, kTrust).closure_reason, ClosureReason::kNotProperlyMade);
}

TEST_F(AssessTest, APrematurityOverrideForOneOrganisationAppliesToItsPartOnly) {
  AssessCommand command;
  command.overrides = {{AssessmentCheck::kComplaintsProcessComplete, true,
                        "The trust refused to accept the complaint.", kTrust}};
  absl::StatusOr<Complaint> c = SubmitAndAssess(NotYetComplainedTo({kCafcass, kTrust}), command);
  ExpectAccepted(c);
  EXPECT_EQ(PartOf(*c, kCafcass).closure_reason, ClosureReason::kPremature);
  const OrganisationAssessment trust = PartOf(*c, kTrust);
  EXPECT_TRUE(trust.accepted);
  const CheckResult& process = CheckOf(trust.checks, AssessmentCheck::kComplaintsProcessComplete);
  EXPECT_TRUE(process.overridden);
  EXPECT_EQ(process.override_reason, "The trust refused to accept the complaint.");
  EXPECT_FALSE(
      CheckOf(PartOf(*c, kCafcass).checks, AssessmentCheck::kComplaintsProcessComplete).overridden);
}

TEST_F(AssessTest, APrematurityOverrideWithoutAnOrganisationAppliesToEveryPart) {
  AssessCommand command;
  command.overrides = {
      {AssessmentCheck::kComplaintsProcessComplete, true, "Both refused to respond.", ""}};
  absl::StatusOr<Complaint> c = SubmitAndAssess(NotYetComplainedTo({kCafcass, kTrust}), command);
  ExpectAccepted(c);
  EXPECT_TRUE(PartOf(*c, kCafcass).accepted);
  EXPECT_TRUE(PartOf(*c, kTrust).accepted);
  EXPECT_THAT(store_.outbox().at(0).handoff.organisation_ids, ElementsAre(kCafcass, kTrust));
}

TEST_F(AssessTest, TheCaseworkersClosureClosesThePartsThatPassEveryCheck) {
  Complaint draft = ValidDraft();
  draft.organisation_ids = {kCafcass, kCouncil};
  AssessCommand command;
  command.closure = CaseworkerClosure::kResolvedWithoutInvestigation;
  command.closure_note = "Cafcass agreed to apologise.";
  absl::StatusOr<Complaint> c = SubmitAndAssess(draft, command);
  ExpectClosed(c, ClosureReason::kOutOfRemit, "Cafcass agreed to apologise.");
  EXPECT_EQ(PartOf(*c, kCafcass).closure_reason, ClosureReason::kResolvedWithoutInvestigation);
  EXPECT_EQ(PartOf(*c, kCouncil).closure_reason, ClosureReason::kOutOfRemit);
}

TEST_F(AssessTest, OverridesNamingAnOrganisationAreChecked) {
  Complaint c = Submit(NotYetComplainedTo({kCafcass, kTrust}));
  AssessCommand command = AssessCommandFor(c);
  command.overrides = {
      {AssessmentCheck::kWithinTime, true, "In hospital.", kTrust},  // complaint-wide check
      {AssessmentCheck::kComplaintsProcessComplete, true, "Refused.", kTrust},
      {AssessmentCheck::kComplaintsProcessComplete, true, "Refused.", ""},  // clashes with [1]
  };
  absl::StatusOr<Complaint> result = logic_.AssessComplaint(command);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(result.status()),
              ElementsAre("overrides[0].organisation", "overrides[2].check"));

  command.overrides = {{AssessmentCheck::kComplaintsProcessComplete, true, "Refused.", "dwp"}};
  result = logic_.AssessComplaint(command);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(result.status()), ElementsAre("overrides[0].organisation"));
  EXPECT_EQ(logic_.GetComplaint(c.name())->state, ComplaintState::kReceived);
}

// --- The MP referral is a legal bar (issue 11, rule 3). ---

TEST_F(AssessTest, AMissingMpReferralClosesOnlyThePartThatNeedsIt) {
  Complaint draft = ValidDraft();
  draft.organisation_ids = {kCafcass, "hmcts"};
  absl::StatusOr<Complaint> c = SubmitAndAssess(draft);
  ExpectAccepted(c);
  const OrganisationAssessment hmcts = PartOf(*c, "hmcts");
  EXPECT_EQ(hmcts.closure_reason, ClosureReason::kNotProperlyMade);
  EXPECT_FALSE(CheckOf(hmcts.checks, AssessmentCheck::kMpReferral).passed);
  EXPECT_TRUE(CheckOf(PartOf(*c, kCafcass).checks, AssessmentCheck::kMpReferral).passed);
  EXPECT_THAT(store_.outbox().at(0).handoff.organisation_ids, ElementsAre(kCafcass));
}

TEST_F(AssessTest, OverridingProperlyMadeDoesNotWaiveARequiredMpReferral) {
  Complaint draft = ValidDraft();
  draft.organisation_ids = {"hmcts"};
  draft.channel = SubmissionChannel::kTelephone;
  AssessCommand command;
  command.overrides = {{AssessmentCheck::kProperlyMade, true, "Signed statement on file."}};
  absl::StatusOr<Complaint> c = SubmitAndAssess(draft, command);
  ExpectClosed(c, ClosureReason::kNotProperlyMade, "need an MP referral");
  // The judgement part was overridden; the legal bar still closed the complaint.
  const CheckResult& properly_made = CheckOf(c->assessment->checks, AssessmentCheck::kProperlyMade);
  EXPECT_TRUE(properly_made.overridden);
  EXPECT_FALSE(properly_made.passed);
  EXPECT_FALSE(CheckOf(PartOf(*c, "hmcts").checks, AssessmentCheck::kMpReferral).passed);
}

TEST_F(AssessTest, OverridingProperlyMadeStillCoversAnUnauthorisedRepresentative) {
  Complaint draft = ValidDraft();
  draft.people.push_back(MakePerson(PersonRole::kRepresentative, "Ms", "Cat", "Carter"));
  AssessCommand command;
  command.overrides = {{AssessmentCheck::kProperlyMade, true, "Consent given by phone, noted."}};
  ExpectAccepted(SubmitAndAssess(draft, command));
}

TEST_F(AssessTest, TheMpReferralCannotBeOverridden) {
  Complaint c = Submit([] {
    Complaint draft = ValidDraft();
    draft.organisation_ids = {"hmcts"};
    return draft;
  }());
  AssessCommand command = AssessCommandFor(c);
  command.overrides = {{AssessmentCheck::kMpReferral, true, "The MP is on holiday."}};
  absl::StatusOr<Complaint> result = logic_.AssessComplaint(command);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("MP referral")));
  EXPECT_THAT(ViolatedFields(result.status()), ElementsAre("overrides[0].check"));
  EXPECT_THAT(store_.outbox(), ::testing::IsEmpty());
}

// --- A parliamentary complaint's time limit runs to the referral (issue 11, rule 2). ---

// About HMCTS (parliamentary, needs an MP referral): aware 2025-03-10, so 12 months end
// 2026-03-10; received by the scheme after that, on 2026-03-16, from the MP referring it on
// `referral_date`.
Complaint ReferredByAnMpOn(absl::CivilDay referral_date) {
  Complaint draft = ValidDraft();
  draft.organisation_ids = {"hmcts"};
  draft.aware_date = absl::CivilDay(2025, 3, 10);
  draft.receive_date = absl::CivilDay(2026, 3, 16);
  draft.mp_referral = MpReferral{"Jane Smith MP", "Anytown", referral_date};
  return draft;
}

class ParliamentaryTimeLimitTest : public AssessTest {
 protected:
  void SetUp() override {
    clock_.SetToday(absl::CivilDay(2026, 3, 20));
    AssessTest::SetUp();
  }
};

TEST_F(ParliamentaryTimeLimitTest, InTimeWhenMadeToTheMpWithinTwelveMonths) {
  absl::StatusOr<Complaint> c = SubmitAndAssess(ReferredByAnMpOn(absl::CivilDay(2026, 3, 10)));
  ExpectAccepted(c);
  EXPECT_THAT(CheckOf(c->assessment->checks, AssessmentCheck::kWithinTime).reason,
              HasSubstr("made to Jane Smith MP on 2026-03-10"));
}

TEST_F(ParliamentaryTimeLimitTest, OutOfTimeWhenMadeToTheMpAfterTwelveMonths) {
  ExpectClosed(SubmitAndAssess(ReferredByAnMpOn(absl::CivilDay(2026, 3, 11))),
               ClosureReason::kDiscretion, "out of time: made to Jane Smith MP on 2026-03-11");
}

TEST_F(ParliamentaryTimeLimitTest, AHealthComplaintCountsToReceiptEvenWithAnMp) {
  Complaint draft = ReferredByAnMpOn(absl::CivilDay(2026, 3, 10));
  draft.organisation_ids = {kTrust};
  ExpectClosed(SubmitAndAssess(draft), ClosureReason::kDiscretion,
               "out of time: received 2026-03-16");
}

}  // namespace
}  // namespace redress::intake
