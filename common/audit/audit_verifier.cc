#include "common/audit/audit_verifier.h"

#include <utility>

namespace redress::audit {
namespace {

// The first problem of `entry`, the successor of `head`, if any.
std::optional<AuditProblem> Check(const AuditEntry& entry, const AuditHead& head,
                                  const std::optional<AuditHead>& expected) {
  if (entry.sequence > head.sequence + 1) {
    return AuditProblem{head.sequence + 1, AuditProblemKind::kGap};
  }
  if (entry.sequence <= head.sequence) {  // out of order: a pager that broke its contract
    return AuditProblem{entry.sequence, AuditProblemKind::kBrokenLink};
  }
  if (AuditEntryHash(entry) != entry.hash) {
    return AuditProblem{entry.sequence, AuditProblemKind::kEdited};
  }
  if (entry.previous_hash != head.hash) {
    return AuditProblem{entry.sequence, AuditProblemKind::kBrokenLink};
  }
  if (expected.has_value() && expected->sequence == entry.sequence &&
      expected->hash != entry.hash) {
    return AuditProblem{entry.sequence, AuditProblemKind::kHeadMismatch};
  }
  return std::nullopt;
}

}  // namespace

std::string_view AuditProblemKindName(AuditProblemKind kind) {
  switch (kind) {
    case AuditProblemKind::kEdited:
      return "EDITED";
    case AuditProblemKind::kBrokenLink:
      return "BROKEN_LINK";
    case AuditProblemKind::kGap:
      return "GAP";
    case AuditProblemKind::kTruncated:
      return "TRUNCATED";
    case AuditProblemKind::kHeadMismatch:
      return "HEAD_MISMATCH";
  }
  return "UNKNOWN";
}

absl::StatusOr<AuditVerification> VerifyAuditChain(AuditPager pager,
                                                   const std::optional<AuditHead>& expected,
                                                   int page_size) {
  if (page_size <= 0) page_size = 1;
  AuditVerification result;
  while (true) {
    absl::StatusOr<std::vector<AuditEntry>> page = pager(result.head.sequence, page_size);
    if (!page.ok()) return page.status();
    for (AuditEntry& entry : *page) {
      result.problem = Check(entry, result.head, expected);
      if (result.problem.has_value()) return result;
      ++result.entries_checked;
      result.head = AuditHead{entry.sequence, std::move(entry.hash)};
    }
    if (static_cast<int>(page->size()) < page_size) break;
  }
  if (expected.has_value() && expected->sequence > result.head.sequence) {
    result.problem = AuditProblem{result.head.sequence + 1, AuditProblemKind::kTruncated};
  } else if (expected.has_value() && expected->sequence == 0 &&
             expected->hash != std::string(kGenesisHash)) {
    result.problem = AuditProblem{0, AuditProblemKind::kHeadMismatch};
  }
  return result;
}

}  // namespace redress::audit
