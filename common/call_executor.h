// Where a service's handlers run: a fixed pool of threads taking calls from a bounded queue.
//
// Our handlers block (on the database, on a peer service), so they cannot run on gRPC's own
// callback threads, and the synchronous server's thread quota answered RESOURCE_EXHAUSTED as soon
// as its threads were busy (64 calls in flight were enough). With the callback API each call is
// handed to this executor instead: at most `threads` run at once, the next `max_queued` wait
// their turn in order of arrival, and only a call arriving past both is refused, at once, so the
// client can back off (ServeCall in handler.h answers RESOURCE_EXHAUSTED with a retry hint). A
// call whose deadline passes or whose client leaves while it waits is answered without running
// its body (ServeCall checks first), so a queue never does work nobody is waiting for.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <thread>
#include <vector>

#include "absl/functional/any_invocable.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace redress {

struct CallExecutorOptions {
  // Handlers running at once. Enough to keep the database busy while some calls wait on it; a
  // SQLite store writes on one connection (group-committing the calls that arrive together) and
  // reads on a few, and a PostgreSQL store's pool bounds its own connections.
  int threads = 32;
  // Calls waiting for a thread, beyond which a call is refused. With the defaults a client may
  // keep 1,056 calls in flight before any is refused.
  int max_queued = 1024;
  // What a refused call is told to wait before trying again (google.rpc.RetryInfo).
  absl::Duration retry_delay = absl::Milliseconds(100);
  // Names the threads' log lines and the metrics ("intake").
  std::string name = "server";
};

// Thread-safe.
class CallExecutor {
 public:
  // Starts the threads. REQUIRES: options.threads >= 1, options.max_queued >= 0.
  explicit CallExecutor(CallExecutorOptions options);
  // Runs what is still queued, then joins the threads. A server must have stopped handing calls
  // to it first (RunningServer destroys it after the gRPC server has shut down).
  ~CallExecutor();
  CallExecutor(const CallExecutor&) = delete;
  CallExecutor& operator=(const CallExecutor&) = delete;

  // Queues `work` to run on one of the threads; false (and `work` destroyed without running)
  // when `max_queued` calls are already waiting.
  bool TrySubmit(absl::AnyInvocable<void() &&> work);

  struct Load {
    int64_t running = 0;  // calls on a thread now
    int64_t queued = 0;   // calls waiting for one
    int64_t refused = 0;  // calls refused since the start, the queue being full
  };
  Load load() const;

  const CallExecutorOptions& options() const { return options_; }

 private:
  void Work();
  bool HasWorkOrStopping() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const CallExecutorOptions options_;
  mutable absl::Mutex mu_;
  std::deque<absl::AnyInvocable<void() &&>> queue_ ABSL_GUARDED_BY(mu_);
  int64_t running_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t refused_ ABSL_GUARDED_BY(mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace redress
