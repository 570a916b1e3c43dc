#include "services/remedy/recommendation_state.h"

#include "common/errors.h"

namespace redress::remedy {

bool Allows(RecommendationState state, RecommendationCommand command) {
  using C = RecommendationCommand;
  using S = RecommendationState;
  switch (command) {
    case C::kAccept:
    case C::kDispute:
      // Answered once; a late answer to an overdue recommendation is still recorded.
      return state == S::kAwaitingResponse || state == S::kOverdue || state == S::kChased ||
             state == S::kEscalated;
    case C::kRecordCompliance:
      // Evidence is a fact and is never turned away while anything is still asked: in any
      // followed-up state; while held (a remedy done during a review is not asked again of the
      // organisation if the new decision repeats it); and after NOT_COMPLIED, when it is
      // recorded as complied with late (PHSO practice: an organisation that puts things right
      // after being reported as not complying has still put them right).
      return IsFollowedUp(state) || state == S::kHeld || state == S::kNotComplied;
    case C::kDecline:
    case C::kReschedule:
      return IsFollowedUp(state);
    case C::kHold:
      // Only what is still followed up is held; what is settled stays settled.
      return IsFollowedUp(state);
    case C::kSupersede:
    case C::kCancel:
      return state == S::kHeld;
    case C::kCarryOver:
      // A later decision repeating a remedy takes it over as it stands: held (its follow-up
      // restarts), complied with (never asked again) or declined (the complainant's answer to
      // that same remedy stands). A NOT_COMPLIED record stands as the earlier decision's; the
      // later decision's remedy is a new recommendation.
      return state == S::kHeld || state == S::kComplied || state == S::kDeclined;
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
    case RecommendationState::kHeld:
      return "HELD";
    case RecommendationState::kCancelled:
      return "CANCELLED";
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
    case RecommendationCommand::kHold:
      return "hold";
    case RecommendationCommand::kCarryOver:
      return "carry over";
    case RecommendationCommand::kCancel:
      return "cancel";
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
