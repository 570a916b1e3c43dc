#include "services/remedy/personal_data.h"

#include "common/errors.h"

namespace redress::remedy {
namespace {

void Erase(std::string& text) {
  if (!text.empty()) text = kErasedText;
}

}  // namespace

absl::Status CaseErased(std::string_view investigation_id) {
  return PreconditionFailed("STATE", "investigations/" + std::string(investigation_id),
                            "the personal data of the case has been erased", kReasonErased);
}

Recommendation ErasedRecommendation(const Recommendation& recommendation, absl::Time now) {
  Recommendation erased = recommendation;
  Erase(erased.description);
  if (erased.response.has_value()) Erase(erased.response->note);
  if (erased.compliance.has_value()) {
    Erase(erased.compliance->action_taken);
    Erase(erased.compliance->evidence_reference);
  }
  if (erased.decline.has_value()) Erase(erased.decline->reason);
  for (Reschedule& reschedule : erased.reschedules) Erase(reschedule.reason);
  erased.version = recommendation.version + 1;
  erased.update_time = now;
  return erased;
}

IssueAcknowledgement ErasedAcknowledgement(const IssueAcknowledgement& acknowledgement) {
  IssueAcknowledgement erased = acknowledgement;
  Erase(erased.reason);
  return erased;
}

bool IsClosedForErasure(const std::vector<Recommendation>& recommendations) {
  for (const Recommendation& recommendation : recommendations) {
    if (IsOpen(recommendation.state)) return false;
  }
  return true;
}

}  // namespace redress::remedy
