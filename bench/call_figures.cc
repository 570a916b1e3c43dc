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

WindowRecorder::WindowRecorder(int threads, Window window)
    : buckets_(std::max(1, threads)), window_(window) {}

void WindowRecorder::Record(int thread, SteadyTime started, SteadyTime finished, int code) {
  if (finished < window_.start || finished > window_.end) return;
  Bucket& bucket = buckets_[thread];
  if (code == 0) {
    bucket.latencies_ms.push_back(
        std::chrono::duration<double, std::milli>(finished - started).count());
  } else {
    ++bucket.errors[code];
  }
}

CallFigures WindowRecorder::Figures() const {
  CallFigures figures;
  figures.seconds = window_.seconds();
  std::vector<double> latencies;
  for (const Bucket& bucket : buckets_) {
    latencies.insert(latencies.end(), bucket.latencies_ms.begin(), bucket.latencies_ms.end());
    for (const auto& [code, n] : bucket.errors) figures.errors[StatusCodeName(code)] += n;
  }
  std::sort(latencies.begin(), latencies.end());
  figures.ok = static_cast<int64_t>(latencies.size());
  figures.p50_ms = Percentile(latencies, 0.50);
  figures.p99_ms = Percentile(latencies, 0.99);
  figures.p999_ms = Percentile(latencies, 0.999);
  return figures;
}

std::string StatusCodeName(int code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

}  // namespace redress::bench
