// A small SQLite layer every service's SqliteStore uses: opening a database file in WAL mode with
// durable commits, applying schema migrations, and RAII wrappers for the connection lock,
// prepared statements and transactions, all reporting absl::Status.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/store/migration.h"

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
};

class Connection;
class Statement;
class Transaction;

// An open database file: the SQLite connection that writes, SqliteOptions::readers read-only
// connections, and a mutex guarding each.
//
// Thread-safety: a connection is reachable only through a Connection obtained from Lock() (the
// writer) or Read() (a reader), which holds that connection's mutex for its lifetime;
// statements and transactions are created from that Connection and must not outlive it. So a
// thread cannot touch a connection without holding its lock, and whatever it does under one
// Lock() (e.g. a whole transaction) is not interleaved with another thread's work. Several
// SqliteDb objects (or processes) may open the same file; SQLite's own locking then serialises
// their writes.
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

  // Exclusive use of the writing connection until the returned Connection is destroyed. Blocks
  // while another thread holds it. Not reentrant: locking twice on one thread deadlocks.
  Connection Lock();
  // A read-only connection (a free one if any, else the next in turn, waiting for it), inside one
  // read transaction until the returned Connection is destroyed: every statement sees the same
  // committed state, whatever the writer commits meanwhile. Writes through it fail (query_only).
  // The writing connection when there are no readers (SqliteOptions::readers = 0). A thread
  // holding Lock() must not call Read() for what its own transaction wrote: a reader sees only
  // what is committed.
  Connection Read();

  const std::string& path() const { return path_; }

 private:
  friend class Connection;
  friend class Statement;
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
    absl::Mutex mu;
    sqlite3* const db;
    std::map<std::string, CachedStatement, std::less<>> statements;
  };

  SqliteDb(std::string path, sqlite3* db) : path_(std::move(path)), writer_(db) {}
  absl::Status Configure(const SqliteOptions& options);
  absl::Status Migrate(const std::vector<Migration>& migrations);
  absl::Status OpenReaders(const SqliteOptions& options);

  const std::string path_;
  Handle writer_;
  std::vector<std::unique_ptr<Handle>> readers_;
  std::atomic<size_t> next_reader_{0};
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
  // BEGIN IMMEDIATE: takes the write lock now, so the transaction cannot fail later with BUSY on
  // its first write. UNAVAILABLE if another connection holds the lock past the busy timeout.
  absl::StatusOr<Transaction> Begin();

  // Rows changed by the last INSERT/UPDATE/DELETE, and the rowid of the last INSERT.
  int64_t changes() const;
  int64_t last_insert_rowid() const;

 private:
  friend class SqliteDb;
  friend class Transaction;
  // Takes `handle` (already locked when `locked`); a reader's begins its read transaction.
  Connection(SqliteDb::Handle* handle, bool reader, bool locked);
  bool in_transaction() const;
  SqliteDb::Handle* const handle_;
  const bool reader_;
};

// A prepared statement borrowed from a Connection. REQUIRES: does not outlive that Connection.
// Bind errors are remembered and reported by the next Step()/Run(), so binding reads as a list.
// Parameter indexes start at 1 and column indexes at 0, as in SQLite.
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
  Statement(sqlite3* db, sqlite3_stmt* stmt, bool* in_use);
  void RememberBindError(int rc, int index);

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool* in_use_;
  absl::Status bind_error_;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back on destruction unless committed. REQUIRES: does not
// outlive the Connection it came from.
class Transaction {
 public:
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();

  // COMMIT. After a failed commit the transaction is rolled back by the destructor.
  absl::Status Commit();

 private:
  friend class Connection;
  explicit Transaction(Connection* connection) : connection_(connection) {}
  Connection* connection_;  // null once committed or moved from
};

// The absl::Status for SQLite result code `rc` on `db` (extended codes on): BUSY and LOCKED are
// UNAVAILABLE (retryable); UNIQUE and PRIMARY KEY constraint violations are ALREADY_EXISTS; any
// other failure is INTERNAL. The message holds `context` and SQLite's message; the status is
// marked WithInternalDetail (common/errors.h), so a client never sees that message.
absl::Status SqliteStatus(sqlite3* db, int rc, std::string_view context);

}  // namespace redress
