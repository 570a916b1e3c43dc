// Verification of an audit chain (docs/audit.md), page by page so that a log of any length is
// checked in bounded memory. The stores supply the pages (ListAuditEntries); each service's
// VerifyAuditLog RPC answers with the result.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "common/audit/audit_entry.h"

namespace redress::audit {

// The last entry of a chain: its sequence and hash. An empty chain's head is {0, kGenesisHash}.
struct AuditHead {
  int64_t sequence = 0;
  std::string hash = std::string(kGenesisHash);
};

enum class AuditProblemKind {
  // The entry's hash does not match its content (a field, or the hash, was changed).
  kEdited,
  // The entry's previous hash is not its predecessor's hash: an entry before it was replaced by
  // a re-hashed one, or entries were removed or reordered and re-hashed.
  kBrokenLink,
  // The entry with this sequence is missing (deleted), or the first entry is not sequence 1.
  kGap,
  // The chain ends before the expected head's sequence: entries were removed from its end.
  kTruncated,
  // The entry at the expected head's sequence has another hash: the chain was rewritten from
  // there on (every later hash recomputed), or the expected head is not this log's.
  kHeadMismatch,
};

std::string_view AuditProblemKindName(AuditProblemKind kind);  // "EDITED", "BROKEN_LINK", ...

struct AuditProblem {
  int64_t sequence = 0;  // the entry where it was found (for kGap, kTruncated: the missing one)
  AuditProblemKind kind = AuditProblemKind::kEdited;
};

struct AuditVerification {
  // Entries found sound before the first problem (all of them when there is none).
  int64_t entries_checked = 0;
  // The last sound entry.
  AuditHead head;
  // The first problem, in sequence order; none when the chain is sound.
  std::optional<AuditProblem> problem;
};

// One page of the log: the entries with sequence > `after_sequence`, in sequence order, at most
// `limit`; fewer than `limit` only at the end.
using AuditPager =
    absl::FunctionRef<absl::StatusOr<std::vector<AuditEntry>>(int64_t after_sequence, int limit)>;

// Reads the log through `pager` (pages of `page_size`) and checks, entry by entry in this order:
// its sequence follows its predecessor's (kGap), its hash matches its content (kEdited), its
// previous hash is its predecessor's hash (kBrokenLink); and, when `expected` is given (a head an
// auditor kept from an earlier verification), that the entry at its sequence has its hash
// (kHeadMismatch) and the chain reaches it (kTruncated). Stops at the first problem. A pager
// error is returned as it is.
absl::StatusOr<AuditVerification> VerifyAuditChain(AuditPager pager,
                                                   const std::optional<AuditHead>& expected,
                                                   int page_size = 500);

}  // namespace redress::audit
