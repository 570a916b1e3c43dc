// The client call a gRPC OutboxTransport has in progress, so that another thread can cancel it
// (CancelInFlight, when the sender stops and a slow peer must not hold up shutdown).
#pragma once

#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace redress {

// Thread-safe: Cancel may be called from any thread.
class InFlightCall {
 public:
  // Runs `call()`, which makes one call with `context`; until it returns, Cancel cancels that
  // call. At most one Run at a time. A Cancel made before Run begins does not affect it.
  template <typename Call>
  grpc::Status Run(grpc::ClientContext& context, Call call) {
    {
      absl::MutexLock lock(&mu_);
      context_ = &context;
    }
    grpc::Status status = call();
    absl::MutexLock lock(&mu_);
    context_ = nullptr;
    return status;
  }
  // Cancels the call Run is making, if any: it returns CANCELLED soon.
  void Cancel() {
    absl::MutexLock lock(&mu_);
    if (context_ != nullptr) context_->TryCancel();
  }

 private:
  absl::Mutex mu_;
  grpc::ClientContext* context_ ABSL_GUARDED_BY(mu_) = nullptr;
};

}  // namespace redress
