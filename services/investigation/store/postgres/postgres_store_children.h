// Internal to PostgresStore: an investigation's lists (points, evidence, holds, narrative, ...) as
// child rows keyed by (investigation_id, position), as on SQLite. A write replaces them all:
// DeleteChildren, then InsertChildren, within the caller's transaction.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "common/store/postgres/connection.h"
#include "services/investigation/investigation.h"

namespace redress::investigation::pg_rows {

// Writes every list of `investigation` (and of its provisional view) as child rows, one
// multi-row INSERT per table. REQUIRES: none are stored yet for its id.
absl::Status InsertChildren(pg::Connection& connection, const Investigation& investigation);
// Removes every child row of the investigation `id`.
absl::Status DeleteChildren(pg::Connection& connection, std::string_view id);
// Appends the audit entry of a write of the investigation `id` (docs/audit.md): resource
// "investigations/<id>", digesting its row and every child row as the write left them.
// REQUIRES: inside the write's transaction, after its last change.
absl::Status RecordAuditedChange(pg::Connection& connection, std::string_view id,
                                 std::string_view request_id);
// Fills the lists of `investigation`, read by ReadInvestigation, from its child rows.
absl::Status LoadChildren(pg::Connection& connection, Investigation& investigation);

}  // namespace redress::investigation::pg_rows
