// How every change to a recommendation is made: read it, check the etag, compute the change from
// what is stored, and write it with the stored version as the condition; a write that lost a race
// is computed again when the client did not pin a version with an etag.
#pragma once

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "services/remedy/recommendation.h"
#include "services/remedy/store/store.h"

namespace redress::remedy {

inline constexpr char kRecommendationsCollection[] = "recommendations/";
inline constexpr char kInvestigationsCollection[] = "investigations/";
inline constexpr char kOrganisationsCollection[] = "organisations/";
inline constexpr char kCaseSummariesCollection[] = "caseSummaries/";

// "recommendations/{id}".
std::string RecommendationName(const std::string& id);

// Changes `updated` (a copy of the stored recommendation); version, update_time and the history
// entry of a new state or target date (state_history.h) are set on writing. An error is returned
// as it is.
using RecommendationChange = std::function<absl::Status(Recommendation& updated)>;

// The stored recommendation `id`, NOT_FOUND naming it.
absl::StatusOr<Recommendation> LoadRecommendation(RemedyStore& store, const std::string& id);

// Applies `change` to recommendation `id` at `now`. Errors in this order: NOT_FOUND, a stale
// `etag` (ABORTED), then `change`'s own; ABORTED when concurrent changes kept winning.
absl::StatusOr<Recommendation> ApplyChange(RemedyStore& store, const std::string& id,
                                           const std::string& etag, absl::Time now,
                                           const RecommendationChange& change);

}  // namespace redress::remedy
