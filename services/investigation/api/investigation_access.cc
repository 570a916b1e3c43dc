#include "services/investigation/api/investigation_access.h"

#include "services/investigation/api/investigation_service.h"

namespace redress::investigation {

using auth::Role;

const CallPolicy& Calls() {
  static const CallPolicy* const policy = new CallPolicy(
      InvestigationService::kErrorDomain,
      {
          // Only intake's hand-off of an accepted complaint (DESIGN §1).
          {"OpenInvestigation", {}, {"intake"}},
          {"GetInvestigation",
           {Role::kCaseworker, Role::kAssessor, Role::kAuditor, Role::kComplainant,
            Role::kOrganisationLiaison},
           {"remedy"}},
          {"ListInvestigations",
           {Role::kCaseworker, Role::kAssessor, Role::kAuditor, Role::kComplainant,
            Role::kOrganisationLiaison},
           {}},
          // An investigation's sub-collections: whoever reads the investigation (no peer: remedy
          // reads only what it publishes, which the investigation carries in full), and the
          // administrator, whose subject access export carries only the most recent of each
          // and reads the rest here (docs/privacy.md).
          {"ListEvidence",
           {Role::kCaseworker, Role::kAssessor, Role::kAuditor, Role::kComplainant,
            Role::kOrganisationLiaison, Role::kAdministrator},
           {}},
          {"ListComments",
           {Role::kCaseworker, Role::kAssessor, Role::kAuditor, Role::kComplainant,
            Role::kOrganisationLiaison, Role::kAdministrator},
           {}},
          {"AssignCaseworker", {Role::kCaseworker}, {}},
          {"AgreeScope", {Role::kCaseworker}, {}},
          {"LogEvidence", {Role::kCaseworker}, {}},
          {"PutOnHold", {Role::kCaseworker}, {}},
          {"ResumeInvestigation", {Role::kCaseworker}, {}},
          {"RecordFinding", {Role::kCaseworker}, {}},
          {"UpdateInvestigation", {Role::kCaseworker}, {}},
          {"ShareProvisionalView", {Role::kCaseworker}, {}},
          {"LogComment", {Role::kCaseworker, Role::kComplainant, Role::kOrganisationLiaison}, {}},
          {"IssueFinalDecision", {Role::kCaseworker}, {}},
          {"RequestReview",
           {Role::kCaseworker, Role::kComplainant, Role::kOrganisationLiaison},
           {}},
          {"DecideReview", {Role::kCaseworker}, {}},
          {"WithdrawInvestigation", {Role::kCaseworker, Role::kComplainant}, {}},
          {"DiscontinueInvestigation", {Role::kCaseworker}, {}},
          {"GetHandoffStatus", {Role::kAdministrator, Role::kAuditor}, {}},
          // Parked hand-offs (docs/reliability.md): looked at like the status, changed only by
          // administrators.
          {"ListParkedHandoffs", {Role::kAdministrator, Role::kAuditor}, {}},
          {"GetHandoff", {Role::kAdministrator, Role::kAuditor}, {}},
          {"RedriveHandoff", {Role::kAdministrator}, {}},
          {"DiscardHandoff", {Role::kAdministrator}, {}},
          {"VerifyAuditLog", {Role::kAuditor, Role::kAdministrator}, {}},
          // A whole file of personal data, and an erasure that cannot be undone: only the
          // person who answers data-subject requests (docs/privacy.md).
          {"ExportPersonalData", {Role::kAdministrator}, {}},
          {"ErasePersonalData", {Role::kAdministrator}, {}},
      });
  return *policy;
}

}  // namespace redress::investigation
