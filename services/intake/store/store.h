// The storage interface intake's logic needs. Implementations: SqliteStore (sqlite_store.h) and
// FakeStore (fake_store.h, for logic tests); every one passes store_contract_test.cc.
//
// Contract for every implementation:
// - Thread-safe. Each write method is one atomic transaction: all or nothing, and durable when it
//   returns OK.
// - Optimistic concurrency: an update names the version it was computed from; if the stored
//   version differs the write changes nothing and returns ABORTED. The caller sets the new version.
// - NOT_FOUND for a missing resource; ALREADY_EXISTS for an insert whose id, or whose request
//   record's (scope, request_id), is taken. Other failures are INTERNAL or UNAVAILABLE.
// - Check order when several apply: NOT_FOUND, then ABORTED, then ALREADY_EXISTS.
// - Audit log (docs/audit.md): every write method but MarkDelivered, RecordFailedAttempt and
//   ParkOutboxEntry appends, in its own transaction, one entry for the organisation, complaint or
//   hand-off ("handoffs/<outbox id>", digesting the outbox row) it changes,
//   naming the thread's audit::CurrentAuditCall (fallback audit::SystemAuditCall("intake")) and,
//   where it records one, the request's request_id. A write that fails appends nothing.
// - A list returns at most `limit` (a limit <= 0 returns nothing). Times are kept to the
//   microsecond.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/audit/audit_entry.h"
#include "common/outbox.h"
#include "services/intake/complaint.h"
#include "services/intake/organisation.h"

namespace redress::intake {

struct OrganisationQuery {
  std::string after_id;  // exclusive; "" from the start. Ordered by id.
  int limit = 100;
  std::optional<bool> in_remit;
  std::optional<Jurisdiction> jurisdiction;
};

struct ComplaintQuery {
  int64_t after_sequence = 0;  // exclusive. Ordered by sequence.
  int limit = 50;
  std::optional<ComplaintState> state;
  std::optional<std::string> organisation_id;   // complaints naming this organisation
  std::optional<absl::CivilDay> received_from;  // inclusive
  std::optional<absl::CivilDay> received_to;    // inclusive
  std::optional<std::string> owner;             // complaints whose owner is exactly this
};

class IntakeStore {
 public:
  virtual ~IntakeStore() = default;

  // Organisations.
  virtual absl::StatusOr<Organisation> GetOrganisation(std::string_view id) = 0;
  virtual absl::StatusOr<std::vector<Organisation>> ListOrganisations(
      const OrganisationQuery& query) = 0;
  virtual absl::StatusOr<int64_t> CountOrganisations() = 0;
  // Inserts `organisation` and, when given, the request record, atomically.
  virtual absl::Status InsertOrganisation(const Organisation& organisation,
                                          const std::optional<RequestRecord>& request) = 0;
  // Replaces the stored organisation if its version is `expected_version`.
  virtual absl::Status UpdateOrganisation(const Organisation& organisation,
                                          int64_t expected_version) = 0;

  // Complaints. Returned complaints have `sequence` set.
  virtual absl::StatusOr<Complaint> GetComplaint(std::string_view id) = 0;
  virtual absl::StatusOr<std::vector<Complaint>> ListComplaints(const ComplaintQuery& query) = 0;
  // Inserts `complaint` (assigning its sequence) and the request record, atomically. Returns the
  // sequence assigned.
  virtual absl::StatusOr<int64_t> InsertComplaint(const Complaint& complaint,
                                                  const RequestRecord& request) = 0;
  // Replaces the stored complaint if its version is `expected_version`, and in the same
  // transaction appends `handoff` to the outbox and stores `request`, when given. ALREADY_EXISTS
  // (and nothing written) if the handoff key is already in the outbox.
  virtual absl::Status UpdateComplaint(const Complaint& complaint, int64_t expected_version,
                                       const std::optional<AcceptanceHandoff>& handoff,
                                       const std::optional<RequestRecord>& request) = 0;

  // Personal data (docs/privacy.md).
  // The ids of the complaints on which some person's email, lower-cased as NormaliseEmail does,
  // is `normalised_email`, in sequence order.
  virtual absl::StatusOr<std::vector<std::string>> FindComplaintsByEmail(
      std::string_view normalised_email) = 0;
  // When the complaint's personal data was erased; nullopt if it has not been. NOT_FOUND for an
  // unknown complaint.
  virtual absl::StatusOr<std::optional<absl::Time>> GetErasureTime(std::string_view id) = 0;
  // Erasure, in one transaction: replaces the stored complaint with `erased` (ErasedComplaint of
  // it) if its version is `expected_version`, rewrites each of its outbox entries' hand-offs as
  // ErasedHandoff, records `erase_time`, and appends the audit entry. Errors in order: NOT_FOUND,
  // ABORTED (version), FAILED_PRECONDITION (reason HANDOFF_PENDING) if one of its hand-offs is
  // neither delivered nor discarded (a parked one too), ALREADY_EXISTS if it was erased before;
  // each writes nothing.
  virtual absl::Status EraseComplaint(const Complaint& erased, int64_t expected_version,
                                      absl::Time erase_time) = 0;
  // Retention: ids of complaints not erased whose state is ACCEPTED or CLOSED and whose
  // update_time is before `closed_before`, in sequence order, at most `limit`.
  virtual absl::StatusOr<std::vector<std::string>> ListErasableComplaints(absl::Time closed_before,
                                                                          int limit) = 0;

  // The audit log's entries with sequence > `after_sequence`, in sequence order, at most
  // `limit`, as stored (unverified: audit::VerifyAuditChain checks them).
  virtual absl::StatusOr<std::vector<audit::AuditEntry>> ListAuditEntries(int64_t after_sequence,
                                                                          int limit) = 0;

  // Idempotency records.
  virtual absl::StatusOr<std::optional<RequestRecord>> FindRequest(std::string_view scope,
                                                                   std::string_view request_id) = 0;
  // As FindRequest, but it may miss a record whose transaction has not committed yet. SqliteStore
  // reads it on a reader connection, so the lookup neither waits for nor ends a batch of
  // group-committed writes (common/store/sqlite/sqlite.h); FindRequest, on the writing
  // connection, commits the open batch first. Only for the fast path of a retry ahead of a write
  // that checks the request record itself: a miss then costs no more than the write's check.
  virtual absl::StatusOr<std::optional<RequestRecord>> FindCommittedRequest(
      std::string_view scope, std::string_view request_id) {
    return FindRequest(scope, request_id);
  }

  // Outbox, in id order: every entry, or the pending ones only. An entry's create_time is its
  // hand-off's accept_time.
  virtual absl::StatusOr<std::vector<OutboxEntry>> ListOutbox(bool include_delivered,
                                                              int limit) = 0;
  // The pending entries this replica may deliver now, in id order, at most `limit`: none held
  // behind a parked entry of its order key (docs/reliability.md), so that however many entries
  // are parked, the other keys' entries are read. Where several replicas share the store
  // (PostgreSQL), each entry returned is claimed for `claimant` (a replica's unique name,
  // ReplicaName()) for `lease`, so no other replica delivers it at the same time, and only the
  // oldest pending entry of each order key is returned, so per-key order holds across replicas
  // (common/store/postgres/outbox.h). A store only one process uses ignores claimant and lease.
  virtual absl::StatusOr<std::vector<OutboxEntry>> ClaimOutbox(std::string_view claimant,
                                                               absl::Duration lease, int limit) = 0;
  // Records delivery at `when` and counts the attempt. NOT_FOUND for an unknown id; marking an
  // entry already delivered is OK and changes nothing (a redelivery after a lost reply).
  virtual absl::Status MarkDelivered(int64_t outbox_id, absl::Time when) = 0;
  // Records a failed delivery attempt at `when`: counts it and keeps `when` and `error` as the
  // entry's last attempt and last error. NOT_FOUND for an unknown id; for an entry already
  // delivered it is OK and changes nothing (a late report of an attempt that raced a delivery).
  virtual absl::Status RecordFailedAttempt(int64_t outbox_id, absl::Time when,
                                           std::string error) = 0;

  // Parked hand-offs (docs/reliability.md). An entry is pending while it is neither delivered,
  // parked nor discarded; ListOutbox(false, ...) lists the pending ones.
  // Parks pending entry `outbox_id` at `when` for `reason`, keeping `error` as its last error.
  // OK and no change for an entry not pending; NOT_FOUND for an unknown id. Not audited: it is the
  // sender's bookkeeping, like a failed attempt.
  virtual absl::Status ParkOutboxEntry(int64_t outbox_id, absl::Time when, ParkReason reason,
                                       std::string error) = 0;
  virtual absl::StatusOr<int64_t> CountParkedOutbox() = 0;
  // Parked entries with id > `after_id`, in id order, at most `limit`.
  virtual absl::StatusOr<std::vector<OutboxEntry>> ListParkedOutbox(int64_t after_id,
                                                                    int limit) = 0;
  // Any entry, whatever its state. NOT_FOUND ("handoffs/{id}") for an unknown id.
  virtual absl::StatusOr<OutboxEntry> GetOutboxEntry(int64_t outbox_id) = 0;
  // Re-drive, in one transaction: makes parked entry `outbox_id` pending again in its place (its
  // id, so its order key's later entries still follow it), its attempts counted afresh; stores
  // `request`; appends the audit entry of "handoffs/{id}". Errors in order: NOT_FOUND,
  // FAILED_PRECONDITION (INVALID_STATE_TRANSITION) unless parked, ALREADY_EXISTS if the request's
  // key is taken; each writes nothing.
  virtual absl::Status RedriveOutboxEntry(int64_t outbox_id, const RequestRecord& request) = 0;
  // Discard, as RedriveOutboxEntry: parked entry `outbox_id` is never sent; it records
  // `discard`, and no longer holds back its order key's later entries.
  virtual absl::Status DiscardOutboxEntry(int64_t outbox_id, const OutboxDiscard& discard,
                                          const RequestRecord& request) = 0;

  // Growth (docs/reliability.md): the housekeeping job's deletes, each at most `limit` rows,
  // oldest first, returning how many. Idempotency records made before `created_before` (a retry
  // after that is taken as a new request).
  virtual absl::StatusOr<int64_t> PruneRequests(absl::Time created_before, int limit) = 0;
  // Outbox entries delivered or discarded before `finished_before`; never a pending or parked one.
  virtual absl::StatusOr<int64_t> PruneOutbox(absl::Time finished_before, int limit) = 0;
};

}  // namespace redress::intake
