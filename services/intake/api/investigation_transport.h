// The gRPC OutboxTransport of intake's outbox: delivers an accepted complaint to investigation by
// calling redress.investigation.v1.Investigations/OpenInvestigation with the hand-off key as
// request_id.
#pragma once

#include <grpcpp/channel.h>

#include <memory>

#include "common/in_flight_call.h"
#include "common/outbox.h"
#include "redress/investigation/v1/investigation.grpc.pb.h"
#include "services/intake/complaint.h"

namespace redress::intake {

// The OpenInvestigationRequest that hands `handoff` over: request_id is its handoff_key, and the
// snapshot names the complaint and organisations by resource name.
redress::investigation::v1::OpenInvestigationRequest OpenInvestigationRequestFor(
    const AcceptanceHandoff& handoff);

// Thread-safe. Deliver takes records made by AcceptanceRecord (handoff_outbox.h); one without an
// AcceptanceHandoff payload is INTERNAL. It fails fast (UNAVAILABLE) while investigation cannot
// be reached, rather than waiting for it: the sender's backoff decides when to try again. The
// result is the call's grpc::Status converted by FromGrpcStatus, details included.
class InvestigationTransport final : public OutboxTransport {
 public:
  // `channel` leads to investigation (see NewPeerChannel in common/peer_channel.h).
  explicit InvestigationTransport(std::shared_ptr<grpc::Channel> channel);

  absl::Status Deliver(const OutboxRecord& record, absl::Time deadline) override;
  void CancelInFlight() override;

 private:
  std::unique_ptr<redress::investigation::v1::Investigations::Stub> stub_;
  InFlightCall in_flight_;
};

}  // namespace redress::intake
