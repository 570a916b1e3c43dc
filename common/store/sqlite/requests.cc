#include "common/store/sqlite/requests.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/errors.h"
#include "common/status_macros.h"

namespace redress {

absl::StatusOr<std::optional<RequestRecord>> LookUpRequest(Connection& connection,
                                                           std::string_view scope,
                                                           std::string_view request_id) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT fingerprint, resource_id FROM requests "
                                      "WHERE scope = ?1 AND request_id = ?2"));
  ASSIGN_OR_RETURN(bool found, select.Bind(1, scope).Bind(2, request_id).Step());
  if (!found) return std::optional<RequestRecord>();
  return std::optional<RequestRecord>(RequestRecord{std::string(scope), std::string(request_id),
                                                    select.ColumnText(0), select.ColumnText(1)});
}

absl::Status RecordRequest(Connection& connection, const RequestRecord& request) {
  ASSIGN_OR_RETURN(
      Statement select,
      connection.Prepare("SELECT 1 FROM requests WHERE scope = ?1 AND request_id = ?2"));
  ASSIGN_OR_RETURN(bool taken, select.Bind(1, request.scope).Bind(2, request.request_id).Step());
  if (taken) return AlreadyExists(RequestName(request));
  ASSIGN_OR_RETURN(Statement insert,
                   connection.Prepare("INSERT INTO requests (scope, request_id, fingerprint, "
                                      "resource_id, create_time) VALUES (?1, ?2, ?3, ?4, ?5)"));
  insert.Bind(1, request.scope).Bind(2, request.request_id).Bind(3, request.fingerprint);
  return insert.Bind(4, request.resource_id).Bind(5, absl::ToUnixMicros(absl::Now())).Run();
}

absl::StatusOr<int64_t> PruneRequests(Connection& connection, absl::Time created_before,
                                      const std::vector<std::string>& kept_methods, int limit) {
  // ?1 the cutoff, ?2 the limit, ?3... each kept method: scope "<method>" or "<method>@...".
  std::string kept;
  for (size_t i = 0; i < kept_methods.size(); ++i) {
    const std::string method = absl::StrCat("?", i + 3);
    absl::StrAppend(&kept, " AND scope <> ", method, " AND substr(scope, 1, length(", method,
                    ") + 1) <> ", method, " || '@'");
  }
  ASSIGN_OR_RETURN(
      Statement prune,
      connection.Prepare(absl::StrCat(
          "DELETE FROM requests WHERE (scope, request_id) IN (SELECT scope, request_id "
          "FROM requests WHERE create_time < ?1",
          kept, " ORDER BY create_time LIMIT ?2)")));
  prune.Bind(1, absl::ToUnixMicros(created_before)).Bind(2, limit);
  for (size_t i = 0; i < kept_methods.size(); ++i) {
    prune.Bind(static_cast<int>(i + 3), kept_methods[i]);
  }
  RETURN_IF_ERROR(prune.Run());
  return connection.changes();
}

}  // namespace redress
