#include "services/remedy/store_reads.h"

#include <utility>

#include "common/status_macros.h"
#include "services/remedy/apply_change.h"

namespace redress::remedy {
namespace {
constexpr int kScanBatch = 500;
}  // namespace

absl::StatusOr<std::vector<Recommendation>> ListAll(RemedyStore& store, RecommendationQuery query) {
  std::vector<Recommendation> all;
  query.after_sequence = 0;
  query.limit = kScanBatch;
  while (true) {
    ASSIGN_OR_RETURN(std::vector<Recommendation> batch, store.ListRecommendations(query));
    const bool last = static_cast<int>(batch.size()) < kScanBatch;
    if (!batch.empty()) query.after_sequence = batch.back().sequence;
    for (Recommendation& r : batch) all.push_back(std::move(r));
    if (last) return all;
  }
}

absl::StatusOr<std::vector<Recommendation>> RecommendationsOf(RemedyStore& store,
                                                              const std::string& investigation_id) {
  RecommendationQuery query;
  query.investigation_id = investigation_id;
  return ListAll(store, std::move(query));
}

absl::StatusOr<std::vector<Recommendation>> LoadRecommendations(
    RemedyStore& store, const std::vector<std::string>& ids) {
  std::vector<Recommendation> loaded;
  for (const std::string& id : ids) {
    ASSIGN_OR_RETURN(Recommendation r, LoadRecommendation(store, id));
    loaded.push_back(std::move(r));
  }
  return loaded;
}

}  // namespace redress::remedy
