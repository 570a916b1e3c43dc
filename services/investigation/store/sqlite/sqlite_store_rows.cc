#include "services/investigation/store/sqlite/sqlite_store_rows.h"

#include <limits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace redress::investigation::sqlite_rows {

int64_t TimeToMicros(absl::Time time) { return absl::ToUnixMicros(time); }  // saturates

absl::Time MicrosToTime(int64_t micros) {
  if (micros == std::numeric_limits<int64_t>::min()) return absl::InfinitePast();
  if (micros == std::numeric_limits<int64_t>::max()) return absl::InfiniteFuture();
  return absl::FromUnixMicros(micros);
}

std::optional<int64_t> TimeToMicros(const std::optional<absl::Time>& time) {
  if (!time.has_value()) return std::nullopt;
  return TimeToMicros(*time);
}

std::string DateToText(absl::CivilDay day) { return absl::FormatCivilTime(day); }

std::optional<std::string> DateToText(const std::optional<absl::CivilDay>& day) {
  if (!day.has_value()) return std::nullopt;
  return DateToText(*day);
}

absl::StatusOr<absl::CivilDay> ReadDate(const Statement& row, int column) {
  const std::string text = row.ColumnText(column);
  absl::CivilDay day;
  if (!absl::ParseCivilTime(text, &day)) {
    return absl::InternalError(absl::StrCat("stored date is not YYYY-MM-DD: \"", text, "\""));
  }
  return day;
}

absl::StatusOr<std::optional<absl::CivilDay>> ReadOptionalDate(const Statement& row, int column) {
  if (row.IsNull(column)) return std::optional<absl::CivilDay>();
  ASSIGN_OR_RETURN(absl::CivilDay day, ReadDate(row, column));
  return std::optional<absl::CivilDay>(day);
}

std::string Placeholders(int first, int last) {
  std::string result;
  for (int i = first; i <= last; ++i) {
    absl::StrAppend(&result, i == first ? "" : ", ", "?", i);
  }
  return result;
}

// --- The investigation row. ---

namespace {

void BindNulls(Statement& statement, int first, int last) {
  for (int i = first; i <= last; ++i) statement.BindNull(i);
}

void BindSnapshot(Statement& statement, const ComplaintSnapshot& c) {  // ?4..?10
  statement.Bind(4, c.complaint).Bind(5, c.complainants_reference).Bind(6, c.what_went_wrong);
  statement.Bind(7, c.injustice_claimed).Bind(8, c.outcome_wanted);
  statement.Bind(9, static_cast<int>(c.jurisdiction)).Bind(10, c.default_location);
}

void BindScope(Statement& statement, const std::optional<Scope>& scope) {  // ?11..?14
  if (!scope.has_value()) return BindNulls(statement, 11, 14);
  statement.Bind(11, scope->summary).Bind(12, DateToText(scope->agreed_date));
  statement.Bind(13, scope->timescale_working_days).Bind(14, DateToText(scope->target_date));
}

// The view's scalars (?16..?18, ?26..?27); its comments are child rows.
void BindView(Statement& statement, const std::optional<ProvisionalView>& view) {
  if (!view.has_value()) {
    BindNulls(statement, 26, 27);
    return BindNulls(statement, 16, 18);
  }
  statement.Bind(16, DateToText(view->share_date)).Bind(17, view->comment_period_working_days);
  statement.Bind(18, DateToText(view->comment_deadline));
  statement.Bind(26, view->revision).Bind(27, view->shared_content);
}

void BindEnding(Statement& statement, const std::optional<InvestigationEnding>& ending) {
  if (!ending.has_value()) return BindNulls(statement, 28, 30);  // ?28..?30
  statement.Bind(28, ending->reason).Bind(29, DateToText(ending->end_date));
  statement.Bind(30, TimeToMicros(ending->record_time));
}

void BindCurrentDecision(Statement& statement, const std::optional<FinalDecision>& decision) {
  if (!decision.has_value()) return BindNulls(statement, 19, 22);  // ?19..?22
  statement.Bind(19, static_cast<int>(decision->decision));
  statement.Bind(20, DateToText(decision->decision_date));
  statement.Bind(21, TimeToMicros(decision->issue_time)).Bind(22, decision->sequence);
}

absl::Status ReadParts(const Statement& row, Investigation& i) {
  if (!row.IsNull(11)) {
    Scope scope;
    scope.summary = row.ColumnText(11);
    ASSIGN_OR_RETURN(scope.agreed_date, ReadDate(row, 12));
    scope.timescale_working_days = row.ColumnInt(13);
    ASSIGN_OR_RETURN(scope.target_date, ReadDate(row, 14));
    i.scope = std::move(scope);
  }
  if (!row.IsNull(16)) {
    ProvisionalView view;
    ASSIGN_OR_RETURN(view.share_date, ReadDate(row, 16));
    view.comment_period_working_days = row.ColumnInt(17);
    ASSIGN_OR_RETURN(view.comment_deadline, ReadDate(row, 18));
    view.revision = row.ColumnInt(26);
    view.shared_content = row.ColumnText(27);
    i.provisional_view = std::move(view);
  }
  if (!row.IsNull(28)) {
    InvestigationEnding ending;
    ending.reason = row.ColumnText(28);
    ASSIGN_OR_RETURN(ending.end_date, ReadDate(row, 29));
    ending.record_time = MicrosToTime(row.ColumnInt64(30));
    i.ending = std::move(ending);
  }
  if (!row.IsNull(19)) {
    FinalDecision decision;
    decision.decision = static_cast<Outcome>(row.ColumnInt(19));
    ASSIGN_OR_RETURN(decision.decision_date, ReadDate(row, 20));
    decision.issue_time = MicrosToTime(row.ColumnInt64(21));
    decision.sequence = row.ColumnInt(22);
    i.final_decision = decision;
  }
  return absl::OkStatus();
}

}  // namespace

void BindInvestigation(Statement& statement, const Investigation& i) {
  statement.Bind(1, i.id).Bind(2, static_cast<int>(i.state)).Bind(3, i.caseworker);
  BindSnapshot(statement, i.complaint);
  BindScope(statement, i.scope);
  statement.Bind(15, i.location);
  BindView(statement, i.provisional_view);
  BindCurrentDecision(statement, i.final_decision);
  statement.Bind(23, i.version).Bind(24, TimeToMicros(i.create_time));
  statement.Bind(25, TimeToMicros(i.update_time));
  BindEnding(statement, i.ending);
  statement.Bind(31, i.owner).Bind(32, i.evidence_count);
  statement.Bind(33, i.provisional_view.has_value() ? i.provisional_view->comment_count : 0);
}

absl::StatusOr<Investigation> ReadInvestigation(const Statement& row) {
  Investigation i;
  i.sequence = row.ColumnInt64(0);
  i.id = row.ColumnText(1);
  i.state = static_cast<InvestigationState>(row.ColumnInt(2));
  i.caseworker = row.ColumnText(3);
  ComplaintSnapshot& c = i.complaint;
  c.complaint = row.ColumnText(4);
  c.complainants_reference = row.ColumnText(5);
  c.what_went_wrong = row.ColumnText(6);
  c.injustice_claimed = row.ColumnText(7);
  c.outcome_wanted = row.ColumnText(8);
  c.jurisdiction = static_cast<Jurisdiction>(row.ColumnInt(9));
  c.default_location = row.ColumnText(10);
  i.location = row.ColumnText(15);
  RETURN_IF_ERROR(ReadParts(row, i));
  i.version = row.ColumnInt64(23);
  i.create_time = MicrosToTime(row.ColumnInt64(24));
  i.update_time = MicrosToTime(row.ColumnInt64(25));
  i.owner = row.ColumnText(31);
  i.evidence_count = row.ColumnInt(32);
  if (i.provisional_view.has_value()) i.provisional_view->comment_count = row.ColumnInt(33);
  return i;
}

}  // namespace redress::investigation::sqlite_rows
