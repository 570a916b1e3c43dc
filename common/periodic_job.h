// A background thread that runs one pass of a job when started and then every interval, logging
// what each pass did and any failure, until stopped: the pattern of remedy's follow-up scheduler,
// for any service's periodic work (intake's retention erasure). A failed pass is retried at the
// next interval, so a pass must be idempotent.
#pragma once

#include <functional>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace redress {

class PeriodicJob {
 public:
  // One pass: how many things it did (logged when > 0), or why it failed.
  using Pass = std::function<absl::StatusOr<int>()>;

  // `name` labels the log lines ("retention"). REQUIRES: interval > 0; `pass` is safe to call
  // from another thread.
  PeriodicJob(std::string name, Pass pass, absl::Duration interval);
  // Stops the thread if it runs.
  ~PeriodicJob();

  PeriodicJob(const PeriodicJob&) = delete;
  PeriodicJob& operator=(const PeriodicJob&) = delete;

  // Starts the thread; its first pass begins at once. Ignored when already started.
  void Start();
  // No pass begins after Stop is called; a pass under way is finished and Stop returns once the
  // thread has ended. Idempotent; a stopped job is not started again.
  void Stop();

  // How many passes have ended (succeeded or failed). Thread-safe; for tests and metrics.
  int passes() const;

 private:
  void Run();

  const std::string name_;
  const Pass pass_;
  const absl::Duration interval_;
  mutable absl::Mutex mu_;
  bool started_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  int passes_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Mutex join_mu_;  // serialises Stop's join
  std::thread thread_;
};

}  // namespace redress
