// Stores complaints through the API before GetComplaint and ListComplaints are measured, so that
// their figures are for a populated database: SubmitComplaint with many calls in flight, and
// calls that failed (refused, past their deadline, or lost with a server that died) sent again
// with the same request id, which SubmitComplaint's idempotency makes safe, round after round
// while rounds make progress.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "bench/intake_workload.h"
#include "bench/load_generator.h"

namespace redress::bench {

struct PreloadResult {
  int64_t stored = 0;
  double seconds = 0;
  // Calls that failed and were sent again, by status code.
  std::map<std::string, int64_t> retried;
};

// Stores `count` complaints with `in_flight` calls in flight through the client `client()`
// returns, which is asked again before each round (so that the caller can restart a server that
// died, with a fresh client). An error when some could not be stored.
absl::StatusOr<PreloadResult> Preload(const std::function<LoadGenerator&()>& client,
                                      IntakeWorkload& workload, int64_t count, int in_flight);

}  // namespace redress::bench
