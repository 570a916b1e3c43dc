// The follow-up schedule of a recommendation not evidenced by its target date (DESIGN §2 step
// 11): overdue the day after the target date; chased `chase_after` working days after its base
// date; escalated `escalate_after` working days after the chase; recorded as not complied
// `not_complied_after` working days after the escalation. The base date is the target date, or
// the day remedy received the recommendation when that is later (a decision that arrives with a
// target date already past makes the recommendation overdue at once, but the organisation still
// gets the whole chase period). Dates are computed each time, so a rescheduled target date (or a
// calendar change) moves every step not yet taken.
#pragma once

#include <vector>

#include "absl/time/civil_time.h"
#include "common/working_day_calendar.h"
#include "services/remedy/recommendation.h"

namespace redress::remedy {

struct FollowUpPolicy {
  int chase_after_working_days = 10;
  int escalate_after_working_days = 10;
  int not_complied_after_working_days = 20;
};

// The steps for a recommendation with `target_date` received on `received_day`, with their due
// dates (take_time unset), in order. Steps the calendar cannot date (beyond its years) are left
// out: the overdue step needs no calendar and is always there.
std::vector<FollowUpStep> PlannedFollowUp(absl::CivilDay target_date, absl::CivilDay received_day,
                                          const FollowUpPolicy& policy,
                                          const WorkingDayCalendar& calendar);

// The day `recommendation` was received (its create_time), in the scheme's time zone.
absl::CivilDay ReceivedDay(const Recommendation& recommendation);

// The state a recommendation reaches by taking `action`.
RecommendationState StateAfter(FollowUpAction action);

}  // namespace redress::remedy
