// Intake's outbox as the common sender (common/outbox_sender.h) reads it: each entry becomes an
// OutboxRecord ordered by complaint and carrying its AcceptanceHandoff, which
// InvestigationTransport sends. The delivery rules themselves are the sender's.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/outbox.h"
#include "services/intake/complaint.h"
#include "services/intake/store/store.h"

namespace redress::intake {

// The record of `entry`: its id, hand-off key, create time and attempts; order key the complaint
// id (a complaint's hand-offs are delivered in order); payload its AcceptanceHandoff.
OutboxRecord AcceptanceRecord(const OutboxEntry& entry);

// An OutboxSource over an IntakeStore's outbox. Thread-safe when the store is.
class IntakeOutbox final : public OutboxSource {
 public:
  // REQUIRES: `store` outlives this object. `claimant` and `lease`: who claims entries to deliver
  // and for how long (ClaimOutbox); they matter only where replicas share the store.
  explicit IntakeOutbox(IntakeStore& store, std::string claimant = "",
                        absl::Duration lease = absl::Seconds(30))
      : store_(store), claimant_(std::move(claimant)), lease_(lease) {}

  absl::StatusOr<std::vector<OutboxRecord>> ListPending(int limit) override;
  absl::StatusOr<std::vector<OutboxRecord>> ClaimPending(int limit) override;
  absl::Status MarkDelivered(int64_t id, absl::Time when) override;
  absl::Status RecordFailedAttempt(int64_t id, absl::Time when, std::string error) override;

 private:
  IntakeStore& store_;
  const std::string claimant_;
  const absl::Duration lease_;
};

}  // namespace redress::intake
