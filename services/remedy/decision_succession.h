// What happens to a decision's recommendations when a review reopens it and the investigation is
// decided again, or ends without a new decision (the reopening contract of case.proto's
// DecisionReopenedEvent and InvestigationEndedEvent):
// - the reopening holds what is still followed up (HELD: nothing is chased while the case is
//   looked at again); what is settled stays settled;
// - the next decision carries over each recommendation it repeats (IsSameRemedy), and supersedes
//   what it does not repeat of what was held;
// - the end of the investigation (withdrawn, discontinued) cancels what is held.
// Each function changes recommendations in memory only, through the state table
// (recommendation_state.h), and records each change in their history at `now`.
#pragma once

#include <optional>
#include <string>

#include "absl/time/time.h"
#include "services/remedy/recommendation.h"

namespace redress::remedy {

// A recommendation as a decision hands it over, for matching: the decision's own identifier
// ("r1") and what it asks, with the organisation resolved (never empty).
struct RepeatedRemedy {
  std::string source_recommendation_id;
  RecommendationType type = RecommendationType::kApology;
  Beneficiary beneficiary = Beneficiary::kComplainant;
  std::string organisation_id;
  std::string description;
  std::optional<Money> amount;
};

// Whether a later decision's `repeated` is the same remedy as `earlier`: the same source
// recommendation id, and the same type, beneficiary, organisation, description (byte for byte)
// and amount. The target date is not compared: a new decision sets its own. Investigation keeps
// a recommendation's id when it is edited, so the id alone would also match a remedy that was
// rewritten on review; asking for the same content too means only a remedy the new decision
// repeats unchanged keeps what was done about it. Anything rewritten is a new recommendation.
bool IsSameRemedy(const Recommendation& earlier, const RepeatedRemedy& repeated);

// The reopening of the decision that made `recommendation`: HELD when it is still followed up;
// otherwise unchanged. Returns whether it changed.
bool Hold(Recommendation& recommendation, absl::Time now);

// Decision `decision_sequence` repeats `recommendation` (REQUIRES IsSameRemedy and
// Allows(state, kCarryOver)), with `target_date` and the organisation's `published_name`.
// It becomes that decision's (decision_sequence), and:
// - held: its follow-up restarts from the new decision: the target date becomes the new one, the
//   state the one its response put it in (AWAITING_RESPONSE, ACCEPTED or DISPUTED: the
//   organisation's answer to the same remedy stands), and the chase is counted from the later of
//   the new target date and today (follow_up.h). The steps taken and reschedules stay as history.
// - complied with or declined: it stays so, with its target date and evidence; it is never
//   chased again (PHSO practice: a remedy delivered is not asked for twice).
void CarryOver(Recommendation& recommendation, int decision_sequence, absl::CivilDay target_date,
               const std::string& published_name, absl::Time now);

// A later decision did not repeat `recommendation`: SUPERSEDED when it is held; otherwise
// unchanged (what was complied with or declined stays, and counts as delivered or declined).
// Returns whether it changed.
bool Supersede(Recommendation& recommendation, absl::Time now);

// The investigation ended without a new decision: CANCELLED when it is held; otherwise unchanged.
// Returns whether it changed.
bool Cancel(Recommendation& recommendation, absl::Time now);

}  // namespace redress::remedy
