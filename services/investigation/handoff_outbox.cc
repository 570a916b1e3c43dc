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
  record.traceparent = entry.traceparent;
  record.payload = entry.handoff;
  return record;
}

namespace {

std::vector<OutboxRecord> Records(const std::vector<OutboxEntry>& entries) {
  std::vector<OutboxRecord> records;
  records.reserve(entries.size());
  for (const OutboxEntry& entry : entries) records.push_back(HandoffRecord(entry));
  return records;
}

}  // namespace

absl::StatusOr<std::vector<OutboxRecord>> InvestigationOutbox::ListPending(int limit) {
  ASSIGN_OR_RETURN(std::vector<OutboxEntry> entries,
                   store_.ListOutbox(/*include_delivered=*/false, limit));
  return Records(entries);
}

absl::StatusOr<std::vector<OutboxRecord>> InvestigationOutbox::ClaimPending(int limit) {
  ASSIGN_OR_RETURN(std::vector<OutboxEntry> entries, store_.ClaimOutbox(claimant_, lease_, limit));
  return Records(entries);
}

absl::Status InvestigationOutbox::MarkDelivered(int64_t id, absl::Time when) {
  return store_.MarkDelivered(id, when);
}

absl::Status InvestigationOutbox::RecordFailedAttempt(int64_t id, absl::Time when,
                                                      std::string error) {
  return store_.RecordFailedAttempt(id, when, std::move(error));
}

}  // namespace redress::investigation
