#include "services/remedy/follow_up_scheduler.h"

#include <utility>

#include "absl/time/clock.h"
#include "common/log.h"
#include "common/trace_context.h"

namespace redress::remedy {
namespace {

void LogPass(const absl::StatusOr<int>& taken, absl::Time start) {
  if (!taken.ok()) {
    Log(LogLevel::kError, "follow-up pass failed; trying again at the next interval",
        {{"error", taken.status().ToString()}});
  } else if (*taken > 0) {
    Log(LogLevel::kInfo, "follow-up steps taken",
        {{"steps", *taken}, {"seconds", absl::ToDoubleSeconds(absl::Now() - start)}});
  }
}

}  // namespace

FollowUpScheduler::FollowUpScheduler(Pass pass, absl::Duration interval)
    : pass_(std::move(pass)), interval_(interval) {}

FollowUpScheduler::~FollowUpScheduler() { Stop(); }

void FollowUpScheduler::Start() {
  absl::MutexLock lock(&mu_);
  if (started_ || stopping_) return;
  started_ = true;
  thread_ = std::thread([this] { Run(); });
}

void FollowUpScheduler::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  // Start cannot create another thread once stopping_ is set.
  absl::MutexLock lock(&join_mu_);
  if (thread_.joinable()) thread_.join();
}

int FollowUpScheduler::passes() const {
  absl::MutexLock lock(&mu_);
  return passes_;
}

void FollowUpScheduler::Run() {
  while (true) {
    const absl::Time start = absl::Now();
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
    }
    {
      // Each pass is a trace of its own: its log lines and its calls to intake and investigation
      // share one trace id (docs/operations.md, "Following a case through the logs").
      const ScopedTrace trace(NewTrace());
      LogPass(pass_(), start);
    }
    absl::MutexLock lock(&mu_);
    ++passes_;
    // Wakes early only to stop; otherwise the next pass starts `interval_` after this one did.
    mu_.AwaitWithDeadline(absl::Condition(&stopping_), start + interval_);
    if (stopping_) return;
  }
}

}  // namespace redress::remedy
