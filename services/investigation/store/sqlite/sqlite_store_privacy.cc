// SqliteStore's personal-data methods (store.h, docs/privacy.md) and the statements of erasure.
#include "services/investigation/store/sqlite/sqlite_store_privacy.h"

#include <string>
#include <utility>
#include <vector>

#include "common/errors.h"
#include "common/status_macros.h"
#include "services/investigation/personal_data.h"
#include "services/investigation/store/handoff_payload.h"
#include "services/investigation/store/sqlite/sqlite_store.h"
#include "services/investigation/store/sqlite/sqlite_store_rows.h"

namespace redress::investigation {
namespace {

std::string InvestigationName(std::string_view id) {
  return std::string(kInvestigationsCollection) + std::string(id);
}

}  // namespace

namespace sqlite_privacy {

absl::Status EraseHandoffs(Connection& connection, std::string_view id) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT id, kind, payload, create_time, delivered_time IS "
                                      "NULL AND discard_time IS NULL FROM outbox "
                                      "WHERE investigation_id = ?1 ORDER BY id"));
  select.Bind(1, id);
  std::vector<std::pair<int64_t, std::string>> payloads;
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) break;
    if (select.ColumnBool(4)) {
      return PreconditionFailed("HANDOFF", InvestigationName(id),
                                "a hand-off of it to remedy is not yet delivered",
                                kReasonHandoffPending);
    }
    ASSIGN_OR_RETURN(Handoff handoff,
                     DecodeHandoff(select.ColumnText(1), select.ColumnBlob(2),
                                   sqlite_rows::MicrosToTime(select.ColumnInt64(3))));
    payloads.emplace_back(select.ColumnInt64(0),
                          EncodeHandoff(ErasedHandoff(std::move(handoff))).payload);
  }
  ASSIGN_OR_RETURN(Statement update,
                   connection.Prepare("UPDATE outbox SET payload = ?2 WHERE id = ?1"));
  for (const auto& [outbox_id, payload] : payloads) {
    RETURN_IF_ERROR(update.Bind(1, outbox_id).BindBlob(2, payload).Run());
    update.Reset();
  }
  return absl::OkStatus();
}

absl::Status RecordErasure(Connection& connection, std::string_view id, absl::Time erase_time) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT 1 FROM erasures WHERE investigation_id = ?1"));
  ASSIGN_OR_RETURN(bool erased, select.Bind(1, id).Step());
  if (erased) return AlreadyExists(InvestigationName(id));
  ASSIGN_OR_RETURN(Statement insert, connection.Prepare("INSERT INTO erasures (investigation_id, "
                                                        "erase_time) VALUES (?1, ?2)"));
  return insert.Bind(1, id).Bind(2, sqlite_rows::TimeToMicros(erase_time)).Run();
}

}  // namespace sqlite_privacy

absl::StatusOr<std::vector<std::string>> SqliteStore::FindInvestigationsByComplaint(
    std::string_view complaint) {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT id FROM investigations WHERE complaint = ?1 "
                                      "ORDER BY sequence"));
  select.Bind(1, complaint);
  return select.TextsOfFirstColumn();
}

absl::StatusOr<std::optional<absl::Time>> SqliteStore::GetErasureTime(std::string_view id) {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT e.erase_time FROM investigations i LEFT JOIN "
                                      "erasures e ON e.investigation_id = i.id WHERE i.id = ?1"));
  ASSIGN_OR_RETURN(bool found, select.Bind(1, id).Step());
  if (!found) return NotFound(InvestigationName(id));
  if (select.IsNull(0)) return std::optional<absl::Time>();
  return std::optional<absl::Time>(sqlite_rows::MicrosToTime(select.ColumnInt64(0)));
}

absl::StatusOr<std::vector<std::string>> SqliteStore::ListErasableInvestigations(
    absl::Time closed_before, int limit) {
  if (limit <= 0) return std::vector<std::string>();
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT id FROM investigations WHERE state IN (?1, ?2, ?3) "
                                      "AND update_time < ?4 AND NOT EXISTS (SELECT 1 FROM "
                                      "erasures e WHERE e.investigation_id = investigations.id) "
                                      "ORDER BY sequence LIMIT ?5"));
  select.Bind(1, static_cast<int>(InvestigationState::kDecided));
  select.Bind(2, static_cast<int>(InvestigationState::kWithdrawn));
  select.Bind(3, static_cast<int>(InvestigationState::kDiscontinued));
  select.Bind(4, sqlite_rows::TimeToMicros(closed_before)).Bind(5, limit);
  return select.TextsOfFirstColumn();
}

}  // namespace redress::investigation
