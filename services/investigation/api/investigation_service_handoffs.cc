// InvestigationService's hand-off methods: the sender's status and the parked hand-offs
// (docs/reliability.md), whose bodies are common (common/handoff_status.h).
#include <grpcpp/server_context.h>

#include "common/handler.h"
#include "common/handoff_status.h"
#include "common/status_macros.h"
#include "services/investigation/api/investigation_access.h"
#include "services/investigation/api/investigation_service.h"

namespace redress::investigation {

namespace cv1 = ::redress::common::v1;

grpc::ServerUnaryReactor* InvestigationService::GetHandoffStatus(
    grpc::CallbackServerContext* context, const cv1::GetHandoffStatusRequest* request,
    cv1::HandoffStatus* response) {
  return Serve(context, request, Calls(), "GetHandoffStatus", [=]() -> absl::Status {
    if (sender_ == nullptr) {
      return absl::UnimplementedError("this server does not deliver hand-offs");
    }
    ASSIGN_OR_RETURN(OutboxBacklog backlog, sender_->Backlog());
    *response = HandoffStatusToProto(backlog);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* InvestigationService::ListParkedHandoffs(
    grpc::CallbackServerContext* context, const cv1::ListParkedHandoffsRequest* request,
    cv1::ListParkedHandoffsResponse* response) {
  return Serve(context, request, Calls(), "ListParkedHandoffs", [=]() -> absl::Status {
    return redress::ListParkedHandoffs(parked_, *request, response);
  });
}

grpc::ServerUnaryReactor* InvestigationService::GetHandoff(grpc::CallbackServerContext* context,
                                                           const cv1::GetHandoffRequest* request,
                                                           cv1::Handoff* response) {
  return Serve(context, request, Calls(), "GetHandoff",
               [=]() -> absl::Status { return redress::GetHandoff(parked_, *request, response); });
}

grpc::ServerUnaryReactor* InvestigationService::RedriveHandoff(
    grpc::CallbackServerContext* context, const cv1::RedriveHandoffRequest* request,
    cv1::Handoff* response) {
  return Serve(context, request, Calls(), "RedriveHandoff", [=]() -> absl::Status {
    RETURN_IF_ERROR(redress::RedriveHandoff(parked_, *request, response));
    // Delivered at the sender's next pass: now, rather than at its next poll.
    if (sender_ != nullptr) sender_->Notify();
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* InvestigationService::DiscardHandoff(
    grpc::CallbackServerContext* context, const cv1::DiscardHandoffRequest* request,
    cv1::Handoff* response) {
  return Serve(
      context, request, Calls(), "DiscardHandoff", [=](const Principal& caller) -> absl::Status {
        RETURN_IF_ERROR(redress::DiscardHandoff(parked_, caller.Actor(), *request, response));
        // The later hand-offs of its case, which it held back, go now.
        if (sender_ != nullptr) sender_->Notify();
        return absl::OkStatus();
      });
}

}  // namespace redress::investigation
