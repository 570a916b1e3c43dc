// Calls a handler makes to a peer service while it serves a call of its own (remedy reading a case
// from investigation to render its summary): the peer call is a child of the served one, so its
// deadline is no later than the caller's and it is cancelled when the caller goes away; and at
// most a bounded number of them wait on one peer at once, so that a slow peer cannot take every
// handler thread of the calling service (call_executor.h) and stall calls that never touch it.
// docs/reliability.md, "Deadlines, cancellation and retries".
#pragma once

#include <grpcpp/client_context.h>
#include <grpcpp/server_context.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace redress {

// ErrorInfo reason of PeerCallLimit's refusals: UNAVAILABLE, the peer has as many calls waiting
// on it as this service lets it have; retry after the RetryInfo's delay.
inline constexpr std::string_view kPeerBusyReason = "PEER_BUSY";

// Marks `context` as the call this thread serves for as long as it lives (ServeCall, handler.h,
// makes one around every handler body). Scopes nest; the innermost one is current.
class ScopedServerCall {
 public:
  explicit ScopedServerCall(grpc::ServerContextBase* context);
  ~ScopedServerCall();
  ScopedServerCall(const ScopedServerCall&) = delete;
  ScopedServerCall& operator=(const ScopedServerCall&) = delete;

 private:
  grpc::ServerContextBase* previous_;
};

// The call this thread serves; nullptr outside a handler.
grpc::ServerContextBase* CurrentServerCall();

// A context for a call to a peer. While this thread serves a call (ScopedServerCall), a child of
// it (grpc::ClientContext::FromCallbackServerContext or FromServerContext): gRPC propagates the
// served call's deadline, so the peer call ends no later than its caller's, and its cancellation,
// so the peer call is cancelled as soon as the caller cancels or disconnects. Its own deadline is
// `deadline`, or the served call's when that is earlier.
std::unique_ptr<grpc::ClientContext> NewPeerCallContext(absl::Time deadline);

// A bulkhead: at most `max_in_flight` calls to one peer at once. Thread-safe.
class PeerCallLimit {
 public:
  // A place among the calls in flight, given back when destroyed.
  class Slot {
   public:
    Slot(Slot&& other) noexcept : limit_(other.limit_) { other.limit_ = nullptr; }
    Slot& operator=(Slot&&) = delete;
    Slot(const Slot&) = delete;
    ~Slot();

   private:
    friend class PeerCallLimit;
    explicit Slot(PeerCallLimit* limit) : limit_(limit) {}
    PeerCallLimit* limit_;
  };

  // `peer` names it in errors ("investigation"). REQUIRES: max_in_flight >= 1.
  PeerCallLimit(std::string peer, int max_in_flight,
                absl::Duration retry_delay = absl::Milliseconds(200));

  // A slot, or at once UNAVAILABLE with ErrorInfo reason kPeerBusyReason and a RetryInfo of
  // `retry_delay` when max_in_flight calls are already in flight. UNAVAILABLE because the call
  // did nothing and the peer's slowness passes: clients retry it.
  absl::StatusOr<Slot> Acquire();

  int in_flight() const;
  int max_in_flight() const { return max_in_flight_; }

 private:
  void Release();

  const std::string peer_;
  const int max_in_flight_;
  const absl::Duration retry_delay_;
  mutable absl::Mutex mu_;
  int in_flight_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace redress
