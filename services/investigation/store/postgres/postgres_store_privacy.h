// Internal to PostgresStore: the statements of erasure (docs/privacy.md) that run inside
// EraseInvestigation's transaction.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/store/postgres/connection.h"

namespace redress::investigation::pg_privacy {

// Rewrites every outbox payload of investigation `id` as ErasedHandoff of it, its rows locked.
// FAILED_PRECONDITION (kReasonHandoffPending) if one is not yet delivered.
absl::Status EraseHandoffs(pg::Connection& connection, std::string_view id);

// Records that investigation `id` was erased at `erase_time`; ALREADY_EXISTS if it was before.
absl::Status RecordErasure(pg::Connection& connection, std::string_view id, absl::Time erase_time);

}  // namespace redress::investigation::pg_privacy
