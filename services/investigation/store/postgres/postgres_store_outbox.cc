// PostgresStore's outbox: reading entries (an undecodable payload is reported on its entry, not as
// a failure of the read), claims and delivery bookkeeping, and parked hand-offs
// (docs/reliability.md), over the shared table of common/store/postgres/outbox.h plus this store's
// `kind` column. Every error leaves through pg_rows::ClientSafe.
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/store/postgres/audit_log.h"
#include "common/store/postgres/outbox.h"
#include "common/store/postgres/requests.h"
#include "common/store/postgres/transaction.h"
#include "services/investigation/store/handoff_payload.h"
#include "services/investigation/store/postgres/postgres_store.h"
#include "services/investigation/store/postgres/postgres_store_status.h"

namespace redress::investigation {
namespace {

std::string HandoffName(int64_t id) { return absl::StrCat("handoffs/", id); }

// The `kind` of each outbox row in `rows`, by id. The shared layer's rows do not carry the column
// this store adds; a row's kind never changes after its insert and rows are never deleted, so
// reading it apart from the rows cannot disagree with them.
absl::StatusOr<absl::flat_hash_map<int64_t, std::string>> OutboxKinds(
    pg::Pool& pool, const std::vector<pg::OutboxRow>& rows) {
  absl::flat_hash_map<int64_t, std::string> kinds;
  if (rows.empty()) return kinds;
  std::vector<int64_t> ids;
  for (const pg::OutboxRow& row : rows) ids.push_back(row.id);
  // The ids go as one parameter, an array literal of integers.
  const std::string id_array = absl::StrCat("{", absl::StrJoin(ids, ","), "}");
  RETURN_IF_ERROR(pg::RunInTransaction(pool, pg::SnapshotRead(), [&](pg::Connection& connection) {
    kinds.clear();
    ASSIGN_OR_RETURN(pg::Result result,
                     connection.Execute("SELECT id, kind FROM outbox WHERE id = ANY($1::bigint[])",
                                        pg::Params().Add(id_array)));
    for (int r = 0; r < result.rows(); ++r) {
      ASSIGN_OR_RETURN(int64_t id, result.row(r).Int64("id"));
      ASSIGN_OR_RETURN(kinds[id], result.row(r).Text("kind"));
    }
    return absl::OkStatus();
  }));
  return kinds;
}

// The outbox entries of `rows`, in their order, with the hand-offs decoded where they can be.
absl::StatusOr<std::vector<OutboxEntry>> Entries(pg::Pool& pool, std::vector<pg::OutboxRow> rows) {
  ASSIGN_OR_RETURN(auto kinds, OutboxKinds(pool, rows));
  std::vector<OutboxEntry> entries;
  entries.reserve(rows.size());
  for (pg::OutboxRow& row : rows) {
    const auto kind = kinds.find(row.id);
    OutboxEntry entry;
    entry.id = row.id;
    absl::StatusOr<Handoff> handoff =
        kind == kinds.end() ? absl::InternalError("outbox row has no kind")
                            : DecodeHandoff(kind->second, row.payload, row.create_time);
    if (handoff.ok()) {
      entry.handoff = *std::move(handoff);
    } else {  // the sender parks it; the others are still read
      entry.undecodable = std::string(handoff.status().message());
      entry.handoff = UndecodableHandoff(row.handoff_key, row.order_key);
    }
    entry.attempts = row.attempts;
    entry.create_time = row.create_time;
    entry.delivered_time = row.delivered_time;
    entry.last_attempt_time = row.last_attempt_time;
    entry.last_error = std::move(row.last_error);
    entry.traceparent = std::move(row.traceparent);
    entry.parking = std::move(row.parking);
    entries.push_back(std::move(entry));
  }
  return entries;
}

// Runs `change` (pg::RedriveOutboxRow or pg::DiscardOutboxRow of `outbox_id`) with `request` and
// the audit entry of the hand-off, in one transaction.
absl::Status ChangeParked(pg::Pool& pool, int64_t outbox_id, const RequestRecord& request,
                          absl::FunctionRef<absl::Status(pg::Connection&)> change) {
  return pg::RunInTransaction(
      pool, pg::LockingWrite(), [&](pg::Connection& connection) -> absl::Status {
        RETURN_IF_ERROR(change(connection));
        RETURN_IF_ERROR(pg::InsertRequest(connection, request));
        return pg::AppendAuditedChange(connection, "investigation", HandoffName(outbox_id),
                                       request.request_id,
                                       {{"outbox", "id", absl::StrCat(outbox_id)}});
      });
}

}  // namespace

// --- Outbox. ---

absl::StatusOr<std::vector<OutboxEntry>> PostgresStore::ListOutbox(bool include_delivered,
                                                                   int limit) {
  absl::StatusOr<std::vector<pg::OutboxRow>> rows =
      pg::ListOutboxRows(*pool_, include_delivered, limit);
  if (!rows.ok()) return pg_rows::ClientSafe(rows.status(), "ListOutbox");
  absl::StatusOr<std::vector<OutboxEntry>> entries = Entries(*pool_, *std::move(rows));
  if (!entries.ok()) return pg_rows::ClientSafe(entries.status(), "ListOutbox");
  return entries;
}

absl::StatusOr<std::vector<OutboxEntry>> PostgresStore::ClaimOutbox(std::string_view claimant,
                                                                    absl::Duration lease,
                                                                    int limit) {
  absl::StatusOr<std::vector<pg::OutboxRow>> rows =
      pg::ClaimOutboxHeads(*pool_, claimant, lease, limit);
  if (!rows.ok()) return pg_rows::ClientSafe(rows.status(), "ClaimOutbox");
  absl::StatusOr<std::vector<OutboxEntry>> entries = Entries(*pool_, *std::move(rows));
  if (!entries.ok()) return pg_rows::ClientSafe(entries.status(), "ClaimOutbox");
  return entries;
}

absl::Status PostgresStore::MarkDelivered(int64_t outbox_id, absl::Time when) {
  // The row keeps only what it needs once delivered (DeliveredHandoff).
  auto delivered_payload = [](pg::Connection& connection,
                              const pg::OutboxRow& row) -> absl::StatusOr<std::string> {
    ASSIGN_OR_RETURN(pg::Result kind, connection.Execute("SELECT kind FROM outbox WHERE id = $1",
                                                         pg::Params().Add(row.id)));
    if (kind.rows() == 0) return absl::InternalError("outbox row has no kind");
    ASSIGN_OR_RETURN(std::string name, kind.row(0).Text("kind"));
    return DeliveredPayload(name, row.payload, row.create_time);
  };
  return pg_rows::ClientSafe(pg::MarkOutboxDelivered(*pool_, outbox_id, when, delivered_payload),
                             "MarkDelivered");
}

absl::Status PostgresStore::RecordFailedAttempt(int64_t outbox_id, absl::Time when,
                                                std::string error) {
  return pg_rows::ClientSafe(pg::RecordOutboxFailure(*pool_, outbox_id, when, error),
                             "RecordFailedAttempt");
}

// --- Parked hand-offs. ---

absl::Status PostgresStore::ParkOutboxEntry(int64_t outbox_id, absl::Time when, ParkReason reason,
                                            std::string error) {
  return pg_rows::ClientSafe(pg::ParkOutboxRow(*pool_, outbox_id, when, reason, error),
                             "ParkOutboxEntry");
}

absl::StatusOr<int64_t> PostgresStore::CountParkedOutbox() {
  absl::StatusOr<int64_t> count = pg::CountParkedOutboxRows(*pool_);
  if (!count.ok()) return pg_rows::ClientSafe(count.status(), "CountParkedOutbox");
  return count;
}

absl::StatusOr<std::vector<OutboxEntry>> PostgresStore::ListParkedOutbox(int64_t after_id,
                                                                         int limit) {
  absl::StatusOr<std::vector<pg::OutboxRow>> rows =
      pg::ListParkedOutboxRows(*pool_, after_id, limit);
  if (!rows.ok()) return pg_rows::ClientSafe(rows.status(), "ListParkedOutbox");
  absl::StatusOr<std::vector<OutboxEntry>> entries = Entries(*pool_, *std::move(rows));
  if (!entries.ok()) return pg_rows::ClientSafe(entries.status(), "ListParkedOutbox");
  return entries;
}

absl::StatusOr<OutboxEntry> PostgresStore::GetOutboxEntry(int64_t outbox_id) {
  absl::StatusOr<std::optional<pg::OutboxRow>> row = pg::GetOutboxRow(*pool_, outbox_id);
  if (!row.ok()) return pg_rows::ClientSafe(row.status(), "GetOutboxEntry");
  if (!row->has_value()) return NotFound(HandoffName(outbox_id));
  std::vector<pg::OutboxRow> rows;
  rows.push_back(**std::move(row));
  absl::StatusOr<std::vector<OutboxEntry>> entries = Entries(*pool_, std::move(rows));
  if (!entries.ok()) return pg_rows::ClientSafe(entries.status(), "GetOutboxEntry");
  return std::move(entries->front());
}

absl::Status PostgresStore::RedriveOutboxEntry(int64_t outbox_id, const RequestRecord& request) {
  return pg_rows::ClientSafe(ChangeParked(*pool_, outbox_id, request,
                                          [&](pg::Connection& connection) {
                                            return pg::RedriveOutboxRow(connection, outbox_id,
                                                                        HandoffName(outbox_id));
                                          }),
                             "RedriveOutboxEntry");
}

absl::Status PostgresStore::DiscardOutboxEntry(int64_t outbox_id, const OutboxDiscard& discard,
                                               const RequestRecord& request) {
  return pg_rows::ClientSafe(ChangeParked(*pool_, outbox_id, request,
                                          [&](pg::Connection& connection) {
                                            return pg::DiscardOutboxRow(connection, outbox_id,
                                                                        discard,
                                                                        HandoffName(outbox_id));
                                          }),
                             "DiscardOutboxEntry");
}

absl::StatusOr<int64_t> PostgresStore::PruneRequests(absl::Time created_before, int limit) {
  return pg::PruneRequests(*pool_, created_before, HandoffRequestMethods(), limit);
}

absl::StatusOr<int64_t> PostgresStore::PruneOutbox(absl::Time finished_before, int limit) {
  return pg::PruneFinishedOutboxRows(*pool_, finished_before, limit);
}

}  // namespace redress::investigation
