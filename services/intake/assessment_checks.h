// The checks of the initial assessment as pure, deterministic functions of the complaint, the
// register entries of its organisations, the assessment date, the working-day calendar and the
// policy. Some are judged for each organisation, some for the complaint as a whole; how their
// results and a caseworker's overrides become the outcome is assessment_outcome.h. No store, no
// clock.
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

// The date a complaint counts as made for the time limit, and how it was made, for the reason:
// the date the complaint was made to the MP (the referral date) when it came through an MP and
// names a body in the parliamentary jurisdiction, otherwise the date the scheme received it.
struct DateMade {
  absl::CivilDay date;
  std::string how;  // "received", "made to Jane Smith MP"
};
DateMade ComplaintMadeOn(const AssessmentInput& input);

// --- Checks judged for each organisation. `organisation_id` is one of the complaint's. ---

// The organisation is in the scheme's remit (in the register, and in remit there).
CheckResult CheckInRemit(const AssessmentInput& input, const std::string& organisation_id);
// The MP referral the organisation's register entry requires is on the complaint; passes when it
// needs none.
CheckResult CheckMpReferral(const AssessmentInput& input, const std::string& organisation_id);
// The organisation's own complaints process has finished, judged on its dates (DatesFor).
CheckResult CheckComplaintsProcessComplete(const AssessmentInput& input,
                                           const std::string& organisation_id);
// IN_REMIT, MP_REFERRAL and COMPLAINTS_PROCESS_COMPLETE, in that order.
std::vector<CheckResult> RunOrganisationChecks(const AssessmentInput& input,
                                               const std::string& organisation_id);

// --- Checks judged for the complaint as a whole. ---

// Made in writing, by a complainant, through an authorised representative if any.
CheckResult CheckProperlyMade(const AssessmentInput& input);
// Made (ComplaintMadeOn) within the time limit of awareness.
CheckResult CheckWithinTime(const AssessmentInput& input);
CheckResult CheckInjusticeClaimed(const AssessmentInput& input);
// PROPERLY_MADE, WITHIN_TIME and INJUSTICE_CLAIMED, in that order.
std::vector<CheckResult> RunComplaintChecks(const AssessmentInput& input);

// Whether `check` is judged for each organisation (IN_REMIT, MP_REFERRAL,
// COMPLAINTS_PROCESS_COMPLETE) rather than for the complaint as a whole.
bool IsJudgedPerOrganisation(AssessmentCheck check);

// Whether `check` is a legal bar, which no caseworker can override: the organisation is outside
// the scheme's remit (IN_REMIT), or the law requires the complaint to come through an MP and it
// did not (MP_REFERRAL). Every other check is a judgement.
bool IsLegalBar(AssessmentCheck check);

// "IN_REMIT", "PROPERLY_MADE", ... as in the proto without the prefix.
std::string AssessmentCheckName(AssessmentCheck check);

// The organisation's name for reasons: its register display name, or its resource name when the
// register does not hold it.
std::string OrganisationLabel(const std::vector<Organisation>& organisations,
                              const std::string& organisation_id);

}  // namespace redress::intake
