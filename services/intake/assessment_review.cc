// IntakeLogic::RequestAssessmentReview and DecideAssessmentReview: the review of the assessment
// decision that closed a complaint. DESIGN §2-3 describe reviews of final decisions only; for a
// decision not to investigate we follow the PHSO's published review practice: the complainant may
// ask, within one month of the decision, on one of its grounds (the decision rested on facts that
// were wrong; new relevant information; part of the complaint overlooked), and the review ends in
// the decision standing or in the complaint being looked at again -- here, reopened to assessment.
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/intake/assessment_checks.h"
#include "services/intake/complaint_state.h"
#include "services/intake/complaint_validation.h"
#include "services/intake/intake_logic.h"
#include "services/intake/request_checks.h"

namespace redress::intake {
namespace {

std::string Date(absl::CivilDay day) { return absl::FormatCivilTime(day); }

// The review the request `command` recorded, for a retry: the complaint as it is when one of its
// reviews has the request_id and fingerprint; nullopt when none has the request_id;
// REQUEST_ID_REUSED when one has it with another fingerprint.
absl::StatusOr<std::optional<Complaint>> ReviewRecordedBy(const Complaint& complaint,
                                                          const RequestReviewCommand& command) {
  for (const AssessmentReview& review : complaint.reviews) {
    if (review.request_id != command.request_id) continue;
    if (review.request_fingerprint != command.fingerprint) {
      return InvalidArgument({{"request_id", absl::StrCat("request_id ", Quoted(command.request_id),
                                                          " was already used for a different "
                                                          "RequestAssessmentReview request")}},
                             reason::kRequestIdReused);
    }
    return std::optional<Complaint>(complaint);
  }
  return std::optional<Complaint>();
}

// What a closed complaint must be for its decision to be reviewed, beyond its state.
// REQUIRES: complaint.state is CLOSED.
absl::Status CheckReviewable(const Complaint& complaint, int assessment_number) {
  // A withdrawal is the complainant's act, not a decision of the scheme: there is nothing to
  // review. A complainant who changes their mind makes a new complaint.
  if (complaint.closure_reason == ClosureReason::kWithdrawn || !complaint.assessment.has_value()) {
    return PreconditionFailed(
        "ASSESSMENT_DECISION", complaint.name(),
        "the complaint was withdrawn, not closed by an assessment decision, so there is no "
        "decision to review; the complainant can make a new complaint",
        kReasonNotClosedByAssessment);
  }
  // The PHSO reviews a decision once; a second request about the same decision is refused.
  for (const AssessmentReview& review : complaint.reviews) {
    if (review.assessment_number != assessment_number) continue;
    return PreconditionFailed(
        "ASSESSMENT_DECISION", complaint.name(),
        absl::StrCat("the assessment decision of ", Date(complaint.assessment->assessment_date),
                     " was already reviewed (", review.review_id, "); a decision is reviewed once"),
        kReasonAlreadyReviewed);
  }
  return absl::OkStatus();
}

// The request date is on or after the assessment and within the review window.
absl::Status CheckRequestDate(const Complaint& complaint, absl::CivilDay request_date,
                              const IntakePolicy& policy) {
  const absl::CivilDay decided = complaint.assessment->assessment_date;
  if (request_date < decided) {
    return InvalidArgument(
        {{"request_date", absl::StrCat("must not be before the assessment on ", Date(decided))}});
  }
  const absl::CivilDay last_day = AddMonthsClamped(decided, policy.review_time_limit_months);
  if (request_date <= last_day) return absl::OkStatus();
  return PreconditionFailed("REVIEW_WINDOW", complaint.name(),
                            absl::StrCat("review window closed: a review of the assessment of ",
                                         Date(decided), " had to be asked for by ", Date(last_day),
                                         ", and this request is dated ", Date(request_date)),
                            kReasonReviewWindowClosed);
}

// After a failed write of a review request: when a concurrent retry of the same request recorded
// it, that result; otherwise the failure.
absl::StatusOr<Complaint> ResolveFailedReviewWrite(IntakeStore& store, const std::string& id,
                                                   const RequestReviewCommand& command,
                                                   absl::Status failed) {
  if (!absl::IsAborted(failed)) return failed;
  ASSIGN_OR_RETURN(Complaint now_stored, LoadComplaint(store, id));
  ASSIGN_OR_RETURN(std::optional<Complaint> recorded, ReviewRecordedBy(now_stored, command));
  if (recorded.has_value()) return *std::move(recorded);
  return failed;
}

}  // namespace

absl::StatusOr<Complaint> IntakeLogic::RequestAssessmentReview(const RequestReviewCommand& command,
                                                               const FieldViolations& decoding) {
  const absl::CivilDay today = Today(clock_);
  FieldViolations v = decoding;
  std::string id = ParseResourceName(v, "name", command.name, kComplaintsCollection);
  ValidateRequestReviewCommand(v, command, today);
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(Complaint current, LoadComplaint(store_, id));
  ASSIGN_OR_RETURN(std::optional<Complaint> recorded, ReviewRecordedBy(current, command));
  if (recorded.has_value()) return *std::move(recorded);
  RETURN_IF_ERROR(CheckEtag(command.etag, current.version, current.name()));
  RETURN_IF_ERROR(CheckTransition(current, ComplaintAction::kRequestReview));
  RETURN_IF_ERROR(CheckNotErased(store_, current));
  const int assessment_number = static_cast<int>(current.previous_assessments.size()) + 1;
  RETURN_IF_ERROR(CheckReviewable(current, assessment_number));
  if (current.reviews.size() >= static_cast<size_t>(policy_.max_reviews)) {
    return PreconditionFailed(
        "LIMIT", absl::StrCat(current.name(), "/reviews"),
        absl::StrCat(current.name(), " already has ", current.reviews.size(),
                     " reviews of its assessment decisions, the most a complaint may have "
                     "(docs/limits.md)"),
        kReasonReviewLimitReached);
  }
  AssessmentReview review;
  review.review_id = absl::StrCat("r", current.reviews.size() + 1);
  review.assessment_number = assessment_number;
  review.ground = command.ground;
  review.explanation = command.explanation;
  review.request_date = command.request_date.value_or(today);
  RETURN_IF_ERROR(CheckRequestDate(current, review.request_date, policy_));
  review.request_time = StoredNow(clock_);
  review.request_id = command.request_id;
  review.request_fingerprint = command.fingerprint;

  Complaint updated = current;
  updated.state = ComplaintState::kUnderReview;  // the closure reason stays: it is under review
  updated.reviews.push_back(std::move(review));
  updated.version = current.version + 1;
  updated.update_time = updated.reviews.back().request_time;
  absl::Status written =
      store_.UpdateComplaint(updated, current.version, std::nullopt, std::nullopt);
  if (written.ok()) return updated;
  return ResolveFailedReviewWrite(store_, id, command, written);
}

absl::StatusOr<Complaint> IntakeLogic::DecideAssessmentReview(const DecideReviewCommand& command,
                                                              const FieldViolations& decoding) {
  const absl::CivilDay today = Today(clock_);
  FieldViolations v = decoding;
  std::string id = ParseResourceName(v, "name", command.name, kComplaintsCollection);
  ValidateDecideReviewCommand(v, command, today);
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(Complaint current, LoadComplaint(store_, id));
  RETURN_IF_ERROR(CheckEtag(command.etag, current.version, current.name()));
  RETURN_IF_ERROR(CheckTransition(current, ComplaintAction::kDecideReview));
  if (current.reviews.empty() || !current.assessment.has_value() ||
      current.reviews.back().outcome != AssessmentReviewOutcome::kUndecided) {
    return absl::InternalError(
        absl::StrCat(current.name(), " is under review with no open review"));
  }
  Complaint updated = current;
  AssessmentReview& review = updated.reviews.back();
  review.outcome = command.outcome;
  review.outcome_reason = command.reason;
  review.reviewer = command.reviewer;
  review.decide_date = command.decide_date.value_or(today);
  if (*review.decide_date < review.request_date) {
    return InvalidArgument({{"decide_date", absl::StrCat("must not be before the review was "
                                                         "asked for on ",
                                                         Date(review.request_date))}});
  }
  review.decide_time = StoredNow(clock_);
  if (command.outcome == AssessmentReviewOutcome::kReopened) {
    // Assessable again, as if just received; the decision reviewed is kept as history.
    updated.state = ComplaintState::kReceived;
    updated.previous_assessments.push_back(*std::move(updated.assessment));
    updated.assessment.reset();
    updated.closure_reason = ClosureReason::kNone;
    updated.closure_note.clear();
  } else {
    updated.state = ComplaintState::kClosed;
  }
  updated.version = current.version + 1;
  updated.update_time = review.decide_time;
  RETURN_IF_ERROR(store_.UpdateComplaint(updated, current.version, std::nullopt, std::nullopt));
  return updated;
}

}  // namespace redress::intake
