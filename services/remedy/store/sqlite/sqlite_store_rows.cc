#include "services/remedy/store/sqlite/sqlite_store_rows.h"

#include <limits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace redress::remedy::sqlite_rows {

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

absl::StatusOr<absl::CivilDay> ReadDate(const Statement& row, int column) {
  const std::string text = row.ColumnText(column);
  absl::CivilDay day;
  if (!absl::ParseCivilTime(text, &day)) {
    return absl::InternalError(absl::StrCat("stored date is not YYYY-MM-DD: \"", text, "\""));
  }
  return day;
}

std::string Placeholders(int first, int last) {
  std::string result;
  for (int i = first; i <= last; ++i) {
    absl::StrAppend(&result, i == first ? "" : ", ", "?", i);
  }
  return result;
}

std::string RecommendationName(std::string_view id) { return "recommendations/" + std::string(id); }

std::string SummaryName(std::string_view investigation_id) {
  return "caseSummaries/" + std::string(investigation_id);
}

// --- The recommendation row. ---

namespace {

void BindNulls(Statement& statement, int first, int last) {
  for (int i = first; i <= last; ++i) statement.BindNull(i);
}

void BindResponse(Statement& statement, const std::optional<OrganisationResponse>& response) {
  if (!response.has_value()) return BindNulls(statement, 16, 18);
  statement.Bind(16, static_cast<int>(response->position)).Bind(17, response->note);
  statement.Bind(18, DateToText(response->response_date));
}

void BindCompliance(Statement& statement, const std::optional<ComplianceEvidence>& compliance) {
  if (!compliance.has_value()) return BindNulls(statement, 19, 22);
  statement.Bind(19, compliance->action_taken);
  statement.Bind(20, DateToText(compliance->completion_date));
  statement.Bind(21, compliance->evidence_reference);
  statement.Bind(22, TimeToMicros(compliance->record_time));
}

void BindDecline(Statement& statement, const std::optional<Decline>& decline) {
  if (!decline.has_value()) return BindNulls(statement, 23, 24);
  statement.Bind(23, decline->reason).Bind(24, DateToText(decline->decline_date));
}

absl::Status ReadParts(const Statement& row, Recommendation& r) {
  if (!row.IsNull(16)) {
    OrganisationResponse response;
    response.position = static_cast<OrganisationPosition>(row.ColumnInt(16));
    response.note = row.ColumnText(17);
    ASSIGN_OR_RETURN(response.response_date, ReadDate(row, 18));
    r.response = std::move(response);
  }
  if (!row.IsNull(19)) {
    ComplianceEvidence compliance;
    compliance.action_taken = row.ColumnText(19);
    ASSIGN_OR_RETURN(compliance.completion_date, ReadDate(row, 20));
    compliance.evidence_reference = row.ColumnText(21);
    compliance.record_time = MicrosToTime(row.ColumnInt64(22));
    r.compliance = std::move(compliance);
  }
  if (!row.IsNull(23)) {
    Decline decline;
    decline.reason = row.ColumnText(23);
    ASSIGN_OR_RETURN(decline.decline_date, ReadDate(row, 24));
    r.decline = std::move(decline);
  }
  return absl::OkStatus();
}

}  // namespace

void BindRecommendation(Statement& statement, const Recommendation& r) {
  statement.Bind(1, r.id).Bind(2, r.version).Bind(3, r.investigation_id).Bind(4, r.complaint);
  statement.Bind(5, r.decision_sequence).Bind(6, r.source_recommendation_id);
  statement.Bind(7, r.organisation_id).Bind(8, r.organisation_published_name);
  statement.Bind(9, static_cast<int>(r.type)).Bind(10, static_cast<int>(r.beneficiary));
  statement.Bind(11, r.description);
  if (r.amount.has_value()) {
    statement.Bind(12, r.amount->amount_minor).Bind(13, r.amount->currency_code);
  } else {
    BindNulls(statement, 12, 13);
  }
  statement.Bind(14, DateToText(r.target_date)).Bind(15, static_cast<int>(r.state));
  BindResponse(statement, r.response);
  BindCompliance(statement, r.compliance);
  BindDecline(statement, r.decline);
  statement.Bind(25, TimeToMicros(r.create_time)).Bind(26, TimeToMicros(r.update_time));
  statement.Bind(27, r.owner);
}

absl::StatusOr<Recommendation> ReadRecommendation(const Statement& row) {
  Recommendation r;
  r.sequence = row.ColumnInt64(0);
  r.id = row.ColumnText(1);
  r.version = row.ColumnInt64(2);
  r.investigation_id = row.ColumnText(3);
  r.complaint = row.ColumnText(4);
  r.decision_sequence = row.ColumnInt(5);
  r.source_recommendation_id = row.ColumnText(6);
  r.organisation_id = row.ColumnText(7);
  r.organisation_published_name = row.ColumnText(8);
  r.type = static_cast<RecommendationType>(row.ColumnInt(9));
  r.beneficiary = static_cast<Beneficiary>(row.ColumnInt(10));
  r.description = row.ColumnText(11);
  if (!row.IsNull(12)) r.amount = Money{row.ColumnInt64(12), row.ColumnText(13)};
  ASSIGN_OR_RETURN(r.target_date, ReadDate(row, 14));
  r.state = static_cast<RecommendationState>(row.ColumnInt(15));
  RETURN_IF_ERROR(ReadParts(row, r));
  r.create_time = MicrosToTime(row.ColumnInt64(25));
  r.update_time = MicrosToTime(row.ColumnInt64(26));
  r.owner = row.ColumnText(27);
  return r;
}

// --- Child rows. ---

namespace {

absl::Status InsertHistory(Connection& connection, const Recommendation& r) {
  if (r.history.empty()) return absl::OkStatus();
  ASSIGN_OR_RETURN(Statement insert,
                   connection.Prepare("INSERT INTO state_history (recommendation_id, position, "
                                      "state, change_time, target_date, decision_sequence) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  for (size_t i = 0; i < r.history.size(); ++i) {
    const StateChange& change = r.history[i];
    insert.Reset();
    insert.Bind(1, r.id).Bind(2, static_cast<int64_t>(i));
    insert.Bind(3, static_cast<int>(change.state)).Bind(4, TimeToMicros(change.change_time));
    insert.Bind(5, DateToText(change.target_date)).Bind(6, change.decision_sequence);
    RETURN_IF_ERROR(insert.Run());
  }
  return absl::OkStatus();
}

absl::Status LoadHistory(Connection& connection, Recommendation& r) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT state, change_time, target_date, decision_sequence "
                                      "FROM state_history WHERE recommendation_id = ?1 "
                                      "ORDER BY position"));
  select.Bind(1, r.id);
  r.history.clear();
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) return absl::OkStatus();
    StateChange change;
    change.state = static_cast<RecommendationState>(select.ColumnInt(0));
    change.change_time = MicrosToTime(select.ColumnInt64(1));
    ASSIGN_OR_RETURN(change.target_date, ReadDate(select, 2));
    change.decision_sequence = select.ColumnInt(3);
    r.history.push_back(std::move(change));
  }
}

}  // namespace

absl::Status InsertChildren(Connection& connection, const Recommendation& r) {
  if (!r.steps_taken.empty()) {
    ASSIGN_OR_RETURN(Statement insert,
                     connection.Prepare("INSERT INTO follow_up_steps (recommendation_id, "
                                        "position, action, due_date, take_time) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5)"));
    for (size_t i = 0; i < r.steps_taken.size(); ++i) {
      const FollowUpStep& step = r.steps_taken[i];
      insert.Reset();
      insert.Bind(1, r.id).Bind(2, static_cast<int64_t>(i));
      insert.Bind(3, static_cast<int>(step.action)).Bind(4, DateToText(step.due_date));
      insert.Bind(5, TimeToMicros(step.take_time));
      RETURN_IF_ERROR(insert.Run());
    }
  }
  if (!r.reschedules.empty()) {
    ASSIGN_OR_RETURN(Statement insert,
                     connection.Prepare("INSERT INTO reschedules (recommendation_id, position, "
                                        "previous_target_date, new_target_date, reason, "
                                        "record_time) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    for (size_t i = 0; i < r.reschedules.size(); ++i) {
      const Reschedule& reschedule = r.reschedules[i];
      insert.Reset();
      insert.Bind(1, r.id).Bind(2, static_cast<int64_t>(i));
      insert.Bind(3, DateToText(reschedule.previous_target_date));
      insert.Bind(4, DateToText(reschedule.new_target_date)).Bind(5, reschedule.reason);
      insert.Bind(6, TimeToMicros(reschedule.record_time));
      RETURN_IF_ERROR(insert.Run());
    }
  }
  return InsertHistory(connection, r);
}

absl::Status DeleteChildren(Connection& connection, std::string_view recommendation_id) {
  for (const char* sql : {"DELETE FROM follow_up_steps WHERE recommendation_id = ?1",
                          "DELETE FROM reschedules WHERE recommendation_id = ?1",
                          "DELETE FROM state_history WHERE recommendation_id = ?1"}) {
    ASSIGN_OR_RETURN(Statement statement, connection.Prepare(sql));
    RETURN_IF_ERROR(statement.Bind(1, recommendation_id).Run());
  }
  return absl::OkStatus();
}

absl::Status LoadChildren(Connection& connection, Recommendation& r) {
  ASSIGN_OR_RETURN(Statement steps,
                   connection.Prepare("SELECT action, due_date, take_time FROM follow_up_steps "
                                      "WHERE recommendation_id = ?1 ORDER BY position"));
  steps.Bind(1, r.id);
  r.steps_taken.clear();
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, steps.Step());
    if (!has_row) break;
    FollowUpStep step;
    step.action = static_cast<FollowUpAction>(steps.ColumnInt(0));
    ASSIGN_OR_RETURN(step.due_date, ReadDate(steps, 1));
    if (!steps.IsNull(2)) step.take_time = MicrosToTime(steps.ColumnInt64(2));
    r.steps_taken.push_back(std::move(step));
  }
  ASSIGN_OR_RETURN(Statement reschedules,
                   connection.Prepare("SELECT previous_target_date, new_target_date, reason, "
                                      "record_time FROM reschedules "
                                      "WHERE recommendation_id = ?1 ORDER BY position"));
  reschedules.Bind(1, r.id);
  r.reschedules.clear();
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, reschedules.Step());
    if (!has_row) break;
    Reschedule reschedule;
    ASSIGN_OR_RETURN(reschedule.previous_target_date, ReadDate(reschedules, 0));
    ASSIGN_OR_RETURN(reschedule.new_target_date, ReadDate(reschedules, 1));
    reschedule.reason = reschedules.ColumnText(2);
    reschedule.record_time = MicrosToTime(reschedules.ColumnInt64(3));
    r.reschedules.push_back(std::move(reschedule));
  }
  return LoadHistory(connection, r);
}

absl::Status ReplaceRecommendation(Connection& connection, const Recommendation& recommendation) {
  ASSIGN_OR_RETURN(Statement update,
                   connection.Prepare(absl::StrCat(
                       "UPDATE recommendations SET (", sqlite_rows::kRecommendationColumns, ") = (",
                       sqlite_rows::Placeholders(1, sqlite_rows::kRecommendationColumnCount),
                       ") WHERE id = ?1")));
  sqlite_rows::BindRecommendation(update, recommendation);
  RETURN_IF_ERROR(update.Run());
  RETURN_IF_ERROR(sqlite_rows::DeleteChildren(connection, recommendation.id));
  return sqlite_rows::InsertChildren(connection, recommendation);
}

}  // namespace redress::remedy::sqlite_rows
