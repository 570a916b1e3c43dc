// The investigation state machine: which actions each state allows and where each leads, in one
// table of transitions (investigation_state.cc), as case.proto's InvestigationState describes.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/investigation/investigation.h"

namespace redress::investigation {

// One per state-changing RPC of investigation.proto.
enum class InvestigationAction {
  kAssignCaseworker,
  kAgreeScope,
  kLogEvidence,
  kPutOnHold,
  kResume,
  kRecordFinding,
  kUpdate,
  // An update of the publication fields only (PublicationFields()): also allowed once decided,
  // so that the case summary can be corrected and anonymised before it is published.
  kUpdatePublication,
  kShareProvisionalView,
  kLogComment,
  kIssueFinalDecision,
  kRequestReview,
  kDecideReview,
  kWithdraw,
  kDiscontinue,
};

inline constexpr InvestigationAction kAllActions[] = {
    InvestigationAction::kAssignCaseworker,
    InvestigationAction::kAgreeScope,
    InvestigationAction::kLogEvidence,
    InvestigationAction::kPutOnHold,
    InvestigationAction::kResume,
    InvestigationAction::kRecordFinding,
    InvestigationAction::kUpdate,
    InvestigationAction::kUpdatePublication,
    InvestigationAction::kShareProvisionalView,
    InvestigationAction::kLogComment,
    InvestigationAction::kIssueFinalDecision,
    InvestigationAction::kRequestReview,
    InvestigationAction::kDecideReview,
    InvestigationAction::kWithdraw,
    InvestigationAction::kDiscontinue,
};

inline constexpr InvestigationState kAllStates[] = {
    InvestigationState::kUnassigned,
    InvestigationState::kAssigned,
    InvestigationState::kInvestigating,
    InvestigationState::kOnHold,
    InvestigationState::kProvisionalViewShared,
    InvestigationState::kDecided,
    InvestigationState::kUnderReview,
    InvestigationState::kWithdrawn,
    InvestigationState::kDiscontinued,
};

// The state's name as in the proto, without the prefix: "UNASSIGNED", "ON_HOLD", ...
std::string_view InvestigationStateName(InvestigationState state);
// The action in words for error messages: "assign a caseworker", "issue the final decision", ...
std::string_view InvestigationActionName(InvestigationAction action);

bool IsActionAllowed(InvestigationState state, InvestigationAction action);

// The states `action` may lead to from `state`, in table order; empty when it is not allowed.
// Most actions have one; ResumeInvestigation has one per state a hold can be put from, and
// DecideReview one per review outcome.
std::vector<InvestigationState> StatesAfter(InvestigationState state, InvestigationAction action);

// OK when `investigation`'s state allows `action`; otherwise FAILED_PRECONDITION from
// InvalidStateTransition naming the investigation and its state.
absl::Status CheckTransition(const Investigation& investigation, InvestigationAction action);

// The state `investigation` moves to by `action`: the only one the table allows, or `choice`
// when the table allows several (the state a hold resumes to, a review's outcome). When the state
// does not allow the action, FAILED_PRECONDITION from InvalidStateTransition naming the
// investigation and its state. INTERNAL when `choice` is not among the table's states.
absl::StatusOr<InvestigationState> Transition(
    const Investigation& investigation, InvestigationAction action,
    std::optional<InvestigationState> choice = std::nullopt);

}  // namespace redress::investigation
