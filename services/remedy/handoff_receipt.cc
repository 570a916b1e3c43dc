#include "services/remedy/handoff_receipt.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/resource_names.h"
#include "common/status_macros.h"

namespace redress::remedy {
namespace {

// Hand-offs that lose a race are worked out again this many times before giving up with ABORTED.
constexpr int kMaxAttempts = 5;

}  // namespace

absl::StatusOr<DecisionReceipt> ReceiveOnce(RemedyStore& store, const Clock& clock,
                                            DecisionReceipt receipt, const std::string& request_id,
                                            const PlanHandoff& plan) {
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    ASSIGN_OR_RETURN(std::optional<DecisionReceipt> earlier,
                     store.FindDecisionReceipt(receipt.handoff_key));
    if (earlier.has_value()) {
      if (earlier->fingerprint != receipt.fingerprint) {
        return InvalidArgument(
            {{"request_id", absl::StrCat("request_id ", Quoted(request_id),
                                         " was already used for a different hand-off")}},
            reason::kRequestIdReused);
      }
      return *earlier;
    }
    const absl::Time now = StoredNow(clock);
    ASSIGN_OR_RETURN(HandoffChanges changes, plan(now));
    receipt.recommendation_ids = std::move(changes.recommendation_ids);
    receipt.receive_time = now;
    const absl::Status written = store.ReceiveHandoff(receipt, changes.created, changes.changed);
    if (written.ok()) return receipt;
    // ALREADY_EXISTS: a concurrent delivery of the same hand-off won; ABORTED: a recommendation
    // it changes changed meanwhile. Either way, look again.
    if (!absl::IsAlreadyExists(written) && !absl::IsAborted(written)) return written;
  }
  return absl::AbortedError(
      absl::StrCat(receipt.handoff_key, " kept changing concurrently; try again"));
}

Recommendation AsChanged(Recommendation r, absl::Time now) {
  ++r.version;
  r.update_time = now;
  return r;
}

}  // namespace redress::remedy
