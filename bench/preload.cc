#include "bench/preload.h"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace redress::bench {
namespace {

// Rounds of sending what failed again, at most; a round that stores nothing ends the preload.
constexpr int kMaxRounds = 50;
// Progress is printed this often (to stderr), so that a long preload shows it is moving.
constexpr absl::Duration kProgressInterval = absl::Seconds(15);

}  // namespace

absl::StatusOr<PreloadResult> Preload(const std::function<LoadGenerator&()>& client,
                                      IntakeWorkload& workload, int64_t count, int in_flight) {
  PreloadResult result;
  const absl::Time start = absl::Now();
  std::vector<int64_t> pending(count);
  for (int64_t i = 0; i < count; ++i) pending[i] = i;
  const UnaryMethod submit = workload.Submit("preload");
  std::mutex mu;
  absl::Time last_progress = start;
  for (int round = 0; round < kMaxRounds && !pending.empty(); ++round) {
    std::atomic<size_t> next_index{0};
    std::vector<int64_t> failed;
    const NextSequence next = [&]() -> std::optional<int64_t> {
      const size_t index = next_index++;
      if (index >= pending.size()) return std::nullopt;
      return pending[index];
    };
    const OnOutcome record = [&](const CallOutcome& outcome) {
      std::lock_guard<std::mutex> lock(mu);
      if (outcome.code != grpc::StatusCode::OK) {
        failed.push_back(outcome.sequence);
        ++result.retried[StatusCodeName(static_cast<int>(outcome.code))];
      } else if (++result.stored % 1000 == 0 && absl::Now() - last_progress >= kProgressInterval) {
        last_progress = absl::Now();
        std::fprintf(stderr, "preload: %lld of %lld stored after %.0f s\n",
                     static_cast<long long>(result.stored), static_cast<long long>(count),
                     absl::ToDoubleSeconds(last_progress - start));
      }
    };
    client().Run(submit, in_flight, next, record);
    const bool progressed = failed.size() < pending.size();
    pending = std::move(failed);
    if (!progressed) break;
  }
  result.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  if (!pending.empty()) {
    return absl::UnavailableError(absl::StrCat("preload stored ", result.stored, " of ", count,
                                               " complaints; ", pending.size(),
                                               " still failed in the last round"));
  }
  return result;
}

}  // namespace redress::bench
