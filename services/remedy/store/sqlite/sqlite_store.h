// The embedded RemedyStore: one SQLite file (WAL, commits synced before they return) with the
// schema of sqlite_store_schema.cc. A recommendation is one `recommendations` row (its response,
// compliance and decline as column groups, NULL while unset) plus child rows for its follow-up
// steps, reschedules and state history; a decision receipt is a row plus the ids it created; a
// case summary version is a row whose structured parts are a serialized
// redress.remedy.v1.CaseSummary; an acknowledgement of an anonymisation issue is a row, and the
// issue key a one-row table.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/store/sqlite/sqlite.h"
#include "services/remedy/store/store.h"

namespace redress::remedy {

// Keeps the store.h contract (see store_contract_test.cc).
//
// Thread-safe: one connection, used by one call at a time (SqliteDb's lock); every write method
// is one IMMEDIATE transaction. UNAVAILABLE when another process holds the file's write lock
// past the busy timeout; INTERNAL for a row the file holds that cannot be read back (damage).
class SqliteStore final : public RemedyStore {
 public:
  // Opens or creates the database at `path` and brings its schema up to date.
  // FAILED_PRECONDITION if the file was written by a newer schema.
  // `options` as SqliteDb::Open takes them (e.g. the process's write health).
  static absl::StatusOr<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                           const SqliteOptions& options = {});
  // The schema, in order (sqlite_store_schema.cc).
  static const std::vector<Migration>& Migrations();
  // The SELECT ListRecommendations runs for `query`: only the filters it sets appear, so that
  // each can use its index. Parameters: ?1 after_sequence, ?2 organisation_id,
  // ?3 investigation_id, ?4 target_date_from, ?5 target_date_to, ?6 limit, and ?7, ?8, ... the
  // states in the query's order.
  static std::string ListRecommendationsSql(const RecommendationQuery& query);

  absl::StatusOr<Recommendation> GetRecommendation(std::string_view id) override;
  absl::StatusOr<std::vector<Recommendation>> ListRecommendations(
      const RecommendationQuery& query) override;
  absl::StatusOr<int64_t> CountRecommendations(const RecommendationQuery& query) override;
  absl::Status ReceiveHandoff(const DecisionReceipt& receipt,
                              const std::vector<Recommendation>& created,
                              const std::vector<Recommendation>& changed) override;
  absl::StatusOr<std::optional<DecisionReceipt>> FindDecisionReceipt(
      std::string_view handoff_key) override;
  absl::Status UpdateRecommendation(const Recommendation& recommendation,
                                    int64_t expected_version) override;

  absl::StatusOr<CaseSummary> GetCaseSummary(std::string_view investigation_id,
                                             int version) override;
  absl::Status InsertCaseSummary(const CaseSummary& summary) override;

  // sqlite_store_acknowledgements.cc
  absl::StatusOr<std::string> GetIssueKey() override;
  absl::Status InsertIssueAcknowledgement(const IssueAcknowledgement& acknowledgement) override;
  absl::StatusOr<std::vector<IssueAcknowledgement>> ListIssueAcknowledgements(
      std::string_view investigation_id) override;

  // sqlite_store_privacy.cc
  absl::StatusOr<std::vector<std::string>> FindCasesByComplaint(
      std::string_view complaint) override;
  absl::StatusOr<bool> HoldsCase(std::string_view investigation_id) override;
  absl::StatusOr<std::optional<absl::Time>> GetCaseErasureTime(
      std::string_view investigation_id) override;
  absl::Status EraseCase(std::string_view investigation_id,
                         const std::vector<Recommendation>& erased, absl::Time erase_time) override;
  absl::StatusOr<std::vector<std::string>> ListErasableCases(absl::Time closed_before,
                                                             int limit) override;

  absl::StatusOr<std::vector<audit::AuditEntry>> ListAuditEntries(int64_t after_sequence,
                                                                  int limit) override;

 private:
  explicit SqliteStore(std::unique_ptr<SqliteDb> db) : db_(std::move(db)) {}

  std::unique_ptr<SqliteDb> db_;
};

}  // namespace redress::remedy
