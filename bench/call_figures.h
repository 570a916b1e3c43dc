// Figures of one measured stretch of load: how many calls finished OK in the window, their
// latency percentiles, and the failed ones counted by status code. Only calls that finish inside
// the window count (those finishing during the warm-up or the drain afterwards do not), so calls
// per second is what the server sustained with the calls in flight held constant.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
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

// Collects what finishes within `window`, from several threads: each records into its own
// bucket, so recording takes no lock.
class WindowRecorder {
 public:
  WindowRecorder(int threads, Window window);

  // `code` is a status code (grpc::StatusCode and absl::StatusCode share their numbers).
  void Record(int thread, SteadyTime started, SteadyTime finished, int code);
  CallFigures Figures() const;

 private:
  struct Bucket {
    std::vector<double> latencies_ms;
    std::map<int, int64_t> errors;
  };
  std::vector<Bucket> buckets_;
  Window window_;
};

// The name of a status code, "OK", "RESOURCE_EXHAUSTED", ...
std::string StatusCodeName(int code);

}  // namespace redress::bench
