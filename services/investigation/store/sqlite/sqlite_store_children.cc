#include "services/investigation/store/sqlite/sqlite_store_children.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/store/sqlite/audit_log.h"
#include "services/investigation/case_limits.h"
#include "services/investigation/personal_data.h"
#include "services/investigation/store/appended_entries.h"
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

// Evidence and comments: their tables also have `name`, the item's resource name.
template <typename T>
struct EntryTable {
  ChildTable<T> rows;
  const char* collection;  // the name's segment: "evidence", "comments"
  int shown;               // how many of the most recent a read takes
};

constexpr ChildTable<ComplaintPoint> kPoints{"complaint_points", kPointColumns, BindPoint,
                                             ReadPoint};
constexpr EntryTable<EvidenceItem> kEvidence{
    {"evidence", kEvidenceColumns, BindEvidence, ReadEvidence}, "evidence", kRecentEvidenceShown};
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
constexpr EntryTable<Comment> kComments{
    {"comments", kCommentColumns, BindComment, ReadComment}, "comments", kRecentCommentsShown};
constexpr ChildTable<Commenter> kCommenters{"view_commenters", kCommenterColumns, BindCommenter,
                                            ReadCommenter};
constexpr ChildTable<FinalDecision> kPreviousDecisions{"previous_decisions", kDecisionColumns,
                                                       BindDecision, ReadDecision};
constexpr ChildTable<Review> kReviews{"reviews", kReviewColumns, BindReview, ReadReview};

// The table of each bounded list, for WriteLists and the investigation's audit digest.
struct ListTable {
  BoundedList list;
  const char* table;
};
constexpr ListTable kListTables[] = {
    {BoundedList::kSnapshotOrganisations, "snapshot_organisations"},
    {BoundedList::kPoints, "complaint_points"},
    {BoundedList::kHolds, "holds"},
    {BoundedList::kHandlingFindings, "complaint_handling_findings"},
    {BoundedList::kComplaintTypes, "complaint_types"},
    {BoundedList::kOrganisations, "organisations_investigated"},
    {BoundedList::kNarrative, "narrative_paragraphs"},
    {BoundedList::kRecommendations, "recommendations"},
    {BoundedList::kCommenters, "view_commenters"},
    {BoundedList::kPreviousDecisions, "previous_decisions"},
    {BoundedList::kReviews, "reviews"},
};

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

// The rows of `statement` (selecting `table.columns`) read as list elements.
template <typename T>
absl::StatusOr<std::vector<T>> ReadRows(Statement& select, const ChildTable<T>& table) {
  std::vector<T> rows;
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) return rows;
    ASSIGN_OR_RETURN(T row, table.read(select));
    rows.push_back(std::move(row));
  }
}

std::string EntryName(std::string_view id, const char* collection, const std::string& entry_id) {
  return absl::StrCat(kInvestigationsCollection, std::string(id), "/", collection, "/", entry_id);
}

// Inserts the entries of `window` (the most recent `count`) numbered past `stored`; adds their
// names to `names`.
template <typename T>
absl::Status AppendRows(Connection& connection, const EntryTable<T>& table, std::string_view id,
                        const std::vector<T>& window, int count, int stored,
                        std::string (*entry_id)(const T&), std::vector<WrittenEntry>& names) {
  ASSIGN_OR_RETURN(std::vector<AppendedEntry<T>> added,
                   AppendedEntries(window, count, stored, table.collection));
  if (added.empty()) return absl::OkStatus();
  const int column_count =
      1 + static_cast<int>(std::count(table.rows.columns,
                                      table.rows.columns + std::strlen(table.rows.columns), ','));
  ASSIGN_OR_RETURN(
      Statement insert,
      connection.Prepare(absl::StrCat("INSERT INTO ", table.rows.table,
                                      " (investigation_id, position, ", table.rows.columns,
                                      ", name) VALUES (", Placeholders(1, 3 + column_count), ")")));
  for (const AppendedEntry<T>& entry : added) {
    std::string name = EntryName(id, table.collection, entry_id(*entry.entry));
    insert.Bind(1, id).Bind(2, static_cast<int64_t>(entry.number - 1));
    table.rows.bind(insert, *entry.entry);
    RETURN_IF_ERROR(insert.Bind(3 + column_count, name).Run());
    insert.Reset();
    names.push_back({table.rows.table, std::move(name)});
  }
  return absl::OkStatus();
}

// The most recent `table.shown` entries of the investigation `id`, oldest first.
template <typename T>
absl::StatusOr<std::vector<T>> LoadRecentRows(Connection& connection, const EntryTable<T>& table,
                                              std::string_view id) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare(absl::StrCat(
                       "SELECT ", table.rows.columns, " FROM ", table.rows.table,
                       " WHERE investigation_id = ?1 ORDER BY position DESC LIMIT ?2")));
  select.Bind(1, id).Bind(2, table.shown);
  ASSIGN_OR_RETURN(std::vector<T> rows, ReadRows(select, table.rows));
  std::reverse(rows.begin(), rows.end());
  return rows;
}

// The entries of the investigation `id` numbered after `after`, at most `limit`, in order.
template <typename T>
absl::StatusOr<std::vector<T>> PageRows(Connection& connection, const EntryTable<T>& table,
                                        std::string_view id, int after, int limit) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare(absl::StrCat(
                       "SELECT ", table.rows.columns, " FROM ", table.rows.table,
                       " WHERE investigation_id = ?1 AND position >= ?2 ORDER BY position "
                       "LIMIT ?3")));
  select.Bind(1, id).Bind(2, std::max(after, 0)).Bind(3, std::max(limit, 0));
  return ReadRows(select, table.rows);
}

// Erases the text column `column` of the entries of the investigation `id` that have text not yet
// erased; adds their names to `names`, in order.
absl::Status EraseRows(Connection& connection, const char* table, const char* column,
                       std::string_view id, std::vector<WrittenEntry>& names) {
  const std::string condition =
      absl::StrCat("investigation_id = ?1 AND ", column, " <> '' AND ", column, " <> ?2");
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare(absl::StrCat("SELECT name FROM ", table, " WHERE ", condition,
                                                   " ORDER BY position")));
  ASSIGN_OR_RETURN(std::vector<std::string> erased,
                   select.Bind(1, id).Bind(2, kErasedText).TextsOfFirstColumn());
  ASSIGN_OR_RETURN(Statement update,
                   connection.Prepare(
                       absl::StrCat("UPDATE ", table, " SET ", column, " = ?2 WHERE ", condition)));
  RETURN_IF_ERROR(update.Bind(1, id).Bind(2, kErasedText).Run());
  for (std::string& name : erased) names.push_back({table, std::move(name)});
  return absl::OkStatus();
}

template <typename T>
absl::StatusOr<std::vector<T>> LoadRows(Connection& connection, const ChildTable<T>& table,
                                        std::string_view id) {
  ASSIGN_OR_RETURN(Statement select, connection.Prepare(absl::StrCat(
                                         "SELECT ", table.columns, " FROM ", table.table,
                                         " WHERE investigation_id = ?1 ORDER BY position")));
  select.Bind(1, id);
  return ReadRows(select, table);
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

absl::Status InsertList(Connection& connection, const Investigation& i, BoundedList list) {
  switch (list) {
    case BoundedList::kSnapshotOrganisations:
      return InsertSnapshotOrganisations(connection, i);
    case BoundedList::kPoints:
      return InsertRows(connection, kPoints, i.id, i.points);
    case BoundedList::kHolds:
      return InsertRows(connection, kHolds, i.id, i.holds);
    case BoundedList::kHandlingFindings:
      return InsertRows(connection, kHandlingFindings, i.id, i.complaint_handling_findings);
    case BoundedList::kComplaintTypes:
      return InsertRows(connection, kComplaintTypes, i.id, i.complaint_types);
    case BoundedList::kOrganisations:
      return InsertRows(connection, kOrganisations, i.id, i.organisations_investigated);
    case BoundedList::kNarrative:
      return InsertNarrative(connection, i);
    case BoundedList::kRecommendations:
      return InsertRows(connection, kRecommendations, i.id, i.recommendations);
    case BoundedList::kCommenters:
      if (!i.provisional_view.has_value()) return absl::OkStatus();
      return InsertRows(connection, kCommenters, i.id, i.provisional_view->commenters);
    case BoundedList::kPreviousDecisions:
      return InsertRows(connection, kPreviousDecisions, i.id, i.previous_decisions);
    case BoundedList::kReviews:
      return InsertRows(connection, kReviews, i.id, i.reviews);
  }
  return absl::InternalError("unknown list");
}

std::string EvidenceId(const EvidenceItem& item) { return item.evidence_id; }
std::string CommentId(const Comment& comment) { return comment.comment_id; }

}  // namespace

absl::Status WriteLists(Connection& connection, const Investigation& i, ListsToWrite lists) {
  for (const ListTable& list : kListTables) {
    if (!lists.Has(list.list)) continue;
    ASSIGN_OR_RETURN(Statement remove,
                     connection.Prepare(
                         absl::StrCat("DELETE FROM ", list.table, " WHERE investigation_id = ?1")));
    RETURN_IF_ERROR(remove.Bind(1, i.id).Run());
    RETURN_IF_ERROR(InsertList(connection, i, list.list));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<WrittenEntry>> AppendEntries(Connection& connection,
                                                        const Investigation& i, int stored_evidence,
                                                        int stored_comments) {
  std::vector<WrittenEntry> names;
  RETURN_IF_ERROR(AppendRows(connection, kEvidence, i.id, i.evidence, i.evidence_count,
                             stored_evidence, EvidenceId, names));
  static const auto* const kNoComments = new std::vector<Comment>();
  const bool view = i.provisional_view.has_value();
  RETURN_IF_ERROR(
      AppendRows(connection, kComments, i.id, view ? i.provisional_view->comments : *kNoComments,
                 view ? i.provisional_view->comment_count : 0, stored_comments, CommentId, names));
  return names;
}

absl::StatusOr<std::vector<WrittenEntry>> EraseEntries(Connection& connection,
                                                       std::string_view id) {
  std::vector<WrittenEntry> names;
  RETURN_IF_ERROR(EraseRows(connection, "evidence", "description", id, names));
  RETURN_IF_ERROR(EraseRows(connection, "comments", "text", id, names));
  return names;
}

absl::Status RecordAuditedChange(Connection& connection, std::string_view id,
                                 std::string_view request_id,
                                 const std::vector<WrittenEntry>& entries) {
  std::vector<ResourceRows> rows = {{"investigations", "id", id}};
  for (const ListTable& list : kListTables) rows.push_back({list.table, "investigation_id", id});
  // Not a list (a write never deletes it), but part of what an erasure changed.
  rows.push_back({"erasures", "investigation_id", id});
  RETURN_IF_ERROR(AppendAuditedChange(connection, "investigation",
                                      absl::StrCat(kInvestigationsCollection, std::string(id)),
                                      request_id, rows));
  for (const WrittenEntry& entry : entries) {
    RETURN_IF_ERROR(AppendAuditedChange(connection, "investigation", entry.name, request_id,
                                        {{entry.table, "name", entry.name}}));
  }
  return absl::OkStatus();
}

absl::Status LoadChildren(Connection& connection, Investigation& i) {
  RETURN_IF_ERROR(LoadSnapshotOrganisations(connection, i));
  ASSIGN_OR_RETURN(i.points, LoadRows(connection, kPoints, i.id));
  ASSIGN_OR_RETURN(i.evidence, LoadRecentRows(connection, kEvidence, i.id));
  ASSIGN_OR_RETURN(i.holds, LoadRows(connection, kHolds, i.id));
  ASSIGN_OR_RETURN(i.complaint_handling_findings, LoadRows(connection, kHandlingFindings, i.id));
  ASSIGN_OR_RETURN(i.complaint_types, LoadRows(connection, kComplaintTypes, i.id));
  ASSIGN_OR_RETURN(i.organisations_investigated, LoadRows(connection, kOrganisations, i.id));
  RETURN_IF_ERROR(LoadNarrative(connection, i));
  ASSIGN_OR_RETURN(i.recommendations, LoadRows(connection, kRecommendations, i.id));
  if (i.provisional_view.has_value()) {
    ASSIGN_OR_RETURN(i.provisional_view->comments, LoadRecentRows(connection, kComments, i.id));
    ASSIGN_OR_RETURN(i.provisional_view->commenters, LoadRows(connection, kCommenters, i.id));
  }
  ASSIGN_OR_RETURN(i.previous_decisions, LoadRows(connection, kPreviousDecisions, i.id));
  ASSIGN_OR_RETURN(i.reviews, LoadRows(connection, kReviews, i.id));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<EvidenceItem>> ListEvidence(Connection& connection, std::string_view id,
                                                       int after, int limit) {
  return PageRows(connection, kEvidence, id, after, limit);
}

absl::StatusOr<std::vector<Comment>> ListComments(Connection& connection, std::string_view id,
                                                  int after, int limit) {
  return PageRows(connection, kComments, id, after, limit);
}

}  // namespace redress::investigation::sqlite_rows
