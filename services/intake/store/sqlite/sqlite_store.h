// The embedded IntakeStore: one SQLite file (WAL, commits synced before they return) with the
// schema of sqlite_store_schema.cc. The people on a complaint and their personal details are held
// in their own table, apart from the complaint's narrative and state.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/store/sqlite/sqlite.h"
#include "services/intake/store/store.h"

namespace redress::intake {

// Keeps the store.h contract (see store_contract_test.cc). In addition, writing a person with
// more than 4 address lines (the most the API accepts) is INVALID_ARGUMENT, not a silent loss.
//
// Thread-safe: one connection, used by one call at a time (SqliteDb's lock); every write method
// is one IMMEDIATE transaction. UNAVAILABLE when another process holds the file's write lock
// past the busy timeout.
class SqliteStore final : public IntakeStore {
 public:
  // Opens or creates the database at `path` and brings its schema up to date.
  // FAILED_PRECONDITION if the file was written by a newer schema.
  // `options` as SqliteDb::Open takes them (e.g. the process's write health).
  static absl::StatusOr<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                           const SqliteOptions& options = {});
  // The schema, in order (sqlite_store_schema.cc).
  static const std::vector<Migration>& Migrations();
  // The SELECT ListComplaints runs for `query`: only the filters it sets appear, so that each
  // filter can use its index. Parameters: ?1 after_sequence, ?2 state, ?3 organisation_id,
  // ?4 received_from, ?5 received_to, ?6 limit, ?7 owner.
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
  absl::StatusOr<std::optional<RequestRecord>> FindCommittedRequest(
      std::string_view scope, std::string_view request_id) override;

  // The outbox (sqlite_store_outbox.cc).
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
  explicit SqliteStore(std::unique_ptr<SqliteDb> db) : db_(std::move(db)) {}

  std::unique_ptr<SqliteDb> db_;
};

}  // namespace redress::intake
