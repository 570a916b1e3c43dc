// The audit entries of PostgresStore's writes (docs/audit.md): each digests the resource's rows as
// the write left them and appends the entry, inside the write's transaction.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "common/store/postgres/connection.h"

namespace redress::intake::pg_audit {

// REQUIRES: inside the transaction that wrote organisation `id`.
absl::Status RecordOrganisationChange(pg::Connection& connection, std::string_view id,
                                      std::string_view request_id);
// REQUIRES: inside the transaction that wrote complaint `id` and its child rows.
absl::Status RecordComplaintChange(pg::Connection& connection, std::string_view id,
                                   std::string_view request_id);

}  // namespace redress::intake::pg_audit
