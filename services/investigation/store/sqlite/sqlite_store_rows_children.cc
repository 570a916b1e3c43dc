// The child rows of sqlite_store_rows.h: one Bind/Read pair per list part of an investigation.
// Bind<Part> binds from ?3 (?1 and ?2 are the investigation id and the position); Read<Part>
// reads k<Part>Columns from column 0.
#include <utility>

#include "common/status_macros.h"
#include "services/investigation/store/sqlite/sqlite_store_rows.h"

namespace redress::investigation::sqlite_rows {

void BindPoint(Statement& statement, const ComplaintPoint& point) {
  statement.Bind(3, point.point_id).Bind(4, point.description);
  statement.Bind(5, static_cast<int>(point.outcome));
  if (!point.finding.has_value()) {
    for (int i = 6; i <= 10; ++i) statement.BindNull(i);
    return;
  }
  const Finding& f = *point.finding;
  statement.Bind(6, f.failing).Bind(7, f.injustice).Bind(8, static_cast<int>(f.causal_link));
  statement.Bind(9, f.reasoning).Bind(10, TimeToMicros(f.record_time));
}

absl::StatusOr<ComplaintPoint> ReadPoint(const Statement& row) {
  ComplaintPoint point;
  point.point_id = row.ColumnText(0);
  point.description = row.ColumnText(1);
  point.outcome = static_cast<Outcome>(row.ColumnInt(2));
  if (!row.IsNull(3)) {
    Finding f;
    f.failing = row.ColumnBool(3);
    f.injustice = row.ColumnBool(4);
    f.causal_link = static_cast<CausalLink>(row.ColumnInt(5));
    f.reasoning = row.ColumnText(6);
    f.record_time = MicrosToTime(row.ColumnInt64(7));
    point.finding = std::move(f);
  }
  return point;
}

void BindEvidence(Statement& statement, const EvidenceItem& item) {
  statement.Bind(3, item.evidence_id).Bind(4, item.description);
  statement.Bind(5, static_cast<int>(item.source)).Bind(6, DateToText(item.received_date));
  statement.Bind(7, TimeToMicros(item.log_time));
}

absl::StatusOr<EvidenceItem> ReadEvidence(const Statement& row) {
  EvidenceItem item;
  item.evidence_id = row.ColumnText(0);
  item.description = row.ColumnText(1);
  item.source = static_cast<Party>(row.ColumnInt(2));
  ASSIGN_OR_RETURN(item.received_date, ReadDate(row, 3));
  item.log_time = MicrosToTime(row.ColumnInt64(4));
  return item;
}

void BindHold(Statement& statement, const Hold& hold) {
  statement.Bind(3, hold.reason).Bind(4, DateToText(hold.start_date));
  statement.Bind(5, DateToText(hold.end_date)).Bind(6, static_cast<int>(hold.resume_state));
}

absl::StatusOr<Hold> ReadHold(const Statement& row) {
  Hold hold;
  hold.reason = row.ColumnText(0);
  ASSIGN_OR_RETURN(hold.start_date, ReadDate(row, 1));
  ASSIGN_OR_RETURN(hold.end_date, ReadOptionalDate(row, 2));
  hold.resume_state = static_cast<InvestigationState>(row.ColumnInt(3));
  return hold;
}

void BindHandlingFinding(Statement& statement, const ComplaintHandlingFinding& finding) {
  statement.Bind(3, static_cast<int>(finding.principle)).Bind(4, finding.met);
  statement.Bind(5, finding.finding);
}

absl::StatusOr<ComplaintHandlingFinding> ReadHandlingFinding(const Statement& row) {
  ComplaintHandlingFinding finding;
  finding.principle = static_cast<Principle>(row.ColumnInt(0));
  finding.met = row.ColumnBool(1);
  finding.finding = row.ColumnText(2);
  return finding;
}

void BindComplaintType(Statement& statement, const std::string& label) { statement.Bind(3, label); }

absl::StatusOr<std::string> ReadComplaintType(const Statement& row) { return row.ColumnText(0); }

void BindOrganisation(Statement& statement, const OrganisationInvestigated& organisation) {
  statement.Bind(3, organisation.organisation).Bind(4, organisation.published_name);
}

absl::StatusOr<OrganisationInvestigated> ReadOrganisation(const Statement& row) {
  return OrganisationInvestigated{row.ColumnText(0), row.ColumnText(1)};
}

void BindRecommendation(Statement& statement, const Recommendation& r) {
  statement.Bind(3, r.recommendation_id).Bind(4, static_cast<int>(r.type));
  statement.Bind(5, static_cast<int>(r.beneficiary)).Bind(6, r.description);
  if (r.amount.has_value()) {
    statement.Bind(7, r.amount->amount_minor).Bind(8, r.amount->currency_code);
  } else {
    statement.BindNull(7).BindNull(8);
  }
  statement.Bind(9, DateToText(r.target_date)).Bind(10, r.organisation);
}

absl::StatusOr<Recommendation> ReadRecommendation(const Statement& row) {
  Recommendation r;
  r.recommendation_id = row.ColumnText(0);
  r.type = static_cast<RecommendationType>(row.ColumnInt(1));
  r.beneficiary = static_cast<Beneficiary>(row.ColumnInt(2));
  r.description = row.ColumnText(3);
  if (!row.IsNull(4)) r.amount = Money{row.ColumnInt64(4), row.ColumnText(5)};
  ASSIGN_OR_RETURN(r.target_date, ReadOptionalDate(row, 6));
  r.organisation = row.ColumnText(7);
  return r;
}

void BindComment(Statement& statement, const Comment& comment) {
  statement.Bind(3, comment.comment_id).Bind(4, static_cast<int>(comment.party));
  statement.Bind(5, comment.text).Bind(6, DateToText(comment.received_date));
  statement.Bind(7, TimeToMicros(comment.log_time)).Bind(8, comment.organisation);
  statement.Bind(9, comment.view_revision);
}

absl::StatusOr<Comment> ReadComment(const Statement& row) {
  Comment comment;
  comment.comment_id = row.ColumnText(0);
  comment.party = static_cast<Party>(row.ColumnInt(1));
  comment.text = row.ColumnText(2);
  ASSIGN_OR_RETURN(comment.received_date, ReadDate(row, 3));
  comment.log_time = MicrosToTime(row.ColumnInt64(4));
  comment.organisation = row.ColumnText(5);
  comment.view_revision = row.ColumnInt(6);
  return comment;
}

void BindCommenter(Statement& statement, const Commenter& commenter) {
  statement.Bind(3, static_cast<int>(commenter.party)).Bind(4, commenter.organisation);
  statement.Bind(5, DateToText(commenter.first_received_date));
}

absl::StatusOr<Commenter> ReadCommenter(const Statement& row) {
  Commenter commenter;
  commenter.party = static_cast<Party>(row.ColumnInt(0));
  commenter.organisation = row.ColumnText(1);
  ASSIGN_OR_RETURN(commenter.first_received_date, ReadDate(row, 2));
  return commenter;
}

void BindDecision(Statement& statement, const FinalDecision& decision) {
  statement.Bind(3, static_cast<int>(decision.decision));
  statement.Bind(4, DateToText(decision.decision_date));
  statement.Bind(5, TimeToMicros(decision.issue_time)).Bind(6, decision.sequence);
}

absl::StatusOr<FinalDecision> ReadDecision(const Statement& row) {
  FinalDecision decision;
  decision.decision = static_cast<Outcome>(row.ColumnInt(0));
  ASSIGN_OR_RETURN(decision.decision_date, ReadDate(row, 1));
  decision.issue_time = MicrosToTime(row.ColumnInt64(2));
  decision.sequence = row.ColumnInt(3);
  return decision;
}

void BindReview(Statement& statement, const Review& review) {
  statement.Bind(3, review.review_id).Bind(4, static_cast<int>(review.requested_by));
  statement.Bind(5, static_cast<int>(review.ground)).Bind(6, review.explanation);
  statement.Bind(7, DateToText(review.request_date)).Bind(8, static_cast<int>(review.outcome));
  statement.Bind(9, review.outcome_reason).Bind(10, DateToText(review.decide_date));
  statement.Bind(11, review.decision_sequence);
}

absl::StatusOr<Review> ReadReview(const Statement& row) {
  Review review;
  review.review_id = row.ColumnText(0);
  review.requested_by = static_cast<Party>(row.ColumnInt(1));
  review.ground = static_cast<ReviewGround>(row.ColumnInt(2));
  review.explanation = row.ColumnText(3);
  ASSIGN_OR_RETURN(review.request_date, ReadDate(row, 4));
  review.outcome = static_cast<ReviewOutcome>(row.ColumnInt(5));
  review.outcome_reason = row.ColumnText(6);
  ASSIGN_OR_RETURN(review.decide_date, ReadOptionalDate(row, 7));
  review.decision_sequence = row.ColumnInt(8);
  return review;
}

}  // namespace redress::investigation::sqlite_rows
