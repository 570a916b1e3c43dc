#include "services/investigation/decision_outbox.h"

#include <utility>

#include "common/status_macros.h"

namespace redress::investigation {

OutboxRecord DecisionRecord(const OutboxEntry& entry) {
  OutboxRecord record;
  record.id = entry.id;
  record.handoff_key = entry.handoff.handoff_key;
  record.order_key = entry.handoff.investigation_id;
  record.create_time = entry.create_time;
  record.attempts = entry.attempts;
  record.payload = entry.handoff;
  return record;
}

absl::StatusOr<std::vector<OutboxRecord>> DecisionOutbox::ListPending(int limit) {
  ASSIGN_OR_RETURN(std::vector<OutboxEntry> entries,
                   store_.ListOutbox(/*include_delivered=*/false, limit));
  std::vector<OutboxRecord> records;
  records.reserve(entries.size());
  for (const OutboxEntry& entry : entries) records.push_back(DecisionRecord(entry));
  return records;
}

absl::Status DecisionOutbox::MarkDelivered(int64_t id, absl::Time when) {
  return store_.MarkDelivered(id, when);
}

absl::Status DecisionOutbox::RecordFailedAttempt(int64_t id, absl::Time when, std::string error) {
  return store_.RecordFailedAttempt(id, when, std::move(error));
}

}  // namespace redress::investigation
