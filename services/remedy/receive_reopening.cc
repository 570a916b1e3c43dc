// RemedyLogic::ReceiveReopening and ReceiveInvestigationEnd: the receiving end of investigation's
// hand-offs of a review that reopened a decision, and of an investigation that ended without a new
// decision (withdrawn or discontinued). Both are idempotent on their hand-off key
// (handoff_receipt.h); what they do to the recommendations is decision_succession.h's.
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/log.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "common/validation.h"
#include "services/remedy/apply_change.h"
#include "services/remedy/decision_succession.h"
#include "services/remedy/handoff_receipt.h"
#include "services/remedy/remedy_logic.h"
#include "services/remedy/store_reads.h"

namespace redress::remedy {
namespace {

constexpr size_t kMaxHandoffKeyChars = 200;
constexpr size_t kMaxReasonChars = 5000;

inline constexpr char kDecisionNotReceived[] = "DECISION_NOT_RECEIVED";

// request_id and event.handoff_key: present, equal, and `expected` (checked only once the parts
// it is made of are valid, `parts_valid`).
void CheckHandoffKey(FieldViolations& v, const std::string& request_id,
                     const std::string& handoff_key, bool parts_valid, const std::string& expected,
                     const char* form) {
  CheckRequiredText(v, "request_id", request_id, kMaxHandoffKeyChars);
  if (handoff_key != request_id) {
    v.Add("event.handoff_key", "event.handoff_key must equal request_id");
  }
  if (parts_valid && handoff_key != expected) {
    v.Add("event.handoff_key", absl::StrCat("event.handoff_key must be ", form));
  }
}

absl::Status Validate(const ReceiveReopeningCommand& c, FieldViolations v) {
  if (c.decision_sequence < 1) v.Add("event.decision_sequence", "must be at least 1");
  CheckHandoffKey(v, c.request_id, c.handoff_key,
                  !v.Has("event.investigation") && !v.Has("event.decision_sequence"),
                  absl::StrCat(kInvestigationsCollection, c.investigation_id, "/decisions/",
                               c.decision_sequence, "/reopening"),
                  "investigations/{investigation}/decisions/{sequence}/reopening");
  return v.ToStatus();
}

absl::Status Validate(const ReceiveInvestigationEndCommand& c, FieldViolations v) {
  if (!c.ending.has_value() && !v.Has("event.state")) {
    v.Add("event.state",
          "must be INVESTIGATION_STATE_WITHDRAWN or INVESTIGATION_STATE_DISCONTINUED");
  }
  CheckOptionalText(v, "event.reason", c.reason, kMaxReasonChars);
  if (c.decisions_issued < 0) v.Add("event.decisions_issued", "must not be negative");
  CheckHandoffKey(v, c.request_id, c.handoff_key, !v.Has("event.investigation"),
                  absl::StrCat(kInvestigationsCollection, c.investigation_id, "/end"),
                  "investigations/{investigation}/end");
  return v.ToStatus();
}

std::string DecisionKey(const std::string& investigation_id, int sequence) {
  return absl::StrCat(kInvestigationsCollection, investigation_id, "/decisions/", sequence);
}

// What the reopening of decision `c.decision_sequence` changes: each of its recommendations that is
// still followed up (and was not carried over to a later decision meanwhile) is held. A reopening
// delivered after the next decision (never, with in-order delivery) finds nothing to hold: that
// decision already held and replaced everything. FAILED_PRECONDITION (reason
// DECISION_NOT_RECEIVED) before the decision itself has arrived, so that investigation delivers it
// first and the reopening again.
absl::StatusOr<HandoffChanges> PlanReopening(RemedyStore& store, const ReceiveReopeningCommand& c,
                                             absl::Time now) {
  const std::string decision_key = DecisionKey(c.investigation_id, c.decision_sequence);
  ASSIGN_OR_RETURN(std::optional<DecisionReceipt> decision,
                   store.FindDecisionReceipt(decision_key));
  if (!decision.has_value()) {
    return PreconditionFailed("HANDOFF", decision_key,
                              absl::StrCat("remedy has not received ", decision_key,
                                           ", which this hand-off reopens; deliver it first"),
                              kDecisionNotReceived);
  }
  ASSIGN_OR_RETURN(std::vector<Recommendation> of_decision,
                   LoadRecommendations(store, decision->recommendation_ids));
  HandoffChanges changes;
  changes.recommendation_ids = decision->recommendation_ids;
  for (Recommendation& r : of_decision) {
    if (r.decision_sequence == c.decision_sequence && Hold(r, now)) {
      changes.changed.push_back(AsChanged(std::move(r), now));
    }
  }
  return changes;
}

// What the end of the investigation changes: what is held is cancelled; what was complied with or
// declined stays. A recommendation still followed up belongs to a decision that was reopened
// without a reopening hand-off (investigations reopened before it existed): an investigation ends
// without a new decision only when no decision is in force, so it is held and cancelled too.
absl::StatusOr<HandoffChanges> PlanEnd(RemedyStore& store, const ReceiveInvestigationEndCommand& c,
                                       absl::Time now) {
  ASSIGN_OR_RETURN(std::vector<Recommendation> all, RecommendationsOf(store, c.investigation_id));
  HandoffChanges changes;
  for (Recommendation& r : all) {
    const bool implied = Hold(r, now);
    if (implied) {
      Log(LogLevel::kWarning, "investigation ended while a recommendation was followed up",
          {{"handoff", c.handoff_key}, {"recommendation", RecommendationName(r.id)}});
    }
    if (Cancel(r, now)) changes.changed.push_back(AsChanged(std::move(r), now));
  }
  return changes;
}

}  // namespace

absl::StatusOr<std::vector<Recommendation>> RemedyLogic::ReceiveReopening(
    const ReceiveReopeningCommand& command, const FieldViolations& decoding) {
  RETURN_IF_ERROR(Validate(command, decoding));
  DecisionReceipt receipt;
  receipt.handoff_key = command.handoff_key;
  receipt.investigation_id = command.investigation_id;
  receipt.decision_sequence = command.decision_sequence;
  receipt.fingerprint = command.fingerprint;
  ASSIGN_OR_RETURN(
      const DecisionReceipt received,
      ReceiveOnce(store_, clock_, std::move(receipt), command.request_id,
                  [&](absl::Time now) { return PlanReopening(store_, command, now); }));
  return LoadRecommendations(store_, received.recommendation_ids);
}

absl::StatusOr<std::vector<Recommendation>> RemedyLogic::ReceiveInvestigationEnd(
    const ReceiveInvestigationEndCommand& command, const FieldViolations& decoding) {
  RETURN_IF_ERROR(Validate(command, decoding));
  DecisionReceipt receipt;
  receipt.handoff_key = command.handoff_key;
  receipt.investigation_id = command.investigation_id;
  receipt.decision_sequence = command.decisions_issued;
  receipt.fingerprint = command.fingerprint;
  RETURN_IF_ERROR(
      ReceiveOnce(store_, clock_, std::move(receipt), command.request_id, [&](absl::Time now) {
        return PlanEnd(store_, command, now);
      }).status());
  return RecommendationsOf(store_, command.investigation_id);
}

}  // namespace redress::remedy
