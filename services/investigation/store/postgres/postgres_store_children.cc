#include "services/investigation/store/postgres/postgres_store_children.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/store/postgres/audit_log.h"
#include "services/investigation/store/postgres/postgres_store_rows.h"

namespace redress::investigation::pg_rows {
namespace {

// A list part stored one row per element: its table, the columns after (investigation_id,
// position), and how an element is added and read (postgres_store_rows.h).
template <typename T>
struct ChildTable {
  const char* table;
  const char* columns;
  void (*add)(pg::Params&, const T&);
  absl::StatusOr<T> (*read)(const pg::Row&);
};

constexpr ChildTable<ComplaintPoint> kPoints{"complaint_points", kPointColumns, AddPoint,
                                             ReadPoint};
constexpr ChildTable<EvidenceItem> kEvidence{"evidence", kEvidenceColumns, AddEvidence,
                                             ReadEvidence};
constexpr ChildTable<Hold> kHolds{"holds", kHoldColumns, AddHold, ReadHold};
constexpr ChildTable<ComplaintHandlingFinding> kHandlingFindings{
    "complaint_handling_findings", kHandlingFindingColumns, AddHandlingFinding,
    ReadHandlingFinding};
constexpr ChildTable<std::string> kComplaintTypes{"complaint_types", kComplaintTypeColumns,
                                                  AddComplaintType, ReadComplaintType};
constexpr ChildTable<OrganisationInvestigated> kOrganisations{
    "organisations_investigated", kOrganisationColumns, AddOrganisation, ReadOrganisation};
constexpr ChildTable<Recommendation> kRecommendations{"recommendations", kRecommendationColumns,
                                                      AddRecommendation, ReadRecommendation};
constexpr ChildTable<Comment> kComments{"comments", kCommentColumns, AddComment, ReadComment};
constexpr ChildTable<FinalDecision> kPreviousDecisions{"previous_decisions", kDecisionColumns,
                                                       AddDecision, ReadDecision};
constexpr ChildTable<Review> kReviews{"reviews", kReviewColumns, AddReview, ReadReview};

// Every child table, for DeleteChildren and the audit digest.
constexpr const char* kChildTables[] = {"snapshot_organisations",
                                        "complaint_points",
                                        "evidence",
                                        "holds",
                                        "complaint_handling_findings",
                                        "complaint_types",
                                        "organisations_investigated",
                                        "narrative_paragraphs",
                                        "recommendations",
                                        "comments",
                                        "previous_decisions",
                                        "reviews"};

// The narrative's sections, by their `section` values.
struct NarrativeSection {
  const char* name;
  std::vector<std::string> Narrative::*paragraphs;
};
constexpr NarrativeSection kSections[] = {
    {"introduction", &Narrative::introduction},
    {"what_happened", &Narrative::what_happened},
    {"what_we_found", &Narrative::what_we_found},
    {"putting_it_right", &Narrative::putting_it_right},
};

int ColumnCount(const char* columns) {
  return 1 + static_cast<int>(std::count(columns, columns + std::strlen(columns), ','));
}

// "INSERT INTO <table> (<columns>) VALUES (...), (...)" for `rows` rows of `width` parameters,
// numbered in order. Only counts go into the text; every value is a parameter.
std::string MultiRowInsert(const std::string& table, const std::string& columns, int width,
                           int rows) {
  std::string sql = absl::StrCat("INSERT INTO ", table, " (", columns, ") VALUES ");
  for (int r = 0; r < rows; ++r) {
    absl::StrAppend(&sql, r == 0 ? "(" : ", (", Placeholders(r * width + 1, (r + 1) * width), ")");
  }
  return sql;
}

template <typename T>
absl::Status InsertRows(pg::Connection& connection, const ChildTable<T>& table, std::string_view id,
                        const std::vector<T>& rows) {
  if (rows.empty()) return absl::OkStatus();
  pg::Params params;
  for (size_t i = 0; i < rows.size(); ++i) {
    params.Add(id).Add(static_cast<int64_t>(i));
    table.add(params, rows[i]);
  }
  return connection
      .Execute(
          MultiRowInsert(table.table, absl::StrCat("investigation_id, position, ", table.columns),
                         2 + ColumnCount(table.columns), static_cast<int>(rows.size())),
          params)
      .status();
}

template <typename T>
absl::StatusOr<std::vector<T>> LoadRows(pg::Connection& connection, const ChildTable<T>& table,
                                        std::string_view id) {
  ASSIGN_OR_RETURN(
      pg::Result result,
      connection.Execute(absl::StrCat("SELECT ", table.columns, " FROM ", table.table,
                                      " WHERE investigation_id = $1 ORDER BY position"),
                         pg::Params().Add(id)));
  std::vector<T> rows;
  rows.reserve(result.rows());
  for (int r = 0; r < result.rows(); ++r) {
    ASSIGN_OR_RETURN(T row, table.read(result.row(r)));
    rows.push_back(std::move(row));
  }
  return rows;
}

// The snapshot's organisations and their published names, pairwise by position. A NULL marks a
// position past the end of a list, so that lists of different lengths round-trip.
absl::Status InsertSnapshotOrganisations(pg::Connection& connection, const Investigation& i) {
  const std::vector<std::string>& organisations = i.complaint.organisations;
  const std::vector<std::string>& names = i.complaint.organisation_published_names;
  const size_t count = std::max(organisations.size(), names.size());
  if (count == 0) return absl::OkStatus();
  pg::Params params;
  for (size_t p = 0; p < count; ++p) {
    params.Add(i.id).Add(static_cast<int64_t>(p));
    params.Add(p < organisations.size() ? std::optional<std::string>(organisations[p])
                                        : std::nullopt);
    params.Add(p < names.size() ? std::optional<std::string>(names[p]) : std::nullopt);
  }
  return connection
      .Execute(MultiRowInsert("snapshot_organisations",
                              "investigation_id, position, organisation, published_name", 4,
                              static_cast<int>(count)),
               params)
      .status();
}

absl::Status LoadSnapshotOrganisations(pg::Connection& connection, Investigation& i) {
  ASSIGN_OR_RETURN(pg::Result result,
                   connection.Execute("SELECT organisation, published_name "
                                      "FROM snapshot_organisations WHERE investigation_id = $1 "
                                      "ORDER BY position",
                                      pg::Params().Add(i.id)));
  for (int r = 0; r < result.rows(); ++r) {
    const pg::Row row = result.row(r);
    ASSIGN_OR_RETURN(std::optional<std::string> organisation, row.OptionalText("organisation"));
    ASSIGN_OR_RETURN(std::optional<std::string> name, row.OptionalText("published_name"));
    if (organisation.has_value()) i.complaint.organisations.push_back(*std::move(organisation));
    if (name.has_value()) i.complaint.organisation_published_names.push_back(*std::move(name));
  }
  return absl::OkStatus();
}

absl::Status InsertNarrative(pg::Connection& connection, const Investigation& i) {
  pg::Params params;
  int count = 0;
  for (const NarrativeSection& section : kSections) {
    const std::vector<std::string>& paragraphs = i.narrative.*section.paragraphs;
    for (size_t p = 0; p < paragraphs.size(); ++p, ++count) {
      params.Add(i.id).Add(section.name).Add(static_cast<int64_t>(p)).Add(paragraphs[p]);
    }
  }
  if (count == 0) return absl::OkStatus();
  return connection
      .Execute(MultiRowInsert("narrative_paragraphs", "investigation_id, section, position, text",
                              4, count),
               params)
      .status();
}

absl::Status LoadNarrative(pg::Connection& connection, Investigation& i) {
  ASSIGN_OR_RETURN(pg::Result result,
                   connection.Execute("SELECT section, text FROM narrative_paragraphs "
                                      "WHERE investigation_id = $1 ORDER BY section, position",
                                      pg::Params().Add(i.id)));
  for (int r = 0; r < result.rows(); ++r) {
    const pg::Row row = result.row(r);
    ASSIGN_OR_RETURN(const std::string name, row.Text("section"));
    const auto* section = std::find_if(std::begin(kSections), std::end(kSections),
                                       [&](const NarrativeSection& s) { return name == s.name; });
    if (section == std::end(kSections)) {
      return absl::InternalError("stored narrative section is unknown");
    }
    ASSIGN_OR_RETURN(std::string text, row.Text("text"));
    (i.narrative.*section->paragraphs).push_back(std::move(text));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status InsertChildren(pg::Connection& connection, const Investigation& i) {
  RETURN_IF_ERROR(InsertSnapshotOrganisations(connection, i));
  RETURN_IF_ERROR(InsertRows(connection, kPoints, i.id, i.points));
  RETURN_IF_ERROR(InsertRows(connection, kEvidence, i.id, i.evidence));
  RETURN_IF_ERROR(InsertRows(connection, kHolds, i.id, i.holds));
  RETURN_IF_ERROR(InsertRows(connection, kHandlingFindings, i.id, i.complaint_handling_findings));
  RETURN_IF_ERROR(InsertRows(connection, kComplaintTypes, i.id, i.complaint_types));
  RETURN_IF_ERROR(InsertRows(connection, kOrganisations, i.id, i.organisations_investigated));
  RETURN_IF_ERROR(InsertNarrative(connection, i));
  RETURN_IF_ERROR(InsertRows(connection, kRecommendations, i.id, i.recommendations));
  if (i.provisional_view.has_value()) {
    RETURN_IF_ERROR(InsertRows(connection, kComments, i.id, i.provisional_view->comments));
  }
  RETURN_IF_ERROR(InsertRows(connection, kPreviousDecisions, i.id, i.previous_decisions));
  return InsertRows(connection, kReviews, i.id, i.reviews);
}

absl::Status DeleteChildren(pg::Connection& connection, std::string_view id) {
  for (const char* table : kChildTables) {
    RETURN_IF_ERROR(
        connection
            .Execute(absl::StrCat("DELETE FROM ", table, " WHERE investigation_id = $1"),
                     pg::Params().Add(id))
            .status());
  }
  return absl::OkStatus();
}

absl::Status RecordAuditedChange(pg::Connection& connection, std::string_view id,
                                 std::string_view request_id) {
  std::vector<pg::ResourceRows> rows = {{"investigations", "id", id}};
  for (const char* table : kChildTables) rows.push_back({table, "investigation_id", id});
  // Not a child table (a write never deletes it), but part of what an erasure changed.
  rows.push_back({"erasures", "investigation_id", id});
  return pg::AppendAuditedChange(connection, "investigation",
                                 absl::StrCat(kInvestigationsCollection, std::string(id)),
                                 request_id, rows);
}

absl::Status LoadChildren(pg::Connection& connection, Investigation& i) {
  RETURN_IF_ERROR(LoadSnapshotOrganisations(connection, i));
  ASSIGN_OR_RETURN(i.points, LoadRows(connection, kPoints, i.id));
  ASSIGN_OR_RETURN(i.evidence, LoadRows(connection, kEvidence, i.id));
  ASSIGN_OR_RETURN(i.holds, LoadRows(connection, kHolds, i.id));
  ASSIGN_OR_RETURN(i.complaint_handling_findings, LoadRows(connection, kHandlingFindings, i.id));
  ASSIGN_OR_RETURN(i.complaint_types, LoadRows(connection, kComplaintTypes, i.id));
  ASSIGN_OR_RETURN(i.organisations_investigated, LoadRows(connection, kOrganisations, i.id));
  RETURN_IF_ERROR(LoadNarrative(connection, i));
  ASSIGN_OR_RETURN(i.recommendations, LoadRows(connection, kRecommendations, i.id));
  if (i.provisional_view.has_value()) {
    ASSIGN_OR_RETURN(i.provisional_view->comments, LoadRows(connection, kComments, i.id));
  }
  ASSIGN_OR_RETURN(i.previous_decisions, LoadRows(connection, kPreviousDecisions, i.id));
  ASSIGN_OR_RETURN(i.reviews, LoadRows(connection, kReviews, i.id));
  return absl::OkStatus();
}

}  // namespace redress::investigation::pg_rows
