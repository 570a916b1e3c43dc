#include "common/store/sqlite/outbox_parking.h"

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"

namespace redress::sqlite_outbox {
namespace {

int64_t Micros(absl::Time time) { return absl::ToUnixMicros(time); }

// OK when row `id` is parked; otherwise NOT_FOUND or FAILED_PRECONDITION naming its state and
// `action`.
absl::Status CheckParked(Connection& connection, int64_t id, std::string_view name,
                         std::string_view action) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare(absl::StrCat("SELECT delivered_time, ", kParkingColumns,
                                                   " FROM outbox WHERE id = ?1")));
  ASSIGN_OR_RETURN(bool found, select.Bind(1, id).Step());
  if (!found) return NotFound(name);
  const std::optional<absl::Time> delivered =
      select.IsNull(0) ? std::nullopt : std::optional(absl::FromUnixMicros(select.ColumnInt64(0)));
  const OutboxState state = StateOf(delivered, ReadParking(select, 1));
  if (state == OutboxState::kParked) return absl::OkStatus();
  return InvalidStateTransition(name, OutboxStateName(state), action);
}

}  // namespace

std::string ParkedIndexSql(std::string_view order_column_view) {
  const std::string order_column(order_column_view);
  return absl::StrCat("CREATE INDEX outbox_parked ON outbox (", order_column, ", id) WHERE ",
                      kParked, ";");
}

OutboxParking ReadParking(const Statement& select, int first_column) {
  OutboxParking parking;
  if (!select.IsNull(first_column)) {
    parking.park_time = absl::FromUnixMicros(select.ColumnInt64(first_column));
  }
  parking.park_reason = ParkReasonNamed(select.ColumnText(first_column + 1));
  if (!select.IsNull(first_column + 2)) {
    parking.discard_time = absl::FromUnixMicros(select.ColumnInt64(first_column + 2));
  }
  parking.discarded_by = select.ColumnText(first_column + 3);
  parking.discard_reason = select.ColumnText(first_column + 4);
  return parking;
}

std::string ClaimableSql(std::string_view order_column_view) {
  const std::string order_column(order_column_view);
  return absl::StrCat("(", kPending,
                      " AND NOT EXISTS (SELECT 1 FROM outbox AS earlier WHERE earlier.",
                      order_column, " = outbox.", order_column,
                      " AND earlier.id < outbox.id AND earlier.park_time IS NOT NULL"
                      " AND earlier.delivered_time IS NULL AND earlier.discard_time IS NULL))");
}

absl::Status ParkRow(Connection& connection, int64_t id, absl::Time when, ParkReason reason,
                     std::string_view error) {
  ASSIGN_OR_RETURN(Statement update,
                   connection.Prepare(absl::StrCat("UPDATE outbox SET park_time = ?2, "
                                                   "park_reason = ?3, last_error = ?4 "
                                                   "WHERE id = ?1 AND ",
                                                   kPending)));
  RETURN_IF_ERROR(update.Bind(1, id)
                      .Bind(2, Micros(when))
                      .Bind(3, ParkReasonName(reason))
                      .Bind(4, error)
                      .Run());
  if (connection.changes() > 0) return absl::OkStatus();
  ASSIGN_OR_RETURN(Statement select, connection.Prepare("SELECT 1 FROM outbox WHERE id = ?1"));
  ASSIGN_OR_RETURN(bool exists, select.Bind(1, id).Step());
  if (!exists) return NotFound(absl::StrCat("outbox/", id));
  return absl::OkStatus();
}

absl::StatusOr<int64_t> CountParkedRows(Connection& connection) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare(absl::StrCat("SELECT COUNT(*) FROM outbox WHERE ", kParked)));
  ASSIGN_OR_RETURN(bool has_row, select.Step());
  if (!has_row) return absl::InternalError("COUNT returned no row");
  return select.ColumnInt64(0);
}

absl::Status RedriveRow(Connection& connection, int64_t id, std::string_view name) {
  RETURN_IF_ERROR(CheckParked(connection, id, name, "re-drive"));
  ASSIGN_OR_RETURN(Statement update,
                   connection.Prepare("UPDATE outbox SET park_time = NULL, park_reason = '', "
                                      "attempts = 0 WHERE id = ?1"));
  return update.Bind(1, id).Run();
}

absl::Status DiscardRow(Connection& connection, int64_t id, const OutboxDiscard& discard,
                        std::string_view name) {
  RETURN_IF_ERROR(CheckParked(connection, id, name, "discard"));
  ASSIGN_OR_RETURN(Statement update,
                   connection.Prepare("UPDATE outbox SET discard_time = ?2, discarded_by = ?3, "
                                      "discard_reason = ?4 WHERE id = ?1"));
  return update.Bind(1, id)
      .Bind(2, Micros(discard.when))
      .Bind(3, discard.actor)
      .Bind(4, discard.reason)
      .Run();
}

absl::StatusOr<int64_t> PruneFinishedRows(Connection& connection, absl::Time finished_before,
                                          int limit) {
  // Rows within the retention are few (the table holds about one retention period of hand-offs),
  // so the scan in id order needs no index of its own.
  ASSIGN_OR_RETURN(Statement prune,
                   connection.Prepare("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox "
                                      "WHERE coalesce(delivered_time, discard_time) < ?1 "
                                      "ORDER BY id LIMIT ?2)"));
  RETURN_IF_ERROR(prune.Bind(1, Micros(finished_before)).Bind(2, limit).Run());
  return connection.changes();
}

}  // namespace redress::sqlite_outbox
