// SqliteStore: opening, idempotency records and the outbox. The investigation methods are in
// sqlite_store_investigations.cc.
#include "services/investigation/store/sqlite/sqlite_store.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/store/sqlite/audit_log.h"
#include "common/store/sqlite/requests.h"
#include "services/investigation/store/handoff_payload.h"
#include "services/investigation/store/sqlite/sqlite_store_rows.h"

namespace redress::investigation {
namespace {

using sqlite_rows::MicrosToTime;
using sqlite_rows::TimeToMicros;

std::string OutboxName(int64_t id) { return absl::StrCat("outbox/", id); }

// The outbox entry in the current row of "SELECT <kOutboxColumns> FROM outbox".
constexpr char kOutboxColumns[] =
    "id, payload, attempts, create_time, delivered_time, last_attempt_time, last_error, kind, "
    "IFNULL(traceparent, '')";
absl::StatusOr<OutboxEntry> ReadOutboxEntry(const Statement& row) {
  OutboxEntry entry;
  entry.id = row.ColumnInt64(0);
  entry.attempts = row.ColumnInt(2);
  entry.create_time = MicrosToTime(row.ColumnInt64(3));
  ASSIGN_OR_RETURN(entry.handoff,
                   DecodeHandoff(row.ColumnText(7), row.ColumnBlob(1), entry.create_time));
  if (!row.IsNull(4)) entry.delivered_time = MicrosToTime(row.ColumnInt64(4));
  if (!row.IsNull(5)) entry.last_attempt_time = MicrosToTime(row.ColumnInt64(5));
  entry.last_error = row.ColumnText(6);
  entry.traceparent = row.ColumnText(8);
  return entry;
}

// NOT_FOUND unless outbox entry `outbox_id` exists; for an UPDATE that changed no row.
absl::Status OutboxEntryExists(Connection& connection, int64_t outbox_id) {
  ASSIGN_OR_RETURN(Statement select, connection.Prepare("SELECT 1 FROM outbox WHERE id = ?1"));
  ASSIGN_OR_RETURN(bool exists, select.Bind(1, outbox_id).Step());
  if (!exists) return NotFound(OutboxName(outbox_id));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  ASSIGN_OR_RETURN(std::unique_ptr<SqliteDb> db, SqliteDb::Open(path, Migrations()));
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

// --- Outbox. ---

absl::StatusOr<std::vector<OutboxEntry>> SqliteStore::ListOutbox(bool include_delivered,
                                                                 int limit) {
  std::vector<OutboxEntry> result;
  if (limit <= 0) return result;
  Connection connection = db_->Lock();
  const std::string sql = absl::StrCat("SELECT ", kOutboxColumns, " FROM outbox ",
                                       include_delivered ? "" : "WHERE delivered_time IS NULL ",
                                       "ORDER BY id LIMIT ?1");
  ASSIGN_OR_RETURN(Statement select, connection.Prepare(sql));
  select.Bind(1, limit);
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) return result;
    ASSIGN_OR_RETURN(OutboxEntry entry, ReadOutboxEntry(select));
    result.push_back(std::move(entry));
  }
}

absl::Status SqliteStore::MarkDelivered(int64_t outbox_id, absl::Time when) {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
  ASSIGN_OR_RETURN(
      Statement select,
      connection.Prepare("SELECT kind, payload, create_time, delivered_time IS NOT NULL "
                         "FROM outbox WHERE id = ?1"));
  ASSIGN_OR_RETURN(bool exists, select.Bind(1, outbox_id).Step());
  if (!exists) return NotFound(OutboxName(outbox_id));
  if (select.ColumnBool(3)) return absl::OkStatus();  // delivered already: nothing changes
  // The row keeps only what it needs once delivered (DeliveredHandoff).
  ASSIGN_OR_RETURN(std::string payload, DeliveredPayload(select.ColumnText(0), select.ColumnBlob(1),
                                                         MicrosToTime(select.ColumnInt64(2))));
  ASSIGN_OR_RETURN(Statement update,
                   connection.Prepare("UPDATE outbox SET delivered_time = ?2, "
                                      "attempts = attempts + 1, payload = ?3 WHERE id = ?1"));
  update.Bind(1, outbox_id).Bind(2, TimeToMicros(when)).BindBlob(3, payload);
  RETURN_IF_ERROR(update.Run());
  return transaction.Commit();
}

absl::Status SqliteStore::RecordFailedAttempt(int64_t outbox_id, absl::Time when,
                                              std::string error) {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
  ASSIGN_OR_RETURN(Statement update,
                   connection.Prepare("UPDATE outbox SET attempts = attempts + 1, "
                                      "last_attempt_time = ?2, last_error = ?3 "
                                      "WHERE id = ?1 AND delivered_time IS NULL"));
  RETURN_IF_ERROR(update.Bind(1, outbox_id).Bind(2, TimeToMicros(when)).Bind(3, error).Run());
  if (connection.changes() == 0) RETURN_IF_ERROR(OutboxEntryExists(connection, outbox_id));
  return transaction.Commit();
}

}  // namespace redress::investigation
