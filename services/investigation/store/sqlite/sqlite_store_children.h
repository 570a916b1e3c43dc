// Internal to SqliteStore: an investigation's lists (points, holds, narrative, ..., evidence,
// comments) as child rows keyed by (investigation_id, position), within the caller's transaction.
// The bounded lists are rewritten as a whole when they change (WriteLists); evidence and comments
// are only appended (AppendEntries), a read takes their most recent rows (LoadChildren) and
// ListEntries pages through them, so no statement's cost grows with their number.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/store/sqlite/sqlite.h"
#include "services/investigation/investigation.h"
#include "services/investigation/store/store.h"

namespace redress::investigation::sqlite_rows {

// An evidence item or comment a write added or changed: its table and resource name.
struct WrittenEntry {
  const char* table;  // "evidence" or "comments"
  std::string name;   // "investigations/<id>/evidence/e7"
};

// Replaces the stored rows of each bounded list `lists` names with `investigation`'s.
absl::Status WriteLists(Connection& connection, const Investigation& investigation,
                        ListsToWrite lists);
// Inserts the evidence items and comments of `investigation` numbered past the `stored_evidence`
// and `stored_comments` already stored (appended_entries.h); returns them, in order, evidence
// first. INTERNAL as AppendedEntries.
absl::StatusOr<std::vector<WrittenEntry>> AppendEntries(Connection& connection,
                                                        const Investigation& investigation,
                                                        int stored_evidence, int stored_comments);
// Erases (kErasedText) the description of every evidence item and the text of every comment of
// the investigation `id` not empty or erased already; returns them, in order, evidence first.
absl::StatusOr<std::vector<WrittenEntry>> EraseEntries(Connection& connection, std::string_view id);
// Appends the audit entries of a write of the investigation `id` (docs/audit.md): resource
// "investigations/<id>", digesting its row and its child rows but evidence and comments, then one
// for each of `entries` (from AppendEntries or EraseEntries), digesting its row.
// REQUIRES: inside the write's transaction, after its last change.
absl::Status RecordAuditedChange(Connection& connection, std::string_view id,
                                 std::string_view request_id,
                                 const std::vector<WrittenEntry>& entries);
// Fills the lists of `investigation`, read by ReadInvestigation (with its counts), from its child
// rows: every bounded list, and the most recent evidence and comments (case_limits.h).
absl::Status LoadChildren(Connection& connection, Investigation& investigation);
// The evidence (comments) of the investigation `id` numbered after `after`, at most `limit`.
absl::StatusOr<std::vector<EvidenceItem>> ListEvidence(Connection& connection, std::string_view id,
                                                       int after, int limit);
absl::StatusOr<std::vector<Comment>> ListComments(Connection& connection, std::string_view id,
                                                  int after, int limit);

}  // namespace redress::investigation::sqlite_rows
