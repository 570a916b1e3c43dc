// PostgresStore's investigation methods. An investigation is one `investigations` row plus child
// rows (postgres_store_children.h); a write rewrites the row and the bounded lists that changed and
// appends the evidence and comments added, in one transaction with the outbox entry and request
// record it brings. The checks the contract orders (NOT_FOUND, then
// ABORTED, then ALREADY_EXISTS) are made in that order inside the transaction; the unique
// constraints behind them decide races between replicas, and a write that loses one returns the
// same error a check would have.
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/store/postgres/outbox.h"
#include "common/store/postgres/requests.h"
#include "common/store/postgres/status.h"
#include "common/store/postgres/transaction.h"
#include "services/investigation/store/handoff_payload.h"
#include "services/investigation/store/postgres/postgres_store.h"
#include "services/investigation/store/postgres/postgres_store_children.h"
#include "services/investigation/store/postgres/postgres_store_privacy.h"
#include "services/investigation/store/postgres/postgres_store_rows.h"
#include "services/investigation/store/postgres/postgres_store_status.h"

namespace redress::investigation {
namespace {

constexpr char kSequenceName[] = "investigations_sequence_seq";

std::string InvestigationName(std::string_view id) {
  return std::string(kInvestigationsCollection) + std::string(id);
}

// The contract's ALREADY_EXISTS for a unique constraint that decided a write against a concurrent
// one (the checks before the insert had not seen it), naming the resource instead of the SQL.
absl::Status ContractError(const absl::Status& status, std::string_view investigation_id,
                           const std::optional<Handoff>& handoff,
                           const std::optional<RequestRecord>& request) {
  const std::optional<std::string> constraint = pg::ViolatedConstraint(status);
  if (!absl::IsAlreadyExists(status) || !constraint.has_value()) return status;
  if (*constraint == "requests_pkey" && request.has_value()) {
    return AlreadyExists(RequestName(*request));
  }
  if (*constraint == "outbox_handoff_key_key" && handoff.has_value()) {
    return AlreadyExists(HandoffKey(*handoff));
  }
  if (*constraint == "investigations_id_key") {
    return AlreadyExists(InvestigationName(investigation_id));
  }
  return status;
}

absl::StatusOr<bool> Exists(pg::Connection& connection, std::string_view sql,
                            std::string_view key) {
  ASSIGN_OR_RETURN(pg::Result result, connection.Execute(sql, pg::Params().Add(key)));
  return result.rows() > 0;
}

// ALREADY_EXISTS naming the request if its (scope, request_id) is recorded; otherwise records it.
// The primary key still decides a race: the loser's InsertRequest fails, and
// pg::RunIdempotentTransaction runs the body again, which then answers here.
absl::Status RecordNewRequest(pg::Connection& connection, const RequestRecord& request) {
  ASSIGN_OR_RETURN(std::optional<RequestRecord> existing,
                   pg::FindRequest(connection, request.scope, request.request_id));
  if (existing.has_value()) return AlreadyExists(RequestName(request));
  return pg::InsertRequest(connection, request);
}

// What a write checks and builds on: the stored version and how many evidence items and comments
// are stored.
struct StoredState {
  int64_t version = 0;
  int evidence_count = 0;
  int comment_count = 0;
};

// The investigation's StoredState, its row locked until the transaction ends; NOT_FOUND.
absl::StatusOr<StoredState> LockStoredState(pg::Connection& connection, std::string_view id) {
  ASSIGN_OR_RETURN(pg::Result result,
                   connection.Execute("SELECT version, evidence_count, comment_count "
                                      "FROM investigations WHERE id = $1 FOR UPDATE",
                                      pg::Params().Add(id)));
  if (result.rows() == 0) return NotFound(InvestigationName(id));
  StoredState stored;
  ASSIGN_OR_RETURN(stored.version, result.row(0).Int64("version"));
  ASSIGN_OR_RETURN(stored.evidence_count, pg_rows::ReadInt(result.row(0), "evidence_count"));
  ASSIGN_OR_RETURN(stored.comment_count, pg_rows::ReadInt(result.row(0), "comment_count"));
  return stored;
}

// Writes what changed of the investigation stored as `stored`: its row, the lists of `lists`, and
// the evidence and comments it adds (returned, for the audit).
absl::StatusOr<std::vector<pg_rows::WrittenEntry>> WriteChange(pg::Connection& connection,
                                                               const Investigation& investigation,
                                                               const StoredState& stored,
                                                               ListsToWrite lists) {
  pg::Params params;
  pg_rows::AddInvestigation(params, investigation);
  RETURN_IF_ERROR(
      connection
          .Execute(
              absl::StrCat("UPDATE investigations SET (", pg_rows::kInvestigationColumns, ") = (",
                           pg_rows::Placeholders(1, pg_rows::kInvestigationColumnCount),
                           ") WHERE id = $1"),
              params)
          .status());
  RETURN_IF_ERROR(pg_rows::WriteLists(connection, investigation, lists));
  return pg_rows::AppendEntries(connection, investigation, stored.evidence_count,
                                stored.comment_count);
}

absl::Status InsertHandoff(pg::Connection& connection, const Handoff& handoff) {
  const EncodedHandoff encoded = EncodeHandoff(handoff);
  RETURN_IF_ERROR(pg::InsertOutboxRow(connection, HandoffKey(handoff),
                                      HandoffInvestigationId(handoff), encoded.payload,
                                      HandoffTime(handoff)));
  return connection
      .Execute("UPDATE outbox SET kind = $2 WHERE handoff_key = $1",
               pg::Params().Add(HandoffKey(handoff)).Add(encoded.kind))
      .status();
}

// The investigations of a "SELECT sequence, <columns> FROM investigations ..." result, each with
// its child rows.
absl::StatusOr<std::vector<Investigation>> LoadInvestigations(pg::Connection& connection,
                                                              const pg::Result& result) {
  std::vector<Investigation> investigations;
  investigations.reserve(result.rows());
  for (int r = 0; r < result.rows(); ++r) {
    ASSIGN_OR_RETURN(Investigation investigation, pg_rows::ReadInvestigation(result.row(r)));
    RETURN_IF_ERROR(pg_rows::LoadChildren(connection, investigation));
    investigations.push_back(std::move(investigation));
  }
  return investigations;
}

// The SELECT for `query` and its parameters: only the filters it sets appear, numbered in order.
std::pair<std::string, pg::Params> ListStatement(const InvestigationQuery& query) {
  std::string sql = absl::StrCat("SELECT sequence, ", pg_rows::kInvestigationColumns,
                                 " FROM investigations WHERE sequence > $1");
  pg::Params params;
  params.Add(query.after_sequence);
  auto next = [&params] { return absl::StrCat("$", params.size() + 1); };
  if (query.state.has_value()) {
    absl::StrAppend(&sql, " AND state = ", next());
    params.Add(static_cast<int>(*query.state));
  }
  if (query.caseworker.has_value()) {
    absl::StrAppend(&sql, " AND caseworker = ", next());
    params.Add(*query.caseworker);
  }
  if (query.owner.has_value()) {
    absl::StrAppend(&sql, " AND owner = ", next());
    params.Add(*query.owner);
  }
  if (query.complaint.has_value()) {
    absl::StrAppend(&sql, " AND complaint = ", next());
    params.Add(*query.complaint);
  }
  if (query.organisation.has_value()) {
    absl::StrAppend(&sql,
                    " AND id IN (SELECT investigation_id FROM organisations_investigated "
                    "WHERE organisation = ",
                    next(), ")");
    params.Add(*query.organisation);
  }
  if (query.target_date_from.has_value()) {
    absl::StrAppend(&sql, " AND scope_target_date >= ", next());
    params.Add(*query.target_date_from);
  }
  if (query.target_date_to.has_value()) {
    absl::StrAppend(&sql, " AND scope_target_date <= ", next());
    params.Add(*query.target_date_to);
  }
  absl::StrAppend(&sql, " ORDER BY sequence LIMIT ", next());
  params.Add(query.limit);
  return {std::move(sql), std::move(params)};
}

}  // namespace

absl::StatusOr<Investigation> PostgresStore::GetInvestigation(std::string_view id) {
  std::vector<Investigation> found;
  const absl::Status status =
      pg::RunInTransaction(*pool_, pg::SnapshotRead(), [&](pg::Connection& connection) {
        ASSIGN_OR_RETURN(
            pg::Result result,
            connection.Execute(absl::StrCat("SELECT sequence, ", pg_rows::kInvestigationColumns,
                                            " FROM investigations WHERE id = $1"),
                               pg::Params().Add(id)));
        ASSIGN_OR_RETURN(found, LoadInvestigations(connection, result));
        return absl::OkStatus();
      });
  if (!status.ok()) return pg_rows::ClientSafe(status, "GetInvestigation");
  if (found.empty()) return NotFound(InvestigationName(id));
  return std::move(found.front());
}

absl::StatusOr<std::vector<Investigation>> PostgresStore::ListInvestigations(
    const InvestigationQuery& query) {
  std::vector<Investigation> found;
  if (query.limit <= 0) return found;
  const std::pair<std::string, pg::Params> statement = ListStatement(query);
  const absl::Status status =
      pg::RunInTransaction(*pool_, pg::SnapshotRead(), [&](pg::Connection& connection) {
        ASSIGN_OR_RETURN(pg::Result result, connection.Execute(statement.first, statement.second));
        ASSIGN_OR_RETURN(found, LoadInvestigations(connection, result));
        return absl::OkStatus();
      });
  if (!status.ok()) return pg_rows::ClientSafe(status, "ListInvestigations");
  return found;
}

absl::StatusOr<int64_t> PostgresStore::InsertInvestigation(const Investigation& investigation,
                                                           const RequestRecord& request) {
  int64_t sequence = 0;
  const absl::Status status = pg::RunIdempotentTransaction(
      *pool_, pg::LockingWrite(), [&](pg::Connection& connection) -> absl::Status {
        ASSIGN_OR_RETURN(
            bool taken,
            Exists(connection, "SELECT 1 FROM investigations WHERE id = $1", investigation.id));
        if (taken) return AlreadyExists(InvestigationName(investigation.id));
        // Before the sequence is taken, so that a refused insert leaves no gap in it.
        RETURN_IF_ERROR(RecordNewRequest(connection, request));
        ASSIGN_OR_RETURN(sequence,
                         pg::NextInsertSequence(connection, "investigations", kSequenceName));
        pg::Params params;
        params.Add(sequence);
        pg_rows::AddInvestigation(params, investigation);
        RETURN_IF_ERROR(
            connection
                .Execute(absl::StrCat(
                             "INSERT INTO investigations (sequence, ",
                             pg_rows::kInvestigationColumns, ") VALUES (",
                             pg_rows::Placeholders(1, 1 + pg_rows::kInvestigationColumnCount), ")"),
                         params)
                .status());
        RETURN_IF_ERROR(pg_rows::WriteLists(connection, investigation, ListsToWrite::All()));
        ASSIGN_OR_RETURN(std::vector<pg_rows::WrittenEntry> added,
                         pg_rows::AppendEntries(connection, investigation, 0, 0));
        return pg_rows::RecordAuditedChange(connection, investigation.id, request.request_id,
                                            added);
      });
  if (!status.ok()) {
    return pg_rows::ClientSafe(ContractError(status, investigation.id, std::nullopt, request),
                               "InsertInvestigation");
  }
  return sequence;
}

absl::Status PostgresStore::UpdateInvestigation(const Investigation& investigation,
                                                int64_t expected_version,
                                                const std::optional<Handoff>& handoff,
                                                const std::optional<RequestRecord>& request,
                                                ListsToWrite lists) {
  auto body = [&](pg::Connection& connection) -> absl::Status {
    ASSIGN_OR_RETURN(StoredState stored, LockStoredState(connection, investigation.id));
    if (stored.version != expected_version) {
      return EtagMismatch(InvestigationName(investigation.id));
    }
    if (handoff.has_value()) {
      ASSIGN_OR_RETURN(bool taken, Exists(connection, "SELECT 1 FROM outbox WHERE handoff_key = $1",
                                          HandoffKey(*handoff)));
      if (taken) return AlreadyExists(HandoffKey(*handoff));
    }
    if (request.has_value()) RETURN_IF_ERROR(RecordNewRequest(connection, *request));
    ASSIGN_OR_RETURN(std::vector<pg_rows::WrittenEntry> added,
                     WriteChange(connection, investigation, stored, lists));
    if (handoff.has_value()) RETURN_IF_ERROR(InsertHandoff(connection, *handoff));
    return pg_rows::RecordAuditedChange(connection, investigation.id,
                                        request.has_value() ? request->request_id : "", added);
  };
  const absl::Status status = request.has_value()
                                  ? pg::RunIdempotentTransaction(*pool_, pg::LockingWrite(), body)
                                  : pg::RunInTransaction(*pool_, pg::LockingWrite(), body);
  return pg_rows::ClientSafe(ContractError(status, investigation.id, handoff, request),
                             "UpdateInvestigation");
}

absl::StatusOr<std::vector<EvidenceItem>> PostgresStore::ListEvidence(std::string_view id,
                                                                      int after, int limit) {
  std::vector<EvidenceItem> found;
  const absl::Status status =
      pg::RunInTransaction(*pool_, pg::SnapshotRead(), [&](pg::Connection& connection) {
        ASSIGN_OR_RETURN(bool exists,
                         Exists(connection, "SELECT 1 FROM investigations WHERE id = $1", id));
        if (!exists) return NotFound(InvestigationName(id));
        ASSIGN_OR_RETURN(found, pg_rows::ListEvidence(connection, id, after, limit));
        return absl::OkStatus();
      });
  if (!status.ok()) return pg_rows::ClientSafe(status, "ListEvidence");
  return found;
}

absl::StatusOr<std::vector<Comment>> PostgresStore::ListComments(std::string_view id, int after,
                                                                 int limit) {
  std::vector<Comment> found;
  const absl::Status status =
      pg::RunInTransaction(*pool_, pg::SnapshotRead(), [&](pg::Connection& connection) {
        ASSIGN_OR_RETURN(bool exists,
                         Exists(connection, "SELECT 1 FROM investigations WHERE id = $1", id));
        if (!exists) return NotFound(InvestigationName(id));
        ASSIGN_OR_RETURN(found, pg_rows::ListComments(connection, id, after, limit));
        return absl::OkStatus();
      });
  if (!status.ok()) return pg_rows::ClientSafe(status, "ListComments");
  return found;
}

absl::Status PostgresStore::EraseInvestigation(const Investigation& erased,
                                               int64_t expected_version, absl::Time erase_time) {
  const absl::Status status = pg::RunInTransaction(
      *pool_, pg::LockingWrite(), [&](pg::Connection& connection) -> absl::Status {
        ASSIGN_OR_RETURN(StoredState stored, LockStoredState(connection, erased.id));
        if (stored.version != expected_version) return EtagMismatch(InvestigationName(erased.id));
        RETURN_IF_ERROR(pg_privacy::EraseHandoffs(connection, erased.id));
        RETURN_IF_ERROR(pg_privacy::RecordErasure(connection, erased.id, erase_time));
        ASSIGN_OR_RETURN(std::vector<pg_rows::WrittenEntry> written,
                         WriteChange(connection, erased, stored, ListsToWrite::All()));
        ASSIGN_OR_RETURN(std::vector<pg_rows::WrittenEntry> changed,
                         pg_rows::EraseEntries(connection, erased.id));
        written.insert(written.end(), changed.begin(), changed.end());
        return pg_rows::RecordAuditedChange(connection, erased.id, "", written);
      });
  return pg_rows::ClientSafe(status, "EraseInvestigation");
}

}  // namespace redress::investigation
