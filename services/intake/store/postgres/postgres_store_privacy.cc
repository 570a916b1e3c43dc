// PostgresStore's personal-data methods (store.h, docs/privacy.md) and the statements of erasure.
#include "services/intake/store/postgres/postgres_store_privacy.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/store/postgres/transaction.h"
#include "services/intake/personal_data.h"
#include "services/intake/store/handoff_payload.h"
#include "services/intake/store/postgres/postgres_store.h"

namespace redress::intake {
namespace {

std::string ComplaintName(std::string_view id) {
  return std::string(kComplaintsCollection) + std::string(id);
}

}  // namespace

namespace pg_privacy {

absl::Status EraseHandoffs(pg::Connection& connection, std::string_view id) {
  // The outbox's order key is the complaint id (UpdateComplaint). FOR UPDATE keeps a replica's
  // sender from marking a row while it is rewritten.
  ASSIGN_OR_RETURN(
      pg::Result rows,
      connection.Execute(
          "SELECT id, payload, delivered_time IS NULL AND discard_time IS NULL AS pending "
          "FROM outbox WHERE order_key = $1 ORDER BY id FOR UPDATE",
          pg::Params().Add(id)));
  std::vector<std::pair<int64_t, std::string>> payloads;
  for (int i = 0; i < rows.rows(); ++i) {
    const pg::Row row = rows.row(i);
    ASSIGN_OR_RETURN(bool pending, row.Bool("pending"));
    if (pending) {
      return PreconditionFailed("HANDOFF", ComplaintName(id),
                                "its hand-off to investigation is not yet delivered",
                                kReasonHandoffPending);
    }
    ASSIGN_OR_RETURN(int64_t outbox_id, row.Int64("id"));
    ASSIGN_OR_RETURN(std::string payload, row.Bytes("payload"));
    ASSIGN_OR_RETURN(AcceptanceHandoff handoff, DecodeHandoff(payload));
    payloads.emplace_back(outbox_id, EncodeHandoff(ErasedHandoff(handoff)));
  }
  for (const auto& [outbox_id, payload] : payloads) {
    RETURN_IF_ERROR(connection
                        .Execute("UPDATE outbox SET payload = $2 WHERE id = $1",
                                 pg::Params().Add(outbox_id).AddBytes(payload))
                        .status());
  }
  return absl::OkStatus();
}

absl::Status RecordErasure(pg::Connection& connection, std::string_view id, absl::Time erase_time) {
  ASSIGN_OR_RETURN(pg::Result inserted,
                   connection.Execute("INSERT INTO erasures (complaint_id, erase_time) VALUES "
                                      "($1, $2) ON CONFLICT (complaint_id) DO NOTHING",
                                      pg::Params().Add(id).Add(erase_time)));
  if (inserted.affected_rows() == 0) return AlreadyExists(ComplaintName(id));
  return absl::OkStatus();
}

}  // namespace pg_privacy

absl::StatusOr<std::vector<std::string>> PostgresStore::FindComplaintsByEmail(
    std::string_view normalised_email) {
  std::vector<std::string> ids;
  RETURN_IF_ERROR(pg::RunInTransaction(
      *pool_, pg::SnapshotRead(), [&](pg::Connection& connection) -> absl::Status {
        ASSIGN_OR_RETURN(
            pg::Result result,
            connection.Execute(
                "SELECT c.id FROM complaints c WHERE c.id IN (SELECT complaint_id FROM people "
                "WHERE translate(email, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
                "'abcdefghijklmnopqrstuvwxyz') = $1 AND email <> '') ORDER BY c.sequence",
                pg::Params().Add(normalised_email)));
        ASSIGN_OR_RETURN(ids, result.Texts("id"));
        return absl::OkStatus();
      }));
  return ids;
}

absl::StatusOr<std::optional<absl::Time>> PostgresStore::GetErasureTime(std::string_view id) {
  std::optional<absl::Time> erase_time;
  RETURN_IF_ERROR(pg::RunInTransaction(
      *pool_, pg::SnapshotRead(), [&](pg::Connection& connection) -> absl::Status {
        ASSIGN_OR_RETURN(pg::Result result,
                         connection.Execute("SELECT e.erase_time FROM complaints c LEFT JOIN "
                                            "erasures e ON e.complaint_id = c.id WHERE c.id = $1",
                                            pg::Params().Add(id)));
        if (result.rows() == 0) return NotFound(ComplaintName(id));
        ASSIGN_OR_RETURN(erase_time, result.row(0).OptionalTime("erase_time"));
        return absl::OkStatus();
      }));
  return erase_time;
}

absl::StatusOr<std::vector<std::string>> PostgresStore::ListErasableComplaints(
    absl::Time closed_before, int limit) {
  std::vector<std::string> ids;
  if (limit <= 0) return ids;
  RETURN_IF_ERROR(pg::RunInTransaction(
      *pool_, pg::SnapshotRead(), [&](pg::Connection& connection) -> absl::Status {
        ASSIGN_OR_RETURN(
            pg::Result result,
            connection.Execute(
                "SELECT id FROM complaints WHERE state IN ($1, $2) AND update_time < $3 AND "
                "NOT EXISTS (SELECT 1 FROM erasures e WHERE e.complaint_id = complaints.id) "
                "ORDER BY sequence LIMIT $4",
                pg::Params()
                    .Add(static_cast<int>(ComplaintState::kAccepted))
                    .Add(static_cast<int>(ComplaintState::kClosed))
                    .Add(closed_before)
                    .Add(limit)));
        ASSIGN_OR_RETURN(ids, result.Texts("id"));
        return absl::OkStatus();
      }));
  return ids;
}

}  // namespace redress::intake
