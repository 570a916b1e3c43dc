// The IntakeStore on PostgreSQL, for several replicas of intake sharing one database: the schema
// of postgres_store_schema.cc (the same tables as the SQLite store's, in native types), reached
// through a bounded pool (common/store/postgres/). Each method is one transaction; see
// common/store/postgres/transaction.h for what OK, ABORTED and UNAVAILABLE mean there.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/store/migration.h"
#include "common/store/postgres/pool.h"
#include "services/intake/store/store.h"

namespace redress::intake {

// Keeps the store.h contract (store_contract_test.cc runs against it), with concurrent replicas
// (reads are pg::SnapshotRead transactions, writes pg::LockingWrite ones):
// - a retried request_id arriving at two replicas at once creates one resource: the requests
//   table's primary key decides, and the loser gets ALREADY_EXISTS (the logic then answers as a
//   retry);
// - complaints' sequences are handed out in commit order (pg::NextInsertSequence), so keyset
//   paging never skips a complaint another replica is still committing;
// - ClaimOutbox claims the oldest undelivered hand-off of each complaint for one replica at a time
//   (pg::ClaimOutboxHeads).
// As on SQLite, a person with more than 4 address lines is INVALID_ARGUMENT.
//
// Thread-safe.
class PostgresStore final : public IntakeStore {
 public:
  // Brings the database of `pool` up to date (pg::Migrate; safe when replicas start together)
  // and keeps the pool. FAILED_PRECONDITION if the database was written by a newer schema;
  // UNAVAILABLE if it cannot be reached.
  static absl::StatusOr<std::unique_ptr<PostgresStore>> Connect(std::unique_ptr<pg::Pool> pool);
  // The schema, in order (postgres_store_schema.cc), with the SQLite store's version numbers.
  static const std::vector<Migration>& Migrations();
  // The SELECT ListComplaints runs for `query`: only the filters it sets appear, so that each
  // filter can use its index. Parameters: $1 after_sequence, $2 limit, then state,
  // organisation_id, received_from, received_to and owner, numbered from $3 in that order, each
  // only when set.
  static std::string ListComplaintsSql(const ComplaintQuery& query);

  absl::StatusOr<Organisation> GetOrganisation(std::string_view id) override;
  absl::StatusOr<std::vector<Organisation>> ListOrganisations(
      const OrganisationQuery& query) override;
  absl::StatusOr<int64_t> CountOrganisations() override;
  absl::Status InsertOrganisation(const Organisation& organisation,
                                  const std::optional<RequestRecord>& request) override;
  absl::Status UpdateOrganisation(const Organisation& organisation,
                                  int64_t expected_version) override;

  absl::StatusOr<Complaint> GetComplaint(std::string_view id) override;
  absl::StatusOr<std::vector<Complaint>> ListComplaints(const ComplaintQuery& query) override;
  absl::StatusOr<int64_t> InsertComplaint(const Complaint& complaint,
                                          const RequestRecord& request) override;
  absl::Status UpdateComplaint(const Complaint& complaint, int64_t expected_version,
                               const std::optional<AcceptanceHandoff>& handoff,
                               const std::optional<RequestRecord>& request) override;

  absl::StatusOr<std::vector<std::string>> FindComplaintsByEmail(
      std::string_view normalised_email) override;
  absl::StatusOr<std::optional<absl::Time>> GetErasureTime(std::string_view id) override;
  absl::Status EraseComplaint(const Complaint& erased, int64_t expected_version,
                              absl::Time erase_time) override;
  absl::StatusOr<std::vector<std::string>> ListErasableComplaints(absl::Time closed_before,
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

}  // namespace redress::intake
