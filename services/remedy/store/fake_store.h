// An in-memory RemedyStore for logic tests. It keeps the whole store.h contract and adds hooks to
// inject failures and to observe the writes a test caused.
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
#include "common/testing/fake_store_hooks.h"
#include "services/remedy/store/store.h"

namespace redress::remedy {

// Thread-safe: every method takes one mutex, so each write is atomic. Nothing is durable beyond
// the object's life. For FakeStoreHooks (FailNextWrite, FailReads, RunBeforeNextWrite,
// write_calls, successful_writes) the write methods are ReceiveHandoff, UpdateRecommendation,
// InsertCaseSummary, InsertIssueAcknowledgement and EraseCase; the read methods Get*, List*,
// Find* and HoldsCase. The
// issue key is random, made with the object.
class FakeStore final : public RemedyStore, public ::redress::testing::FakeStoreHooks {
 public:
  FakeStore();
  FakeStore(const FakeStore&) = delete;
  FakeStore& operator=(const FakeStore&) = delete;

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
  absl::StatusOr<std::string> GetIssueKey() override;
  absl::Status InsertIssueAcknowledgement(const IssueAcknowledgement& acknowledgement) override;
  absl::StatusOr<std::vector<IssueAcknowledgement>> ListIssueAcknowledgements(
      std::string_view investigation_id) override;
  // fake_store_privacy.cc
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

  // --- Test hooks. ---

  // How many recommendations, decision receipts and case summary versions are stored.
  int recommendation_count() const;
  int receipt_count() const;
  int case_summary_count() const;

 private:
  // ReceiveHandoff's checks, in the contract's order; OK when the write may go ahead.
  absl::Status CheckHandoffLocked(const DecisionReceipt& receipt,
                                  const std::vector<Recommendation>& created,
                                  const std::vector<Recommendation>& changed) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // EraseCase's checks, in the contract's order; OK when the erasure may go ahead.
  absl::Status CheckErasureLocked(std::string_view investigation_id,
                                  const std::vector<Recommendation>& erased) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool HoldsCaseLocked(std::string_view investigation_id) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Appends the audit entry of a change of `resource` to the state `state` (any text that changes
  // whenever the stored resource does).
  void AppendAuditLocked(std::string resource, std::string_view state)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Its version and update time stand in for a recommendation's state (every write sets a new
  // version).
  void AppendRecommendationAuditLocked(const Recommendation& recommendation)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::map<std::string, Recommendation, std::less<>> recommendations_ ABSL_GUARDED_BY(mu_);
  std::map<int64_t, std::string> ids_by_sequence_ ABSL_GUARDED_BY(mu_);
  int64_t last_sequence_ ABSL_GUARDED_BY(mu_) = 0;
  std::map<std::string, DecisionReceipt, std::less<>> receipts_ ABSL_GUARDED_BY(mu_);
  // Keyed by (investigation_id, version).
  std::map<std::pair<std::string, int>, CaseSummary> summaries_ ABSL_GUARDED_BY(mu_);
  const std::string issue_key_;
  // In the order recorded.
  std::vector<IssueAcknowledgement> acknowledgements_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, absl::Time, std::less<>> erase_times_ ABSL_GUARDED_BY(mu_);
  ::redress::testing::FakeAuditLog audit_log_ ABSL_GUARDED_BY(mu_);
};

}  // namespace redress::remedy
