// Intake's outbox as the common sender (common/outbox_sender.h) reads it: each entry becomes an
// OutboxRecord ordered by complaint and carrying its AcceptanceHandoff, which
// InvestigationTransport sends; and as operators handle its parked entries
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
#include "services/intake/complaint.h"
#include "services/intake/store/store.h"

namespace redress::intake {

// The record of `entry`: its id, hand-off key, create time and attempts; order key the complaint
// id (a complaint's hand-offs are delivered in order); payload its AcceptanceHandoff, or a
// payload_error when its payload could not be decoded.
OutboxRecord AcceptanceRecord(const OutboxEntry& entry);

// `entry` as an operator sees it: its case is "complaints/{id}", and its summary names the
// complaint and counts its organisations (no personal data).
StoredHandoff AcceptanceSummary(const OutboxEntry& entry);

// An OutboxSource and ParkedHandoffSource over an IntakeStore's outbox. Thread-safe when the store
// is.
class IntakeOutbox final : public OutboxSource, public ParkedHandoffSource {
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
  IntakeStore& store_;
  const std::string claimant_;
  const absl::Duration lease_;
};

}  // namespace redress::intake
