// How PostgreSQL errors become absl::Status: one mapping from SQLSTATE to status code, with the
// SQLSTATE and the violated constraint's name attached as payloads so that a store can tell which
// rule fired. Messages never carry parameter values or row data: those may be personal data.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"

struct pg_conn;
struct pg_result;

namespace redress::pg {

// The status for a command that failed with `sqlstate` (five characters, or empty when libpq
// reports none: the connection was lost, or the server never answered):
//
//   23505 unique_violation                                        ALREADY_EXISTS
//   23503 foreign_key, 23001 restrict, 23P01 exclusion, 23000     FAILED_PRECONDITION
//   23502 not_null, 23514 check                                   INVALID_ARGUMENT
//   40001 serialization_failure, 40P01 deadlock_detected          ABORTED (retry the transaction)
//   class 08 (connection), 57P01 admin_shutdown, 57P02, 57P03,
//   57P05, 25006 read_only_sql_transaction (a standby), 25P03,
//   40003 statement_completion_unknown, class 53 (resources),
//   55P03 lock_not_available, "" (no answer)                      UNAVAILABLE
//   53100 disk_full, 58030 io_error                               UNAVAILABLE, reason
//                                                                 STORE_UNAVAILABLE (errors.h)
//   57014 query_canceled (statement_timeout)                      DEADLINE_EXCEEDED
//   anything else                                                 INTERNAL
//
// The message is `context`, the SQLSTATE and `detail`; REQUIRES: `context` and `detail` hold no
// parameter values. The SQLSTATE (when not empty) and `constraint` (when not empty) are attached
// as payloads: see SqlStateOf and ViolatedConstraint. The status is marked WithInternalDetail
// (common/errors.h), so a client is answered with a generic message, never this one.
absl::Status SqlStateStatus(std::string_view sqlstate, std::string_view context,
                            std::string_view detail, std::string_view constraint = {});

// The status of a failed command from what libpq reports: the SQLSTATE and constraint of `result`
// (may be null: no result at all) mapped by SqlStateStatus. The detail is the server's primary
// message only for the SQLSTATE classes whose messages describe the statement or the server
// (syntax, connection, locking, resources), never for data exceptions or integrity violations,
// whose messages can quote values; those get the schema, table, column and constraint names. With
// no SQLSTATE, the detail is the first line of libpq's own message on `conn`.
absl::Status ResultErrorStatus(const pg_conn* conn, const pg_result* result,
                               std::string_view context);

// The SQLSTATE a status from this layer was made from, if any.
std::optional<std::string> SqlStateOf(const absl::Status& status);

// The name of the constraint whose violation made `status` (e.g. the unique index of a unique
// violation), if the server named one.
std::optional<std::string> ViolatedConstraint(const absl::Status& status);

// Whether a command that failed with `sqlstate` left its session unusable for what the pool hands
// it out for: the server closed it or is going away (class 08, 57P01-57P03, 57P05, 25P03), or it
// is connected to a read-only standby (25006), so a new connection may find the new primary.
bool SessionLost(std::string_view sqlstate);

// Whether a transaction that failed with `sqlstate` may succeed if run again from the start:
// 40001 serialization_failure and 40P01 deadlock_detected.
bool RetryableTransactionFailure(std::string_view sqlstate);

}  // namespace redress::pg
