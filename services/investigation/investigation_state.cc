#include "services/investigation/investigation_state.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/errors.h"

namespace redress::investigation {
namespace {

using A = InvestigationAction;
using S = InvestigationState;

struct Edge {
  InvestigationAction action;
  InvestigationState from;
  InvestigationState to;
};

// The whole state machine: every allowed (action, from) pair and where it leads. A pair not listed
// is forbidden. DECIDED and UNDER_REVIEW accept nothing but the review steps; ON_HOLD accepts
// evidence, a new caseworker and resuming, nothing that moves the case on.
// clang-format off
constexpr Edge kEdges[] = {
    // Assigning (or reassigning) the caseworker: any state before the decision.
    {A::kAssignCaseworker,     S::kUnassigned,            S::kAssigned},
    {A::kAssignCaseworker,     S::kAssigned,              S::kAssigned},
    {A::kAssignCaseworker,     S::kInvestigating,         S::kInvestigating},
    {A::kAssignCaseworker,     S::kOnHold,                S::kOnHold},
    {A::kAssignCaseworker,     S::kProvisionalViewShared, S::kProvisionalViewShared},
    {A::kAgreeScope,           S::kAssigned,              S::kInvestigating},
    // Evidence may arrive from assignment until the provisional view, also while on hold.
    {A::kLogEvidence,          S::kAssigned,              S::kAssigned},
    {A::kLogEvidence,          S::kInvestigating,         S::kInvestigating},
    {A::kLogEvidence,          S::kOnHold,                S::kOnHold},
    {A::kLogEvidence,          S::kProvisionalViewShared, S::kProvisionalViewShared},
    // A hold returns to the state it was put on from (Hold::resume_state).
    {A::kPutOnHold,            S::kAssigned,              S::kOnHold},
    {A::kPutOnHold,            S::kInvestigating,         S::kOnHold},
    {A::kPutOnHold,            S::kProvisionalViewShared, S::kOnHold},
    {A::kResume,               S::kOnHold,                S::kAssigned},
    {A::kResume,               S::kOnHold,                S::kInvestigating},
    {A::kResume,               S::kOnHold,                S::kProvisionalViewShared},
    // Findings and the caseworker's text can change until the decision, also after sharing.
    {A::kRecordFinding,        S::kInvestigating,         S::kInvestigating},
    {A::kRecordFinding,        S::kProvisionalViewShared, S::kProvisionalViewShared},
    {A::kUpdate,               S::kInvestigating,         S::kInvestigating},
    {A::kUpdate,               S::kProvisionalViewShared, S::kProvisionalViewShared},
    // The published text and footer can still be corrected once decided.
    {A::kUpdatePublication,    S::kInvestigating,         S::kInvestigating},
    {A::kUpdatePublication,    S::kProvisionalViewShared, S::kProvisionalViewShared},
    {A::kUpdatePublication,    S::kDecided,               S::kDecided},
    {A::kShareProvisionalView, S::kInvestigating,         S::kProvisionalViewShared},
    {A::kLogComment,           S::kProvisionalViewShared, S::kProvisionalViewShared},
    {A::kIssueFinalDecision,   S::kProvisionalViewShared, S::kDecided},
    {A::kRequestReview,        S::kDecided,               S::kUnderReview},
    // The decision stands, or the investigation reopens.
    {A::kDecideReview,         S::kUnderReview,           S::kDecided},
    {A::kDecideReview,         S::kUnderReview,           S::kInvestigating},
};
// clang-format on

}  // namespace

std::string_view InvestigationStateName(InvestigationState state) {
  switch (state) {
    case S::kUnassigned:
      return "UNASSIGNED";
    case S::kAssigned:
      return "ASSIGNED";
    case S::kInvestigating:
      return "INVESTIGATING";
    case S::kOnHold:
      return "ON_HOLD";
    case S::kProvisionalViewShared:
      return "PROVISIONAL_VIEW_SHARED";
    case S::kDecided:
      return "DECIDED";
    case S::kUnderReview:
      return "UNDER_REVIEW";
  }
  return "UNSPECIFIED";
}

std::string_view InvestigationActionName(InvestigationAction action) {
  switch (action) {
    case A::kAssignCaseworker:
      return "assign a caseworker";
    case A::kAgreeScope:
      return "agree the scope";
    case A::kLogEvidence:
      return "log evidence";
    case A::kPutOnHold:
      return "put on hold";
    case A::kResume:
      return "resume";
    case A::kRecordFinding:
      return "record a finding";
    case A::kUpdate:
      return "update";
    case A::kUpdatePublication:
      return "update the publication fields";
    case A::kShareProvisionalView:
      return "share the provisional view";
    case A::kLogComment:
      return "log a comment";
    case A::kIssueFinalDecision:
      return "issue the final decision";
    case A::kRequestReview:
      return "request a review";
    case A::kDecideReview:
      return "decide the review";
  }
  return "unknown action";
}

std::vector<InvestigationState> StatesAfter(InvestigationState state, InvestigationAction action) {
  std::vector<InvestigationState> to;
  for (const Edge& edge : kEdges) {
    if (edge.action == action && edge.from == state) to.push_back(edge.to);
  }
  return to;
}

bool IsActionAllowed(InvestigationState state, InvestigationAction action) {
  return !StatesAfter(state, action).empty();
}

absl::Status CheckTransition(const Investigation& investigation, InvestigationAction action) {
  if (IsActionAllowed(investigation.state, action)) return absl::OkStatus();
  return InvalidStateTransition(investigation.name(), InvestigationStateName(investigation.state),
                                InvestigationActionName(action));
}

absl::StatusOr<InvestigationState> Transition(const Investigation& investigation,
                                              InvestigationAction action,
                                              std::optional<InvestigationState> choice) {
  const std::vector<InvestigationState> to = StatesAfter(investigation.state, action);
  if (to.empty()) return CheckTransition(investigation, action);
  if (to.size() == 1 && !choice.has_value()) return to.front();
  for (InvestigationState state : to) {
    if (choice.has_value() && state == *choice) return state;
  }
  return absl::InternalError(absl::StrCat(
      "no transition to ", std::string(InvestigationStateName(choice.value_or(S::kUnassigned))),
      " by ", std::string(InvestigationActionName(action)), " from ",
      std::string(InvestigationStateName(investigation.state))));
}

}  // namespace redress::investigation
