// PostgresStore's recommendation and decision receipt methods. A recommendation is one
// `recommendations` row plus child rows (follow-up steps, reschedules, state history) that every
// write replaces as a whole, in one transaction.
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/store/postgres/outbox.h"
#include "common/store/postgres/status.h"
#include "services/remedy/personal_data.h"
#include "services/remedy/store/postgres/postgres_store.h"
#include "services/remedy/store/postgres/postgres_store_audit.h"
#include "services/remedy/store/postgres/postgres_store_rows.h"

namespace redress::remedy {
namespace {

using pg_rows::RecommendationName;
using pg_rows::ReplaceRecommendation;
using pg_rows::StoredVersion;

// The statement that finds a list's recommendations: its WHERE clause and ORDER/LIMIT, with the
// parameters they take. Only the filters the query sets appear, so that each can use its index.
struct ListStatement {
  std::string filter;
  pg::Params params;
};

ListStatement ListFilter(const RecommendationQuery& query) {
  ListStatement list;
  list.params.Add(query.after_sequence);
  list.filter = " WHERE sequence > $1";
  auto next = [&list] { return absl::StrCat("$", list.params.size()); };
  if (!query.states.empty()) {
    std::string states;
    for (RecommendationState state : query.states) {
      list.params.Add(static_cast<int>(state));
      absl::StrAppend(&states, states.empty() ? "" : ", ", next());
    }
    absl::StrAppend(&list.filter, " AND state IN (", states, ")");
  }
  if (query.organisation_id.has_value()) {
    list.params.Add(*query.organisation_id);
    absl::StrAppend(&list.filter, " AND organisation_id = ", next());
  }
  if (query.investigation_id.has_value()) {
    list.params.Add(*query.investigation_id);
    absl::StrAppend(&list.filter, " AND investigation_id = ", next());
  }
  if (query.owner.has_value()) {
    list.params.Add(*query.owner);
    absl::StrAppend(&list.filter, " AND owner = ", next());
  }
  if (query.target_date_from.has_value()) {
    list.params.Add(*query.target_date_from);
    absl::StrAppend(&list.filter, " AND target_date >= ", next());
  }
  if (query.target_date_to.has_value()) {
    list.params.Add(*query.target_date_to);
    absl::StrAppend(&list.filter, " AND target_date <= ", next());
  }
  list.params.Add(query.limit);
  absl::StrAppend(&list.filter, " ORDER BY sequence LIMIT ", next());
  return list;
}

// The recommendations `filter` selects from `recommendations`, with their child rows, in the
// caller's (read) transaction.
absl::StatusOr<std::vector<Recommendation>> Load(pg::Connection& connection,
                                                 std::string_view filter,
                                                 const pg::Params& params) {
  ASSIGN_OR_RETURN(
      pg::Result rows,
      connection.Execute(absl::StrCat("SELECT sequence, ", pg_rows::kRecommendationColumns,
                                      " FROM recommendations", std::string(filter)),
                         params));
  std::vector<Recommendation> found;
  for (int i = 0; i < rows.rows(); ++i) {
    ASSIGN_OR_RETURN(Recommendation recommendation, pg_rows::ReadRecommendation(rows.row(i)));
    found.push_back(std::move(recommendation));
  }
  RETURN_IF_ERROR(pg_rows::LoadChildren(
      connection, absl::StrCat("SELECT id FROM recommendations", std::string(filter)), params,
      found));
  return found;
}

absl::StatusOr<bool> Exists(pg::Connection& connection, std::string_view sql,
                            std::string_view key) {
  ASSIGN_OR_RETURN(pg::Result result, connection.Execute(sql, pg::Params().Add(key)));
  return result.rows() > 0;
}

// Inserts a new recommendation, numbered in commit order.
absl::Status InsertRecommendation(pg::Connection& connection, const Recommendation& r) {
  ASSIGN_OR_RETURN(int64_t sequence, pg::NextInsertSequence(connection, "recommendations",
                                                            "recommendations_sequence_seq"));
  pg::Params params = pg_rows::RecommendationParams(r);
  params.Add(sequence);
  RETURN_IF_ERROR(
      connection
          .Execute(
              absl::StrCat("INSERT INTO recommendations (", pg_rows::kRecommendationColumns,
                           ", sequence) VALUES (",
                           pg_rows::Placeholders(1, pg_rows::kRecommendationColumnCount + 1), ")"),
              params)
          .status());
  return pg_rows::InsertChildren(connection, r);
}

absl::Status InsertReceipt(pg::Connection& connection, const DecisionReceipt& receipt) {
  RETURN_IF_ERROR(connection
                      .Execute("INSERT INTO decision_receipts (handoff_key, investigation_id, "
                               "decision_sequence, fingerprint, receive_time) "
                               "VALUES ($1, $2, $3, $4, $5)",
                               pg::Params()
                                   .Add(receipt.handoff_key)
                                   .Add(receipt.investigation_id)
                                   .Add(receipt.decision_sequence)
                                   .Add(receipt.fingerprint)
                                   .Add(receipt.receive_time))
                      .status());
  for (size_t i = 0; i < receipt.recommendation_ids.size(); ++i) {
    RETURN_IF_ERROR(connection
                        .Execute("INSERT INTO decision_receipt_recommendations "
                                 "(handoff_key, position, recommendation_id) VALUES ($1, $2, $3)",
                                 pg::Params()
                                     .Add(receipt.handoff_key)
                                     .Add(static_cast<int64_t>(i))
                                     .Add(receipt.recommendation_ids[i]))
                        .status());
  }
  return absl::OkStatus();
}

// ReceiveHandoff's checks, in the contract's order (NOT_FOUND, ABORTED, ALREADY_EXISTS), so that
// the answer does not depend on which write would fail first. They decide nothing between
// concurrent transactions: the keys do (see ReceiveHandoff).
absl::Status CheckHandoff(pg::Connection& connection, const DecisionReceipt& receipt,
                          const std::vector<Recommendation>& created,
                          const std::vector<Recommendation>& changed) {
  std::vector<int64_t> versions;
  for (const Recommendation& s : changed) {
    ASSIGN_OR_RETURN(int64_t version, StoredVersion(connection, s.id));
    versions.push_back(version);
  }
  for (size_t i = 0; i < changed.size(); ++i) {
    if (versions[i] != changed[i].version - 1) {
      return EtagMismatch(RecommendationName(changed[i].id));
    }
  }
  ASSIGN_OR_RETURN(bool receipt_taken,
                   Exists(connection, "SELECT 1 FROM decision_receipts WHERE handoff_key = $1",
                          receipt.handoff_key));
  if (receipt_taken) return AlreadyExists(receipt.handoff_key);
  std::set<std::string_view> new_ids;
  for (const Recommendation& c : created) {
    ASSIGN_OR_RETURN(bool taken,
                     Exists(connection, "SELECT 1 FROM recommendations WHERE id = $1", c.id));
    if (taken || !new_ids.insert(c.id).second) return AlreadyExists(RecommendationName(c.id));
  }
  if (created.empty() && changed.empty()) return absl::OkStatus();
  // The case's lock (pg_rows::LockCase), so that an erasure committing meanwhile is seen.
  RETURN_IF_ERROR(pg_rows::LockCase(connection, receipt.investigation_id));
  ASSIGN_OR_RETURN(bool was_erased,
                   Exists(connection, "SELECT 1 FROM erasures WHERE investigation_id = $1",
                          receipt.investigation_id));
  if (was_erased) return CaseErased(receipt.investigation_id);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Recommendation> PostgresStore::GetRecommendation(std::string_view id) {
  std::vector<Recommendation> found;
  RETURN_IF_ERROR(pg::RunInTransaction(
      *pool_, pg::SnapshotRead(), [&](pg::Connection& connection) -> absl::Status {
        ASSIGN_OR_RETURN(found, Load(connection, " WHERE id = $1", pg::Params().Add(id)));
        return absl::OkStatus();
      }));
  if (found.empty()) return NotFound(RecommendationName(id));
  return std::move(found.front());
}

absl::StatusOr<std::vector<Recommendation>> PostgresStore::ListRecommendations(
    const RecommendationQuery& query) {
  std::vector<Recommendation> found;
  if (query.limit <= 0) return found;
  const ListStatement list = ListFilter(query);
  RETURN_IF_ERROR(pg::RunInTransaction(
      *pool_, pg::SnapshotRead(), [&](pg::Connection& connection) -> absl::Status {
        ASSIGN_OR_RETURN(found, Load(connection, list.filter, list.params));
        return absl::OkStatus();
      }));
  return found;
}

absl::StatusOr<int64_t> PostgresStore::CountRecommendations(const RecommendationQuery& query) {
  if (query.limit <= 0) return 0;
  const ListStatement list = ListFilter(query);
  int64_t count = 0;
  RETURN_IF_ERROR(pg::RunInTransaction(
      *pool_, pg::SnapshotRead(), [&](pg::Connection& connection) -> absl::Status {
        ASSIGN_OR_RETURN(pg::Result result,
                         connection.Execute(absl::StrCat("SELECT COUNT(*) AS n FROM (SELECT 1 "
                                                         "FROM recommendations",
                                                         list.filter, ") AS page"),
                                            list.params));
        ASSIGN_OR_RETURN(count, result.row(0).Int64("n"));
        return absl::OkStatus();
      }));
  return count;
}

// Two replicas receiving the same hand-off at once both pass CheckHandoff; then the primary key
// of decision_receipts lets one commit. The other fails with a serialization failure (re-run,
// and its check now finds the receipt) or a unique violation of that key; either way it answers
// ALREADY_EXISTS and nothing it wrote stays. Recommendations are inserted first, so that every
// hand-off that creates any takes the insert-order lock before it touches another key.
absl::Status PostgresStore::ReceiveHandoff(const DecisionReceipt& receipt,
                                           const std::vector<Recommendation>& created,
                                           const std::vector<Recommendation>& changed) {
  const absl::Status status = pg::RunInTransaction(
      *pool_, pg::LockingWrite(), [&](pg::Connection& connection) -> absl::Status {
        RETURN_IF_ERROR(CheckHandoff(connection, receipt, created, changed));
        for (const Recommendation& c : created) {
          RETURN_IF_ERROR(InsertRecommendation(connection, c));
        }
        RETURN_IF_ERROR(InsertReceipt(connection, receipt));
        for (const Recommendation& s : changed) {
          RETURN_IF_ERROR(ReplaceRecommendation(connection, s, s.version - 1));
        }
        // The audit entries last, after every row lock the write takes (docs/audit.md).
        RETURN_IF_ERROR(pg_audit::RecordReceiptChange(connection, receipt.handoff_key));
        for (const Recommendation& c : created) {
          RETURN_IF_ERROR(pg_audit::RecordRecommendationChange(connection, c.id));
        }
        for (const Recommendation& s : changed) {
          RETURN_IF_ERROR(pg_audit::RecordRecommendationChange(connection, s.id));
        }
        return absl::OkStatus();
      });
  if (absl::IsAlreadyExists(status) && pg::ViolatedConstraint(status) == "decision_receipts_pkey") {
    return AlreadyExists(receipt.handoff_key);
  }
  return status;
}

absl::StatusOr<std::optional<DecisionReceipt>> PostgresStore::FindDecisionReceipt(
    std::string_view handoff_key) {
  std::optional<DecisionReceipt> found;
  RETURN_IF_ERROR(pg::RunInTransaction(
      *pool_, pg::SnapshotRead(), [&](pg::Connection& connection) -> absl::Status {
        found.reset();
        ASSIGN_OR_RETURN(pg::Result result,
                         connection.Execute("SELECT investigation_id, decision_sequence, "
                                            "fingerprint, receive_time FROM decision_receipts "
                                            "WHERE handoff_key = $1",
                                            pg::Params().Add(handoff_key)));
        if (result.rows() == 0) return absl::OkStatus();
        const pg::Row row = result.row(0);
        DecisionReceipt receipt;
        receipt.handoff_key = std::string(handoff_key);
        ASSIGN_OR_RETURN(receipt.investigation_id, row.Text("investigation_id"));
        ASSIGN_OR_RETURN(int64_t decision_sequence, row.Int64("decision_sequence"));
        receipt.decision_sequence = static_cast<int>(decision_sequence);
        ASSIGN_OR_RETURN(receipt.fingerprint, row.Text("fingerprint"));
        ASSIGN_OR_RETURN(receipt.receive_time, row.Time("receive_time"));
        ASSIGN_OR_RETURN(pg::Result ids,
                         connection.Execute("SELECT recommendation_id FROM "
                                            "decision_receipt_recommendations "
                                            "WHERE handoff_key = $1 ORDER BY position",
                                            pg::Params().Add(handoff_key)));
        for (int i = 0; i < ids.rows(); ++i) {
          ASSIGN_OR_RETURN(std::string id, ids.row(i).Text("recommendation_id"));
          receipt.recommendation_ids.push_back(std::move(id));
        }
        found = std::move(receipt);
        return absl::OkStatus();
      }));
  return found;
}

absl::Status PostgresStore::UpdateRecommendation(const Recommendation& recommendation,
                                                 int64_t expected_version) {
  return pg::RunInTransaction(*pool_, pg::LockingWrite(), [&](pg::Connection& connection) {
    RETURN_IF_ERROR(ReplaceRecommendation(connection, recommendation, expected_version));
    return pg_audit::RecordRecommendationChange(connection, recommendation.id);
  });
}

}  // namespace redress::remedy
