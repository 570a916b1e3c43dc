// The gRPC HandoffTransport: delivers an accepted complaint to investigation by calling
// redress.investigation.v1.Investigations/OpenInvestigation with the hand-off key as request_id.
#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "redress/investigation/v1/investigation.grpc.pb.h"
#include "services/intake/handoff_sender.h"

namespace redress::intake {

// The OpenInvestigationRequest that hands `handoff` over: request_id is its handoff_key, and the
// snapshot names the complaint and organisations by resource name.
redress::investigation::v1::OpenInvestigationRequest OpenInvestigationRequestFor(
    const AcceptanceHandoff& handoff);

// Thread-safe. Deliver fails fast (UNAVAILABLE) while investigation cannot be reached, rather
// than waiting for it: the sender's backoff decides when to try again. The result is the call's
// grpc::Status converted by FromGrpcStatus, details included.
class InvestigationTransport final : public HandoffTransport {
 public:
  // `channel` leads to investigation (see NewInvestigationChannel).
  explicit InvestigationTransport(std::shared_ptr<grpc::Channel> channel);

  absl::Status Deliver(const AcceptanceHandoff& handoff, absl::Time deadline) override;
  void CancelInFlight() override;

 private:
  std::unique_ptr<redress::investigation::v1::Investigations::Stub> stub_;
  absl::Mutex mu_;
  grpc::ClientContext* in_flight_ ABSL_GUARDED_BY(mu_) = nullptr;
};

// An insecure channel to `address` whose reconnection backoff is capped at `max_reconnect_backoff`,
// so that a peer that comes back is reached within about that long (gRPC's default cap is
// 120 s).
std::shared_ptr<grpc::Channel> NewInvestigationChannel(const std::string& address,
                                                       absl::Duration max_reconnect_backoff);

}  // namespace redress::intake
