// Idempotency records on SQLite: the `requests` table every service's SQLite store keeps
// (scope, request_id) -> (fingerprint, resource_id), created by each service's migration 1:
//   CREATE TABLE requests (scope TEXT NOT NULL, request_id TEXT NOT NULL,
//     fingerprint TEXT NOT NULL, resource_id TEXT NOT NULL, PRIMARY KEY (scope, request_id))
// and dated by a later one (kRequestsCreateTimeSchema), so that old records can be pruned
// (docs/reliability.md, "Growth"). PostgreSQL's counterpart is common/store/postgres/requests.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/store/request_record.h"
#include "common/store/sqlite/sqlite.h"

namespace redress {

// The migration dating each record: create_time in microseconds since the epoch, set to the
// upgrade's time for the records already there (they are then kept a whole retention period from
// the upgrade), and the index PruneRequests reads. Each service's next migration runs it.
inline constexpr char kRequestsCreateTimeSchema[] =
    "ALTER TABLE requests ADD COLUMN create_time INTEGER NOT NULL DEFAULT 0;"
    "UPDATE requests SET create_time = "
    "CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER);"
    "CREATE INDEX requests_by_create_time ON requests (create_time);";

// The record of (scope, request_id), if any.
absl::StatusOr<std::optional<RequestRecord>> LookUpRequest(Connection& connection,
                                                           std::string_view scope,
                                                           std::string_view request_id);

// Records `request` inside the caller's transaction, dated now (the wall clock). ALREADY_EXISTS
// naming RequestName(request) when its key is taken (a caller that checked first lost no race:
// one connection writes at a time on SQLite).
absl::Status RecordRequest(Connection& connection, const RequestRecord& request);

// Deletes at most `limit` records made before `created_before`, oldest first, except those of
// `kept_methods` (a record whose scope is "<method>" or "<method>@..." for one of them: the
// hand-offs a service receives, whose keys must outlive any redelivery). Returns how many it
// deleted. Inside the caller's transaction.
absl::StatusOr<int64_t> PruneRequests(Connection& connection, absl::Time created_before,
                                      const std::vector<std::string>& kept_methods, int limit);

}  // namespace redress
