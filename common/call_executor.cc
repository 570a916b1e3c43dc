#include "common/call_executor.h"

#include <utility>

namespace redress {

CallExecutor::CallExecutor(CallExecutorOptions options) : options_(std::move(options)) {
  threads_.reserve(options_.threads);
  for (int i = 0; i < options_.threads; ++i) threads_.emplace_back([this] { Work(); });
}

CallExecutor::~CallExecutor() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  for (std::thread& thread : threads_) thread.join();
}

bool CallExecutor::TrySubmit(absl::AnyInvocable<void() &&> work) {
  absl::MutexLock lock(&mu_);
  if (running_ + static_cast<int64_t>(queue_.size()) >= options_.threads + options_.max_queued) {
    ++refused_;
    return false;
  }
  queue_.push_back(std::move(work));
  return true;
}

bool CallExecutor::HasWorkOrStopping() const { return stopping_ || !queue_.empty(); }

CallExecutor::Load CallExecutor::load() const {
  absl::MutexLock lock(&mu_);
  return Load{running_, static_cast<int64_t>(queue_.size()), refused_};
}

void CallExecutor::Work() {
  absl::MutexLock lock(&mu_);
  for (;;) {
    mu_.Await(absl::Condition(this, &CallExecutor::HasWorkOrStopping));
    if (queue_.empty()) return;  // stopping, and nothing left to run
    absl::AnyInvocable<void()&&> work = std::move(queue_.front());
    queue_.pop_front();
    ++running_;
    mu_.Unlock();
    std::move(work)();
    work = nullptr;  // whatever it holds goes before the next call is taken
    mu_.Lock();
    --running_;
  }
}

}  // namespace redress
