// The storage interface remedy's logic needs. Implementations: SqliteStore, PostgresStore (for
// replicas sharing one database) and FakeStore (fake_store.h, for logic tests); every one passes
// the store contract tests (store_contract_test.cc).
//
// Contract for every implementation:
// - Thread-safe. Each write method is one atomic transaction: all or nothing, and durable when it
//   returns OK.
// - Optimistic concurrency: an update names the version it was computed from; if the stored
//   version differs the write changes nothing and returns ABORTED. The caller sets the new version.
// - NOT_FOUND for a missing resource; ALREADY_EXISTS for an insert whose key is taken.
//   Check order when several apply: NOT_FOUND, then ABORTED, then ALREADY_EXISTS.
// - Every field of Recommendation (its history included), DecisionReceipt, CaseSummary and
//   IssueAcknowledgement round-trips. Times are kept to the microsecond.
// - A list returns at most `limit` (a limit <= 0 returns nothing), ordered by sequence.
// - Audit log (docs/audit.md): every write appends, in its own transaction, one entry per
//   resource it changes (audit_resources.h), naming the thread's audit::CurrentAuditCall
//   (fallback audit::SystemAuditCall("remedy")): ReceiveHandoff one for the receipt, then one per
//   created and per changed recommendation, in that order; UpdateRecommendation one for the
//   recommendation; InsertCaseSummary one for the case summary; InsertIssueAcknowledgement one
//   for the acknowledgement; EraseCase as it says below. Remedy keeps no request records, so
//   request_id is "". A write that fails appends nothing; AcquireFollowUpLease (bookkeeping)
//   appends nothing.
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
#include "services/remedy/anonymisation_issue.h"
#include "services/remedy/recommendation.h"

namespace redress::remedy {

// Every condition set must hold.
struct RecommendationQuery {
  int64_t after_sequence = 0;  // exclusive
  int limit = 50;
  std::vector<RecommendationState> states;  // any of these; empty = any state
  std::optional<std::string> organisation_id;
  std::optional<std::string> investigation_id;
  std::optional<std::string> owner;  // exact match of Recommendation::owner
  // target_date within [target_date_from, target_date_to], each inclusive, each optional.
  std::optional<absl::CivilDay> target_date_from;
  std::optional<absl::CivilDay> target_date_to;
};

class RemedyStore {
 public:
  virtual ~RemedyStore() = default;

  // Returned recommendations have `sequence` set.
  virtual absl::StatusOr<Recommendation> GetRecommendation(std::string_view id) = 0;
  virtual absl::StatusOr<std::vector<Recommendation>> ListRecommendations(
      const RecommendationQuery& query) = 0;
  // How many recommendations ListRecommendations(query) would return (so at most query.limit),
  // counted without reading them.
  virtual absl::StatusOr<int64_t> CountRecommendations(const RecommendationQuery& query) = 0;

  // A hand-off from investigation (a decision, a reopening, an investigation's end), in one
  // transaction: stores `receipt`, inserts `created` (assigning sequences in order) and replaces
  // each of `changed` whose stored version is its version - 1 (ABORTED, nothing written,
  // otherwise). ALREADY_EXISTS (nothing written) if the receipt's handoff_key or a created id is
  // taken. Last, FAILED_PRECONDITION (reason ERASED, nothing written) if the hand-off creates or
  // changes a recommendation of a case erased before (EraseCase): decided in the transaction, so
  // that no recommendation joins a case erased concurrently.
  virtual absl::Status ReceiveHandoff(const DecisionReceipt& receipt,
                                      const std::vector<Recommendation>& created,
                                      const std::vector<Recommendation>& changed) = 0;
  // The receipt of any hand-off, by its key.
  virtual absl::StatusOr<std::optional<DecisionReceipt>> FindDecisionReceipt(
      std::string_view handoff_key) = 0;

  // Replaces the stored recommendation if its version is `expected_version`.
  virtual absl::Status UpdateRecommendation(const Recommendation& recommendation,
                                            int64_t expected_version) = 0;

  // Case summaries. `version` 0 gets the latest; NOT_FOUND when none is published.
  virtual absl::StatusOr<CaseSummary> GetCaseSummary(std::string_view investigation_id,
                                                     int version) = 0;
  // Inserts a published version. ALREADY_EXISTS if (investigation_id, version) is taken.
  // REQUIRES: summary.version >= 1 and publish_time set (INVALID_ARGUMENT, nothing written,
  // otherwise).
  virtual absl::Status InsertCaseSummary(const CaseSummary& summary) = 0;

  // Anonymisation issues (anonymisation_issue.h).
  //
  // The secret key of the issues' identities: kIssueKeyBytes random bytes, made when the store
  // is created and the same for its whole life (and for every replica sharing it), so that an
  // acknowledgement keeps matching its issue across restarts. Never leaves the service.
  virtual absl::StatusOr<std::string> GetIssueKey() = 0;
  // Records an acknowledgement. ALREADY_EXISTS (nothing written) if (investigation_id, issue_id)
  // has one. REQUIRES: acknowledge_time set (INVALID_ARGUMENT, nothing written, otherwise).
  virtual absl::Status InsertIssueAcknowledgement(const IssueAcknowledgement& acknowledgement) = 0;
  // The acknowledgements of `investigation_id`, in the order recorded.
  virtual absl::StatusOr<std::vector<IssueAcknowledgement>> ListIssueAcknowledgements(
      std::string_view investigation_id) = 0;

  // Personal data (docs/privacy.md). A case is an investigation: every recommendation,
  // reschedule and acknowledgement with that investigation_id.
  //
  // The investigation ids of the cases with a recommendation from `complaint`
  // ("complaints/{id}"), in the order of their first recommendation.
  virtual absl::StatusOr<std::vector<std::string>> FindCasesByComplaint(
      std::string_view complaint) = 0;
  // Whether anything is stored about investigations/{investigation_id}: a recommendation, a
  // hand-off receipt, an acknowledgement or a published case summary.
  virtual absl::StatusOr<bool> HoldsCase(std::string_view investigation_id) = 0;
  // When the case's personal data was erased; nullopt if it has not been (or is not held).
  virtual absl::StatusOr<std::optional<absl::Time>> GetCaseErasureTime(
      std::string_view investigation_id) = 0;
  // Erasure, in one transaction: replaces each of `erased` (ErasedRecommendation of each
  // recommendation of the case, personal_data.h) whose stored version is its version - 1,
  // rewrites every acknowledgement of the case as ErasedAcknowledgement, and records
  // `erase_time`. Audit entries: one per recommendation in `erased`'s order, one per
  // acknowledgement in the order recorded, then one for the erasure (audit_resources::Erasure).
  // Errors in order: NOT_FOUND if nothing is held about the case (HoldsCase) or a recommendation
  // of `erased` is unknown; ABORTED if a version differs or `erased` is not exactly the case's
  // recommendations (one arrived since they were read); ALREADY_EXISTS if the case was erased
  // before. Each writes nothing.
  virtual absl::Status EraseCase(std::string_view investigation_id,
                                 const std::vector<Recommendation>& erased,
                                 absl::Time erase_time) = 0;
  // Retention: the investigation ids of cases not erased that have recommendations, none open
  // (IsOpen), the latest update_time of which is before `closed_before`; in the order of their
  // first recommendation, at most `limit`.
  virtual absl::StatusOr<std::vector<std::string>> ListErasableCases(absl::Time closed_before,
                                                                     int limit) = 0;

  // The audit log's entries with sequence > `after_sequence`, in sequence order, at most
  // `limit`, as stored (unverified: audit::VerifyAuditChain checks them).
  virtual absl::StatusOr<std::vector<audit::AuditEntry>> ListAuditEntries(int64_t after_sequence,
                                                                          int limit) = 0;

  // Whether `holder` (ReplicaName()) may run the follow-up pass now: takes or renews the lease
  // "follow-up" for `duration`. Where replicas share the store only one holds it at a time; a
  // store one process uses always says true.
  virtual absl::StatusOr<bool> AcquireFollowUpLease(std::string_view /*holder*/,
                                                    absl::Duration /*duration*/) {
    return true;
  }
};

}  // namespace redress::remedy
