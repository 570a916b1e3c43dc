#include "services/intake/assessment_checks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/intake/anonymised_reference.h"
#include "services/intake/assessment_outcome.h"
#include "services/intake/default_register.h"
#include "services/intake/intake_logic_test_support.h"

namespace redress::intake {
namespace {

using ::testing::HasSubstr;
using testing::ValidDraft;

// A complaint received on `receive_date` that passes every check, with references derived.
Complaint Passing(absl::CivilDay receive_date = absl::CivilDay(2026, 3, 2)) {
  Complaint c = ValidDraft();
  c.receive_date = receive_date;
  DeriveReferences(c);
  return c;
}

class AssessmentChecksTest : public ::testing::Test {
 protected:
  AssessmentInput Input(const Complaint& c) {
    return AssessmentInput{c, register_, c.receive_date, WorkingDayCalendar::EnglandAndWales(),
                           policy_};
  }

  std::vector<Organisation> register_ = DefaultRegister();
  IntakePolicy policy_;
};

TEST(AddMonthsClampedTest, SameDayOfTheMonth) {
  EXPECT_EQ(AddMonthsClamped(absl::CivilDay(2025, 3, 15), 12), absl::CivilDay(2026, 3, 15));
  EXPECT_EQ(AddMonthsClamped(absl::CivilDay(2025, 11, 30), 3), absl::CivilDay(2026, 2, 28));
}

TEST(AddMonthsClampedTest, ClampsToTheLastDayOfAShorterMonth) {
  EXPECT_EQ(AddMonthsClamped(absl::CivilDay(2024, 2, 29), 12), absl::CivilDay(2025, 2, 28));
  EXPECT_EQ(AddMonthsClamped(absl::CivilDay(2025, 1, 31), 1), absl::CivilDay(2025, 2, 28));
  EXPECT_EQ(AddMonthsClamped(absl::CivilDay(2024, 1, 31), 1), absl::CivilDay(2024, 2, 29));
}

TEST_F(AssessmentChecksTest, EveryCheckPassesInOrder) {
  Complaint c = Passing();
  std::vector<CheckResult> checks = Assess(Input(c), {}, CaseworkerClosure::kNone, "").checks;
  ASSERT_EQ(checks.size(), 5u);
  const AssessmentCheck order[] = {AssessmentCheck::kInRemit, AssessmentCheck::kProperlyMade,
                                   AssessmentCheck::kComplaintsProcessComplete,
                                   AssessmentCheck::kWithinTime,
                                   AssessmentCheck::kInjusticeClaimed};
  for (size_t i = 0; i < checks.size(); ++i) {
    EXPECT_EQ(checks[i].check, order[i]);
    EXPECT_TRUE(checks[i].passed) << checks[i].reason;
    EXPECT_FALSE(checks[i].reason.empty());
    EXPECT_FALSE(checks[i].overridden);
  }
}

TEST_F(AssessmentChecksTest, InRemitFailsNamingTheOrganisation) {
  Complaint c = Passing();
  c.organisation_ids = {"cafcass", "example-borough-council"};
  CheckResult result = CheckInRemit(Input(c), "example-borough-council");
  EXPECT_FALSE(result.passed);
  EXPECT_THAT(result.reason, HasSubstr("Example Borough Council"));
  EXPECT_THAT(result.reason, ::testing::Not(HasSubstr("Cafcass")));
}

TEST_F(AssessmentChecksTest, InRemitFailsForAnOrganisationMissingFromTheRegister) {
  Complaint c = Passing();
  c.organisation_ids = {"no-such-body"};
  EXPECT_FALSE(CheckInRemit(Input(c), "no-such-body").passed);
}

TEST_F(AssessmentChecksTest, ProperlyMadePassesAndSaysHow) {
  Complaint c = Passing();
  CheckResult result = CheckProperlyMade(Input(c));
  EXPECT_TRUE(result.passed);
  EXPECT_THAT(result.reason, HasSubstr("online form"));
  EXPECT_THAT(result.reason, HasSubstr("Mr B"));
}

TEST_F(AssessmentChecksTest, TelephoneComplaintNotConfirmedInWritingIsNotProperlyMade) {
  Complaint c = Passing();
  c.channel = SubmissionChannel::kTelephone;
  CheckResult result = CheckProperlyMade(Input(c));
  EXPECT_FALSE(result.passed);
  EXPECT_THAT(result.reason, HasSubstr("telephone"));
  c.confirmed_in_writing = true;
  EXPECT_TRUE(CheckProperlyMade(Input(c)).passed);
}

TEST_F(AssessmentChecksTest, UnauthorisedRepresentativeIsNotProperlyMade) {
  Complaint c = Passing();
  c.people.push_back(testing::MakePerson(PersonRole::kRepresentative, "Ms", "Cat", "Carter"));
  DeriveReferences(c);
  CheckResult result = CheckProperlyMade(Input(c));
  EXPECT_FALSE(result.passed);
  EXPECT_THAT(result.reason, HasSubstr("Ms C"));
  c.people.back().authorised = true;
  EXPECT_TRUE(CheckProperlyMade(Input(c)).passed);
}

TEST_F(AssessmentChecksTest, NoComplainantIsNotProperlyMade) {
  Complaint c = Passing();
  c.people = {testing::MakePerson(PersonRole::kOther, "Mr", "Yan", "Yu")};
  EXPECT_FALSE(CheckProperlyMade(Input(c)).passed);
}

TEST_F(AssessmentChecksTest, MissingMpReferralIsNotProperlyMade) {
  Complaint c = Passing();
  c.organisation_ids = {"cafcass", "dwp"};
  CheckResult result = CheckMpReferral(Input(c), "dwp");
  EXPECT_FALSE(result.passed);
  EXPECT_THAT(result.reason, HasSubstr("Department for Work and Pensions (DWP)"));
  c.mp_referral = MpReferral{"Jane Smith MP", "Anytown", absl::CivilDay(2026, 2, 20)};
  result = CheckMpReferral(Input(c), "dwp");
  EXPECT_TRUE(result.passed);
  EXPECT_THAT(result.reason, HasSubstr("Jane Smith MP"));
}

TEST_F(AssessmentChecksTest, FinalResponseCompletesTheProcess) {
  Complaint c = Passing();
  CheckResult result = CheckComplaintsProcessComplete(Input(c), "cafcass");
  EXPECT_TRUE(result.passed);
  EXPECT_THAT(result.reason, HasSubstr("2025-12-10"));
}

TEST_F(AssessmentChecksTest, NoComplaintToTheOrganisationIsPremature) {
  Complaint c = Passing();
  c.complained_to_organisation_date.reset();
  c.final_response_date.reset();
  CheckResult result = CheckComplaintsProcessComplete(Input(c), "cafcass");
  EXPECT_FALSE(result.passed);
  EXPECT_THAT(result.reason, HasSubstr("no complaint to the organisation"));
}

TEST_F(AssessmentChecksTest, ComplainedRecentlyWithoutResponseIsPremature) {
  // 40 working days from Monday 2026-01-05 (no bank holidays) end Monday 2026-03-02.
  Complaint c = Passing(absl::CivilDay(2026, 2, 27));
  c.complained_to_organisation_date = absl::CivilDay(2026, 1, 5);
  c.final_response_date.reset();
  CheckResult result = CheckComplaintsProcessComplete(Input(c), "cafcass");
  EXPECT_FALSE(result.passed);
  EXPECT_THAT(result.reason, HasSubstr("premature"));
  EXPECT_THAT(result.reason, HasSubstr("2026-01-05"));
  EXPECT_THAT(result.reason, HasSubstr("2026-03-02"));
}

TEST_F(AssessmentChecksTest, ReasonableTimeWithoutResponseCompletesTheProcess) {
  Complaint c = Passing(absl::CivilDay(2026, 3, 2));
  c.complained_to_organisation_date = absl::CivilDay(2026, 1, 5);
  c.final_response_date.reset();
  EXPECT_TRUE(CheckComplaintsProcessComplete(Input(c), "cafcass").passed);
}

TEST_F(AssessmentChecksTest, ReasonableTimeIsJudgedAtAssessmentNotReceipt) {
  // Received before the organisation's 40 working days ended (2026-03-02), assessed after.
  Complaint c = Passing(absl::CivilDay(2026, 2, 27));
  c.complained_to_organisation_date = absl::CivilDay(2026, 1, 5);
  c.final_response_date.reset();
  AssessmentInput input = Input(c);
  input.assessment_date = absl::CivilDay(2026, 3, 1);
  EXPECT_FALSE(CheckComplaintsProcessComplete(input, "cafcass").passed);
  input.assessment_date = absl::CivilDay(2026, 3, 2);
  CheckResult result = CheckComplaintsProcessComplete(input, "cafcass");
  EXPECT_TRUE(result.passed) << result.reason;
  EXPECT_THAT(result.reason, HasSubstr("assessment on 2026-03-02"));
}

TEST_F(AssessmentChecksTest, ReasonableTimeSkipsBankHolidays) {
  // Christmas Day, Boxing Day and New Year's Day 2026 push 40 working days from 2025-12-01 on
  // by three days, to Thursday 2026-01-29.
  ResponseDeadline deadline = ReasonableResponseEnd(absl::CivilDay(2025, 12, 1),
                                                    WorkingDayCalendar::EnglandAndWales(), policy_);
  EXPECT_EQ(deadline.end, absl::CivilDay(2026, 1, 29));
  EXPECT_FALSE(deadline.weekdays_only);
}

TEST_F(AssessmentChecksTest, ReasonableTimeOutsideTheCalendarCountsWeekdays) {
  // 1977 is before the calendar's years (its rules start in 1978): 40 weekdays from Monday
  // 1977-01-10 is Monday 1977-03-07.
  ResponseDeadline deadline = ReasonableResponseEnd(absl::CivilDay(1977, 1, 10),
                                                    WorkingDayCalendar::EnglandAndWales(), policy_);
  EXPECT_EQ(deadline.end, absl::CivilDay(1977, 3, 7));
  EXPECT_TRUE(deadline.weekdays_only);
}

TEST_F(AssessmentChecksTest, AnEstimatedDeadlineIsStatedInTheReason) {
  Complaint c = Passing(absl::CivilDay(2026, 3, 2));
  c.complained_to_organisation_date = absl::CivilDay(1977, 1, 10);
  c.final_response_date.reset();
  CheckResult result = CheckComplaintsProcessComplete(Input(c), "cafcass");
  EXPECT_TRUE(result.passed);
  EXPECT_THAT(result.reason, HasSubstr("weekdays were counted"));
}

TEST_F(AssessmentChecksTest, WithinTimeBoundaries) {
  Complaint c = Passing();
  c.aware_date = absl::CivilDay(2025, 3, 2);
  c.receive_date = absl::CivilDay(2026, 3, 1);
  EXPECT_TRUE(CheckWithinTime(Input(c)).passed) << "the day before";
  c.receive_date = absl::CivilDay(2026, 3, 2);
  EXPECT_TRUE(CheckWithinTime(Input(c)).passed) << "on the 12-month date";
  c.receive_date = absl::CivilDay(2026, 3, 3);
  CheckResult late = CheckWithinTime(Input(c));
  EXPECT_FALSE(late.passed) << "the day after";
  EXPECT_THAT(late.reason, HasSubstr("received 2026-03-03"));
  EXPECT_THAT(late.reason, HasSubstr("ended 2026-03-02"));
}

TEST_F(AssessmentChecksTest, WithinTimeFromALeapDay) {
  Complaint c = Passing();
  c.aware_date = absl::CivilDay(2024, 2, 29);
  c.receive_date = absl::CivilDay(2025, 2, 28);
  EXPECT_TRUE(CheckWithinTime(Input(c)).passed);
  c.receive_date = absl::CivilDay(2025, 3, 1);
  CheckResult late = CheckWithinTime(Input(c));
  EXPECT_FALSE(late.passed);
  EXPECT_THAT(late.reason, HasSubstr("ended 2025-02-28"));
}

TEST_F(AssessmentChecksTest, WithinTimeFollowsThePolicy) {
  policy_.time_limit_months = 6;
  Complaint c = Passing();
  c.aware_date = absl::CivilDay(2025, 8, 1);
  c.receive_date = absl::CivilDay(2026, 2, 2);
  EXPECT_FALSE(CheckWithinTime(Input(c)).passed);
}

TEST_F(AssessmentChecksTest, InjusticeAndOutcomeAreBothNeeded) {
  Complaint c = Passing();
  EXPECT_TRUE(CheckInjusticeClaimed(Input(c)).passed);
  c.injustice_claimed = "  \n ";
  CheckResult result = CheckInjusticeClaimed(Input(c));
  EXPECT_FALSE(result.passed);
  EXPECT_THAT(result.reason, HasSubstr("no injustice"));
  c = Passing();
  c.outcome_wanted = "";
  EXPECT_FALSE(CheckInjusticeClaimed(Input(c)).passed);
}

TEST_F(AssessmentChecksTest, OverridesRecordTheCaseworkersReason) {
  Complaint c = Passing();
  c.aware_date = absl::CivilDay(2024, 1, 1);
  Assessment a = Assess(Input(c), {{AssessmentCheck::kWithinTime, true, "ill for a year"}},
                        CaseworkerClosure::kNone, "");
  EXPECT_TRUE(a.accepted);
  EXPECT_EQ(a.closure_reason, ClosureReason::kNone);
  const CheckResult& within_time = a.checks[3];
  EXPECT_TRUE(within_time.passed);
  EXPECT_TRUE(within_time.overridden);
  EXPECT_EQ(within_time.override_reason, "ill for a year");
  EXPECT_THAT(within_time.reason, HasSubstr("out of time"));
  EXPECT_THAT(a.reason, HasSubstr("ill for a year"));
  EXPECT_EQ(a.assessment_date, c.receive_date);
}

TEST_F(AssessmentChecksTest, AnOverrideCanFailAPassingCheck) {
  Assessment a = Assess(Input(Passing()),
                        {{AssessmentCheck::kInjusticeClaimed, false, "no worthwhile outcome"}},
                        CaseworkerClosure::kNone, "");
  EXPECT_FALSE(a.accepted);
  EXPECT_EQ(a.closure_reason, ClosureReason::kDiscretion);
  EXPECT_THAT(a.reason, HasSubstr("no worthwhile outcome"));
}

TEST_F(AssessmentChecksTest, InRemitCannotBeOverridden) {
  Complaint c = Passing();
  c.organisation_ids = {"example-borough-council"};
  Assessment a =
      Assess(Input(c), {{AssessmentCheck::kInRemit, true, "please"}}, CaseworkerClosure::kNone, "");
  EXPECT_EQ(a.closure_reason, ClosureReason::kOutOfRemit);
  EXPECT_FALSE(a.checks[0].overridden);
}

CheckResult Failed(AssessmentCheck check) {
  CheckResult result;
  result.check = check;
  result.reason = "failed";
  return result;
}

CheckResult Passed(AssessmentCheck check) {
  CheckResult result = Failed(check);
  result.passed = true;
  return result;
}

TEST(DecideOutcomeTest, TheFirstFailedCheckDecidesTheClosure) {
  using C = AssessmentCheck;
  const std::pair<C, ClosureReason> cases[] = {
      {C::kInRemit, ClosureReason::kOutOfRemit},
      {C::kProperlyMade, ClosureReason::kNotProperlyMade},
      {C::kComplaintsProcessComplete, ClosureReason::kPremature},
      {C::kWithinTime, ClosureReason::kDiscretion},
      {C::kInjusticeClaimed, ClosureReason::kDiscretion},
  };
  for (const auto& [failing, closure] : cases) {
    std::vector<CheckResult> checks;
    for (C check : {C::kInRemit, C::kProperlyMade, C::kComplaintsProcessComplete, C::kWithinTime,
                    C::kInjusticeClaimed}) {
      // Every check from the failing one on fails: the first decides.
      checks.push_back(static_cast<int>(check) >= static_cast<int>(failing) ? Failed(check)
                                                                            : Passed(check));
    }
    Assessment a = DecideOutcome(checks, CaseworkerClosure::kNone, "");
    EXPECT_FALSE(a.accepted);
    EXPECT_EQ(a.closure_reason, closure) << AssessmentCheckName(failing);
  }
}

TEST(DecideOutcomeTest, CaseworkerClosureAppliesOnlyWhenEveryCheckPasses) {
  using C = AssessmentCheck;
  std::vector<CheckResult> all_pass = {Passed(C::kInRemit), Passed(C::kProperlyMade),
                                       Passed(C::kComplaintsProcessComplete),
                                       Passed(C::kWithinTime), Passed(C::kInjusticeClaimed)};
  Assessment a = DecideOutcome(all_pass, CaseworkerClosure::kDiscretion, "no worthwhile outcome");
  EXPECT_EQ(a.closure_reason, ClosureReason::kDiscretion);
  EXPECT_THAT(a.reason, HasSubstr("no worthwhile outcome"));
  a = DecideOutcome(all_pass, CaseworkerClosure::kResolvedWithoutInvestigation, "apologised");
  EXPECT_EQ(a.closure_reason, ClosureReason::kResolvedWithoutInvestigation);
  a = DecideOutcome(all_pass, CaseworkerClosure::kNone, "");
  EXPECT_TRUE(a.accepted);
  EXPECT_EQ(a.closure_reason, ClosureReason::kNone);

  std::vector<CheckResult> premature = all_pass;
  premature[2] = Failed(C::kComplaintsProcessComplete);
  a = DecideOutcome(premature, CaseworkerClosure::kResolvedWithoutInvestigation, "apologised");
  EXPECT_EQ(a.closure_reason, ClosureReason::kPremature);
}

}  // namespace
}  // namespace redress::intake
