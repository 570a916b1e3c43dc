// Reading many recommendations through RemedyStore's bounded lists: every one matching a query
// (in batches, so that no list is capped), every one of an investigation, and a list of ids.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/remedy/recommendation.h"
#include "services/remedy/store/store.h"

namespace redress::remedy {

// Every recommendation matching `query` (its limit and after_sequence ignored), in order.
absl::StatusOr<std::vector<Recommendation>> ListAll(RemedyStore& store, RecommendationQuery query);

// Every recommendation of investigations/{investigation_id}, in the order received.
absl::StatusOr<std::vector<Recommendation>> RecommendationsOf(RemedyStore& store,
                                                              const std::string& investigation_id);

// The recommendations `ids`, as they are stored now, in that order; NOT_FOUND naming a missing one.
absl::StatusOr<std::vector<Recommendation>> LoadRecommendations(
    RemedyStore& store, const std::vector<std::string>& ids);

}  // namespace redress::remedy
