// The investigation's deadlines: the scope's target date and the provisional view's comment
// deadline, both counted in working days and moved by every hold (a clock-stop), and the time
// limit for asking for a review.
//
// An open hold (the investigation is ON_HOLD) counts as ending today: while a case is on hold its
// deadlines move one working day for each working day it stays on hold, so the dates computed on
// one day are one working day later when read on the next. The logic recomputes them whenever the
// holds change and when it returns an ON_HOLD investigation.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/working_day_calendar.h"
#include "services/investigation/investigation.h"

namespace redress::investigation {

// One clock stop per hold, in order; an open hold stops the clock up to and including `today`.
std::vector<ClockStop> ClockStopsOf(const std::vector<Hold>& holds, absl::CivilDay today);

// agreed_date + timescale_working_days working days, outside every hold. OUT_OF_RANGE when the
// result leaves the calendar's years.
absl::StatusOr<absl::CivilDay> TargetDate(const Scope& scope, const std::vector<Hold>& holds,
                                          absl::CivilDay today, const WorkingDayCalendar& calendar);

// share_date + comment_period_working_days working days, outside every hold. OUT_OF_RANGE as
// TargetDate.
absl::StatusOr<absl::CivilDay> CommentDeadline(const ProvisionalView& view,
                                               const std::vector<Hold>& holds, absl::CivilDay today,
                                               const WorkingDayCalendar& calendar);

// Sets scope.target_date and provisional_view.comment_deadline, for those present, from the
// investigation's holds. On error nothing is changed.
absl::Status RecomputeDeadlines(Investigation& investigation, absl::CivilDay today,
                                const WorkingDayCalendar& calendar);

// RecomputeDeadlines, with a deadline beyond the calendar's years reported as INVALID_ARGUMENT on
// `field`, the request field whose value moved it there.
absl::Status RecomputeDeadlinesFor(Investigation& investigation, absl::CivilDay today,
                                   const WorkingDayCalendar& calendar, const std::string& field);

// `investigation` as of `today`: when ON_HOLD, its deadlines recomputed with the open hold ending
// today; otherwise unchanged. A deadline that cannot be computed keeps its stored value.
Investigation AsOf(Investigation investigation, absl::CivilDay today,
                   const WorkingDayCalendar& calendar);

// The last day on which a review of a decision dated `decision_date` may be asked for: the same
// day `months` calendar months later, or the last day of that month when it is shorter (a decision
// of 31 January may be reviewed until 28 or 29 February).
absl::CivilDay ReviewDeadline(absl::CivilDay decision_date, int months);

}  // namespace redress::investigation
