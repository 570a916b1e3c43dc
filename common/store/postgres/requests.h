// Idempotency records on PostgreSQL, and the transaction that makes a retried request_id create
// one resource even when two replicas receive the retry at the same moment. The table (created
// by each service's PostgreSQL migration 1; never edit it there, add a migration):
//   CREATE TABLE requests (scope TEXT NOT NULL, request_id TEXT NOT NULL,
//     fingerprint TEXT NOT NULL, resource_id TEXT NOT NULL, PRIMARY KEY (scope, request_id));
#pragma once

#include <optional>
#include <string_view>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/store/postgres/connection.h"
#include "common/store/postgres/pool.h"
#include "common/store/postgres/transaction.h"
#include "common/store/request_record.h"

namespace redress::pg {

// The record of (scope, request_id), if any. Inside the caller's transaction.
absl::StatusOr<std::optional<RequestRecord>> FindRequest(Connection& connection,
                                                         std::string_view scope,
                                                         std::string_view request_id);

// Records `request` inside the caller's transaction. If another transaction recorded the same
// (scope, request_id) first, fails with ALREADY_EXISTS (the primary key decides, not a check
// before the insert).
absl::Status InsertRequest(Connection& connection, const RequestRecord& request);

// RunInTransaction for a write that records an idempotency key: when the body's InsertRequest
// lost the race to a concurrent transaction with the same key (the unique violation, or the
// serialization failure SERIALIZABLE reports in its place), the whole body runs again, and this
// time its own FindRequest sees the winner's record and answers as a retry would. So the first
// call creates the resource and every concurrent or later retry returns it. At most
// `options.max_attempts` runs in all, as RunInTransaction.
absl::Status RunIdempotentTransaction(Pool& pool, const TransactionOptions& options,
                                      absl::FunctionRef<absl::Status(Connection&)> body);

}  // namespace redress::pg
