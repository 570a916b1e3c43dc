#include "services/remedy/apply_change.h"

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "services/remedy/state_history.h"

namespace redress::remedy {
namespace {
// Writes that lose a race are computed again this many times before giving up with ABORTED.
constexpr int kMaxAttempts = 5;
}  // namespace

std::string RecommendationName(const std::string& id) {
  return absl::StrCat(kRecommendationsCollection, id);
}

absl::StatusOr<Recommendation> LoadRecommendation(RemedyStore& store, const std::string& id) {
  absl::StatusOr<Recommendation> found = store.GetRecommendation(id);
  if (absl::IsNotFound(found.status())) return NotFound(RecommendationName(id));
  return found;
}

absl::StatusOr<Recommendation> ApplyChange(RemedyStore& store, const std::string& id,
                                           const std::string& etag, absl::Time now,
                                           const RecommendationChange& change) {
  const std::string name = RecommendationName(id);
  absl::Status last = absl::OkStatus();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    ASSIGN_OR_RETURN(Recommendation current, LoadRecommendation(store, id));
    RETURN_IF_ERROR(CheckEtag(etag, current.version, name));
    Recommendation updated = current;
    RETURN_IF_ERROR(change(updated));
    RecordStanding(updated, now);
    updated.version = current.version + 1;
    updated.update_time = now;
    last = store.UpdateRecommendation(updated, current.version);
    if (last.ok()) return updated;
    if (!absl::IsAborted(last)) return last;
    // Lost a race. With an etag the client's version is now stale: the next round says so.
  }
  return absl::AbortedError(
      absl::StrCat(name, " kept changing concurrently; try again (", last.message(), ")"));
}

}  // namespace redress::remedy
