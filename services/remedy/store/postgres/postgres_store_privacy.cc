// PostgresStore's personal-data methods (store.h, docs/privacy.md): finding a person's cases,
// erasing a case in one transaction, and retention's scan of closed cases.
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/store/postgres/transaction.h"
#include "services/remedy/personal_data.h"
#include "services/remedy/store/postgres/postgres_store.h"
#include "services/remedy/store/postgres/postgres_store_audit.h"
#include "services/remedy/store/postgres/postgres_store_rows.h"

namespace redress::remedy {
namespace {

std::string InvestigationName(std::string_view id) { return "investigations/" + std::string(id); }

absl::StatusOr<bool> Holds(pg::Connection& connection, std::string_view investigation_id) {
  ASSIGN_OR_RETURN(
      pg::Result result,
      connection.Execute(
          "SELECT EXISTS (SELECT 1 FROM recommendations WHERE investigation_id = $1) OR "
          "EXISTS (SELECT 1 FROM decision_receipts WHERE investigation_id = $1) OR "
          "EXISTS (SELECT 1 FROM issue_acknowledgements WHERE investigation_id = $1) OR "
          "EXISTS (SELECT 1 FROM case_summaries WHERE investigation_id = $1) AS holds",
          pg::Params().Add(investigation_id)));
  return result.row(0).Bool("holds");
}

// EraseCase's checks, in the contract's order, under the case's lock (pg_rows::LockCase: no
// hand-off adds a recommendation meanwhile). The recommendations' rows are locked (FOR UPDATE) so
// that no other change slips in between the check and the rewrite.
absl::Status CheckErasure(pg::Connection& connection, std::string_view investigation_id,
                          const std::vector<Recommendation>& erased) {
  RETURN_IF_ERROR(pg_rows::LockCase(connection, investigation_id));
  ASSIGN_OR_RETURN(bool holds, Holds(connection, investigation_id));
  if (!holds) return NotFound(InvestigationName(investigation_id));
  std::vector<int64_t> versions;
  for (const Recommendation& r : erased) {
    ASSIGN_OR_RETURN(int64_t version, pg_rows::StoredVersion(connection, r.id));
    versions.push_back(version);
  }
  for (size_t i = 0; i < erased.size(); ++i) {
    if (versions[i] != erased[i].version - 1 || erased[i].investigation_id != investigation_id) {
      return EtagMismatch(pg_rows::RecommendationName(erased[i].id));
    }
  }
  // `erased` must be every recommendation of the case: one received since it was read is not.
  ASSIGN_OR_RETURN(pg::Result count, connection.Execute("SELECT count(*) AS n FROM recommendations "
                                                        "WHERE investigation_id = $1",
                                                        pg::Params().Add(investigation_id)));
  ASSIGN_OR_RETURN(int64_t n, count.row(0).Int64("n"));
  std::set<std::string_view> distinct;
  for (const Recommendation& r : erased) distinct.insert(r.id);
  if (n != static_cast<int64_t>(erased.size()) || distinct.size() != erased.size()) {
    return EtagMismatch(InvestigationName(investigation_id));
  }
  ASSIGN_OR_RETURN(pg::Result exists,
                   connection.Execute("SELECT 1 FROM erasures WHERE investigation_id = $1",
                                      pg::Params().Add(investigation_id)));
  if (exists.rows() > 0) return AlreadyExists(InvestigationName(investigation_id));
  return absl::OkStatus();
}

// Rewrites the case's acknowledgements' reasons, each with its audit entry, in the order
// recorded.
absl::Status EraseAcknowledgements(pg::Connection& connection, std::string_view investigation_id) {
  ASSIGN_OR_RETURN(pg::Result rows,
                   connection.Execute("SELECT sequence, issue_id, reason FROM "
                                      "issue_acknowledgements WHERE investigation_id = $1 "
                                      "ORDER BY sequence FOR UPDATE",
                                      pg::Params().Add(investigation_id)));
  for (int i = 0; i < rows.rows(); ++i) {
    const pg::Row row = rows.row(i);
    ASSIGN_OR_RETURN(int64_t sequence, row.Int64("sequence"));
    IssueAcknowledgement a;
    ASSIGN_OR_RETURN(a.issue_id, row.Text("issue_id"));
    ASSIGN_OR_RETURN(a.reason, row.Text("reason"));
    a = ErasedAcknowledgement(a);
    RETURN_IF_ERROR(connection
                        .Execute("UPDATE issue_acknowledgements SET reason = $2 "
                                 "WHERE sequence = $1",
                                 pg::Params().Add(sequence).Add(a.reason))
                        .status());
    RETURN_IF_ERROR(
        pg_audit::RecordAcknowledgementChange(connection, investigation_id, a.issue_id, sequence));
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

absl::StatusOr<std::vector<std::string>> PostgresStore::FindCasesByComplaint(
    std::string_view complaint) {
  std::vector<std::string> ids;
  RETURN_IF_ERROR(pg::RunInTransaction(
      *pool_, pg::SnapshotRead(), [&](pg::Connection& connection) -> absl::Status {
        ASSIGN_OR_RETURN(pg::Result result,
                         connection.Execute("SELECT investigation_id FROM recommendations "
                                            "WHERE complaint = $1 GROUP BY investigation_id "
                                            "ORDER BY min(sequence)",
                                            pg::Params().Add(complaint)));
        ASSIGN_OR_RETURN(ids, result.Texts("investigation_id"));
        return absl::OkStatus();
      }));
  return ids;
}

absl::StatusOr<bool> PostgresStore::HoldsCase(std::string_view investigation_id) {
  bool holds = false;
  RETURN_IF_ERROR(pg::RunInTransaction(
      *pool_, pg::SnapshotRead(), [&](pg::Connection& connection) -> absl::Status {
        ASSIGN_OR_RETURN(holds, Holds(connection, investigation_id));
        return absl::OkStatus();
      }));
  return holds;
}

absl::StatusOr<std::optional<absl::Time>> PostgresStore::GetCaseErasureTime(
    std::string_view investigation_id) {
  std::optional<absl::Time> erase_time;
  RETURN_IF_ERROR(pg::RunInTransaction(
      *pool_, pg::SnapshotRead(), [&](pg::Connection& connection) -> absl::Status {
        erase_time.reset();
        ASSIGN_OR_RETURN(pg::Result result, connection.Execute("SELECT erase_time FROM erasures "
                                                               "WHERE investigation_id = $1",
                                                               pg::Params().Add(investigation_id)));
        if (result.rows() == 0) return absl::OkStatus();
        ASSIGN_OR_RETURN(erase_time, result.row(0).Time("erase_time"));
        return absl::OkStatus();
      }));
  return erase_time;
}

// The erasures row's primary key decides between replicas erasing the same case at once.
absl::Status PostgresStore::EraseCase(std::string_view investigation_id,
                                      const std::vector<Recommendation>& erased,
                                      absl::Time erase_time) {
  const absl::Status status = pg::RunInTransaction(
      *pool_, pg::LockingWrite(), [&](pg::Connection& connection) -> absl::Status {
        RETURN_IF_ERROR(CheckErasure(connection, investigation_id, erased));
        for (const Recommendation& r : erased) {
          RETURN_IF_ERROR(pg_rows::ReplaceRecommendation(connection, r, r.version - 1));
          RETURN_IF_ERROR(pg_audit::RecordRecommendationChange(connection, r.id));
        }
        RETURN_IF_ERROR(EraseAcknowledgements(connection, investigation_id));
        RETURN_IF_ERROR(connection
                            .Execute("INSERT INTO erasures (investigation_id, erase_time) "
                                     "VALUES ($1, $2)",
                                     pg::Params().Add(investigation_id).Add(erase_time))
                            .status());
        return pg_audit::RecordErasure(connection, investigation_id);
      });
  if (absl::IsAlreadyExists(status)) return AlreadyExists(InvestigationName(investigation_id));
  return status;
}

absl::StatusOr<std::vector<std::string>> PostgresStore::ListErasableCases(absl::Time closed_before,
                                                                          int limit) {
  std::vector<std::string> ids;
  if (limit <= 0) return ids;
  RETURN_IF_ERROR(pg::RunInTransaction(
      *pool_, pg::SnapshotRead(), [&](pg::Connection& connection) -> absl::Status {
        ASSIGN_OR_RETURN(
            pg::Result result,
            connection.Execute(
                absl::StrCat("SELECT investigation_id FROM recommendations r WHERE NOT EXISTS "
                             "(SELECT 1 FROM erasures e WHERE e.investigation_id = "
                             "r.investigation_id) GROUP BY investigation_id HAVING "
                             "bool_and(state NOT IN (",
                             OpenStateList(),
                             ")) AND max(update_time) < $1 ORDER BY min(sequence) LIMIT $2"),
                pg::Params().Add(closed_before).Add(limit)));
        ASSIGN_OR_RETURN(ids, result.Texts("investigation_id"));
        return absl::OkStatus();
      }));
  return ids;
}

}  // namespace redress::remedy
