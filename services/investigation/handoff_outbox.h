// Investigation's outbox as the common sender (common/outbox_sender.h) reads it: each entry becomes
// an OutboxRecord ordered by investigation and carrying its DecisionHandoff, which RemedyTransport
// sends. The delivery rules themselves are the sender's.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/outbox.h"
#include "services/investigation/investigation.h"
#include "services/investigation/store.h"

namespace redress::investigation {

// The record of `entry`: its id, hand-off key, create time and attempts; order key the
// investigation id (a reopened investigation's decisions reach remedy in the order issued, so a
// later one supersedes an earlier one); payload its DecisionHandoff.
OutboxRecord DecisionRecord(const OutboxEntry& entry);

// An OutboxSource over an InvestigationStore's outbox. Thread-safe when the store is.
class DecisionOutbox final : public OutboxSource {
 public:
  // REQUIRES: `store` outlives this object.
  explicit DecisionOutbox(InvestigationStore& store) : store_(store) {}

  absl::StatusOr<std::vector<OutboxRecord>> ListPending(int limit) override;
  absl::Status MarkDelivered(int64_t id, absl::Time when) override;
  absl::Status RecordFailedAttempt(int64_t id, absl::Time when, std::string error) override;

 private:
  InvestigationStore& store_;
};

}  // namespace redress::investigation
