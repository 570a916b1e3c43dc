#include "common/store/postgres/transaction.h"

#include <algorithm>
#include <string>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/store/postgres/status.h"

namespace redress::pg {
namespace {

// One run of the body, and whether running it again may succeed.
struct Attempt {
  absl::Status status;
  bool retryable = false;
};

std::string BeginSql(const TransactionOptions& options) {
  const char* isolation = "SERIALIZABLE";
  if (options.isolation == Isolation::kReadCommitted) isolation = "READ COMMITTED";
  if (options.isolation == Isolation::kRepeatableRead) isolation = "REPEATABLE READ";
  std::string sql = absl::StrCat("BEGIN ISOLATION LEVEL ", isolation,
                                 options.read_only ? " READ ONLY" : " READ WRITE");
  if (options.statement_timeout > absl::ZeroDuration()) {
    // Milliseconds, at least 1 (0 would mean no timeout).
    absl::StrAppend(&sql, "; SET LOCAL statement_timeout = ",
                    std::max<int64_t>(1, absl::ToInt64Milliseconds(options.statement_timeout)));
  }
  return sql;
}

// Ends a transaction that will not commit. A connection left inside the block (ROLLBACK failed)
// is closed by the pool rather than reused.
void Rollback(Connection& connection) {
  if (!connection.broken() && connection.in_transaction()) {
    connection.ExecuteScript("ROLLBACK").IgnoreError();
  }
}

Attempt RunOnce(Pool& pool, const TransactionOptions& options,
                absl::FunctionRef<absl::Status(Connection&)> body) {
  absl::StatusOr<PooledConnection> acquired = pool.Acquire();
  if (!acquired.ok()) return {acquired.status(), false};
  Connection& connection = **acquired;
  absl::StatusOr<Result> begin = connection.ExecuteScript(BeginSql(options));
  if (!begin.ok()) return {begin.status(), connection.broken()};

  absl::Status status = body(connection);
  // Whether the transaction failed for a reason that a new run may not meet again.
  const bool conflict = RetryableTransactionFailure(connection.transaction_failure());
  if (options.read_only && connection.transaction_failure() == "25006") {
    // Not a standby: this READ ONLY transaction tried to write, which no re-run will change.
    return {absl::InternalError(
                absl::StrCat("a READ ONLY transaction tried to write: ", status.message())),
            false};
  }
  if (!status.ok()) {
    Rollback(connection);
    return {status, conflict || connection.broken()};
  }
  if (connection.broken() || connection.in_failed_transaction()) {
    const std::string failure = connection.transaction_failure();
    Rollback(connection);
    if (connection.broken()) {
      return {absl::UnavailableError("the database connection was lost in the transaction"), true};
    }
    return {SqlStateStatus(failure, "transaction body returned OK after a statement failed", ""),
            conflict};
  }

  if (!connection.in_transaction()) {
    return {absl::InternalError("the transaction body ended the transaction itself"), false};
  }
  absl::StatusOr<Result> commit = connection.ExecuteScript("COMMIT");
  if (!commit.ok()) {
    if (commit.status().code() == absl::StatusCode::kUnavailable) {
      return {absl::UnavailableError(absl::StrCat(
                  "the outcome of COMMIT is unknown (the transaction may have committed): ",
                  commit.status().message())),
              false};
    }
    // The server answered: the transaction was rolled back (e.g. a serialization failure found
    // at commit, a deferred constraint).
    return {commit.status(), RetryableTransactionFailure(connection.transaction_failure())};
  }
  return {absl::OkStatus(), false};
}

}  // namespace

absl::Status RunInTransaction(Pool& pool, const TransactionOptions& options,
                              absl::FunctionRef<absl::Status(Connection&)> body) {
  if (options.max_attempts < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_attempts must be at least 1, not ", options.max_attempts));
  }
  thread_local absl::BitGen random;
  for (int attempt = 1;; ++attempt) {
    Attempt result = RunOnce(pool, options, body);
    if (result.status.ok() || !result.retryable || attempt >= options.max_attempts) {
      return result.status;
    }
    // A random pause, growing with the attempts (up to 2^attempt ms, at most 100 ms), so that
    // the transactions that conflicted do not meet again in lock step.
    const int64_t max_micros = std::min<int64_t>(100'000, int64_t{1000} << attempt);
    absl::SleepFor(absl::Microseconds(absl::Uniform<int64_t>(random, 0, max_micros)));
  }
}

TransactionOptions SnapshotRead() {
  TransactionOptions options;
  options.isolation = Isolation::kRepeatableRead;
  options.read_only = true;
  return options;
}

TransactionOptions LockingWrite() {
  TransactionOptions options;
  options.isolation = Isolation::kReadCommitted;
  return options;
}

}  // namespace redress::pg
