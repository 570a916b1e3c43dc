// PostgresStore's outbox: reading entries (an undecodable payload is reported on its entry, not as
// a failure of the read), claims and delivery bookkeeping, and parked hand-offs
// (docs/reliability.md), all over the shared table of common/store/postgres/outbox.h.
#include <utility>

#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/store/postgres/audit_log.h"
#include "common/store/postgres/outbox.h"
#include "common/store/postgres/requests.h"
#include "common/store/postgres/transaction.h"
#include "services/intake/store/handoff_payload.h"
#include "services/intake/store/postgres/postgres_store.h"

namespace redress::intake {
namespace {

std::string HandoffName(int64_t id) { return absl::StrCat("handoffs/", id); }

OutboxEntry EntryOf(pg::OutboxRow row) {
  OutboxEntry entry;
  entry.id = row.id;
  absl::StatusOr<AcceptanceHandoff> handoff = DecodeHandoff(row.payload);
  if (handoff.ok()) {
    entry.handoff = *std::move(handoff);
  } else {  // the sender parks it; the others are still read
    entry.undecodable = std::string(handoff.status().message());
    entry.handoff.handoff_key = row.handoff_key;
    entry.handoff.complaint_id = row.order_key;
  }
  entry.attempts = row.attempts;
  entry.create_time = row.create_time;
  entry.delivered_time = row.delivered_time;
  entry.last_attempt_time = row.last_attempt_time;
  entry.last_error = std::move(row.last_error);
  entry.traceparent = std::move(row.traceparent);
  entry.parking = std::move(row.parking);
  return entry;
}

std::vector<OutboxEntry> Entries(std::vector<pg::OutboxRow> rows) {
  std::vector<OutboxEntry> entries;
  entries.reserve(rows.size());
  for (pg::OutboxRow& row : rows) entries.push_back(EntryOf(std::move(row)));
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
        return pg::AppendAuditedChange(connection, "intake", HandoffName(outbox_id),
                                       request.request_id,
                                       {{"outbox", "id", absl::StrCat(outbox_id)}});
      });
}

}  // namespace

absl::StatusOr<std::vector<OutboxEntry>> PostgresStore::ListOutbox(bool include_delivered,
                                                                   int limit) {
  if (limit <= 0) return std::vector<OutboxEntry>();
  ASSIGN_OR_RETURN(std::vector<pg::OutboxRow> rows,
                   pg::ListOutboxRows(*pool_, include_delivered, limit));
  return Entries(std::move(rows));
}

absl::StatusOr<std::vector<OutboxEntry>> PostgresStore::ClaimOutbox(std::string_view claimant,
                                                                    absl::Duration lease,
                                                                    int limit) {
  if (limit <= 0) return std::vector<OutboxEntry>();
  ASSIGN_OR_RETURN(std::vector<pg::OutboxRow> rows,
                   pg::ClaimOutboxHeads(*pool_, claimant, lease, limit));
  return Entries(std::move(rows));
}

absl::Status PostgresStore::MarkDelivered(int64_t outbox_id, absl::Time when) {
  // The row keeps only what it needs once delivered (DeliveredHandoff).
  return pg::MarkOutboxDelivered(
      *pool_, outbox_id, when,
      [](pg::Connection&, const pg::OutboxRow& row) { return DeliveredPayload(row.payload); });
}

absl::Status PostgresStore::RecordFailedAttempt(int64_t outbox_id, absl::Time when,
                                                std::string error) {
  return pg::RecordOutboxFailure(*pool_, outbox_id, when, error);
}

// --- Parked hand-offs. ---

absl::Status PostgresStore::ParkOutboxEntry(int64_t outbox_id, absl::Time when, ParkReason reason,
                                            std::string error) {
  return pg::ParkOutboxRow(*pool_, outbox_id, when, reason, error);
}

absl::StatusOr<int64_t> PostgresStore::CountParkedOutbox() {
  return pg::CountParkedOutboxRows(*pool_);
}

absl::StatusOr<std::vector<OutboxEntry>> PostgresStore::ListParkedOutbox(int64_t after_id,
                                                                         int limit) {
  ASSIGN_OR_RETURN(std::vector<pg::OutboxRow> rows,
                   pg::ListParkedOutboxRows(*pool_, after_id, limit));
  return Entries(std::move(rows));
}

absl::StatusOr<OutboxEntry> PostgresStore::GetOutboxEntry(int64_t outbox_id) {
  ASSIGN_OR_RETURN(std::optional<pg::OutboxRow> row, pg::GetOutboxRow(*pool_, outbox_id));
  if (!row.has_value()) return NotFound(HandoffName(outbox_id));
  return EntryOf(*std::move(row));
}

absl::Status PostgresStore::RedriveOutboxEntry(int64_t outbox_id, const RequestRecord& request) {
  return ChangeParked(*pool_, outbox_id, request, [&](pg::Connection& connection) {
    return pg::RedriveOutboxRow(connection, outbox_id, HandoffName(outbox_id));
  });
}

absl::Status PostgresStore::DiscardOutboxEntry(int64_t outbox_id, const OutboxDiscard& discard,
                                               const RequestRecord& request) {
  return ChangeParked(*pool_, outbox_id, request, [&](pg::Connection& connection) {
    return pg::DiscardOutboxRow(connection, outbox_id, discard, HandoffName(outbox_id));
  });
}

absl::StatusOr<int64_t> PostgresStore::PruneRequests(absl::Time created_before, int limit) {
  return pg::PruneRequests(*pool_, created_before, /*kept_methods=*/{}, limit);
}

absl::StatusOr<int64_t> PostgresStore::PruneOutbox(absl::Time finished_before, int limit) {
  return pg::PruneFinishedOutboxRows(*pool_, finished_before, limit);
}

}  // namespace redress::intake
