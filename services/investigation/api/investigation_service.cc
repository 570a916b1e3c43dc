#include "services/investigation/api/investigation_service.h"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/audit_proto.h"
#include "common/errors.h"
#include "common/handler.h"
#include "common/handoff_status.h"
#include "common/request_fingerprint.h"
#include "common/status_macros.h"
#include "services/investigation/api/investigation_access.h"
#include "services/investigation/api/proto_convert.h"

namespace redress::investigation {
namespace {

namespace v1 = ::redress::investigation::v1;

// The answer of a method that returns the investigation: `result`'s error, or OK with the
// investigation in `response`.
absl::Status Respond(absl::StatusOr<Investigation> result, v1::Investigation* response) {
  if (!result.ok()) return result.status();
  *response = InvestigationToProto(*result);
  return absl::OkStatus();
}

}  // namespace

grpc::Status InvestigationService::OpenInvestigation(grpc::ServerContext* context,
                                                     const v1::OpenInvestigationRequest* request,
                                                     v1::Investigation* response) {
  return ServeCall(context, Calls(), "OpenInvestigation", [&]() -> absl::Status {
    FieldViolations violations;
    ComplaintSnapshot snapshot =
        ComplaintSnapshotFromProto(request->complaint(), "complaint", violations);
    return Respond(logic_.OpenInvestigation(request->request_id(), RequestFingerprint(*request),
                                            std::move(snapshot), violations),
                   response);
  });
}

grpc::Status InvestigationService::GetInvestigation(grpc::ServerContext* context,
                                                    const v1::GetInvestigationRequest* request,
                                                    v1::Investigation* response) {
  return ServeCall(context, Calls(), "GetInvestigation", [&]() -> absl::Status {
    return Respond(logic_.GetInvestigation(request->name()), response);
  });
}

grpc::Status InvestigationService::ListInvestigations(grpc::ServerContext* context,
                                                      const v1::ListInvestigationsRequest* request,
                                                      v1::ListInvestigationsResponse* response) {
  return ServeCall(context, Calls(), "ListInvestigations", [&]() -> absl::Status {
    ASSIGN_OR_RETURN(InvestigationPage page,
                     logic_.ListInvestigations(ListRequestFromProto(*request)));
    for (const Investigation& investigation : page.investigations) {
      *response->add_investigations() = InvestigationToProto(investigation);
    }
    response->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status InvestigationService::AssignCaseworker(grpc::ServerContext* context,
                                                    const v1::AssignCaseworkerRequest* request,
                                                    v1::Investigation* response) {
  return ServeCall(context, Calls(), "AssignCaseworker", [&]() -> absl::Status {
    return Respond(logic_.AssignCaseworker(request->name(), request->caseworker(), request->etag()),
                   response);
  });
}

grpc::Status InvestigationService::AgreeScope(grpc::ServerContext* context,
                                              const v1::AgreeScopeRequest* request,
                                              v1::Investigation* response) {
  return ServeCall(context, Calls(), "AgreeScope", [&]() -> absl::Status {
    FieldViolations violations;
    const AgreeScopeCommand command = AgreeScopeCommandFromProto(*request, violations);
    return Respond(logic_.AgreeScope(command, violations), response);
  });
}

grpc::Status InvestigationService::LogEvidence(grpc::ServerContext* context,
                                               const v1::LogEvidenceRequest* request,
                                               v1::Investigation* response) {
  return ServeCall(context, Calls(), "LogEvidence", [&]() -> absl::Status {
    FieldViolations violations;
    LogEvidenceCommand command = LogEvidenceCommandFromProto(*request, violations);
    command.fingerprint = RequestFingerprint(*request);
    return Respond(logic_.LogEvidence(command, violations), response);
  });
}

grpc::Status InvestigationService::PutOnHold(grpc::ServerContext* context,
                                             const v1::PutOnHoldRequest* request,
                                             v1::Investigation* response) {
  return ServeCall(context, Calls(), "PutOnHold", [&]() -> absl::Status {
    FieldViolations violations;
    const PutOnHoldCommand command = PutOnHoldCommandFromProto(*request, violations);
    return Respond(logic_.PutOnHold(command, violations), response);
  });
}

grpc::Status InvestigationService::ResumeInvestigation(
    grpc::ServerContext* context, const v1::ResumeInvestigationRequest* request,
    v1::Investigation* response) {
  return ServeCall(context, Calls(), "ResumeInvestigation", [&]() -> absl::Status {
    FieldViolations violations;
    const ResumeCommand command = ResumeCommandFromProto(*request, violations);
    return Respond(logic_.ResumeInvestigation(command, violations), response);
  });
}

grpc::Status InvestigationService::RecordFinding(grpc::ServerContext* context,
                                                 const v1::RecordFindingRequest* request,
                                                 v1::Investigation* response) {
  return ServeCall(context, Calls(), "RecordFinding", [&]() -> absl::Status {
    FieldViolations violations;
    const RecordFindingCommand command = RecordFindingCommandFromProto(*request, violations);
    return Respond(logic_.RecordFinding(command, violations), response);
  });
}

grpc::Status InvestigationService::UpdateInvestigation(
    grpc::ServerContext* context, const v1::UpdateInvestigationRequest* request,
    v1::Investigation* response) {
  return ServeCall(context, Calls(), "UpdateInvestigation", [&]() -> absl::Status {
    FieldViolations violations;
    const v1::Investigation& proto = request->investigation();
    const Investigation patch = InvestigationFromProto(proto, "investigation", violations);
    return Respond(logic_.UpdateInvestigation(
                       proto.name(), patch, MaskPaths(request->update_mask()), proto.etag(),
                       MaskedViolations(violations, "investigation", request->update_mask())),
                   response);
  });
}

grpc::Status InvestigationService::ShareProvisionalView(
    grpc::ServerContext* context, const v1::ShareProvisionalViewRequest* request,
    v1::Investigation* response) {
  return ServeCall(context, Calls(), "ShareProvisionalView", [&]() -> absl::Status {
    FieldViolations violations;
    const ShareProvisionalViewCommand command =
        ShareProvisionalViewCommandFromProto(*request, violations);
    return Respond(logic_.ShareProvisionalView(command, violations), response);
  });
}

grpc::Status InvestigationService::LogComment(grpc::ServerContext* context,
                                              const v1::LogCommentRequest* request,
                                              v1::Investigation* response) {
  return ServeCall(context, Calls(), "LogComment", [&]() -> absl::Status {
    FieldViolations violations;
    LogCommentCommand command = LogCommentCommandFromProto(*request, violations);
    command.fingerprint = RequestFingerprint(*request);
    return Respond(logic_.LogComment(command, violations), response);
  });
}

grpc::Status InvestigationService::IssueFinalDecision(grpc::ServerContext* context,
                                                      const v1::IssueFinalDecisionRequest* request,
                                                      v1::Investigation* response) {
  return ServeCall(context, Calls(), "IssueFinalDecision", [&]() -> absl::Status {
    FieldViolations violations;
    const IssueFinalDecisionCommand command =
        IssueFinalDecisionCommandFromProto(*request, violations);
    return Respond(NotifyingSender(logic_.IssueFinalDecision(command, violations)), response);
  });
}

grpc::Status InvestigationService::RequestReview(grpc::ServerContext* context,
                                                 const v1::RequestReviewRequest* request,
                                                 v1::Investigation* response) {
  return ServeCall(context, Calls(), "RequestReview", [&]() -> absl::Status {
    FieldViolations violations;
    RequestReviewCommand command = RequestReviewCommandFromProto(*request, violations);
    command.fingerprint = RequestFingerprint(*request);
    return Respond(logic_.RequestReview(command, violations), response);
  });
}

grpc::Status InvestigationService::DecideReview(grpc::ServerContext* context,
                                                const v1::DecideReviewRequest* request,
                                                v1::Investigation* response) {
  return ServeCall(context, Calls(), "DecideReview", [&]() -> absl::Status {
    FieldViolations violations;
    const DecideReviewCommand command = DecideReviewCommandFromProto(*request, violations);
    return Respond(NotifyingSender(logic_.DecideReview(command, violations)), response);
  });
}

grpc::Status InvestigationService::WithdrawInvestigation(
    grpc::ServerContext* context, const v1::WithdrawInvestigationRequest* request,
    v1::Investigation* response) {
  return ServeCall(context, Calls(), "WithdrawInvestigation", [&]() -> absl::Status {
    FieldViolations violations;
    const EndInvestigationCommand command = EndInvestigationCommandFromProto(*request, violations);
    return Respond(NotifyingSender(logic_.WithdrawInvestigation(command, violations)), response);
  });
}

grpc::Status InvestigationService::DiscontinueInvestigation(
    grpc::ServerContext* context, const v1::DiscontinueInvestigationRequest* request,
    v1::Investigation* response) {
  return ServeCall(context, Calls(), "DiscontinueInvestigation", [&]() -> absl::Status {
    FieldViolations violations;
    const EndInvestigationCommand command = EndInvestigationCommandFromProto(*request, violations);
    return Respond(NotifyingSender(logic_.DiscontinueInvestigation(command, violations)), response);
  });
}

// --- Hand-offs. ---

absl::StatusOr<Investigation> InvestigationService::NotifyingSender(
    absl::StatusOr<Investigation> result) {
  if (result.ok() && sender_ != nullptr) sender_->Notify();
  return result;
}

grpc::Status InvestigationService::GetHandoffStatus(
    grpc::ServerContext* context, const redress::common::v1::GetHandoffStatusRequest* /*request*/,
    redress::common::v1::HandoffStatus* response) {
  return ServeCall(context, Calls(), "GetHandoffStatus", [&]() -> absl::Status {
    if (sender_ == nullptr) {
      return absl::UnimplementedError("this server does not deliver hand-offs");
    }
    ASSIGN_OR_RETURN(OutboxBacklog backlog, sender_->Backlog());
    *response = HandoffStatusToProto(backlog);
    return absl::OkStatus();
  });
}

grpc::Status InvestigationService::VerifyAuditLog(
    grpc::ServerContext* context, const redress::common::v1::VerifyAuditLogRequest* request,
    redress::common::v1::VerifyAuditLogResponse* response) {
  return ServeCall(context, Calls(), "VerifyAuditLog", [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<audit::AuditHead> expected, ExpectedHeadFromProto(*request));
    ASSIGN_OR_RETURN(audit::AuditVerification verification, logic_.VerifyAuditLog(expected));
    *response = AuditVerificationToProto(verification);
    return absl::OkStatus();
  });
}

}  // namespace redress::investigation
