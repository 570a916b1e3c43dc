// Test doubles for OutboxSender and the services' senders: an in-memory OutboxSource with failure
// hooks and parking, a transport that answers from a script per hand-off key and records every
// call, and a jitter source that returns a fixed fraction of its ceiling and records the ceilings
// asked for.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/outbox.h"
#include "common/outbox_sender.h"

namespace redress::testing {

// An outbox in memory, keeping the OutboxSource contract. Records carry their handoff_key as
// payload (a std::string). Thread-safe.
class FakeOutbox final : public OutboxSource {
 public:
  // A record and its delivery state.
  struct Entry {
    OutboxRecord record;
    std::optional<absl::Time> delivered_time;
    std::optional<absl::Time> last_attempt_time;
    std::string last_error;
    OutboxParking parking;
  };

  // Appends a record with the next id; returns the id.
  int64_t Add(const std::string& handoff_key, const std::string& order_key,
              absl::Time create_time) {
    absl::MutexLock lock(&mu_);
    Entry entry;
    entry.record.id = ++last_id_;
    entry.record.handoff_key = handoff_key;
    entry.record.order_key = order_key;
    entry.record.create_time = create_time;
    entry.record.payload = handoff_key;
    entries_[entry.record.id] = std::move(entry);
    return last_id_;
  }

  absl::StatusOr<std::vector<OutboxRecord>> ListPending(int limit) override {
    absl::MutexLock lock(&mu_);
    if (!read_failure_.ok()) return read_failure_;
    std::vector<OutboxRecord> pending;
    for (const auto& [id, entry] : entries_) {
      if (static_cast<int>(pending.size()) >= limit) break;
      if (IsPendingLocked(entry)) pending.push_back(entry.record);
    }
    return pending;
  }
  // Pending records not held behind a parked record of their order key, as a store's claim
  // reads them; with SetClaimable, only the records of those order keys (another replica holds
  // the rest).
  absl::StatusOr<std::vector<OutboxRecord>> ClaimPending(int limit) override {
    absl::MutexLock lock(&mu_);
    if (!read_failure_.ok()) return read_failure_;
    std::set<std::string> held;
    std::vector<OutboxRecord> claimed;
    for (const auto& [id, entry] : entries_) {
      if (static_cast<int>(claimed.size()) >= limit) break;
      if (entry.parking.parked()) held.insert(entry.record.order_key);
      if (!IsPendingLocked(entry) || held.count(entry.record.order_key) > 0) continue;
      if (claimable_.has_value() && claimable_->count(entry.record.order_key) == 0) continue;
      claimed.push_back(entry.record);
    }
    return claimed;
  }
  void SetClaimable(std::set<std::string> order_keys) {
    absl::MutexLock lock(&mu_);
    claimable_ = std::move(order_keys);
  }
  absl::Status MarkDelivered(int64_t id, absl::Time when) override {
    absl::MutexLock lock(&mu_);
    if (absl::Status failure = TakeWriteFailureLocked(); !failure.ok()) return failure;
    auto it = entries_.find(id);
    if (it == entries_.end()) return absl::NotFoundError(absl::StrCat("outbox/", id));
    if (!it->second.delivered_time.has_value()) {
      it->second.delivered_time = when;
      ++it->second.record.attempts;
    }
    return absl::OkStatus();
  }
  absl::Status RecordFailedAttempt(int64_t id, absl::Time when, std::string error) override {
    absl::MutexLock lock(&mu_);
    if (absl::Status failure = TakeWriteFailureLocked(); !failure.ok()) return failure;
    auto it = entries_.find(id);
    if (it == entries_.end()) return absl::NotFoundError(absl::StrCat("outbox/", id));
    if (!it->second.delivered_time.has_value()) {
      ++it->second.record.attempts;
      it->second.last_attempt_time = when;
      it->second.last_error = std::move(error);
    }
    return absl::OkStatus();
  }

  absl::Status Park(int64_t id, absl::Time when, ParkReason reason, std::string error) override {
    absl::MutexLock lock(&mu_);
    if (absl::Status failure = TakeWriteFailureLocked(); !failure.ok()) return failure;
    auto it = entries_.find(id);
    if (it == entries_.end()) return absl::NotFoundError(absl::StrCat("outbox/", id));
    if (!IsPendingLocked(it->second)) return absl::OkStatus();
    it->second.parking.park_time = when;
    it->second.parking.park_reason = reason;
    it->second.last_error = std::move(error);
    return absl::OkStatus();
  }
  absl::StatusOr<int64_t> CountParked() override {
    absl::MutexLock lock(&mu_);
    if (!read_failure_.ok()) return read_failure_;
    int64_t parked = 0;
    for (const auto& [id, entry] : entries_) parked += entry.parking.parked() ? 1 : 0;
    return parked;
  }

  // What an operator's re-drive does: unparks record `id`, which keeps its place.
  void Redrive(int64_t id) {
    absl::MutexLock lock(&mu_);
    entries_[id].parking = OutboxParking();
  }
  // Reads of the record with `handoff_key` carry `error` as their payload_error: its payload
  // cannot be decoded.
  void CorruptPayload(const std::string& handoff_key, absl::Status error) {
    absl::MutexLock lock(&mu_);
    for (auto& [id, entry] : entries_) {
      if (entry.record.handoff_key != handoff_key) continue;
      entry.record.payload.reset();
      entry.record.payload_error = error;
    }
  }

  // ListPending returns `status` until FailReads(OkStatus()).
  void FailReads(absl::Status status) {
    absl::MutexLock lock(&mu_);
    read_failure_ = std::move(status);
  }
  // The next write (MarkDelivered, RecordFailedAttempt) returns `status` and changes nothing.
  void FailNextWrite(absl::Status status) {
    absl::MutexLock lock(&mu_);
    next_write_failure_ = std::move(status);
  }

  // The entry whose handoff_key is `handoff_key`; a default Entry (id 0) when there is none.
  Entry Get(const std::string& handoff_key) const {
    absl::MutexLock lock(&mu_);
    for (const auto& [id, entry] : entries_) {
      if (entry.record.handoff_key == handoff_key) return entry;
    }
    return Entry();
  }
  // Every entry, delivered or not, in id order.
  std::vector<Entry> entries() const {
    absl::MutexLock lock(&mu_);
    std::vector<Entry> all;
    for (const auto& [id, entry] : entries_) all.push_back(entry);
    return all;
  }

 private:
  static bool IsPendingLocked(const Entry& entry) {
    return !entry.delivered_time.has_value() && !entry.parking.park_time.has_value() &&
           !entry.parking.discard_time.has_value();
  }
  // The injected failure of this write, once; OK when none.
  absl::Status TakeWriteFailureLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    absl::Status failure = next_write_failure_.value_or(absl::OkStatus());
    next_write_failure_.reset();
    return failure;
  }

  mutable absl::Mutex mu_;
  std::optional<std::set<std::string>> claimable_ ABSL_GUARDED_BY(mu_);
  std::map<int64_t, Entry> entries_ ABSL_GUARDED_BY(mu_);
  int64_t last_id_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Status read_failure_ ABSL_GUARDED_BY(mu_);
  std::optional<absl::Status> next_write_failure_ ABSL_GUARDED_BY(mu_);
};

struct TransportCall {
  std::string handoff_key;
  absl::Time deadline;
};

// Answers each hand-off key from its script, in order, then OK. Thread-safe.
class ScriptedTransport final : public OutboxTransport {
 public:
  void Script(const std::string& handoff_key, std::vector<absl::Status> results) {
    absl::MutexLock lock(&mu_);
    for (absl::Status& status : results) scripts_[handoff_key].push_back(std::move(status));
  }
  absl::Status Deliver(const OutboxRecord& record, absl::Time deadline) override {
    absl::MutexLock lock(&mu_);
    calls_.push_back({record.handoff_key, deadline});
    records_.push_back(record);
    std::deque<absl::Status>& script = scripts_[record.handoff_key];
    if (script.empty()) return absl::OkStatus();
    absl::Status result = script.front();
    script.pop_front();
    return result;
  }
  std::vector<TransportCall> calls() const {
    absl::MutexLock lock(&mu_);
    return calls_;
  }
  // Every record delivered, in order, payload included.
  std::vector<OutboxRecord> records() const {
    absl::MutexLock lock(&mu_);
    return records_;
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
  std::vector<OutboxRecord> records_ ABSL_GUARDED_BY(mu_);
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

}  // namespace redress::testing
