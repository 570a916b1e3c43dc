// The two sides of outbox delivery (DESIGN §1), which OutboxSender (outbox_sender.h) joins: where
// pending hand-offs are read and their delivery recorded (OutboxSource, a service's store behind a
// thin adapter), and how one hand-off reaches the receiving service (OutboxTransport, a gRPC client
// of it). What a hand-off carries is opaque to the sender: a service's source puts it in
// OutboxRecord::payload as a type that the same service's transport takes out again.
#pragma once

#include <any>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace redress {

// One pending hand-off, as the sender sees it.
struct OutboxRecord {
  int64_t id = 0;           // assigned by the store, increasing: the order of delivery
  std::string handoff_key;  // the receiver's idempotency key, e.g. "complaints/{id}/acceptance"
  // Records with the same order key are delivered strictly in id order: one waits while an earlier
  // one is undelivered. Records with different keys never wait for each other. Intake orders by
  // complaint, investigation by investigation.
  std::string order_key;
  absl::Time create_time = absl::InfinitePast();  // when the hand-off was recorded
  int attempts = 0;                               // attempts recorded before this read
  // The traceparent of the call that recorded it (trace_context.h): each delivery attempt is a
  // span of that trace. "" when none was kept.
  std::string traceparent;
  // What the transport sends, e.g. an AcceptanceHandoff. Its type is agreed between a service's
  // OutboxSource and its OutboxTransport; PayloadAs reads it.
  std::any payload;
};

// `record`'s payload if it holds a T, else nullptr.
template <typename T>
const T* PayloadAs(const OutboxRecord& record) {
  return std::any_cast<T>(&record.payload);
}

// The store side: a service's outbox. Thread-safe; each write is atomic and durable when it
// returns OK. NOT_FOUND for an unknown id; other failures are UNAVAILABLE or INTERNAL.
class OutboxSource {
 public:
  virtual ~OutboxSource() = default;
  // Up to `limit` undelivered records, in id order (nothing for limit <= 0). A read: for the
  // backlog and status reports.
  virtual absl::StatusOr<std::vector<OutboxRecord>> ListPending(int limit) = 0;
  // The records this sender may deliver now, in id order, up to `limit`. Where several replicas
  // share one outbox (PostgreSQL), a source claims them for this replica so that no other replica
  // delivers them at the same time (common/store/postgres/outbox.h); a source only one process
  // reads (SQLite, the fakes) returns ListPending.
  virtual absl::StatusOr<std::vector<OutboxRecord>> ClaimPending(int limit) {
    return ListPending(limit);
  }
  // Records delivery at `when` and counts the attempt. For a record already delivered it is OK
  // and changes nothing (a redelivery after a lost reply).
  virtual absl::Status MarkDelivered(int64_t id, absl::Time when) = 0;
  // Records a failed attempt at `when` with `error` (its last attempt and error), counting it. For
  // a record already delivered it is OK and changes nothing.
  virtual absl::Status RecordFailedAttempt(int64_t id, absl::Time when, std::string error) = 0;
};

// The delivery side: hands one record to the receiving service. Thread-safe.
class OutboxTransport {
 public:
  virtual ~OutboxTransport() = default;
  // Delivers `record`, giving up at `deadline`. OK or ALREADY_EXISTS: the receiver has it (the
  // handoff_key is its idempotency key, so a repeat is harmless). Anything else: it may or may
  // not have it; the sender tries again later. A payload of the wrong type is a failure too
  // (INTERNAL), retried like any other.
  virtual absl::Status Deliver(const OutboxRecord& record, absl::Time deadline) = 0;
  // Makes a Deliver in progress on another thread return soon (any status). Used when the sender
  // stops, so that a slow receiver does not hold up shutdown. The default does nothing.
  virtual void CancelInFlight() {}
};

// What is waiting to be delivered, for the status RPC (handoff_status.h) and the log.
struct OutboxBacklog {
  absl::Time as_of = absl::InfinitePast();       // when it was read, by the sender's clock
  int64_t pending = 0;                           // counted up to OutboxSenderOptions::batch_size
  std::optional<absl::Time> oldest_create_time;  // the oldest pending record's; unset when none
  int64_t delivered_total = 0;                   // by this sender since it was created
  std::string last_error;  // of the most recent attempt; "" if it succeeded or none was made
  std::optional<absl::Time> last_attempt;  // of the most recent attempt, if any
};

}  // namespace redress
