// The child rows of postgres_store_rows.h: one Add/Read pair per list part of an investigation.
// Add<Part> adds k<Part>Columns in order (after the investigation id and the position); Read<Part>
// reads them by name.
#include <utility>

#include "common/status_macros.h"
#include "services/investigation/store/postgres/postgres_store_rows.h"

namespace redress::investigation::pg_rows {

void AddPoint(pg::Params& params, const ComplaintPoint& point) {
  params.Add(point.point_id).Add(point.description).Add(static_cast<int>(point.outcome));
  if (!point.finding.has_value()) {
    params.AddNull(pg::kBoolOid).AddNull(pg::kBoolOid).AddNull(pg::kInt8Oid);
    params.AddNull(pg::kTextOid).AddNull(pg::kTimestampTzOid);
    return;
  }
  const Finding& f = *point.finding;
  params.Add(f.failing).Add(f.injustice).Add(static_cast<int>(f.causal_link));
  params.Add(f.reasoning).Add(f.record_time);
}

absl::StatusOr<ComplaintPoint> ReadPoint(const pg::Row& row) {
  ComplaintPoint point;
  ASSIGN_OR_RETURN(point.point_id, row.Text("point_id"));
  ASSIGN_OR_RETURN(point.description, row.Text("description"));
  ASSIGN_OR_RETURN(point.outcome, ReadEnum<Outcome>(row, "outcome"));
  if (!row.IsNull("finding_failing")) {
    Finding f;
    ASSIGN_OR_RETURN(f.failing, row.Bool("finding_failing"));
    ASSIGN_OR_RETURN(f.injustice, row.Bool("finding_injustice"));
    ASSIGN_OR_RETURN(f.causal_link, ReadEnum<CausalLink>(row, "finding_causal_link"));
    ASSIGN_OR_RETURN(f.reasoning, row.Text("finding_reasoning"));
    ASSIGN_OR_RETURN(f.record_time, row.Time("finding_record_time"));
    point.finding = std::move(f);
  }
  return point;
}

void AddEvidence(pg::Params& params, const EvidenceItem& item) {
  params.Add(item.evidence_id).Add(item.description).Add(static_cast<int>(item.source));
  params.Add(item.received_date).Add(item.log_time);
}

absl::StatusOr<EvidenceItem> ReadEvidence(const pg::Row& row) {
  EvidenceItem item;
  ASSIGN_OR_RETURN(item.evidence_id, row.Text("evidence_id"));
  ASSIGN_OR_RETURN(item.description, row.Text("description"));
  ASSIGN_OR_RETURN(item.source, ReadEnum<Party>(row, "source"));
  ASSIGN_OR_RETURN(item.received_date, row.Day("received_date"));
  ASSIGN_OR_RETURN(item.log_time, row.Time("log_time"));
  return item;
}

void AddHold(pg::Params& params, const Hold& hold) {
  params.Add(hold.reason).Add(hold.start_date).Add(hold.end_date);
  params.Add(static_cast<int>(hold.resume_state));
}

absl::StatusOr<Hold> ReadHold(const pg::Row& row) {
  Hold hold;
  ASSIGN_OR_RETURN(hold.reason, row.Text("reason"));
  ASSIGN_OR_RETURN(hold.start_date, row.Day("start_date"));
  ASSIGN_OR_RETURN(hold.end_date, row.OptionalDay("end_date"));
  ASSIGN_OR_RETURN(hold.resume_state, ReadEnum<InvestigationState>(row, "resume_state"));
  return hold;
}

void AddHandlingFinding(pg::Params& params, const ComplaintHandlingFinding& finding) {
  params.Add(static_cast<int>(finding.principle)).Add(finding.met).Add(finding.finding);
}

absl::StatusOr<ComplaintHandlingFinding> ReadHandlingFinding(const pg::Row& row) {
  ComplaintHandlingFinding finding;
  ASSIGN_OR_RETURN(finding.principle, ReadEnum<Principle>(row, "principle"));
  ASSIGN_OR_RETURN(finding.met, row.Bool("met"));
  ASSIGN_OR_RETURN(finding.finding, row.Text("finding"));
  return finding;
}

void AddComplaintType(pg::Params& params, const std::string& label) { params.Add(label); }

absl::StatusOr<std::string> ReadComplaintType(const pg::Row& row) { return row.Text("label"); }

void AddOrganisation(pg::Params& params, const OrganisationInvestigated& organisation) {
  params.Add(organisation.organisation).Add(organisation.published_name);
}

absl::StatusOr<OrganisationInvestigated> ReadOrganisation(const pg::Row& row) {
  OrganisationInvestigated organisation;
  ASSIGN_OR_RETURN(organisation.organisation, row.Text("organisation"));
  ASSIGN_OR_RETURN(organisation.published_name, row.Text("published_name"));
  return organisation;
}

void AddRecommendation(pg::Params& params, const Recommendation& r) {
  params.Add(r.recommendation_id).Add(static_cast<int>(r.type));
  params.Add(static_cast<int>(r.beneficiary)).Add(r.description);
  if (r.amount.has_value()) {
    params.Add(r.amount->amount_minor).Add(r.amount->currency_code);
  } else {
    params.AddNull(pg::kInt8Oid).AddNull(pg::kTextOid);
  }
  params.Add(r.target_date).Add(r.organisation);
}

absl::StatusOr<Recommendation> ReadRecommendation(const pg::Row& row) {
  Recommendation r;
  ASSIGN_OR_RETURN(r.recommendation_id, row.Text("recommendation_id"));
  ASSIGN_OR_RETURN(r.type, ReadEnum<RecommendationType>(row, "type"));
  ASSIGN_OR_RETURN(r.beneficiary, ReadEnum<Beneficiary>(row, "beneficiary"));
  ASSIGN_OR_RETURN(r.description, row.Text("description"));
  if (!row.IsNull("amount_minor")) {
    Money amount;
    ASSIGN_OR_RETURN(amount.amount_minor, row.Int64("amount_minor"));
    ASSIGN_OR_RETURN(amount.currency_code, row.Text("currency_code"));
    r.amount = std::move(amount);
  }
  ASSIGN_OR_RETURN(r.target_date, row.OptionalDay("target_date"));
  ASSIGN_OR_RETURN(r.organisation, row.Text("organisation"));
  return r;
}

void AddComment(pg::Params& params, const Comment& comment) {
  params.Add(comment.comment_id).Add(static_cast<int>(comment.party)).Add(comment.text);
  params.Add(comment.received_date).Add(comment.log_time).Add(comment.organisation);
  params.Add(comment.view_revision);
}

absl::StatusOr<Comment> ReadComment(const pg::Row& row) {
  Comment comment;
  ASSIGN_OR_RETURN(comment.comment_id, row.Text("comment_id"));
  ASSIGN_OR_RETURN(comment.party, ReadEnum<Party>(row, "party"));
  ASSIGN_OR_RETURN(comment.text, row.Text("text"));
  ASSIGN_OR_RETURN(comment.received_date, row.Day("received_date"));
  ASSIGN_OR_RETURN(comment.log_time, row.Time("log_time"));
  ASSIGN_OR_RETURN(comment.organisation, row.Text("organisation"));
  ASSIGN_OR_RETURN(comment.view_revision, ReadInt(row, "view_revision"));
  return comment;
}

void AddCommenter(pg::Params& params, const Commenter& commenter) {
  params.Add(static_cast<int>(commenter.party)).Add(commenter.organisation);
  params.Add(commenter.first_received_date);
}

absl::StatusOr<Commenter> ReadCommenter(const pg::Row& row) {
  Commenter commenter;
  ASSIGN_OR_RETURN(commenter.party, ReadEnum<Party>(row, "party"));
  ASSIGN_OR_RETURN(commenter.organisation, row.Text("organisation"));
  ASSIGN_OR_RETURN(commenter.first_received_date, row.Day("first_received_date"));
  return commenter;
}

void AddDecision(pg::Params& params, const FinalDecision& decision) {
  params.Add(static_cast<int>(decision.decision)).Add(decision.decision_date);
  params.Add(decision.issue_time).Add(decision.sequence);
}

absl::StatusOr<FinalDecision> ReadDecision(const pg::Row& row) {
  FinalDecision decision;
  ASSIGN_OR_RETURN(decision.decision, ReadEnum<Outcome>(row, "outcome"));
  ASSIGN_OR_RETURN(decision.decision_date, row.Day("decision_date"));
  ASSIGN_OR_RETURN(decision.issue_time, row.Time("issue_time"));
  ASSIGN_OR_RETURN(decision.sequence, ReadInt(row, "sequence"));
  return decision;
}

void AddReview(pg::Params& params, const Review& review) {
  params.Add(review.review_id).Add(static_cast<int>(review.requested_by));
  params.Add(static_cast<int>(review.ground)).Add(review.explanation).Add(review.request_date);
  params.Add(static_cast<int>(review.outcome)).Add(review.outcome_reason).Add(review.decide_date);
  params.Add(review.decision_sequence);
}

absl::StatusOr<Review> ReadReview(const pg::Row& row) {
  Review review;
  ASSIGN_OR_RETURN(review.review_id, row.Text("review_id"));
  ASSIGN_OR_RETURN(review.requested_by, ReadEnum<Party>(row, "requested_by"));
  ASSIGN_OR_RETURN(review.ground, ReadEnum<ReviewGround>(row, "ground"));
  ASSIGN_OR_RETURN(review.explanation, row.Text("explanation"));
  ASSIGN_OR_RETURN(review.request_date, row.Day("request_date"));
  ASSIGN_OR_RETURN(review.outcome, ReadEnum<ReviewOutcome>(row, "outcome"));
  ASSIGN_OR_RETURN(review.outcome_reason, row.Text("outcome_reason"));
  ASSIGN_OR_RETURN(review.decide_date, row.OptionalDay("decide_date"));
  ASSIGN_OR_RETURN(review.decision_sequence, ReadInt(row, "decision_sequence"));
  return review;
}

}  // namespace redress::investigation::pg_rows
