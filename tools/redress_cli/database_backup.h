// Online backup and restore of a service's SQLite database (docs/operations.md, "Backup and
// restore"): `redress backup-database` and `redress restore-database` (database_command.h). They
// work on files, not through a server, so they need no TLS or token; backup runs beside the
// service, restore only while it is stopped.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace redress::cli {

// What a backup copied, or what a restore placed.
struct DatabaseCopy {
  std::string service;     // "intake", "investigation" or "remedy"
  int schema_version = 0;  // PRAGMA user_version: the migrations applied
  int64_t pages = 0;
  int64_t bytes = 0;
  std::string path;  // the file written
};

// The service whose database `path` is, by the tables only that service's schema has, after
// checking the file is a sound SQLite database (PRAGMA integrity_check). NOT_FOUND when the file
// does not exist, DATA_LOSS when it is corrupt or not a database, FAILED_PRECONDITION when it is
// a database of none of the three services.
absl::StatusOr<DatabaseCopy> IdentifyServiceDatabase(const std::string& path);

// Copies the live database `database` into a new file `output` with SQLite's online backup API,
// in one read transaction: in WAL mode (as the services run) the copy is a consistent snapshot
// of one moment, and the service's writers are not blocked while it is taken. The copy is
// written under a temporary name beside `output`, checked with PRAGMA integrity_check, flushed
// (fsync of the file and its directory) and only then linked to `output` with mode 0600, so
// `output` is either absent or a whole backup. Refuses (ALREADY_EXISTS) to overwrite `output`.
absl::StatusOr<DatabaseCopy> BackupDatabase(const std::string& database, const std::string& output);

// Places the backup `backup` of `service`'s database as `data_dir`/<service>.db, where the
// service's --data_dir finds it. Checks the backup first (sound, and `service`'s); refuses
// (ALREADY_EXISTS) to replace an existing database unless `replace`. The service must be
// stopped: the file is replaced whole (copied under a temporary name, flushed, renamed over),
// and the old database's -wal and -shm files are removed, since SQLite would otherwise replay
// the old database's log into the restored one.
absl::StatusOr<DatabaseCopy> RestoreDatabase(const std::string& backup, const std::string& data_dir,
                                             const std::string& service, bool replace);

}  // namespace redress::cli
