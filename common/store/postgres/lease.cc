#include "common/store/postgres/lease.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/store/postgres/params.h"
#include "common/store/postgres/result.h"

namespace redress::pg {

absl::StatusOr<bool> TryAcquireLease(Pool& pool, std::string_view name, std::string_view holder,
                                     absl::Duration duration) {
  ASSIGN_OR_RETURN(PooledConnection connection, pool.Acquire());
  ASSIGN_OR_RETURN(
      Result result,
      connection->Execute(
          "INSERT INTO leases (name, holder, expires)"
          " VALUES ($1, $2, clock_timestamp() + make_interval(secs => $3::float8))"
          " ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires = EXCLUDED.expires"
          " WHERE leases.holder = EXCLUDED.holder OR leases.expires < clock_timestamp()"
          " RETURNING holder",
          Params().Add(name).Add(holder).Add(absl::StrCat(absl::ToDoubleSeconds(duration)))));
  return result.rows() == 1;
}

absl::Status ReleaseLease(Pool& pool, std::string_view name, std::string_view holder) {
  ASSIGN_OR_RETURN(PooledConnection connection, pool.Acquire());
  return connection
      ->Execute("DELETE FROM leases WHERE name = $1 AND holder = $2",
                Params().Add(name).Add(holder))
      .status();
}

}  // namespace redress::pg
