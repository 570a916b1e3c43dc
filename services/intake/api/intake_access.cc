#include "services/intake/api/intake_access.h"

#include "services/intake/api/intake_service.h"

namespace redress::intake {

using auth::Role;

const CallPolicy& Calls() {
  static const CallPolicy* const policy = new CallPolicy(
      IntakeService::kErrorDomain,
      {
          // The register of organisations: public knowledge, kept by administrators.
          {"CreateOrganisation", {Role::kAdministrator}, {}},
          {"GetOrganisation", AllRolesExcept(), {}},
          {"ListOrganisations", AllRolesExcept(), {}},
          {"UpdateOrganisation", {Role::kAdministrator}, {}},
          // Complaints. A complainant reaches only their own; a liaison only its organisation's.
          {"SubmitComplaint", {Role::kComplainant, Role::kCaseworker, Role::kAssessor}, {}},
          {"GetComplaint",
           {Role::kComplainant, Role::kCaseworker, Role::kAssessor, Role::kOrganisationLiaison,
            Role::kAuditor},
           {}},
          {"ListComplaints",
           {Role::kComplainant, Role::kCaseworker, Role::kAssessor, Role::kOrganisationLiaison,
            Role::kAuditor},
           {}},
          {"UpdateComplaint", {Role::kComplainant, Role::kCaseworker, Role::kAssessor}, {}},
          {"WithdrawComplaint", {Role::kComplainant, Role::kCaseworker}, {}},
          {"AssessComplaint", {Role::kAssessor}, {}},
          {"RequestAssessmentReview", {Role::kComplainant, Role::kCaseworker}, {}},
          {"DecideAssessmentReview", {Role::kAssessor}, {}},
          // Operations.
          {"GetHandoffStatus", {Role::kAdministrator, Role::kAuditor}, {}},
          // Parked hand-offs (docs/reliability.md): looked at like the status, changed only by
          // administrators.
          {"ListParkedHandoffs", {Role::kAdministrator, Role::kAuditor}, {}},
          {"GetHandoff", {Role::kAdministrator, Role::kAuditor}, {}},
          {"RedriveHandoff", {Role::kAdministrator}, {}},
          {"DiscardHandoff", {Role::kAdministrator}, {}},
          {"VerifyAuditLog", {Role::kAuditor, Role::kAdministrator}, {}},
          // The privacy lifecycle (docs/privacy.md): whole files of personal data, so only the
          // administrator who answers a data-subject request.
          {"ExportPersonalData", {Role::kAdministrator}, {}},
          {"ErasePersonalData", {Role::kAdministrator}, {}},
          // Only remedy, which writes to the complainant about compliance (DESIGN §1).
          {"GetComplaintPersonalDetails", {}, {"remedy"}},
      });
  return *policy;
}

}  // namespace redress::intake
