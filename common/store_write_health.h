// Whether this process's database can write, as its own writes find: a write that fails for want
// of space or with an I/O error (StoreCannotWrite, errors.h) makes it unwritable, the next write
// that commits makes it writable again; a write that has been under way longer than a threshold
// (a stalled disk) makes it unwritable until that write ends. Each service reports its health
// NOT_SERVING while its database cannot write (main.cc wires OnChange to
// RunningServer::SetServing), so that load balancers and probes steer calls elsewhere. No gRPC
// here: the storage layers report to it.
#pragma once

#include <functional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"

namespace redress {

// Thread-safe.
class StoreWriteHealth {
 public:
  // Called with the new state on every change, in order, on the thread that caused it (a writer
  // of the store, or its probe). It must not call back into the store.
  using Listener = std::function<void(bool writable)>;

  // `name` labels the log lines ("intake").
  explicit StoreWriteHealth(std::string name = "store");
  StoreWriteHealth(const StoreWriteHealth&) = delete;
  StoreWriteHealth& operator=(const StoreWriteHealth&) = delete;

  // Replaces the listener; it is not called for the current state.
  void OnChange(Listener listener);

  // The result of a write that ended (a commit, or a statement that failed inside a
  // transaction): StoreCannotWrite makes the store unwritable, OK makes it writable; any other
  // error (a constraint, a busy lock) says nothing about the disk and changes nothing.
  void Observe(const absl::Status& write);
  // A write has been under way longer than the store's threshold (true), or the stalled write has
  // ended (false). The store is unwritable while stalled, whatever writes are observed.
  void SetStalled(bool stalled);

  // Neither a fault since the last successful write nor a stall.
  bool writable() const;
  // A fault since the last successful write (false while merely stalled).
  bool faulted() const;

 private:
  // Sets faulted_ (when `faulted` has a value) or stalled_, logs a change of either, and calls
  // the listener when writable() changed.
  void Update(const bool* faulted, const bool* stalled, const absl::Status& cause);

  const std::string name_;
  absl::Mutex listener_mu_;  // orders listener calls; taken before mu_, never under it
  Listener listener_ ABSL_GUARDED_BY(listener_mu_);
  mutable absl::Mutex mu_;
  bool faulted_ ABSL_GUARDED_BY(mu_) = false;
  bool stalled_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace redress
