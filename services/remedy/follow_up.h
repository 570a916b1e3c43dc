// The follow-up schedule of a recommendation not evidenced by its target date (DESIGN §2 step
// 11), one step at a time: overdue the day after the target date; chased `chase_after` working
// days after its base date; escalated `escalate_after` working days after the day it was actually
// chased; recorded as not complied `not_complied_after` working days after the day it was actually
// escalated. The base date is the target date, or the day the recommendation entered its decision
// when that is later (a decision that arrives with a target date already past makes the
// recommendation overdue at once, but the organisation still gets the whole chase period).
//
// Counting each step from the real date of the one before means an organisation always has the
// whole period after being chased before it is escalated, and after being escalated before it is
// recorded as not complied, however late a step was taken (after an outage, the scheduler chases
// first and escalates only `escalate_after` working days later). The PHSO's follow-up gives the
// organisation a set time to respond to each contact; DESIGN §2 is silent on outages. Dates are
// computed each time, so a rescheduled target date (or a calendar change) moves every step not
// yet taken.
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

// The whole schedule of a recommendation with `target_date` that entered its decision on
// `received_day`, when every step is taken on the day it falls due: the due dates (take_time
// unset), in order. Steps the calendar cannot date (beyond its years) are left out: the overdue
// step needs no calendar and is always there.
std::vector<FollowUpStep> PlannedFollowUp(absl::CivilDay target_date, absl::CivilDay received_day,
                                          const FollowUpPolicy& policy,
                                          const WorkingDayCalendar& calendar);

// The steps still to take on `recommendation`, from the one its state allows next (none unless
// followed up), with their due dates (take_time unset). The next step's date follows from what has
// happened: the target date, the day it entered its decision, or the day the step before it was
// taken (steps_taken). A later step is counted from the step before it being taken on its due
// date, or on `today` when that date has already passed: a step not yet taken cannot be taken
// before today. Steps the calendar cannot date are left out, with every one after them.
std::vector<FollowUpStep> RemainingFollowUp(const Recommendation& recommendation,
                                            absl::CivilDay today, const FollowUpPolicy& policy,
                                            const WorkingDayCalendar& calendar);

// The state a recommendation reaches by taking `action`.
RecommendationState StateAfter(FollowUpAction action);

}  // namespace redress::remedy
