#include "services/remedy/store/postgres/postgres_store_audit.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/store/postgres/audit_log.h"
#include "services/remedy/store/audit_resources.h"

namespace redress::remedy::pg_audit {
namespace {

constexpr char kService[] = "remedy";

}  // namespace

absl::Status RecordRecommendationChange(pg::Connection& connection, std::string_view id) {
  return pg::AppendAuditedChange(connection, kService, audit_resources::Recommendation(id), "",
                                 {{"recommendations", "id", id},
                                  {"follow_up_steps", "recommendation_id", id},
                                  {"reschedules", "recommendation_id", id},
                                  {"state_history", "recommendation_id", id}});
}

absl::Status RecordReceiptChange(pg::Connection& connection, std::string_view handoff_key) {
  return pg::AppendAuditedChange(
      connection, kService, audit_resources::Receipt(handoff_key), "",
      {{"decision_receipts", "handoff_key", handoff_key},
       {"decision_receipt_recommendations", "handoff_key", handoff_key}});
}

absl::Status RecordCaseSummaryChange(pg::Connection& connection,
                                     std::string_view investigation_id) {
  return pg::AppendAuditedChange(connection, kService,
                                 audit_resources::CaseSummary(investigation_id), "",
                                 {{"case_summaries", "investigation_id", investigation_id}});
}

absl::Status RecordAcknowledgementChange(pg::Connection& connection,
                                         std::string_view investigation_id,
                                         std::string_view issue_id, int64_t sequence) {
  // The row by its own key: (investigation_id, issue_id) is unique too, but a digest selects by
  // one column.
  const std::string key = absl::StrCat(sequence);
  return pg::AppendAuditedChange(connection, kService,
                                 audit_resources::Acknowledgement(investigation_id, issue_id), "",
                                 {{"issue_acknowledgements", "sequence", key}});
}

absl::Status RecordErasure(pg::Connection& connection, std::string_view investigation_id) {
  return pg::AppendAuditedChange(connection, kService, audit_resources::Erasure(investigation_id),
                                 "", {{"erasures", "investigation_id", investigation_id}});
}

}  // namespace redress::remedy::pg_audit
