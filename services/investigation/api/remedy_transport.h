// The gRPC OutboxTransport of investigation's outbox: delivers each hand-off to the remedy RPC of
// its kind, with the hand-off key as request_id -- a final decision to ReceiveDecision, a
// reopening to ReceiveReopening, an end to ReceiveInvestigationEnd.
#pragma once

#include <grpcpp/channel.h>

#include <memory>

#include "common/in_flight_call.h"
#include "common/outbox.h"
#include "redress/remedy/v1/remedy.grpc.pb.h"
#include "services/investigation/investigation.h"

namespace redress::investigation {

// The requests that hand each kind over: request_id is its handoff_key, and the event is its
// proto (DecisionHandoffToProto, ReopeningHandoffToProto, EndHandoffToProto; proto_convert.h).
redress::remedy::v1::ReceiveDecisionRequest ReceiveDecisionRequestFor(
    const DecisionHandoff& handoff);
redress::remedy::v1::ReceiveReopeningRequest ReceiveReopeningRequestFor(
    const ReopeningHandoff& handoff);
redress::remedy::v1::ReceiveInvestigationEndRequest ReceiveInvestigationEndRequestFor(
    const EndHandoff& handoff);

// Thread-safe. Deliver takes records made by HandoffRecord (handoff_outbox.h); one without a
// Handoff payload is INTERNAL. It fails fast (UNAVAILABLE) while remedy cannot be reached, rather
// than waiting for it: the sender's backoff decides when to try again. The result is the call's
// grpc::Status converted by FromGrpcStatus, details included.
class RemedyTransport final : public OutboxTransport {
 public:
  // `channel` leads to remedy (see NewPeerChannel in common/peer_channel.h).
  explicit RemedyTransport(std::shared_ptr<grpc::Channel> channel);

  absl::Status Deliver(const OutboxRecord& record, absl::Time deadline) override;
  void CancelInFlight() override;

 private:
  // One call of `rpc` with `request` until `deadline`, cancellable by CancelInFlight.
  template <typename Request, typename Response, typename Rpc>
  absl::Status Call(Rpc rpc, const Request& request, absl::Time deadline);

  std::unique_ptr<redress::remedy::v1::Remedy::Stub> stub_;
  InFlightCall in_flight_;
};

}  // namespace redress::investigation
