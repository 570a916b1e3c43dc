// Figures of one measured stretch of load: how many calls finished OK in the window, their
// latency percentiles, and the failed ones counted by status code. Only calls that finish inside
// the window count (those finishing during the warm-up or the drain afterwards do not), so calls
// per second is what the server sustained with the calls in flight held constant.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace redress::bench {

using SteadyTime = std::chrono::steady_clock::time_point;

struct Window {
  SteadyTime start;
  SteadyTime end;
  double seconds() const { return std::chrono::duration<double>(end - start).count(); }
};

struct CallFigures {
  double seconds = 0;
  int64_t ok = 0;
  // Latencies of the calls that succeeded: a refusal returns at once and would flatter them.
  double p50_ms = 0, p99_ms = 0, p999_ms = 0;
  // Failed calls by status code name ("RESOURCE_EXHAUSTED").
  std::map<std::string, int64_t> errors;

  double per_second() const { return seconds > 0 ? ok / seconds : 0; }
  int64_t error_count() const;
};

// Collects every call's outcome from several threads (each records into its own bucket, so
// recording takes no lock), and gives the figures of those that finished within a window.
class CallRecorder {
 public:
  explicit CallRecorder(int threads);

  // `code` is a status code (grpc::StatusCode and absl::StatusCode share their numbers).
  void Record(int thread, SteadyTime started, SteadyTime finished, int code);
  // Call once the recording threads are done.
  CallFigures Figures(const Window& window) const;
  // When the last call finished (the epoch when none did).
  SteadyTime LastFinished() const;

 private:
  struct Outcome {
    SteadyTime finished;
    double latency_ms;
    int code;
  };
  std::vector<std::vector<Outcome>> buckets_;
};

// The name of a status code, "OK", "RESOURCE_EXHAUSTED", ...
std::string StatusCodeName(int code);

}  // namespace redress::bench
