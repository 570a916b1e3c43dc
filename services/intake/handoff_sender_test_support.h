// Test doubles for HandoffSender tests: a transport that answers from a script per hand-off key
// and records every call, a jitter source that returns a fixed fraction of its ceiling and
// records the ceilings asked for, and a FakeStore builder for outbox entries.
#pragma once

#include <gtest/gtest.h>

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/intake/fake_store.h"
#include "services/intake/handoff_sender.h"
#include "services/intake/store_test_data.h"

namespace redress::intake::testing {

struct TransportCall {
  std::string handoff_key;
  absl::Time deadline;
};

// Answers each hand-off key from its script, in order, then OK. Thread-safe.
class ScriptedTransport final : public HandoffTransport {
 public:
  void Script(const std::string& handoff_key, std::vector<absl::Status> results) {
    absl::MutexLock lock(&mu_);
    for (absl::Status& status : results) scripts_[handoff_key].push_back(std::move(status));
  }
  absl::Status Deliver(const AcceptanceHandoff& handoff, absl::Time deadline) override {
    absl::MutexLock lock(&mu_);
    calls_.push_back({handoff.handoff_key, deadline});
    std::deque<absl::Status>& script = scripts_[handoff.handoff_key];
    if (script.empty()) return absl::OkStatus();
    absl::Status result = script.front();
    script.pop_front();
    return result;
  }
  std::vector<TransportCall> calls() const {
    absl::MutexLock lock(&mu_);
    return calls_;
  }
  std::vector<std::string> keys() const {
    std::vector<std::string> keys;
    for (const TransportCall& call : calls()) keys.push_back(call.handoff_key);
    return keys;
  }
  // Blocks until at least `n` calls were made, or `timeout` passes; whether they were.
  bool AwaitCalls(size_t n, absl::Duration timeout) const {
    absl::MutexLock lock(&mu_);
    auto made = [this, n]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return calls_.size() >= n; };
    return mu_.AwaitWithTimeout(absl::Condition(&made), timeout);
  }

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, std::deque<absl::Status>> scripts_ ABSL_GUARDED_BY(mu_);
  std::vector<TransportCall> calls_ ABSL_GUARDED_BY(mu_);
};

// Draws `fraction` of the ceiling (1 by default: the longest wait full jitter allows).
class FractionJitter final : public JitterSource {
 public:
  explicit FractionJitter(double fraction = 1.0) : fraction_(fraction) {}
  absl::Duration Draw(absl::Duration ceiling) override {
    absl::MutexLock lock(&mu_);
    ceilings_.push_back(ceiling);
    return ceiling * fraction_;
  }
  std::vector<absl::Duration> ceilings() const {
    absl::MutexLock lock(&mu_);
    return ceilings_;
  }

 private:
  const double fraction_;
  mutable absl::Mutex mu_;
  std::vector<absl::Duration> ceilings_ ABSL_GUARDED_BY(mu_);
};

inline std::string AcceptanceKey(const std::string& complaint_id) {
  return "complaints/" + complaint_id + "/acceptance";
}

// Records complaints and their hand-offs in a FakeStore, as the logic would.
class OutboxWriter {
 public:
  explicit OutboxWriter(FakeStore& store) : store_(store) {}

  // Records complaint `complaint_id` and its acceptance hand-off at `when`.
  void Accept(const std::string& complaint_id, absl::Time when) {
    Complaint complaint = store_testing::MinimalComplaint(complaint_id, absl::CivilDay(2026, 3, 2));
    ASSERT_TRUE(store_
                    .InsertComplaint(complaint, store_testing::Request("SubmitComplaint",
                                                                       complaint_id, complaint_id))
                    .ok());
    AddHandoff(complaint_id, AcceptanceKey(complaint_id), when);
  }
  // Another hand-off of an already recorded complaint (a later kind of hand-off), with `key`.
  void AddHandoff(const std::string& complaint_id, const std::string& key, absl::Time when) {
    absl::StatusOr<Complaint> complaint = store_.GetComplaint(complaint_id);
    ASSERT_TRUE(complaint.ok()) << complaint.status();
    AcceptanceHandoff handoff = store_testing::HandoffFor(*complaint, when);
    handoff.handoff_key = key;
    const int64_t version = complaint->version;
    complaint->version = version + 1;
    ASSERT_TRUE(store_.UpdateComplaint(*complaint, version, handoff, std::nullopt).ok());
  }

 private:
  FakeStore& store_;
};

}  // namespace redress::intake::testing
