#include "common/housekeeping.h"

#include <utility>

#include "absl/flags/flag.h"
#include "absl/time/clock.h"
#include "common/status_macros.h"

ABSL_FLAG(absl::Duration, request_retention, redress::HousekeepingOptions{}.request_retention,
          "how long an idempotency record (a request_id) is kept; a retry later than that is taken "
          "as a new request (docs/reliability.md, \"Growth\")");
ABSL_FLAG(absl::Duration, handoff_retention, redress::HousekeepingOptions{}.handoff_retention,
          "how long a delivered or discarded hand-off is kept in the outbox");
ABSL_FLAG(absl::Duration, housekeeping_interval, absl::Hours(1),
          "how often old idempotency records and hand-offs are deleted");

namespace redress {
namespace {

// Deletes batch by batch; how many rows in all.
absl::StatusOr<int64_t> PruneInBatches(const PruneFn& prune, absl::Time cutoff,
                                       const HousekeepingOptions& options) {
  int64_t total = 0;
  for (int i = 0; i < options.max_batches; ++i) {
    ASSIGN_OR_RETURN(const int64_t pruned, prune(cutoff, options.batch));
    total += pruned;
    if (pruned < options.batch) break;
  }
  return total;
}

}  // namespace

absl::StatusOr<HousekeepingOptions> HousekeepingOptionsFromFlags() {
  HousekeepingOptions options;
  options.request_retention = absl::GetFlag(FLAGS_request_retention);
  options.handoff_retention = absl::GetFlag(FLAGS_handoff_retention);
  if (options.request_retention <= absl::ZeroDuration() ||
      options.handoff_retention <= absl::ZeroDuration() ||
      absl::GetFlag(FLAGS_housekeeping_interval) <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        "--request_retention, --handoff_retention and --housekeeping_interval must be more than "
        "0");
  }
  return options;
}

absl::StatusOr<int> HousekeepingPass(const PruneFn& prune_requests, const PruneFn& prune_outbox,
                                     absl::Time wall_now, absl::Time service_now,
                                     const HousekeepingOptions& options) {
  ASSIGN_OR_RETURN(const int64_t requests,
                   PruneInBatches(prune_requests, wall_now - options.request_retention, options));
  ASSIGN_OR_RETURN(const int64_t handoffs,
                   PruneInBatches(prune_outbox, service_now - options.handoff_retention, options));
  return static_cast<int>(requests + handoffs);
}

std::unique_ptr<PeriodicJob> NewHousekeepingJob(PruneFn prune_requests, PruneFn prune_outbox,
                                                const Clock& clock, HousekeepingOptions options) {
  return std::make_unique<PeriodicJob>(
      "housekeeping",
      [prune_requests = std::move(prune_requests), prune_outbox = std::move(prune_outbox), &clock,
       options]() {
        return HousekeepingPass(prune_requests, prune_outbox, absl::Now(), clock.Now(), options);
      },
      absl::GetFlag(FLAGS_housekeeping_interval));
}

}  // namespace redress
