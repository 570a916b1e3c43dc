// Remedy's state machine in one place: which command each recommendation state allows, and the
// API names of states and commands. Follow-up steps are also commands: the scheduler takes the
// step the state allows (NextFollowUp).
#pragma once

#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "services/remedy/recommendation.h"

namespace redress::remedy {

enum class RecommendationCommand {
  kAccept,
  kDispute,
  kRecordCompliance,
  kDecline,
  kReschedule,
  kSupersede,  // a later decision does not repeat a held recommendation
  kHold,       // the decision that made it is reopened on review
  kCarryOver,  // a later decision repeats it (decision_succession.h)
  kCancel,     // the investigation ended (withdrawn, discontinued) while it was held
  kMarkOverdue,
  kChase,
  kEscalate,
  kRecordNotComplied,
};

inline constexpr RecommendationState kAllRecommendationStates[] = {
    RecommendationState::kAwaitingResponse,
    RecommendationState::kAccepted,
    RecommendationState::kDisputed,
    RecommendationState::kOverdue,
    RecommendationState::kChased,
    RecommendationState::kEscalated,
    RecommendationState::kComplied,
    RecommendationState::kDeclined,
    RecommendationState::kNotComplied,
    RecommendationState::kSuperseded,
    RecommendationState::kHeld,
    RecommendationState::kCancelled,
};

inline constexpr RecommendationCommand kAllRecommendationCommands[] = {
    RecommendationCommand::kAccept,
    RecommendationCommand::kDispute,
    RecommendationCommand::kRecordCompliance,
    RecommendationCommand::kDecline,
    RecommendationCommand::kReschedule,
    RecommendationCommand::kSupersede,
    RecommendationCommand::kHold,
    RecommendationCommand::kCarryOver,
    RecommendationCommand::kCancel,
    RecommendationCommand::kMarkOverdue,
    RecommendationCommand::kChase,
    RecommendationCommand::kEscalate,
    RecommendationCommand::kRecordNotComplied,
};

// Whether `command` is allowed in `state`.
bool Allows(RecommendationState state, RecommendationCommand command);

inline constexpr char kAlreadyResponded[] = "ALREADY_RESPONDED";

// OK when allowed; otherwise FAILED_PRECONDITION: InvalidStateTransition on `resource_name` naming
// the state, or (accept/dispute in a follow-up state after an answer) a PreconditionFailure of
// type "RESPONSE" with reason ALREADY_RESPONDED.
absl::Status CheckAllowed(const Recommendation& recommendation, RecommendationCommand command,
                          std::string_view resource_name);

// The follow-up step the scheduler takes next in `state`, if any (followed-up states only).
std::optional<FollowUpAction> NextFollowUp(RecommendationState state);

// The state a recommendation returns to when its follow-up restarts (a reschedule): the state
// its response put it in.
RecommendationState ResponseState(const Recommendation& recommendation);

// "AWAITING_RESPONSE", ... as in the proto enum without its prefix.
std::string_view RecommendationStateName(RecommendationState state);
// "accept", "record compliance", ...: for error messages.
std::string_view CommandName(RecommendationCommand command);

}  // namespace redress::remedy
