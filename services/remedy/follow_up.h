// The follow-up schedule of a recommendation not evidenced by its target date (DESIGN §2 step
// 11): overdue the day after the target date, chased `chase_after` working days after the target
// date, escalated `escalate_after` working days after the chase, recorded as not complied
// `not_complied_after` working days after the escalation. Dates are computed from the target date
// each time, so a rescheduled target date (or a calendar change) moves every step not yet taken.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/working_day_calendar.h"
#include "services/remedy/recommendation.h"

namespace redress::remedy {

struct FollowUpPolicy {
  int chase_after_working_days = 10;
  int escalate_after_working_days = 10;
  int not_complied_after_working_days = 20;
};

// The four steps for `target_date` with their due dates (take_time unset), in order.
absl::StatusOr<std::vector<FollowUpStep>> PlannedFollowUp(absl::CivilDay target_date,
                                                          const FollowUpPolicy& policy,
                                                          const WorkingDayCalendar& calendar);

// The state a recommendation reaches by taking `action`.
RecommendationState StateAfter(FollowUpAction action);

}  // namespace redress::remedy
