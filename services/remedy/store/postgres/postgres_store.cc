// PostgresStore: connecting, case summaries and the follow-up lease. The recommendation and
// decision receipt methods are in postgres_store_recommendations.cc, the anonymisation issues'
// in postgres_store_acknowledgements.cc.
#include "services/remedy/store/postgres/postgres_store.h"

#include <utility>

#include "common/errors.h"
#include "common/status_macros.h"
#include "common/store/postgres/audit_log.h"
#include "common/store/postgres/lease.h"
#include "common/store/postgres/migrations.h"
#include "common/store/postgres/status.h"
#include "common/store/postgres/transaction.h"
#include "services/remedy/store/case_summary_payload.h"
#include "services/remedy/store/postgres/postgres_store_audit.h"
#include "services/remedy/store/postgres/postgres_store_rows.h"

namespace redress::remedy {

absl::StatusOr<std::unique_ptr<PostgresStore>> PostgresStore::Connect(
    std::unique_ptr<pg::Pool> pool) {
  if (pool == nullptr) return absl::InvalidArgumentError("no connection pool");
  RETURN_IF_ERROR(pg::Migrate(*pool, "redress.remedy", Migrations()));
  std::unique_ptr<PostgresStore> store(new PostgresStore(std::move(pool)));
  RETURN_IF_ERROR(store->MakeIssueKeyOnce());
  return store;
}

absl::StatusOr<CaseSummary> PostgresStore::GetCaseSummary(std::string_view investigation_id,
                                                          int version) {
  std::optional<CaseSummary> found;
  RETURN_IF_ERROR(pg::RunInTransaction(
      *pool_, pg::SnapshotRead(), [&](pg::Connection& connection) -> absl::Status {
        found.reset();
        pg::Params params;
        params.Add(investigation_id);
        if (version != 0) params.Add(version);
        ASSIGN_OR_RETURN(
            pg::Result result,
            connection.Execute(version == 0 ? "SELECT version, text, payload, publish_time "
                                              "FROM case_summaries WHERE investigation_id = $1 "
                                              "ORDER BY version DESC LIMIT 1"
                                            : "SELECT version, text, payload, publish_time "
                                              "FROM case_summaries WHERE investigation_id = $1 "
                                              "AND version = $2",
                               params));
        if (result.rows() == 0) return absl::OkStatus();
        const pg::Row row = result.row(0);
        CaseSummary summary;
        summary.investigation_id = std::string(investigation_id);
        ASSIGN_OR_RETURN(int64_t stored_version, row.Int64("version"));
        summary.version = static_cast<int>(stored_version);
        ASSIGN_OR_RETURN(summary.text, row.Text("text"));
        ASSIGN_OR_RETURN(std::string payload, row.Bytes("payload"));
        RETURN_IF_ERROR(DecodeSummaryParts(payload, summary));
        ASSIGN_OR_RETURN(summary.publish_time, row.Time("publish_time"));
        found = std::move(summary);
        return absl::OkStatus();
      }));
  if (!found.has_value()) return NotFound(pg_rows::SummaryName(investigation_id));
  return *std::move(found);
}

// The primary key (investigation_id, version) decides between replicas publishing the same
// version at once.
absl::Status PostgresStore::InsertCaseSummary(const CaseSummary& summary) {
  if (summary.version < 1 || !summary.publish_time.has_value()) {
    return absl::InvalidArgumentError(
        "a stored case summary needs a version of 1 or more and a publish time");
  }
  const absl::Status status =
      pg::RunInTransaction(*pool_, pg::LockingWrite(), [&](pg::Connection& connection) {
        RETURN_IF_ERROR(
            connection
                .Execute("INSERT INTO case_summaries (investigation_id, version, text, payload, "
                         "publish_time) "
                         "VALUES ($1, $2, $3, $4, $5)",
                         pg::Params()
                             .Add(summary.investigation_id)
                             .Add(summary.version)
                             .Add(summary.text)
                             .AddBytes(EncodeSummaryParts(summary))
                             .Add(*summary.publish_time))
                .status());
        return pg_audit::RecordCaseSummaryChange(connection, summary.investigation_id);
      });
  if (absl::IsAlreadyExists(status))
    return AlreadyExists(pg_rows::SummaryName(summary.investigation_id));
  return status;
}

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

absl::StatusOr<bool> PostgresStore::AcquireFollowUpLease(std::string_view holder,
                                                         absl::Duration duration) {
  return pg::TryAcquireLease(*pool_, "follow-up", holder, duration);
}

}  // namespace redress::remedy
