// SqliteStore: opening, and case summaries. The recommendation and decision receipt methods are
// in sqlite_store_recommendations.cc.
#include "services/remedy/store/sqlite/sqlite_store.h"

#include <utility>

#include "common/errors.h"
#include "common/status_macros.h"
#include "common/store/sqlite/audit_log.h"
#include "services/remedy/store/case_summary_payload.h"
#include "services/remedy/store/sqlite/sqlite_store_audit.h"
#include "services/remedy/store/sqlite/sqlite_store_rows.h"

namespace redress::remedy {
namespace {

absl::StatusOr<bool> SummaryExists(Connection& connection, const CaseSummary& summary) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT 1 FROM case_summaries "
                                      "WHERE investigation_id = ?1 AND version = ?2"));
  return select.Bind(1, summary.investigation_id).Bind(2, summary.version).Step();
}

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                               const SqliteOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<SqliteDb> db, SqliteDb::Open(path, Migrations(), options));
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(db)));
}

absl::StatusOr<CaseSummary> SqliteStore::GetCaseSummary(std::string_view investigation_id,
                                                        int version) {
  Connection connection = db_->Read();
  ASSIGN_OR_RETURN(
      Statement select,
      connection.Prepare(version == 0 ? "SELECT version, text, payload, publish_time "
                                        "FROM case_summaries WHERE investigation_id = ?1 "
                                        "ORDER BY version DESC LIMIT 1"
                                      : "SELECT version, text, payload, publish_time "
                                        "FROM case_summaries WHERE investigation_id = ?1 "
                                        "AND version = ?2"));
  select.Bind(1, investigation_id);
  if (version != 0) select.Bind(2, version);
  ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) return NotFound(sqlite_rows::SummaryName(investigation_id));
  CaseSummary summary;
  summary.investigation_id = std::string(investigation_id);
  summary.version = select.ColumnInt(0);
  summary.text = select.ColumnText(1);
  RETURN_IF_ERROR(DecodeSummaryParts(select.ColumnBlob(2), summary));
  summary.publish_time = sqlite_rows::MicrosToTime(select.ColumnInt64(3));
  return summary;
}

absl::Status SqliteStore::InsertCaseSummary(const CaseSummary& summary) {
  if (summary.version < 1 || !summary.publish_time.has_value()) {
    return absl::InvalidArgumentError(
        "a stored case summary needs a version of 1 or more and a publish time");
  }
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
  ASSIGN_OR_RETURN(bool taken, SummaryExists(connection, summary));
  if (taken) return AlreadyExists(sqlite_rows::SummaryName(summary.investigation_id));
  ASSIGN_OR_RETURN(Statement insert,
                   connection.Prepare("INSERT INTO case_summaries (investigation_id, version, "
                                      "text, payload, publish_time) VALUES (?1, ?2, ?3, ?4, ?5)"));
  insert.Bind(1, summary.investigation_id).Bind(2, summary.version).Bind(3, summary.text);
  insert.BindBlob(4, EncodeSummaryParts(summary));
  RETURN_IF_ERROR(insert.Bind(5, sqlite_rows::TimeToMicros(*summary.publish_time)).Run());
  RETURN_IF_ERROR(sqlite_audit::RecordCaseSummaryChange(connection, summary.investigation_id));
  return transaction.Commit();
}

absl::StatusOr<std::vector<audit::AuditEntry>> SqliteStore::ListAuditEntries(int64_t after_sequence,
                                                                             int limit) {
  if (limit <= 0) return std::vector<audit::AuditEntry>();
  Connection connection = db_->Read();
  return redress::ListAuditEntries(connection, after_sequence, limit);
}

}  // namespace redress::remedy
