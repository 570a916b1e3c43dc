#include "services/intake/api/intake_service.h"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "common/audit_proto.h"
#include "common/caller_reach.h"
#include "common/errors.h"
#include "common/handler.h"
#include "common/page_bytes.h"
#include "common/paging.h"
#include "common/request_fingerprint.h"
#include "common/status_macros.h"
#include "services/intake/api/complaint_reach.h"
#include "services/intake/api/intake_access.h"
#include "services/intake/api/proto_convert.h"

namespace redress::intake {
namespace {

namespace v1 = ::redress::intake::v1;

ListRequest ListRequestOf(int page_size, const std::string& page_token, const std::string& filter) {
  ListRequest list;
  list.page_size = page_size;
  list.page_token = page_token;
  list.filter = filter;
  return list;
}

// The complaint `name` names, when the caller reaches it: its NOT_FOUND or INVALID_ARGUMENT
// otherwise, or OUT_OF_SCOPE. Checked before a change, so a change to a complaint beyond reach
// is refused before anything is recorded.
absl::StatusOr<Complaint> ReachableComplaint(IntakeLogic& logic, const CallerReach& reach,
                                             const std::string& name) {
  ASSIGN_OR_RETURN(Complaint complaint, logic.GetComplaint(name));
  RETURN_IF_ERROR(CheckReaches(reach, complaint));
  return complaint;
}

// OK when the caller may change the complaint `name` names. A caller who reaches everything
// skips the read, so the change reports every invalid field of its request at once, as before.
absl::Status CheckReachable(IntakeLogic& logic, const CallerReach& reach, const std::string& name) {
  if (reach.everything()) return absl::OkStatus();
  return ReachableComplaint(logic, reach, name).status();
}

}  // namespace

std::string SubmissionFingerprint(const v1::SubmitComplaintRequest& request) {
  return RequestFingerprint(request);
}

std::string AssessmentFingerprint(const v1::AssessComplaintRequest& request) {
  return RequestFingerprint(request);
}

std::string ReviewRequestFingerprint(const v1::RequestAssessmentReviewRequest& request) {
  return RequestFingerprint(request);
}

// --- Organisations. ---

grpc::ServerUnaryReactor* IntakeService::CreateOrganisation(
    grpc::CallbackServerContext* context, const v1::CreateOrganisationRequest* request,
    v1::Organisation* response) {
  return Serve(context, request, Calls(), "CreateOrganisation", [=]() -> absl::Status {
    FieldViolations violations;
    Organisation organisation =
        OrganisationFromProto(request->organisation(), "organisation", violations);
    ASSIGN_OR_RETURN(Organisation created,
                     logic_.CreateOrganisation(request->request_id(), request->organisation_id(),
                                               std::move(organisation), violations));
    *response = OrganisationToProto(created);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* IntakeService::GetOrganisation(grpc::CallbackServerContext* context,
                                                         const v1::GetOrganisationRequest* request,
                                                         v1::Organisation* response) {
  return Serve(context, request, Calls(), "GetOrganisation", [=]() -> absl::Status {
    ASSIGN_OR_RETURN(Organisation organisation, logic_.GetOrganisation(request->name()));
    *response = OrganisationToProto(organisation);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* IntakeService::ListOrganisations(
    grpc::CallbackServerContext* context, const v1::ListOrganisationsRequest* request,
    v1::ListOrganisationsResponse* response) {
  return Serve(context, request, Calls(), "ListOrganisations", [=]() -> absl::Status {
    ASSIGN_OR_RETURN(OrganisationPage page,
                     logic_.ListOrganisations(ListRequestOf(
                         request->page_size(), request->page_token(), request->filter())));
    for (const Organisation& organisation : page.organisations) {
      *response->add_organisations() = OrganisationToProto(organisation);
    }
    response->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* IntakeService::UpdateOrganisation(
    grpc::CallbackServerContext* context, const v1::UpdateOrganisationRequest* request,
    v1::Organisation* response) {
  return Serve(context, request, Calls(), "UpdateOrganisation", [=]() -> absl::Status {
    FieldViolations violations;
    const v1::Organisation& proto = request->organisation();
    Organisation patch = OrganisationFromProto(proto, "organisation", violations);
    ASSIGN_OR_RETURN(Organisation updated,
                     logic_.UpdateOrganisation(
                         proto.name(), patch, MaskPaths(request->update_mask()), proto.etag(),
                         MaskedViolations(violations, "organisation", request->update_mask())));
    *response = OrganisationToProto(updated);
    return absl::OkStatus();
  });
}

// --- Complaints. ---

grpc::ServerUnaryReactor* IntakeService::SubmitComplaint(grpc::CallbackServerContext* context,
                                                         const v1::SubmitComplaintRequest* request,
                                                         v1::Complaint* response) {
  return Serve(
      context, request, Calls(), "SubmitComplaint", [=](const Principal& caller) -> absl::Status {
        const CallerReach reach(caller);
        FieldViolations violations;
        Complaint draft = ComplaintFromProto(request->complaint(), "complaint", violations);
        draft.owner = reach.OwnerOfNewCase();
        ASSIGN_OR_RETURN(
            Complaint complaint,
            logic_.SubmitComplaint(request->request_id(), SubmissionFingerprint(*request),
                                   std::move(draft), violations));
        *response = ComplaintForCaller(reach, complaint);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* IntakeService::GetComplaint(grpc::CallbackServerContext* context,
                                                      const v1::GetComplaintRequest* request,
                                                      v1::Complaint* response) {
  return Serve(
      context, request, Calls(), "GetComplaint", [=](const Principal& caller) -> absl::Status {
        const CallerReach reach(caller);
        ASSIGN_OR_RETURN(Complaint complaint, ReachableComplaint(logic_, reach, request->name()));
        *response = ComplaintForCaller(reach, complaint);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* IntakeService::ListComplaints(grpc::CallbackServerContext* context,
                                                        const v1::ListComplaintsRequest* request,
                                                        v1::ListComplaintsResponse* response) {
  return Serve(
      context, request, Calls(), "ListComplaints", [=](const Principal& caller) -> absl::Status {
        const CallerReach reach(caller);
        ListRequest list =
            ListRequestOf(request->page_size(), request->page_token(), request->filter());
        list.owner = reach.owner_filter();
        list.organisation_id = reach.organisation_filter();
        ASSIGN_OR_RETURN(ComplaintPage page, logic_.ListComplaints(list));
        const size_t added = AddWithinBytes(
            page.complaints, *response,
            [&](const Complaint& complaint) { return ComplaintForCaller(reach, complaint); },
            [](v1::ListComplaintsResponse& r) { return r.add_complaints(); });
        response->set_next_page_token(
            added < page.complaints.size()
                ? IntakeLogic::PageTokenAfter(page.complaints[added - 1], list.filter)
                : page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* IntakeService::UpdateComplaint(grpc::CallbackServerContext* context,
                                                         const v1::UpdateComplaintRequest* request,
                                                         v1::Complaint* response) {
  return Serve(
      context, request, Calls(), "UpdateComplaint", [=](const Principal& caller) -> absl::Status {
        const CallerReach reach(caller);
        FieldViolations violations;
        const v1::Complaint& proto = request->complaint();
        RETURN_IF_ERROR(CheckReachable(logic_, reach, proto.name()));
        Complaint patch = ComplaintFromProto(proto, "complaint", violations);
        ASSIGN_OR_RETURN(Complaint updated,
                         logic_.UpdateComplaint(
                             proto.name(), patch, MaskPaths(request->update_mask()), proto.etag(),
                             MaskedViolations(violations, "complaint", request->update_mask())));
        *response = ComplaintForCaller(reach, updated);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* IntakeService::WithdrawComplaint(
    grpc::CallbackServerContext* context, const v1::WithdrawComplaintRequest* request,
    v1::Complaint* response) {
  return Serve(context, request, Calls(), "WithdrawComplaint",
               [=](const Principal& caller) -> absl::Status {
                 const CallerReach reach(caller);
                 RETURN_IF_ERROR(CheckReachable(logic_, reach, request->name()));
                 ASSIGN_OR_RETURN(
                     Complaint withdrawn,
                     logic_.WithdrawComplaint(request->name(), request->reason(), request->etag()));
                 *response = ComplaintForCaller(reach, withdrawn);
                 return absl::OkStatus();
               });
}

grpc::ServerUnaryReactor* IntakeService::AssessComplaint(grpc::CallbackServerContext* context,
                                                         const v1::AssessComplaintRequest* request,
                                                         v1::Complaint* response) {
  return Serve(
      context, request, Calls(), "AssessComplaint", [=](const Principal& caller) -> absl::Status {
        const CallerReach reach(caller);
        // The assessor is the caller, not what the request says (docs/security.md); the fingerprint
        // is of the request as recorded, so a retry naming someone else is still a retry.
        v1::AssessComplaintRequest recorded = *request;
        recorded.set_assessor(RecordedActor(caller, request->assessor()));
        FieldViolations violations;
        AssessCommand command = AssessCommandFromProto(recorded, violations);
        command.fingerprint = AssessmentFingerprint(recorded);
        ASSIGN_OR_RETURN(Complaint assessed, logic_.AssessComplaint(command, violations));
        if (sender_ != nullptr && !command.validate_only &&
            assessed.state == ComplaintState::kAccepted) {
          sender_->Notify();  // the hand-off is in the outbox: deliver it now, not at the next poll
        }
        *response = ComplaintForCaller(reach, assessed);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* IntakeService::RequestAssessmentReview(
    grpc::CallbackServerContext* context, const v1::RequestAssessmentReviewRequest* request,
    v1::Complaint* response) {
  return Serve(context, request, Calls(), "RequestAssessmentReview",
               [=](const Principal& caller) -> absl::Status {
                 const CallerReach reach(caller);
                 RETURN_IF_ERROR(CheckReachable(logic_, reach, request->name()));
                 FieldViolations violations;
                 RequestReviewCommand command = RequestReviewCommandFromProto(*request, violations);
                 command.fingerprint = ReviewRequestFingerprint(*request);
                 ASSIGN_OR_RETURN(Complaint reviewed,
                                  logic_.RequestAssessmentReview(command, violations));
                 *response = ComplaintForCaller(reach, reviewed);
                 return absl::OkStatus();
               });
}

grpc::ServerUnaryReactor* IntakeService::DecideAssessmentReview(
    grpc::CallbackServerContext* context, const v1::DecideAssessmentReviewRequest* request,
    v1::Complaint* response) {
  return Serve(context, request, Calls(), "DecideAssessmentReview",
               [=](const Principal& caller) -> absl::Status {
                 const CallerReach reach(caller);
                 FieldViolations violations;
                 DecideReviewCommand command = DecideReviewCommandFromProto(*request, violations);
                 command.reviewer =
                     RecordedActor(caller, request->reviewer());  // the caller (docs/security.md)
                 ASSIGN_OR_RETURN(Complaint decided,
                                  logic_.DecideAssessmentReview(command, violations));
                 *response = ComplaintForCaller(reach, decided);
                 return absl::OkStatus();
               });
}

grpc::ServerUnaryReactor* IntakeService::GetComplaintPersonalDetails(
    grpc::CallbackServerContext* context, const v1::GetComplaintPersonalDetailsRequest* request,
    v1::ComplaintPersonalDetails* response) {
  return Serve(context, request, Calls(), "GetComplaintPersonalDetails", [=]() -> absl::Status {
    ASSIGN_OR_RETURN(ComplaintPersonalDetails personal_details,
                     logic_.GetComplaintPersonalDetails(request->name()));
    *response = ComplaintPersonalDetailsToProto(personal_details);
    return absl::OkStatus();
  });
}

// --- Audit log. ---

grpc::ServerUnaryReactor* IntakeService::VerifyAuditLog(
    grpc::CallbackServerContext* context, const redress::common::v1::VerifyAuditLogRequest* request,
    redress::common::v1::VerifyAuditLogResponse* response) {
  return Serve(context, request, Calls(), "VerifyAuditLog", [=]() -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<audit::AuditHead> expected, ExpectedHeadFromProto(*request));
    ASSIGN_OR_RETURN(audit::AuditVerification verification, logic_.VerifyAuditLog(expected));
    *response = AuditVerificationToProto(verification);
    return absl::OkStatus();
  });
}

}  // namespace redress::intake
