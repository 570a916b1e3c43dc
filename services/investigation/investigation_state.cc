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
// is forbidden. DECIDED and UNDER_REVIEW accept nothing but the review steps (and corrections of
// the published text once decided); ON_HOLD accepts evidence, a new caseworker, resuming and the
// end of the investigation, nothing that moves the case on. WITHDRAWN and DISCONTINUED accept
// nothing.
// clang-format off
constexpr Edge kEdges[] = {
    // Assigning (or reassigning) the caseworker: any state before the decision.
    {A::kAssignCaseworker,     S::kUnassigned,            S::kAssigned},
    {A::kAssignCaseworker,     S::kAssigned,              S::kAssigned},
    {A::kAssignCaseworker,     S::kInvestigating,         S::kInvestigating},
    {A::kAssignCaseworker,     S::kOnHold,                S::kOnHold},
    {A::kAssignCaseworker,     S::kProvisionalViewShared, S::kProvisionalViewShared},
    {A::kAgreeScope,           S::kAssigned,              S::kInvestigating},
    // The scope can be revised while investigating (PHSO practice: the scope is reconsidered when
    // new issues emerge, and a review that finds part of the complaint overlooked reopens the case
    // to add it); a revision after the view was shared outdates the view (view_content.h).
    {A::kAgreeScope,           S::kInvestigating,         S::kInvestigating},
    {A::kAgreeScope,           S::kProvisionalViewShared, S::kProvisionalViewShared},
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
    // A revised view, after findings, points or recommendations changed: the parties comment on
    // what the decision will rest on.
    {A::kShareProvisionalView, S::kProvisionalViewShared, S::kProvisionalViewShared},
    {A::kLogComment,           S::kProvisionalViewShared, S::kProvisionalViewShared},
    {A::kIssueFinalDecision,   S::kProvisionalViewShared, S::kDecided},
    {A::kRequestReview,        S::kDecided,               S::kUnderReview},
    // The decision stands, or the investigation reopens.
    {A::kDecideReview,         S::kUnderReview,           S::kDecided},
    {A::kDecideReview,         S::kUnderReview,           S::kInvestigating},
    // Until it is decided, the complainant may withdraw and the scheme may stop investigating (PHSO
    // practice: a complaint can be withdrawn at any time, and an investigation discontinued when,
    // for example, no worthwhile outcome remains). A decided case ends with its decision; one under
    // review ends with the review, and once reopened it can end again.
    {A::kWithdraw,             S::kUnassigned,            S::kWithdrawn},
    {A::kWithdraw,             S::kAssigned,              S::kWithdrawn},
    {A::kWithdraw,             S::kInvestigating,         S::kWithdrawn},
    {A::kWithdraw,             S::kOnHold,                S::kWithdrawn},
    {A::kWithdraw,             S::kProvisionalViewShared, S::kWithdrawn},
    {A::kDiscontinue,          S::kUnassigned,            S::kDiscontinued},
    {A::kDiscontinue,          S::kAssigned,              S::kDiscontinued},
    {A::kDiscontinue,          S::kInvestigating,         S::kDiscontinued},
    {A::kDiscontinue,          S::kOnHold,                S::kDiscontinued},
    {A::kDiscontinue,          S::kProvisionalViewShared, S::kDiscontinued},
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
    case S::kWithdrawn:
      return "WITHDRAWN";
    case S::kDiscontinued:
      return "DISCONTINUED";
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
    case A::kWithdraw:
      return "withdraw";
    case A::kDiscontinue:
      return "discontinue";
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
