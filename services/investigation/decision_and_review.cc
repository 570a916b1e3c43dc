// InvestigationLogic: issuing the final decision (derived from the findings and handed to remedy
// through the outbox in the same store write), asking for a review of it, and deciding the review.
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/investigation/apply_change.h"
#include "services/investigation/deadlines.h"
#include "services/investigation/investigation_logic.h"
#include "services/investigation/investigation_state.h"
#include "services/investigation/investigation_validation.h"
#include "services/investigation/outcomes.h"
#include "services/investigation/preconditions.h"
#include "services/investigation/request_checks.h"

namespace redress::investigation {
namespace {

FinalDecision Decide(const Investigation& current, absl::CivilDay date, absl::Time now) {
  std::vector<Outcome> outcomes;
  for (const ComplaintPoint& point : current.points) outcomes.push_back(point.outcome);
  FinalDecision decision;
  decision.decision = DecisionFrom(outcomes);
  decision.decision_date = date;
  decision.issue_time = now;
  decision.sequence = static_cast<int>(current.previous_decisions.size()) + 1;
  return decision;
}

DecisionHandoff HandoffFor(const Investigation& decided) {
  DecisionHandoff handoff;
  handoff.handoff_key =
      absl::StrCat(decided.name(), "/decisions/", decided.final_decision->sequence);
  handoff.investigation_id = decided.id;
  handoff.complaint = decided.complaint.complaint;
  handoff.decision = *decided.final_decision;
  handoff.recommendations = decided.recommendations;
  handoff.organisations = decided.organisations_investigated;
  return handoff;
}

// Issuing the decision of a DECIDED investigation again is a retry of the call that issued it
// (its reply was lost): it gets the investigation as it is and writes nothing, so the hand-off is
// in the outbox exactly once.
bool IsDecided(const Investigation& investigation) {
  return investigation.state == InvestigationState::kDecided &&
         investigation.final_decision.has_value();
}

// The review under way. REQUIRES: the investigation is UNDER_REVIEW.
absl::StatusOr<Review*> OpenReview(Investigation& investigation) {
  if (investigation.reviews.empty() ||
      investigation.reviews.back().outcome != ReviewOutcome::kUnspecified) {
    return absl::InternalError(absl::StrCat(investigation.name(), " has no open review"));
  }
  return &investigation.reviews.back();
}

}  // namespace

absl::StatusOr<Investigation> InvestigationLogic::IssueFinalDecision(
    const IssueFinalDecisionCommand& command, const FieldViolations& decoding) {
  FieldViolations v = decoding;
  std::string id = ParseResourceName(v, "name", command.name, kInvestigationsCollection);
  ChangeRequest request = ChangeRequestAt(clock_, id, command.etag);
  ValidateCommand(v, command, request.today);
  RETURN_IF_ERROR(v.ToStatus());
  request.already_applied = IsDecided;
  return ApplyChange(
      store_, calendar_, request, [&](const Investigation& current) -> absl::StatusOr<Change> {
        Change change = ChangeOf(current);
        Investigation& updated = change.updated;
        ASSIGN_OR_RETURN(updated.state,
                         Transition(current, InvestigationAction::kIssueFinalDecision));
        if (!current.provisional_view.has_value()) {
          return absl::InternalError(absl::StrCat(current.name(), " has no provisional view"));
        }
        const absl::CivilDay date = command.decision_date.value_or(request.today);
        RETURN_IF_ERROR(CheckNotBefore("decision_date", date, current.provisional_view->share_date,
                                       "the provisional view was shared"));
        RETURN_IF_ERROR(CheckEveryPointHasFinding(current));
        RETURN_IF_ERROR(CheckCommentPeriodClosed(current, request.today));
        updated.final_decision = Decide(current, date, request.now);
        change.handoff = HandoffFor(updated);
        return change;
      });
}

absl::StatusOr<Investigation> InvestigationLogic::RequestReview(const RequestReviewCommand& command,
                                                                const FieldViolations& decoding) {
  FieldViolations v = decoding;
  std::string id = ParseResourceName(v, "name", command.name, kInvestigationsCollection);
  ChangeRequest request = ChangeRequestAt(clock_, id, "");
  ValidateCommand(v, command, request.today);
  RETURN_IF_ERROR(v.ToStatus());
  request.key =
      IdempotencyKey{RequestScope("RequestReview", id), command.request_id, command.fingerprint};
  return ApplyChange(
      store_, calendar_, request, [&](const Investigation& current) -> absl::StatusOr<Change> {
        Change change = ChangeOf(current);
        Investigation& updated = change.updated;
        ASSIGN_OR_RETURN(updated.state, Transition(current, InvestigationAction::kRequestReview));
        if (!current.final_decision.has_value()) {
          return absl::InternalError(absl::StrCat(current.name(), " has no final decision"));
        }
        const FinalDecision& decision = *current.final_decision;
        Review review;
        review.review_id = absl::StrCat("rv", current.reviews.size() + 1);
        review.requested_by = command.requested_by;
        review.ground = command.ground;
        review.explanation = command.explanation;
        review.request_date = command.request_date.value_or(request.today);
        review.decision_sequence = decision.sequence;
        RETURN_IF_ERROR(CheckNotBefore("request_date", review.request_date, decision.decision_date,
                                       "the decision"));
        RETURN_IF_ERROR(CheckReviewWindow(
            current, review.request_date,
            ReviewDeadline(decision.decision_date, policy_.review_time_limit_months)));
        change.created_id = review.review_id;
        updated.reviews.push_back(std::move(review));
        return change;
      });
}

absl::StatusOr<Investigation> InvestigationLogic::DecideReview(const DecideReviewCommand& command,
                                                               const FieldViolations& decoding) {
  FieldViolations v = decoding;
  std::string id = ParseResourceName(v, "name", command.name, kInvestigationsCollection);
  ChangeRequest request = ChangeRequestAt(clock_, id, command.etag);
  ValidateCommand(v, command, request.today);
  RETURN_IF_ERROR(v.ToStatus());
  const bool reopen = command.outcome == ReviewOutcome::kReopened;
  return ApplyChange(
      store_, calendar_, request, [&](const Investigation& current) -> absl::StatusOr<Change> {
        Change change = ChangeOf(current);
        Investigation& updated = change.updated;
        ASSIGN_OR_RETURN(updated.state, Transition(current, InvestigationAction::kDecideReview,
                                                   reopen ? InvestigationState::kInvestigating
                                                          : InvestigationState::kDecided));
        ASSIGN_OR_RETURN(Review * review, OpenReview(updated));
        review->outcome = command.outcome;
        review->outcome_reason = command.reason;
        review->decide_date = command.decide_date.value_or(request.today);
        RETURN_IF_ERROR(CheckNotBefore("decide_date", *review->decide_date, review->request_date,
                                       "the review was asked for"));
        if (reopen && updated.final_decision.has_value()) {
          updated.previous_decisions.push_back(*updated.final_decision);
          updated.final_decision.reset();
        }
        return change;
      });
}

}  // namespace redress::investigation
