#include "common/store/postgres/requests.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/store/postgres/params.h"
#include "common/store/postgres/result.h"
#include "common/store/postgres/status.h"

namespace redress::pg {

absl::StatusOr<std::optional<RequestRecord>> FindRequest(Connection& connection,
                                                         std::string_view scope,
                                                         std::string_view request_id) {
  ASSIGN_OR_RETURN(Result result,
                   connection.Execute("SELECT fingerprint, resource_id FROM requests "
                                      "WHERE scope = $1 AND request_id = $2",
                                      Params().Add(scope).Add(request_id)));
  if (result.rows() == 0) return std::optional<RequestRecord>();
  const Row row = result.row(0);
  RequestRecord record{std::string(scope), std::string(request_id), "", ""};
  ASSIGN_OR_RETURN(record.fingerprint, row.Text("fingerprint"));
  ASSIGN_OR_RETURN(record.resource_id, row.Text("resource_id"));
  return std::optional<RequestRecord>(std::move(record));
}

absl::Status InsertRequest(Connection& connection, const RequestRecord& request) {
  return connection
      .Execute(
          "INSERT INTO requests (scope, request_id, fingerprint, resource_id) "
          "VALUES ($1, $2, $3, $4)",
          Params()
              .Add(request.scope)
              .Add(request.request_id)
              .Add(request.fingerprint)
              .Add(request.resource_id))
      .status();
}

absl::StatusOr<int64_t> PruneRequests(Pool& pool, absl::Time created_before,
                                      const std::vector<std::string>& kept_methods, int limit) {
  // $1 the cutoff, $2 the limit, $3... each kept method: scope "<method>" or "<method>@...".
  Params params;
  params.Add(created_before).Add(limit);
  std::string kept;
  for (size_t i = 0; i < kept_methods.size(); ++i) {
    const std::string method = absl::StrCat("$", i + 3, "::text");
    absl::StrAppend(&kept, " AND scope <> ", method, " AND NOT starts_with(scope, ", method,
                    " || '@')");
    params.Add(kept_methods[i]);
  }
  ASSIGN_OR_RETURN(PooledConnection connection, pool.Acquire());
  ASSIGN_OR_RETURN(
      Result result,
      connection->Execute(absl::StrCat("DELETE FROM requests WHERE (scope, request_id) IN "
                                       "(SELECT scope, request_id FROM requests "
                                       "WHERE create_time < $1",
                                       kept, " ORDER BY create_time LIMIT $2)"),
                          params));
  return result.affected_rows();
}

absl::Status RunIdempotentTransaction(Pool& pool, const TransactionOptions& options,
                                      absl::FunctionRef<absl::Status(Connection&)> body) {
  absl::Status status;
  for (int run = 0; run < options.max_attempts; ++run) {
    status = RunInTransaction(pool, options, body);
    // A unique violation of the requests key: another transaction committed the same key while
    // this one ran. The next run sees it. (Any other unique violation is the body's own error.)
    const std::optional<std::string> constraint = ViolatedConstraint(status);
    if (!absl::IsAlreadyExists(status) || constraint != "requests_pkey") return status;
  }
  return status;
}

}  // namespace redress::pg
