// A small SQLite layer every service's SqliteStore uses: opening a database file in WAL mode with
// durable commits, applying schema migrations, and RAII wrappers for the connection lock,
// prepared statements and transactions (committed in groups, one fsync for many), all reporting
// absl::Status.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/store/migration.h"
#include "common/store_write_health.h"

struct sqlite3;
struct sqlite3_stmt;

namespace redress {

struct SqliteOptions {
  // How long a write waits for another connection's write lock before failing UNAVAILABLE.
  absl::Duration busy_timeout = absl::Milliseconds(5000);
  // Read-only connections for Read(), besides the one that writes: in WAL mode a reader sees the
  // last committed state and never waits for a writer (nor a writer for it), so reads do not
  // queue behind a commit's fsync. 0 sends reads to the writing connection.
  int readers = 4;
  // Group commit (see SqliteDb): the most write transactions one COMMIT, so one fsync, covers.
  // Transactions share a COMMIT only while other threads wait for the writing connection, so a
  // lone writer commits alone and never waits for company; 1 commits every transaction alone.
  int group_commit_limit = 64;
  // The process's StoreWriteHealth (common/store_write_health.h), told of every COMMIT's result
  // and of every write that fails for want of space or with an I/O error; null for none. With
  // one, a background thread of the SqliteDb
  // - while the health is faulted, tries a small write every `write_probe_interval` (it allocates
  //   write_probe_bytes of pages and commits, leaving no row or table behind), so that the store
  //   is found writable again even when no caller writes, callers having been steered away by
  //   NOT_SERVING; the probe's COMMIT, like any other, makes the health writable;
  // - marks the health stalled while a COMMIT has been under way longer than `stall_threshold`
  //   (a stalled disk: every writer waits behind it), until that COMMIT returns.
  StoreWriteHealth* write_health = nullptr;
  absl::Duration write_probe_interval = absl::Seconds(5);
  int write_probe_bytes = 64 * 1024;
  absl::Duration stall_threshold = absl::Seconds(10);
};

class Connection;
class Statement;
class Transaction;

// An open database file: the SQLite connection that writes, SqliteOptions::readers read-only
// connections, and a mutex guarding each.
//
// Thread-safety: a connection is reachable only through a Connection obtained from Lock() (the
// writer) or Read() (a reader), which holds that connection's mutex for its lifetime (but for
// the wait in a Transaction's Commit(), see group commit below); statements and transactions are
// created from that Connection and must not outlive it. So a thread cannot touch a connection
// without holding its lock, and whatever it does under one Lock() (e.g. a whole transaction) is
// not interleaved with another thread's work. Several
// SqliteDb objects (or processes) may open the same file; SQLite's own locking then serialises
// their writes.
//
// Group commit. synchronous=FULL makes every COMMIT an fsync, and with one writing connection
// concurrent writers would each wait for their own fsync behind everyone else's. So transactions
// share COMMITs: the writing connection keeps an outer BEGIN IMMEDIATE open (a batch) across
// several Transactions, each a SAVEPOINT inside it. Commit() RELEASEs the savepoint; then, if
// another thread is waiting for the connection and the batch is below group_commit_limit, it
// hands the connection over and waits, without it, for the batch's COMMIT; otherwise it COMMITs
// the batch itself and passes the result to every transaction waiting on it. Whoever releases
// the connection with a batch open and nobody waiting commits it, so a batch never waits for a
// timer or for a writer not already queued. What callers can rely on:
// - Commit() returns OK only after the COMMIT covering its writes returned OK: OK still means
//   durable. If that COMMIT fails, or SQLite rolls the batch back after an error in any of its
//   transactions, every transaction of the batch gets an error and none of their writes stays.
// - A Transaction ended without Commit() rolls back to its savepoint: its own writes go, the
//   other transactions of its batch keep theirs. A deferred foreign key it leaves unresolved
//   fails its own Commit(), not the batch.
// - Inside a transaction, statements see what the batch's earlier transactions wrote, which is
//   not yet durable. A transaction whose answer depends on such a read learns whether it became
//   durable from its own Commit() (which fails with the batch); end it with Commit() even if it
//   wrote nothing, rather than returning from inside it.
// - A statement on the writing connection outside any transaction (a pragma, a read under
//   Lock()) first COMMITs the open batch, so that it sees and changes durable state only; this
//   ends the batch early, which is one more reason for reads to use Read().
class SqliteDb {
 public:
  // Opens (creating if needed) the database at `path` and prepares it:
  // - journal_mode=WAL, so readers in other processes (backups, inspection) do not block the
  //   writer (FAILED_PRECONDITION if the file system cannot do WAL); within the process every
  //   statement goes through the one connection, in turn;
  // - synchronous=FULL: in WAL mode NORMAL syncs the log only at checkpoints, so a commit that
  //   has returned can still be lost on power failure. The design promises a commit is durable
  //   before the RPC returns, which needs the log synced on every commit, i.e. FULL;
  // - foreign_keys=ON and the busy timeout from `options`;
  // - applies the migrations whose version is above the file's `PRAGMA user_version`, in order,
  //   each in its own transaction. FAILED_PRECONDITION if the file's user_version is newer than
  //   the last migration (a database written by newer code); INVALID_ARGUMENT if the migration
  //   versions are not strictly increasing from 1 or more.
  static absl::StatusOr<std::unique_ptr<SqliteDb>> Open(const std::string& path,
                                                        const std::vector<Migration>& migrations,
                                                        const SqliteOptions& options = {});
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // Exclusive use of the writing connection until the returned Connection is destroyed, except
  // while its Transaction's Commit() has handed it over (see group commit above). Blocks while
  // another thread holds it. Not reentrant: locking twice on one thread deadlocks.
  Connection Lock();
  // A read-only connection (a free one if any, else the next in turn, waiting for it), inside one
  // read transaction until the returned Connection is destroyed: every statement sees the same
  // committed state, whatever the writer commits meanwhile. Writes through it fail (query_only).
  // The writing connection when there are no readers (SqliteOptions::readers = 0). A thread
  // holding Lock() must not call Read() for what its own transaction wrote: a reader sees only
  // what is committed.
  Connection Read();

  const std::string& path() const { return path_; }

  // What the writing connection has done since Open(), for tests and diagnostics.
  struct WriteStats {
    int64_t transactions = 0;  // Transaction::Commit() calls that returned OK (migrations too)
    int64_t commits = 0;       // COMMITs of batches, each one fsync of the log
    int writers_waiting = 0;   // threads waiting for the writing connection now
  };
  WriteStats write_stats() const;

 private:
  friend class Connection;
  friend class Statement;
  friend class Transaction;
  struct CachedStatement {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  // One SQLite connection, the mutex that keeps it to one thread at a time, and its prepared
  // statements by SQL text (kept for the connection's life; guarded by mu, reached only through
  // a Connection).
  struct Handle {
    explicit Handle(sqlite3* db) : db(db) {}
    ~Handle();
    // Runs `sql` (no parameters, possibly several statements) as it stands.
    absl::Status Exec(std::string_view sql);
    absl::Mutex mu;
    sqlite3* const db;
    std::map<std::string, CachedStatement, std::less<>> statements;
  };

  // The transactions sharing the writing connection's open outer transaction (transaction.cc).
  struct Batch;

  SqliteDb(std::string path, sqlite3* db, const SqliteOptions& options)
      : path_(std::move(path)),
        writer_(db),
        group_commit_limit_(options.group_commit_limit),
        health_(options.write_health),
        probe_interval_(options.write_probe_interval),
        probe_bytes_(options.write_probe_bytes),
        stall_threshold_(options.stall_threshold) {}
  absl::Status Configure(const SqliteOptions& options);
  absl::Status Migrate(const std::vector<Migration>& migrations);
  absl::Status OpenReaders(const SqliteOptions& options);

  // Group commit (transaction.cc). Except for AcquireWriter, REQUIRES: the caller holds
  // writer_.mu, i.e. is the Connection that has the writer.
  void AcquireWriter();
  // Commits the open batch unless a waiting writer takes it on, and unlocks writer_.mu.
  void ReleaseWriter();
  // Before a statement of `connection`: outside a transaction, commits the open batch; inside
  // one, fails if SQLite has rolled its batch back.
  absl::Status BeforeStatement(const Connection& connection);
  absl::Status BeginTransaction(Connection& connection);
  absl::Status CommitTransaction(Connection& connection);
  void RollBackTransaction(Connection& connection);
  // True (counting a turn) when the open batch should stay open for a waiting writer.
  bool PassBatchOn();
  // Ends the open batch with COMMIT (ROLLBACK if it holds no committed transaction) and gives
  // every transaction waiting on it the result.
  absl::Status CommitBatch();
  // Rolls the open batch back and gives every transaction waiting on it `status`.
  void FailBatch(const absl::Status& status);
  bool BatchRolledBackBySqlite() const;

  // The write health (SqliteOptions::write_health; write_watch.cc). Tells it of a write's
  // result (only faults matter but for a COMMIT's).
  void ObserveWrite(const absl::Status& status);
  // Runs the COMMIT of the open batch, marking it under way for the stall watch.
  absl::Status TimedCommit();
  // The background thread: probes while faulted, watches COMMITs for stalls.
  void StartWatch();
  void StopWatch();
  void Watch();
  // One small write that allocates probe_bytes_ of pages and commits, leaving nothing behind.
  absl::Status ProbeWrite();

  const std::string path_;
  Handle writer_;
  std::vector<std::unique_ptr<Handle>> readers_;
  std::atomic<size_t> next_reader_{0};

  const int group_commit_limit_;
  std::shared_ptr<Batch> batch_;  // guarded by writer_.mu; null when no batch is open
  std::atomic<int> writers_waiting_{0};
  std::atomic<int64_t> transactions_{0};
  std::atomic<int64_t> commits_{0};

  StoreWriteHealth* const health_;
  const absl::Duration probe_interval_;
  const int probe_bytes_;
  const absl::Duration stall_threshold_;
  // When the COMMIT under way began (absl::ToUnixNanos), 0 when none is.
  std::atomic<int64_t> commit_started_ns_{0};
  // Whether the health was told of a stall not yet over. Set and cleared, with the health told,
  // under stall_mu_, so that a COMMIT returning as the watch reports it cannot leave it set.
  absl::Mutex stall_mu_;
  bool stall_reported_ ABSL_GUARDED_BY(stall_mu_) = false;
  absl::Mutex watch_mu_;
  bool watch_stopping_ ABSL_GUARDED_BY(watch_mu_) = false;
  std::unique_ptr<std::thread> watch_thread_;
};

// The locked connection. Not copyable or movable; obtain it with `auto c = db.Lock();`.
class Connection {
 public:
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A prepared statement for `sql` (exactly one SQL statement). Statements are cached on the
  // database and reused, so preparing the same text again is cheap.
  absl::StatusOr<Statement> Prepare(std::string_view sql);
  // Runs `sql`, which may hold several statements and takes no parameters.
  absl::Status Exec(std::string_view sql);
  // Starts a write transaction in the open batch, or a new batch with BEGIN IMMEDIATE, which
  // takes the write lock now, so the transaction cannot fail later with BUSY on its first write.
  // UNAVAILABLE if another connection holds the lock past the busy timeout; FAILED_PRECONDITION
  // on a reader, or while this Connection has a transaction open.
  absl::StatusOr<Transaction> Begin();

  // Rows changed by the last INSERT/UPDATE/DELETE, and the rowid of the last INSERT; read them
  // before Commit(), after which the connection may have served other threads.
  int64_t changes();
  int64_t last_insert_rowid();

 private:
  friend class SqliteDb;
  friend class Statement;
  friend class Transaction;
  // Takes `handle` (already locked when `locked`); a reader's begins its read transaction. `db`
  // is the database whose writer `handle` is, null for a reader.
  Connection(SqliteDb* db, SqliteDb::Handle* handle, bool reader, bool locked);
  bool in_transaction() const;
  // Takes the writer back after Commit() handed it over.
  void Relock();
  // Ends every Statement borrowed from this Connection (they are reset and return to the cache),
  // before Commit() can hand the connection to another thread.
  void FinishStatements();
  // Rewinds every Statement borrowed from this Connection, before a rollback.
  void ResetStatements();

  SqliteDb* const db_;
  SqliteDb::Handle* const handle_;
  const bool reader_;
  bool locked_ = true;             // holds handle_->mu; false while Commit() has handed it over
  bool transaction_open_ = false;  // a Transaction from Begin() has not ended yet
  std::vector<Statement*> statements_;  // alive and borrowed from this Connection
};

// A prepared statement borrowed from a Connection. REQUIRES: does not outlive that Connection.
// Bind errors are remembered and reported by the next Step()/Run(), so binding reads as a list.
// Parameter indexes start at 1 and column indexes at 0, as in SQLite. A Transaction's Commit()
// ends the statements borrowed before it: Step() then fails FAILED_PRECONDITION and columns
// read as NULL; prepare again instead.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, bool value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, std::string_view text);  // UTF-8 TEXT
  Statement& Bind(int index, const std::string& text) {
    return Bind(index, std::string_view(text));
  }
  Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindNull(int index);
  // NULL when `value` is empty.
  template <typename T>
  Statement& Bind(int index, const std::optional<T>& value) {
    return value.has_value() ? Bind(index, *value) : BindNull(index);
  }

  // Advances: true when a row is available, false when the statement is done.
  absl::StatusOr<bool> Step();
  // Steps to completion, for statements that return no rows.
  absl::Status Run();
  // Steps to completion, collecting the first column of every row as text ("" for NULL).
  absl::StatusOr<std::vector<std::string>> TextsOfFirstColumn();
  // Rewinds to run again; bindings are kept.
  void Reset();

  bool IsNull(int column) const;
  // The number of columns of the result, and a column's name (as the query names it).
  int ColumnCount() const;
  std::string ColumnName(int column) const;
  int64_t ColumnInt64(int column) const;
  int ColumnInt(int column) const { return static_cast<int>(ColumnInt64(column)); }
  bool ColumnBool(int column) const { return ColumnInt64(column) != 0; }
  std::string ColumnText(int column) const;  // "" for NULL
  std::string ColumnBlob(int column) const;  // "" for NULL
  std::optional<int64_t> ColumnOptionalInt64(int column) const;
  std::optional<std::string> ColumnOptionalText(int column) const;

 private:
  friend class Connection;
  // `in_use` is the cache slot to release, or null for a statement this object owns.
  Statement(Connection* connection, sqlite3_stmt* stmt, bool* in_use);
  void RememberBindError(int rc, int index);
  // Returns the statement to the cache (or finalizes the one it owns); null afterwards.
  void Finish();

  Connection* connection_;
  sqlite3_stmt* stmt_;  // null once moved from or finished
  bool* in_use_;
  absl::Status bind_error_;
};

// A write transaction: a savepoint in the writing connection's batch (see group commit at
// SqliteDb), rolled back on destruction unless committed. REQUIRES: does not outlive the
// Connection it came from.
class Transaction {
 public:
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();

  // Makes the transaction's writes durable, or none of them: returns once the COMMIT of its
  // batch has returned, with that COMMIT's result; an error also when the batch was rolled back
  // (UNAVAILABLE when for another transaction's error: retrying may succeed). It may hand the
  // connection to other writers while it waits; the Connection takes it back for its next
  // statement. Ends the Statements borrowed from the Connection.
  absl::Status Commit();

 private:
  friend class Connection;
  explicit Transaction(Connection* connection) : connection_(connection) {}
  Connection* connection_;  // null once committed or moved from
};

// The absl::Status for SQLite result code `rc` on `db` (extended codes on): BUSY and LOCKED are
// UNAVAILABLE (retryable); FULL (the disk or max_page_count) and every IOERR are UNAVAILABLE with
// reason STORE_UNAVAILABLE (StoreCannotWrite, common/errors.h: retryable, with a RetryInfo); UNIQUE
// and PRIMARY KEY constraint violations are ALREADY_EXISTS; any other failure is INTERNAL. The
// message holds `context` and SQLite's message; the status is marked WithInternalDetail
// (common/errors.h), so a client never sees that message.
absl::Status SqliteStatus(sqlite3* db, int rc, std::string_view context);

}  // namespace redress
