// An in-memory InvestigationStore for logic tests. It keeps the whole store.h contract and adds
// hooks to inject failures and to observe the writes a test caused.
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
#include "services/investigation/store.h"

namespace redress::investigation {

// Thread-safe: every method takes one mutex, so each write is atomic. Nothing is durable beyond
// the object's life.
class FakeStore final : public InvestigationStore {
 public:
  FakeStore() = default;
  FakeStore(const FakeStore&) = delete;
  FakeStore& operator=(const FakeStore&) = delete;

  absl::StatusOr<Investigation> GetInvestigation(std::string_view id) override;
  absl::StatusOr<std::vector<Investigation>> ListInvestigations(
      const InvestigationQuery& query) override;
  absl::StatusOr<int64_t> InsertInvestigation(const Investigation& investigation,
                                              const RequestRecord& request) override;
  absl::Status UpdateInvestigation(const Investigation& investigation, int64_t expected_version,
                                   const std::optional<DecisionHandoff>& handoff,
                                   const std::optional<RequestRecord>& request) override;

  absl::StatusOr<std::optional<RequestRecord>> FindRequest(std::string_view scope,
                                                           std::string_view request_id) override;

  absl::StatusOr<std::vector<OutboxEntry>> ListOutbox(bool include_delivered, int limit) override;
  absl::Status MarkDelivered(int64_t outbox_id, absl::Time when) override;
  absl::Status RecordFailedAttempt(int64_t outbox_id, absl::Time when, std::string error) override;

  // --- Test hooks. ---

  // The next write method (Insert*, Update*, MarkDelivered, RecordFailedAttempt) returns `status`
  // and changes nothing.
  // REQUIRES: !status.ok().
  void FailNextWrite(absl::Status status);
  // Every read method (Get*, List*, FindRequest) returns `status` until FailReads(OkStatus()).
  void FailReads(absl::Status status);
  // Runs `hook` once, at the start of the next write method and without the store's lock held,
  // so it may call the store itself: e.g. to make a concurrent update win the race and the
  // caller's write return ABORTED.
  void RunBeforeNextWrite(std::function<void()> hook);

  // Write methods called so far, and those of them that changed the store.
  int write_calls() const;
  int successful_writes() const;
  // How many investigations are stored.
  int investigation_count() const;
  // A snapshot of every outbox entry, delivered or not, in id order.
  std::vector<OutboxEntry> outbox() const;

 private:
  // Counts the call, runs the before-write hook, and returns an injected failure if one is set.
  absl::Status BeginWrite();
  absl::Status ReadFailure() const;
  void RecordRequestLocked(const RequestRecord& request) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool RequestExistsLocked(const RequestRecord& request) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool HandoffKeyTakenLocked(std::string_view handoff_key) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::map<std::string, Investigation, std::less<>> investigations_ ABSL_GUARDED_BY(mu_);
  std::map<int64_t, std::string> ids_by_sequence_ ABSL_GUARDED_BY(mu_);
  int64_t last_sequence_ ABSL_GUARDED_BY(mu_) = 0;
  std::map<std::pair<std::string, std::string>, RequestRecord, std::less<>> requests_
      ABSL_GUARDED_BY(mu_);
  std::map<int64_t, OutboxEntry> outbox_ ABSL_GUARDED_BY(mu_);
  int64_t last_outbox_id_ ABSL_GUARDED_BY(mu_) = 0;

  std::optional<absl::Status> next_write_failure_ ABSL_GUARDED_BY(mu_);
  absl::Status read_failure_ ABSL_GUARDED_BY(mu_);
  std::function<void()> before_next_write_ ABSL_GUARDED_BY(mu_);
  int write_calls_ ABSL_GUARDED_BY(mu_) = 0;
  int successful_writes_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace redress::investigation
