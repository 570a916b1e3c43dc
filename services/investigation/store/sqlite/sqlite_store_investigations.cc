// SqliteStore's investigation methods. An investigation is one `investigations` row plus child
// rows (sqlite_store_children.h); a write rewrites the row and the bounded lists that changed and
// appends the evidence and comments added, in one transaction with the outbox entry and request
// record it brings.
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/store/sqlite/requests.h"
#include "common/trace_context.h"
#include "services/investigation/store/handoff_payload.h"
#include "services/investigation/store/sqlite/sqlite_store.h"
#include "services/investigation/store/sqlite/sqlite_store_children.h"
#include "services/investigation/store/sqlite/sqlite_store_privacy.h"
#include "services/investigation/store/sqlite/sqlite_store_rows.h"

namespace redress::investigation {
namespace {

std::string InvestigationName(std::string_view id) {
  return std::string(kInvestigationsCollection) + std::string(id);
}

// What a write checks and builds on: the stored version and how many evidence items and comments
// are stored.
struct StoredState {
  int64_t version = 0;
  int evidence_count = 0;
  int comment_count = 0;
};

// The investigation's StoredState, or NOT_FOUND.
absl::StatusOr<StoredState> LoadStoredState(Connection& connection, std::string_view id) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT version, evidence_count, comment_count "
                                      "FROM investigations WHERE id = ?1"));
  ASSIGN_OR_RETURN(bool found, select.Bind(1, id).Step());
  if (!found) return NotFound(InvestigationName(id));
  return StoredState{select.ColumnInt64(0), select.ColumnInt(1), select.ColumnInt(2)};
}

// The investigation from the current row of a "SELECT sequence, <kInvestigationColumns>"
// statement, with its child rows.
absl::StatusOr<Investigation> LoadInvestigation(Connection& connection, const Statement& row) {
  ASSIGN_OR_RETURN(Investigation investigation, sqlite_rows::ReadInvestigation(row));
  RETURN_IF_ERROR(sqlite_rows::LoadChildren(connection, investigation));
  return investigation;
}

absl::StatusOr<bool> HandoffKeyTaken(Connection& connection, std::string_view handoff_key) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT 1 FROM outbox WHERE handoff_key = ?1"));
  return select.Bind(1, handoff_key).Step();
}

absl::Status InsertHandoff(Connection& connection, const Handoff& handoff) {
  ASSIGN_OR_RETURN(Statement insert,
                   connection.Prepare("INSERT INTO outbox (handoff_key, investigation_id, "
                                      "payload, create_time, kind, traceparent) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, NULLIF(?6, ''))"));
  const EncodedHandoff encoded = EncodeHandoff(handoff);
  insert.Bind(1, HandoffKey(handoff)).Bind(2, HandoffInvestigationId(handoff));
  insert.BindBlob(3, encoded.payload).Bind(5, encoded.kind).Bind(6, CurrentTraceparent());
  return insert.Bind(4, sqlite_rows::TimeToMicros(HandoffTime(handoff))).Run();
}

// ALREADY_EXISTS if the update would write a hand-off already stored or a request record whose key
// is taken; otherwise records the request (inside the update's transaction).
absl::Status CheckHandoffKeyAndRecordRequest(Connection& connection,
                                             const std::optional<Handoff>& handoff,
                                             const std::optional<RequestRecord>& request) {
  if (handoff.has_value()) {
    ASSIGN_OR_RETURN(bool taken, HandoffKeyTaken(connection, HandoffKey(*handoff)));
    if (taken) return AlreadyExists(HandoffKey(*handoff));
  }
  if (request.has_value()) {
    RETURN_IF_ERROR(RecordRequest(connection, *request));
  }
  return absl::OkStatus();
}

// Writes what changed of the investigation stored as `stored`: its row, the lists of `lists`, and
// the evidence and comments it adds (returned, for the audit).
absl::StatusOr<std::vector<sqlite_rows::WrittenEntry>> WriteChange(
    Connection& connection, const Investigation& investigation, const StoredState& stored,
    ListsToWrite lists) {
  // Every column but `id`: with foreign keys on, an UPDATE that names the key the child tables
  // reference makes SQLite look up every child row of the investigation (every evidence item and
  // comment), even when the key keeps its value.
  static const std::string* const kSql = new std::string(absl::StrCat(
      "UPDATE investigations SET (",
      std::string(sqlite_rows::kInvestigationColumns).substr(std::string("id, ").size()), ") = (",
      sqlite_rows::Placeholders(2, sqlite_rows::kInvestigationColumnCount), ") WHERE id = ?1"));
  ASSIGN_OR_RETURN(Statement update, connection.Prepare(*kSql));
  sqlite_rows::BindInvestigation(update, investigation);
  RETURN_IF_ERROR(update.Run());
  RETURN_IF_ERROR(sqlite_rows::WriteLists(connection, investigation, lists));
  return sqlite_rows::AppendEntries(connection, investigation, stored.evidence_count,
                                    stored.comment_count);
}

// NOT_FOUND unless the investigation `id` exists.
absl::Status InvestigationExists(Connection& connection, std::string_view id) {
  return LoadStoredState(connection, id).status();
}

}  // namespace

std::string SqliteStore::ListInvestigationsSql(const InvestigationQuery& query) {
  std::string sql =
      absl::StrCat("SELECT sequence, ", sqlite_rows::kInvestigationColumns, " FROM investigations");
  // With a target-date range as the only filter, the planner (which has no statistics) would
  // rather walk the primary key in sequence order than sort, and so reads every row however few
  // are in the range. Reading the range from its index and sorting it costs at most its size.
  const bool dates_only =
      (query.target_date_from.has_value() || query.target_date_to.has_value()) &&
      !query.state.has_value() && !query.caseworker.has_value() &&
      !query.organisation.has_value() && !query.owner.has_value() && !query.complaint.has_value();
  if (dates_only) absl::StrAppend(&sql, " INDEXED BY investigations_by_target_date");
  absl::StrAppend(&sql, " WHERE sequence > ?1");
  if (query.state.has_value()) absl::StrAppend(&sql, " AND state = ?2");
  if (query.caseworker.has_value()) absl::StrAppend(&sql, " AND caseworker = ?3");
  if (query.organisation.has_value()) {
    absl::StrAppend(&sql,
                    " AND id IN (SELECT investigation_id FROM organisations_investigated "
                    "WHERE organisation = ?4)");
  }
  if (query.target_date_from.has_value()) absl::StrAppend(&sql, " AND scope_target_date >= ?5");
  if (query.target_date_to.has_value()) absl::StrAppend(&sql, " AND scope_target_date <= ?6");
  if (query.owner.has_value()) absl::StrAppend(&sql, " AND owner = ?8");
  if (query.complaint.has_value()) absl::StrAppend(&sql, " AND complaint = ?9");
  absl::StrAppend(&sql, " ORDER BY sequence LIMIT ?7");
  return sql;
}

absl::StatusOr<Investigation> SqliteStore::GetInvestigation(std::string_view id) {
  Connection connection = db_->Read();
  ASSIGN_OR_RETURN(Statement select, connection.Prepare(absl::StrCat(
                                         "SELECT sequence, ", sqlite_rows::kInvestigationColumns,
                                         " FROM investigations WHERE id = ?1")));
  ASSIGN_OR_RETURN(bool found, select.Bind(1, id).Step());
  if (!found) return NotFound(InvestigationName(id));
  return LoadInvestigation(connection, select);
}

absl::StatusOr<std::vector<Investigation>> SqliteStore::ListInvestigations(
    const InvestigationQuery& query) {
  std::vector<Investigation> result;
  if (query.limit <= 0) return result;
  Connection connection = db_->Read();
  ASSIGN_OR_RETURN(Statement select, connection.Prepare(ListInvestigationsSql(query)));
  select.Bind(1, query.after_sequence);
  if (query.state.has_value()) select.Bind(2, static_cast<int>(*query.state));
  if (query.caseworker.has_value()) select.Bind(3, *query.caseworker);
  if (query.organisation.has_value()) select.Bind(4, *query.organisation);
  if (query.target_date_from.has_value()) {
    select.Bind(5, sqlite_rows::DateToText(*query.target_date_from));
  }
  if (query.target_date_to.has_value()) {
    select.Bind(6, sqlite_rows::DateToText(*query.target_date_to));
  }
  select.Bind(7, query.limit);
  if (query.owner.has_value()) select.Bind(8, *query.owner);
  if (query.complaint.has_value()) select.Bind(9, *query.complaint);
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) return result;
    ASSIGN_OR_RETURN(Investigation investigation, LoadInvestigation(connection, select));
    result.push_back(std::move(investigation));
  }
}

absl::StatusOr<int64_t> SqliteStore::InsertInvestigation(const Investigation& investigation,
                                                         const RequestRecord& request) {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
  absl::StatusOr<StoredState> existing = LoadStoredState(connection, investigation.id);
  if (existing.ok()) return AlreadyExists(InvestigationName(investigation.id));
  if (!absl::IsNotFound(existing.status())) return existing.status();
  RETURN_IF_ERROR(RecordRequest(connection, request));
  ASSIGN_OR_RETURN(
      Statement insert,
      connection.Prepare(absl::StrCat(
          "INSERT INTO investigations (", sqlite_rows::kInvestigationColumns, ") VALUES (",
          sqlite_rows::Placeholders(1, sqlite_rows::kInvestigationColumnCount), ")")));
  sqlite_rows::BindInvestigation(insert, investigation);
  RETURN_IF_ERROR(insert.Run());
  const int64_t sequence = connection.last_insert_rowid();
  RETURN_IF_ERROR(sqlite_rows::WriteLists(connection, investigation, ListsToWrite::All()));
  ASSIGN_OR_RETURN(std::vector<sqlite_rows::WrittenEntry> added,
                   sqlite_rows::AppendEntries(connection, investigation, 0, 0));
  RETURN_IF_ERROR(
      sqlite_rows::RecordAuditedChange(connection, investigation.id, request.request_id, added));
  RETURN_IF_ERROR(transaction.Commit());
  return sequence;
}

absl::Status SqliteStore::UpdateInvestigation(const Investigation& investigation,
                                              int64_t expected_version,
                                              const std::optional<Handoff>& handoff,
                                              const std::optional<RequestRecord>& request,
                                              ListsToWrite lists) {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
  ASSIGN_OR_RETURN(StoredState stored, LoadStoredState(connection, investigation.id));
  if (stored.version != expected_version) {
    return EtagMismatch(InvestigationName(investigation.id));
  }
  RETURN_IF_ERROR(CheckHandoffKeyAndRecordRequest(connection, handoff, request));
  ASSIGN_OR_RETURN(std::vector<sqlite_rows::WrittenEntry> added,
                   WriteChange(connection, investigation, stored, lists));
  if (handoff.has_value()) RETURN_IF_ERROR(InsertHandoff(connection, *handoff));
  RETURN_IF_ERROR(sqlite_rows::RecordAuditedChange(
      connection, investigation.id, request.has_value() ? request->request_id : "", added));
  return transaction.Commit();
}

absl::StatusOr<std::vector<EvidenceItem>> SqliteStore::ListEvidence(std::string_view id, int after,
                                                                    int limit) {
  Connection connection = db_->Read();
  RETURN_IF_ERROR(InvestigationExists(connection, id));
  return sqlite_rows::ListEvidence(connection, id, after, limit);
}

absl::StatusOr<std::vector<Comment>> SqliteStore::ListComments(std::string_view id, int after,
                                                               int limit) {
  Connection connection = db_->Read();
  RETURN_IF_ERROR(InvestigationExists(connection, id));
  return sqlite_rows::ListComments(connection, id, after, limit);
}

int64_t SqliteStore::RowsWritten() {
  Connection connection = db_->Lock();
  absl::StatusOr<Statement> select = connection.Prepare("SELECT total_changes()");
  if (!select.ok()) return -1;
  absl::StatusOr<bool> found = select->Step();
  if (!found.ok() || !*found) return -1;
  return select->ColumnInt64(0);
}

absl::Status SqliteStore::EraseInvestigation(const Investigation& erased, int64_t expected_version,
                                             absl::Time erase_time) {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
  ASSIGN_OR_RETURN(StoredState stored, LoadStoredState(connection, erased.id));
  if (stored.version != expected_version) return EtagMismatch(InvestigationName(erased.id));
  RETURN_IF_ERROR(sqlite_privacy::EraseHandoffs(connection, erased.id));
  RETURN_IF_ERROR(sqlite_privacy::RecordErasure(connection, erased.id, erase_time));
  ASSIGN_OR_RETURN(std::vector<sqlite_rows::WrittenEntry> added,
                   WriteChange(connection, erased, stored, ListsToWrite::All()));
  ASSIGN_OR_RETURN(std::vector<sqlite_rows::WrittenEntry> changed,
                   sqlite_rows::EraseEntries(connection, erased.id));
  added.insert(added.end(), changed.begin(), changed.end());
  RETURN_IF_ERROR(sqlite_rows::RecordAuditedChange(connection, erased.id, "", added));
  return transaction.Commit();
}

}  // namespace redress::investigation
