// An in-memory IntakeStore for logic tests. It keeps the whole store.h contract (it runs in
// store_contract_test.cc beside SqliteStore) and adds hooks to inject failures and to observe the
// writes a test caused.
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
#include "services/intake/store/store.h"

namespace redress::intake {

// Thread-safe: every method takes one mutex, so each write is atomic. Nothing is durable beyond
// the object's life. For FakeStoreHooks (FailNextWrite, FailReads, RunBeforeNextWrite,
// write_calls, successful_writes) the write methods are Insert*, Update*, EraseComplaint,
// MarkDelivered, RecordFailedAttempt, ParkOutboxEntry, RedriveOutboxEntry and DiscardOutboxEntry;
// the read methods Get*, List*, Claim*, Count*, Find*.
class FakeStore final : public IntakeStore, public ::redress::testing::FakeStoreHooks {
 public:
  FakeStore() = default;
  FakeStore(const FakeStore&) = delete;
  FakeStore& operator=(const FakeStore&) = delete;

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

  // A snapshot of every outbox entry, delivered or not, in id order.
  std::vector<OutboxEntry> outbox() const;

 private:
  void RecordRequestLocked(const RequestRecord& request) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool RequestExistsLocked(const RequestRecord& request) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool HandoffKeyTakenLocked(std::string_view handoff_key) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Appends the audit entry of a change of `resource` to the state `state` (any text that
  // stands for it).
  void AppendAuditLocked(std::string resource, std::string request_id, std::string_view state)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::map<std::string, Organisation, std::less<>> organisations_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, Complaint, std::less<>> complaints_ ABSL_GUARDED_BY(mu_);
  std::map<int64_t, std::string> complaint_ids_by_sequence_ ABSL_GUARDED_BY(mu_);
  int64_t last_sequence_ ABSL_GUARDED_BY(mu_) = 0;
  std::map<std::pair<std::string, std::string>, RequestRecord, std::less<>> requests_
      ABSL_GUARDED_BY(mu_);
  std::map<::redress::testing::FakeRequestKey, absl::Time> request_times_ ABSL_GUARDED_BY(mu_);
  std::map<int64_t, OutboxEntry> outbox_ ABSL_GUARDED_BY(mu_);
  int64_t last_outbox_id_ ABSL_GUARDED_BY(mu_) = 0;
  std::map<std::string, absl::Time, std::less<>> erase_times_ ABSL_GUARDED_BY(mu_);
  ::redress::testing::FakeAuditLog audit_log_ ABSL_GUARDED_BY(mu_);
};

}  // namespace redress::intake
