// The RemedyStore for replicas sharing one PostgreSQL 15 database (or PgBouncer in front of it),
// with the schema of postgres_store_schema.cc: the SQLite store's tables in PostgreSQL's native
// types. A recommendation is one `recommendations` row plus child rows for its follow-up steps,
// reschedules and state history; a decision receipt is a row plus the ids it created; a case
// summary version is a row whose structured parts are a serialized redress.remedy.v1.CaseSummary;
// an acknowledgement of an anonymisation issue is a row, the issue key a one-row table, and the
// follow-up lease a row of `leases`.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/store/migration.h"
#include "common/store/postgres/pool.h"
#include "services/remedy/store/store.h"

namespace redress::remedy {

// Keeps the store.h contract (see store_contract_test.cc) across replicas: what one replica
// commits, every other sees, and the database's constraints (not checks before an insert) decide
// between replicas writing the same key at once.
//
// Thread-safe: every call borrows a connection from the pool for one transaction
// (pg::RunInTransaction): pg::LockingWrite for writes (READ COMMITTED; the version read FOR
// UPDATE and the constraints decide races), pg::SnapshotRead for reads, so that a read of several
// statements sees one snapshot. UNAVAILABLE when the database cannot be reached
// (or a write's commit was in flight when the connection was lost: its outcome is then unknown);
// INTERNAL for a row that cannot be read back.
class PostgresStore final : public RemedyStore {
 public:
  // Brings the schema of `pool`'s database up to date (pg::Migrate under the lock
  // "redress.remedy", so replicas starting together apply each migration once), makes the
  // anonymisation issue key if the database has none yet, and keeps the pool.
  // FAILED_PRECONDITION if the database was written by a newer schema.
  static absl::StatusOr<std::unique_ptr<PostgresStore>> Connect(std::unique_ptr<pg::Pool> pool);
  // The schema, in order (postgres_store_schema.cc): the SQLite store's version numbers.
  static const std::vector<Migration>& Migrations();

  // postgres_store_recommendations.cc
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

  // postgres_store_acknowledgements.cc
  absl::StatusOr<std::string> GetIssueKey() override;
  absl::Status InsertIssueAcknowledgement(const IssueAcknowledgement& acknowledgement) override;
  absl::StatusOr<std::vector<IssueAcknowledgement>> ListIssueAcknowledgements(
      std::string_view investigation_id) override;

  // postgres_store_privacy.cc
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

  // The lease "follow-up" (pg::TryAcquireLease): one holder at a time across the replicas, by
  // the database's clock.
  absl::StatusOr<bool> AcquireFollowUpLease(std::string_view holder,
                                            absl::Duration duration) override;

 private:
  explicit PostgresStore(std::unique_ptr<pg::Pool> pool) : pool_(std::move(pool)) {}

  // Inserts a new random issue key unless the database has one
  // (postgres_store_acknowledgements.cc).
  absl::Status MakeIssueKeyOnce();

  std::unique_ptr<pg::Pool> pool_;
};

}  // namespace redress::remedy
