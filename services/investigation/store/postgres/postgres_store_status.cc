#include "services/investigation/store/postgres/postgres_store_status.h"

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/store/postgres/status.h"

namespace redress::investigation::pg_rows {

absl::Status ClientSafe(const absl::Status& status, std::string_view operation) {
  if (status.ok() || !ErrorReasonOf(status).empty()) return status;
  const std::optional<std::string> sqlstate = pg::SqlStateOf(status);
  absl::Status safe(status.code(),
                    absl::StrCat("the investigation database failed in ", std::string(operation),
                                 sqlstate.has_value() ? absl::StrCat(" (SQLSTATE ", *sqlstate, ")")
                                                      : std::string()));
  status.ForEachPayload([&safe](absl::string_view type_url, const absl::Cord& payload) {
    safe.SetPayload(type_url, payload);
  });
  return safe;
}

}  // namespace redress::investigation::pg_rows
