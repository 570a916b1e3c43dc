#include "common/store/postgres/status.h"

#include <libpq-fe.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/errors.h"
#include "common/metrics/metrics.h"

namespace redress::pg {
namespace {

// Our Abseil is built with its own string_view type; our interfaces use std::string_view.
absl::string_view AsAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

constexpr char kSqlStateUrl[] = "type.redress.dev/postgres.SqlState";
constexpr char kConstraintUrl[] = "type.redress.dev/postgres.Constraint";

// Names of the conditions the mapping singles out, for readable messages.
std::string_view ConditionName(std::string_view sqlstate) {
  struct Entry {
    std::string_view sqlstate;
    std::string_view name;
  };
  static constexpr Entry kNames[] = {
      {"23000", "integrity_constraint_violation"},
      {"23001", "restrict_violation"},
      {"23502", "not_null_violation"},
      {"23503", "foreign_key_violation"},
      {"23505", "unique_violation"},
      {"23514", "check_violation"},
      {"23P01", "exclusion_violation"},
      {"25006", "read_only_sql_transaction"},
      {"25P03", "idle_in_transaction_session_timeout"},
      {"40001", "serialization_failure"},
      {"40003", "statement_completion_unknown"},
      {"40P01", "deadlock_detected"},
      {"53100", "disk_full"},
      {"55P03", "lock_not_available"},
      {"58030", "io_error"},
      {"57014", "query_canceled"},
      {"57P01", "admin_shutdown"},
      {"57P02", "crash_shutdown"},
      {"57P03", "cannot_connect_now"},
      {"57P05", "idle_session_timeout"},
  };
  for (const Entry& entry : kNames) {
    if (entry.sqlstate == sqlstate) return entry.name;
  }
  return {};
}

std::string_view ClassOf(std::string_view sqlstate) { return sqlstate.substr(0, 2); }

absl::StatusCode CodeFor(std::string_view sqlstate) {
  if (sqlstate.empty()) return absl::StatusCode::kUnavailable;
  if (sqlstate == "23505") return absl::StatusCode::kAlreadyExists;
  if (sqlstate == "23502" || sqlstate == "23514") return absl::StatusCode::kInvalidArgument;
  if (ClassOf(sqlstate) == "23") return absl::StatusCode::kFailedPrecondition;
  if (RetryableTransactionFailure(sqlstate)) return absl::StatusCode::kAborted;
  if (sqlstate == "57014") return absl::StatusCode::kDeadlineExceeded;
  // 40003: the server cannot say whether the statement completed (CockroachDB's ambiguous
  // result); like a connection lost during COMMIT, the caller retries with its idempotency key.
  if (SessionLost(sqlstate) || ClassOf(sqlstate) == "53" || sqlstate == "55P03" ||
      sqlstate == "40003" || sqlstate == "58030") {
    return absl::StatusCode::kUnavailable;
  }
  return absl::StatusCode::kInternal;
}

// Classes whose primary messages describe the statement, the session or the server, and so are
// safe to pass on: connection, transaction state, rollback, syntax and access, resources, limits,
// object state, operator intervention, system errors, unsupported features, internal errors.
// Data exceptions (22) and integrity violations (23) quote values and are left out.
bool MessageIsSafe(std::string_view sqlstate) {
  static constexpr std::string_view kSafeClasses[] = {"08", "0A", "25", "40", "42", "53",
                                                      "54", "55", "57", "58", "XX"};
  for (std::string_view safe : kSafeClasses) {
    if (ClassOf(sqlstate) == safe) return true;
  }
  return false;
}

std::string Field(const pg_result* result, int field) {
  const char* value = PQresultErrorField(result, field);
  return value == nullptr ? std::string() : std::string(value);
}

std::string FirstLine(std::string_view text) {
  return std::string(text.substr(0, text.find('\n')));
}

// The names of the objects an error is about, as "table \"t\", column \"c\"".
std::string ObjectNames(const pg_result* result) {
  std::vector<std::string> parts;
  const std::pair<int, std::string_view> kFields[] = {
      {PG_DIAG_SCHEMA_NAME, "schema"},         {PG_DIAG_TABLE_NAME, "table"},
      {PG_DIAG_COLUMN_NAME, "column"},         {PG_DIAG_DATATYPE_NAME, "type"},
      {PG_DIAG_CONSTRAINT_NAME, "constraint"},
  };
  for (const auto& [field, label] : kFields) {
    const std::string value = Field(result, field);
    if (!value.empty()) parts.push_back(absl::StrCat(AsAbsl(label), " \"", value, "\""));
  }
  return absl::StrJoin(parts, ", ");
}

}  // namespace

absl::Status SqlStateStatus(std::string_view sqlstate, std::string_view context,
                            std::string_view detail, std::string_view constraint) {
  std::string message(context);
  if (!sqlstate.empty()) {
    const std::string_view name = ConditionName(sqlstate);
    absl::StrAppend(&message, ": SQLSTATE ", AsAbsl(sqlstate), name.empty() ? "" : " ",
                    AsAbsl(name));
  }
  if (!detail.empty()) absl::StrAppend(&message, ": ", AsAbsl(detail));
  absl::Status status(CodeFor(sqlstate), message);
  // The database server's disk, not the call: retry once it has space or the device recovers.
  if (sqlstate == "53100") status = StoreCannotWrite(message, kStoreFaultDiskFull);
  if (sqlstate == "58030") status = StoreCannotWrite(message, kStoreFaultIoError);
  if (!sqlstate.empty()) status.SetPayload(kSqlStateUrl, absl::Cord(AsAbsl(sqlstate)));
  if (!constraint.empty()) status.SetPayload(kConstraintUrl, absl::Cord(AsAbsl(constraint)));
  metrics::CountStoreError("postgres", status.code());
  return WithInternalDetail(std::move(status));
}

absl::Status ResultErrorStatus(const pg_conn* conn, const pg_result* result,
                               std::string_view context) {
  const std::string sqlstate = result == nullptr ? "" : Field(result, PG_DIAG_SQLSTATE);
  if (sqlstate.empty()) {
    // libpq's own report (lost connection, out of memory): never has values in it.
    std::string detail = result != nullptr ? FirstLine(PQresultErrorMessage(result)) : "";
    if (detail.empty() && conn != nullptr) detail = FirstLine(PQerrorMessage(conn));
    return SqlStateStatus("", context, detail);
  }
  const std::string detail =
      MessageIsSafe(sqlstate) ? Field(result, PG_DIAG_MESSAGE_PRIMARY) : ObjectNames(result);
  return SqlStateStatus(sqlstate, context, detail, Field(result, PG_DIAG_CONSTRAINT_NAME));
}

std::optional<std::string> SqlStateOf(const absl::Status& status) {
  auto payload = status.GetPayload(kSqlStateUrl);
  if (!payload.has_value()) return std::nullopt;
  return std::string(*payload);
}

std::optional<std::string> ViolatedConstraint(const absl::Status& status) {
  auto payload = status.GetPayload(kConstraintUrl);
  if (!payload.has_value()) return std::nullopt;
  return std::string(*payload);
}

bool SessionLost(std::string_view sqlstate) {
  return ClassOf(sqlstate) == "08" || sqlstate == "57P01" || sqlstate == "57P02" ||
         sqlstate == "57P03" || sqlstate == "57P05" || sqlstate == "25P03" || sqlstate == "25006";
}

bool RetryableTransactionFailure(std::string_view sqlstate) {
  return sqlstate == "40001" || sqlstate == "40P01";
}

}  // namespace redress::pg
