#include "common/periodic_job.h"

#include <utility>

#include "absl/time/clock.h"
#include "common/log.h"

namespace redress {

PeriodicJob::PeriodicJob(std::string name, Pass pass, absl::Duration interval)
    : name_(std::move(name)), pass_(std::move(pass)), interval_(interval) {}

PeriodicJob::~PeriodicJob() { Stop(); }

void PeriodicJob::Start() {
  absl::MutexLock lock(&mu_);
  if (started_ || stopping_) return;
  started_ = true;
  thread_ = std::thread([this] { Run(); });
}

void PeriodicJob::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  // Start cannot create another thread once stopping_ is set.
  absl::MutexLock lock(&join_mu_);
  if (thread_.joinable()) thread_.join();
}

int PeriodicJob::passes() const {
  absl::MutexLock lock(&mu_);
  return passes_;
}

void PeriodicJob::Run() {
  while (true) {
    const absl::Time start = absl::Now();
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
    }
    absl::StatusOr<int> done = pass_();
    if (!done.ok()) {
      Log(LogLevel::kError, "periodic pass failed; trying again at the next interval",
          {{"job", name_}, {"error", done.status().ToString()}});
    } else if (*done > 0) {
      Log(LogLevel::kInfo, "periodic pass done",
          {{"job", name_},
           {"count", *done},
           {"seconds", absl::ToDoubleSeconds(absl::Now() - start)}});
    }
    absl::MutexLock lock(&mu_);
    ++passes_;
    // Wakes early only to stop; otherwise the next pass starts `interval_` after this one did.
    mu_.AwaitWithDeadline(absl::Condition(&stopping_), start + interval_);
    if (stopping_) return;
  }
}

}  // namespace redress
