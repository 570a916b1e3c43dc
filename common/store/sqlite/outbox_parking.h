// The dead-letter state of a service's outbox on SQLite (docs/reliability.md): the columns each
// service's migration adds to its `outbox` table, what a sender may claim, and the writes that
// park, re-drive and discard a row. The services keep their own outbox tables (their order key
// column and payload differ); these are the statements they share. Every function runs inside the
// caller's transaction (or read), on table `outbox`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/outbox.h"
#include "common/store/sqlite/sqlite.h"

namespace redress::sqlite_outbox {

// The migration adding the columns: park_time and discard_time in microseconds since the epoch
// (NULL while not parked / not discarded), park_reason (ParkReasonName), discarded_by and
// discard_reason. A service's migration also indexes the parked rows by its order key column
// (ParkedIndexSql).
inline constexpr char kParkingColumnsSchema[] =
    "ALTER TABLE outbox ADD COLUMN park_time INTEGER;"
    "ALTER TABLE outbox ADD COLUMN park_reason TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE outbox ADD COLUMN discard_time INTEGER;"
    "ALTER TABLE outbox ADD COLUMN discarded_by TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE outbox ADD COLUMN discard_reason TEXT NOT NULL DEFAULT '';";
// "CREATE INDEX outbox_parked ON outbox (<order_column>, id) WHERE <parked>;": what the claim's
// look-up of a parked earlier row of the same key reads.
std::string ParkedIndexSql(std::string_view order_column);

// The columns ReadParking reads, in this order; append them to a SELECT of outbox.
inline constexpr char kParkingColumns[] =
    "park_time, park_reason, discard_time, discarded_by, discard_reason";
// The parking in the row of `select` whose kParkingColumns start at `first_column`.
OutboxParking ReadParking(const Statement& select, int first_column);

// Conditions on a row of outbox. Pending: neither delivered, parked nor discarded.
inline constexpr char kPending[] =
    "(delivered_time IS NULL AND park_time IS NULL AND discard_time IS NULL)";
inline constexpr char kParked[] =
    "(park_time IS NOT NULL AND delivered_time IS NULL AND discard_time IS NULL)";
// A pending row that no parked row of the same `order_column` value comes before: what a sender
// may claim. A parked row holds back every later row of its key, so that a case's hand-offs
// never reach the receiver out of order (a reopening before its decision), while other keys'
// rows are read past it however many rows are parked.
std::string ClaimableSql(std::string_view order_column);

// Parks pending row `id` at `when` for `reason`, keeping `error` as its last error. OK and no
// change for a row that is not pending; NOT_FOUND ("outbox/{id}") for an unknown id.
absl::Status ParkRow(Connection& connection, int64_t id, absl::Time when, ParkReason reason,
                     std::string_view error);
// The number of parked rows.
absl::StatusOr<int64_t> CountParkedRows(Connection& connection);
// Makes parked row `id` pending again, in its place (its id is its order), with its attempts
// counted afresh. FAILED_PRECONDITION (INVALID_STATE_TRANSITION, naming `name`) unless parked;
// NOT_FOUND (`name`) for an unknown id.
absl::Status RedriveRow(Connection& connection, int64_t id, std::string_view name);
// Discards parked row `id` as `discard` says; it is never sent. Errors as RedriveRow.
absl::Status DiscardRow(Connection& connection, int64_t id, const OutboxDiscard& discard,
                        std::string_view name);

// Deletes at most `limit` rows delivered or discarded before `finished_before`, oldest first; never
// a pending or parked row. Returns how many (docs/reliability.md, "Growth").
absl::StatusOr<int64_t> PruneFinishedRows(Connection& connection, absl::Time finished_before,
                                          int limit);

}  // namespace redress::sqlite_outbox
