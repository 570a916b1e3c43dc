// SqliteStore: opening and idempotency records. The investigation methods are in
// sqlite_store_investigations.cc, the outbox's in sqlite_store_outbox.cc.
#include "services/investigation/store/sqlite/sqlite_store.h"

#include <utility>

#include "common/status_macros.h"
#include "common/store/sqlite/audit_log.h"
#include "common/store/sqlite/requests.h"

namespace redress::investigation {

absl::StatusOr<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                               const SqliteOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<SqliteDb> db, SqliteDb::Open(path, Migrations(), options));
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(db)));
}

// --- Idempotency records. ---

absl::StatusOr<std::optional<RequestRecord>> SqliteStore::FindRequest(std::string_view scope,
                                                                      std::string_view request_id) {
  Connection connection = db_->Lock();
  return LookUpRequest(connection, scope, request_id);
}

absl::StatusOr<std::optional<RequestRecord>> SqliteStore::FindCommittedRequest(
    std::string_view scope, std::string_view request_id) {
  Connection connection = db_->Read();
  return LookUpRequest(connection, scope, request_id);
}

// --- Audit log. ---

absl::StatusOr<std::vector<audit::AuditEntry>> SqliteStore::ListAuditEntries(int64_t after_sequence,
                                                                             int limit) {
  if (limit <= 0) return std::vector<audit::AuditEntry>();
  Connection connection = db_->Read();
  return redress::ListAuditEntries(connection, after_sequence, limit);
}

}  // namespace redress::investigation
