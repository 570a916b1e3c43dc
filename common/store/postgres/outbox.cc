#include "common/store/postgres/outbox.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/store/postgres/migrations.h"
#include "common/store/postgres/params.h"
#include "common/store/postgres/result.h"
#include "common/store/postgres/transaction.h"
#include "common/trace_context.h"

namespace redress::pg {
namespace {

constexpr char kColumns[] =
    "id, handoff_key, order_key, payload, attempts, create_time, delivered_time, "
    "last_attempt_time, last_error, COALESCE(traceparent, '') AS traceparent, park_time, "
    "park_reason, discard_time, discarded_by, discard_reason";

constexpr char kPending[] =
    "(delivered_time IS NULL AND park_time IS NULL AND discard_time IS NULL)";
constexpr char kParked[] =
    "(park_time IS NOT NULL AND delivered_time IS NULL AND discard_time IS NULL)";

absl::StatusOr<OutboxRow> ReadRow(const Row& row) {
  OutboxRow out;
  ASSIGN_OR_RETURN(out.id, row.Int64("id"));
  ASSIGN_OR_RETURN(out.handoff_key, row.Text("handoff_key"));
  ASSIGN_OR_RETURN(out.order_key, row.Text("order_key"));
  ASSIGN_OR_RETURN(out.payload, row.Bytes("payload"));
  ASSIGN_OR_RETURN(int64_t attempts, row.Int64("attempts"));
  out.attempts = static_cast<int>(attempts);
  ASSIGN_OR_RETURN(out.create_time, row.Time("create_time"));
  ASSIGN_OR_RETURN(out.delivered_time, row.OptionalTime("delivered_time"));
  ASSIGN_OR_RETURN(out.last_attempt_time, row.OptionalTime("last_attempt_time"));
  ASSIGN_OR_RETURN(out.last_error, row.Text("last_error"));
  ASSIGN_OR_RETURN(out.traceparent, row.Text("traceparent"));
  ASSIGN_OR_RETURN(out.parking.park_time, row.OptionalTime("park_time"));
  ASSIGN_OR_RETURN(std::string reason, row.Text("park_reason"));
  out.parking.park_reason = ParkReasonNamed(reason);
  ASSIGN_OR_RETURN(out.parking.discard_time, row.OptionalTime("discard_time"));
  ASSIGN_OR_RETURN(out.parking.discarded_by, row.Text("discarded_by"));
  ASSIGN_OR_RETURN(out.parking.discard_reason, row.Text("discard_reason"));
  return out;
}

absl::StatusOr<std::vector<OutboxRow>> ReadRows(const Result& result) {
  std::vector<OutboxRow> rows;
  rows.reserve(result.rows());
  for (int i = 0; i < result.rows(); ++i) {
    ASSIGN_OR_RETURN(OutboxRow row, ReadRow(result.row(i)));
    rows.push_back(std::move(row));
  }
  return rows;
}

// Runs `sql` (an UPDATE of one undelivered row, with $1 the id) in its own transaction; when it
// changed nothing, NOT_FOUND unless the row exists (delivered already: OK, nothing to do).
absl::Status UpdateUndelivered(Pool& pool, int64_t id, std::string_view sql, Params params) {
  TransactionOptions options;
  options.isolation = Isolation::kReadCommitted;
  return RunInTransaction(pool, options, [&](Connection& connection) -> absl::Status {
    ASSIGN_OR_RETURN(Result updated, connection.Execute(sql, params));
    if (updated.affected_rows() > 0) return absl::OkStatus();
    ASSIGN_OR_RETURN(Result exists,
                     connection.Execute("SELECT 1 FROM outbox WHERE id = $1", Params().Add(id)));
    if (exists.rows() == 0) return NotFound(absl::StrCat("outbox/", id));
    return absl::OkStatus();
  });
}

}  // namespace

absl::Status InsertOutboxRow(Connection& connection, std::string_view handoff_key,
                             std::string_view order_key, std::string_view payload,
                             absl::Time create_time) {
  ASSIGN_OR_RETURN(int64_t id, NextInsertSequence(connection, "outbox", "outbox_id_seq"));
  return connection
      .Execute(
          "INSERT INTO outbox (id, handoff_key, order_key, payload, create_time, traceparent) "
          "VALUES ($1, $2, $3, $4, $5, NULLIF($6, ''))",
          Params()
              .Add(id)
              .Add(handoff_key)
              .Add(order_key)
              .AddBytes(payload)
              .Add(create_time)
              .Add(CurrentTraceparent()))
      .status();
}

absl::StatusOr<std::vector<OutboxRow>> ListOutboxRows(Pool& pool, bool include_delivered,
                                                      int limit) {
  if (limit <= 0) return std::vector<OutboxRow>();
  ASSIGN_OR_RETURN(PooledConnection connection, pool.Acquire());
  ASSIGN_OR_RETURN(
      Result result,
      connection->Execute(
          absl::StrCat("SELECT ", kColumns, " FROM outbox", include_delivered ? "" : " WHERE ",
                       include_delivered ? "" : kPending, " ORDER BY id LIMIT $1"),
          Params().Add(limit)));
  return ReadRows(result);
}

absl::StatusOr<std::vector<OutboxRow>> ClaimOutboxHeads(Pool& pool, std::string_view claimant,
                                                        absl::Duration lease, int limit) {
  if (limit <= 0) return std::vector<OutboxRow>();
  // READ COMMITTED: SKIP LOCKED under SERIALIZABLE would fail with serialization errors whenever
  // replicas claim together; here a row another replica is claiming is simply passed over, and a
  // claim it committed is seen (the heads are re-read per statement).
  TransactionOptions options;
  options.isolation = Isolation::kReadCommitted;
  std::vector<OutboxRow> claimed;
  RETURN_IF_ERROR(RunInTransaction(pool, options, [&](Connection& connection) -> absl::Status {
    claimed.clear();
    ASSIGN_OR_RETURN(
        Result result,
        connection.Execute(
            // A parked head stays the head of its key (holding the key's later records back)
            // but is not claimed; the LIMIT applies after, so parked heads never crowd out the
            // claimable ones.
            absl::StrCat("WITH heads AS (SELECT DISTINCT ON (order_key) id FROM outbox"
                         " WHERE delivered_time IS NULL AND discard_time IS NULL"
                         " ORDER BY order_key, id),"
                         " mine AS (SELECT o.id FROM outbox o JOIN heads h ON o.id = h.id"
                         "  WHERE o.park_time IS NULL AND (o.claimed_by IS NULL"
                         "   OR o.claimed_by = $1 OR o.claim_expires < clock_timestamp())"
                         "  ORDER BY o.id LIMIT $2 FOR UPDATE OF o SKIP LOCKED)"
                         " UPDATE outbox SET claimed_by = $1,"
                         "  claim_expires = clock_timestamp() + make_interval(secs => $3::float8)"
                         " FROM mine WHERE outbox.id = mine.id AND ",
                         kPending, " RETURNING ",
                         "outbox.id, handoff_key, order_key, payload, attempts, create_time,"
                         " delivered_time, last_attempt_time, last_error,"
                         " COALESCE(traceparent, '') AS traceparent, park_time, park_reason,"
                         " discard_time, discarded_by, discard_reason"),
            Params().Add(claimant).Add(limit).Add(absl::StrCat(absl::ToDoubleSeconds(lease)))));
    ASSIGN_OR_RETURN(claimed, ReadRows(result));
    return absl::OkStatus();
  }));
  std::sort(claimed.begin(), claimed.end(),
            [](const OutboxRow& a, const OutboxRow& b) { return a.id < b.id; });
  return claimed;
}

absl::Status MarkOutboxDelivered(Pool& pool, int64_t id, absl::Time when) {
  return UpdateUndelivered(pool, id,
                           "UPDATE outbox SET delivered_time = $2, attempts = attempts + 1,"
                           " claimed_by = NULL, claim_expires = NULL"
                           " WHERE id = $1 AND delivered_time IS NULL",
                           Params().Add(id).Add(when));
}

absl::Status MarkOutboxDelivered(Pool& pool, int64_t id, absl::Time when,
                                 DeliveredPayload delivered_payload) {
  TransactionOptions options;
  options.isolation = Isolation::kReadCommitted;
  return RunInTransaction(pool, options, [&](Connection& connection) -> absl::Status {
    ASSIGN_OR_RETURN(Result found,
                     connection.Execute(
                         absl::StrCat("SELECT ", kColumns, " FROM outbox WHERE id = $1 FOR UPDATE"),
                         Params().Add(id)));
    if (found.rows() == 0) return NotFound(absl::StrCat("outbox/", id));
    ASSIGN_OR_RETURN(OutboxRow row, ReadRow(found.row(0)));
    if (row.delivered_time.has_value()) return absl::OkStatus();
    ASSIGN_OR_RETURN(std::string payload, delivered_payload(connection, row));
    return connection
        .Execute(
            "UPDATE outbox SET delivered_time = $2, attempts = attempts + 1, payload = $3,"
            " claimed_by = NULL, claim_expires = NULL WHERE id = $1",
            Params().Add(id).Add(when).AddBytes(payload))
        .status();
  });
}

absl::Status RecordOutboxFailure(Pool& pool, int64_t id, absl::Time when, std::string_view error) {
  return UpdateUndelivered(pool, id,
                           "UPDATE outbox SET attempts = attempts + 1, last_attempt_time = $2,"
                           " last_error = $3 WHERE id = $1 AND delivered_time IS NULL",
                           Params().Add(id).Add(when).Add(error));
}

absl::Status ParkOutboxRow(Pool& pool, int64_t id, absl::Time when, ParkReason reason,
                           std::string_view error) {
  return UpdateUndelivered(pool, id,
                           absl::StrCat("UPDATE outbox SET park_time = $2, park_reason = $3,"
                                        " last_error = $4, claimed_by = NULL, claim_expires = NULL"
                                        " WHERE id = $1 AND ",
                                        kPending),
                           Params().Add(id).Add(when).Add(ParkReasonName(reason)).Add(error));
}

absl::StatusOr<int64_t> PruneFinishedOutboxRows(Pool& pool, absl::Time finished_before, int limit) {
  ASSIGN_OR_RETURN(PooledConnection connection, pool.Acquire());
  ASSIGN_OR_RETURN(Result result,
                   connection->Execute("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox "
                                       "WHERE coalesce(delivered_time, discard_time) < $1 "
                                       "ORDER BY id LIMIT $2)",
                                       Params().Add(finished_before).Add(limit)));
  return result.affected_rows();
}

absl::StatusOr<int64_t> CountParkedOutboxRows(Pool& pool) {
  ASSIGN_OR_RETURN(PooledConnection connection, pool.Acquire());
  ASSIGN_OR_RETURN(
      Result result,
      connection->Execute(absl::StrCat("SELECT COUNT(*) AS parked FROM outbox WHERE ", kParked),
                          Params()));
  return result.row(0).Int64("parked");
}

absl::StatusOr<std::vector<OutboxRow>> ListParkedOutboxRows(Pool& pool, int64_t after_id,
                                                            int limit) {
  if (limit <= 0) return std::vector<OutboxRow>();
  ASSIGN_OR_RETURN(PooledConnection connection, pool.Acquire());
  ASSIGN_OR_RETURN(
      Result result,
      connection->Execute(absl::StrCat("SELECT ", kColumns, " FROM outbox WHERE id > $1 AND ",
                                       kParked, " ORDER BY id LIMIT $2"),
                          Params().Add(after_id).Add(limit)));
  return ReadRows(result);
}

absl::StatusOr<std::optional<OutboxRow>> GetOutboxRow(Pool& pool, int64_t id) {
  ASSIGN_OR_RETURN(PooledConnection connection, pool.Acquire());
  ASSIGN_OR_RETURN(Result result, connection->Execute(absl::StrCat("SELECT ", kColumns,
                                                                   " FROM outbox WHERE id = $1"),
                                                      Params().Add(id)));
  if (result.rows() == 0) return std::optional<OutboxRow>();
  ASSIGN_OR_RETURN(OutboxRow row, ReadRow(result.row(0)));
  return std::optional<OutboxRow>(std::move(row));
}

namespace {

// OK when row `id` is parked (and locks it); otherwise NOT_FOUND or FAILED_PRECONDITION naming
// its state and `action`.
absl::Status LockParked(Connection& connection, int64_t id, std::string_view name,
                        std::string_view action) {
  ASSIGN_OR_RETURN(
      Result found,
      connection.Execute(absl::StrCat("SELECT ", kColumns, " FROM outbox WHERE id = $1 FOR UPDATE"),
                         Params().Add(id)));
  if (found.rows() == 0) return NotFound(name);
  ASSIGN_OR_RETURN(OutboxRow row, ReadRow(found.row(0)));
  const OutboxState state = StateOf(row.delivered_time, row.parking);
  if (state == OutboxState::kParked) return absl::OkStatus();
  return InvalidStateTransition(name, OutboxStateName(state), action);
}

}  // namespace

absl::Status RedriveOutboxRow(Connection& connection, int64_t id, std::string_view name) {
  RETURN_IF_ERROR(LockParked(connection, id, name, "re-drive"));
  return connection
      .Execute("UPDATE outbox SET park_time = NULL, park_reason = '', attempts = 0 WHERE id = $1",
               Params().Add(id))
      .status();
}

absl::Status DiscardOutboxRow(Connection& connection, int64_t id, const OutboxDiscard& discard,
                              std::string_view name) {
  RETURN_IF_ERROR(LockParked(connection, id, name, "discard"));
  return connection
      .Execute(
          "UPDATE outbox SET discard_time = $2, discarded_by = $3, discard_reason = $4"
          " WHERE id = $1",
          Params().Add(id).Add(discard.when).Add(discard.actor).Add(discard.reason))
      .status();
}

absl::StatusOr<int64_t> NextInsertSequence(Connection& connection, std::string_view collection,
                                           std::string_view sequence) {
  RETURN_IF_ERROR(connection
                      .Execute("SELECT pg_advisory_xact_lock($1)",
                               Params().Add(MigrationLockKey(
                                   absl::StrCat("insert-order:", std::string(collection)))))
                      .status());
  ASSIGN_OR_RETURN(Result result, connection.Execute("SELECT nextval($1::regclass) AS value",
                                                     Params().Add(sequence)));
  return result.row(0).Int64("value");
}

}  // namespace redress::pg
