// Idempotency records on PostgreSQL, and the transaction that makes a retried request_id create
// one resource even when two replicas receive the retry at the same moment. The table (created
// by each service's PostgreSQL migration 1; never edit it there, add a migration):
//   CREATE TABLE requests (scope TEXT NOT NULL, request_id TEXT NOT NULL,
//     fingerprint TEXT NOT NULL, resource_id TEXT NOT NULL, PRIMARY KEY (scope, request_id));
// dated by a later one (kRequestsCreateTimeSchema) so that old records can be pruned
// (docs/reliability.md, "Growth").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/store/postgres/connection.h"
#include "common/store/postgres/pool.h"
#include "common/store/postgres/transaction.h"
#include "common/store/request_record.h"

namespace redress::pg {

// The migration dating each record: create_time, the time of the transaction that recorded it
// (the column's default), the upgrade's time for the records already there; and the index
// PruneRequests reads. Each service's next migration runs it.
inline constexpr char kRequestsCreateTimeSchema[] = R"sql(
ALTER TABLE requests ADD COLUMN create_time TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX requests_by_create_time ON requests (create_time);
)sql";

// The record of (scope, request_id), if any. Inside the caller's transaction.
absl::StatusOr<std::optional<RequestRecord>> FindRequest(Connection& connection,
                                                         std::string_view scope,
                                                         std::string_view request_id);

// Records `request` inside the caller's transaction. If another transaction recorded the same
// (scope, request_id) first, fails with ALREADY_EXISTS (the primary key decides, not a check
// before the insert).
absl::Status InsertRequest(Connection& connection, const RequestRecord& request);

// Deletes at most `limit` records made before `created_before`, oldest first, except those of
// `kept_methods` (scope "<method>" or "<method>@..."; as the SQLite store's PruneRequests).
// Returns how many.
absl::StatusOr<int64_t> PruneRequests(Pool& pool, absl::Time created_before,
                                      const std::vector<std::string>& kept_methods, int limit);

// RunInTransaction for a write that records an idempotency key: when the body's InsertRequest
// lost the race to a concurrent transaction with the same key (the unique violation, or the
// serialization failure SERIALIZABLE reports in its place), the whole body runs again, and this
// time its own FindRequest sees the winner's record and answers as a retry would. So the first
// call creates the resource and every concurrent or later retry returns it. At most
// `options.max_attempts` runs in all, as RunInTransaction.
absl::Status RunIdempotentTransaction(Pool& pool, const TransactionOptions& options,
                                      absl::FunctionRef<absl::Status(Connection&)> body);

}  // namespace redress::pg
