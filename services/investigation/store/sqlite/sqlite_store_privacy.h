// Internal to SqliteStore: the statements of erasure (docs/privacy.md) that run inside
// EraseInvestigation's transaction.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/store/sqlite/sqlite.h"

namespace redress::investigation::sqlite_privacy {

// Rewrites every outbox payload of investigation `id` as ErasedHandoff of it. FAILED_PRECONDITION
// (kReasonHandoffPending) if one is not yet delivered, before rewriting any.
absl::Status EraseHandoffs(Connection& connection, std::string_view id);

// Records that investigation `id` was erased at `erase_time`; ALREADY_EXISTS if it was before.
absl::Status RecordErasure(Connection& connection, std::string_view id, absl::Time erase_time);

}  // namespace redress::investigation::sqlite_privacy
