#include "services/remedy/follow_up.h"

#include "common/status_macros.h"

namespace redress::remedy {

absl::StatusOr<std::vector<FollowUpStep>> PlannedFollowUp(absl::CivilDay target_date,
                                                          const FollowUpPolicy& policy,
                                                          const WorkingDayCalendar& calendar) {
  std::vector<FollowUpStep> steps;
  steps.push_back({FollowUpAction::kMarkOverdue, target_date + 1, std::nullopt});
  ASSIGN_OR_RETURN(absl::CivilDay chase,
                   calendar.AddWorkingDays(target_date, policy.chase_after_working_days));
  steps.push_back({FollowUpAction::kChase, chase, std::nullopt});
  ASSIGN_OR_RETURN(absl::CivilDay escalate,
                   calendar.AddWorkingDays(chase, policy.escalate_after_working_days));
  steps.push_back({FollowUpAction::kEscalate, escalate, std::nullopt});
  ASSIGN_OR_RETURN(absl::CivilDay not_complied,
                   calendar.AddWorkingDays(escalate, policy.not_complied_after_working_days));
  steps.push_back({FollowUpAction::kRecordNotComplied, not_complied, std::nullopt});
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
