#include "common/store/postgres/migrations.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/store/postgres/transaction.h"

namespace redress::pg {
namespace {

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

// Waits for the migration lock, makes sure the version table exists and returns the recorded
// version, refusing one newer than `known`. REQUIRES: inside a READ COMMITTED transaction, so
// that the version is read after the lock is granted (a REPEATABLE READ snapshot could predate
// another replica's migration).
absl::StatusOr<int64_t> LockAndReadVersion(Connection& connection, int64_t lock_key, int known) {
  RETURN_IF_ERROR(
      connection.Execute("SELECT pg_advisory_xact_lock($1)", Params().Add(lock_key)).status());
  RETURN_IF_ERROR(connection
                      .ExecuteScript("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                     " version BIGINT PRIMARY KEY,"
                                     " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
                      .status());
  ASSIGN_OR_RETURN(
      Result result,
      connection.Execute("SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations"));
  ASSIGN_OR_RETURN(int64_t current, result.row(0).Int64("version"));
  if (current > known) {
    return absl::FailedPreconditionError(absl::StrCat("the database's schema version ", current,
                                                      " is newer than this program knows (", known,
                                                      ")"));
  }
  return current;
}

}  // namespace

int64_t MigrationLockKey(std::string_view lock_name) {
  uint64_t hash = 14695981039346656037ull;  // FNV-1a 64 offset basis
  for (unsigned char c : lock_name) {
    hash ^= c;
    hash *= 1099511628211ull;  // FNV prime
  }
  return static_cast<int64_t>(hash);
}

absl::Status Migrate(Pool& pool, std::string_view lock_name,
                     const std::vector<Migration>& migrations) {
  RETURN_IF_ERROR(CheckMigrationOrder(migrations));
  const int known = migrations.empty() ? 0 : migrations.back().version;
  const int64_t key = MigrationLockKey(lock_name);
  TransactionOptions options;
  options.isolation = Isolation::kReadCommitted;
  int64_t current = 0;
  RETURN_IF_ERROR(RunInTransaction(pool, options, [&](Connection& connection) -> absl::Status {
    ASSIGN_OR_RETURN(current, LockAndReadVersion(connection, key, known));
    return absl::OkStatus();
  }));
  for (const Migration& migration : migrations) {
    if (migration.version <= current) continue;
    RETURN_IF_ERROR(RunInTransaction(pool, options, [&](Connection& connection) -> absl::Status {
      // Read again under the lock: another replica may have applied it meanwhile.
      ASSIGN_OR_RETURN(current, LockAndReadVersion(connection, key, known));
      if (migration.version <= current) return absl::OkStatus();
      RETURN_IF_ERROR(connection.ExecuteScript(migration.sql).status());
      RETURN_IF_ERROR(connection
                          .Execute("INSERT INTO schema_migrations (version) VALUES ($1)",
                                   Params().Add(migration.version))
                          .status());
      current = migration.version;
      return absl::OkStatus();
    }));
  }
  return absl::OkStatus();
}

}  // namespace redress::pg
