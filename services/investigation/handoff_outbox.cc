#include "services/investigation/handoff_outbox.h"

#include <utility>
#include <variant>

#include "absl/strings/str_cat.h"
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
  if (entry.undecodable.empty()) {
    record.payload = entry.handoff;
  } else {
    record.payload_error = absl::InternalError(entry.undecodable);
  }
  return record;
}

namespace {

// What `handoff` hands over, in counts and names only.
std::string Summary(const Handoff& handoff) {
  const std::string investigation =
      absl::StrCat(kInvestigationsCollection, HandoffInvestigationId(handoff));
  if (const auto* decision = std::get_if<DecisionHandoff>(&handoff)) {
    return absl::StrCat("decision of ", investigation, " (", decision->recommendations.size(),
                        " recommendations)");
  }
  if (const auto* reopening = std::get_if<ReopeningHandoff>(&handoff)) {
    return absl::StrCat("reopening of decision ", reopening->decision_sequence, " of ",
                        investigation);
  }
  return absl::StrCat("end of ", investigation);
}

}  // namespace

StoredHandoff HandoffSummary(const OutboxEntry& entry) {
  StoredHandoff handoff;
  handoff.id = entry.id;
  handoff.handoff_key = HandoffKey(entry.handoff);
  handoff.order_key =
      absl::StrCat(kInvestigationsCollection, HandoffInvestigationId(entry.handoff));
  handoff.summary = entry.undecodable.empty()
                        ? Summary(entry.handoff)
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

absl::Status InvestigationOutbox::Park(int64_t id, absl::Time when, ParkReason reason,
                                       std::string error) {
  return store_.ParkOutboxEntry(id, when, reason, std::move(error));
}

absl::StatusOr<int64_t> InvestigationOutbox::CountParked() { return store_.CountParkedOutbox(); }

absl::StatusOr<std::vector<StoredHandoff>> InvestigationOutbox::ListParked(int64_t after_id,
                                                                           int limit) {
  ASSIGN_OR_RETURN(std::vector<OutboxEntry> entries, store_.ListParkedOutbox(after_id, limit));
  std::vector<StoredHandoff> handoffs;
  handoffs.reserve(entries.size());
  for (const OutboxEntry& entry : entries) handoffs.push_back(HandoffSummary(entry));
  return handoffs;
}

absl::StatusOr<StoredHandoff> InvestigationOutbox::Get(int64_t id) {
  ASSIGN_OR_RETURN(OutboxEntry entry, store_.GetOutboxEntry(id));
  return HandoffSummary(entry);
}

absl::Status InvestigationOutbox::Redrive(int64_t id, const RequestRecord& request) {
  return store_.RedriveOutboxEntry(id, request);
}

absl::Status InvestigationOutbox::Discard(int64_t id, const OutboxDiscard& discard,
                                          const RequestRecord& request) {
  return store_.DiscardOutboxEntry(id, discard, request);
}

absl::StatusOr<std::optional<RequestRecord>> InvestigationOutbox::FindRequest(
    std::string_view scope, std::string_view request_id) {
  return store_.FindRequest(scope, request_id);
}

}  // namespace redress::investigation
