// The audit log on PostgreSQL (docs/audit.md): appending an entry inside the caller's
// transaction, paging through the log for verification, and the digest of a resource's stored
// rows. Each service's PostgreSQL schema creates the table with kPostgresAuditLogSchema in a
// migration. SQLite's counterpart is common/store/sqlite/audit_log.h.
//
// Several replicas may write one database at once, so an append first takes a transaction-level
// advisory lock (kAuditLogLockKey): appends of concurrent transactions are serialised, each
// reading the head the previous one committed, and the chain does not fork. The lock is held to
// the end of the writing transaction, so audited writes of one service commit one at a time; the
// primary key on sequence is the backstop (a duplicate sequence fails the write, never the chain).
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
#include "common/store/postgres/connection.h"

namespace redress::pg {

inline constexpr char kPostgresAuditLogSchema[] =
    "CREATE TABLE audit_log (sequence BIGINT PRIMARY KEY, time TEXT NOT NULL, "
    "actor TEXT NOT NULL, rpc TEXT NOT NULL, resource TEXT NOT NULL, request_id TEXT NOT NULL, "
    "before_digest TEXT NOT NULL, after_digest TEXT NOT NULL, previous_hash TEXT NOT NULL, "
    "hash TEXT NOT NULL);"
    "CREATE INDEX audit_log_by_resource ON audit_log (resource, sequence);";

// The advisory lock key of appends ("redress" and 0x01 as eight bytes).
inline constexpr int64_t kAuditLogLockKey = 0x7265647265737301;

// Rows of one table that belong to a resource: `table`'s rows whose `key_column` is `key`.
// Table and column names come from the store's code, never from a request.
struct ResourceRows {
  std::string_view table;
  std::string_view key_column;
  std::string_view key;
};

// The StateDigest (audit_entry.h) of the rows of `parts`, each row as its jsonb text (keys
// sorted, times in UTC); "" when none exists. Inside the caller's transaction.
absl::StatusOr<std::string> PostgresStateDigest(Connection& connection,
                                                const std::vector<ResourceRows>& parts);

// Takes the append lock, then appends the entry recording `change`, made by `call` at `now`,
// after the log's last committed entry. REQUIRES: inside the transaction that makes the change,
// at READ COMMITTED (pg::LockingWrite), so that the head read after the lock is the latest
// committed one. Its before digest is the after digest of the resource's latest entry.
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

}  // namespace redress::pg
