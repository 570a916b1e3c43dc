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
#include "services/investigation/case_limits.h"
#include "services/investigation/personal_data.h"
#include "services/investigation/store/appended_entries.h"
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

// Evidence and comments: their tables also have `name`, the item's resource name.
template <typename T>
struct EntryTable {
  ChildTable<T> rows;
  const char* collection;  // the name's segment: "evidence", "comments"
  int shown;               // how many of the most recent a read takes
};

constexpr ChildTable<ComplaintPoint> kPoints{"complaint_points", kPointColumns, AddPoint,
                                             ReadPoint};
constexpr EntryTable<EvidenceItem> kEvidence{
    {"evidence", kEvidenceColumns, AddEvidence, ReadEvidence}, "evidence", kRecentEvidenceShown};
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
constexpr EntryTable<Comment> kComments{
    {"comments", kCommentColumns, AddComment, ReadComment}, "comments", kRecentCommentsShown};
constexpr ChildTable<Commenter> kCommenters{"view_commenters", kCommenterColumns, AddCommenter,
                                            ReadCommenter};
constexpr ChildTable<FinalDecision> kPreviousDecisions{"previous_decisions", kDecisionColumns,
                                                       AddDecision, ReadDecision};
constexpr ChildTable<Review> kReviews{"reviews", kReviewColumns, AddReview, ReadReview};

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
absl::StatusOr<std::vector<T>> ReadRows(const pg::Result& result, const ChildTable<T>& table) {
  std::vector<T> rows;
  rows.reserve(result.rows());
  for (int r = 0; r < result.rows(); ++r) {
    ASSIGN_OR_RETURN(T row, table.read(result.row(r)));
    rows.push_back(std::move(row));
  }
  return rows;
}

template <typename T>
absl::StatusOr<std::vector<T>> LoadRows(pg::Connection& connection, const ChildTable<T>& table,
                                        std::string_view id) {
  ASSIGN_OR_RETURN(
      pg::Result result,
      connection.Execute(absl::StrCat("SELECT ", table.columns, " FROM ", table.table,
                                      " WHERE investigation_id = $1 ORDER BY position"),
                         pg::Params().Add(id)));
  return ReadRows(result, table);
}

std::string EntryName(std::string_view id, const char* collection, const std::string& entry_id) {
  return absl::StrCat(kInvestigationsCollection, std::string(id), "/", collection, "/", entry_id);
}

// Inserts the entries of `window` (the most recent `count`) numbered past `stored`, in one
// statement; adds them to `written`.
template <typename T>
absl::Status AppendRows(pg::Connection& connection, const EntryTable<T>& table, std::string_view id,
                        const std::vector<T>& window, int count, int stored,
                        std::string (*entry_id)(const T&), std::vector<WrittenEntry>& written) {
  ASSIGN_OR_RETURN(std::vector<AppendedEntry<T>> added,
                   AppendedEntries(window, count, stored, table.collection));
  if (added.empty()) return absl::OkStatus();
  pg::Params params;
  for (const AppendedEntry<T>& entry : added) {
    std::string name = EntryName(id, table.collection, entry_id(*entry.entry));
    params.Add(id).Add(entry.number - 1);
    table.rows.add(params, *entry.entry);
    params.Add(name);
    written.push_back({table.rows.table, std::move(name)});
  }
  return connection
      .Execute(
          MultiRowInsert(table.rows.table,
                         absl::StrCat("investigation_id, position, ", table.rows.columns, ", name"),
                         3 + ColumnCount(table.rows.columns), static_cast<int>(added.size())),
          params)
      .status();
}

// The most recent `table.shown` entries of the investigation `id`, oldest first.
template <typename T>
absl::StatusOr<std::vector<T>> LoadRecentRows(pg::Connection& connection,
                                              const EntryTable<T>& table, std::string_view id) {
  ASSIGN_OR_RETURN(
      pg::Result result,
      connection.Execute(absl::StrCat("SELECT ", table.rows.columns, " FROM ", table.rows.table,
                                      " WHERE investigation_id = $1 ORDER BY position DESC "
                                      "LIMIT $2"),
                         pg::Params().Add(id).Add(table.shown)));
  ASSIGN_OR_RETURN(std::vector<T> rows, ReadRows(result, table.rows));
  std::reverse(rows.begin(), rows.end());
  return rows;
}

// The entries of the investigation `id` numbered after `after`, at most `limit`, in order.
template <typename T>
absl::StatusOr<std::vector<T>> PageRows(pg::Connection& connection, const EntryTable<T>& table,
                                        std::string_view id, int after, int limit) {
  ASSIGN_OR_RETURN(
      pg::Result result,
      connection.Execute(absl::StrCat("SELECT ", table.rows.columns, " FROM ", table.rows.table,
                                      " WHERE investigation_id = $1 AND position >= $2 "
                                      "ORDER BY position LIMIT $3"),
                         pg::Params().Add(id).Add(std::max(after, 0)).Add(std::max(limit, 0))));
  return ReadRows(result, table.rows);
}

// Erases the text column `column` of the entries of the investigation `id` that have text not yet
// erased; adds them to `written`, in order.
absl::Status EraseRows(pg::Connection& connection, const char* table, const char* column,
                       std::string_view id, std::vector<WrittenEntry>& written) {
  ASSIGN_OR_RETURN(pg::Result result,
                   connection.Execute(absl::StrCat("UPDATE ", table, " SET ", column,
                                                   " = $2 WHERE "
                                                   "investigation_id = $1 AND ",
                                                   column, " <> '' AND ", column,
                                                   " <> $2 RETURNING name, position"),
                                      pg::Params().Add(id).Add(kErasedText)));
  std::vector<std::pair<int64_t, std::string>> erased;
  for (int r = 0; r < result.rows(); ++r) {
    ASSIGN_OR_RETURN(int64_t position, result.row(r).Int64("position"));
    ASSIGN_OR_RETURN(std::string name, result.row(r).Text("name"));
    erased.emplace_back(position, std::move(name));
  }
  std::sort(erased.begin(), erased.end());
  for (auto& [position, name] : erased) written.push_back({table, std::move(name)});
  return absl::OkStatus();
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

absl::Status InsertList(pg::Connection& connection, const Investigation& i, BoundedList list) {
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

absl::Status WriteLists(pg::Connection& connection, const Investigation& i, ListsToWrite lists) {
  for (const ListTable& list : kListTables) {
    if (!lists.Has(list.list)) continue;
    RETURN_IF_ERROR(
        connection
            .Execute(absl::StrCat("DELETE FROM ", list.table, " WHERE investigation_id = $1"),
                     pg::Params().Add(i.id))
            .status());
    RETURN_IF_ERROR(InsertList(connection, i, list.list));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<WrittenEntry>> AppendEntries(pg::Connection& connection,
                                                        const Investigation& i, int stored_evidence,
                                                        int stored_comments) {
  std::vector<WrittenEntry> written;
  RETURN_IF_ERROR(AppendRows(connection, kEvidence, i.id, i.evidence, i.evidence_count,
                             stored_evidence, EvidenceId, written));
  static const auto* const kNoComments = new std::vector<Comment>();
  const bool view = i.provisional_view.has_value();
  RETURN_IF_ERROR(AppendRows(
      connection, kComments, i.id, view ? i.provisional_view->comments : *kNoComments,
      view ? i.provisional_view->comment_count : 0, stored_comments, CommentId, written));
  return written;
}

absl::StatusOr<std::vector<WrittenEntry>> EraseEntries(pg::Connection& connection,
                                                       std::string_view id) {
  std::vector<WrittenEntry> written;
  RETURN_IF_ERROR(EraseRows(connection, "evidence", "description", id, written));
  RETURN_IF_ERROR(EraseRows(connection, "comments", "text", id, written));
  return written;
}

absl::Status RecordAuditedChange(pg::Connection& connection, std::string_view id,
                                 std::string_view request_id,
                                 const std::vector<WrittenEntry>& entries) {
  std::vector<pg::ResourceRows> rows = {{"investigations", "id", id}};
  for (const ListTable& list : kListTables) rows.push_back({list.table, "investigation_id", id});
  // Not a list (a write never deletes it), but part of what an erasure changed.
  rows.push_back({"erasures", "investigation_id", id});
  RETURN_IF_ERROR(pg::AppendAuditedChange(connection, "investigation",
                                          absl::StrCat(kInvestigationsCollection, std::string(id)),
                                          request_id, rows));
  for (const WrittenEntry& entry : entries) {
    RETURN_IF_ERROR(pg::AppendAuditedChange(connection, "investigation", entry.name, request_id,
                                            {{entry.table, "name", entry.name}}));
  }
  return absl::OkStatus();
}

absl::Status LoadChildren(pg::Connection& connection, Investigation& i) {
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

absl::StatusOr<std::vector<EvidenceItem>> ListEvidence(pg::Connection& connection,
                                                       std::string_view id, int after, int limit) {
  return PageRows(connection, kEvidence, id, after, limit);
}

absl::StatusOr<std::vector<Comment>> ListComments(pg::Connection& connection, std::string_view id,
                                                  int after, int limit) {
  return PageRows(connection, kComments, id, after, limit);
}

}  // namespace redress::investigation::pg_rows
