// Investigation's outbox as the common sender (common/outbox_sender.h) reads it: each entry becomes
// an OutboxRecord ordered by investigation and carrying its Handoff (a decision, a reopening or an
// end), which RemedyTransport sends; and as operators handle its parked entries
// (common/parked_handoffs.h). The rules themselves are common.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/outbox.h"
#include "common/parked_handoffs.h"
#include "services/investigation/investigation.h"
#include "services/investigation/store/store.h"

namespace redress::investigation {

// The record of `entry`: its id, hand-off key, create time and attempts; payload its Handoff. The
// order key is the investigation id, whatever the kind, so that an investigation's hand-offs reach
// remedy in the order they were recorded: a decision, then its reopening (before any later
// decision, which supersedes or carries over what the reopening held), then the next decision or
// the end (after everything before it).
// A payload that could not be decoded becomes the record's payload_error.
OutboxRecord HandoffRecord(const OutboxEntry& entry);

// `entry` as an operator sees it: its case is "investigations/{id}", and its summary says which
// kind of hand-off it is and what it carries in counts (no personal data).
StoredHandoff HandoffSummary(const OutboxEntry& entry);

// An OutboxSource and ParkedHandoffSource over an InvestigationStore's outbox. Thread-safe when
// the store is.
class InvestigationOutbox final : public OutboxSource, public ParkedHandoffSource {
 public:
  // REQUIRES: `store` outlives this object. `claimant` and `lease`: who claims entries to deliver
  // and for how long (ClaimOutbox); they matter only where replicas share the store.
  explicit InvestigationOutbox(InvestigationStore& store, std::string claimant = "",
                               absl::Duration lease = absl::Seconds(30))
      : store_(store), claimant_(std::move(claimant)), lease_(lease) {}

  absl::StatusOr<std::vector<OutboxRecord>> ListPending(int limit) override;
  absl::StatusOr<std::vector<OutboxRecord>> ClaimPending(int limit) override;
  absl::Status MarkDelivered(int64_t id, absl::Time when) override;
  absl::Status RecordFailedAttempt(int64_t id, absl::Time when, std::string error) override;
  absl::Status Park(int64_t id, absl::Time when, ParkReason reason, std::string error) override;
  absl::StatusOr<int64_t> CountParked() override;

  absl::StatusOr<std::vector<StoredHandoff>> ListParked(int64_t after_id, int limit) override;
  absl::StatusOr<StoredHandoff> Get(int64_t id) override;
  absl::Status Redrive(int64_t id, const RequestRecord& request) override;
  absl::Status Discard(int64_t id, const OutboxDiscard& discard,
                       const RequestRecord& request) override;
  absl::StatusOr<std::optional<RequestRecord>> FindRequest(std::string_view scope,
                                                           std::string_view request_id) override;

 private:
  InvestigationStore& store_;
  const std::string claimant_;
  const absl::Duration lease_;
};

}  // namespace redress::investigation
