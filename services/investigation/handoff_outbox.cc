#include "services/investigation/handoff_outbox.h"

#include <utility>

#include "common/status_macros.h"

namespace redress::investigation {

OutboxRecord HandoffRecord(const OutboxEntry& entry) {
  OutboxRecord record;
  record.id = entry.id;
  record.handoff_key = HandoffKey(entry.handoff);
  record.order_key = HandoffInvestigationId(entry.handoff);
  record.create_time = entry.create_time;
  record.attempts = entry.attempts;
  record.payload = entry.handoff;
  return record;
}

absl::StatusOr<std::vector<OutboxRecord>> InvestigationOutbox::ListPending(int limit) {
  ASSIGN_OR_RETURN(std::vector<OutboxEntry> entries,
                   store_.ListOutbox(/*include_delivered=*/false, limit));
  std::vector<OutboxRecord> records;
  records.reserve(entries.size());
  for (const OutboxEntry& entry : entries) records.push_back(HandoffRecord(entry));
  return records;
}

absl::Status InvestigationOutbox::MarkDelivered(int64_t id, absl::Time when) {
  return store_.MarkDelivered(id, when);
}

absl::Status InvestigationOutbox::RecordFailedAttempt(int64_t id, absl::Time when,
                                                      std::string error) {
  return store_.RecordFailedAttempt(id, when, std::move(error));
}

}  // namespace redress::investigation
