// A valid chain of audit entries for the verifier's tests.
#pragma once

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/audit/audit_entry.h"

namespace redress::audit::testing {

// Entries 1..count, each correctly hashed and linked.
inline std::vector<AuditEntry> ValidChain(int count) {
  std::vector<AuditEntry> chain;
  std::string previous(kGenesisHash);
  for (int i = 1; i <= count; ++i) {
    AuditEntry entry;
    entry.sequence = i;
    entry.time = absl::StrCat("2026-12-05T14:00:0", i % 10, ".000000Z");
    entry.actor = "user:alice";
    entry.rpc = "intake.SubmitComplaint";
    entry.resource = absl::StrCat("complaints/c-", i);
    entry.request_id = absl::StrCat("r-", i);
    entry.after_digest = Sha256Hex(absl::StrCat("state ", i));
    entry.previous_hash = previous;
    entry.hash = AuditEntryHash(entry);
    previous = entry.hash;
    chain.push_back(entry);
  }
  return chain;
}

}  // namespace redress::audit::testing
