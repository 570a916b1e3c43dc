#include "common/store/sqlite/sqlite.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/metrics/metrics.h"
#include "common/status_macros.h"

namespace redress {
namespace {

absl::StatusOr<std::string> QueryText(Connection& connection, std::string_view sql) {
  ASSIGN_OR_RETURN(Statement statement, connection.Prepare(sql));
  ASSIGN_OR_RETURN(bool has_row, statement.Step());
  if (!has_row) return absl::InternalError(absl::StrCat("no result from ", std::string(sql)));
  return statement.ColumnText(0);
}

absl::StatusOr<int> UserVersion(Connection& connection) {
  ASSIGN_OR_RETURN(Statement statement, connection.Prepare("PRAGMA user_version"));
  ASSIGN_OR_RETURN(bool has_row, statement.Step());
  if (!has_row) return absl::InternalError("no result from PRAGMA user_version");
  return statement.ColumnInt(0);
}

absl::Status CheckMigrationOrder(const std::vector<Migration>& migrations) {
  int previous = 0;
  for (const Migration& migration : migrations) {
    if (migration.version <= previous) {
      return absl::InvalidArgumentError(absl::StrCat(
          "migration versions must increase from 1: ", migration.version, " after ", previous));
    }
    previous = migration.version;
  }
  return absl::OkStatus();
}

absl::Status SqliteStatusWithDetail(sqlite3* db, int rc, std::string_view context) {
  const std::string message =
      absl::StrCat(std::string(context), ": ", sqlite3_errstr(rc),
                   db != nullptr ? absl::StrCat(" (", sqlite3_errmsg(db), ")") : std::string());
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(message);
    // The disk, not the call: the transaction is rolled back, and the same call succeeds once
    // there is space again or the device recovers.
    case SQLITE_FULL:
      return StoreCannotWrite(message, kStoreFaultDiskFull);
    case SQLITE_IOERR:
      return StoreCannotWrite(message, kStoreFaultIoError);
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return absl::AlreadyExistsError(message);
      }
      return absl::InternalError(message);
    default:
      return absl::InternalError(message);
  }
}

}  // namespace

absl::Status SqliteStatus(sqlite3* db, int rc, std::string_view context) {
  absl::Status status = WithInternalDetail(SqliteStatusWithDetail(db, rc, context));
  metrics::CountStoreError("sqlite", status.code());
  return status;
}

// --- SqliteDb. ---

namespace {

// Makes the database file at `path` exist with mode 0600 (owner read and write only) before SQLite
// opens it, and tightens an existing file that others could read. SQLite creates the -wal and
// -shm files with the database file's mode, so they follow. Special names (":memory:", "",
// "file:" URIs) are left to SQLite.
absl::Status RestrictToOwner(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) return absl::OkStatus();
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot open database file ", path, ": ", std::strerror(errno)));
  }
  struct stat info {};
  absl::Status status;
  if (::fstat(fd, &info) != 0 ||
      ((info.st_mode & 077) != 0 && ::fchmod(fd, info.st_mode & 0700) != 0)) {
    status = absl::UnavailableError(absl::StrCat("cannot restrict database file ", path,
                                                 " to its owner: ", std::strerror(errno)));
  }
  ::close(fd);
  return status;
}

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::string& path,
                                                         const std::vector<Migration>& migrations,
                                                         const SqliteOptions& options) {
  RETURN_IF_ERROR(CheckMigrationOrder(migrations));
  if (options.group_commit_limit < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("group_commit_limit must be 1 or more, not ", options.group_commit_limit));
  }
  RETURN_IF_ERROR(RestrictToOwner(path));
  sqlite3* raw = nullptr;
  // NOMUTEX: SqliteDb's own mutex already keeps the connection to one thread at a time.
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    absl::Status status = SqliteStatus(raw, rc, absl::StrCat("opening ", path));
    sqlite3_close(raw);  // a handle is returned even on failure; closing null is a no-op
    return status;
  }
  std::unique_ptr<SqliteDb> db(new SqliteDb(path, raw, options));
  sqlite3_extended_result_codes(raw, 1);
  RETURN_IF_ERROR(db->Configure(options));
  RETURN_IF_ERROR(db->Migrate(migrations));
  RETURN_IF_ERROR(db->OpenReaders(options));
  if (db->health_ != nullptr) db->StartWatch();
  return db;
}

SqliteDb::Handle::~Handle() {
  for (auto& [sql, cached] : statements) sqlite3_finalize(cached.stmt);
  sqlite3_close(db);
}

absl::Status SqliteDb::Handle::Exec(std::string_view sql) {
  const std::string text(sql);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, text.c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);  // the same text is available from sqlite3_errmsg
  if (rc != SQLITE_OK) return SqliteStatus(db, rc, absl::StrCat("executing ", text));
  return absl::OkStatus();
}

SqliteDb::~SqliteDb() { StopWatch(); }

Connection SqliteDb::Lock() {
  return Connection(this, &writer_, /*reader=*/false, /*locked=*/false);
}

SqliteDb::WriteStats SqliteDb::write_stats() const {
  WriteStats stats;
  stats.transactions = transactions_.load(std::memory_order_relaxed);
  stats.commits = commits_.load(std::memory_order_relaxed);
  stats.writers_waiting = writers_waiting_.load(std::memory_order_relaxed);
  return stats;
}

Connection SqliteDb::Read() {
  if (readers_.empty()) return Lock();
  // A free reader if there is one; otherwise wait for the next in turn.
  const size_t start = next_reader_.fetch_add(1, std::memory_order_relaxed);
  for (size_t i = 0; i < readers_.size(); ++i) {
    Handle* handle = readers_[(start + i) % readers_.size()].get();
    if (handle->mu.TryLock()) {
      return Connection(nullptr, handle, /*reader=*/true, /*locked=*/true);
    }
  }
  return Connection(nullptr, readers_[start % readers_.size()].get(), /*reader=*/true,
                    /*locked=*/false);
}

absl::Status SqliteDb::OpenReaders(const SqliteOptions& options) {
  for (int i = 0; i < options.readers; ++i) {
    sqlite3* raw = nullptr;
    const int rc =
        sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    auto handle = std::make_unique<Handle>(raw);  // closes `raw` whatever happens next
    if (rc != SQLITE_OK) {
      return SqliteStatus(raw, rc, absl::StrCat("opening a reader of ", path_));
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, static_cast<int>(absl::ToInt64Milliseconds(options.busy_timeout)));
    {
      Connection connection(nullptr, handle.get(), /*reader=*/false, /*locked=*/false);
      // query_only: a write by mistake through a reader fails instead of racing the writer.
      RETURN_IF_ERROR(connection.Exec("PRAGMA query_only=ON; PRAGMA foreign_keys=ON;"));
    }
    readers_.push_back(std::move(handle));
  }
  return absl::OkStatus();
}

absl::Status SqliteDb::Configure(const SqliteOptions& options) {
  Connection connection = Lock();
  sqlite3_busy_timeout(writer_.db,
                       static_cast<int>(absl::ToInt64Milliseconds(options.busy_timeout)));
  ASSIGN_OR_RETURN(std::string mode, QueryText(connection, "PRAGMA journal_mode=WAL"));
  if (mode != "wal") {
    return absl::FailedPreconditionError(
        absl::StrCat(path_, ": cannot use WAL journal mode (got \"", mode, "\")"));
  }
  return connection.Exec("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
}

absl::Status SqliteDb::Migrate(const std::vector<Migration>& migrations) {
  const int known = migrations.empty() ? 0 : migrations.back().version;
  Connection connection = Lock();
  for (const Migration& migration : migrations) {
    ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
    // Read inside the write transaction: another process may have migrated meanwhile.
    ASSIGN_OR_RETURN(int current, UserVersion(connection));
    if (current > known) {
      return absl::FailedPreconditionError(absl::StrCat(
          path_, ": schema version ", current, " is newer than this program knows (", known, ")"));
    }
    if (migration.version <= current) continue;
    RETURN_IF_ERROR(connection.Exec(migration.sql));
    RETURN_IF_ERROR(connection.Exec(absl::StrCat("PRAGMA user_version = ", migration.version)));
    RETURN_IF_ERROR(transaction.Commit());
  }
  ASSIGN_OR_RETURN(int current, UserVersion(connection));
  if (current > known) {
    return absl::FailedPreconditionError(absl::StrCat(
        path_, ": schema version ", current, " is newer than this program knows (", known, ")"));
  }
  return absl::OkStatus();
}

// --- Connection. ---

Connection::Connection(SqliteDb* db, SqliteDb::Handle* handle, bool reader, bool locked)
    : db_(db), handle_(handle), reader_(reader) {
  if (!locked) {
    if (db_ != nullptr) {
      db_->AcquireWriter();
    } else {
      handle_->mu.Lock();
    }
  }
  // A deferred BEGIN takes no lock: the snapshot starts at the first read and ends at COMMIT.
  // Should it fail, each statement still reads committed data, only not all the same state.
  if (reader_) handle_->Exec("BEGIN").IgnoreError();
}

Connection::~Connection() {
  if (reader_ && in_transaction()) handle_->Exec("COMMIT").IgnoreError();
  if (!locked_) return;
  if (db_ != nullptr) {
    db_->ReleaseWriter();
  } else {
    handle_->mu.Unlock();
  }
}

void Connection::Relock() {
  if (locked_) return;
  db_->AcquireWriter();  // only the writer is ever handed over
  locked_ = true;
}

absl::StatusOr<Statement> Connection::Prepare(std::string_view sql) {
  Relock();
  auto it = handle_->statements.find(sql);
  if (it != handle_->statements.end() && !it->second.in_use) {
    it->second.in_use = true;
    return Statement(this, it->second.stmt, &it->second.in_use);
  }
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const int flags = it == handle_->statements.end() ? SQLITE_PREPARE_PERSISTENT : 0;
  const int rc = sqlite3_prepare_v3(handle_->db, sql.data(), static_cast<int>(sql.size()), flags,
                                    &stmt, &tail);
  if (rc != SQLITE_OK) {
    return SqliteStatus(handle_->db, rc, absl::StrCat("preparing ", std::string(sql)));
  }
  if (stmt == nullptr ||
      std::string_view(tail, sql.data() + sql.size() - tail).find_first_not_of(" \t\r\n;") !=
          std::string_view::npos) {
    sqlite3_finalize(stmt);
    return absl::InvalidArgumentError(
        absl::StrCat("Prepare takes exactly one SQL statement: ", std::string(sql)));
  }
  if (it != handle_->statements.end()) {
    // The cached one is in use (e.g. a nested query with the same text): use a private one.
    return Statement(this, stmt, nullptr);
  }
  auto inserted =
      handle_->statements.emplace(std::string(sql), SqliteDb::CachedStatement{stmt, true});
  return Statement(this, stmt, &inserted.first->second.in_use);
}

absl::Status Connection::Exec(std::string_view sql) {
  Relock();
  if (db_ == nullptr) return handle_->Exec(sql);
  RETURN_IF_ERROR(db_->BeforeStatement(*this));
  absl::Status status = handle_->Exec(sql);
  if (!status.ok()) db_->ObserveWrite(status);
  return status;
}

int64_t Connection::changes() {
  Relock();
  return sqlite3_changes64(handle_->db);
}

int64_t Connection::last_insert_rowid() {
  Relock();
  return sqlite3_last_insert_rowid(handle_->db);
}

bool Connection::in_transaction() const { return sqlite3_get_autocommit(handle_->db) == 0; }

void Connection::FinishStatements() {
  for (Statement* statement : statements_) statement->Finish();
  statements_.clear();
}

void Connection::ResetStatements() {
  for (Statement* statement : statements_) sqlite3_reset(statement->stmt_);
}

}  // namespace redress
