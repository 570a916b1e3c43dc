// The storage interface investigation's logic needs. Implementations: SqliteStore, PostgresStore
// (postgres/, for several replicas on one database) and FakeStore (fake_store.h, for logic tests);
// every one passes the store contract tests.
//
// Contract for every implementation:
// - Thread-safe. Each write method is one atomic transaction: all or nothing, and durable when it
//   returns OK.
// - Optimistic concurrency: an update names the version it was computed from; if the stored
//   version differs the write changes nothing and returns ABORTED. The caller sets the new version.
// - NOT_FOUND for a missing resource; ALREADY_EXISTS for an insert whose id, or whose request
//   record's (scope, request_id), is taken, and for an update whose handoff key is already in the
//   outbox or whose request record's (scope, request_id) is taken. Other failures are INTERNAL or
//   UNAVAILABLE.
// - Check order when several apply: NOT_FOUND, then ABORTED, then ALREADY_EXISTS.
// - Every field of Investigation round-trips, including Hold::resume_state and the view's
//   commenters (not in the proto), except that a read returns only the most recent evidence and
//   comments (KeepRecentEntries, case_limits.h). Times are kept to the microsecond.
// - Evidence and comments are append-only, and a write costs the same however many an
//   investigation has: InsertInvestigation and UpdateInvestigation write only the items numbered
//   past those stored (an investigation's `evidence` are items evidence_count - evidence.size() + 1
//   .. evidence_count, its comments likewise with comment_count), never rewrite a stored one, and
//   INTERNAL if a count goes down or an item numbered past the stored ones is missing. Only
//   EraseInvestigation changes stored items. ListEvidence and ListComments page through them.
// - A list returns at most `limit` (a limit <= 0 returns nothing).
// - Audit log (docs/audit.md): InsertInvestigation and UpdateInvestigation append, in their own
//   transaction, one entry for the investigation they change ("investigations/<id>", digesting its
//   row and its child rows but evidence and comments), then one for each evidence item and
//   comment they add ("investigations/<id>/evidence/e7", "investigations/<id>/comments/c2",
//   digesting its row), in order, each naming the thread's audit::CurrentAuditCall (fallback
//   audit::SystemAuditCall("investigation")) and the request's request_id when one is recorded.
//   EraseInvestigation appends the investigation's entry the same way (its digest includes the
//   erasure record), then one for each evidence item and comment whose text it erased. A write
//   that fails appends nothing; the outbox's bookkeeping (ClaimOutbox, MarkDelivered,
//   RecordFailedAttempt, ParkOutboxEntry) appends nothing. RedriveOutboxEntry and
//   DiscardOutboxEntry append one entry for "handoffs/<outbox id>", digesting the outbox row.
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
#include "services/investigation/investigation.h"

namespace redress::investigation {

// Every condition set must hold.
struct InvestigationQuery {
  int64_t after_sequence = 0;  // exclusive. Ordered by sequence.
  int limit = 50;
  std::optional<InvestigationState> state;
  std::optional<std::string> caseworker;  // exact match
  // "organisations/{organisation}": investigations with it among organisations_investigated.
  std::optional<std::string> organisation;
  // Investigations with a scope whose target_date is within [target_date_from, target_date_to]
  // (each inclusive, each optional). Either set excludes investigations without a scope.
  std::optional<absl::CivilDay> target_date_from;
  std::optional<absl::CivilDay> target_date_to;
  std::optional<std::string> owner;  // exact match of Investigation::owner
  // "complaints/{complaint}": the investigations of that complaint (its snapshot's `complaint`).
  std::optional<std::string> complaint;
};

// An investigation's lists other than evidence and comments, each of bounded length (by the
// validation and the caps of case_limits.h) and kept by a store as a whole.
enum class BoundedList : uint32_t {
  kSnapshotOrganisations = 1u << 0,
  kPoints = 1u << 1,
  kHolds = 1u << 2,
  kHandlingFindings = 1u << 3,
  kComplaintTypes = 1u << 4,
  kOrganisations = 1u << 5,
  kNarrative = 1u << 6,
  kRecommendations = 1u << 7,
  kCommenters = 1u << 8,  // the provisional view's
  kPreviousDecisions = 1u << 9,
  kReviews = 1u << 10,
};

// A set of BoundedList: the lists an update rewrites.
class ListsToWrite {
 public:
  static constexpr ListsToWrite None() { return ListsToWrite(0); }
  static constexpr ListsToWrite All() { return ListsToWrite((1u << 11) - 1); }
  constexpr ListsToWrite& Add(BoundedList list) {
    bits_ |= static_cast<uint32_t>(list);
    return *this;
  }
  constexpr bool Has(BoundedList list) const { return (bits_ & static_cast<uint32_t>(list)) != 0; }
  constexpr bool operator==(const ListsToWrite& other) const { return bits_ == other.bits_; }

 private:
  constexpr explicit ListsToWrite(uint32_t bits) : bits_(bits) {}
  uint32_t bits_;
};

// The methods whose idempotency records are hand-off keys another service delivers with
// (OpenInvestigation: intake's acceptances). PruneRequests keeps them for good: a hand-off may be
// delivered again however late (a re-drive of a parked one), and its key is then all that tells
// the redelivery from a new case. One per accepted complaint, like the investigation itself.
inline const std::vector<std::string>& HandoffRequestMethods() {
  static const auto* const kMethods = new std::vector<std::string>{"OpenInvestigation"};
  return *kMethods;
}

class InvestigationStore {
 public:
  virtual ~InvestigationStore() = default;

  // Returned investigations have `sequence` set.
  virtual absl::StatusOr<Investigation> GetInvestigation(std::string_view id) = 0;
  virtual absl::StatusOr<std::vector<Investigation>> ListInvestigations(
      const InvestigationQuery& query) = 0;
  // Inserts `investigation` (assigning its sequence) and the request record, atomically. Returns
  // the sequence assigned.
  virtual absl::StatusOr<int64_t> InsertInvestigation(const Investigation& investigation,
                                                      const RequestRecord& request) = 0;
  // Writes `investigation` if the stored version is `expected_version`: its row, the lists of
  // `lists` (each replaced as a whole; the others stay as stored, so name every one that changed)
  // and the evidence and comments it adds (above). In the same transaction appends `handoff` (of
  // any kind) to the outbox and stores `request`, when given. ALREADY_EXISTS (and nothing written)
  // if the handoff key is already in the outbox or the request record's (scope, request_id) is
  // taken.
  virtual absl::Status UpdateInvestigation(const Investigation& investigation,
                                           int64_t expected_version,
                                           const std::optional<Handoff>& handoff,
                                           const std::optional<RequestRecord>& request,
                                           ListsToWrite lists) = 0;
  // The same, rewriting every list.
  absl::Status UpdateInvestigation(const Investigation& investigation, int64_t expected_version,
                                   const std::optional<Handoff>& handoff,
                                   const std::optional<RequestRecord>& request) {
    return UpdateInvestigation(investigation, expected_version, handoff, request,
                               ListsToWrite::All());
  }

  // The evidence of the investigation `id` numbered after `after` (0 = from e1), in the order
  // logged, at most `limit`; the comments likewise. NOT_FOUND for an unknown investigation.
  virtual absl::StatusOr<std::vector<EvidenceItem>> ListEvidence(std::string_view id, int after,
                                                                 int limit) = 0;
  virtual absl::StatusOr<std::vector<Comment>> ListComments(std::string_view id, int after,
                                                            int limit) = 0;

  // Personal data (docs/privacy.md).
  // The ids of the investigations opened from `complaint` ("complaints/{complaint}", as the
  // snapshot names it), in sequence order.
  virtual absl::StatusOr<std::vector<std::string>> FindInvestigationsByComplaint(
      std::string_view complaint) = 0;
  // When the investigation's personal data was erased; nullopt if it has not been. NOT_FOUND for
  // an unknown investigation.
  virtual absl::StatusOr<std::optional<absl::Time>> GetErasureTime(std::string_view id) = 0;
  // Erasure, in one transaction: replaces the stored investigation with `erased`
  // (ErasedInvestigation of it; every list rewritten) if its version is `expected_version`, erases
  // the text of every evidence item's description and comment's text stored, whether `erased`
  // carries it or not (kErasedText where not empty, as ErasedInvestigation), rewrites each of its
  // outbox entries' hand-offs as ErasedHandoff, records `erase_time`, and appends the audit
  // entries.
  // Errors in order: NOT_FOUND, ABORTED (version), FAILED_PRECONDITION (reason HANDOFF_PENDING)
  // if one of its hand-offs is neither delivered nor discarded, ALREADY_EXISTS if it was erased
  // before; each writes nothing.
  virtual absl::Status EraseInvestigation(const Investigation& erased, int64_t expected_version,
                                          absl::Time erase_time) = 0;
  // Retention: ids of investigations not erased whose state is DECIDED, WITHDRAWN or
  // DISCONTINUED and whose update_time is before `closed_before`, in sequence order, at most
  // `limit`.
  virtual absl::StatusOr<std::vector<std::string>> ListErasableInvestigations(
      absl::Time closed_before, int limit) = 0;

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

  // Outbox, in id order: every entry, or the pending ones only. An entry's create_time is
  // HandoffTime(handoff); its handoff round-trips whatever its kind.
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
  // after that is taken as a new request), except those of OpenInvestigation: the
  // hand-off keys of intake's acceptances, which must outlive any redelivery
  // (HandoffRequestMethods).
  virtual absl::StatusOr<int64_t> PruneRequests(absl::Time created_before, int limit) = 0;
  // Outbox entries delivered or discarded before `finished_before`; never a pending or parked one.
  virtual absl::StatusOr<int64_t> PruneOutbox(absl::Time finished_before, int limit) = 0;
};

}  // namespace redress::investigation
