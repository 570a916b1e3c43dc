#include "services/intake/store/postgres/postgres_store_assessments.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/store/postgres/row_reader.h"
#include "services/intake/store/postgres/postgres_store_rows.h"

namespace redress::intake::pg_assessments {
namespace {

using pg_rows::kAssessmentColumns;
using pg_rows::kCheckColumns;
using pg_rows::Placeholders;

constexpr char kReviewColumns[] =
    "review_id, assessment_number, ground, explanation, request_date, request_time, request_id, "
    "request_fingerprint, outcome, outcome_reason, reviewer, decide_date, decide_time";

// complaint_id, position, then kReviewColumns: $1..$15.
pg::Params ReviewParams(std::string_view complaint_id, int position, const AssessmentReview& r) {
  pg::Params params;
  params.Add(complaint_id).Add(position).Add(r.review_id).Add(r.assessment_number);
  params.Add(static_cast<int>(r.ground)).Add(r.explanation).Add(r.request_date);
  params.Add(r.request_time).Add(r.request_id).Add(r.request_fingerprint);
  params.Add(static_cast<int>(r.outcome)).Add(r.outcome_reason).Add(r.reviewer);
  params.Add(r.decide_date).Add(r.decide_time);
  return params;
}

absl::StatusOr<AssessmentReview> ReadReview(const pg::Row& row) {
  pg::RowReader r(row);
  AssessmentReview review;
  review.review_id = r.Text("review_id");
  review.assessment_number = r.Int("assessment_number");
  review.ground = r.EnumValue<AssessmentReviewGround>("ground");
  review.explanation = r.Text("explanation");
  review.request_date = r.Day("request_date");
  review.request_time = r.Time("request_time");
  review.request_id = r.Text("request_id");
  review.request_fingerprint = r.Text("request_fingerprint");
  review.outcome = r.EnumValue<AssessmentReviewOutcome>("outcome");
  review.outcome_reason = r.Text("outcome_reason");
  review.reviewer = r.Text("reviewer");
  review.decide_date = r.OptionalDay("decide_date");
  review.decide_time = r.Time("decide_time");
  if (!r.status().ok()) return r.status();
  return review;
}

absl::StatusOr<std::vector<CheckResult>> ReadChecks(const pg::Result& result) {
  std::vector<CheckResult> checks;
  for (int i = 0; i < result.rows(); ++i) {
    ASSIGN_OR_RETURN(CheckResult check, pg_rows::ReadCheck(result.row(i)));
    checks.push_back(std::move(check));
  }
  return checks;
}

// The organisations' parts of assessment `number`.
absl::StatusOr<std::vector<OrganisationAssessment>> LoadParts(pg::Connection& connection,
                                                              std::string_view complaint_id,
                                                              int number) {
  ASSIGN_OR_RETURN(pg::Result parts,
                   connection.Execute("SELECT position, organisation_id, accepted, "
                                      "closure_reason, reason FROM organisation_assessments "
                                      "WHERE complaint_id = $1 AND number = $2 ORDER BY position",
                                      pg::Params().Add(complaint_id).Add(number)));
  std::vector<OrganisationAssessment> result;
  for (int i = 0; i < parts.rows(); ++i) {
    pg::RowReader r(parts.row(i));
    OrganisationAssessment part;
    const int position = r.Int("position");
    part.organisation_id = r.Text("organisation_id");
    part.accepted = r.Bool("accepted");
    part.closure_reason = r.EnumValue<ClosureReason>("closure_reason");
    part.reason = r.Text("reason");
    RETURN_IF_ERROR(r.status());
    ASSIGN_OR_RETURN(
        pg::Result checks,
        connection.Execute(absl::StrCat("SELECT ", kCheckColumns,
                                        " FROM organisation_assessment_checks WHERE "
                                        "complaint_id = $1 AND number = $2 AND "
                                        "organisation_position = $3 ORDER BY position"),
                           pg::Params().Add(complaint_id).Add(number).Add(position)));
    ASSIGN_OR_RETURN(part.checks, ReadChecks(checks));
    result.push_back(std::move(part));
  }
  return result;
}

absl::Status LoadPrevious(pg::Connection& connection, Complaint& complaint) {
  ASSIGN_OR_RETURN(pg::Result previous,
                   connection.Execute(absl::StrCat("SELECT ", kAssessmentColumns,
                                                   " FROM previous_assessments WHERE "
                                                   "complaint_id = $1 ORDER BY number"),
                                      pg::Params().Add(complaint.id)));
  for (int i = 0; i < previous.rows(); ++i) {
    ASSIGN_OR_RETURN(Assessment assessment, pg_rows::ReadAssessment(previous.row(i)));
    const int number = i + 1;
    ASSIGN_OR_RETURN(pg::Result checks,
                     connection.Execute(absl::StrCat("SELECT ", kCheckColumns,
                                                     " FROM previous_assessment_checks WHERE "
                                                     "complaint_id = $1 AND number = $2 "
                                                     "ORDER BY position"),
                                        pg::Params().Add(complaint.id).Add(number)));
    ASSIGN_OR_RETURN(assessment.checks, ReadChecks(checks));
    ASSIGN_OR_RETURN(assessment.organisations, LoadParts(connection, complaint.id, number));
    complaint.previous_assessments.push_back(std::move(assessment));
  }
  return absl::OkStatus();
}

absl::Status LoadCurrent(pg::Connection& connection, Complaint& complaint) {
  ASSIGN_OR_RETURN(pg::Result current,
                   connection.Execute(absl::StrCat("SELECT ", kAssessmentColumns,
                                                   " FROM assessments WHERE complaint_id = $1"),
                                      pg::Params().Add(complaint.id)));
  if (current.rows() == 0) return absl::OkStatus();
  ASSIGN_OR_RETURN(Assessment assessment, pg_rows::ReadAssessment(current.row(0)));
  ASSIGN_OR_RETURN(pg::Result checks,
                   connection.Execute(absl::StrCat("SELECT ", kCheckColumns,
                                                   " FROM assessment_checks WHERE complaint_id "
                                                   "= $1 ORDER BY position"),
                                      pg::Params().Add(complaint.id)));
  ASSIGN_OR_RETURN(assessment.checks, ReadChecks(checks));
  const int number = static_cast<int>(complaint.previous_assessments.size()) + 1;
  ASSIGN_OR_RETURN(assessment.organisations, LoadParts(connection, complaint.id, number));
  complaint.assessment = std::move(assessment);
  return absl::OkStatus();
}

absl::Status LoadReviews(pg::Connection& connection, Complaint& complaint) {
  ASSIGN_OR_RETURN(pg::Result reviews,
                   connection.Execute(absl::StrCat("SELECT ", kReviewColumns,
                                                   " FROM assessment_reviews WHERE "
                                                   "complaint_id = $1 ORDER BY position"),
                                      pg::Params().Add(complaint.id)));
  for (int i = 0; i < reviews.rows(); ++i) {
    ASSIGN_OR_RETURN(AssessmentReview review, ReadReview(reviews.row(i)));
    complaint.reviews.push_back(std::move(review));
  }
  return absl::OkStatus();
}

// Inserts `checks` into `table`, whose rows are (complaint_id, position, <kCheckColumns>,
// <extra_columns>) with `extra` the values of extra_columns.
absl::Status InsertChecks(pg::Connection& connection, const char* table, const char* extra_columns,
                          std::string_view complaint_id, const std::vector<CheckResult>& checks,
                          const std::vector<int>& extra) {
  const std::string sql = absl::StrCat("INSERT INTO ", table, " (complaint_id, position, ",
                                       kCheckColumns, extra_columns, ") VALUES (",
                                       Placeholders(1, 7 + static_cast<int>(extra.size())), ")");
  for (size_t i = 0; i < checks.size(); ++i) {
    pg::Params params;
    params.Add(complaint_id).Add(static_cast<int>(i));
    pg_rows::AddCheck(params, checks[i]);
    for (int value : extra) params.Add(value);
    RETURN_IF_ERROR(connection.Execute(sql, params).status());
  }
  return absl::OkStatus();
}

absl::Status InsertParts(pg::Connection& connection, std::string_view complaint_id, int number,
                         const std::vector<OrganisationAssessment>& parts) {
  for (size_t i = 0; i < parts.size(); ++i) {
    const OrganisationAssessment& part = parts[i];
    const int position = static_cast<int>(i);
    RETURN_IF_ERROR(connection
                        .Execute("INSERT INTO organisation_assessments (complaint_id, number, "
                                 "position, organisation_id, accepted, closure_reason, reason) "
                                 "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                                 pg::Params()
                                     .Add(complaint_id)
                                     .Add(number)
                                     .Add(position)
                                     .Add(part.organisation_id)
                                     .Add(part.accepted)
                                     .Add(static_cast<int>(part.closure_reason))
                                     .Add(part.reason))
                        .status());
    RETURN_IF_ERROR(InsertChecks(connection, "organisation_assessment_checks",
                                 ", number, organisation_position", complaint_id, part.checks,
                                 {number, position}));
  }
  return absl::OkStatus();
}

absl::Status InsertCurrent(pg::Connection& connection, const Complaint& complaint) {
  const Assessment& current = *complaint.assessment;
  RETURN_IF_ERROR(
      connection
          .Execute(absl::StrCat("INSERT INTO assessments (complaint_id, ", kAssessmentColumns,
                                ") VALUES (", Placeholders(1, 9), ")"),
                   pg_rows::AssessmentParams(complaint.id, current))
          .status());
  RETURN_IF_ERROR(
      InsertChecks(connection, "assessment_checks", "", complaint.id, current.checks, {}));
  const int number = static_cast<int>(complaint.previous_assessments.size()) + 1;
  return InsertParts(connection, complaint.id, number, current.organisations);
}

absl::Status InsertPrevious(pg::Connection& connection, const Complaint& complaint) {
  const std::string sql =
      absl::StrCat("INSERT INTO previous_assessments (complaint_id, ", kAssessmentColumns,
                   ", number) VALUES (", Placeholders(1, 10), ")");
  for (size_t i = 0; i < complaint.previous_assessments.size(); ++i) {
    const Assessment& previous = complaint.previous_assessments[i];
    const int number = static_cast<int>(i) + 1;
    pg::Params params = pg_rows::AssessmentParams(complaint.id, previous);
    RETURN_IF_ERROR(connection.Execute(sql, params.Add(number)).status());
    RETURN_IF_ERROR(InsertChecks(connection, "previous_assessment_checks", ", number", complaint.id,
                                 previous.checks, {number}));
    RETURN_IF_ERROR(InsertParts(connection, complaint.id, number, previous.organisations));
  }
  return absl::OkStatus();
}

absl::Status InsertReviews(pg::Connection& connection, const Complaint& complaint) {
  const std::string sql = absl::StrCat("INSERT INTO assessment_reviews (complaint_id, position, ",
                                       kReviewColumns, ") VALUES (", Placeholders(1, 15), ")");
  for (size_t i = 0; i < complaint.reviews.size(); ++i) {
    RETURN_IF_ERROR(
        connection
            .Execute(sql, ReviewParams(complaint.id, static_cast<int>(i), complaint.reviews[i]))
            .status());
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status Load(pg::Connection& connection, Complaint& complaint) {
  RETURN_IF_ERROR(LoadPrevious(connection, complaint));
  RETURN_IF_ERROR(LoadCurrent(connection, complaint));
  return LoadReviews(connection, complaint);
}

absl::Status Insert(pg::Connection& connection, const Complaint& complaint) {
  RETURN_IF_ERROR(InsertPrevious(connection, complaint));
  if (complaint.assessment.has_value()) RETURN_IF_ERROR(InsertCurrent(connection, complaint));
  return InsertReviews(connection, complaint);
}

absl::Status Delete(pg::Connection& connection, std::string_view complaint_id) {
  for (const char* table :
       {"organisation_assessment_checks", "organisation_assessments", "previous_assessment_checks",
        "previous_assessments", "assessment_checks", "assessments", "assessment_reviews"}) {
    RETURN_IF_ERROR(connection
                        .Execute(absl::StrCat("DELETE FROM ", table, " WHERE complaint_id = $1"),
                                 pg::Params().Add(complaint_id))
                        .status());
  }
  return absl::OkStatus();
}

}  // namespace redress::intake::pg_assessments
