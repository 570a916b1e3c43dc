#include "services/remedy/recommendation_state.h"

#include "common/errors.h"

namespace redress::remedy {

bool Allows(RecommendationState state, RecommendationCommand command) {
  using C = RecommendationCommand;
  using S = RecommendationState;
  if (!IsOpen(state)) return false;  // COMPLIED, DECLINED, NOT_COMPLIED, SUPERSEDED are final.
  switch (command) {
    case C::kAccept:
    case C::kDispute:
      // Answered once; a late answer to an overdue recommendation is still recorded.
      return state == S::kAwaitingResponse || state == S::kOverdue || state == S::kChased ||
             state == S::kEscalated;
    case C::kRecordCompliance:
    case C::kDecline:
    case C::kReschedule:
    case C::kSupersede:
      return true;
    case C::kMarkOverdue:
      return state == S::kAwaitingResponse || state == S::kAccepted || state == S::kDisputed;
    case C::kChase:
      return state == S::kOverdue;
    case C::kEscalate:
      return state == S::kChased;
    case C::kRecordNotComplied:
      return state == S::kEscalated;
  }
  return false;
}

absl::Status CheckAllowed(const Recommendation& recommendation, RecommendationCommand command,
                          std::string_view resource_name) {
  if (!Allows(recommendation.state, command)) {
    return InvalidStateTransition(resource_name, RecommendationStateName(recommendation.state),
                                  CommandName(command));
  }
  // In a follow-up state an answer is still allowed, but only while none is recorded.
  const bool answering =
      command == RecommendationCommand::kAccept || command == RecommendationCommand::kDispute;
  if (answering && recommendation.response.has_value()) {
    return PreconditionFailed("RESPONSE", resource_name,
                              recommendation.response->position == OrganisationPosition::kAccepted
                                  ? "the organisation has already accepted it"
                                  : "the organisation has already disputed it",
                              kAlreadyResponded);
  }
  return absl::OkStatus();
}

std::optional<FollowUpAction> NextFollowUp(RecommendationState state) {
  switch (state) {
    case RecommendationState::kAwaitingResponse:
    case RecommendationState::kAccepted:
    case RecommendationState::kDisputed:
      return FollowUpAction::kMarkOverdue;
    case RecommendationState::kOverdue:
      return FollowUpAction::kChase;
    case RecommendationState::kChased:
      return FollowUpAction::kEscalate;
    case RecommendationState::kEscalated:
      return FollowUpAction::kRecordNotComplied;
    default:
      return std::nullopt;
  }
}

RecommendationState ResponseState(const Recommendation& recommendation) {
  if (!recommendation.response.has_value()) return RecommendationState::kAwaitingResponse;
  return recommendation.response->position == OrganisationPosition::kAccepted
             ? RecommendationState::kAccepted
             : RecommendationState::kDisputed;
}

std::string_view RecommendationStateName(RecommendationState state) {
  switch (state) {
    case RecommendationState::kAwaitingResponse:
      return "AWAITING_RESPONSE";
    case RecommendationState::kAccepted:
      return "ACCEPTED";
    case RecommendationState::kDisputed:
      return "DISPUTED";
    case RecommendationState::kOverdue:
      return "OVERDUE";
    case RecommendationState::kChased:
      return "CHASED";
    case RecommendationState::kEscalated:
      return "ESCALATED";
    case RecommendationState::kComplied:
      return "COMPLIED";
    case RecommendationState::kDeclined:
      return "DECLINED";
    case RecommendationState::kNotComplied:
      return "NOT_COMPLIED";
    case RecommendationState::kSuperseded:
      return "SUPERSEDED";
  }
  return "UNSPECIFIED";
}

std::string_view CommandName(RecommendationCommand command) {
  switch (command) {
    case RecommendationCommand::kAccept:
      return "accept";
    case RecommendationCommand::kDispute:
      return "dispute";
    case RecommendationCommand::kRecordCompliance:
      return "record compliance";
    case RecommendationCommand::kDecline:
      return "decline";
    case RecommendationCommand::kReschedule:
      return "reschedule";
    case RecommendationCommand::kSupersede:
      return "supersede";
    case RecommendationCommand::kMarkOverdue:
      return "mark overdue";
    case RecommendationCommand::kChase:
      return "chase";
    case RecommendationCommand::kEscalate:
      return "escalate";
    case RecommendationCommand::kRecordNotComplied:
      return "record not complied";
  }
  return "change";
}

}  // namespace redress::remedy
