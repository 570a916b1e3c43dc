#include "common/store/sqlite/requests.h"

#include <string>

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
                                      "resource_id) VALUES (?1, ?2, ?3, ?4)"));
  insert.Bind(1, request.scope).Bind(2, request.request_id).Bind(3, request.fingerprint);
  return insert.Bind(4, request.resource_id).Run();
}

}  // namespace redress
