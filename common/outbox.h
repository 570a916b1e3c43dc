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
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace redress {

// Why a hand-off was parked. The stores keep ParkReasonName; Unspecified is "not parked".
enum class ParkReason {
  kUnspecified = 0,
  kRefused,            // the receiver refused it for good (IsPermanentRefusal, handoff_park.h)
  kUndecodable,        // its stored payload could not be decoded: it cannot be sent at all
  kAttemptsExhausted,  // OutboxSenderOptions::max_attempts answered failures (ParkAfterFailure)
};
// "REFUSED", "UNDECODABLE", "ATTEMPTS_EXHAUSTED"; "" for kUnspecified.
inline std::string_view ParkReasonName(ParkReason reason) {
  switch (reason) {
    case ParkReason::kRefused:
      return "REFUSED";
    case ParkReason::kUndecodable:
      return "UNDECODABLE";
    case ParkReason::kAttemptsExhausted:
      return "ATTEMPTS_EXHAUSTED";
    case ParkReason::kUnspecified:
      break;
  }
  return "";
}
// The reason named `name`; kUnspecified for "" or a name not above.
inline ParkReason ParkReasonNamed(std::string_view name) {
  for (ParkReason reason :
       {ParkReason::kRefused, ParkReason::kUndecodable, ParkReason::kAttemptsExhausted}) {
    if (ParkReasonName(reason) == name) return reason;
  }
  return ParkReason::kUnspecified;
}

// What a store keeps of an outbox row's dead-letter state (docs/reliability.md). A row is parked
// while park_time is set; re-driving clears it. A discarded row is never sent: it counts as
// finished, like a delivered one, and no longer holds back the rows after it.
struct OutboxParking {
  std::optional<absl::Time> park_time;
  ParkReason park_reason = ParkReason::kUnspecified;
  std::optional<absl::Time> discard_time;
  std::string discarded_by;  // the actor (Principal::Actor) who discarded it
  std::string discard_reason;

  bool parked() const { return park_time.has_value() && !discard_time.has_value(); }
};

// Where a stored hand-off stands. Pending: to be delivered (or held behind a parked hand-off of
// its order key); parked: set aside until re-driven or discarded; delivered and discarded are
// final.
enum class OutboxState { kPending, kParked, kDelivered, kDiscarded };

inline OutboxState StateOf(const std::optional<absl::Time>& delivered_time,
                           const OutboxParking& parking) {
  if (delivered_time.has_value()) return OutboxState::kDelivered;
  if (parking.discard_time.has_value()) return OutboxState::kDiscarded;
  if (parking.park_time.has_value()) return OutboxState::kParked;
  return OutboxState::kPending;
}

// "PENDING", "PARKED", "DELIVERED", "DISCARDED".
inline std::string_view OutboxStateName(OutboxState state) {
  switch (state) {
    case OutboxState::kPending:
      return "PENDING";
    case OutboxState::kParked:
      return "PARKED";
    case OutboxState::kDelivered:
      return "DELIVERED";
    case OutboxState::kDiscarded:
      return "DISCARDED";
  }
  return "";
}

// A discard: who asks it, why and when.
struct OutboxDiscard {
  absl::Time when = absl::InfinitePast();
  std::string actor;
  std::string reason;
};

// One pending hand-off, as the sender sees it.
struct OutboxRecord {
  int64_t id = 0;           // assigned by the store, increasing: the order of delivery
  std::string handoff_key;  // the receiver's idempotency key, e.g. "complaints/{id}/acceptance"
  // Records with the same order key are delivered strictly in id order: one waits while an earlier
  // one is undelivered, parked included (a discarded one no longer holds it). Records with
  // different keys never wait for each other. Intake orders by complaint, investigation by
  // investigation.
  std::string order_key;
  absl::Time create_time = absl::InfinitePast();  // when the hand-off was recorded
  int attempts = 0;                               // attempts recorded before this read
  // The traceparent of the call that recorded it (trace_context.h): each delivery attempt is a
  // span of that trace. "" when none was kept.
  std::string traceparent;
  // What the transport sends, e.g. an AcceptanceHandoff. Its type is agreed between a service's
  // OutboxSource and its OutboxTransport; PayloadAs reads it.
  std::any payload;
  // Not OK when the source could not decode the stored payload (`payload` is then empty): the
  // sender parks the record without sending it, and delivers the others.
  absl::Status payload_error;
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
  // Parks record `id` at `when` for `reason`, keeping `error` as its last error: from then on
  // neither it nor a later record of its order key is pending or claimed, until it is re-driven.
  // For a record delivered, discarded or parked already it is OK and changes nothing.
  virtual absl::Status Park(int64_t id, absl::Time when, ParkReason reason, std::string error) = 0;
  // How many records are parked now.
  virtual absl::StatusOr<int64_t> CountParked() = 0;
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
  int64_t parked = 0;                      // records parked now (not counted in `pending`)
};

}  // namespace redress
