// PostgresStore's personal-data methods (store.h, docs/privacy.md) and the statements of erasure.
#include "services/investigation/store/postgres/postgres_store_privacy.h"

#include <string>
#include <utility>
#include <vector>

#include "common/errors.h"
#include "common/status_macros.h"
#include "common/store/postgres/transaction.h"
#include "services/investigation/personal_data.h"
#include "services/investigation/store/handoff_payload.h"
#include "services/investigation/store/postgres/postgres_store.h"
#include "services/investigation/store/postgres/postgres_store_status.h"

namespace redress::investigation {
namespace {

std::string InvestigationName(std::string_view id) {
  return std::string(kInvestigationsCollection) + std::string(id);
}

}  // namespace

namespace pg_privacy {

absl::Status EraseHandoffs(pg::Connection& connection, std::string_view id) {
  // The outbox's order key is the investigation id (InsertHandoff). FOR UPDATE keeps a replica's
  // sender from marking a row while it is rewritten.
  ASSIGN_OR_RETURN(
      pg::Result rows,
      connection.Execute(
          "SELECT id, kind, payload, create_time, delivered_time IS "
          "NULL AND discard_time IS NULL AS pending FROM outbox WHERE order_key = $1 ORDER BY "
          "id FOR UPDATE",
          pg::Params().Add(id)));
  std::vector<std::pair<int64_t, std::string>> payloads;
  for (int i = 0; i < rows.rows(); ++i) {
    const pg::Row row = rows.row(i);
    ASSIGN_OR_RETURN(bool pending, row.Bool("pending"));
    if (pending) {
      return PreconditionFailed("HANDOFF", InvestigationName(id),
                                "a hand-off of it to remedy is not yet delivered",
                                kReasonHandoffPending);
    }
    ASSIGN_OR_RETURN(int64_t outbox_id, row.Int64("id"));
    ASSIGN_OR_RETURN(std::string kind, row.Text("kind"));
    ASSIGN_OR_RETURN(std::string payload, row.Bytes("payload"));
    ASSIGN_OR_RETURN(absl::Time create_time, row.Time("create_time"));
    ASSIGN_OR_RETURN(Handoff handoff, DecodeHandoff(kind, payload, create_time));
    payloads.emplace_back(outbox_id, EncodeHandoff(ErasedHandoff(std::move(handoff))).payload);
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
                   connection.Execute("INSERT INTO erasures (investigation_id, erase_time) VALUES "
                                      "($1, $2) ON CONFLICT (investigation_id) DO NOTHING",
                                      pg::Params().Add(id).Add(erase_time)));
  if (inserted.affected_rows() == 0) return AlreadyExists(InvestigationName(id));
  return absl::OkStatus();
}

}  // namespace pg_privacy

absl::StatusOr<std::vector<std::string>> PostgresStore::FindInvestigationsByComplaint(
    std::string_view complaint) {
  std::vector<std::string> ids;
  const absl::Status status = pg::RunInTransaction(
      *pool_, pg::SnapshotRead(), [&](pg::Connection& connection) -> absl::Status {
        ASSIGN_OR_RETURN(pg::Result result,
                         connection.Execute("SELECT id FROM investigations WHERE complaint = $1 "
                                            "ORDER BY sequence",
                                            pg::Params().Add(complaint)));
        ASSIGN_OR_RETURN(ids, result.Texts("id"));
        return absl::OkStatus();
      });
  if (!status.ok()) return pg_rows::ClientSafe(status, "FindInvestigationsByComplaint");
  return ids;
}

absl::StatusOr<std::optional<absl::Time>> PostgresStore::GetErasureTime(std::string_view id) {
  std::optional<absl::Time> erase_time;
  const absl::Status status = pg::RunInTransaction(
      *pool_, pg::SnapshotRead(), [&](pg::Connection& connection) -> absl::Status {
        ASSIGN_OR_RETURN(pg::Result result,
                         connection.Execute("SELECT e.erase_time FROM investigations i LEFT JOIN "
                                            "erasures e ON e.investigation_id = i.id "
                                            "WHERE i.id = $1",
                                            pg::Params().Add(id)));
        if (result.rows() == 0) return NotFound(InvestigationName(id));
        ASSIGN_OR_RETURN(erase_time, result.row(0).OptionalTime("erase_time"));
        return absl::OkStatus();
      });
  if (!status.ok()) return pg_rows::ClientSafe(status, "GetErasureTime");
  return erase_time;
}

absl::StatusOr<std::vector<std::string>> PostgresStore::ListErasableInvestigations(
    absl::Time closed_before, int limit) {
  std::vector<std::string> ids;
  if (limit <= 0) return ids;
  const absl::Status status = pg::RunInTransaction(
      *pool_, pg::SnapshotRead(), [&](pg::Connection& connection) -> absl::Status {
        ASSIGN_OR_RETURN(
            pg::Result result,
            connection.Execute(
                "SELECT id FROM investigations WHERE state IN ($1, $2, $3) AND update_time < $4 "
                "AND NOT EXISTS (SELECT 1 FROM erasures e WHERE e.investigation_id = "
                "investigations.id) ORDER BY sequence LIMIT $5",
                pg::Params()
                    .Add(static_cast<int>(InvestigationState::kDecided))
                    .Add(static_cast<int>(InvestigationState::kWithdrawn))
                    .Add(static_cast<int>(InvestigationState::kDiscontinued))
                    .Add(closed_before)
                    .Add(limit)));
        ASSIGN_OR_RETURN(ids, result.Texts("id"));
        return absl::OkStatus();
      });
  if (!status.ok()) return pg_rows::ClientSafe(status, "ListErasableInvestigations");
  return ids;
}

}  // namespace redress::investigation
