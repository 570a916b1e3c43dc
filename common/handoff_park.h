// When a hand-off stops being retried and is parked (docs/reliability.md): the receiver refused it
// for good, or it failed too often. The rule is one pure function so that it is tested on its own
// and the sender (outbox_sender.h) only applies it.
#pragma once

#include <optional>

#include "absl/status/status.h"
#include "common/outbox.h"

namespace redress {

// Whether `code`, returned by the receiver for a hand-off, is a refusal that sending the same
// hand-off again cannot change:
// - INVALID_ARGUMENT: the receiver finds the hand-off malformed, or its key already used for a
//   different hand-off (a fingerprint that no longer matches, e.g. after an upgrade changed the
//   encoding); the payload is fixed in the outbox, so every retry is refused the same way.
// - FAILED_PRECONDITION: the receiver's state does not allow it (e.g. remedy refuses a reopening
//   of a decision it never received). Per-case ordering means the missing step is not on its way.
// - NOT_FOUND: what the hand-off refers to does not exist at the receiver.
// - OUT_OF_RANGE: a value the receiver cannot take.
// Not permanent, as waiting or fixing something outside the record cures them: UNAVAILABLE,
// DEADLINE_EXCEEDED, CANCELLED, RESOURCE_EXHAUSTED, ABORTED (the receiver is busy or contended);
// PERMISSION_DENIED and UNAUTHENTICATED (credentials or the access table get fixed); UNIMPLEMENTED
// (an older receiver during a rolling upgrade); INTERNAL, UNKNOWN, DATA_LOSS (the receiver's own
// fault, often a transient one). ALREADY_EXISTS is not a failure: the receiver has the hand-off.
// Of these, the delays (IsDelay) are retried for ever, the others until the attempt limit.
bool IsPermanentRefusal(absl::StatusCode code);

// Whether `code` means the receiver did not take the hand-off up at all (unreachable, busy, slow
// or contended: UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, RESOURCE_EXHAUSTED, ABORTED). Such a
// failure delays a hand-off and never parks it, however long it lasts: an outage of the receiver
// must not turn into work for an operator (DESIGN §1).
bool IsDelay(absl::StatusCode code);

// Why a record whose delivery just failed with `delivery` is parked; nullopt while it should be
// retried. `answered_failures` counts the failures that were not delays (IsDelay), this one
// included. A permanent refusal parks at once; another answered failure once `answered_failures`
// reaches `max_attempts` (no limit when max_attempts <= 0); a delay never does.
// REQUIRES: !delivery.ok().
std::optional<ParkReason> ParkAfterFailure(const absl::Status& delivery, int answered_failures,
                                           int max_attempts);

}  // namespace redress
