// RemedyLogic::ReceiveDecision: the receiving end of investigation's hand-off. The hand-off key
// is the idempotency key: the receipt is stored in the same transaction as the recommendations,
// so a redelivery after a lost reply returns what the first delivery created.
#include <algorithm>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "common/validation.h"
#include "services/remedy/apply_change.h"
#include "services/remedy/remedy_logic.h"

namespace redress::remedy {
namespace {

constexpr size_t kMaxHandoffKeyChars = 200;
constexpr size_t kMaxDescriptionChars = 5000;
constexpr int kMaxAttempts = 5;

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

}  // namespace

absl::StatusOr<std::vector<Recommendation>> RemedyLogic::ReceiveDecision(
    const ReceiveDecisionCommand& command, const FieldViolations& decoding) {
  RETURN_IF_ERROR(Validate(command, decoding));
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    // A redelivery: what the first delivery created.
    ASSIGN_OR_RETURN(std::optional<DecisionReceipt> receipt,
                     store_.FindDecisionReceipt(command.handoff_key));
    if (receipt.has_value()) {
      if (receipt->fingerprint != command.fingerprint) {
        return InvalidArgument(
            {{"request_id", absl::StrCat("request_id ", Quoted(command.request_id),
                                         " was already used for a different decision")}},
            reason::kRequestIdReused);
      }
      std::vector<Recommendation> created;
      for (const std::string& id : receipt->recommendation_ids) {
        ASSIGN_OR_RETURN(Recommendation r, LoadRecommendation(store_, id));
        created.push_back(std::move(r));
      }
      return created;
    }

    const absl::Time now = StoredNow(clock_);
    RecommendationQuery earlier;
    earlier.investigation_id = command.investigation_id;
    earlier.limit = 10000;
    ASSIGN_OR_RETURN(std::vector<Recommendation> existing, store_.ListRecommendations(earlier));
    // A decision that arrives after a later one (never, with in-order delivery) is kept but
    // starts superseded.
    const bool outdated = std::any_of(existing.begin(), existing.end(), [&](const auto& r) {
      return r.decision_sequence > command.decision_sequence;
    });
    std::vector<Recommendation> superseded;
    for (const Recommendation& r : existing) {
      if (r.decision_sequence < command.decision_sequence && IsOpen(r.state)) {
        Recommendation s = r;
        s.state = RecommendationState::kSuperseded;
        s.version = r.version + 1;
        s.update_time = now;
        superseded.push_back(std::move(s));
      }
    }

    DecisionReceipt new_receipt{command.handoff_key,
                                command.investigation_id,
                                command.decision_sequence,
                                command.fingerprint,
                                {},
                                now};
    std::vector<Recommendation> created;
    for (const DecidedRecommendation& d : command.recommendations) {
      const OrganisationInvestigated& organisation = OrganisationFor(d, command);
      Recommendation r;
      r.id = ids_.NewId();
      r.version = 1;
      r.investigation_id = command.investigation_id;
      r.complaint = command.complaint;
      r.decision_sequence = command.decision_sequence;
      r.source_recommendation_id = d.recommendation_id;
      r.organisation_id = organisation.organisation_id;
      r.organisation_published_name = organisation.published_name;
      r.type = d.type;
      r.beneficiary = d.beneficiary;
      r.description = d.description;
      r.amount = d.amount;
      r.target_date = d.target_date;
      r.state =
          outdated ? RecommendationState::kSuperseded : RecommendationState::kAwaitingResponse;
      r.create_time = now;
      r.update_time = now;
      new_receipt.recommendation_ids.push_back(r.id);
      created.push_back(std::move(r));
    }
    absl::Status written = store_.ReceiveDecision(new_receipt, created, superseded);
    if (written.ok()) {
      // Read back for the sequences the store assigned.
      std::vector<Recommendation> stored;
      for (const Recommendation& r : created) {
        ASSIGN_OR_RETURN(Recommendation s, LoadRecommendation(store_, r.id));
        stored.push_back(std::move(s));
      }
      return stored;
    }
    // ALREADY_EXISTS: a concurrent delivery of the same hand-off won; ABORTED: a superseded
    // recommendation changed meanwhile. Either way, look again.
    if (!absl::IsAlreadyExists(written) && !absl::IsAborted(written)) return written;
  }
  return absl::AbortedError(
      absl::StrCat(command.handoff_key, " kept changing concurrently; try again"));
}

}  // namespace redress::remedy
