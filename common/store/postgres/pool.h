// A bounded pool of connections to one database URL. Acquiring waits up to a deadline for a free
// connection and then fails UNAVAILABLE (retryable) rather than blocking for ever; a connection
// that broke is closed and replaced, never handed out again.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/metrics/metrics.h"
#include "common/store/postgres/connection.h"

namespace redress::pg {

struct PoolOptions {
  // At most this many connections are open at once (in use or idle). Size it with the server's
  // max_connections (or PgBouncer's pool) and the number of replicas in mind.
  int size = 8;
  // How long Acquire() waits for a free connection.
  absl::Duration acquire_timeout = absl::Seconds(5);
  ConnectOptions connect;
};

class Pool;

// A connection borrowed from a Pool, returned to it on destruction. Movable, not copyable.
// REQUIRES: does not outlive its Pool.
class PooledConnection {
 public:
  PooledConnection(PooledConnection&& other) noexcept;
  PooledConnection& operator=(PooledConnection&&) = delete;
  ~PooledConnection();

  Connection& operator*() const { return *connection_; }
  Connection* operator->() const { return connection_.get(); }

 private:
  friend class Pool;
  PooledConnection(Pool* pool, std::unique_ptr<Connection> connection, uint64_t generation)
      : pool_(pool), connection_(std::move(connection)), generation_(generation) {}

  Pool* pool_;
  std::unique_ptr<Connection> connection_;  // null once moved from
  uint64_t generation_;
};

// The health policy:
// - Connections open lazily, up to `size`; a released connection goes back on the idle list
//   (most recently used first) if it is healthy, i.e. not broken() and outside any transaction
//   block. A connection returned broken or mid-transaction is closed and its place freed.
// - Before an idle connection is handed out, Connection::CheckIdle looks, without a round trip,
//   for anything the server sent while it was idle (it only sends when ending the session: a
//   shutdown, crash, failover or terminated backend); such a connection is closed and the next
//   one tried, or a new one opened.
// - When any connection is found lost, every idle connection opened before is closed too, and
//   those in use are closed when released: they went to the same server, which is likely gone
//   (after a failover, to the old primary). New connections then follow the URL, so with a
//   multi-host URL and target_session_attrs=read-write they find the new primary by themselves.
// - A command that fails because the connection was lost returns UNAVAILABLE; the pool never
//   re-runs a command itself (only RunInTransaction re-runs a whole transaction that cannot have
//   committed).
//
// Thread-safe.
class Pool {
 public:
  // A pool for `url` (see Connection::Open). Opens no connection yet; INVALID_ARGUMENT for a
  // malformed URL or a size below 1.
  static absl::StatusOr<std::unique_ptr<Pool>> Create(std::string url,
                                                      const PoolOptions& options = {});
  // REQUIRES: every PooledConnection has been destroyed.
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // A healthy connection, waiting until now + acquire_timeout for one to be free. UNAVAILABLE when
  // none is free by then; Connection::Open's error (UNAVAILABLE when the server is down or
  // refusing) when opening a new one fails. Opening is bounded by connect_timeout, not by the
  // deadline.
  absl::StatusOr<PooledConnection> Acquire();
  absl::StatusOr<PooledConnection> Acquire(absl::Time deadline);

  // Connections open now (in use, idle, or being opened), and idle ones.
  int open_connections() const;
  int idle_connections() const;

 private:
  friend class PooledConnection;
  struct Idle {
    std::unique_ptr<Connection> connection;
    uint64_t generation;
  };

  Pool(std::string url, const PoolOptions& options);
  bool CanAcquire() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Release(std::unique_ptr<Connection> connection, uint64_t generation);
  // Forgets a closed connection of `generation`, and when it was lost, retires the rest of its
  // generation. Returns the idle connections to close outside the lock.
  std::vector<Idle> Forget(uint64_t generation, bool lost) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::string url_;
  const PoolOptions options_;
  mutable absl::Mutex mu_;
  std::vector<Idle> idle_ ABSL_GUARDED_BY(mu_);  // most recently released last
  int open_ ABSL_GUARDED_BY(mu_) = 0;
  // Connections of an older generation than this were opened before a loss and are retired.
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
  // redress_store_pool_connections{state} and redress_store_pool_size, read at each scrape (a
  // process has one pool; a second one's figures would replace the first's). Declared last:
  // removed before the rest is destroyed.
  metrics::ScrapedGauge open_gauge_, idle_gauge_, size_gauge_;
};

}  // namespace redress::pg
