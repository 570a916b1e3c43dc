#include "services/remedy/decision_succession.h"

#include "services/remedy/recommendation_state.h"
#include "services/remedy/state_history.h"

namespace redress::remedy {
namespace {

// Moves `r` to `state` by `command` when the table allows it; returns whether it did.
bool Apply(Recommendation& r, RecommendationCommand command, RecommendationState state,
           absl::Time now) {
  if (!Allows(r.state, command)) return false;
  r.state = state;
  RecordStanding(r, now);
  return true;
}

}  // namespace

bool IsSameRemedy(const Recommendation& earlier, const RepeatedRemedy& repeated) {
  return earlier.source_recommendation_id == repeated.source_recommendation_id &&
         earlier.type == repeated.type && earlier.beneficiary == repeated.beneficiary &&
         earlier.organisation_id == repeated.organisation_id &&
         earlier.description == repeated.description && earlier.amount == repeated.amount;
}

bool Hold(Recommendation& r, absl::Time now) {
  return Apply(r, RecommendationCommand::kHold, RecommendationState::kHeld, now);
}

void CarryOver(Recommendation& r, int decision_sequence, absl::CivilDay target_date,
               const std::string& published_name, absl::Time now) {
  if (r.state == RecommendationState::kHeld) {
    r.target_date = target_date;
    r.state = ResponseState(r);
  }
  r.decision_sequence = decision_sequence;
  r.organisation_published_name = published_name;
  RecordStanding(r, now);
}

bool Supersede(Recommendation& r, absl::Time now) {
  return Apply(r, RecommendationCommand::kSupersede, RecommendationState::kSuperseded, now);
}

bool Cancel(Recommendation& r, absl::Time now) {
  return Apply(r, RecommendationCommand::kCancel, RecommendationState::kCancelled, now);
}

}  // namespace redress::remedy
