// An in-memory InvestigationStore for logic tests. It keeps the whole store.h contract (every
// evidence item and comment kept, a read returning the most recent; a list an update does not name
// kept as it was, so a change that forgets one shows) and adds hooks to inject failures and to
// observe the writes a test caused.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/testing/fake_audit_log.h"
#include "common/testing/fake_outbox_parking.h"
#include "common/testing/fake_store_hooks.h"
#include "services/investigation/store/store.h"

namespace redress::investigation {

// Thread-safe: every method takes one mutex, so each write is atomic. Nothing is durable beyond
// the object's life. For FakeStoreHooks (FailNextWrite, FailReads, RunBeforeNextWrite,
// write_calls, successful_writes) the write methods are Insert*, Update*, EraseInvestigation,
// MarkDelivered, RecordFailedAttempt, ParkOutboxEntry, RedriveOutboxEntry and DiscardOutboxEntry;
// the read methods Get*, List* (ListAuditEntries included), Claim*, Count*, Find*.
class FakeStore final : public InvestigationStore, public ::redress::testing::FakeStoreHooks {
 public:
  FakeStore() = default;
  FakeStore(const FakeStore&) = delete;
  FakeStore& operator=(const FakeStore&) = delete;

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

  // The outbox (fake_store_outbox.cc).
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

  // --- Test hooks. ---

  // How many investigations are stored.
  int investigation_count() const;
  // A snapshot of every outbox entry, delivered or not, in id order.
  std::vector<OutboxEntry> outbox() const;

 private:
  void RecordRequestLocked(const RequestRecord& request) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool RequestExistsLocked(const RequestRecord& request) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Appends the audit entry of an operator's change (`what`) of hand-off `outbox_id`.
  void AppendHandoffAuditLocked(int64_t outbox_id, const std::string& request_id,
                                std::string_view what) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool HandoffKeyTakenLocked(std::string_view handoff_key) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Appends the audit entries of a write of `written` over `before` (as kept): the
  // investigation's, its version and update time standing in for the digest of its rows (every
  // write sets a new version), then each evidence item's and comment's it adds, its text standing
  // in for its row.
  void AppendAuditLocked(const Investigation& before, const Investigation& written,
                         const std::string& request_id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // `written` over `kept` as the store keeps it: every evidence item and comment (those kept and
  // those `written` adds), `written`'s other fields, and of its bounded lists those `lists` names
  // (the others as kept). INTERNAL as AppendedEntries.
  absl::StatusOr<Investigation> MergeLocked(const Investigation& kept, const Investigation& written,
                                            ListsToWrite lists) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Items after..after+limit of the list `items` reads from the investigation `id`.
  template <typename T>
  absl::StatusOr<std::vector<T>> PageLocked(std::string_view id, int after, int limit,
                                            const std::vector<T>& (*items)(const Investigation&))
      const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::map<std::string, Investigation, std::less<>> investigations_ ABSL_GUARDED_BY(mu_);
  std::map<int64_t, std::string> ids_by_sequence_ ABSL_GUARDED_BY(mu_);
  int64_t last_sequence_ ABSL_GUARDED_BY(mu_) = 0;
  std::map<std::pair<std::string, std::string>, RequestRecord, std::less<>> requests_
      ABSL_GUARDED_BY(mu_);
  std::map<::redress::testing::FakeRequestKey, absl::Time> request_times_ ABSL_GUARDED_BY(mu_);
  std::map<int64_t, OutboxEntry> outbox_ ABSL_GUARDED_BY(mu_);
  int64_t last_outbox_id_ ABSL_GUARDED_BY(mu_) = 0;
  std::map<std::string, absl::Time, std::less<>> erase_times_ ABSL_GUARDED_BY(mu_);
  ::redress::testing::FakeAuditLog audit_log_ ABSL_GUARDED_BY(mu_);
};

}  // namespace redress::investigation
