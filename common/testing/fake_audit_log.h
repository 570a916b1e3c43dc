// An in-memory audit log for the services' FakeStores: the same entries a real store appends
// (common/store/*/audit_log.h), kept in a vector.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/time/clock.h"
#include "common/audit/audit_entry.h"
#include "common/audit/audit_scope.h"

namespace redress::testing {

// Thread-compatible: the FakeStore calls it under its own mutex.
class FakeAuditLog {
 public:
  // Appends the entry of `change` by the current call (or `fallback`); its before digest is the
  // after digest of the resource's latest entry.
  void Append(const audit::AuditCall& fallback, const audit::AuditChange& change) {
    const audit::AuditCall call = audit::CurrentAuditCall(fallback);
    audit::AuditEntry entry;
    entry.sequence = static_cast<int64_t>(entries_.size()) + 1;
    entry.time = audit::FormatAuditTime(absl::Now());
    entry.actor = call.actor;
    entry.rpc = call.rpc;
    entry.resource = change.resource;
    entry.request_id = change.request_id;
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
      if (it->resource == change.resource) {
        entry.before_digest = it->after_digest;
        break;
      }
    }
    entry.after_digest = change.after_digest;
    entry.previous_hash =
        entries_.empty() ? std::string(audit::kGenesisHash) : entries_.back().hash;
    entry.hash = audit::AuditEntryHash(entry);
    entries_.push_back(std::move(entry));
  }

  // What a FakeStore calls after changing `resource`: appends its entry, by the current call or
  // else `service`'s system call, with the SHA-256 of `state` (any text that changes whenever the
  // stored resource does) standing in for the digest of its rows.
  void AppendChange(std::string_view service, std::string resource, std::string request_id,
                    std::string_view state) {
    Append(audit::SystemAuditCall(service),
           audit::AuditChange{std::move(resource), std::move(request_id), audit::Sha256Hex(state)});
  }

  std::vector<audit::AuditEntry> List(int64_t after_sequence, int limit) const {
    std::vector<audit::AuditEntry> page;
    for (const audit::AuditEntry& entry : entries_) {
      if (static_cast<int>(page.size()) >= limit) break;
      if (entry.sequence > after_sequence) page.push_back(entry);
    }
    return page;
  }

 private:
  std::vector<audit::AuditEntry> entries_;
};

}  // namespace redress::testing
