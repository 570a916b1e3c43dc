#include "services/remedy/store/postgres/postgres_store_rows.h"

#include <map>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"

namespace redress::remedy::pg_rows {

std::string RecommendationName(std::string_view id) { return "recommendations/" + std::string(id); }

std::string SummaryName(std::string_view investigation_id) {
  return "caseSummaries/" + std::string(investigation_id);
}

// --- The recommendation row. ---

namespace {

void AddNulls(pg::Params& params, int count) {
  for (int i = 0; i < count; ++i) params.AddNull();
}

void AddResponse(pg::Params& params, const std::optional<OrganisationResponse>& response) {
  if (!response.has_value()) return AddNulls(params, 3);
  params.Add(static_cast<int>(response->position)).Add(response->note);
  params.Add(response->response_date);
}

void AddCompliance(pg::Params& params, const std::optional<ComplianceEvidence>& compliance) {
  if (!compliance.has_value()) return AddNulls(params, 4);
  params.Add(compliance->action_taken).Add(compliance->completion_date);
  params.Add(compliance->evidence_reference).Add(compliance->record_time);
}

void AddDecline(pg::Params& params, const std::optional<Decline>& decline) {
  if (!decline.has_value()) return AddNulls(params, 2);
  params.Add(decline->reason).Add(decline->decline_date);
}

absl::Status ReadParts(const pg::Row& row, Recommendation& r) {
  ASSIGN_OR_RETURN(std::optional<int64_t> position, row.OptionalInt64("response_position"));
  if (position.has_value()) {
    OrganisationResponse response;
    response.position = static_cast<OrganisationPosition>(*position);
    ASSIGN_OR_RETURN(response.note, row.Text("response_note"));
    ASSIGN_OR_RETURN(response.response_date, row.Day("response_date"));
    r.response = std::move(response);
  }
  ASSIGN_OR_RETURN(std::optional<std::string> action, row.OptionalText("compliance_action_taken"));
  if (action.has_value()) {
    ComplianceEvidence compliance;
    compliance.action_taken = *std::move(action);
    ASSIGN_OR_RETURN(compliance.completion_date, row.Day("compliance_completion_date"));
    ASSIGN_OR_RETURN(compliance.evidence_reference, row.Text("compliance_evidence_reference"));
    ASSIGN_OR_RETURN(compliance.record_time, row.Time("compliance_record_time"));
    r.compliance = std::move(compliance);
  }
  ASSIGN_OR_RETURN(std::optional<std::string> reason, row.OptionalText("decline_reason"));
  if (reason.has_value()) {
    Decline decline;
    decline.reason = *std::move(reason);
    ASSIGN_OR_RETURN(decline.decline_date, row.Day("decline_date"));
    r.decline = std::move(decline);
  }
  return absl::OkStatus();
}

}  // namespace

pg::Params RecommendationParams(const Recommendation& r) {
  pg::Params params;
  params.Add(r.id).Add(r.version).Add(r.investigation_id).Add(r.complaint);
  params.Add(r.decision_sequence).Add(r.source_recommendation_id);
  params.Add(r.organisation_id).Add(r.organisation_published_name);
  params.Add(static_cast<int>(r.type)).Add(static_cast<int>(r.beneficiary)).Add(r.description);
  if (r.amount.has_value()) {
    params.Add(r.amount->amount_minor).Add(r.amount->currency_code);
  } else {
    AddNulls(params, 2);
  }
  params.Add(r.target_date).Add(static_cast<int>(r.state));
  AddResponse(params, r.response);
  AddCompliance(params, r.compliance);
  AddDecline(params, r.decline);
  params.Add(r.create_time).Add(r.update_time).Add(r.owner);
  return params;
}

absl::StatusOr<Recommendation> ReadRecommendation(const pg::Row& row) {
  Recommendation r;
  ASSIGN_OR_RETURN(r.sequence, row.Int64("sequence"));
  ASSIGN_OR_RETURN(r.id, row.Text("id"));
  ASSIGN_OR_RETURN(r.version, row.Int64("version"));
  ASSIGN_OR_RETURN(r.investigation_id, row.Text("investigation_id"));
  ASSIGN_OR_RETURN(r.complaint, row.Text("complaint"));
  ASSIGN_OR_RETURN(int64_t decision_sequence, row.Int64("decision_sequence"));
  r.decision_sequence = static_cast<int>(decision_sequence);
  ASSIGN_OR_RETURN(r.source_recommendation_id, row.Text("source_recommendation_id"));
  ASSIGN_OR_RETURN(r.organisation_id, row.Text("organisation_id"));
  ASSIGN_OR_RETURN(r.organisation_published_name, row.Text("organisation_published_name"));
  ASSIGN_OR_RETURN(int64_t type, row.Int64("type"));
  r.type = static_cast<RecommendationType>(type);
  ASSIGN_OR_RETURN(int64_t beneficiary, row.Int64("beneficiary"));
  r.beneficiary = static_cast<Beneficiary>(beneficiary);
  ASSIGN_OR_RETURN(r.description, row.Text("description"));
  ASSIGN_OR_RETURN(std::optional<int64_t> amount_minor, row.OptionalInt64("amount_minor"));
  if (amount_minor.has_value()) {
    ASSIGN_OR_RETURN(std::string currency_code, row.Text("currency_code"));
    r.amount = Money{*amount_minor, std::move(currency_code)};
  }
  ASSIGN_OR_RETURN(r.target_date, row.Day("target_date"));
  ASSIGN_OR_RETURN(int64_t state, row.Int64("state"));
  r.state = static_cast<RecommendationState>(state);
  RETURN_IF_ERROR(ReadParts(row, r));
  ASSIGN_OR_RETURN(r.create_time, row.Time("create_time"));
  ASSIGN_OR_RETURN(r.update_time, row.Time("update_time"));
  ASSIGN_OR_RETURN(r.owner, row.Text("owner"));
  return r;
}

// --- Child rows. ---

namespace {

// "($1, ..., $c), ($c+1, ..., $2c), ...": the VALUES of a `rows`-row insert of `columns` each,
// so that a list is one statement however long.
std::string ValuesRows(size_t rows, int columns) {
  std::string values;
  for (size_t i = 0; i < rows; ++i) {
    const int first = static_cast<int>(i) * columns + 1;
    absl::StrAppend(&values, i == 0 ? "" : ", ", "(", Placeholders(first, first + columns - 1),
                    ")");
  }
  return values;
}

absl::Status Insert(pg::Connection& connection, std::string_view table_and_columns, size_t rows,
                    int columns, const pg::Params& params) {
  if (rows == 0) return absl::OkStatus();
  return connection
      .Execute(absl::StrCat("INSERT INTO ", std::string(table_and_columns), " VALUES ",
                            ValuesRows(rows, columns)),
               params)
      .status();
}

// The recommendations of `recommendations` by id, to hand child rows to their owners.
std::map<std::string, Recommendation*, std::less<>> ById(
    std::vector<Recommendation>& recommendations) {
  std::map<std::string, Recommendation*, std::less<>> by_id;
  for (Recommendation& r : recommendations) by_id[r.id] = &r;
  return by_id;
}

// The owner of a child row; INTERNAL for a row of a recommendation the caller did not read (the
// owners statement and the list disagree: a bug).
absl::StatusOr<Recommendation*> Owner(
    const std::map<std::string, Recommendation*, std::less<>>& by_id, const pg::Row& row) {
  ASSIGN_OR_RETURN(std::string id, row.Text("recommendation_id"));
  auto it = by_id.find(id);
  if (it == by_id.end()) return absl::InternalError("a child row of an unread recommendation");
  return it->second;
}

}  // namespace

absl::Status InsertChildren(pg::Connection& connection, const Recommendation& r) {
  pg::Params steps;
  for (size_t i = 0; i < r.steps_taken.size(); ++i) {
    const FollowUpStep& step = r.steps_taken[i];
    steps.Add(r.id).Add(static_cast<int64_t>(i)).Add(static_cast<int>(step.action));
    steps.Add(step.due_date).Add(step.take_time);
  }
  RETURN_IF_ERROR(Insert(connection,
                         "follow_up_steps (recommendation_id, position, action, due_date, "
                         "take_time)",
                         r.steps_taken.size(), 5, steps));
  pg::Params reschedules;
  for (size_t i = 0; i < r.reschedules.size(); ++i) {
    const Reschedule& reschedule = r.reschedules[i];
    reschedules.Add(r.id).Add(static_cast<int64_t>(i)).Add(reschedule.previous_target_date);
    reschedules.Add(reschedule.new_target_date).Add(reschedule.reason);
    reschedules.Add(reschedule.record_time);
  }
  RETURN_IF_ERROR(Insert(connection,
                         "reschedules (recommendation_id, position, previous_target_date, "
                         "new_target_date, reason, record_time)",
                         r.reschedules.size(), 6, reschedules));
  pg::Params history;
  for (size_t i = 0; i < r.history.size(); ++i) {
    const StateChange& change = r.history[i];
    history.Add(r.id).Add(static_cast<int64_t>(i)).Add(static_cast<int>(change.state));
    history.Add(change.change_time).Add(change.target_date).Add(change.decision_sequence);
  }
  return Insert(connection,
                "state_history (recommendation_id, position, state, change_time, target_date, "
                "decision_sequence)",
                r.history.size(), 6, history);
}

absl::Status DeleteChildren(pg::Connection& connection, std::string_view recommendation_id) {
  for (const char* sql : {"DELETE FROM follow_up_steps WHERE recommendation_id = $1",
                          "DELETE FROM reschedules WHERE recommendation_id = $1",
                          "DELETE FROM state_history WHERE recommendation_id = $1"}) {
    RETURN_IF_ERROR(connection.Execute(sql, pg::Params().Add(recommendation_id)).status());
  }
  return absl::OkStatus();
}

absl::Status LoadChildren(pg::Connection& connection, std::string_view owners,
                          const pg::Params& params, std::vector<Recommendation>& recommendations) {
  if (recommendations.empty()) return absl::OkStatus();
  const auto by_id = ById(recommendations);
  for (Recommendation& r : recommendations) {
    r.steps_taken.clear();
    r.reschedules.clear();
    r.history.clear();
  }
  const std::string of_owners = absl::StrCat(" WHERE recommendation_id IN (", std::string(owners),
                                             ") ORDER BY recommendation_id, position");
  ASSIGN_OR_RETURN(pg::Result steps,
                   connection.Execute(absl::StrCat("SELECT recommendation_id, action, due_date, "
                                                   "take_time FROM follow_up_steps",
                                                   of_owners),
                                      params));
  for (int i = 0; i < steps.rows(); ++i) {
    const pg::Row row = steps.row(i);
    ASSIGN_OR_RETURN(Recommendation * owner, Owner(by_id, row));
    FollowUpStep step;
    ASSIGN_OR_RETURN(int64_t action, row.Int64("action"));
    step.action = static_cast<FollowUpAction>(action);
    ASSIGN_OR_RETURN(step.due_date, row.Day("due_date"));
    ASSIGN_OR_RETURN(step.take_time, row.OptionalTime("take_time"));
    owner->steps_taken.push_back(std::move(step));
  }
  ASSIGN_OR_RETURN(pg::Result reschedules,
                   connection.Execute(absl::StrCat("SELECT recommendation_id, "
                                                   "previous_target_date, new_target_date, "
                                                   "reason, record_time FROM reschedules",
                                                   of_owners),
                                      params));
  for (int i = 0; i < reschedules.rows(); ++i) {
    const pg::Row row = reschedules.row(i);
    ASSIGN_OR_RETURN(Recommendation * owner, Owner(by_id, row));
    Reschedule reschedule;
    ASSIGN_OR_RETURN(reschedule.previous_target_date, row.Day("previous_target_date"));
    ASSIGN_OR_RETURN(reschedule.new_target_date, row.Day("new_target_date"));
    ASSIGN_OR_RETURN(reschedule.reason, row.Text("reason"));
    ASSIGN_OR_RETURN(reschedule.record_time, row.Time("record_time"));
    owner->reschedules.push_back(std::move(reschedule));
  }
  ASSIGN_OR_RETURN(pg::Result history,
                   connection.Execute(absl::StrCat("SELECT recommendation_id, state, "
                                                   "change_time, target_date, decision_sequence "
                                                   "FROM state_history",
                                                   of_owners),
                                      params));
  for (int i = 0; i < history.rows(); ++i) {
    const pg::Row row = history.row(i);
    ASSIGN_OR_RETURN(Recommendation * owner, Owner(by_id, row));
    StateChange change;
    ASSIGN_OR_RETURN(int64_t state, row.Int64("state"));
    change.state = static_cast<RecommendationState>(state);
    ASSIGN_OR_RETURN(change.change_time, row.Time("change_time"));
    ASSIGN_OR_RETURN(change.target_date, row.Day("target_date"));
    ASSIGN_OR_RETURN(int64_t decision_sequence, row.Int64("decision_sequence"));
    change.decision_sequence = static_cast<int>(decision_sequence);
    owner->history.push_back(std::move(change));
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> StoredVersion(pg::Connection& connection, std::string_view id) {
  ASSIGN_OR_RETURN(
      pg::Result result,
      connection.Execute("SELECT version FROM recommendations WHERE id = $1 FOR UPDATE",
                         pg::Params().Add(id)));
  if (result.rows() == 0) return NotFound(RecommendationName(id));
  return result.row(0).Int64("version");
}

absl::Status ReplaceRecommendation(pg::Connection& connection, const Recommendation& r,
                                   int64_t expected_version) {
  pg::Params params = pg_rows::RecommendationParams(r);
  params.Add(expected_version);
  constexpr int kVersionParam = pg_rows::kRecommendationColumnCount + 1;
  ASSIGN_OR_RETURN(
      pg::Result update,
      connection.Execute(
          absl::StrCat("UPDATE recommendations SET (", pg_rows::kRecommendationColumns, ") = (",
                       pg_rows::Placeholders(1, pg_rows::kRecommendationColumnCount),
                       ") WHERE id = $1 AND version = $", kVersionParam),
          params));
  if (update.affected_rows() == 0) {
    RETURN_IF_ERROR(StoredVersion(connection, r.id).status());
    return EtagMismatch(RecommendationName(r.id));
  }
  RETURN_IF_ERROR(pg_rows::DeleteChildren(connection, r.id));
  return pg_rows::InsertChildren(connection, r);
}

absl::Status LockCase(pg::Connection& connection, std::string_view investigation_id) {
  return connection
      .Execute("SELECT pg_advisory_xact_lock(hashtext('remedy case ' || $1))",
               pg::Params().Add(investigation_id))
      .status();
}

}  // namespace redress::remedy::pg_rows
