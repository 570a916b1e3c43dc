// Transactions and group commit (sqlite.h, "Group commit" at SqliteDb): each Transaction is a
// savepoint in the writing connection's open batch, one outer transaction whose COMMIT its
// transactions wait for, handing the connection on to the next writer meanwhile.
#include <sqlite3.h>

#include <memory>
#include <utility>

#include "absl/synchronization/notification.h"
#include "common/errors.h"
#include "common/metrics/metrics.h"
#include "common/status_macros.h"
#include "common/store/sqlite/sqlite.h"

namespace redress {

// The counts are guarded by the writer's mutex. `outcome` is written once, by the writer that
// ends the batch, before `done` is notified; the transactions waiting on `done` read it after.
struct SqliteDb::Batch {
  int committed = 0;  // transactions released into it, waiting for its COMMIT
  int turns = 1;      // writers that have had the connection while it was open
  absl::Status outcome;
  absl::Notification done;
};

namespace {

// Transactions follow one another in a batch, never nest, so their savepoints share a name.
constexpr char kSavepoint[] = "SAVEPOINT redress_transaction";
constexpr char kReleaseSavepoint[] = "RELEASE redress_transaction";
constexpr char kUndoSavepoint[] = "ROLLBACK TO redress_transaction; RELEASE redress_transaction";

// For a transaction whose batch SQLite rolled back after an error, in it or in another
// transaction of the batch (which got that error itself): retrying it may well succeed.
absl::Status RolledBack() {
  metrics::CountStoreError("sqlite", absl::StatusCode::kUnavailable);
  return WithInternalDetail(absl::UnavailableError(
      "the transaction was rolled back after an error in it or in a transaction committed with "
      "it"));
}

}  // namespace

// --- The writing connection, passed from writer to writer. ---

void SqliteDb::AcquireWriter() {
  // Counted while waiting, so that a transaction committing meanwhile leaves its batch open for
  // this writer to join. The count drops only under writer_.mu, so a writer holding it never
  // sees a waiter that has already gone: when it passes the batch on, someone takes it.
  writers_waiting_.fetch_add(1, std::memory_order_relaxed);
  writer_.mu.Lock();
  writers_waiting_.fetch_sub(1, std::memory_order_relaxed);
}

void SqliteDb::ReleaseWriter() {
  // The last writer in the queue commits the batch; nobody else would.
  if (batch_ != nullptr && !PassBatchOn()) {
    CommitBatch().IgnoreError();  // the batch's transactions get the result
  }
  writer_.mu.Unlock();
}

bool SqliteDb::PassBatchOn() {
  if (writers_waiting_.load(std::memory_order_relaxed) == 0) return false;
  if (batch_->turns >= group_commit_limit_) return false;
  ++batch_->turns;
  return true;
}

bool SqliteDb::BatchRolledBackBySqlite() const {
  return batch_ != nullptr && sqlite3_get_autocommit(writer_.db) != 0;
}

absl::Status SqliteDb::BeforeStatement(const Connection& connection) {
  if (!connection.transaction_open_) {
    // Outside a transaction a statement sees and changes durable state only.
    if (batch_ != nullptr) CommitBatch().IgnoreError();  // the batch's transactions get the result
    return absl::OkStatus();
  }
  // Inside one, once SQLite has rolled the batch back, a statement would run on its own, outside
  // any transaction: refuse it. (batch_ is null when it was found rolled back before.)
  if (batch_ == nullptr || BatchRolledBackBySqlite()) {
    absl::Status status = RolledBack();
    if (batch_ != nullptr) FailBatch(status);
    return status;
  }
  return absl::OkStatus();
}

// --- Batches. ---

absl::Status SqliteDb::CommitBatch() {
  std::shared_ptr<Batch> batch = std::move(batch_);
  absl::Status outcome;
  if (sqlite3_get_autocommit(writer_.db) != 0) {
    outcome = RolledBack();
  } else if (batch->committed == 0) {
    // Its transactions all rolled back: nothing to make durable, no fsync.
    writer_.Exec("ROLLBACK").IgnoreError();
  } else {
    commits_.fetch_add(1, std::memory_order_relaxed);
    outcome = TimedCommit();
    ObserveWrite(outcome);
    if (outcome.ok()) {
      transactions_.fetch_add(batch->committed, std::memory_order_relaxed);
    } else if (sqlite3_get_autocommit(writer_.db) == 0) {
      // A failed COMMIT (BUSY, say) may leave the transaction open; the next batch starts anew.
      writer_.Exec("ROLLBACK").IgnoreError();
    }
  }
  batch->outcome = outcome;
  batch->done.Notify();
  return outcome;
}

void SqliteDb::FailBatch(const absl::Status& status) {
  std::shared_ptr<Batch> batch = std::move(batch_);
  if (sqlite3_get_autocommit(writer_.db) == 0) writer_.Exec("ROLLBACK").IgnoreError();
  batch->outcome = status;
  batch->done.Notify();
}

// --- Transactions. ---

absl::StatusOr<Transaction> Connection::Begin() {
  if (db_ == nullptr) return absl::FailedPreconditionError("Begin() on a read-only connection");
  if (transaction_open_) {
    return absl::FailedPreconditionError("Begin() while this connection has a transaction open");
  }
  Relock();
  RETURN_IF_ERROR(db_->BeginTransaction(*this));
  return Transaction(this);
}

absl::Status SqliteDb::BeginTransaction(Connection& connection) {
  if (BatchRolledBackBySqlite()) FailBatch(RolledBack());
  if (batch_ == nullptr) {
    if (connection.in_transaction()) {
      return absl::FailedPreconditionError("Begin() inside a transaction begun with Exec()");
    }
    RETURN_IF_ERROR(writer_.Exec("BEGIN IMMEDIATE"));
    batch_ = std::make_shared<Batch>();
  }
  // Should this fail, the batch stays open, and whoever releases the writer ends it.
  RETURN_IF_ERROR(writer_.Exec(kSavepoint));
  connection.transaction_open_ = true;
  return absl::OkStatus();
}

absl::Status SqliteDb::CommitTransaction(Connection& connection) {
  connection.transaction_open_ = false;
  // The connection may go to another thread below: none of this one's statements may be left
  // part-way through, nor returned to the cache later without the lock.
  connection.FinishStatements();
  if (batch_ == nullptr || BatchRolledBackBySqlite()) {
    absl::Status status = RolledBack();
    if (batch_ != nullptr) FailBatch(status);
    return status;
  }
  // A deferred foreign key left unresolved fails this transaction alone, as its own COMMIT
  // would have, rather than the batch's COMMIT.
  int deferred = 0;
  int highwater = 0;
  sqlite3_db_status(writer_.db, SQLITE_DBSTATUS_DEFERRED_FKS, &deferred, &highwater, 0);
  if (deferred > 0) {
    absl::Status undone = writer_.Exec(kUndoSavepoint);
    if (!undone.ok()) FailBatch(undone);
    return SqliteStatus(nullptr, SQLITE_CONSTRAINT_FOREIGNKEY,
                        "committing with a deferred FOREIGN KEY constraint unresolved");
  }
  absl::Status released = writer_.Exec(kReleaseSavepoint);
  if (!released.ok()) {
    FailBatch(released);  // its writes can no longer be told from the batch's
    return released;
  }
  ++batch_->committed;
  if (!PassBatchOn()) return CommitBatch();
  // Hand the connection to the next writer, and wait for whoever ends the batch.
  std::shared_ptr<Batch> batch = batch_;
  connection.locked_ = false;
  writer_.mu.Unlock();
  batch->done.WaitForNotification();
  return batch->outcome;
}

void SqliteDb::RollBackTransaction(Connection& connection) {
  connection.transaction_open_ = false;
  if (batch_ == nullptr) return;  // rolled back with its batch, which was told
  if (BatchRolledBackBySqlite()) {
    FailBatch(RolledBack());
    return;
  }
  connection.ResetStatements();  // a write part-way through would keep RELEASE from ending it
  absl::Status undone = writer_.Exec(kUndoSavepoint);
  // Should that fail, its writes cannot be told from the batch's: the whole batch goes.
  if (!undone.ok()) FailBatch(undone);
}

Transaction::Transaction(Transaction&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)) {}

Transaction::~Transaction() {
  if (connection_ != nullptr) connection_->db_->RollBackTransaction(*connection_);
}

absl::Status Transaction::Commit() {
  if (connection_ == nullptr) return absl::FailedPreconditionError("transaction already ended");
  Connection* connection = std::exchange(connection_, nullptr);
  return connection->db_->CommitTransaction(*connection);
}

}  // namespace redress
