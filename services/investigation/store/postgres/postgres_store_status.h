// Internal to PostgresStore: what its callers see of a failure in the PostgreSQL layer. The layer's
// messages quote the statement that failed (common/store/postgres/connection.h), and a store's
// errors reach clients (ToGrpcStatus passes messages on), so they leave the store without it.
#pragma once

#include <string_view>

#include "absl/status/status.h"

namespace redress::investigation::pg_rows {

// `status` as the store returns it from `operation` (e.g. "UpdateInvestigation"): OK and the
// contract's own errors (NotFound, AlreadyExists, EtagMismatch: those with an ErrorInfo) as they
// are; any other error with the same code and payloads (so pg::SqlStateOf still answers) and a
// message naming the operation and the SQLSTATE only.
absl::Status ClientSafe(const absl::Status& status, std::string_view operation);

}  // namespace redress::investigation::pg_rows
