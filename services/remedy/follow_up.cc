#include "services/remedy/follow_up.h"

#include <algorithm>
#include <utility>

#include "common/clock.h"

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

absl::CivilDay ReceivedDay(const Recommendation& recommendation) {
  return absl::ToCivilDay(recommendation.create_time, SchemeTimeZone());
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
