// Idempotency records on SQLite: the `requests` table every service's SQLite store keeps
// (scope, request_id) -> (fingerprint, resource_id), created by each service's migration 1:
//   CREATE TABLE requests (scope TEXT NOT NULL, request_id TEXT NOT NULL,
//     fingerprint TEXT NOT NULL, resource_id TEXT NOT NULL, PRIMARY KEY (scope, request_id))
// PostgreSQL's counterpart is common/store/postgres/requests.h.
#pragma once

#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/store/request_record.h"
#include "common/store/sqlite/sqlite.h"

namespace redress {

// The record of (scope, request_id), if any.
absl::StatusOr<std::optional<RequestRecord>> LookUpRequest(Connection& connection,
                                                           std::string_view scope,
                                                           std::string_view request_id);

// Records `request` inside the caller's transaction. ALREADY_EXISTS naming
// RequestName(request) when its key is taken (a caller that checked first lost no race: one
// connection writes at a time on SQLite).
absl::Status RecordRequest(Connection& connection, const RequestRecord& request);

}  // namespace redress
