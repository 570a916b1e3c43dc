// How remedy receives a hand-off from investigation exactly once (DESIGN §1): the hand-off key is
// the idempotency key, and the receipt is stored in the same transaction as everything the
// hand-off changed, so a redelivery after a lost reply finds the receipt and changes nothing.
// Shared by ReceiveDecision, ReceiveReopening and ReceiveInvestigationEnd.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "services/remedy/recommendation.h"
#include "services/remedy/store/store.h"

namespace redress::remedy {

// What a hand-off changes: the ids its receipt lists, the recommendations it creates and those it
// changes (each with version + 1 and update_time set).
struct HandoffChanges {
  std::vector<std::string> recommendation_ids;
  std::vector<Recommendation> created;
  std::vector<Recommendation> changed;
};

// Works out the changes at `now` from what is stored now. Called again when a concurrent write
// made its answer stale, so it must read the store afresh each time.
using PlanHandoff = std::function<absl::StatusOr<HandoffChanges>(absl::Time now)>;

// Receives the hand-off of `receipt` (its handoff_key, investigation_id, decision_sequence and
// fingerprint set) once. When the key was received before: its stored receipt, unchanged, if the
// fingerprints agree; INVALID_ARGUMENT on "request_id" (reason REQUEST_ID_REUSED) if not.
// Otherwise writes what `plan` works out with the receipt (its ids and receive_time set) and
// returns the receipt. ABORTED when concurrent writes kept making the plan stale.
absl::StatusOr<DecisionReceipt> ReceiveOnce(RemedyStore& store, const Clock& clock,
                                            DecisionReceipt receipt, const std::string& request_id,
                                            const PlanHandoff& plan);

// `r` as a hand-off writes it: version + 1, update_time `now`.
Recommendation AsChanged(Recommendation r, absl::Time now);

}  // namespace redress::remedy
