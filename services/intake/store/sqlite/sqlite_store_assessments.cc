#include "services/intake/store/sqlite/sqlite_store_assessments.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "services/intake/store/sqlite/sqlite_store_rows.h"

namespace redress::intake::sqlite_assessments {
namespace {

using sqlite_rows::DateToText;
using sqlite_rows::MicrosToTime;
using sqlite_rows::TimeToMicros;

// Reviews: kReviewColumns, bound as ?3..?15 after complaint_id (?1) and position (?2); read from
// column 0.
constexpr char kReviewColumns[] =
    "review_id, assessment_number, ground, explanation, request_date, request_time, request_id, "
    "request_fingerprint, outcome, outcome_reason, reviewer, decide_date, decide_time";

void BindReview(Statement& statement, std::string_view complaint_id, int position,
                const AssessmentReview& r) {
  statement.Bind(1, complaint_id).Bind(2, position).Bind(3, r.review_id);
  statement.Bind(4, r.assessment_number).Bind(5, static_cast<int>(r.ground));
  statement.Bind(6, r.explanation).Bind(7, DateToText(r.request_date));
  statement.Bind(8, TimeToMicros(r.request_time)).Bind(9, r.request_id);
  statement.Bind(10, r.request_fingerprint).Bind(11, static_cast<int>(r.outcome));
  statement.Bind(12, r.outcome_reason).Bind(13, r.reviewer).Bind(14, DateToText(r.decide_date));
  statement.Bind(15, TimeToMicros(r.decide_time));
}

absl::StatusOr<AssessmentReview> ReadReview(const Statement& row) {
  AssessmentReview r;
  r.review_id = row.ColumnText(0);
  r.assessment_number = row.ColumnInt(1);
  r.ground = static_cast<AssessmentReviewGround>(row.ColumnInt(2));
  r.explanation = row.ColumnText(3);
  ASSIGN_OR_RETURN(r.request_date, sqlite_rows::ReadDate(row, 4));
  r.request_time = MicrosToTime(row.ColumnInt64(5));
  r.request_id = row.ColumnText(6);
  r.request_fingerprint = row.ColumnText(7);
  r.outcome = static_cast<AssessmentReviewOutcome>(row.ColumnInt(8));
  r.outcome_reason = row.ColumnText(9);
  r.reviewer = row.ColumnText(10);
  ASSIGN_OR_RETURN(r.decide_date, sqlite_rows::ReadOptionalDate(row, 11));
  r.decide_time = MicrosToTime(row.ColumnInt64(12));
  return r;
}

// Every row of `statement` (its parameters bound) read by sqlite_rows::ReadCheck.
absl::StatusOr<std::vector<CheckResult>> ReadChecks(Statement& statement) {
  std::vector<CheckResult> checks;
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, statement.Step());
    if (!has_row) return checks;
    checks.push_back(sqlite_rows::ReadCheck(statement));
  }
}

// The organisations' parts of assessment `number`.
absl::StatusOr<std::vector<OrganisationAssessment>> LoadParts(Connection& connection,
                                                              std::string_view complaint_id,
                                                              int number) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT position, organisation_id, accepted, closure_reason, "
                                      "reason FROM organisation_assessments WHERE complaint_id = "
                                      "?1 AND number = ?2 ORDER BY position"));
  select.Bind(1, complaint_id).Bind(2, number);
  std::vector<std::pair<int, OrganisationAssessment>> parts;
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) break;
    OrganisationAssessment part;
    part.organisation_id = select.ColumnText(1);
    part.accepted = select.ColumnBool(2);
    part.closure_reason = static_cast<ClosureReason>(select.ColumnInt(3));
    part.reason = select.ColumnText(4);
    parts.emplace_back(select.ColumnInt(0), std::move(part));
  }
  std::vector<OrganisationAssessment> result;
  for (auto& [position, part] : parts) {
    ASSIGN_OR_RETURN(Statement checks,
                     connection.Prepare(absl::StrCat(
                         "SELECT ", sqlite_rows::kCheckColumns,
                         " FROM organisation_assessment_checks WHERE complaint_id = ?1 AND number "
                         "= ?2 AND organisation_position = ?3 ORDER BY position")));
    checks.Bind(1, complaint_id).Bind(2, number).Bind(3, position);
    ASSIGN_OR_RETURN(part.checks, ReadChecks(checks));
    result.push_back(std::move(part));
  }
  return result;
}

absl::Status LoadPrevious(Connection& connection, Complaint& complaint) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare(absl::StrCat(
                       "SELECT ", sqlite_rows::kAssessmentColumns,
                       " FROM previous_assessments WHERE complaint_id = ?1 ORDER BY number")));
  select.Bind(1, complaint.id);
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) break;
    ASSIGN_OR_RETURN(Assessment assessment, sqlite_rows::ReadAssessment(select));
    complaint.previous_assessments.push_back(std::move(assessment));
  }
  for (size_t i = 0; i < complaint.previous_assessments.size(); ++i) {
    Assessment& assessment = complaint.previous_assessments[i];
    const int number = static_cast<int>(i) + 1;
    ASSIGN_OR_RETURN(Statement checks, connection.Prepare(absl::StrCat(
                                           "SELECT ", sqlite_rows::kCheckColumns,
                                           " FROM previous_assessment_checks WHERE complaint_id "
                                           "= ?1 AND number = ?2 ORDER BY position")));
    checks.Bind(1, complaint.id).Bind(2, number);
    ASSIGN_OR_RETURN(assessment.checks, ReadChecks(checks));
    ASSIGN_OR_RETURN(assessment.organisations, LoadParts(connection, complaint.id, number));
  }
  return absl::OkStatus();
}

absl::Status LoadCurrent(Connection& connection, Complaint& complaint) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare(absl::StrCat("SELECT ", sqlite_rows::kAssessmentColumns,
                                                   " FROM assessments WHERE complaint_id = ?1")));
  ASSIGN_OR_RETURN(bool found, select.Bind(1, complaint.id).Step());
  if (!found) return absl::OkStatus();
  ASSIGN_OR_RETURN(Assessment assessment, sqlite_rows::ReadAssessment(select));
  ASSIGN_OR_RETURN(Statement checks, connection.Prepare(absl::StrCat(
                                         "SELECT ", sqlite_rows::kCheckColumns,
                                         " FROM assessment_checks WHERE complaint_id = ?1 "
                                         "ORDER BY position")));
  checks.Bind(1, complaint.id);
  ASSIGN_OR_RETURN(assessment.checks, ReadChecks(checks));
  const int number = static_cast<int>(complaint.previous_assessments.size()) + 1;
  ASSIGN_OR_RETURN(assessment.organisations, LoadParts(connection, complaint.id, number));
  complaint.assessment = std::move(assessment);
  return absl::OkStatus();
}

absl::Status LoadReviews(Connection& connection, Complaint& complaint) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare(absl::StrCat(
                       "SELECT ", kReviewColumns,
                       " FROM assessment_reviews WHERE complaint_id = ?1 ORDER BY position")));
  select.Bind(1, complaint.id);
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) return absl::OkStatus();
    ASSIGN_OR_RETURN(AssessmentReview review, ReadReview(select));
    complaint.reviews.push_back(std::move(review));
  }
}

// `checks` into `sql`, an INSERT binding a check as sqlite_rows::BindCheck does (?1..?7) and
// then `extra` as ?8, ?9, ...
absl::Status InsertChecks(Connection& connection, const std::string& sql,
                          std::string_view complaint_id, const std::vector<CheckResult>& checks,
                          const std::vector<int>& extra) {
  ASSIGN_OR_RETURN(Statement insert, connection.Prepare(sql));
  for (size_t i = 0; i < checks.size(); ++i) {
    sqlite_rows::BindCheck(insert, complaint_id, static_cast<int>(i), checks[i]);
    for (size_t j = 0; j < extra.size(); ++j) insert.Bind(8 + static_cast<int>(j), extra[j]);
    RETURN_IF_ERROR(insert.Run());
    insert.Reset();
  }
  return absl::OkStatus();
}

absl::Status InsertParts(Connection& connection, std::string_view complaint_id, int number,
                         const std::vector<OrganisationAssessment>& parts) {
  ASSIGN_OR_RETURN(Statement insert,
                   connection.Prepare("INSERT INTO organisation_assessments (complaint_id, number, "
                                      "position, organisation_id, accepted, closure_reason, "
                                      "reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  const std::string checks_sql =
      absl::StrCat("INSERT INTO organisation_assessment_checks (complaint_id, position, ",
                   sqlite_rows::kCheckColumns,
                   ", number, organisation_position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  for (size_t i = 0; i < parts.size(); ++i) {
    const OrganisationAssessment& part = parts[i];
    const int position = static_cast<int>(i);
    insert.Bind(1, complaint_id).Bind(2, number).Bind(3, position).Bind(4, part.organisation_id);
    insert.Bind(5, part.accepted).Bind(6, static_cast<int>(part.closure_reason));
    RETURN_IF_ERROR(insert.Bind(7, part.reason).Run());
    insert.Reset();
    RETURN_IF_ERROR(
        InsertChecks(connection, checks_sql, complaint_id, part.checks, {number, position}));
  }
  return absl::OkStatus();
}

absl::Status InsertCurrent(Connection& connection, const Complaint& complaint) {
  const Assessment& current = *complaint.assessment;
  ASSIGN_OR_RETURN(Statement assessment,
                   connection.Prepare(absl::StrCat(
                       "INSERT INTO assessments (complaint_id, ", sqlite_rows::kAssessmentColumns,
                       ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")));
  sqlite_rows::BindAssessment(assessment, complaint.id, current);
  RETURN_IF_ERROR(assessment.Run());
  RETURN_IF_ERROR(InsertChecks(
      connection,
      absl::StrCat("INSERT INTO assessment_checks (complaint_id, position, ",
                   sqlite_rows::kCheckColumns, ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
      complaint.id, current.checks, {}));
  const int number = static_cast<int>(complaint.previous_assessments.size()) + 1;
  return InsertParts(connection, complaint.id, number, current.organisations);
}

absl::Status InsertPrevious(Connection& connection, const Complaint& complaint) {
  ASSIGN_OR_RETURN(
      Statement insert,
      connection.Prepare(absl::StrCat(
          "INSERT INTO previous_assessments (complaint_id, ", sqlite_rows::kAssessmentColumns,
          ", number) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")));
  const std::string checks_sql =
      absl::StrCat("INSERT INTO previous_assessment_checks (complaint_id, position, ",
                   sqlite_rows::kCheckColumns, ", number) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  for (size_t i = 0; i < complaint.previous_assessments.size(); ++i) {
    const Assessment& previous = complaint.previous_assessments[i];
    const int number = static_cast<int>(i) + 1;
    sqlite_rows::BindAssessment(insert, complaint.id, previous);
    RETURN_IF_ERROR(insert.Bind(10, number).Run());
    insert.Reset();
    RETURN_IF_ERROR(InsertChecks(connection, checks_sql, complaint.id, previous.checks, {number}));
    RETURN_IF_ERROR(InsertParts(connection, complaint.id, number, previous.organisations));
  }
  return absl::OkStatus();
}

absl::Status InsertReviews(Connection& connection, const Complaint& complaint) {
  ASSIGN_OR_RETURN(Statement insert,
                   connection.Prepare(absl::StrCat(
                       "INSERT INTO assessment_reviews (complaint_id, position, ", kReviewColumns,
                       ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                       "?15)")));
  for (size_t i = 0; i < complaint.reviews.size(); ++i) {
    BindReview(insert, complaint.id, static_cast<int>(i), complaint.reviews[i]);
    RETURN_IF_ERROR(insert.Run());
    insert.Reset();
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status Load(Connection& connection, Complaint& complaint) {
  RETURN_IF_ERROR(LoadPrevious(connection, complaint));
  RETURN_IF_ERROR(LoadCurrent(connection, complaint));
  return LoadReviews(connection, complaint);
}

absl::Status Insert(Connection& connection, const Complaint& complaint) {
  RETURN_IF_ERROR(InsertPrevious(connection, complaint));
  if (complaint.assessment.has_value()) RETURN_IF_ERROR(InsertCurrent(connection, complaint));
  return InsertReviews(connection, complaint);
}

absl::Status Delete(Connection& connection, std::string_view complaint_id) {
  for (const char* table :
       {"organisation_assessment_checks", "organisation_assessments", "previous_assessment_checks",
        "previous_assessments", "assessment_checks", "assessments", "assessment_reviews"}) {
    ASSIGN_OR_RETURN(Statement remove, connection.Prepare(absl::StrCat(
                                           "DELETE FROM ", table, " WHERE complaint_id = ?1")));
    RETURN_IF_ERROR(remove.Bind(1, complaint_id).Run());
  }
  return absl::OkStatus();
}

}  // namespace redress::intake::sqlite_assessments
