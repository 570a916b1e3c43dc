// RemedyLogic::ReceiveDecision: the receiving end of investigation's decision hand-off
// (handoff_receipt.h makes it idempotent). A later decision on the same investigation takes over
// from the reopened one (decision_succession.h): what it repeats is carried over, what was held
// and is not repeated is superseded.
#include <algorithm>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/log.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "common/validation.h"
#include "services/remedy/apply_change.h"
#include "services/remedy/decision_succession.h"
#include "services/remedy/erased_case.h"
#include "services/remedy/handoff_receipt.h"
#include "services/remedy/recommendation_state.h"
#include "services/remedy/remedy_logic.h"
#include "services/remedy/state_history.h"
#include "services/remedy/store_reads.h"

namespace redress::remedy {
namespace {

constexpr size_t kMaxHandoffKeyChars = 200;
constexpr size_t kMaxDescriptionChars = 5000;

bool IsCompensation(RecommendationType type) {
  return type == RecommendationType::kFinancialLoss ||
         type == RecommendationType::kNonFinancialLoss;
}

void CheckRecommendation(FieldViolations& v, const std::string& field,
                         const DecidedRecommendation& r,
                         const std::vector<OrganisationInvestigated>& organisations) {
  CheckRequiredText(v, field + ".description", r.description, kMaxDescriptionChars);
  if (IsCompensation(r.type) && !r.amount.has_value()) {
    v.Add(field + ".amount", "amount is required for compensation");
  } else if (!IsCompensation(r.type) && r.amount.has_value()) {
    v.Add(field + ".amount", "amount is only for compensation");
  }
  if (!r.organisation_id.empty() && std::none_of(organisations.begin(), organisations.end(),
                                                 [&](const OrganisationInvestigated& o) {
                                                   return o.organisation_id == r.organisation_id;
                                                 })) {
    v.Add(field + ".organisation", "organisation is not one of the organisations investigated");
  }
}

absl::Status Validate(const ReceiveDecisionCommand& c, FieldViolations v) {
  CheckRequiredText(v, "request_id", c.request_id, kMaxHandoffKeyChars);
  if (c.handoff_key != c.request_id) {
    v.Add("event.handoff_key", "event.handoff_key must equal request_id");
  }
  if (!v.Has("event.investigation") && !v.Has("event.decision.sequence") &&
      c.handoff_key != absl::StrCat(kInvestigationsCollection, c.investigation_id, "/decisions/",
                                    c.decision_sequence)) {
    v.Add("event.handoff_key",
          "event.handoff_key must be investigations/{investigation}/decisions/{sequence}");
  }
  if (c.decision_sequence < 1) v.Add("event.decision.sequence", "must be at least 1");
  if (c.organisations.empty()) v.Add("event.organisations", "at least one is required");
  for (size_t i = 0; i < c.organisations.size(); ++i) {
    CheckRequiredText(v, absl::StrCat("event.organisations[", i, "].published_name"),
                      c.organisations[i].published_name, 200);
  }
  for (size_t i = 0; i < c.recommendations.size(); ++i) {
    CheckRecommendation(v, absl::StrCat("event.recommendations[", i, "]"), c.recommendations[i],
                        c.organisations);
  }
  return v.ToStatus();
}

const OrganisationInvestigated& OrganisationFor(const DecidedRecommendation& r,
                                                const ReceiveDecisionCommand& c) {
  for (const OrganisationInvestigated& o : c.organisations) {
    if (o.organisation_id == r.organisation_id) return o;
  }
  return c.organisations.front();
}

Recommendation NewRecommendation(const ReceiveDecisionCommand& c, const DecidedRecommendation& d,
                                 const OrganisationInvestigated& organisation, std::string id,
                                 absl::Time now) {
  Recommendation r;
  r.id = std::move(id);
  r.version = 1;
  r.investigation_id = c.investigation_id;
  r.complaint = c.complaint;
  r.owner = c.complaint_owner;
  r.decision_sequence = c.decision_sequence;
  r.source_recommendation_id = d.recommendation_id;
  r.organisation_id = organisation.organisation_id;
  r.organisation_published_name = organisation.published_name;
  r.type = d.type;
  r.beneficiary = d.beneficiary;
  r.description = d.description;
  r.amount = d.amount;
  r.target_date = d.target_date;
  r.state = RecommendationState::kAwaitingResponse;
  r.create_time = now;
  r.update_time = now;
  return r;
}

// The recommendation of an earlier decision that `d` repeats, if any: one a later decision may
// carry over (held, complied with, declined) and IsSameRemedy; of several, the latest decision's.
Recommendation* FindRepeated(std::vector<Recommendation>& earlier, int decision_sequence,
                             const DecidedRecommendation& d,
                             const OrganisationInvestigated& organisation) {
  const RepeatedRemedy repeated{d.recommendation_id,          d.type,        d.beneficiary,
                                organisation.organisation_id, d.description, d.amount};
  Recommendation* found = nullptr;
  for (Recommendation& r : earlier) {
    // A recommendation carried over to this decision already has its sequence: never twice.
    if (r.decision_sequence >= decision_sequence ||
        !Allows(r.state, RecommendationCommand::kCarryOver) || !IsSameRemedy(r, repeated)) {
      continue;
    }
    if (found == nullptr || r.decision_sequence > found->decision_sequence) found = &r;
  }
  return found;
}

// Holds what earlier decisions still have followed up. The reopening hand-off holds it before
// the next decision arrives; investigations reopened before that hand-off existed never send one,
// so their next decision implies it (for them the effect is today's: open recommendations not
// repeated are superseded). Returns whether it held anything.
bool HoldWhatTheReopeningDidNot(std::vector<Recommendation>& earlier, int decision_sequence,
                                absl::Time now, std::vector<bool>& touched) {
  bool held = false;
  for (size_t i = 0; i < earlier.size(); ++i) {
    if (earlier[i].decision_sequence < decision_sequence && Hold(earlier[i], now)) {
      touched[i] = held = true;
    }
  }
  return held;
}

// What decision `c` changes: its recommendations, each carried over from an earlier decision that
// made the same remedy or created; and the earlier decisions' held recommendations it does not
// repeat, superseded. A decision that arrives after a later one (never, with in-order delivery)
// is kept, but its recommendations start superseded and the later one's are left alone.
absl::StatusOr<HandoffChanges> PlanDecision(RemedyStore& store, IdGenerator& ids,
                                            const ReceiveDecisionCommand& c, absl::Time now) {
  // A new decision would bring descriptions back to an erased case (docs/privacy.md). A
  // redelivery of one received before erasure finds its receipt and never gets here.
  RETURN_IF_ERROR(CheckNotErased(store, c.investigation_id,
                                 absl::StrCat(kInvestigationsCollection, c.investigation_id)));
  ASSIGN_OR_RETURN(std::vector<Recommendation> earlier,
                   RecommendationsOf(store, c.investigation_id));
  const int n = c.decision_sequence;
  const bool outdated = std::any_of(earlier.begin(), earlier.end(), [&](const Recommendation& r) {
    return r.decision_sequence > n;
  });
  std::vector<bool> touched(earlier.size(), false);
  if (!outdated && HoldWhatTheReopeningDidNot(earlier, n, now, touched)) {
    Log(LogLevel::kWarning, "decision received without its reopening; treated as reopened",
        {{"handoff", c.handoff_key}});
  }
  HandoffChanges changes;
  for (const DecidedRecommendation& d : c.recommendations) {
    const OrganisationInvestigated& organisation = OrganisationFor(d, c);
    if (Recommendation* same = outdated ? nullptr : FindRepeated(earlier, n, d, organisation)) {
      CarryOver(*same, n, d.target_date, organisation.published_name, now);
      touched[same - earlier.data()] = true;
      changes.recommendation_ids.push_back(same->id);
      continue;
    }
    Recommendation r = NewRecommendation(c, d, organisation, ids.NewId(), now);
    if (outdated) r.state = RecommendationState::kSuperseded;
    RecordStanding(r, now);
    changes.recommendation_ids.push_back(r.id);
    changes.created.push_back(std::move(r));
  }
  for (size_t i = 0; i < earlier.size() && !outdated; ++i) {
    if (earlier[i].decision_sequence < n && Supersede(earlier[i], now)) touched[i] = true;
  }
  for (size_t i = 0; i < earlier.size(); ++i) {
    if (touched[i]) changes.changed.push_back(AsChanged(std::move(earlier[i]), now));
  }
  return changes;
}

}  // namespace

absl::StatusOr<std::vector<Recommendation>> RemedyLogic::ReceiveDecision(
    const ReceiveDecisionCommand& command, const FieldViolations& decoding) {
  RETURN_IF_ERROR(Validate(command, decoding));
  DecisionReceipt receipt;
  receipt.handoff_key = command.handoff_key;
  receipt.investigation_id = command.investigation_id;
  receipt.decision_sequence = command.decision_sequence;
  receipt.fingerprint = command.fingerprint;
  ASSIGN_OR_RETURN(
      const DecisionReceipt received,
      ReceiveOnce(store_, clock_, std::move(receipt), command.request_id,
                  [&](absl::Time now) { return PlanDecision(store_, ids_, command, now); }));
  return LoadRecommendations(store_, received.recommendation_ids);
}

}  // namespace redress::remedy
