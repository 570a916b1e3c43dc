#include "services/remedy/store/sqlite/sqlite_store_audit.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/store/sqlite/audit_log.h"
#include "services/remedy/store/audit_resources.h"

namespace redress::remedy::sqlite_audit {
namespace {

constexpr char kService[] = "remedy";

}  // namespace

absl::Status RecordRecommendationChange(Connection& connection, std::string_view id) {
  return AppendAuditedChange(connection, kService, audit_resources::Recommendation(id), "",
                             {{"recommendations", "id", id},
                              {"follow_up_steps", "recommendation_id", id},
                              {"reschedules", "recommendation_id", id},
                              {"state_history", "recommendation_id", id}});
}

absl::Status RecordReceiptChange(Connection& connection, std::string_view handoff_key) {
  return AppendAuditedChange(connection, kService, audit_resources::Receipt(handoff_key), "",
                             {{"decision_receipts", "handoff_key", handoff_key},
                              {"decision_receipt_recommendations", "handoff_key", handoff_key}});
}

absl::Status RecordCaseSummaryChange(Connection& connection, std::string_view investigation_id) {
  return AppendAuditedChange(connection, kService, audit_resources::CaseSummary(investigation_id),
                             "", {{"case_summaries", "investigation_id", investigation_id}});
}

absl::Status RecordAcknowledgementChange(Connection& connection, std::string_view investigation_id,
                                         std::string_view issue_id, int64_t sequence) {
  // The row by its own key: (investigation_id, issue_id) is unique too, but a digest selects by
  // one column.
  const std::string key = absl::StrCat(sequence);
  return AppendAuditedChange(connection, kService,
                             audit_resources::Acknowledgement(investigation_id, issue_id), "",
                             {{"issue_acknowledgements", "sequence", key}});
}

absl::Status RecordErasure(Connection& connection, std::string_view investigation_id) {
  return AppendAuditedChange(connection, kService, audit_resources::Erasure(investigation_id), "",
                             {{"erasures", "investigation_id", investigation_id}});
}

}  // namespace redress::remedy::sqlite_audit
