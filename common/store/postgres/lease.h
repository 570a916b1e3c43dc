// A named lease on PostgreSQL: background work that one replica at a time should do (remedy's
// follow-up pass) is done by whoever holds the lease. The table (created by the service's
// PostgreSQL migration; never edit it there, add a migration):
//   CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL,
//                        expires TIMESTAMPTZ NOT NULL);
// Expiry is by the database's clock, so replicas' clocks never compare.
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/store/postgres/pool.h"

namespace redress::pg {

// Takes the lease `name` for `holder` until `duration` from now, if it is free, expired, or
// already held by `holder` (a renewal). true: `holder` holds it; false: another holder's lease is
// live. One statement (INSERT ... ON CONFLICT DO UPDATE ... WHERE), so two replicas asking at
// once cannot both get it.
absl::StatusOr<bool> TryAcquireLease(Pool& pool, std::string_view name, std::string_view holder,
                                     absl::Duration duration);

// Gives the lease up if `holder` holds it (so another replica need not wait for it to expire).
absl::Status ReleaseLease(Pool& pool, std::string_view name, std::string_view holder);

}  // namespace redress::pg
