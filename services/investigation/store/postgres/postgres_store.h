// The scale-out InvestigationStore: PostgreSQL 15 (through the shared layer in
// common/store/postgres/), shared by any number of replicas of the service. The schema mirrors the
// SQLite store's (postgres_store_schema.cc): an investigation is one `investigations` row plus
// child rows for its lists; the outbox is the shared layer's table, claimed by replicas.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/store/migration.h"
#include "common/store/postgres/pool.h"
#include "services/investigation/store/store.h"

namespace redress::investigation {

// Keeps the store.h contract (see store_contract_test.cc) with several processes on one database:
// - every write is one pg::LockingWrite transaction (READ COMMITTED: the versioned UPDATE's row
//   lock and the constraints decide races); a write that records a request record is re-run when a
//   concurrent transaction took the same (scope, request_id), so a retried request creates one
//   investigation whichever replicas receive it;
// - `sequence` values come from pg::NextInsertSequence, so they follow commit order and paging by
//   after_sequence misses no row another replica commits meanwhile;
// - reads are one REPEATABLE READ snapshot each;
// - ClaimOutbox claims entries per replica (pg::ClaimOutboxHeads), ordered per investigation.
//
// Thread-safe (the pool hands each call its own connection). UNAVAILABLE when the database cannot
// be reached or no connection is free in time. Error messages never quote SQL or stored values.
class PostgresStore final : public InvestigationStore {
 public:
  // Applies Migrations() to the database of `pool` (safely when replicas start at once) and keeps
  // the pool. FAILED_PRECONDITION if the database was written by a newer schema.
  static absl::StatusOr<std::unique_ptr<PostgresStore>> Connect(std::unique_ptr<pg::Pool> pool);
  // The schema, in order, with the SQLite store's version numbers (postgres_store_schema.cc).
  static const std::vector<Migration>& Migrations();

  absl::StatusOr<Investigation> GetInvestigation(std::string_view id) override;
  absl::StatusOr<std::vector<Investigation>> ListInvestigations(
      const InvestigationQuery& query) override;
  absl::StatusOr<int64_t> InsertInvestigation(const Investigation& investigation,
                                              const RequestRecord& request) override;
  using InvestigationStore::UpdateInvestigation;
  absl::Status UpdateInvestigation(const Investigation& investigation, int64_t expected_version,
                                   const std::optional<Handoff>& handoff,
                                   const std::optional<RequestRecord>& request,
                                   ListsToWrite lists) override;
  absl::StatusOr<std::vector<EvidenceItem>> ListEvidence(std::string_view id, int after,
                                                         int limit) override;
  absl::StatusOr<std::vector<Comment>> ListComments(std::string_view id, int after,
                                                    int limit) override;

  absl::StatusOr<std::vector<std::string>> FindInvestigationsByComplaint(
      std::string_view complaint) override;
  absl::StatusOr<std::optional<absl::Time>> GetErasureTime(std::string_view id) override;
  absl::Status EraseInvestigation(const Investigation& erased, int64_t expected_version,
                                  absl::Time erase_time) override;
  absl::StatusOr<std::vector<std::string>> ListErasableInvestigations(absl::Time closed_before,
                                                                      int limit) override;

  absl::StatusOr<std::vector<audit::AuditEntry>> ListAuditEntries(int64_t after_sequence,
                                                                  int limit) override;

  absl::StatusOr<std::optional<RequestRecord>> FindRequest(std::string_view scope,
                                                           std::string_view request_id) override;

  // The outbox (postgres_store_outbox.cc).
  absl::StatusOr<std::vector<OutboxEntry>> ListOutbox(bool include_delivered, int limit) override;
  absl::StatusOr<std::vector<OutboxEntry>> ClaimOutbox(std::string_view claimant,
                                                       absl::Duration lease, int limit) override;
  absl::Status MarkDelivered(int64_t outbox_id, absl::Time when) override;
  absl::Status RecordFailedAttempt(int64_t outbox_id, absl::Time when, std::string error) override;
  absl::Status ParkOutboxEntry(int64_t outbox_id, absl::Time when, ParkReason reason,
                               std::string error) override;
  absl::StatusOr<int64_t> CountParkedOutbox() override;
  absl::StatusOr<std::vector<OutboxEntry>> ListParkedOutbox(int64_t after_id, int limit) override;
  absl::StatusOr<OutboxEntry> GetOutboxEntry(int64_t outbox_id) override;
  absl::Status RedriveOutboxEntry(int64_t outbox_id, const RequestRecord& request) override;
  absl::Status DiscardOutboxEntry(int64_t outbox_id, const OutboxDiscard& discard,
                                  const RequestRecord& request) override;
  absl::StatusOr<int64_t> PruneRequests(absl::Time created_before, int limit) override;
  absl::StatusOr<int64_t> PruneOutbox(absl::Time finished_before, int limit) override;

 private:
  explicit PostgresStore(std::unique_ptr<pg::Pool> pool) : pool_(std::move(pool)) {}

  std::unique_ptr<pg::Pool> pool_;
};

}  // namespace redress::investigation
