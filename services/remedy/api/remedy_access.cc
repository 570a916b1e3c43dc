#include "services/remedy/api/remedy_access.h"

#include "services/remedy/api/remedy_service.h"

namespace redress::remedy {

using auth::Role;

const CallPolicy& Calls() {
  static const CallPolicy* const policy = new CallPolicy(
      RemedyService::kErrorDomain,
      {
          // Only investigation's hand-offs (DESIGN §1).
          {"ReceiveDecision", {}, {"investigation"}},
          {"ReceiveReopening", {}, {"investigation"}},
          {"ReceiveInvestigationEnd", {}, {"investigation"}},
          // Recommendations: followed up by the caseworker, answered by the organisation's
          // liaison (its own organisation's only), declined by the complainant they benefit.
          {"GetRecommendation",
           {Role::kCaseworker, Role::kOrganisationLiaison, Role::kComplainant, Role::kPublisher,
            Role::kAuditor},
           {}},
          {"ListRecommendations",
           {Role::kCaseworker, Role::kOrganisationLiaison, Role::kComplainant, Role::kPublisher,
            Role::kAuditor},
           {}},
          {"AcceptRecommendation", {Role::kCaseworker, Role::kOrganisationLiaison}, {}},
          {"DisputeRecommendation", {Role::kCaseworker, Role::kOrganisationLiaison}, {}},
          {"RecordCompliance", {Role::kCaseworker, Role::kOrganisationLiaison}, {}},
          {"DeclineRecommendation", {Role::kCaseworker, Role::kComplainant}, {}},
          {"RescheduleRecommendation", {Role::kCaseworker}, {}},
          {"ListDueActions", {Role::kCaseworker, Role::kAuditor}, {}},
          {"GetComplianceReport", {Role::kCaseworker, Role::kPublisher, Role::kAuditor}, {}},
          {"ListNonCompliance", {Role::kCaseworker, Role::kPublisher, Role::kAuditor}, {}},
          // Publication of the anonymised case summary.
          {"RenderCaseSummary", {Role::kPublisher, Role::kCaseworker}, {}},
          {"PublishCaseSummary", {Role::kPublisher}, {}},
          {"AcknowledgeAnonymisationIssue", {Role::kPublisher}, {}},
          // A published summary is public.
          {"GetCaseSummary", AllRolesExcept(), {}},
          {"VerifyAuditLog", {Role::kAuditor, Role::kAdministrator}, {}},
          // The privacy lifecycle (docs/privacy.md): whole files of personal data, so only the
          // administrator who answers a data-subject request.
          {"ExportPersonalData", {Role::kAdministrator}, {}},
          {"ErasePersonalData", {Role::kAdministrator}, {}},
      });
  return *policy;
}

}  // namespace redress::remedy
