#include "bench/call_figures.h"

#include <algorithm>
#include <cmath>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace redress::bench {
namespace {

// The nearest-rank percentile (`fraction` of 1) of sorted values: the smallest value with at
// least that fraction of all values at or below it.
double Percentile(const std::vector<double>& sorted, double fraction) {
  if (sorted.empty()) return 0;
  const double rank = std::ceil(fraction * static_cast<double>(sorted.size()));
  const size_t index = static_cast<size_t>(std::max(1.0, rank)) - 1;
  return sorted[std::min(index, sorted.size() - 1)];
}

}  // namespace

int64_t CallFigures::error_count() const {
  int64_t count = 0;
  for (const auto& [code, n] : errors) count += n;
  return count;
}

CallRecorder::CallRecorder(int threads) : buckets_(std::max(1, threads)) {}

void CallRecorder::Record(int thread, SteadyTime started, SteadyTime finished, int code) {
  buckets_[thread].push_back(
      {finished, std::chrono::duration<double, std::milli>(finished - started).count(), code});
}

CallFigures CallRecorder::Figures(const Window& window) const {
  CallFigures figures;
  figures.seconds = window.seconds();
  std::vector<double> latencies;
  for (const std::vector<Outcome>& bucket : buckets_) {
    for (const Outcome& outcome : bucket) {
      if (outcome.finished < window.start || outcome.finished > window.end) continue;
      if (outcome.code == 0) {
        latencies.push_back(outcome.latency_ms);
      } else {
        ++figures.errors[StatusCodeName(outcome.code)];
      }
    }
  }
  std::sort(latencies.begin(), latencies.end());
  figures.ok = static_cast<int64_t>(latencies.size());
  figures.p50_ms = Percentile(latencies, 0.50);
  figures.p99_ms = Percentile(latencies, 0.99);
  figures.p999_ms = Percentile(latencies, 0.999);
  return figures;
}

SteadyTime CallRecorder::LastFinished() const {
  SteadyTime last{};
  for (const std::vector<Outcome>& bucket : buckets_) {
    for (const Outcome& outcome : bucket) last = std::max(last, outcome.finished);
  }
  return last;
}

std::string StatusCodeName(int code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

}  // namespace redress::bench
