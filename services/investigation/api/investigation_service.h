// The gRPC adapter of the investigation service: it translates requests to InvestigationLogic
// calls and their results back to protos, and every absl::Status to a grpc::Status with rich
// details (domain "investigation.redress"). No rules live here; see investigation_logic.h.
#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>
#include <grpcpp/support/status.h>

#include "common/handler.h"
#include "common/outbox_sender.h"
#include "common/parked_handoffs.h"
#include "redress/investigation/v1/investigation.grpc.pb.h"
#include "services/investigation/case_limits.h"
#include "services/investigation/investigation_logic.h"

namespace redress::investigation {

// Thread-safe when `logic` is. Every handler runs through Serve (common/handler.h), on the executor
// of the server hosting it (RESOURCE_EXHAUSTED SERVER_BUSY when that, or the server's request
// memory budget, is full): a call whose deadline has passed, or that the client cancelled, before
// the handler starts is answered DEADLINE_EXCEEDED or CANCELLED without doing any work; an
// unexpected failure (an INTERNAL, UNKNOWN or DATA_LOSS status from the logic or the store, or an
// exception) is logged in full and answered INTERNAL "internal error", without its own message;
// nothing thrown crashes the process.
class InvestigationService final
    : public redress::investigation::v1::Investigations::CallbackService,
      public CallbackServing {
 public:
  // The ErrorInfo domain of every error this service returns.
  static constexpr char kErrorDomain[] = "investigation.redress";
  // The largest request the service accepts (ServerConfig::max_receive_message_bytes; a larger one
  // is refused RESOURCE_EXHAUSTED before it is parsed): an UpdateInvestigation carrying an
  // investigation of kMaxInvestigationBytes (case_limits.h), the most one may weigh, with room for
  // its update mask (docs/limits.md).
  static constexpr int kMaxRequestBytes = static_cast<int>(kMaxInvestigationBytes) + (64 << 10);

  // `sender` delivers the outbox to remedy: IssueFinalDecision, DecideReview,
  // WithdrawInvestigation and DiscontinueInvestigation notify it of the hand-offs they may have
  // written, and GetHandoffStatus reports its backlog. `parked` answers the parked hand-off
  // methods (ListParkedHandoffs, GetHandoff, RedriveHandoff, DiscardHandoff). Null (tests) skips
  // the notice and makes those methods UNIMPLEMENTED.
  // REQUIRES: `logic`, `sender` and `parked` outlive this object.
  explicit InvestigationService(InvestigationLogic& logic, OutboxSender* sender = nullptr,
                                ParkedHandoffs* parked = nullptr)
      : logic_(logic), sender_(sender), parked_(parked) {}
  InvestigationService(const InvestigationService&) = delete;
  InvestigationService& operator=(const InvestigationService&) = delete;

  grpc::ServerUnaryReactor* OpenInvestigation(
      grpc::CallbackServerContext* context,
      const redress::investigation::v1::OpenInvestigationRequest* request,
      redress::investigation::v1::Investigation* response) override;
  grpc::ServerUnaryReactor* GetInvestigation(
      grpc::CallbackServerContext* context,
      const redress::investigation::v1::GetInvestigationRequest* request,
      redress::investigation::v1::Investigation* response) override;
  grpc::ServerUnaryReactor* ListInvestigations(
      grpc::CallbackServerContext* context,
      const redress::investigation::v1::ListInvestigationsRequest* request,
      redress::investigation::v1::ListInvestigationsResponse* response) override;
  grpc::ServerUnaryReactor* AssignCaseworker(
      grpc::CallbackServerContext* context,
      const redress::investigation::v1::AssignCaseworkerRequest* request,
      redress::investigation::v1::Investigation* response) override;
  grpc::ServerUnaryReactor* AgreeScope(
      grpc::CallbackServerContext* context,
      const redress::investigation::v1::AgreeScopeRequest* request,
      redress::investigation::v1::Investigation* response) override;
  grpc::ServerUnaryReactor* LogEvidence(
      grpc::CallbackServerContext* context,
      const redress::investigation::v1::LogEvidenceRequest* request,
      redress::investigation::v1::Investigation* response) override;
  grpc::ServerUnaryReactor* PutOnHold(grpc::CallbackServerContext* context,
                                      const redress::investigation::v1::PutOnHoldRequest* request,
                                      redress::investigation::v1::Investigation* response) override;
  grpc::ServerUnaryReactor* ResumeInvestigation(
      grpc::CallbackServerContext* context,
      const redress::investigation::v1::ResumeInvestigationRequest* request,
      redress::investigation::v1::Investigation* response) override;
  grpc::ServerUnaryReactor* RecordFinding(
      grpc::CallbackServerContext* context,
      const redress::investigation::v1::RecordFindingRequest* request,
      redress::investigation::v1::Investigation* response) override;
  grpc::ServerUnaryReactor* UpdateInvestigation(
      grpc::CallbackServerContext* context,
      const redress::investigation::v1::UpdateInvestigationRequest* request,
      redress::investigation::v1::Investigation* response) override;
  grpc::ServerUnaryReactor* ShareProvisionalView(
      grpc::CallbackServerContext* context,
      const redress::investigation::v1::ShareProvisionalViewRequest* request,
      redress::investigation::v1::Investigation* response) override;
  grpc::ServerUnaryReactor* LogComment(
      grpc::CallbackServerContext* context,
      const redress::investigation::v1::LogCommentRequest* request,
      redress::investigation::v1::Investigation* response) override;
  grpc::ServerUnaryReactor* IssueFinalDecision(
      grpc::CallbackServerContext* context,
      const redress::investigation::v1::IssueFinalDecisionRequest* request,
      redress::investigation::v1::Investigation* response) override;
  grpc::ServerUnaryReactor* RequestReview(
      grpc::CallbackServerContext* context,
      const redress::investigation::v1::RequestReviewRequest* request,
      redress::investigation::v1::Investigation* response) override;
  grpc::ServerUnaryReactor* DecideReview(
      grpc::CallbackServerContext* context,
      const redress::investigation::v1::DecideReviewRequest* request,
      redress::investigation::v1::Investigation* response) override;
  grpc::ServerUnaryReactor* WithdrawInvestigation(
      grpc::CallbackServerContext* context,
      const redress::investigation::v1::WithdrawInvestigationRequest* request,
      redress::investigation::v1::Investigation* response) override;
  grpc::ServerUnaryReactor* DiscontinueInvestigation(
      grpc::CallbackServerContext* context,
      const redress::investigation::v1::DiscontinueInvestigationRequest* request,
      redress::investigation::v1::Investigation* response) override;

  // Hand-offs (investigation_service_handoffs.cc).
  grpc::ServerUnaryReactor* GetHandoffStatus(
      grpc::CallbackServerContext* context,
      const redress::common::v1::GetHandoffStatusRequest* request,
      redress::common::v1::HandoffStatus* response) override;
  grpc::ServerUnaryReactor* ListParkedHandoffs(
      grpc::CallbackServerContext* context,
      const redress::common::v1::ListParkedHandoffsRequest* request,
      redress::common::v1::ListParkedHandoffsResponse* response) override;
  grpc::ServerUnaryReactor* GetHandoff(grpc::CallbackServerContext* context,
                                       const redress::common::v1::GetHandoffRequest* request,
                                       redress::common::v1::Handoff* response) override;
  grpc::ServerUnaryReactor* RedriveHandoff(
      grpc::CallbackServerContext* context,
      const redress::common::v1::RedriveHandoffRequest* request,
      redress::common::v1::Handoff* response) override;
  grpc::ServerUnaryReactor* DiscardHandoff(
      grpc::CallbackServerContext* context,
      const redress::common::v1::DiscardHandoffRequest* request,
      redress::common::v1::Handoff* response) override;
  grpc::ServerUnaryReactor* VerifyAuditLog(
      grpc::CallbackServerContext* context,
      const redress::common::v1::VerifyAuditLogRequest* request,
      redress::common::v1::VerifyAuditLogResponse* response) override;
  // Personal data (investigation_service_privacy.cc).
  grpc::ServerUnaryReactor* ExportPersonalData(
      grpc::CallbackServerContext* context,
      const redress::investigation::v1::ExportPersonalDataRequest* request,
      redress::investigation::v1::ExportPersonalDataResponse* response) override;
  grpc::ServerUnaryReactor* ErasePersonalData(
      grpc::CallbackServerContext* context,
      const redress::investigation::v1::ErasePersonalDataRequest* request,
      redress::investigation::v1::ErasePersonalDataResponse* response) override;

  // An investigation's evidence and comments, page by page (investigation_children_service.cc).
  grpc::ServerUnaryReactor* ListEvidence(
      grpc::CallbackServerContext* context,
      const redress::investigation::v1::ListEvidenceRequest* request,
      redress::investigation::v1::ListEvidenceResponse* response) override;
  grpc::ServerUnaryReactor* ListComments(
      grpc::CallbackServerContext* context,
      const redress::investigation::v1::ListCommentsRequest* request,
      redress::investigation::v1::ListCommentsResponse* response) override;

 private:
  // `result`, after waking the sender when it is OK: a change that may have put a hand-off in the
  // outbox is delivered now, not at the next poll.
  absl::StatusOr<Investigation> NotifyingSender(absl::StatusOr<Investigation> result);

  InvestigationLogic& logic_;
  OutboxSender* const sender_;
  ParkedHandoffs* const parked_;
};

}  // namespace redress::investigation
