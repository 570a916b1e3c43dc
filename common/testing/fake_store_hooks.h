// The test hooks every in-memory fake store offers (services/*/fake_store.h): inject a failure
// into the next write or into every read, run code just before the next write, and count the
// writes a test caused. A fake store derives from FakeStoreHooks beside its store interface,
// starts each write method with BeginWrite() and each read method with ReadFailure(), and calls
// CountSuccessfulWrite() once a write has changed it.
#pragma once

#include <functional>
#include <optional>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"

namespace redress::testing {

// Thread-safe. Its lock is taken after the store's own, never before it, and is never held while
// the before-write hook runs.
class FakeStoreHooks {
 public:
  FakeStoreHooks(const FakeStoreHooks&) = delete;
  FakeStoreHooks& operator=(const FakeStoreHooks&) = delete;

  // The next write method returns `status` and changes nothing. REQUIRES: !status.ok().
  void FailNextWrite(absl::Status status) {
    absl::MutexLock lock(&mu_);
    next_write_failure_ = std::move(status);
  }
  // Every read method returns `status` until FailReads(absl::OkStatus()) is called.
  void FailReads(absl::Status status) {
    absl::MutexLock lock(&mu_);
    read_failure_ = std::move(status);
  }
  // Runs `hook` once, at the start of the next write method and without the store's lock held,
  // so it may call the store itself: e.g. to make a concurrent update win the race and the
  // caller's write return ABORTED.
  void RunBeforeNextWrite(std::function<void()> hook) {
    absl::MutexLock lock(&mu_);
    before_next_write_ = std::move(hook);
  }

  // Write methods called so far, and those of them that changed the store.
  int write_calls() const {
    absl::MutexLock lock(&mu_);
    return write_calls_;
  }
  int successful_writes() const {
    absl::MutexLock lock(&mu_);
    return successful_writes_;
  }

 protected:
  FakeStoreHooks() = default;
  ~FakeStoreHooks() = default;

  // Counts the call, runs the before-write hook, and returns the injected failure if one is set
  // (once). Call without the store's lock held.
  absl::Status BeginWrite() {
    std::function<void()> hook;
    {
      absl::MutexLock lock(&mu_);
      ++write_calls_;
      hook = std::exchange(before_next_write_, nullptr);
    }
    if (hook) hook();
    absl::MutexLock lock(&mu_);
    if (next_write_failure_.has_value()) {
      absl::Status failure = *std::move(next_write_failure_);
      next_write_failure_.reset();
      return failure;
    }
    return absl::OkStatus();
  }

  // The injected read failure; OK when there is none.
  absl::Status ReadFailure() const {
    absl::MutexLock lock(&mu_);
    return read_failure_;
  }

  // Counts a write that changed the store.
  void CountSuccessfulWrite() {
    absl::MutexLock lock(&mu_);
    ++successful_writes_;
  }

 private:
  mutable absl::Mutex mu_;
  std::optional<absl::Status> next_write_failure_ ABSL_GUARDED_BY(mu_);
  absl::Status read_failure_ ABSL_GUARDED_BY(mu_);
  std::function<void()> before_next_write_ ABSL_GUARDED_BY(mu_);
  int write_calls_ ABSL_GUARDED_BY(mu_) = 0;
  int successful_writes_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace redress::testing
