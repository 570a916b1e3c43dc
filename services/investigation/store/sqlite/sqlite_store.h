// The embedded InvestigationStore: one SQLite file (WAL, commits synced before they return) with
// the relational schema of sqlite_store_schema.cc. An investigation is one `investigations` row
// plus child rows for its lists; the outbox holds each decision's DecisionIssuedEvent.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/store/sqlite/sqlite.h"
#include "services/investigation/store/store.h"

namespace redress::investigation {

// Keeps the store.h contract (see store_contract_test.cc).
//
// Thread-safe: one connection, used by one call at a time (SqliteDb's lock); every write method
// is one IMMEDIATE transaction. UNAVAILABLE when another process holds the file's write lock
// past the busy timeout.
class SqliteStore final : public InvestigationStore {
 public:
  // Opens or creates the database at `path` and brings its schema up to date.
  // FAILED_PRECONDITION if the file was written by a newer schema.
  // `options` as SqliteDb::Open takes them (e.g. the process's write health).
  static absl::StatusOr<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                           const SqliteOptions& options = {});
  // The schema, in order (sqlite_store_schema.cc).
  static const std::vector<Migration>& Migrations();
  // The SELECT ListInvestigations runs for `query`: only the filters it sets appear, so that
  // each filter can use its index (a target-date range alone is read through its index, named
  // with INDEXED BY). Parameters: ?1 after_sequence, ?2 state, ?3 caseworker,
  // ?4 organisation, ?5 target_date_from, ?6 target_date_to, ?7 limit.
  static std::string ListInvestigationsSql(const InvestigationQuery& query);

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

  // How many rows this store's writes have inserted, updated or deleted since it opened (SQLite's
  // total_changes() of its writing connection; the schema's own statements included); -1 if it
  // cannot be read. For tests that show what a change writes.
  int64_t RowsWritten();

 private:
  explicit SqliteStore(std::unique_ptr<SqliteDb> db) : db_(std::move(db)) {}

  std::unique_ptr<SqliteDb> db_;
};

}  // namespace redress::investigation
