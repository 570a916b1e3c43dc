// RunInTransaction: a store's unit of work as one PostgreSQL transaction (BEGIN ... COMMIT on one
// pooled connection), re-run from the start when the server aborted it for a conflict with a
// concurrent transaction (serialization failure, deadlock).
#pragma once

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/store/postgres/connection.h"
#include "common/store/postgres/pool.h"

namespace redress::pg {

enum class Isolation { kReadCommitted, kRepeatableRead, kSerializable };

struct TransactionOptions {
  // SERIALIZABLE by default: the transaction behaves as if it ran alone, which is what the
  // stores' read-check-write sequences assume (and the only level CockroachDB offers by default).
  // A hot standby refuses SERIALIZABLE even for READ ONLY work: read there with kRepeatableRead.
  Isolation isolation = Isolation::kSerializable;
  // READ ONLY: a statement that writes fails the transaction with INTERNAL (a bug in the body;
  // not re-run, unlike the same SQLSTATE 25006 from a standby, which is UNAVAILABLE).
  bool read_only = false;
  // How many times the body may run in all: the first run and the re-runs after a retryable
  // failure. At least 1.
  int max_attempts = 5;
  // When positive, SET LOCAL statement_timeout for this transaction only (no session state is
  // left behind, so this is safe through PgBouncer): a statement running longer is cancelled
  // and the transaction fails DEADLINE_EXCEEDED. Zero keeps the server's setting.
  absl::Duration statement_timeout = absl::ZeroDuration();
};

// The two kinds of transaction the stores run:
// - SnapshotRead: REPEATABLE READ, READ ONLY. Every statement of a read that takes several (a
//   resource and its child rows, a page and its children) sees the same snapshot.
// - LockingWrite: READ COMMITTED. A write decides races with constraints (a primary or unique key
//   refuses the second insert of an id, a request_id or a hand-off key) and row locks (it reads
//   the version it checks with SELECT ... FOR UPDATE, so a concurrent update of the same row
//   waits, then sees the new version and is ABORTED). Not SERIALIZABLE: its predicate locks are
//   taken on whole index pages, so inserts of unrelated rows by concurrent replicas fail each
//   other with serialization failures, and under steady concurrent inserts every re-run can fail
//   again.
TransactionOptions SnapshotRead();
TransactionOptions LockingWrite();

// Runs `body` inside BEGIN ISOLATION LEVEL <isolation> ... COMMIT on one connection from `pool`.
//
// - OK means COMMIT succeeded: the body's writes are committed (and durable, as the server's
//   synchronous_commit setting makes them).
// - A body that returns an error has its transaction rolled back, and that error is returned.
// - The whole body runs again (after a short random pause) when the transaction failed with
//   40001 serialization_failure or 40P01 deadlock_detected (in the body or at COMMIT), or when the
//   connection was lost before COMMIT was sent (nothing can have committed; a new connection is
//   taken), up to max_attempts runs in all; then the last error is returned (ABORTED for a
//   conflict, UNAVAILABLE for a lost connection). So the body must be safe to run more than once:
//   it may only touch the database through `connection` and local state it resets itself.
// - If the connection fails while COMMIT is in flight, the outcome is unknown: the transaction
//   may or may not have committed. The result is UNAVAILABLE saying so, and it is not re-run;
//   callers make their writes safe to repeat with idempotency keys.
// - A body that returns OK although one of its statements failed (it swallowed the error) gets
//   that failure back (ABORTED, and re-run, for a conflict; otherwise INTERNAL); nothing commits.
// - UNAVAILABLE if no connection could be acquired (see Pool::Acquire); not re-run.
//
// The body should return this layer's errors as they are, or at least run no further statement
// after one (the server rejects them until ROLLBACK).
absl::Status RunInTransaction(Pool& pool, const TransactionOptions& options,
                              absl::FunctionRef<absl::Status(Connection&)> body);

}  // namespace redress::pg
