// SqliteStore's personal-data methods (store.h, docs/privacy.md): finding a person's cases,
// erasing a case in one transaction, and retention's scan of closed cases.
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/remedy/personal_data.h"
#include "services/remedy/store/sqlite/sqlite_store.h"
#include "services/remedy/store/sqlite/sqlite_store_audit.h"
#include "services/remedy/store/sqlite/sqlite_store_rows.h"

namespace redress::remedy {
namespace {

std::string InvestigationName(std::string_view id) { return "investigations/" + std::string(id); }

absl::StatusOr<bool> Holds(Connection& connection, std::string_view investigation_id) {
  ASSIGN_OR_RETURN(
      Statement select,
      connection.Prepare(
          "SELECT EXISTS (SELECT 1 FROM recommendations WHERE investigation_id = ?1) OR "
          "EXISTS (SELECT 1 FROM decision_receipts WHERE investigation_id = ?1) OR "
          "EXISTS (SELECT 1 FROM issue_acknowledgements WHERE investigation_id = ?1) OR "
          "EXISTS (SELECT 1 FROM case_summaries WHERE investigation_id = ?1)"));
  ASSIGN_OR_RETURN(bool row, select.Bind(1, investigation_id).Step());
  return row && select.ColumnBool(0);
}

// EraseCase's checks, in the contract's order.
absl::Status CheckErasure(Connection& connection, std::string_view investigation_id,
                          const std::vector<Recommendation>& erased) {
  ASSIGN_OR_RETURN(bool holds, Holds(connection, investigation_id));
  if (!holds) return NotFound(InvestigationName(investigation_id));
  ASSIGN_OR_RETURN(Statement select, connection.Prepare("SELECT id, version, investigation_id "
                                                        "FROM recommendations WHERE id = ?1"));
  for (const Recommendation& r : erased) {
    select.Reset();
    ASSIGN_OR_RETURN(bool found, select.Bind(1, r.id).Step());
    if (!found) return NotFound(sqlite_rows::RecommendationName(r.id));
    if (select.ColumnInt64(1) != r.version - 1 || select.ColumnText(2) != investigation_id) {
      return EtagMismatch(sqlite_rows::RecommendationName(r.id));
    }
  }
  // `erased` must be every recommendation of the case: one received since it was read is not.
  ASSIGN_OR_RETURN(Statement count, connection.Prepare("SELECT count(*) FROM recommendations "
                                                       "WHERE investigation_id = ?1"));
  ASSIGN_OR_RETURN(bool counted, count.Bind(1, investigation_id).Step());
  std::set<std::string_view> distinct;
  for (const Recommendation& r : erased) distinct.insert(r.id);
  if (!counted || count.ColumnInt64(0) != static_cast<int64_t>(erased.size()) ||
      distinct.size() != erased.size()) {
    return EtagMismatch(InvestigationName(investigation_id));
  }
  ASSIGN_OR_RETURN(Statement exists,
                   connection.Prepare("SELECT 1 FROM erasures WHERE investigation_id = ?1"));
  ASSIGN_OR_RETURN(bool erased_before, exists.Bind(1, investigation_id).Step());
  if (erased_before) return AlreadyExists(InvestigationName(investigation_id));
  return absl::OkStatus();
}

// Rewrites the case's acknowledgements' reasons, each with its audit entry, in the order
// recorded.
absl::Status EraseAcknowledgements(Connection& connection, std::string_view investigation_id) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT sequence, issue_id, reason FROM "
                                      "issue_acknowledgements WHERE investigation_id = ?1 "
                                      "ORDER BY sequence"));
  select.Bind(1, investigation_id);
  std::vector<IssueAcknowledgement> found;
  std::vector<int64_t> sequences;
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) break;
    sequences.push_back(select.ColumnInt64(0));
    IssueAcknowledgement a;
    a.issue_id = select.ColumnText(1);
    a.reason = select.ColumnText(2);
    found.push_back(ErasedAcknowledgement(a));
  }
  ASSIGN_OR_RETURN(Statement update, connection.Prepare("UPDATE issue_acknowledgements SET "
                                                        "reason = ?2 WHERE sequence = ?1"));
  for (size_t i = 0; i < found.size(); ++i) {
    update.Reset();
    RETURN_IF_ERROR(update.Bind(1, sequences[i]).Bind(2, found[i].reason).Run());
    RETURN_IF_ERROR(sqlite_audit::RecordAcknowledgementChange(connection, investigation_id,
                                                              found[i].issue_id, sequences[i]));
  }
  return absl::OkStatus();
}

// "1, 2, ...": the numbers of the open states (IsOpen), for an IN list.
std::string OpenStateList() {
  std::vector<int> open;
  for (int state = 1; state <= static_cast<int>(RecommendationState::kCancelled); ++state) {
    if (IsOpen(static_cast<RecommendationState>(state))) open.push_back(state);
  }
  return absl::StrJoin(open, ", ");
}

}  // namespace

absl::StatusOr<std::vector<std::string>> SqliteStore::FindCasesByComplaint(
    std::string_view complaint) {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT investigation_id FROM recommendations "
                                      "WHERE complaint = ?1 GROUP BY investigation_id "
                                      "ORDER BY min(sequence)"));
  select.Bind(1, complaint);
  return select.TextsOfFirstColumn();
}

absl::StatusOr<bool> SqliteStore::HoldsCase(std::string_view investigation_id) {
  Connection connection = db_->Lock();
  return Holds(connection, investigation_id);
}

absl::StatusOr<std::optional<absl::Time>> SqliteStore::GetCaseErasureTime(
    std::string_view investigation_id) {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Statement select, connection.Prepare("SELECT erase_time FROM erasures "
                                                        "WHERE investigation_id = ?1"));
  ASSIGN_OR_RETURN(bool found, select.Bind(1, investigation_id).Step());
  if (!found) return std::optional<absl::Time>();
  return std::optional<absl::Time>(sqlite_rows::MicrosToTime(select.ColumnInt64(0)));
}

absl::Status SqliteStore::EraseCase(std::string_view investigation_id,
                                    const std::vector<Recommendation>& erased,
                                    absl::Time erase_time) {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
  RETURN_IF_ERROR(CheckErasure(connection, investigation_id, erased));
  for (const Recommendation& r : erased) {
    RETURN_IF_ERROR(sqlite_rows::ReplaceRecommendation(connection, r));
    RETURN_IF_ERROR(sqlite_audit::RecordRecommendationChange(connection, r.id));
  }
  RETURN_IF_ERROR(EraseAcknowledgements(connection, investigation_id));
  ASSIGN_OR_RETURN(Statement insert, connection.Prepare("INSERT INTO erasures (investigation_id, "
                                                        "erase_time) VALUES (?1, ?2)"));
  insert.Bind(1, investigation_id).Bind(2, sqlite_rows::TimeToMicros(erase_time));
  RETURN_IF_ERROR(insert.Run());
  RETURN_IF_ERROR(sqlite_audit::RecordErasure(connection, investigation_id));
  return transaction.Commit();
}

absl::StatusOr<std::vector<std::string>> SqliteStore::ListErasableCases(absl::Time closed_before,
                                                                        int limit) {
  if (limit <= 0) return std::vector<std::string>();
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(
      Statement select,
      connection.Prepare(absl::StrCat(
          "SELECT investigation_id FROM recommendations r WHERE NOT EXISTS (SELECT 1 FROM "
          "erasures e WHERE e.investigation_id = r.investigation_id) GROUP BY investigation_id "
          "HAVING sum(state IN (",
          OpenStateList(), ")) = 0 AND max(update_time) < ?1 ORDER BY min(sequence) LIMIT ?2")));
  select.Bind(1, sqlite_rows::TimeToMicros(closed_before)).Bind(2, limit);
  return select.TextsOfFirstColumn();
}

}  // namespace redress::remedy
