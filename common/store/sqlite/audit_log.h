// The audit log on SQLite (docs/audit.md): appending an entry inside the caller's transaction,
// paging through the log for verification, and the digest of a resource's stored rows. Each
// service's SQLite schema creates the table with kSqliteAuditLogSchema in a migration.
// PostgreSQL's counterpart is common/store/postgres/audit_log.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/audit/audit_entry.h"
#include "common/audit/audit_scope.h"
#include "common/store/sqlite/sqlite.h"

namespace redress {

inline constexpr char kSqliteAuditLogSchema[] =
    "CREATE TABLE audit_log (sequence INTEGER PRIMARY KEY, time TEXT NOT NULL, "
    "actor TEXT NOT NULL, rpc TEXT NOT NULL, resource TEXT NOT NULL, request_id TEXT NOT NULL, "
    "before_digest TEXT NOT NULL, after_digest TEXT NOT NULL, previous_hash TEXT NOT NULL, "
    "hash TEXT NOT NULL);"
    "CREATE INDEX audit_log_by_resource ON audit_log (resource, sequence);";

// Rows of one table that belong to a resource: `table`'s rows whose `key_column` is `key`.
// Table and column names come from the store's code, never from a request.
struct ResourceRows {
  std::string_view table;
  std::string_view key_column;
  std::string_view key;
};

// The StateDigest (audit_entry.h) of every column of every row of `parts`; "" when none exists.
absl::StatusOr<std::string> SqliteStateDigest(Connection& connection,
                                              const std::vector<ResourceRows>& parts);

// Appends the entry recording `change`, made by `call` at `now`, after the log's last entry.
// REQUIRES: inside the transaction that makes the change (Connection::Begin takes SQLite's write
// lock, so appends are serialised). Its before digest is the after digest of the resource's
// latest entry ("" when it has none).
absl::Status AppendAuditEntry(Connection& connection, const audit::AuditCall& call,
                              const audit::AuditChange& change, absl::Time now);

// What a store calls after writing a resource: appends the entry recording that `resource` (the
// rows `rows`) was changed, with the StateDigest of those rows as they now are, by the thread's
// current call (audit::CurrentAuditCall, falling back to audit::SystemAuditCall(`service`)), at
// absl::Now(). REQUIRES: as AppendAuditEntry.
absl::Status AppendAuditedChange(Connection& connection, std::string_view service,
                                 std::string resource, std::string_view request_id,
                                 const std::vector<ResourceRows>& rows);

// The entries with sequence > `after_sequence`, in sequence order, at most `limit`.
absl::StatusOr<std::vector<audit::AuditEntry>> ListAuditEntries(Connection& connection,
                                                                int64_t after_sequence, int limit);

}  // namespace redress
