// Investigation's outbox as the common sender (common/outbox_sender.h) reads it: each entry becomes
// an OutboxRecord ordered by investigation and carrying its Handoff (a decision, a reopening or an
// end), which RemedyTransport sends. The delivery rules themselves are the sender's.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/outbox.h"
#include "services/investigation/investigation.h"
#include "services/investigation/store/store.h"

namespace redress::investigation {

// The record of `entry`: its id, hand-off key, create time and attempts; payload its Handoff. The
// order key is the investigation id, whatever the kind, so that an investigation's hand-offs reach
// remedy in the order they were recorded: a decision, then its reopening (before any later
// decision, which supersedes or carries over what the reopening held), then the next decision or
// the end (after everything before it).
OutboxRecord HandoffRecord(const OutboxEntry& entry);

// An OutboxSource over an InvestigationStore's outbox. Thread-safe when the store is.
class InvestigationOutbox final : public OutboxSource {
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

 private:
  InvestigationStore& store_;
  const std::string claimant_;
  const absl::Duration lease_;
};

}  // namespace redress::investigation
