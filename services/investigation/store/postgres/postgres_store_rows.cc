// The investigation row of postgres_store_rows.h; the child rows are in
// postgres_store_rows_children.cc.
#include "services/investigation/store/postgres/postgres_store_rows.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace redress::investigation::pg_rows {

namespace {

void AddSnapshot(pg::Params& params, const ComplaintSnapshot& c) {
  params.Add(c.complaint).Add(c.complainants_reference).Add(c.what_went_wrong);
  params.Add(c.injustice_claimed).Add(c.outcome_wanted);
  params.Add(static_cast<int>(c.jurisdiction)).Add(c.default_location);
}

// NULLs of the columns' types, so that an unset part means the same in any statement.
void AddScope(pg::Params& params, const std::optional<Scope>& scope) {
  if (!scope.has_value()) {
    params.AddNull(pg::kTextOid).AddNull(pg::kDateOid).AddNull(pg::kInt8Oid);
    params.AddNull(pg::kDateOid);
    return;
  }
  params.Add(scope->summary).Add(scope->agreed_date).Add(scope->timescale_working_days);
  params.Add(scope->target_date);
}

// The view's scalars before the decision's columns; its revision and content come later.
void AddViewDates(pg::Params& params, const std::optional<ProvisionalView>& view) {
  if (!view.has_value()) {
    params.AddNull(pg::kDateOid).AddNull(pg::kInt8Oid).AddNull(pg::kDateOid);
    return;
  }
  params.Add(view->share_date).Add(view->comment_period_working_days).Add(view->comment_deadline);
}

void AddCurrentDecision(pg::Params& params, const std::optional<FinalDecision>& decision) {
  if (!decision.has_value()) {
    params.AddNull(pg::kInt8Oid).AddNull(pg::kDateOid).AddNull(pg::kTimestampTzOid);
    params.AddNull(pg::kInt8Oid);
    return;
  }
  params.Add(static_cast<int>(decision->decision)).Add(decision->decision_date);
  params.Add(decision->issue_time).Add(decision->sequence);
}

void AddViewRevision(pg::Params& params, const std::optional<ProvisionalView>& view) {
  if (!view.has_value()) {
    params.AddNull(pg::kInt8Oid).AddNull(pg::kTextOid);
    return;
  }
  params.Add(view->revision).Add(view->shared_content);
}

void AddEnding(pg::Params& params, const std::optional<InvestigationEnding>& ending) {
  if (!ending.has_value()) {
    params.AddNull(pg::kTextOid).AddNull(pg::kDateOid).AddNull(pg::kTimestampTzOid);
    return;
  }
  params.Add(ending->reason).Add(ending->end_date).Add(ending->record_time);
}

absl::Status ReadSnapshot(const pg::Row& row, ComplaintSnapshot& c) {
  ASSIGN_OR_RETURN(c.complaint, row.Text("complaint"));
  ASSIGN_OR_RETURN(c.complainants_reference, row.Text("complainants_reference"));
  ASSIGN_OR_RETURN(c.what_went_wrong, row.Text("what_went_wrong"));
  ASSIGN_OR_RETURN(c.injustice_claimed, row.Text("injustice_claimed"));
  ASSIGN_OR_RETURN(c.outcome_wanted, row.Text("outcome_wanted"));
  ASSIGN_OR_RETURN(c.jurisdiction, ReadEnum<Jurisdiction>(row, "jurisdiction"));
  ASSIGN_OR_RETURN(c.default_location, row.Text("default_location"));
  return absl::OkStatus();
}

// Each part that occurs at most once is present when its first column is not NULL (the schema's
// CHECKs keep each group all NULL or all set).
absl::Status ReadScopeAndView(const pg::Row& row, Investigation& i) {
  if (!row.IsNull("scope_summary")) {
    Scope scope;
    ASSIGN_OR_RETURN(scope.summary, row.Text("scope_summary"));
    ASSIGN_OR_RETURN(scope.agreed_date, row.Day("scope_agreed_date"));
    ASSIGN_OR_RETURN(scope.timescale_working_days, ReadInt(row, "scope_timescale_working_days"));
    ASSIGN_OR_RETURN(scope.target_date, row.Day("scope_target_date"));
    i.scope = std::move(scope);
  }
  if (!row.IsNull("view_share_date")) {
    ProvisionalView view;
    ASSIGN_OR_RETURN(view.share_date, row.Day("view_share_date"));
    ASSIGN_OR_RETURN(view.comment_period_working_days,
                     ReadInt(row, "view_comment_period_working_days"));
    ASSIGN_OR_RETURN(view.comment_deadline, row.Day("view_comment_deadline"));
    ASSIGN_OR_RETURN(view.revision, ReadInt(row, "view_revision"));
    ASSIGN_OR_RETURN(view.shared_content, row.Text("view_shared_content"));
    i.provisional_view = std::move(view);
  }
  return absl::OkStatus();
}

absl::Status ReadDecisionAndEnding(const pg::Row& row, Investigation& i) {
  if (!row.IsNull("decision_outcome")) {
    FinalDecision decision;
    ASSIGN_OR_RETURN(decision.decision, ReadEnum<Outcome>(row, "decision_outcome"));
    ASSIGN_OR_RETURN(decision.decision_date, row.Day("decision_date"));
    ASSIGN_OR_RETURN(decision.issue_time, row.Time("decision_issue_time"));
    ASSIGN_OR_RETURN(decision.sequence, ReadInt(row, "decision_sequence"));
    i.final_decision = decision;
  }
  if (!row.IsNull("end_reason")) {
    InvestigationEnding ending;
    ASSIGN_OR_RETURN(ending.reason, row.Text("end_reason"));
    ASSIGN_OR_RETURN(ending.end_date, row.Day("end_date"));
    ASSIGN_OR_RETURN(ending.record_time, row.Time("end_record_time"));
    i.ending = std::move(ending);
  }
  return absl::OkStatus();
}

}  // namespace

void AddInvestigation(pg::Params& params, const Investigation& i) {
  params.Add(i.id).Add(static_cast<int>(i.state)).Add(i.caseworker);
  AddSnapshot(params, i.complaint);
  AddScope(params, i.scope);
  params.Add(i.location);
  AddViewDates(params, i.provisional_view);
  AddCurrentDecision(params, i.final_decision);
  params.Add(i.version).Add(i.create_time).Add(i.update_time);
  AddViewRevision(params, i.provisional_view);
  AddEnding(params, i.ending);
  params.Add(i.owner).Add(i.evidence_count);
  params.Add(i.provisional_view.has_value() ? i.provisional_view->comment_count : 0);
}

absl::StatusOr<Investigation> ReadInvestigation(const pg::Row& row) {
  Investigation i;
  ASSIGN_OR_RETURN(i.sequence, row.Int64("sequence"));
  ASSIGN_OR_RETURN(i.id, row.Text("id"));
  ASSIGN_OR_RETURN(i.state, ReadEnum<InvestigationState>(row, "state"));
  ASSIGN_OR_RETURN(i.caseworker, row.Text("caseworker"));
  RETURN_IF_ERROR(ReadSnapshot(row, i.complaint));
  ASSIGN_OR_RETURN(i.location, row.Text("location"));
  RETURN_IF_ERROR(ReadScopeAndView(row, i));
  RETURN_IF_ERROR(ReadDecisionAndEnding(row, i));
  ASSIGN_OR_RETURN(i.version, row.Int64("version"));
  ASSIGN_OR_RETURN(i.create_time, row.Time("create_time"));
  ASSIGN_OR_RETURN(i.update_time, row.Time("update_time"));
  ASSIGN_OR_RETURN(i.owner, row.Text("owner"));
  ASSIGN_OR_RETURN(i.evidence_count, ReadInt(row, "evidence_count"));
  if (i.provisional_view.has_value()) {
    ASSIGN_OR_RETURN(i.provisional_view->comment_count, ReadInt(row, "comment_count"));
  }
  return i;
}

}  // namespace redress::investigation::pg_rows
