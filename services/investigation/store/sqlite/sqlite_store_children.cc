#include "services/investigation/store/sqlite/sqlite_store_children.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/store/sqlite/audit_log.h"
#include "services/investigation/store/sqlite/sqlite_store_rows.h"

namespace redress::investigation::sqlite_rows {
namespace {

// A list part stored one row per element: its table, the columns after (investigation_id,
// position), and how an element is bound and read (sqlite_store_rows.h).
template <typename T>
struct ChildTable {
  const char* table;
  const char* columns;
  void (*bind)(Statement&, const T&);
  absl::StatusOr<T> (*read)(const Statement&);
};

constexpr ChildTable<ComplaintPoint> kPoints{"complaint_points", kPointColumns, BindPoint,
                                             ReadPoint};
constexpr ChildTable<EvidenceItem> kEvidence{"evidence", kEvidenceColumns, BindEvidence,
                                             ReadEvidence};
constexpr ChildTable<Hold> kHolds{"holds", kHoldColumns, BindHold, ReadHold};
constexpr ChildTable<ComplaintHandlingFinding> kHandlingFindings{
    "complaint_handling_findings", kHandlingFindingColumns, BindHandlingFinding,
    ReadHandlingFinding};
constexpr ChildTable<std::string> kComplaintTypes{"complaint_types", kComplaintTypeColumns,
                                                  BindComplaintType, ReadComplaintType};
constexpr ChildTable<OrganisationInvestigated> kOrganisations{
    "organisations_investigated", kOrganisationColumns, BindOrganisation, ReadOrganisation};
constexpr ChildTable<Recommendation> kRecommendations{"recommendations", kRecommendationColumns,
                                                      BindRecommendation, ReadRecommendation};
constexpr ChildTable<Comment> kComments{"comments", kCommentColumns, BindComment, ReadComment};
constexpr ChildTable<FinalDecision> kPreviousDecisions{"previous_decisions", kDecisionColumns,
                                                       BindDecision, ReadDecision};
constexpr ChildTable<Review> kReviews{"reviews", kReviewColumns, BindReview, ReadReview};

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

template <typename T>
absl::Status InsertRows(Connection& connection, const ChildTable<T>& table, std::string_view id,
                        const std::vector<T>& rows) {
  if (rows.empty()) return absl::OkStatus();
  const int column_count = 1 + static_cast<int>(std::count(
                                   table.columns, table.columns + std::strlen(table.columns), ','));
  ASSIGN_OR_RETURN(Statement insert,
                   connection.Prepare(absl::StrCat(
                       "INSERT INTO ", table.table, " (investigation_id, position, ", table.columns,
                       ") VALUES (", Placeholders(1, 2 + column_count), ")")));
  for (size_t i = 0; i < rows.size(); ++i) {
    insert.Bind(1, id).Bind(2, static_cast<int64_t>(i));
    table.bind(insert, rows[i]);
    RETURN_IF_ERROR(insert.Run());
    insert.Reset();
  }
  return absl::OkStatus();
}

template <typename T>
absl::StatusOr<std::vector<T>> LoadRows(Connection& connection, const ChildTable<T>& table,
                                        std::string_view id) {
  ASSIGN_OR_RETURN(Statement select, connection.Prepare(absl::StrCat(
                                         "SELECT ", table.columns, " FROM ", table.table,
                                         " WHERE investigation_id = ?1 ORDER BY position")));
  select.Bind(1, id);
  std::vector<T> rows;
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) return rows;
    ASSIGN_OR_RETURN(T row, table.read(select));
    rows.push_back(std::move(row));
  }
}

// The snapshot's organisations and their published names, pairwise by position. A NULL marks a
// position past the end of a list, so that lists of different lengths round-trip.
absl::Status InsertSnapshotOrganisations(Connection& connection, const Investigation& i) {
  const std::vector<std::string>& organisations = i.complaint.organisations;
  const std::vector<std::string>& names = i.complaint.organisation_published_names;
  ASSIGN_OR_RETURN(Statement insert,
                   connection.Prepare("INSERT INTO snapshot_organisations (investigation_id, "
                                      "position, organisation, published_name) "
                                      "VALUES (?1, ?2, ?3, ?4)"));
  for (size_t p = 0; p < std::max(organisations.size(), names.size()); ++p) {
    insert.Bind(1, i.id).Bind(2, static_cast<int64_t>(p));
    p < organisations.size() ? insert.Bind(3, organisations[p]) : insert.BindNull(3);
    p < names.size() ? insert.Bind(4, names[p]) : insert.BindNull(4);
    RETURN_IF_ERROR(insert.Run());
    insert.Reset();
  }
  return absl::OkStatus();
}

absl::Status LoadSnapshotOrganisations(Connection& connection, Investigation& i) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT organisation, published_name "
                                      "FROM snapshot_organisations WHERE investigation_id = ?1 "
                                      "ORDER BY position"));
  select.Bind(1, i.id);
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) return absl::OkStatus();
    if (!select.IsNull(0)) i.complaint.organisations.push_back(select.ColumnText(0));
    if (!select.IsNull(1)) {
      i.complaint.organisation_published_names.push_back(select.ColumnText(1));
    }
  }
}

absl::Status InsertNarrative(Connection& connection, const Investigation& i) {
  ASSIGN_OR_RETURN(Statement insert,
                   connection.Prepare("INSERT INTO narrative_paragraphs (investigation_id, "
                                      "section, position, text) VALUES (?1, ?2, ?3, ?4)"));
  for (const NarrativeSection& section : kSections) {
    const std::vector<std::string>& paragraphs = i.narrative.*section.paragraphs;
    for (size_t p = 0; p < paragraphs.size(); ++p) {
      insert.Bind(1, i.id).Bind(2, section.name).Bind(3, static_cast<int64_t>(p));
      RETURN_IF_ERROR(insert.Bind(4, paragraphs[p]).Run());
      insert.Reset();
    }
  }
  return absl::OkStatus();
}

absl::Status LoadNarrative(Connection& connection, Investigation& i) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT section, text FROM narrative_paragraphs "
                                      "WHERE investigation_id = ?1 ORDER BY section, position"));
  select.Bind(1, i.id);
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) return absl::OkStatus();
    const std::string name = select.ColumnText(0);
    const auto* section = std::find_if(std::begin(kSections), std::end(kSections),
                                       [&](const NarrativeSection& s) { return name == s.name; });
    if (section == std::end(kSections)) {
      return absl::InternalError(absl::StrCat("stored narrative section is unknown: ", name));
    }
    (i.narrative.*section->paragraphs).push_back(select.ColumnText(1));
  }
}

}  // namespace

absl::Status InsertChildren(Connection& connection, const Investigation& i) {
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

absl::Status DeleteChildren(Connection& connection, std::string_view id) {
  for (const char* table : kChildTables) {
    ASSIGN_OR_RETURN(Statement remove, connection.Prepare(absl::StrCat(
                                           "DELETE FROM ", table, " WHERE investigation_id = ?1")));
    RETURN_IF_ERROR(remove.Bind(1, id).Run());
  }
  return absl::OkStatus();
}

absl::Status RecordAuditedChange(Connection& connection, std::string_view id,
                                 std::string_view request_id) {
  std::vector<ResourceRows> rows = {{"investigations", "id", id}};
  for (const char* table : kChildTables) rows.push_back({table, "investigation_id", id});
  // Not a child table (a write never deletes it), but part of what an erasure changed.
  rows.push_back({"erasures", "investigation_id", id});
  return AppendAuditedChange(connection, "investigation",
                             absl::StrCat(kInvestigationsCollection, std::string(id)), request_id,
                             rows);
}

absl::Status LoadChildren(Connection& connection, Investigation& i) {
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

}  // namespace redress::investigation::sqlite_rows
