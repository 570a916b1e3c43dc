// How every change to an investigation is made: read it, recognise a retry of an idempotent
// request, check the etag, compute the change from what is stored, and write it in one store
// call; a write that lost a race to another change is computed again when the client did not
// pin a version with an etag.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "common/working_day_calendar.h"
#include "services/investigation/investigation.h"
#include "services/investigation/store/store.h"

namespace redress::investigation {

// A change computed from the stored investigation, to be written in one store call.
struct Change {
  Investigation updated;           // version and update_time are set on writing
  std::optional<Handoff> handoff;  // put in the outbox in the same write
  std::string created_id;          // the evidence, comment or review added, for the request record
};

// A change that starts from `current` unchanged.
inline Change ChangeOf(const Investigation& current) {
  Change change;
  change.updated = current;
  return change;
}

// Computes the change from the stored investigation; an error is returned as it is.
using ChangeFn = std::function<absl::StatusOr<Change>(const Investigation& current)>;

// The idempotency key of a request: retries with the same body get the investigation as it is.
struct IdempotencyKey {
  std::string scope;  // RequestScope(method, id)
  std::string request_id;
  std::string fingerprint;
};

struct ChangeRequest {
  std::string id;
  std::string etag;  // "" = unconditional
  std::optional<IdempotencyKey> key;
  // When set and true of the stored investigation, the change was made by an earlier call of
  // which this is a retry: the investigation is returned as it is, before the etag is checked.
  std::function<bool(const Investigation&)> already_applied;
  absl::Time now;        // StoredNow(clock)
  absl::CivilDay today;  // Today(clock)
};

// A request for the investigation `id` with `etag`, now and today from `clock`.
ChangeRequest ChangeRequestAt(const Clock& clock, std::string id, std::string etag);

// Applies `change` as described above and returns the investigation as written, or as found for
// a retry (with AsOf(today) deadlines). The change is written as what changed: the investigation's
// row, the bounded lists that differ from the stored ones (ChangedLists) and the evidence or
// comment added, so a change costs the same however long the investigation's lists are. The
// investigation written and returned carries its most recent evidence and comments only
// (KeepRecentEntries). Errors in this order: NOT_FOUND, REQUEST_ID_REUSED, a stale etag (ABORTED),
// then `change`'s own, then INVESTIGATION_TOO_LARGE (CheckEncodedSize); ABORTED when concurrent
// changes kept winning.
absl::StatusOr<Investigation> ApplyChange(InvestigationStore& store,
                                          const WorkingDayCalendar& calendar,
                                          const ChangeRequest& request, const ChangeFn& change);

// The bounded lists (store.h) that differ between `before` and `after`.
ListsToWrite ChangedLists(const Investigation& before, const Investigation& after);

}  // namespace redress::investigation
