// SqliteStore: opening, the organisation register and idempotency records. The complaint methods
// are in sqlite_store_complaints.cc, the outbox's in sqlite_store_outbox.cc.
#include "services/intake/store/sqlite/sqlite_store.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/store/sqlite/audit_log.h"
#include "common/store/sqlite/requests.h"
#include "services/intake/store/sqlite/sqlite_store_audit.h"
#include "services/intake/store/sqlite/sqlite_store_rows.h"

namespace redress::intake {
namespace {

std::string OrganisationName(std::string_view id) {
  return std::string(kOrganisationsCollection) + std::string(id);
}

// The organisation's version, or NOT_FOUND.
absl::StatusOr<int64_t> OrganisationVersion(Connection& connection, std::string_view id) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT version FROM organisations WHERE id = ?1"));
  ASSIGN_OR_RETURN(bool found, select.Bind(1, id).Step());
  if (!found) return NotFound(OrganisationName(id));
  return select.ColumnInt64(0);
}

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                               const SqliteOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<SqliteDb> db, SqliteDb::Open(path, Migrations(), options));
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(db)));
}

// --- Organisations. ---

absl::StatusOr<Organisation> SqliteStore::GetOrganisation(std::string_view id) {
  Connection connection = db_->Read();
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare(absl::StrCat("SELECT ", sqlite_rows::kOrganisationColumns,
                                                   " FROM organisations WHERE id = ?1")));
  ASSIGN_OR_RETURN(bool found, select.Bind(1, id).Step());
  if (!found) return NotFound(OrganisationName(id));
  return sqlite_rows::ReadOrganisation(select);
}

absl::StatusOr<std::vector<Organisation>> SqliteStore::ListOrganisations(
    const OrganisationQuery& query) {
  std::vector<Organisation> result;
  if (query.limit <= 0) return result;
  Connection connection = db_->Read();
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare(absl::StrCat(
                       "SELECT ", sqlite_rows::kOrganisationColumns,
                       " FROM organisations WHERE id > ?1 AND (?2 IS NULL OR in_remit = ?2)"
                       " AND (?3 IS NULL OR jurisdiction = ?3) ORDER BY id LIMIT ?4")));
  select.Bind(1, query.after_id).Bind(2, query.in_remit);
  if (query.jurisdiction.has_value()) {
    select.Bind(3, static_cast<int>(*query.jurisdiction));
  } else {
    select.BindNull(3);
  }
  select.Bind(4, query.limit);
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) return result;
    result.push_back(sqlite_rows::ReadOrganisation(select));
  }
}

absl::StatusOr<int64_t> SqliteStore::CountOrganisations() {
  Connection connection = db_->Read();
  ASSIGN_OR_RETURN(Statement select, connection.Prepare("SELECT COUNT(*) FROM organisations"));
  ASSIGN_OR_RETURN(bool has_row, select.Step());
  if (!has_row) return absl::InternalError("COUNT returned no row");
  return select.ColumnInt64(0);
}

absl::Status SqliteStore::InsertOrganisation(const Organisation& organisation,
                                             const std::optional<RequestRecord>& request) {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
  absl::StatusOr<int64_t> existing = OrganisationVersion(connection, organisation.id);
  if (existing.ok()) return AlreadyExists(OrganisationName(organisation.id));
  if (!absl::IsNotFound(existing.status())) return existing.status();
  if (request.has_value()) {
    RETURN_IF_ERROR(RecordRequest(connection, *request));
  }
  ASSIGN_OR_RETURN(Statement insert,
                   connection.Prepare(absl::StrCat("INSERT INTO organisations (",
                                                   sqlite_rows::kOrganisationColumns,
                                                   ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                                                   "?10, ?11)")));
  sqlite_rows::BindOrganisation(insert, organisation);
  RETURN_IF_ERROR(insert.Run());
  RETURN_IF_ERROR(sqlite_audit::RecordOrganisationChange(
      connection, organisation.id, request.has_value() ? request->request_id : ""));
  return transaction.Commit();
}

absl::Status SqliteStore::UpdateOrganisation(const Organisation& organisation,
                                             int64_t expected_version) {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
  ASSIGN_OR_RETURN(int64_t version, OrganisationVersion(connection, organisation.id));
  if (version != expected_version) return EtagMismatch(OrganisationName(organisation.id));
  ASSIGN_OR_RETURN(Statement update,
                   connection.Prepare("UPDATE organisations SET display_name = ?2, "
                                      "short_name = ?3, kind = ?4, jurisdiction = ?5, "
                                      "in_remit = ?6, mp_referral_required = ?7, location = ?8, "
                                      "version = ?9, create_time = ?10, update_time = ?11 "
                                      "WHERE id = ?1"));
  sqlite_rows::BindOrganisation(update, organisation);
  RETURN_IF_ERROR(update.Run());
  RETURN_IF_ERROR(sqlite_audit::RecordOrganisationChange(connection, organisation.id, ""));
  return transaction.Commit();
}

// --- Audit log. ---

absl::StatusOr<std::vector<audit::AuditEntry>> SqliteStore::ListAuditEntries(int64_t after_sequence,
                                                                             int limit) {
  if (limit <= 0) return std::vector<audit::AuditEntry>();
  Connection connection = db_->Read();
  return redress::ListAuditEntries(connection, after_sequence, limit);
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

}  // namespace redress::intake
