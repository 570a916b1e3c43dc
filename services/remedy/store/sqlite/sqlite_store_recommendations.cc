// SqliteStore's recommendation methods. A recommendation is one `recommendations` row plus child
// rows (follow-up steps, reschedules, state history) that every write replaces as a whole, in one
// transaction.
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/remedy/personal_data.h"
#include "services/remedy/store/sqlite/sqlite_store.h"
#include "services/remedy/store/sqlite/sqlite_store_audit.h"
#include "services/remedy/store/sqlite/sqlite_store_rows.h"

namespace redress::remedy {
namespace {

using sqlite_rows::RecommendationName;
using sqlite_rows::ReplaceRecommendation;

// The recommendation's stored version, or NOT_FOUND.
absl::StatusOr<int64_t> StoredVersion(Connection& connection, std::string_view id) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT version FROM recommendations WHERE id = ?1"));
  ASSIGN_OR_RETURN(bool found, select.Bind(1, id).Step());
  if (!found) return NotFound(RecommendationName(id));
  return select.ColumnInt64(0);
}

absl::StatusOr<bool> RecommendationExists(Connection& connection, std::string_view id) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT 1 FROM recommendations WHERE id = ?1"));
  return select.Bind(1, id).Step();
}

absl::StatusOr<bool> ReceiptExists(Connection& connection, std::string_view handoff_key) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT 1 FROM decision_receipts WHERE handoff_key = ?1"));
  return select.Bind(1, handoff_key).Step();
}

// The recommendation from the current row of a "SELECT sequence, <kRecommendationColumns>"
// statement, with its child rows.
absl::StatusOr<Recommendation> LoadRecommendation(Connection& connection, const Statement& row) {
  ASSIGN_OR_RETURN(Recommendation recommendation, sqlite_rows::ReadRecommendation(row));
  RETURN_IF_ERROR(sqlite_rows::LoadChildren(connection, recommendation));
  return recommendation;
}

absl::Status InsertRecommendation(Connection& connection, const Recommendation& recommendation) {
  ASSIGN_OR_RETURN(
      Statement insert,
      connection.Prepare(absl::StrCat(
          "INSERT INTO recommendations (", sqlite_rows::kRecommendationColumns, ") VALUES (",
          sqlite_rows::Placeholders(1, sqlite_rows::kRecommendationColumnCount), ")")));
  sqlite_rows::BindRecommendation(insert, recommendation);
  RETURN_IF_ERROR(insert.Run());
  return sqlite_rows::InsertChildren(connection, recommendation);
}

absl::Status InsertReceipt(Connection& connection, const DecisionReceipt& receipt) {
  ASSIGN_OR_RETURN(Statement insert,
                   connection.Prepare("INSERT INTO decision_receipts (handoff_key, "
                                      "investigation_id, decision_sequence, fingerprint, "
                                      "receive_time) VALUES (?1, ?2, ?3, ?4, ?5)"));
  insert.Bind(1, receipt.handoff_key).Bind(2, receipt.investigation_id);
  insert.Bind(3, receipt.decision_sequence).Bind(4, receipt.fingerprint);
  RETURN_IF_ERROR(insert.Bind(5, sqlite_rows::TimeToMicros(receipt.receive_time)).Run());
  if (receipt.recommendation_ids.empty()) return absl::OkStatus();
  ASSIGN_OR_RETURN(Statement insert_id,
                   connection.Prepare("INSERT INTO decision_receipt_recommendations "
                                      "(handoff_key, position, recommendation_id) "
                                      "VALUES (?1, ?2, ?3)"));
  for (size_t i = 0; i < receipt.recommendation_ids.size(); ++i) {
    insert_id.Reset();
    insert_id.Bind(1, receipt.handoff_key).Bind(2, static_cast<int64_t>(i));
    RETURN_IF_ERROR(insert_id.Bind(3, receipt.recommendation_ids[i]).Run());
  }
  return absl::OkStatus();
}

// ReceiveHandoff's checks, in the contract's order (NOT_FOUND, ABORTED, ALREADY_EXISTS).
absl::Status CheckHandoff(Connection& connection, const DecisionReceipt& receipt,
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
  ASSIGN_OR_RETURN(bool receipt_taken, ReceiptExists(connection, receipt.handoff_key));
  if (receipt_taken) return AlreadyExists(receipt.handoff_key);
  std::set<std::string_view> new_ids;
  for (const Recommendation& c : created) {
    ASSIGN_OR_RETURN(bool taken, RecommendationExists(connection, c.id));
    if (taken || !new_ids.insert(c.id).second) return AlreadyExists(RecommendationName(c.id));
  }
  if (created.empty() && changed.empty()) return absl::OkStatus();
  ASSIGN_OR_RETURN(Statement erased,
                   connection.Prepare("SELECT 1 FROM erasures WHERE investigation_id = ?1"));
  ASSIGN_OR_RETURN(bool was_erased, erased.Bind(1, receipt.investigation_id).Step());
  if (was_erased) return CaseErased(receipt.investigation_id);
  return absl::OkStatus();
}

}  // namespace

std::string SqliteStore::ListRecommendationsSql(const RecommendationQuery& query) {
  std::string sql = absl::StrCat("SELECT sequence, ", sqlite_rows::kRecommendationColumns,
                                 " FROM recommendations");
  // With a target-date range as the only filter, the planner (which has no statistics) would
  // rather walk the primary key in sequence order than sort, and so reads every row however few
  // are in the range. Reading the range from its index and sorting it costs at most its size.
  const bool dates_only =
      (query.target_date_from.has_value() || query.target_date_to.has_value()) &&
      query.states.empty() && !query.organisation_id.has_value() &&
      !query.investigation_id.has_value() && !query.owner.has_value();
  if (dates_only) absl::StrAppend(&sql, " INDEXED BY recommendations_by_target_date");
  absl::StrAppend(&sql, " WHERE sequence > ?1");
  if (!query.states.empty()) {
    absl::StrAppend(&sql, " AND state IN (",
                    sqlite_rows::Placeholders(8, 7 + static_cast<int>(query.states.size())), ")");
  }
  if (query.organisation_id.has_value()) absl::StrAppend(&sql, " AND organisation_id = ?2");
  if (query.investigation_id.has_value()) absl::StrAppend(&sql, " AND investigation_id = ?3");
  if (query.target_date_from.has_value()) absl::StrAppend(&sql, " AND target_date >= ?4");
  if (query.target_date_to.has_value()) absl::StrAppend(&sql, " AND target_date <= ?5");
  if (query.owner.has_value()) absl::StrAppend(&sql, " AND owner = ?7");
  absl::StrAppend(&sql, " ORDER BY sequence LIMIT ?6");
  return sql;
}

absl::StatusOr<Recommendation> SqliteStore::GetRecommendation(std::string_view id) {
  Connection connection = db_->Read();
  ASSIGN_OR_RETURN(Statement select, connection.Prepare(absl::StrCat(
                                         "SELECT sequence, ", sqlite_rows::kRecommendationColumns,
                                         " FROM recommendations WHERE id = ?1")));
  ASSIGN_OR_RETURN(bool found, select.Bind(1, id).Step());
  if (!found) return NotFound(RecommendationName(id));
  return LoadRecommendation(connection, select);
}

namespace {

// Binds `query`'s values to a statement of SqliteStore::ListRecommendationsSql(query).
void BindListQuery(Statement& select, const RecommendationQuery& query) {
  select.Bind(1, query.after_sequence);
  if (query.organisation_id.has_value()) select.Bind(2, *query.organisation_id);
  if (query.investigation_id.has_value()) select.Bind(3, *query.investigation_id);
  if (query.target_date_from.has_value()) {
    select.Bind(4, sqlite_rows::DateToText(*query.target_date_from));
  }
  if (query.target_date_to.has_value()) {
    select.Bind(5, sqlite_rows::DateToText(*query.target_date_to));
  }
  select.Bind(6, query.limit);
  if (query.owner.has_value()) select.Bind(7, *query.owner);
  for (size_t i = 0; i < query.states.size(); ++i) {
    select.Bind(8 + static_cast<int>(i), static_cast<int>(query.states[i]));
  }
}

}  // namespace

absl::StatusOr<std::vector<Recommendation>> SqliteStore::ListRecommendations(
    const RecommendationQuery& query) {
  std::vector<Recommendation> result;
  if (query.limit <= 0) return result;
  Connection connection = db_->Read();
  ASSIGN_OR_RETURN(Statement select, connection.Prepare(ListRecommendationsSql(query)));
  BindListQuery(select, query);
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) return result;
    ASSIGN_OR_RETURN(Recommendation recommendation, LoadRecommendation(connection, select));
    result.push_back(std::move(recommendation));
  }
}

absl::StatusOr<int64_t> SqliteStore::CountRecommendations(const RecommendationQuery& query) {
  if (query.limit <= 0) return 0;
  Connection connection = db_->Read();
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare(
                       absl::StrCat("SELECT COUNT(*) FROM (", ListRecommendationsSql(query), ")")));
  BindListQuery(select, query);
  ASSIGN_OR_RETURN(bool has_row, select.Step());
  if (!has_row) return absl::InternalError("COUNT(*) returned no row");
  return select.ColumnInt64(0);
}

absl::Status SqliteStore::ReceiveHandoff(const DecisionReceipt& receipt,
                                         const std::vector<Recommendation>& created,
                                         const std::vector<Recommendation>& changed) {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
  RETURN_IF_ERROR(CheckHandoff(connection, receipt, created, changed));
  RETURN_IF_ERROR(InsertReceipt(connection, receipt));
  for (const Recommendation& c : created) RETURN_IF_ERROR(InsertRecommendation(connection, c));
  for (const Recommendation& s : changed) {
    RETURN_IF_ERROR(ReplaceRecommendation(connection, s));
  }
  RETURN_IF_ERROR(sqlite_audit::RecordReceiptChange(connection, receipt.handoff_key));
  for (const Recommendation& c : created) {
    RETURN_IF_ERROR(sqlite_audit::RecordRecommendationChange(connection, c.id));
  }
  for (const Recommendation& s : changed) {
    RETURN_IF_ERROR(sqlite_audit::RecordRecommendationChange(connection, s.id));
  }
  return transaction.Commit();
}

absl::StatusOr<std::optional<DecisionReceipt>> SqliteStore::FindDecisionReceipt(
    std::string_view handoff_key) {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT investigation_id, decision_sequence, fingerprint, "
                                      "receive_time FROM decision_receipts "
                                      "WHERE handoff_key = ?1"));
  ASSIGN_OR_RETURN(bool found, select.Bind(1, handoff_key).Step());
  if (!found) return std::optional<DecisionReceipt>();
  DecisionReceipt receipt;
  receipt.handoff_key = std::string(handoff_key);
  receipt.investigation_id = select.ColumnText(0);
  receipt.decision_sequence = select.ColumnInt(1);
  receipt.fingerprint = select.ColumnText(2);
  receipt.receive_time = sqlite_rows::MicrosToTime(select.ColumnInt64(3));
  ASSIGN_OR_RETURN(Statement ids,
                   connection.Prepare("SELECT recommendation_id FROM "
                                      "decision_receipt_recommendations WHERE handoff_key = ?1 "
                                      "ORDER BY position"));
  ids.Bind(1, handoff_key);
  ASSIGN_OR_RETURN(receipt.recommendation_ids, ids.TextsOfFirstColumn());
  return std::optional<DecisionReceipt>(std::move(receipt));
}

absl::Status SqliteStore::UpdateRecommendation(const Recommendation& recommendation,
                                               int64_t expected_version) {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
  ASSIGN_OR_RETURN(int64_t version, StoredVersion(connection, recommendation.id));
  if (version != expected_version) return EtagMismatch(RecommendationName(recommendation.id));
  RETURN_IF_ERROR(ReplaceRecommendation(connection, recommendation));
  RETURN_IF_ERROR(sqlite_audit::RecordRecommendationChange(connection, recommendation.id));
  return transaction.Commit();
}

}  // namespace redress::remedy
