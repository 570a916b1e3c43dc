// The initial assessment as pure, deterministic functions: each check is a function of the
// complaint, the organisations it names, the assessment date, the working-day calendar and the
// policy; then a caseworker's overrides; then the outcome. No store, no clock.
#pragma once

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/working_day_calendar.h"
#include "services/intake/complaint.h"
#include "services/intake/intake_logic.h"
#include "services/intake/organisation.h"

namespace redress::intake {

// Everything the checks read. References must outlive the call.
struct AssessmentInput {
  const Complaint& complaint;
  // The register entries of the organisations the complaint names (any order). An id missing
  // here counts as out of remit.
  const std::vector<Organisation>& organisations;
  absl::CivilDay assessment_date;
  const WorkingDayCalendar& calendar;
  const IntakePolicy& policy;
};

// `day` plus `months` calendar months, on the same day of the month, clamped to the last day of
// a shorter month: 2024-02-29 + 12 months = 2025-02-28; 2025-01-31 + 1 month = 2025-02-28.
absl::CivilDay AddMonthsClamped(absl::CivilDay day, int months);

// The last day on which a complaint is in time: aware date + policy.time_limit_months.
absl::CivilDay TimeLimitEnd(absl::CivilDay aware_date, const IntakePolicy& policy);

// The first day on which the organisation's process counts as finished without a final response:
// `complained` + policy.reasonable_response_working_days working days. Outside the calendar's
// years bank holidays are unknown: only weekends are skipped and `weekdays_only` says so, so that
// the check's recorded reason can state the approximation.
struct ResponseDeadline {
  absl::CivilDay end;
  bool weekdays_only = false;
};
ResponseDeadline ReasonableResponseEnd(absl::CivilDay complained,
                                       const WorkingDayCalendar& calendar,
                                       const IntakePolicy& policy);

// The five checks; each returns its result with a reason naming the facts and dates it used.
CheckResult CheckInRemit(const AssessmentInput& input);
CheckResult CheckProperlyMade(const AssessmentInput& input);
CheckResult CheckComplaintsProcessComplete(const AssessmentInput& input);
CheckResult CheckWithinTime(const AssessmentInput& input);
CheckResult CheckInjusticeClaimed(const AssessmentInput& input);

// Every check, in AssessmentCheck order.
std::vector<CheckResult> RunChecks(const AssessmentInput& input);

// Applies caseworker overrides to judgement checks: `passed` becomes the override's value and
// `overridden`/`override_reason` record it. REQUIRES: overrides validated (ValidateAssessCommand):
// at most one per check, non-empty reasons. An override of IN_REMIT is ignored.
void ApplyOverrides(std::vector<CheckResult>& checks, const std::vector<CheckOverride>& overrides);

// The result of checks (after overrides) and the caseworker's closure: the first failed check
// decides the closure (IN_REMIT -> OUT_OF_REMIT, PROPERLY_MADE -> NOT_PROPERLY_MADE,
// COMPLAINTS_PROCESS_COMPLETE -> PREMATURE, WITHIN_TIME and INJUSTICE_CLAIMED -> DISCRETION);
// if all pass, the caseworker's closure applies, and with none the complaint is accepted.
// Sets checks, accepted, closure_reason and reason; the caller sets who, when and request_id.
Assessment DecideOutcome(std::vector<CheckResult> checks, CaseworkerClosure closure,
                         const std::string& closure_note);

// RunChecks, ApplyOverrides and DecideOutcome in one; also sets assessment_date.
Assessment Assess(const AssessmentInput& input, const std::vector<CheckOverride>& overrides,
                  CaseworkerClosure closure, const std::string& closure_note);

// "IN_REMIT", "PROPERLY_MADE", ... as in the proto without the prefix.
std::string AssessmentCheckName(AssessmentCheck check);

}  // namespace redress::intake
