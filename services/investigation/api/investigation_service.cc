#include "services/investigation/api/investigation_service.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/audit_proto.h"
#include "common/caller_reach.h"
#include "common/errors.h"
#include "common/handler.h"
#include "common/request_fingerprint.h"
#include "common/status_macros.h"
#include "services/investigation/api/investigation_access.h"
#include "services/investigation/api/investigation_reach.h"
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

// The investigation `name` names, when the caller reaches it: its NOT_FOUND or INVALID_ARGUMENT
// otherwise, or OUT_OF_SCOPE. Checked before a change, so nothing is recorded beyond reach.
absl::StatusOr<Investigation> ReachableInvestigation(InvestigationLogic& logic,
                                                     const CallerReach& reach,
                                                     const std::string& name) {
  ASSIGN_OR_RETURN(Investigation investigation, logic.GetInvestigation(name));
  RETURN_IF_ERROR(CheckReaches(reach, investigation));
  return investigation;
}

// OK when the caller may change the investigation `name` names and, when `party` is given, speak
// as that party. A caller who reaches everything skips the read, so the change reports every
// invalid field of its request at once, as before.
absl::Status CheckReachable(InvestigationLogic& logic, const CallerReach& reach,
                            const std::string& name) {
  if (reach.everything()) return absl::OkStatus();
  return ReachableInvestigation(logic, reach, name).status();
}

}  // namespace

grpc::ServerUnaryReactor* InvestigationService::OpenInvestigation(
    grpc::CallbackServerContext* context, const v1::OpenInvestigationRequest* request,
    v1::Investigation* response) {
  return Serve(context, request, Calls(), "OpenInvestigation", [=]() -> absl::Status {
    FieldViolations violations;
    ComplaintSnapshot snapshot =
        ComplaintSnapshotFromProto(request->complaint(), "complaint", violations);
    return Respond(logic_.OpenInvestigation(request->request_id(), RequestFingerprint(*request),
                                            std::move(snapshot), violations, request->owner()),
                   response);
  });
}

grpc::ServerUnaryReactor* InvestigationService::GetInvestigation(
    grpc::CallbackServerContext* context, const v1::GetInvestigationRequest* request,
    v1::Investigation* response) {
  return Serve(
      context, request, Calls(), "GetInvestigation", [=](const Principal& caller) -> absl::Status {
        return Respond(ReachableInvestigation(logic_, CallerReach(caller), request->name()),
                       response);
      });
}

grpc::ServerUnaryReactor* InvestigationService::ListInvestigations(
    grpc::CallbackServerContext* context, const v1::ListInvestigationsRequest* request,
    v1::ListInvestigationsResponse* response) {
  return Serve(context, request, Calls(), "ListInvestigations",
               [=](const Principal& caller) -> absl::Status {
                 const CallerReach reach(caller);
                 ListRequest list = ListRequestFromProto(*request);
                 list.owner = reach.owner_filter();
                 if (std::optional<std::string> id = reach.organisation_filter()) {
                   list.organisation = id->empty() ? "" : "organisations/" + *id;
                 }
                 ASSIGN_OR_RETURN(InvestigationPage page, logic_.ListInvestigations(list));
                 for (const Investigation& investigation : page.investigations) {
                   *response->add_investigations() = InvestigationToProto(investigation);
                 }
                 response->set_next_page_token(page.next_page_token);
                 return absl::OkStatus();
               });
}

grpc::ServerUnaryReactor* InvestigationService::AssignCaseworker(
    grpc::CallbackServerContext* context, const v1::AssignCaseworkerRequest* request,
    v1::Investigation* response) {
  return Serve(context, request, Calls(), "AssignCaseworker", [=]() -> absl::Status {
    return Respond(logic_.AssignCaseworker(request->name(), request->caseworker(), request->etag()),
                   response);
  });
}

grpc::ServerUnaryReactor* InvestigationService::AgreeScope(grpc::CallbackServerContext* context,
                                                           const v1::AgreeScopeRequest* request,
                                                           v1::Investigation* response) {
  return Serve(context, request, Calls(), "AgreeScope", [=]() -> absl::Status {
    FieldViolations violations;
    const AgreeScopeCommand command = AgreeScopeCommandFromProto(*request, violations);
    return Respond(logic_.AgreeScope(command, violations), response);
  });
}

grpc::ServerUnaryReactor* InvestigationService::LogEvidence(grpc::CallbackServerContext* context,
                                                            const v1::LogEvidenceRequest* request,
                                                            v1::Investigation* response) {
  return Serve(context, request, Calls(), "LogEvidence", [=]() -> absl::Status {
    FieldViolations violations;
    LogEvidenceCommand command = LogEvidenceCommandFromProto(*request, violations);
    command.fingerprint = RequestFingerprint(*request);
    return Respond(logic_.LogEvidence(command, violations), response);
  });
}

grpc::ServerUnaryReactor* InvestigationService::PutOnHold(grpc::CallbackServerContext* context,
                                                          const v1::PutOnHoldRequest* request,
                                                          v1::Investigation* response) {
  return Serve(context, request, Calls(), "PutOnHold", [=]() -> absl::Status {
    FieldViolations violations;
    const PutOnHoldCommand command = PutOnHoldCommandFromProto(*request, violations);
    return Respond(logic_.PutOnHold(command, violations), response);
  });
}

grpc::ServerUnaryReactor* InvestigationService::ResumeInvestigation(
    grpc::CallbackServerContext* context, const v1::ResumeInvestigationRequest* request,
    v1::Investigation* response) {
  return Serve(context, request, Calls(), "ResumeInvestigation", [=]() -> absl::Status {
    FieldViolations violations;
    const ResumeCommand command = ResumeCommandFromProto(*request, violations);
    return Respond(logic_.ResumeInvestigation(command, violations), response);
  });
}

grpc::ServerUnaryReactor* InvestigationService::RecordFinding(
    grpc::CallbackServerContext* context, const v1::RecordFindingRequest* request,
    v1::Investigation* response) {
  return Serve(context, request, Calls(), "RecordFinding", [=]() -> absl::Status {
    FieldViolations violations;
    const RecordFindingCommand command = RecordFindingCommandFromProto(*request, violations);
    return Respond(logic_.RecordFinding(command, violations), response);
  });
}

grpc::ServerUnaryReactor* InvestigationService::UpdateInvestigation(
    grpc::CallbackServerContext* context, const v1::UpdateInvestigationRequest* request,
    v1::Investigation* response) {
  return Serve(context, request, Calls(), "UpdateInvestigation", [=]() -> absl::Status {
    FieldViolations violations;
    const v1::Investigation& proto = request->investigation();
    const Investigation patch = InvestigationFromProto(proto, "investigation", violations);
    return Respond(logic_.UpdateInvestigation(
                       proto.name(), patch, MaskPaths(request->update_mask()), proto.etag(),
                       MaskedViolations(violations, "investigation", request->update_mask())),
                   response);
  });
}

grpc::ServerUnaryReactor* InvestigationService::ShareProvisionalView(
    grpc::CallbackServerContext* context, const v1::ShareProvisionalViewRequest* request,
    v1::Investigation* response) {
  return Serve(context, request, Calls(), "ShareProvisionalView", [=]() -> absl::Status {
    FieldViolations violations;
    const ShareProvisionalViewCommand command =
        ShareProvisionalViewCommandFromProto(*request, violations);
    return Respond(logic_.ShareProvisionalView(command, violations), response);
  });
}

grpc::ServerUnaryReactor* InvestigationService::LogComment(grpc::CallbackServerContext* context,
                                                           const v1::LogCommentRequest* request,
                                                           v1::Investigation* response) {
  return Serve(
      context, request, Calls(), "LogComment", [=](const Principal& caller) -> absl::Status {
        const CallerReach reach(caller);
        ASSIGN_OR_RETURN(Investigation investigation,
                         ReachableInvestigation(logic_, reach, request->name()));
        FieldViolations violations;
        LogCommentCommand command = LogCommentCommandFromProto(*request, violations);
        RETURN_IF_ERROR(CheckSpeaksAs(reach, investigation, command.party, command.organisation,
                                      "comment.party", "comment.organisation"));
        command.fingerprint = RequestFingerprint(*request);
        return Respond(logic_.LogComment(command, violations), response);
      });
}

grpc::ServerUnaryReactor* InvestigationService::IssueFinalDecision(
    grpc::CallbackServerContext* context, const v1::IssueFinalDecisionRequest* request,
    v1::Investigation* response) {
  return Serve(context, request, Calls(), "IssueFinalDecision", [=]() -> absl::Status {
    FieldViolations violations;
    const IssueFinalDecisionCommand command =
        IssueFinalDecisionCommandFromProto(*request, violations);
    return Respond(NotifyingSender(logic_.IssueFinalDecision(command, violations)), response);
  });
}

grpc::ServerUnaryReactor* InvestigationService::RequestReview(
    grpc::CallbackServerContext* context, const v1::RequestReviewRequest* request,
    v1::Investigation* response) {
  return Serve(context, request, Calls(), "RequestReview",
               [=](const Principal& caller) -> absl::Status {
                 const CallerReach reach(caller);
                 ASSIGN_OR_RETURN(Investigation investigation,
                                  ReachableInvestigation(logic_, reach, request->name()));
                 FieldViolations violations;
                 RequestReviewCommand command = RequestReviewCommandFromProto(*request, violations);
                 RETURN_IF_ERROR(CheckSpeaksAs(reach, investigation, command.requested_by, "",
                                               "requested_by", "requested_by"));
                 command.fingerprint = RequestFingerprint(*request);
                 return Respond(logic_.RequestReview(command, violations), response);
               });
}

grpc::ServerUnaryReactor* InvestigationService::DecideReview(grpc::CallbackServerContext* context,
                                                             const v1::DecideReviewRequest* request,
                                                             v1::Investigation* response) {
  return Serve(context, request, Calls(), "DecideReview", [=]() -> absl::Status {
    FieldViolations violations;
    const DecideReviewCommand command = DecideReviewCommandFromProto(*request, violations);
    return Respond(NotifyingSender(logic_.DecideReview(command, violations)), response);
  });
}

grpc::ServerUnaryReactor* InvestigationService::WithdrawInvestigation(
    grpc::CallbackServerContext* context, const v1::WithdrawInvestigationRequest* request,
    v1::Investigation* response) {
  return Serve(context, request, Calls(), "WithdrawInvestigation",
               [=](const Principal& caller) -> absl::Status {
                 RETURN_IF_ERROR(CheckReachable(logic_, CallerReach(caller), request->name()));
                 FieldViolations violations;
                 const EndInvestigationCommand command =
                     EndInvestigationCommandFromProto(*request, violations);
                 return Respond(NotifyingSender(logic_.WithdrawInvestigation(command, violations)),
                                response);
               });
}

grpc::ServerUnaryReactor* InvestigationService::DiscontinueInvestigation(
    grpc::CallbackServerContext* context, const v1::DiscontinueInvestigationRequest* request,
    v1::Investigation* response) {
  return Serve(context, request, Calls(), "DiscontinueInvestigation", [=]() -> absl::Status {
    FieldViolations violations;
    const EndInvestigationCommand command = EndInvestigationCommandFromProto(*request, violations);
    return Respond(NotifyingSender(logic_.DiscontinueInvestigation(command, violations)), response);
  });
}

absl::StatusOr<Investigation> InvestigationService::NotifyingSender(
    absl::StatusOr<Investigation> result) {
  if (result.ok() && sender_ != nullptr) sender_->Notify();
  return result;
}

grpc::ServerUnaryReactor* InvestigationService::VerifyAuditLog(
    grpc::CallbackServerContext* context, const redress::common::v1::VerifyAuditLogRequest* request,
    redress::common::v1::VerifyAuditLogResponse* response) {
  return Serve(context, request, Calls(), "VerifyAuditLog", [=]() -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<audit::AuditHead> expected, ExpectedHeadFromProto(*request));
    ASSIGN_OR_RETURN(audit::AuditVerification verification, logic_.VerifyAuditLog(expected));
    *response = AuditVerificationToProto(verification);
    return absl::OkStatus();
  });
}

}  // namespace redress::investigation
