#include "services/remedy/follow_up.h"

#include <algorithm>
#include <utility>

#include "services/remedy/recommendation_state.h"
#include "services/remedy/state_history.h"

namespace redress::remedy {

std::vector<FollowUpStep> PlannedFollowUp(absl::CivilDay target_date, absl::CivilDay received_day,
                                          const FollowUpPolicy& policy,
                                          const WorkingDayCalendar& calendar) {
  std::vector<FollowUpStep> steps;
  steps.push_back({FollowUpAction::kMarkOverdue, target_date + 1, std::nullopt});
  absl::CivilDay day = std::max(target_date, received_day);
  const std::pair<FollowUpAction, int> later[] = {
      {FollowUpAction::kChase, policy.chase_after_working_days},
      {FollowUpAction::kEscalate, policy.escalate_after_working_days},
      {FollowUpAction::kRecordNotComplied, policy.not_complied_after_working_days}};
  for (const auto& [action, working_days] : later) {
    absl::StatusOr<absl::CivilDay> due = calendar.AddWorkingDays(day, working_days);
    if (!due.ok()) break;  // beyond the calendar's years: not plannable yet
    day = *due;
    steps.push_back({action, day, std::nullopt});
  }
  return steps;
}

namespace {

// The working days after the step before that `action` falls due.
int WorkingDaysBefore(FollowUpAction action, const FollowUpPolicy& policy) {
  switch (action) {
    case FollowUpAction::kChase:
      return policy.chase_after_working_days;
    case FollowUpAction::kEscalate:
      return policy.escalate_after_working_days;
    case FollowUpAction::kRecordNotComplied:
      return policy.not_complied_after_working_days;
    case FollowUpAction::kMarkOverdue:
      break;
  }
  return 0;
}

// The action taken just before `action` in the schedule (MARK_OVERDUE has none).
FollowUpAction StepBefore(FollowUpAction action) {
  return static_cast<FollowUpAction>(static_cast<int>(action) - 1);
}

// The day the last step `action` of `r` was taken.
std::optional<absl::CivilDay> DayTaken(const Recommendation& r, FollowUpAction action) {
  for (auto it = r.steps_taken.rbegin(); it != r.steps_taken.rend(); ++it) {
    if (it->action != action) continue;
    return it->take_time.has_value() ? SchemeDay(*it->take_time) : it->due_date;
  }
  return std::nullopt;
}

}  // namespace

std::vector<FollowUpStep> RemainingFollowUp(const Recommendation& r, absl::CivilDay today,
                                            const FollowUpPolicy& policy,
                                            const WorkingDayCalendar& calendar) {
  std::vector<FollowUpStep> steps;
  std::optional<FollowUpAction> next = NextFollowUp(r.state);
  if (!next.has_value()) return steps;
  // The day the step before the next one happened (or, for the overdue mark and the chase, the
  // days they are counted from, which do not depend on the steps before them).
  std::optional<absl::CivilDay> from;
  for (int action = static_cast<int>(*next);
       action <= static_cast<int>(FollowUpAction::kRecordNotComplied); ++action) {
    const FollowUpAction step = static_cast<FollowUpAction>(action);
    absl::CivilDay due;
    if (step == FollowUpAction::kMarkOverdue) {
      due = r.target_date + 1;
    } else {
      if (step == FollowUpAction::kChase) {
        from = std::max(r.target_date, DecidedDay(r));
      } else if (!from.has_value()) {
        from = DayTaken(r, StepBefore(step));
        if (!from.has_value()) break;  // never taken: not plannable (older records)
      }
      absl::StatusOr<absl::CivilDay> counted =
          calendar.AddWorkingDays(*from, WorkingDaysBefore(step, policy));
      if (!counted.ok()) break;  // beyond the calendar's years: not plannable yet
      due = *counted;
    }
    steps.push_back({step, due, std::nullopt});
    from = std::max(due, today);  // the earliest this step can now be taken
  }
  return steps;
}

RecommendationState StateAfter(FollowUpAction action) {
  switch (action) {
    case FollowUpAction::kMarkOverdue:
      return RecommendationState::kOverdue;
    case FollowUpAction::kChase:
      return RecommendationState::kChased;
    case FollowUpAction::kEscalate:
      return RecommendationState::kEscalated;
    case FollowUpAction::kRecordNotComplied:
      return RecommendationState::kNotComplied;
  }
  return RecommendationState::kOverdue;
}

}  // namespace redress::remedy
