#include "services/investigation/personal_data.h"

#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace redress::investigation {
namespace {

void Erase(std::string& text) {
  if (!text.empty()) text = kErasedText;
}

void EraseRecommendations(std::vector<Recommendation>& recommendations) {
  for (Recommendation& recommendation : recommendations) Erase(recommendation.description);
}

}  // namespace

Investigation ErasedInvestigation(const Investigation& investigation, absl::Time now) {
  Investigation erased = investigation;
  Erase(erased.complaint.what_went_wrong);
  Erase(erased.complaint.injustice_claimed);
  Erase(erased.complaint.outcome_wanted);
  if (erased.scope.has_value()) Erase(erased.scope->summary);
  for (ComplaintPoint& point : erased.points) {
    Erase(point.description);
    if (point.finding.has_value()) Erase(point.finding->reasoning);
  }
  for (EvidenceItem& item : erased.evidence) Erase(item.description);
  for (Hold& hold : erased.holds) Erase(hold.reason);
  for (ComplaintHandlingFinding& finding : erased.complaint_handling_findings) {
    Erase(finding.finding);
  }
  EraseRecommendations(erased.recommendations);
  if (erased.provisional_view.has_value()) {
    for (Comment& comment : erased.provisional_view->comments) Erase(comment.text);
  }
  for (Review& review : erased.reviews) {
    Erase(review.explanation);
    Erase(review.outcome_reason);
  }
  if (erased.ending.has_value()) Erase(erased.ending->reason);
  erased.version = investigation.version + 1;
  erased.update_time = now;
  return erased;
}

Handoff ErasedHandoff(Handoff handoff) {
  std::visit(
      [](auto& h) {
        using T = std::decay_t<decltype(h)>;
        if constexpr (std::is_same_v<T, DecisionHandoff>) {
          EraseRecommendations(h.recommendations);
        } else if constexpr (std::is_same_v<T, EndHandoff>) {
          Erase(h.reason);
        }
      },
      handoff);
  return handoff;
}

bool IsClosedForErasure(InvestigationState state) {
  return state == InvestigationState::kDecided || state == InvestigationState::kWithdrawn ||
         state == InvestigationState::kDiscontinued;
}

}  // namespace redress::investigation
