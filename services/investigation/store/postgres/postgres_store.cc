// PostgresStore: connecting, idempotency records and the outbox. The investigation methods are in
// postgres_store_investigations.cc.
#include "services/investigation/store/postgres/postgres_store.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "common/store/postgres/audit_log.h"
#include "common/store/postgres/migrations.h"
#include "common/store/postgres/outbox.h"
#include "common/store/postgres/requests.h"
#include "common/store/postgres/transaction.h"
#include "services/investigation/store/handoff_payload.h"
#include "services/investigation/store/postgres/postgres_store_status.h"

namespace redress::investigation {
namespace {

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

// The outbox entries of `rows`, in their order, with the hand-offs decoded.
absl::StatusOr<std::vector<OutboxEntry>> Entries(pg::Pool& pool, std::vector<pg::OutboxRow> rows) {
  ASSIGN_OR_RETURN(auto kinds, OutboxKinds(pool, rows));
  std::vector<OutboxEntry> entries;
  entries.reserve(rows.size());
  for (pg::OutboxRow& row : rows) {
    const auto kind = kinds.find(row.id);
    if (kind == kinds.end()) return absl::InternalError("outbox row has no kind");
    OutboxEntry entry;
    entry.id = row.id;
    ASSIGN_OR_RETURN(entry.handoff, DecodeHandoff(kind->second, row.payload, row.create_time));
    entry.attempts = row.attempts;
    entry.create_time = row.create_time;
    entry.delivered_time = row.delivered_time;
    entry.last_attempt_time = row.last_attempt_time;
    entry.last_error = std::move(row.last_error);
    entry.traceparent = std::move(row.traceparent);
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace

absl::StatusOr<std::unique_ptr<PostgresStore>> PostgresStore::Connect(
    std::unique_ptr<pg::Pool> pool) {
  if (pool == nullptr) return absl::InvalidArgumentError("PostgresStore needs a pool");
  RETURN_IF_ERROR(pg::Migrate(*pool, "redress.investigation", Migrations()));
  return std::unique_ptr<PostgresStore>(new PostgresStore(std::move(pool)));
}

// --- Audit log. ---

absl::StatusOr<std::vector<audit::AuditEntry>> PostgresStore::ListAuditEntries(
    int64_t after_sequence, int limit) {
  std::vector<audit::AuditEntry> entries;
  if (limit <= 0) return entries;
  const absl::Status status =
      pg::RunInTransaction(*pool_, pg::SnapshotRead(), [&](pg::Connection& connection) {
        ASSIGN_OR_RETURN(entries, pg::ListAuditEntries(connection, after_sequence, limit));
        return absl::OkStatus();
      });
  if (!status.ok()) return pg_rows::ClientSafe(status, "ListAuditEntries");
  return entries;
}

// --- Idempotency records. ---

absl::StatusOr<std::optional<RequestRecord>> PostgresStore::FindRequest(
    std::string_view scope, std::string_view request_id) {
  std::optional<RequestRecord> found;
  const absl::Status status =
      pg::RunInTransaction(*pool_, pg::SnapshotRead(), [&](pg::Connection& connection) {
        ASSIGN_OR_RETURN(found, pg::FindRequest(connection, scope, request_id));
        return absl::OkStatus();
      });
  if (!status.ok()) return pg_rows::ClientSafe(status, "FindRequest");
  return found;
}

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

}  // namespace redress::investigation
