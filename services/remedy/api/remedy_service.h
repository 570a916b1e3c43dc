// The gRPC adapter of the remedy service: it translates requests to RemedyLogic calls and their
// results back to protos, and every absl::Status to a grpc::Status with rich details (domain
// "remedy.redress"). No rules live here; see remedy_logic.h.
#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>
#include <grpcpp/support/status.h>

#include "absl/time/time.h"
#include "common/handler.h"
#include "redress/remedy/v1/remedy.grpc.pb.h"
#include "services/remedy/remedy_logic.h"

namespace redress::remedy {

// How much earlier than the caller's deadline the calls to investigation and intake must end, so
// that the answer (or the peer's error) still reaches the caller in time.
inline constexpr absl::Duration kPeerDeadlineMargin = absl::Milliseconds(100);
// The longest the calls to investigation and intake may take, whatever the caller's deadline
// (including none).
inline constexpr absl::Duration kMaxPeerWait = absl::Seconds(10);

// The deadline for a handler's calls to peers: `caller_deadline` less kPeerDeadlineMargin, and no
// later than `now` + kMaxPeerWait. May be before `now` (the peer call then fails at once with
// DEADLINE_EXCEEDED).
absl::Time PeerDeadline(absl::Time caller_deadline, absl::Time now);

// Thread-safe when `logic` is. Every handler runs through Serve (common/handler.h), on the executor
// of the server hosting it (RESOURCE_EXHAUSTED SERVER_BUSY when that, or the server's request
// memory budget, is full): a call whose deadline has passed, or that the client cancelled, before
// the handler starts is answered DEADLINE_EXCEEDED or CANCELLED without doing any work; an
// unexpected failure is logged in full and answered INTERNAL "internal error"; nothing thrown
// crashes the process.
//
// Decoding: the hand-offs (ReceiveDecision, ReceiveReopening, ReceiveInvestigationEnd) hand what
// they could not decode to the logic, which reports it together with its own violations. The other
// methods' logic calls take no decoding violations, so a request with a malformed date (or enum) is
// answered INVALID_ARGUMENT with the decoding violations alone, before the logic runs: a value that
// could not be read is never defaulted.
class RemedyService final : public redress::remedy::v1::Remedy::CallbackService,
                            public CallbackServing {
 public:
  // The ErrorInfo domain of every error this service returns.
  static constexpr char kErrorDomain[] = "remedy.redress";
  // The largest request the service accepts (ServerConfig::max_receive_message_bytes; a larger one
  // is refused RESOURCE_EXHAUSTED before it is parsed). The largest is ReceiveDecision with a
  // decision's 50 recommendations (investigation's cap) of 5,000 characters each, about 1 MB in
  // four-byte characters; 1.5 MiB leaves room for the rest of the event (docs/limits.md).
  static constexpr int kMaxRequestBytes = 3 << 19;

  // REQUIRES: `logic` outlives this object.
  explicit RemedyService(RemedyLogic& logic) : logic_(logic) {}
  RemedyService(const RemedyService&) = delete;
  RemedyService& operator=(const RemedyService&) = delete;

  grpc::ServerUnaryReactor* ReceiveDecision(
      grpc::CallbackServerContext* context,
      const redress::remedy::v1::ReceiveDecisionRequest* request,
      redress::remedy::v1::ReceiveDecisionResponse* response) override;
  grpc::ServerUnaryReactor* ReceiveReopening(
      grpc::CallbackServerContext* context,
      const redress::remedy::v1::ReceiveReopeningRequest* request,
      redress::remedy::v1::ReceiveReopeningResponse* response) override;
  grpc::ServerUnaryReactor* ReceiveInvestigationEnd(
      grpc::CallbackServerContext* context,
      const redress::remedy::v1::ReceiveInvestigationEndRequest* request,
      redress::remedy::v1::ReceiveInvestigationEndResponse* response) override;
  grpc::ServerUnaryReactor* GetRecommendation(
      grpc::CallbackServerContext* context,
      const redress::remedy::v1::GetRecommendationRequest* request,
      redress::remedy::v1::Recommendation* response) override;
  grpc::ServerUnaryReactor* ListRecommendations(
      grpc::CallbackServerContext* context,
      const redress::remedy::v1::ListRecommendationsRequest* request,
      redress::remedy::v1::ListRecommendationsResponse* response) override;
  grpc::ServerUnaryReactor* AcceptRecommendation(
      grpc::CallbackServerContext* context,
      const redress::remedy::v1::AcceptRecommendationRequest* request,
      redress::remedy::v1::Recommendation* response) override;
  grpc::ServerUnaryReactor* DisputeRecommendation(
      grpc::CallbackServerContext* context,
      const redress::remedy::v1::DisputeRecommendationRequest* request,
      redress::remedy::v1::Recommendation* response) override;
  grpc::ServerUnaryReactor* RecordCompliance(
      grpc::CallbackServerContext* context,
      const redress::remedy::v1::RecordComplianceRequest* request,
      redress::remedy::v1::Recommendation* response) override;
  grpc::ServerUnaryReactor* DeclineRecommendation(
      grpc::CallbackServerContext* context,
      const redress::remedy::v1::DeclineRecommendationRequest* request,
      redress::remedy::v1::Recommendation* response) override;
  grpc::ServerUnaryReactor* RescheduleRecommendation(
      grpc::CallbackServerContext* context,
      const redress::remedy::v1::RescheduleRecommendationRequest* request,
      redress::remedy::v1::Recommendation* response) override;
  grpc::ServerUnaryReactor* ListDueActions(
      grpc::CallbackServerContext* context,
      const redress::remedy::v1::ListDueActionsRequest* request,
      redress::remedy::v1::ListDueActionsResponse* response) override;
  grpc::ServerUnaryReactor* GetComplianceReport(
      grpc::CallbackServerContext* context,
      const redress::remedy::v1::GetComplianceReportRequest* request,
      redress::remedy::v1::ComplianceReport* response) override;
  grpc::ServerUnaryReactor* ListNonCompliance(
      grpc::CallbackServerContext* context,
      const redress::remedy::v1::ListNonComplianceRequest* request,
      redress::remedy::v1::ListNonComplianceResponse* response) override;
  // Both pass PeerDeadline(the caller's deadline, now) to the logic.
  grpc::ServerUnaryReactor* RenderCaseSummary(
      grpc::CallbackServerContext* context,
      const redress::remedy::v1::RenderCaseSummaryRequest* request,
      redress::remedy::v1::RenderCaseSummaryResponse* response) override;
  grpc::ServerUnaryReactor* PublishCaseSummary(
      grpc::CallbackServerContext* context,
      const redress::remedy::v1::PublishCaseSummaryRequest* request,
      redress::remedy::v1::CaseSummary* response) override;
  // Passes PeerDeadline(the caller's deadline, now) to the logic.
  grpc::ServerUnaryReactor* AcknowledgeAnonymisationIssue(
      grpc::CallbackServerContext* context,
      const redress::remedy::v1::AcknowledgeAnonymisationIssueRequest* request,
      redress::remedy::v1::AnonymisationIssue* response) override;
  grpc::ServerUnaryReactor* VerifyAuditLog(
      grpc::CallbackServerContext* context,
      const redress::common::v1::VerifyAuditLogRequest* request,
      redress::common::v1::VerifyAuditLogResponse* response) override;
  grpc::ServerUnaryReactor* GetCaseSummary(
      grpc::CallbackServerContext* context,
      const redress::remedy::v1::GetCaseSummaryRequest* request,
      redress::remedy::v1::CaseSummary* response) override;
  // Personal data (remedy_service_privacy.cc).
  grpc::ServerUnaryReactor* ExportPersonalData(
      grpc::CallbackServerContext* context,
      const redress::remedy::v1::ExportPersonalDataRequest* request,
      redress::remedy::v1::ExportPersonalDataResponse* response) override;
  grpc::ServerUnaryReactor* ErasePersonalData(
      grpc::CallbackServerContext* context,
      const redress::remedy::v1::ErasePersonalDataRequest* request,
      redress::remedy::v1::ErasePersonalDataResponse* response) override;

 private:
  RemedyLogic& logic_;
};

}  // namespace redress::remedy
