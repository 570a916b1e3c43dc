// The dead-letter rules of the services' fake stores (docs/reliability.md), once for both: an
// outbox held as std::map<int64_t, Entry> (id to entry), where Entry has delivered_time, attempts,
// last_error and parking (OutboxParking), as each service's OutboxEntry does. The caller holds
// its store's lock around each call.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/errors.h"
#include "common/outbox.h"

namespace redress::testing {

template <typename Entry>
OutboxState FakeOutboxState(const Entry& entry) {
  return StateOf(entry.delivered_time, entry.parking);
}

// Pending entries, in id order, at most `limit`: all of them, or (`claimable`) those not held
// behind a parked entry of the same order_key(entry).
template <typename Entry, typename OrderKey>
std::vector<Entry> FakePendingEntries(const std::map<int64_t, Entry>& outbox, int limit,
                                      bool claimable, OrderKey order_key) {
  std::vector<Entry> result;
  std::set<std::string> held;
  for (const auto& [id, entry] : outbox) {
    if (static_cast<int>(result.size()) >= limit) break;
    const OutboxState state = FakeOutboxState(entry);
    if (state == OutboxState::kParked) held.insert(order_key(entry));
    if (state != OutboxState::kPending) continue;
    if (claimable && held.count(order_key(entry)) > 0) continue;
    result.push_back(entry);
  }
  return result;
}

template <typename Entry>
absl::Status FakeParkEntry(std::map<int64_t, Entry>& outbox, int64_t id, absl::Time when,
                           ParkReason reason, std::string error) {
  auto it = outbox.find(id);
  if (it == outbox.end()) return NotFound(absl::StrCat("outbox/", id));
  if (FakeOutboxState(it->second) != OutboxState::kPending) return absl::OkStatus();
  it->second.parking.park_time = when;
  it->second.parking.park_reason = reason;
  it->second.last_error = std::move(error);
  return absl::OkStatus();
}

template <typename Entry>
int64_t FakeCountParked(const std::map<int64_t, Entry>& outbox) {
  int64_t parked = 0;
  for (const auto& [id, entry] : outbox) {
    if (FakeOutboxState(entry) == OutboxState::kParked) ++parked;
  }
  return parked;
}

template <typename Entry>
std::vector<Entry> FakeParkedEntries(const std::map<int64_t, Entry>& outbox, int64_t after_id,
                                     int limit) {
  std::vector<Entry> result;
  for (auto it = outbox.upper_bound(after_id);
       it != outbox.end() && static_cast<int>(result.size()) < limit; ++it) {
    if (FakeOutboxState(it->second) == OutboxState::kParked) result.push_back(it->second);
  }
  return result;
}

// The parked entry `id`, to re-drive or discard (`action`); NOT_FOUND or FAILED_PRECONDITION
// naming "handoffs/{id}" otherwise.
template <typename Entry>
absl::StatusOr<Entry*> FakeParkedEntry(std::map<int64_t, Entry>& outbox, int64_t id,
                                       std::string_view action) {
  const std::string name = absl::StrCat("handoffs/", id);
  auto it = outbox.find(id);
  if (it == outbox.end()) return NotFound(name);
  const OutboxState state = FakeOutboxState(it->second);
  if (state != OutboxState::kParked) {
    return InvalidStateTransition(name, OutboxStateName(state), action);
  }
  return &it->second;
}

template <typename Entry>
void FakeRedrive(Entry& entry) {
  entry.parking.park_time.reset();
  entry.parking.park_reason = ParkReason::kUnspecified;
  entry.attempts = 0;
}

template <typename Entry>
void FakeDiscard(Entry& entry, const OutboxDiscard& discard) {
  entry.parking.discard_time = discard.when;
  entry.parking.discarded_by = discard.actor;
  entry.parking.discard_reason = discard.reason;
}

// Growth (docs/reliability.md): erases at most `limit` entries delivered or discarded before
// `finished_before`, in id order; returns how many.
template <typename Entry>
int64_t FakePruneFinished(std::map<int64_t, Entry>& outbox, absl::Time finished_before, int limit) {
  int64_t pruned = 0;
  for (auto it = outbox.begin(); it != outbox.end() && pruned < limit;) {
    const Entry& entry = it->second;
    const std::optional<absl::Time> finished =
        entry.delivered_time.has_value() ? entry.delivered_time : entry.parking.discard_time;
    if (finished.has_value() && *finished < finished_before) {
      it = outbox.erase(it);
      ++pruned;
    } else {
      ++it;
    }
  }
  return pruned;
}

// A fake store's idempotency records, (scope, request_id) to record, and when each was made.
using FakeRequestKey = std::pair<std::string, std::string>;

// Erases at most `limit` of `requests` made (`made`) before `created_before`, oldest first, except
// those whose scope is "<method>" or "<method>@..." for one of `kept_methods`; returns how many.
template <typename Requests>
int64_t FakePruneRequests(Requests& requests, std::map<FakeRequestKey, absl::Time>& made,
                          absl::Time created_before, const std::vector<std::string>& kept_methods,
                          int limit) {
  std::vector<std::pair<absl::Time, FakeRequestKey>> old;
  for (const auto& [key, time] : made) {
    if (time >= created_before) continue;
    bool kept = false;
    for (const std::string& method : kept_methods) {
      kept = kept || key.first == method || key.first.rfind(method + "@", 0) == 0;
    }
    if (!kept) old.emplace_back(time, key);
  }
  std::sort(old.begin(), old.end());
  int64_t pruned = 0;
  for (const auto& [time, key] : old) {
    if (pruned >= limit) break;
    requests.erase(key);
    made.erase(key);
    ++pruned;
  }
  return pruned;
}

}  // namespace redress::testing
