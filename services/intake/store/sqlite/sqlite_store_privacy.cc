// SqliteStore's personal-data methods (store.h, docs/privacy.md) and the statements of erasure.
#include "services/intake/store/sqlite/sqlite_store_privacy.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/intake/personal_data.h"
#include "services/intake/store/handoff_payload.h"
#include "services/intake/store/sqlite/sqlite_store.h"
#include "services/intake/store/sqlite/sqlite_store_rows.h"

namespace redress::intake {
namespace {

std::string ComplaintName(std::string_view id) {
  return std::string(kComplaintsCollection) + std::string(id);
}

}  // namespace

namespace sqlite_privacy {

absl::Status EraseHandoffs(Connection& connection, std::string_view id) {
  ASSIGN_OR_RETURN(
      Statement select,
      connection.Prepare(
          "SELECT id, payload, delivered_time IS NULL AND discard_time IS NULL FROM outbox "
          "WHERE complaint_id = ?1 ORDER BY id"));
  select.Bind(1, id);
  std::vector<std::pair<int64_t, std::string>> payloads;
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) break;
    if (select.ColumnBool(2)) {
      return PreconditionFailed("HANDOFF", ComplaintName(id),
                                "its hand-off to investigation is not yet delivered",
                                kReasonHandoffPending);
    }
    ASSIGN_OR_RETURN(AcceptanceHandoff handoff, DecodeHandoff(select.ColumnBlob(1)));
    payloads.emplace_back(select.ColumnInt64(0), EncodeHandoff(ErasedHandoff(handoff)));
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
                   connection.Prepare("SELECT 1 FROM erasures WHERE complaint_id = ?1"));
  ASSIGN_OR_RETURN(bool erased, select.Bind(1, id).Step());
  if (erased) return AlreadyExists(ComplaintName(id));
  ASSIGN_OR_RETURN(Statement insert, connection.Prepare("INSERT INTO erasures (complaint_id, "
                                                        "erase_time) VALUES (?1, ?2)"));
  return insert.Bind(1, id).Bind(2, sqlite_rows::TimeToMicros(erase_time)).Run();
}

}  // namespace sqlite_privacy

absl::StatusOr<std::vector<std::string>> SqliteStore::FindComplaintsByEmail(
    std::string_view normalised_email) {
  Connection connection = db_->Lock();
  // lower() is SQLite's ASCII lower-casing, as NormaliseEmail's; the condition matches the
  // partial index people_by_email.
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT c.id FROM complaints c WHERE c.id IN (SELECT "
                                      "complaint_id FROM people WHERE lower(email) = ?1 AND "
                                      "email <> '') ORDER BY c.sequence"));
  select.Bind(1, normalised_email);
  return select.TextsOfFirstColumn();
}

absl::StatusOr<std::optional<absl::Time>> SqliteStore::GetErasureTime(std::string_view id) {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT e.erase_time FROM complaints c LEFT JOIN erasures e "
                                      "ON e.complaint_id = c.id WHERE c.id = ?1"));
  ASSIGN_OR_RETURN(bool found, select.Bind(1, id).Step());
  if (!found) return NotFound(ComplaintName(id));
  if (select.IsNull(0)) return std::optional<absl::Time>();
  return std::optional<absl::Time>(sqlite_rows::MicrosToTime(select.ColumnInt64(0)));
}

absl::StatusOr<std::vector<std::string>> SqliteStore::ListErasableComplaints(
    absl::Time closed_before, int limit) {
  if (limit <= 0) return std::vector<std::string>();
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT id FROM complaints WHERE state IN (?1, ?2) AND "
                                      "update_time < ?3 AND NOT EXISTS (SELECT 1 FROM erasures e "
                                      "WHERE e.complaint_id = complaints.id) ORDER BY sequence "
                                      "LIMIT ?4"));
  select.Bind(1, static_cast<int>(ComplaintState::kAccepted));
  select.Bind(2, static_cast<int>(ComplaintState::kClosed));
  select.Bind(3, sqlite_rows::TimeToMicros(closed_before)).Bind(4, limit);
  return select.TextsOfFirstColumn();
}

}  // namespace redress::intake
