// A service's outbox on PostgreSQL, shared by the replicas of the service. Each replica's sender
// claims work before delivering it, so that two replicas never deliver one hand-off at once, the
// per-key order holds across replicas, and the claim of a replica that died is taken over when its
// lease runs out. The table (created by each service's PostgreSQL migration 1; never edit it
// there, add a migration):
//
//   CREATE TABLE outbox (
//     id BIGINT PRIMARY KEY,              -- NextInsertSequence order: commit order
//     handoff_key TEXT NOT NULL UNIQUE,   -- the receiver's idempotency key
//     order_key TEXT NOT NULL,            -- records of one key are delivered in id order
//     payload BYTEA NOT NULL,             -- the service's serialized event
//     attempts INTEGER NOT NULL DEFAULT 0,
//     create_time TIMESTAMPTZ NOT NULL,
//     delivered_time TIMESTAMPTZ, last_attempt_time TIMESTAMPTZ,
//     last_error TEXT NOT NULL DEFAULT '',
//     claimed_by TEXT, claim_expires TIMESTAMPTZ);
//   CREATE INDEX outbox_pending ON outbox (order_key, id) WHERE delivered_time IS NULL;
//
// A later migration of each service (kParkingColumnsSchema) adds the dead-letter state
// (docs/reliability.md): park_time, park_reason, discard_time, discarded_by, discard_reason.
//
// The claim: only the head of each order key (its oldest record neither delivered nor discarded)
// can be claimed, and only while it is not parked: a parked head holds its key's later records
// back, and every other key's head is still claimed. A claim lasts `lease` by the database's clock
// (replicas' clocks never compare). A replica renews
// its own claims each time it claims; delivering releases the claim with the record. A later
// record of the key becomes the head only once the earlier one is delivered, so at most one
// record per key is ever in flight, whichever replica holds it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/outbox.h"
#include "common/store/postgres/connection.h"
#include "common/store/postgres/pool.h"

namespace redress::pg {

// The migration adding the dead-letter columns and the index of parked rows by order key.
inline constexpr char kParkingColumnsSchema[] = R"sql(
ALTER TABLE outbox ADD COLUMN park_time TIMESTAMPTZ;
ALTER TABLE outbox ADD COLUMN park_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN discard_time TIMESTAMPTZ;
ALTER TABLE outbox ADD COLUMN discarded_by TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN discard_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_parked ON outbox (id)
  WHERE park_time IS NOT NULL AND delivered_time IS NULL AND discard_time IS NULL;
)sql";

// One outbox row; `payload` is the service's serialized event.
struct OutboxRow {
  int64_t id = 0;
  std::string handoff_key;
  std::string order_key;
  std::string payload;
  int attempts = 0;
  absl::Time create_time = absl::InfinitePast();
  std::optional<absl::Time> delivered_time;
  std::optional<absl::Time> last_attempt_time;
  std::string last_error;
  std::string traceparent;  // of the call that inserted it; "" when none
  OutboxParking parking;
};

// Appends a row inside the caller's transaction, with the current traceparent
// (CurrentTraceparent, common/trace_context.h) and an id from NextInsertSequence(connection,
// "outbox", "outbox_id_seq"). The service creates the sequence in its migration.
absl::Status InsertOutboxRow(Connection& connection, std::string_view handoff_key,
                             std::string_view order_key, std::string_view payload,
                             absl::Time create_time);

// Rows in id order: pending only (neither delivered, parked nor discarded), or all; at most
// `limit` (none for limit <= 0). Reads; no claim. For status reports and listing.
absl::StatusOr<std::vector<OutboxRow>> ListOutboxRows(Pool& pool, bool include_delivered,
                                                      int limit);

// Claims for `claimant` (a replica's unique name) up to `limit` heads of order keys that no other
// replica holds a live claim on, and renews the claims `claimant` already holds; returns them in
// id order. Each claim expires `lease` from now by the database's clock. One short transaction;
// replicas claiming at once skip each other's rows (FOR UPDATE SKIP LOCKED) instead of waiting.
absl::StatusOr<std::vector<OutboxRow>> ClaimOutboxHeads(Pool& pool, std::string_view claimant,
                                                        absl::Duration lease, int limit);

// Records delivery at `when`, counting the attempt and releasing the claim. OK and no change for a
// row already delivered (a redelivery after a lost reply, or by a replica that took the claim
// over); NOT_FOUND for an unknown id.
absl::Status MarkOutboxDelivered(Pool& pool, int64_t id, absl::Time when);

// The payload a row keeps once delivered, computed from the row (and, for a service that keeps
// more about a row, its own columns through the connection): the hand-off without the personal
// data the next service needed and now holds (docs/security.md).
using DeliveredPayload =
    absl::FunctionRef<absl::StatusOr<std::string>(Connection& connection, const OutboxRow& row)>;

// As above, and in the same transaction replaces the row's payload by `delivered_payload` of it.
// A row already delivered is left as it is.
absl::Status MarkOutboxDelivered(Pool& pool, int64_t id, absl::Time when,
                                 DeliveredPayload delivered_payload);

// Records a failed attempt at `when` with `error`, counting it. The claim is kept: the replica
// that failed retries on its own backoff while it renews its claim, and another replica takes the
// record over only when that claim lapses. OK and no change for a row already delivered;
// NOT_FOUND for an unknown id.
absl::Status RecordOutboxFailure(Pool& pool, int64_t id, absl::Time when, std::string_view error);

// Deletes at most `limit` rows delivered or discarded before `finished_before`, oldest first;
// never a pending or parked row. Returns how many (docs/reliability.md, "Growth").
absl::StatusOr<int64_t> PruneFinishedOutboxRows(Pool& pool, absl::Time finished_before, int limit);

// The dead-letter state (docs/reliability.md).
// Parks pending row `id` at `when` for `reason`, keeping `error` as its last error and releasing
// its claim. OK and no change for a row not pending; NOT_FOUND ("outbox/{id}") for an unknown id.
absl::Status ParkOutboxRow(Pool& pool, int64_t id, absl::Time when, ParkReason reason,
                           std::string_view error);
absl::StatusOr<int64_t> CountParkedOutboxRows(Pool& pool);
// Parked rows with id > `after_id`, in id order, at most `limit`.
absl::StatusOr<std::vector<OutboxRow>> ListParkedOutboxRows(Pool& pool, int64_t after_id,
                                                            int limit);
// Row `id`, whatever its state; nullopt for an unknown id.
absl::StatusOr<std::optional<OutboxRow>> GetOutboxRow(Pool& pool, int64_t id);
// Inside the caller's transaction: makes parked row `id` pending again in its place, its attempts
// counted afresh. FAILED_PRECONDITION (INVALID_STATE_TRANSITION, naming `name`) unless parked;
// NOT_FOUND (`name`) for an unknown id.
absl::Status RedriveOutboxRow(Connection& connection, int64_t id, std::string_view name);
// Inside the caller's transaction: discards parked row `id` as `discard` says. Errors as
// RedriveOutboxRow.
absl::Status DiscardOutboxRow(Connection& connection, int64_t id, const OutboxDiscard& discard,
                              std::string_view name);

// Orders inserts into a keyset-paged collection by commit, inside the caller's transaction:
// takes a transaction-scoped advisory lock named after `collection`, then takes the next value of
// `sequence`. On PostgreSQL a sequence value is handed out before its transaction commits, so two
// writers can commit out of sequence order, and a reader paging by the sequence could pass a value
// whose row commits later and never see it. Holding the lock from the nextval to the commit means
// that every row with a smaller value has committed (or rolled back) before a larger value is
// handed out: sequence order is commit order, and a page boundary never skips a row. Inserts into
// one collection are serialised; reads and updates are not affected.
absl::StatusOr<int64_t> NextInsertSequence(Connection& connection, std::string_view collection,
                                           std::string_view sequence);

}  // namespace redress::pg
