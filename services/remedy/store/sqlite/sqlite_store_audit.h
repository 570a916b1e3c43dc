// Internal to SqliteStore: the audit entries of its writes (docs/audit.md). Each digests the
// resource's rows as the write left them and appends the entry, inside the write's transaction,
// after its last change.
#pragma once

#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "common/store/sqlite/sqlite.h"

namespace redress::remedy::sqlite_audit {

// The recommendation `id`: its row, follow-up steps, reschedules and state history.
absl::Status RecordRecommendationChange(Connection& connection, std::string_view id);
// The receipt of the hand-off `handoff_key`, with the ids of the recommendations it made.
absl::Status RecordReceiptChange(Connection& connection, std::string_view handoff_key);
// Every published version of the case summary of `investigation_id`.
absl::Status RecordCaseSummaryChange(Connection& connection, std::string_view investigation_id);
// The acknowledgement stored as row `sequence` of issue_acknowledgements.
absl::Status RecordAcknowledgementChange(Connection& connection, std::string_view investigation_id,
                                         std::string_view issue_id, int64_t sequence);

// The record that the case `investigation_id` was erased (its `erasures` row).
absl::Status RecordErasure(Connection& connection, std::string_view investigation_id);

}  // namespace redress::remedy::sqlite_audit
