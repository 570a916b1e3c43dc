#include "services/investigation/deadlines.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"

namespace redress::investigation {

std::vector<ClockStop> ClockStopsOf(const std::vector<Hold>& holds, absl::CivilDay today) {
  std::vector<ClockStop> stops;
  stops.reserve(holds.size());
  for (const Hold& hold : holds) {
    const absl::CivilDay last = hold.end_date.value_or(std::max(today, hold.start_date));
    stops.push_back({hold.start_date, last});
  }
  return stops;
}

absl::StatusOr<absl::CivilDay> TargetDate(const Scope& scope, const std::vector<Hold>& holds,
                                          absl::CivilDay today,
                                          const WorkingDayCalendar& calendar) {
  return calendar.AddWorkingDays(scope.agreed_date, scope.timescale_working_days,
                                 ClockStopsOf(holds, today));
}

absl::StatusOr<absl::CivilDay> CommentDeadline(const ProvisionalView& view,
                                               const std::vector<Hold>& holds, absl::CivilDay today,
                                               const WorkingDayCalendar& calendar) {
  return calendar.AddWorkingDays(view.share_date, view.comment_period_working_days,
                                 ClockStopsOf(holds, today));
}

absl::Status RecomputeDeadlines(Investigation& investigation, absl::CivilDay today,
                                const WorkingDayCalendar& calendar) {
  std::optional<absl::CivilDay> target;
  std::optional<absl::CivilDay> comment_deadline;
  if (investigation.scope.has_value()) {
    ASSIGN_OR_RETURN(target,
                     TargetDate(*investigation.scope, investigation.holds, today, calendar));
  }
  if (investigation.provisional_view.has_value()) {
    ASSIGN_OR_RETURN(comment_deadline, CommentDeadline(*investigation.provisional_view,
                                                       investigation.holds, today, calendar));
  }
  if (target.has_value()) investigation.scope->target_date = *target;
  if (comment_deadline.has_value()) {
    investigation.provisional_view->comment_deadline = *comment_deadline;
  }
  return absl::OkStatus();
}

absl::Status RecomputeDeadlinesFor(Investigation& investigation, absl::CivilDay today,
                                   const WorkingDayCalendar& calendar, const std::string& field) {
  absl::Status status = RecomputeDeadlines(investigation, today, calendar);
  if (!absl::IsOutOfRange(status)) return status;
  return InvalidArgument(
      {{field, absl::StrCat("puts a deadline outside the working-day calendar, which covers ",
                            calendar.first_year(), " to ", calendar.last_year())}});
}

Investigation AsOf(Investigation investigation, absl::CivilDay today,
                   const WorkingDayCalendar& calendar) {
  if (investigation.state == InvestigationState::kOnHold) {
    RecomputeDeadlines(investigation, today, calendar).IgnoreError();
  }
  return investigation;
}

absl::CivilDay ReviewDeadline(absl::CivilDay decision_date, int months) {
  const absl::CivilMonth month = absl::CivilMonth(decision_date) + months;
  const absl::CivilDay last_of_month = absl::CivilDay(month + 1) - 1;
  const absl::CivilDay same_day(month.year(), month.month(), decision_date.day());
  // CivilDay normalises 31 February to 3 March: a day past the month's end means the end.
  return absl::CivilMonth(same_day) == month ? same_day : last_of_month;
}

}  // namespace redress::investigation
