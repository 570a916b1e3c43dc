#include "common/peer_call.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"

namespace redress {
namespace {

thread_local grpc::ServerContextBase* current_server_call = nullptr;

}  // namespace

ScopedServerCall::ScopedServerCall(grpc::ServerContextBase* context)
    : previous_(current_server_call) {
  current_server_call = context;
}

ScopedServerCall::~ScopedServerCall() { current_server_call = previous_; }

grpc::ServerContextBase* CurrentServerCall() { return current_server_call; }

std::unique_ptr<grpc::ClientContext> NewPeerCallContext(absl::Time deadline) {
  std::unique_ptr<grpc::ClientContext> context;
  grpc::ServerContextBase* served = CurrentServerCall();
  if (const auto* callback = dynamic_cast<const grpc::CallbackServerContext*>(served)) {
    context = grpc::ClientContext::FromCallbackServerContext(*callback);
  } else if (const auto* sync = dynamic_cast<const grpc::ServerContext*>(served)) {
    context = grpc::ClientContext::FromServerContext(*sync);
  } else {
    context = std::make_unique<grpc::ClientContext>();
  }
  // With a parent, gRPC sends the earlier of this and the parent's deadline.
  context->set_deadline(absl::ToChronoTime(deadline));
  return context;
}

PeerCallLimit::Slot::~Slot() {
  if (limit_ != nullptr) limit_->Release();
}

PeerCallLimit::PeerCallLimit(std::string peer, int max_in_flight, absl::Duration retry_delay)
    : peer_(std::move(peer)), max_in_flight_(max_in_flight), retry_delay_(retry_delay) {}

absl::StatusOr<PeerCallLimit::Slot> PeerCallLimit::Acquire() {
  {
    absl::MutexLock lock(&mu_);
    if (in_flight_ < max_in_flight_) {
      ++in_flight_;
      return Slot(this);
    }
  }
  return WithRetryDelay(
      WithErrorInfo(absl::UnavailableError(absl::StrCat(
                        peer_, " is slow to answer: ", max_in_flight_,
                        " calls to it are already waiting; retry after the RetryInfo's delay")),
                    kPeerBusyReason, {{"peer", peer_}}),
      retry_delay_);
}

int PeerCallLimit::in_flight() const {
  absl::MutexLock lock(&mu_);
  return in_flight_;
}

void PeerCallLimit::Release() {
  absl::MutexLock lock(&mu_);
  --in_flight_;
}

}  // namespace redress
