// Growth (docs/reliability.md): what a service keeps only for a while. Idempotency records are
// kept for --request_retention (a retry later than that is taken as a new request) and hand-offs
// delivered or discarded for --handoff_retention (long enough to look one up after an incident),
// then deleted by a periodic job, in short batches so that no delete holds the store for long.
// Intake and investigation run it; remedy keeps neither (its receipts are case data, kept and
// erased with the case, docs/privacy.md).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "absl/flags/declare.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "common/periodic_job.h"

ABSL_DECLARE_FLAG(absl::Duration, request_retention);
ABSL_DECLARE_FLAG(absl::Duration, handoff_retention);
ABSL_DECLARE_FLAG(absl::Duration, housekeeping_interval);

namespace redress {

struct HousekeepingOptions {
  // How long an idempotency record is kept. Clients retry within minutes; a week covers a client
  // replaying a batch after a long outage. 30 days.
  absl::Duration request_retention = absl::Hours(24 * 30);
  // How long a delivered or discarded hand-off is kept. 7 days.
  absl::Duration handoff_retention = absl::Hours(24 * 7);
  // Rows per delete, and deletes per table in one pass (at most batch * max_batches rows a pass;
  // the next pass goes on).
  int batch = 1000;
  int max_batches = 100;
};

// The options from --request_retention and --handoff_retention; INVALID_ARGUMENT when either is
// not more than zero.
absl::StatusOr<HousekeepingOptions> HousekeepingOptionsFromFlags();

// A store's delete of at most `limit` rows older than a cutoff; how many it deleted.
using PruneFn = std::function<absl::StatusOr<int64_t>(absl::Time cutoff, int limit)>;

// One pass: prunes requests made before `wall_now` - request_retention (records are dated by the
// wall clock) and hand-offs finished before `service_now` - handoff_retention (they are dated by
// the service's clock, which --simulated_time may move), each batch by batch until a batch comes
// back short or max_batches ran. Returns how many rows it deleted; the first error stops it.
absl::StatusOr<int> HousekeepingPass(const PruneFn& prune_requests, const PruneFn& prune_outbox,
                                     absl::Time wall_now, absl::Time service_now,
                                     const HousekeepingOptions& options);

// The periodic job (name "housekeeping") running HousekeepingPass every --housekeeping_interval
// with the wall clock and `clock`. Replicas sharing a database may run it together: each deletes
// what the other has not. The job is not started.
std::unique_ptr<PeriodicJob> NewHousekeepingJob(PruneFn prune_requests, PruneFn prune_outbox,
                                                const Clock& clock, HousekeepingOptions options);

}  // namespace redress
