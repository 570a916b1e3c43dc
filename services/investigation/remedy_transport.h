// The gRPC OutboxTransport of investigation's outbox: delivers a final decision to remedy by
// calling redress.remedy.v1.Remedy/ReceiveDecision with the hand-off key as request_id.
#pragma once

#include <grpcpp/channel.h>

#include <memory>

#include "common/in_flight_call.h"
#include "common/outbox.h"
#include "redress/remedy/v1/remedy.grpc.pb.h"
#include "services/investigation/investigation.h"

namespace redress::investigation {

// The ReceiveDecisionRequest that hands `handoff` over: request_id is its handoff_key, and the
// event is its DecisionIssuedEvent (DecisionHandoffToProto, proto_convert.h).
redress::remedy::v1::ReceiveDecisionRequest ReceiveDecisionRequestFor(
    const DecisionHandoff& handoff);

// Thread-safe. Deliver takes records made by DecisionRecord (decision_outbox.h); one without a
// DecisionHandoff payload is INTERNAL. It fails fast (UNAVAILABLE) while remedy cannot be reached,
// rather than waiting for it: the sender's backoff decides when to try again. The result is the
// call's grpc::Status converted by FromGrpcStatus, details included.
class RemedyTransport final : public OutboxTransport {
 public:
  // `channel` leads to remedy (see NewPeerChannel in common/peer_channel.h).
  explicit RemedyTransport(std::shared_ptr<grpc::Channel> channel);

  absl::Status Deliver(const OutboxRecord& record, absl::Time deadline) override;
  void CancelInFlight() override;

 private:
  std::unique_ptr<redress::remedy::v1::Remedy::Stub> stub_;
  InFlightCall in_flight_;
};

}  // namespace redress::investigation
