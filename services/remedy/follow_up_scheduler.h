// The thread that takes follow-up steps on time (DESIGN §2 step 11): it runs a follow-up pass
// (RemedyLogic::RunFollowUp in the server) when started and then every interval, logging the steps
// each pass took and any failure, until stopped. A failed pass is retried at the next interval;
// the pass itself is idempotent, so replicas and restarts never take a step twice.
#pragma once

#include <functional>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace redress::remedy {

class FollowUpScheduler {
 public:
  // One pass: how many steps it took, or why it failed.
  using Pass = std::function<absl::StatusOr<int>()>;

  // REQUIRES: interval > 0; `pass` is safe to call from another thread.
  FollowUpScheduler(Pass pass, absl::Duration interval);
  // Stops the thread if it runs.
  ~FollowUpScheduler();

  FollowUpScheduler(const FollowUpScheduler&) = delete;
  FollowUpScheduler& operator=(const FollowUpScheduler&) = delete;

  // Starts the thread; its first pass begins at once. Ignored when already started.
  void Start();
  // Stops the thread: no pass begins after Stop is called; a pass under way is finished (its
  // calls are local and short) and Stop returns once the thread has ended. Idempotent; a stopped
  // scheduler is not started again.
  void Stop();

  // How many passes have ended (succeeded or failed). Thread-safe; for tests and metrics.
  int passes() const;

 private:
  void Run();

  const Pass pass_;
  const absl::Duration interval_;
  mutable absl::Mutex mu_;
  bool started_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  int passes_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Mutex join_mu_;  // serialises Stop's join
  std::thread thread_;
};

}  // namespace redress::remedy
