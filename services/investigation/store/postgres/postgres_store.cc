// PostgresStore: connecting and idempotency records. The investigation methods are in
// postgres_store_investigations.cc, the outbox's in postgres_store_outbox.cc.
#include "services/investigation/store/postgres/postgres_store.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/store/postgres/audit_log.h"
#include "common/store/postgres/migrations.h"
#include "common/store/postgres/requests.h"
#include "common/store/postgres/transaction.h"
#include "services/investigation/store/postgres/postgres_store_status.h"

namespace redress::investigation {

absl::StatusOr<std::unique_ptr<PostgresStore>> PostgresStore::Connect(
    std::unique_ptr<pg::Pool> pool) {
  if (pool == nullptr) return absl::InvalidArgumentError("PostgresStore needs a pool");
  RETURN_IF_ERROR(pg::Migrate(*pool, "redress.investigation", Migrations()));
  return std::unique_ptr<PostgresStore>(new PostgresStore(std::move(pool)));
}

// --- Audit log. ---

absl::StatusOr<std::vector<audit::AuditEntry>> PostgresStore::ListAuditEntries(
    int64_t after_sequence, int limit) {
  std::vector<audit::AuditEntry> entries;
  if (limit <= 0) return entries;
  const absl::Status status =
      pg::RunInTransaction(*pool_, pg::SnapshotRead(), [&](pg::Connection& connection) {
        ASSIGN_OR_RETURN(entries, pg::ListAuditEntries(connection, after_sequence, limit));
        return absl::OkStatus();
      });
  if (!status.ok()) return pg_rows::ClientSafe(status, "ListAuditEntries");
  return entries;
}

// --- Idempotency records. ---

absl::StatusOr<std::optional<RequestRecord>> PostgresStore::FindRequest(
    std::string_view scope, std::string_view request_id) {
  std::optional<RequestRecord> found;
  const absl::Status status =
      pg::RunInTransaction(*pool_, pg::SnapshotRead(), [&](pg::Connection& connection) {
        ASSIGN_OR_RETURN(found, pg::FindRequest(connection, scope, request_id));
        return absl::OkStatus();
      });
  if (!status.ok()) return pg_rows::ClientSafe(status, "FindRequest");
  return found;
}

}  // namespace redress::investigation
