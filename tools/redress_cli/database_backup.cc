#include "tools/redress_cli/database_backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <system_error>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace redress::cli {
namespace {

namespace fs = std::filesystem;

// The table only each service's schema has (services/<service>/store/sqlite/*_schema.cc).
struct ServiceSignature {
  const char* service;
  const char* table;
};
constexpr ServiceSignature kSignatures[] = {
    {"intake", "complaints"},
    {"investigation", "investigations"},
    {"remedy", "decision_receipts"},
};

// How long a backup keeps retrying while the source is locked (a checkpoint, a writer that
// turned the database back from WAL): 100 tries, 100 ms apart.
constexpr int kBusyRetries = 100;
constexpr int kBusyRetryMillis = 100;

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;

absl::Status SqliteError(sqlite3* db, int rc, absl::string_view what) {
  const std::string message =
      absl::StrCat(what, ": ", db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc & 0xff) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return absl::DataLossError(message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(message);
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return absl::PermissionDeniedError(message);
    case SQLITE_FULL:
      return absl::ResourceExhaustedError(message);
    default:
      return absl::InternalError(message);
  }
}

absl::Status ErrnoError(absl::string_view what, const std::string& path) {
  const int error = errno;
  const std::string message = absl::StrCat(what, " ", path, ": ", std::strerror(error));
  if (error == EEXIST) return absl::AlreadyExistsError(message);
  if (error == ENOENT) return absl::NotFoundError(message);
  if (error == EACCES || error == EPERM) return absl::PermissionDeniedError(message);
  return absl::InternalError(message);
}

// Opens the existing file `path` (never creating one).
absl::StatusOr<Db> OpenExisting(const std::string& path, int flags) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    return absl::NotFoundError(absl::StrCat("no database file ", path));
  }
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) return SqliteError(db.get(), rc, absl::StrCat("opening ", path));
  sqlite3_busy_timeout(db.get(), 5000);
  return db;
}

// Runs `sql`, calling `row` with the first column of each row (NULL as "").
absl::Status ForEachText(sqlite3* db, const std::string& sql,
                         const std::function<void(std::string)>& row) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
  if (rc != SQLITE_OK) return SqliteError(db, rc, sql);
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt.get(), 0);
    row(text == nullptr ? "" : reinterpret_cast<const char*>(text));
  }
  if (rc != SQLITE_DONE) return SqliteError(db, rc, sql);
  return absl::OkStatus();
}

absl::StatusOr<int64_t> IntegerPragma(sqlite3* db, const std::string& pragma) {
  int64_t value = 0;
  absl::Status status = ForEachText(db, absl::StrCat("PRAGMA ", pragma),
                                    [&](std::string text) { value = std::stoll(text); });
  if (!status.ok()) return status;
  return value;
}

// Integrity, then which service's database it is, its schema version and size.
absl::StatusOr<DatabaseCopy> Identify(sqlite3* db, const std::string& path) {
  std::vector<std::string> problems;
  absl::Status status = ForEachText(db, "PRAGMA integrity_check",
                                    [&](std::string row) { problems.push_back(std::move(row)); });
  if (!status.ok()) return status;
  if (problems.size() != 1 || problems[0] != "ok") {
    return absl::DataLossError(
        absl::StrCat(path, " fails PRAGMA integrity_check: ", absl::StrJoin(problems, "; ")));
  }
  std::vector<std::string> tables;
  status = ForEachText(db, "SELECT name FROM sqlite_master WHERE type = 'table'",
                       [&](std::string name) { tables.push_back(std::move(name)); });
  if (!status.ok()) return status;
  std::vector<std::string> services;
  for (const ServiceSignature& signature : kSignatures) {
    if (std::find(tables.begin(), tables.end(), signature.table) != tables.end()) {
      services.push_back(signature.service);
    }
  }
  if (services.size() != 1) {
    return absl::FailedPreconditionError(absl::StrCat(
        path, " is not the database of one Redress service (intake, investigation or remedy)"));
  }
  DatabaseCopy copy;
  copy.service = services[0];
  copy.path = path;
  absl::StatusOr<int64_t> version = IntegerPragma(db, "user_version");
  absl::StatusOr<int64_t> pages = IntegerPragma(db, "page_count");
  absl::StatusOr<int64_t> page_size = IntegerPragma(db, "page_size");
  if (!version.ok()) return version.status();
  if (!pages.ok()) return pages.status();
  if (!page_size.ok()) return page_size.status();
  copy.schema_version = static_cast<int>(*version);
  copy.pages = *pages;
  copy.bytes = *pages * *page_size;
  return copy;
}

// fsync(2) of a file or a directory.
absl::Status Sync(const std::string& path, bool directory) {
  const int fd = open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) return ErrnoError("opening", path);
  const int rc = fsync(fd);
  close(fd);
  if (rc != 0) return ErrnoError("flushing", path);
  return absl::OkStatus();
}

std::string DirectoryOf(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

// A name beside `path` for writing it before it is complete.
std::string TemporaryBeside(const std::string& path) {
  return absl::StrCat(path, ".partial-", getpid());
}

// Removes `path` and SQLite's files beside it, ignoring those absent.
void RemoveWithSidecars(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    fs::remove(absl::StrCat(path, suffix), ignored);
  }
}

// Copies the database `source` into `destination` (a new file) in one step of the backup API.
absl::Status CopyPages(sqlite3* source, sqlite3* destination) {
  sqlite3_backup* backup = sqlite3_backup_init(destination, "main", source, "main");
  if (backup == nullptr) {
    return SqliteError(destination, sqlite3_errcode(destination), "starting the backup");
  }
  int rc = SQLITE_OK;
  for (int tries = 0; tries < kBusyRetries; ++tries) {
    // -1: every page in one step, so in one read transaction on the source (a consistent
    // snapshot; in WAL mode writers carry on meanwhile). Stepping a few pages at a time would
    // restart from the first page whenever the service commits in between.
    rc = sqlite3_backup_step(backup, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    sqlite3_sleep(kBusyRetryMillis);
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return SqliteError(destination, rc, "copying the database");
  return absl::OkStatus();
}

absl::StatusOr<DatabaseCopy> WriteBackup(sqlite3* source, const std::string& temporary) {
  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(temporary.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  Db destination(raw);
  if (rc != SQLITE_OK) {
    return SqliteError(destination.get(), rc, absl::StrCat("creating ", temporary));
  }
  if (absl::Status copied = CopyPages(source, destination.get()); !copied.ok()) return copied;
  // A backup is one self-contained file: the copy of a WAL database would be in WAL mode, whose
  // readers need -wal and -shm files beside it. The service turns WAL on again when it opens it.
  rc = sqlite3_exec(destination.get(), "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteError(destination.get(), rc, "leaving WAL mode in the copy");
  return Identify(destination.get(), temporary);
}

// Links the complete, flushed `temporary` to `path` (failing if `path` exists) and flushes the
// directory, so that `path` appears only whole and stays after a crash.
absl::Status Publish(const std::string& temporary, const std::string& path) {
  if (absl::Status synced = Sync(temporary, false); !synced.ok()) return synced;
  if (link(temporary.c_str(), path.c_str()) != 0) return ErrnoError("creating", path);
  unlink(temporary.c_str());
  return Sync(DirectoryOf(path), true);
}

}  // namespace

absl::StatusOr<DatabaseCopy> IdentifyServiceDatabase(const std::string& path) {
  absl::StatusOr<Db> db = OpenExisting(path, SQLITE_OPEN_READONLY);
  if (!db.ok()) return db.status();
  return Identify(db->get(), path);
}

absl::StatusOr<DatabaseCopy> BackupDatabase(const std::string& database,
                                            const std::string& output) {
  std::error_code error;
  if (fs::exists(output, error)) {
    return absl::AlreadyExistsError(
        absl::StrCat(output, " exists: a backup never overwrites a file; name a new one"));
  }
  // Read-write (never creating): a reader of a WAL database takes part in its shared memory.
  absl::StatusOr<Db> source = OpenExisting(database, SQLITE_OPEN_READWRITE);
  if (!source.ok()) return source.status();
  const std::string temporary = TemporaryBeside(output);
  RemoveWithSidecars(temporary);  // left by an earlier run of this process id that crashed
  absl::StatusOr<DatabaseCopy> copy = WriteBackup(source->get(), temporary);
  if (copy.ok()) {
    fs::permissions(temporary, fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace, error);
    absl::Status published =
        error ? absl::InternalError(absl::StrCat("restricting ", temporary, ": ", error.message()))
              : Publish(temporary, output);
    if (!published.ok()) copy = published;
  }
  RemoveWithSidecars(temporary);
  if (!copy.ok()) return copy.status();
  copy->path = output;
  return copy;
}

absl::StatusOr<DatabaseCopy> RestoreDatabase(const std::string& backup, const std::string& data_dir,
                                             const std::string& service, bool replace) {
  absl::StatusOr<DatabaseCopy> identified = IdentifyServiceDatabase(backup);
  if (!identified.ok()) return identified.status();
  if (identified->service != service) {
    return absl::FailedPreconditionError(absl::StrCat(
        backup, " is a backup of ", identified->service, "'s database, not ", service, "'s"));
  }
  std::error_code error;
  if (!fs::is_directory(data_dir, error)) {
    fs::create_directories(data_dir, error);
    if (error) {
      return absl::InternalError(absl::StrCat("creating ", data_dir, ": ", error.message()));
    }
    fs::permissions(data_dir, fs::perms::owner_all, fs::perm_options::replace, error);
  }
  const std::string target = (fs::path(data_dir) / absl::StrCat(service, ".db")).string();
  if (fs::exists(target, error) && !replace) {
    return absl::AlreadyExistsError(
        absl::StrCat(target, " exists: stop the service and pass --replace to replace it"));
  }
  const std::string temporary = TemporaryBeside(target);
  RemoveWithSidecars(temporary);
  fs::copy_file(backup, temporary, error);
  if (!error) {
    fs::permissions(temporary, fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace, error);
  }
  if (error) {
    RemoveWithSidecars(temporary);
    return absl::InternalError(absl::StrCat("copying ", backup, ": ", error.message()));
  }
  if (absl::Status synced = Sync(temporary, false); !synced.ok()) {
    RemoveWithSidecars(temporary);
    return synced;
  }
  // The old database's log would be replayed into the restored file: remove it first.
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {
    fs::remove(absl::StrCat(target, suffix), error);
  }
  if (rename(temporary.c_str(), target.c_str()) != 0) {
    absl::Status renamed = ErrnoError("replacing", target);
    RemoveWithSidecars(temporary);
    return renamed;
  }
  if (absl::Status synced = Sync(data_dir, true); !synced.ok()) return synced;
  return IdentifyServiceDatabase(target);
}

}  // namespace redress::cli
