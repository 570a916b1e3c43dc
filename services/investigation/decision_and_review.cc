// InvestigationLogic: issuing the final decision (derived from the findings, on a record that
// agrees with it, and handed to remedy through the outbox in the same store write), asking for a
// review of it, and deciding the review (a reopening is handed to remedy the same way).
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/investigation/apply_change.h"
#include "services/investigation/case_limits.h"
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
  handoff.complaint_owner = decided.owner;
  return handoff;
}

// What remedy is told when a review reopens decision `sequence` of `reopened` on `date`.
ReopeningHandoff ReopeningHandoffFor(const Investigation& reopened, int sequence,
                                     absl::CivilDay date, absl::Time now) {
  ReopeningHandoff handoff;
  handoff.handoff_key = absl::StrCat(reopened.name(), "/decisions/", sequence, "/reopening");
  handoff.investigation_id = reopened.id;
  handoff.complaint = reopened.complaint.complaint;
  handoff.decision_sequence = sequence;
  handoff.reopen_date = date;
  handoff.reopen_time = now;
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
        // The parties must have commented on what is decided (view_content.h) ...
        RETURN_IF_ERROR(CheckViewCurrent(current));
        // ... and the period for it must have closed by the decision's own date, not merely by
        // today: a decision cannot be backdated into a period that was still open.
        RETURN_IF_ERROR(CheckCommentPeriodClosed(current, date));
        updated.final_decision = Decide(current, date, request.now);
        // Remedy publishes the narrative as written and follows up the recommendations.
        RETURN_IF_ERROR(CheckRecordAgrees(current, updated.final_decision->decision));
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
        RETURN_IF_ERROR(CheckNotErased(store_, current));
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
        // The window is judged at the request's own date, from the decision's date: a request
        // dated in time but logged later is in time, one dated after the window is not.
        RETURN_IF_ERROR(CheckReviewWindow(
            current, review.request_date,
            ReviewDeadline(decision.decision_date, policy_.review_time_limit_months)));
        RETURN_IF_ERROR(CheckReviewLimit(current, command.requested_by, decision.sequence,
                                         policy_.reviews_per_decision_per_party));
        RETURN_IF_ERROR(CheckRoomForOneMore(current, static_cast<int>(current.reviews.size()),
                                            policy_.max_reviews, "reviews", "reviews",
                                            reason::kReviewLimitReached));
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
        if (!reopen) return change;
        if (updated.final_decision.has_value()) {
          updated.previous_decisions.push_back(*updated.final_decision);
          updated.final_decision.reset();
        }
        // The reopened investigation runs to a new target: its scope counts as agreed again on
        // the reopening (and may be revised with AgreeScope), so the timescale runs from there
        // (PHSO practice: a reopened case is investigated afresh, to a timescale of its own).
        if (updated.scope.has_value()) updated.scope->agreed_date = *review->decide_date;
        RETURN_IF_ERROR(RecomputeDeadlinesFor(updated, request.today, calendar_, "decide_date"));
        // Remedy must stop chasing the reopened decision's recommendations now, not when the
        // next decision comes (which may never come, if the case is then withdrawn).
        change.handoff = ReopeningHandoffFor(updated, review->decision_sequence,
                                             *review->decide_date, request.now);
        return change;
      });
}

}  // namespace redress::investigation
