// SqliteStore's outbox: reading entries (an undecodable payload is reported on its entry, not as a
// failure of the read), delivery bookkeeping, and parked hand-offs (docs/reliability.md), whose
// statements are shared with intake's store (common/store/sqlite/outbox_parking.h).
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/store/sqlite/audit_log.h"
#include "common/store/sqlite/outbox_parking.h"
#include "common/store/sqlite/requests.h"
#include "services/investigation/store/handoff_payload.h"
#include "services/investigation/store/sqlite/sqlite_store.h"
#include "services/investigation/store/sqlite/sqlite_store_rows.h"

namespace redress::investigation {
namespace {

using sqlite_rows::MicrosToTime;
using sqlite_rows::TimeToMicros;

std::string OutboxName(int64_t id) { return absl::StrCat("outbox/", id); }
std::string HandoffName(int64_t id) { return absl::StrCat("handoffs/", id); }

// The outbox's order key column: an investigation's hand-offs are delivered in order.
constexpr char kOrderColumn[] = "investigation_id";

// The entry in the current row of "SELECT <OutboxColumns()> FROM outbox".
std::string OutboxColumns() {
  return absl::StrCat(
      "id, payload, attempts, create_time, delivered_time, last_attempt_time, last_error, kind, "
      "IFNULL(traceparent, ''), handoff_key, investigation_id, ",
      sqlite_outbox::kParkingColumns);
}
OutboxEntry ReadOutboxEntry(const Statement& row) {
  OutboxEntry entry;
  entry.id = row.ColumnInt64(0);
  entry.attempts = row.ColumnInt(2);
  entry.create_time = MicrosToTime(row.ColumnInt64(3));
  absl::StatusOr<Handoff> handoff =
      DecodeHandoff(row.ColumnText(7), row.ColumnBlob(1), entry.create_time);
  if (handoff.ok()) {
    entry.handoff = *std::move(handoff);
  } else {  // the sender parks it; the others are still read
    entry.undecodable = std::string(handoff.status().message());
    entry.handoff = UndecodableHandoff(row.ColumnText(9), row.ColumnText(10));
  }
  if (!row.IsNull(4)) entry.delivered_time = MicrosToTime(row.ColumnInt64(4));
  if (!row.IsNull(5)) entry.last_attempt_time = MicrosToTime(row.ColumnInt64(5));
  entry.last_error = row.ColumnText(6);
  entry.traceparent = row.ColumnText(8);
  entry.parking = sqlite_outbox::ReadParking(row, 11);
  return entry;
}

// The entries of `select` (its parameters bound), every row.
absl::StatusOr<std::vector<OutboxEntry>> ReadOutboxEntries(Statement& select) {
  std::vector<OutboxEntry> result;
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) return result;
    result.push_back(ReadOutboxEntry(select));
  }
}

}  // namespace

absl::StatusOr<std::vector<OutboxEntry>> SqliteStore::ListOutbox(bool include_delivered,
                                                                 int limit) {
  if (limit <= 0) return std::vector<OutboxEntry>();
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(
      Statement select,
      connection.Prepare(absl::StrCat(
          "SELECT ", OutboxColumns(), " FROM outbox ", include_delivered ? "" : "WHERE ",
          include_delivered ? "" : sqlite_outbox::kPending, " ORDER BY id LIMIT ?1")));
  select.Bind(1, limit);
  return ReadOutboxEntries(select);
}

absl::StatusOr<std::vector<OutboxEntry>> SqliteStore::ClaimOutbox(std::string_view /*claimant*/,
                                                                  absl::Duration /*lease*/,
                                                                  int limit) {
  if (limit <= 0) return std::vector<OutboxEntry>();
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare(absl::StrCat(
                       "SELECT ", OutboxColumns(), " FROM outbox WHERE ",
                       sqlite_outbox::ClaimableSql(kOrderColumn), " ORDER BY id LIMIT ?1")));
  select.Bind(1, limit);
  return ReadOutboxEntries(select);
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
  if (connection.changes() == 0) {
    ASSIGN_OR_RETURN(Statement select, connection.Prepare("SELECT 1 FROM outbox WHERE id = ?1"));
    ASSIGN_OR_RETURN(bool exists, select.Bind(1, outbox_id).Step());
    if (!exists) return NotFound(OutboxName(outbox_id));
  }
  return transaction.Commit();
}

// --- Parked hand-offs. ---

absl::Status SqliteStore::ParkOutboxEntry(int64_t outbox_id, absl::Time when, ParkReason reason,
                                          std::string error) {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
  RETURN_IF_ERROR(sqlite_outbox::ParkRow(connection, outbox_id, when, reason, error));
  return transaction.Commit();
}

absl::StatusOr<int64_t> SqliteStore::CountParkedOutbox() {
  Connection connection = db_->Read();
  return sqlite_outbox::CountParkedRows(connection);
}

absl::StatusOr<std::vector<OutboxEntry>> SqliteStore::ListParkedOutbox(int64_t after_id,
                                                                       int limit) {
  if (limit <= 0) return std::vector<OutboxEntry>();
  Connection connection = db_->Read();
  ASSIGN_OR_RETURN(
      Statement select,
      connection.Prepare(absl::StrCat("SELECT ", OutboxColumns(), " FROM outbox WHERE id > ?1 AND ",
                                      sqlite_outbox::kParked, " ORDER BY id LIMIT ?2")));
  select.Bind(1, after_id).Bind(2, limit);
  return ReadOutboxEntries(select);
}

absl::StatusOr<OutboxEntry> SqliteStore::GetOutboxEntry(int64_t outbox_id) {
  Connection connection = db_->Read();
  ASSIGN_OR_RETURN(
      Statement select,
      connection.Prepare(absl::StrCat("SELECT ", OutboxColumns(), " FROM outbox WHERE id = ?1")));
  ASSIGN_OR_RETURN(bool found, select.Bind(1, outbox_id).Step());
  if (!found) return NotFound(HandoffName(outbox_id));
  return ReadOutboxEntry(select);
}

absl::Status SqliteStore::RedriveOutboxEntry(int64_t outbox_id, const RequestRecord& request) {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
  RETURN_IF_ERROR(sqlite_outbox::RedriveRow(connection, outbox_id, HandoffName(outbox_id)));
  RETURN_IF_ERROR(RecordRequest(connection, request));
  RETURN_IF_ERROR(AppendAuditedChange(connection, "investigation", HandoffName(outbox_id),
                                      request.request_id,
                                      {{"outbox", "id", absl::StrCat(outbox_id)}}));
  return transaction.Commit();
}

absl::Status SqliteStore::DiscardOutboxEntry(int64_t outbox_id, const OutboxDiscard& discard,
                                             const RequestRecord& request) {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
  RETURN_IF_ERROR(
      sqlite_outbox::DiscardRow(connection, outbox_id, discard, HandoffName(outbox_id)));
  RETURN_IF_ERROR(RecordRequest(connection, request));
  RETURN_IF_ERROR(AppendAuditedChange(connection, "investigation", HandoffName(outbox_id),
                                      request.request_id,
                                      {{"outbox", "id", absl::StrCat(outbox_id)}}));
  return transaction.Commit();
}

absl::StatusOr<int64_t> SqliteStore::PruneRequests(absl::Time created_before, int limit) {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
  ASSIGN_OR_RETURN(int64_t pruned, redress::PruneRequests(connection, created_before,
                                                          HandoffRequestMethods(), limit));
  RETURN_IF_ERROR(transaction.Commit());
  return pruned;
}

absl::StatusOr<int64_t> SqliteStore::PruneOutbox(absl::Time finished_before, int limit) {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
  ASSIGN_OR_RETURN(int64_t pruned,
                   sqlite_outbox::PruneFinishedRows(connection, finished_before, limit));
  RETURN_IF_ERROR(transaction.Commit());
  return pruned;
}

}  // namespace redress::investigation
