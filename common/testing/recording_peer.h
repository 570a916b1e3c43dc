// The recording half of an in-process fake peer, for tests of a hand-off transport (a client that
// delivers outbox records to another service's RPC): the fake service's one RPC hands each call
// to RecordedCalls::Handle, which keeps the request and the deadline the server saw, and answers
// with the scripted status or holds the call until the client cancels it.
#pragma once

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/grpc_status.h"

namespace redress::testing {

// Calls of one RPC whose request type is `Request`. Thread-safe.
template <typename Request>
class RecordedCalls {
 public:
  // `domain` is the ErrorInfo domain of scripted answers ("remedy.redress").
  explicit RecordedCalls(std::string domain) : domain_(std::move(domain)) {}

  // Records the call and answers it: with the status given to Answer (OK until then), or, after
  // Hang, CANCELLED once the client has cancelled (giving up after 20 seconds).
  grpc::Status Handle(grpc::ServerContext* context, const Request& request) {
    {
      absl::MutexLock lock(&mu_);
      requests_.push_back(request);
      deadlines_.push_back(absl::FromChrono(context->deadline()));
    }
    if (!entered_.HasBeenNotified()) entered_.Notify();
    if (hang_) {
      const absl::Time give_up = absl::Now() + absl::Seconds(20);
      while (!context->IsCancelled() && absl::Now() < give_up) {
        absl::SleepFor(absl::Milliseconds(5));
      }
      return grpc::Status::CANCELLED;
    }
    absl::MutexLock lock(&mu_);
    return answer_;
  }

  // The answer to the calls from now on, with its details as the real service would send them.
  void Answer(const absl::Status& status) {
    absl::MutexLock lock(&mu_);
    answer_ = ToGrpcStatus(status, domain_);
  }
  // From now on, calls are held until the client cancels them.
  void Hang() { hang_ = true; }
  // Notified when the first call arrives.
  absl::Notification& entered() { return entered_; }

  std::vector<Request> requests() {
    absl::MutexLock lock(&mu_);
    return requests_;
  }
  // The deadline each call carried, as the server saw it.
  std::vector<absl::Time> deadlines() {
    absl::MutexLock lock(&mu_);
    return deadlines_;
  }

 private:
  const std::string domain_;
  absl::Mutex mu_;
  grpc::Status answer_ ABSL_GUARDED_BY(mu_);
  std::vector<Request> requests_ ABSL_GUARDED_BY(mu_);
  std::vector<absl::Time> deadlines_ ABSL_GUARDED_BY(mu_);
  std::atomic<bool> hang_{false};
  absl::Notification entered_;
};

}  // namespace redress::testing
