// PostgresStore: connecting, the organisation register and idempotency records. The complaint
// methods are in postgres_store_complaints.cc, the outbox's in postgres_store_outbox.cc.
#include "services/intake/store/postgres/postgres_store.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/store/postgres/audit_log.h"
#include "common/store/postgres/migrations.h"
#include "common/store/postgres/requests.h"
#include "common/store/postgres/transaction.h"
#include "services/intake/store/postgres/postgres_store_audit.h"
#include "services/intake/store/postgres/postgres_store_rows.h"

namespace redress::intake {
namespace {

using pg_rows::kOrganisationColumns;
using pg_rows::Placeholders;

std::string OrganisationName(std::string_view id) {
  return std::string(kOrganisationsCollection) + std::string(id);
}

// The organisation's version, its row locked until the transaction ends; or NOT_FOUND.
absl::StatusOr<int64_t> OrganisationVersion(pg::Connection& connection, std::string_view id) {
  ASSIGN_OR_RETURN(pg::Result result,
                   connection.Execute("SELECT version FROM organisations WHERE id = $1 FOR UPDATE",
                                      pg::Params().Add(id)));
  if (result.rows() == 0) return NotFound(OrganisationName(id));
  return result.row(0).Int64("version");
}

}  // namespace

absl::StatusOr<std::unique_ptr<PostgresStore>> PostgresStore::Connect(
    std::unique_ptr<pg::Pool> pool) {
  RETURN_IF_ERROR(pg::Migrate(*pool, "redress.intake", Migrations()));
  return std::unique_ptr<PostgresStore>(new PostgresStore(std::move(pool)));
}

// --- Organisations. ---

absl::StatusOr<Organisation> PostgresStore::GetOrganisation(std::string_view id) {
  Organisation organisation;
  RETURN_IF_ERROR(pg::RunInTransaction(*pool_, pg::SnapshotRead(), [&](pg::Connection& connection) {
    ASSIGN_OR_RETURN(pg::Result result,
                     connection.Execute(absl::StrCat("SELECT ", kOrganisationColumns,
                                                     " FROM organisations WHERE id = $1"),
                                        pg::Params().Add(id)));
    if (result.rows() == 0) return NotFound(OrganisationName(id));
    ASSIGN_OR_RETURN(organisation, pg_rows::ReadOrganisation(result.row(0)));
    return absl::OkStatus();
  }));
  return organisation;
}

absl::StatusOr<std::vector<Organisation>> PostgresStore::ListOrganisations(
    const OrganisationQuery& query) {
  std::vector<Organisation> organisations;
  if (query.limit <= 0) return organisations;
  RETURN_IF_ERROR(pg::RunInTransaction(*pool_, pg::SnapshotRead(), [&](pg::Connection& connection) {
    organisations.clear();
    pg::Params params;
    params.Add(query.after_id).Add(query.in_remit);
    if (query.jurisdiction.has_value()) {
      params.Add(static_cast<int>(*query.jurisdiction));
    } else {
      params.AddNull(pg::kInt8Oid);
    }
    params.Add(query.limit);
    ASSIGN_OR_RETURN(
        pg::Result result,
        connection.Execute(absl::StrCat("SELECT ", kOrganisationColumns,
                                        " FROM organisations WHERE id > $1 AND ($2::boolean IS "
                                        "NULL OR in_remit = $2) AND ($3::bigint IS NULL OR "
                                        "jurisdiction = $3) ORDER BY id LIMIT $4"),
                           params));
    for (int i = 0; i < result.rows(); ++i) {
      ASSIGN_OR_RETURN(Organisation organisation, pg_rows::ReadOrganisation(result.row(i)));
      organisations.push_back(std::move(organisation));
    }
    return absl::OkStatus();
  }));
  return organisations;
}

absl::StatusOr<int64_t> PostgresStore::CountOrganisations() {
  int64_t count = 0;
  RETURN_IF_ERROR(pg::RunInTransaction(*pool_, pg::SnapshotRead(), [&](pg::Connection& connection) {
    ASSIGN_OR_RETURN(pg::Result result,
                     connection.Execute("SELECT COUNT(*) AS value FROM organisations"));
    ASSIGN_OR_RETURN(count, result.row(0).Int64("value"));
    return absl::OkStatus();
  }));
  return count;
}

absl::Status PostgresStore::InsertOrganisation(const Organisation& organisation,
                                               const std::optional<RequestRecord>& request) {
  return pg::RunInTransaction(
      *pool_, pg::LockingWrite(), [&](pg::Connection& connection) -> absl::Status {
        absl::StatusOr<int64_t> existing = OrganisationVersion(connection, organisation.id);
        if (existing.ok()) return AlreadyExists(OrganisationName(organisation.id));
        if (!absl::IsNotFound(existing.status())) return existing.status();
        if (request.has_value()) RETURN_IF_ERROR(pg::InsertRequest(connection, *request));
        RETURN_IF_ERROR(
            connection
                .Execute(absl::StrCat("INSERT INTO organisations (", kOrganisationColumns,
                                      ") VALUES (", Placeholders(1, 11), ")"),
                         pg_rows::OrganisationParams(organisation))
                .status());
        return pg_audit::RecordOrganisationChange(connection, organisation.id,
                                                  request.has_value() ? request->request_id : "");
      });
}

absl::Status PostgresStore::UpdateOrganisation(const Organisation& organisation,
                                               int64_t expected_version) {
  return pg::RunInTransaction(
      *pool_, pg::LockingWrite(), [&](pg::Connection& connection) -> absl::Status {
        ASSIGN_OR_RETURN(int64_t version, OrganisationVersion(connection, organisation.id));
        if (version != expected_version) return EtagMismatch(OrganisationName(organisation.id));
        RETURN_IF_ERROR(
            connection
                .Execute(absl::StrCat("UPDATE organisations SET (", kOrganisationColumns, ") = (",
                                      Placeholders(1, 11), ") WHERE id = $1"),
                         pg_rows::OrganisationParams(organisation))
                .status());
        return pg_audit::RecordOrganisationChange(connection, organisation.id, "");
      });
}

// --- Audit log. ---

absl::StatusOr<std::vector<audit::AuditEntry>> PostgresStore::ListAuditEntries(
    int64_t after_sequence, int limit) {
  std::vector<audit::AuditEntry> entries;
  if (limit <= 0) return entries;
  RETURN_IF_ERROR(pg::RunInTransaction(*pool_, pg::SnapshotRead(), [&](pg::Connection& connection) {
    ASSIGN_OR_RETURN(entries, pg::ListAuditEntries(connection, after_sequence, limit));
    return absl::OkStatus();
  }));
  return entries;
}

// --- Idempotency records. ---

absl::StatusOr<std::optional<RequestRecord>> PostgresStore::FindRequest(
    std::string_view scope, std::string_view request_id) {
  std::optional<RequestRecord> record;
  RETURN_IF_ERROR(pg::RunInTransaction(*pool_, pg::SnapshotRead(), [&](pg::Connection& connection) {
    ASSIGN_OR_RETURN(record, pg::FindRequest(connection, scope, request_id));
    return absl::OkStatus();
  }));
  return record;
}

}  // namespace redress::intake
