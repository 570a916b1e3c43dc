// The audit entries of SqliteStore's writes (docs/audit.md): each digests the resource's rows as
// the write left them and appends the entry, inside the write's transaction.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "common/store/sqlite/sqlite.h"

namespace redress::intake::sqlite_audit {

// REQUIRES: inside the transaction that wrote organisation `id`.
absl::Status RecordOrganisationChange(Connection& connection, std::string_view id,
                                      std::string_view request_id);
// REQUIRES: inside the transaction that wrote complaint `id` and its child rows.
absl::Status RecordComplaintChange(Connection& connection, std::string_view id,
                                   std::string_view request_id);

}  // namespace redress::intake::sqlite_audit
