#include "services/intake/handoff_outbox.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace redress::intake {

OutboxRecord AcceptanceRecord(const OutboxEntry& entry) {
  OutboxRecord record;
  record.id = entry.id;
  record.handoff_key = entry.handoff.handoff_key;
  record.order_key = entry.handoff.complaint_id;
  record.create_time = entry.create_time;
  record.attempts = entry.attempts;
  record.traceparent = entry.traceparent;
  if (entry.undecodable.empty()) {
    record.payload = entry.handoff;
  } else {
    record.payload_error = absl::InternalError(entry.undecodable);
  }
  return record;
}

StoredHandoff AcceptanceSummary(const OutboxEntry& entry) {
  StoredHandoff handoff;
  handoff.id = entry.id;
  handoff.handoff_key = entry.handoff.handoff_key;
  handoff.order_key = absl::StrCat(kComplaintsCollection, entry.handoff.complaint_id);
  handoff.summary = entry.undecodable.empty()
                        ? absl::StrCat("acceptance of ", handoff.order_key, " (",
                                       entry.handoff.organisation_ids.size(), " organisations)")
                        : absl::StrCat("undecodable payload: ", entry.undecodable);
  handoff.create_time = entry.create_time;
  handoff.attempts = entry.attempts;
  handoff.last_attempt_time = entry.last_attempt_time;
  handoff.last_error = entry.last_error;
  handoff.delivered_time = entry.delivered_time;
  handoff.parking = entry.parking;
  return handoff;
}

namespace {

std::vector<OutboxRecord> Records(const std::vector<OutboxEntry>& entries) {
  std::vector<OutboxRecord> records;
  records.reserve(entries.size());
  for (const OutboxEntry& entry : entries) records.push_back(AcceptanceRecord(entry));
  return records;
}

}  // namespace

absl::StatusOr<std::vector<OutboxRecord>> IntakeOutbox::ListPending(int limit) {
  ASSIGN_OR_RETURN(std::vector<OutboxEntry> entries,
                   store_.ListOutbox(/*include_delivered=*/false, limit));
  return Records(entries);
}

absl::StatusOr<std::vector<OutboxRecord>> IntakeOutbox::ClaimPending(int limit) {
  ASSIGN_OR_RETURN(std::vector<OutboxEntry> entries, store_.ClaimOutbox(claimant_, lease_, limit));
  return Records(entries);
}

absl::Status IntakeOutbox::MarkDelivered(int64_t id, absl::Time when) {
  return store_.MarkDelivered(id, when);
}

absl::Status IntakeOutbox::RecordFailedAttempt(int64_t id, absl::Time when, std::string error) {
  return store_.RecordFailedAttempt(id, when, std::move(error));
}

absl::Status IntakeOutbox::Park(int64_t id, absl::Time when, ParkReason reason, std::string error) {
  return store_.ParkOutboxEntry(id, when, reason, std::move(error));
}

absl::StatusOr<int64_t> IntakeOutbox::CountParked() { return store_.CountParkedOutbox(); }

absl::StatusOr<std::vector<StoredHandoff>> IntakeOutbox::ListParked(int64_t after_id, int limit) {
  ASSIGN_OR_RETURN(std::vector<OutboxEntry> entries, store_.ListParkedOutbox(after_id, limit));
  std::vector<StoredHandoff> handoffs;
  handoffs.reserve(entries.size());
  for (const OutboxEntry& entry : entries) handoffs.push_back(AcceptanceSummary(entry));
  return handoffs;
}

absl::StatusOr<StoredHandoff> IntakeOutbox::Get(int64_t id) {
  ASSIGN_OR_RETURN(OutboxEntry entry, store_.GetOutboxEntry(id));
  return AcceptanceSummary(entry);
}

absl::Status IntakeOutbox::Redrive(int64_t id, const RequestRecord& request) {
  return store_.RedriveOutboxEntry(id, request);
}

absl::Status IntakeOutbox::Discard(int64_t id, const OutboxDiscard& discard,
                                   const RequestRecord& request) {
  return store_.DiscardOutboxEntry(id, discard, request);
}

absl::StatusOr<std::optional<RequestRecord>> IntakeOutbox::FindRequest(
    std::string_view scope, std::string_view request_id) {
  return store_.FindRequest(scope, request_id);
}

}  // namespace redress::intake
