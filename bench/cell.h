// One cell of the benchmark's table: an operation kept at a number of calls in flight for a
// warm-up and then a measured window, with what the server processes used during that window.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "bench/call_figures.h"
#include "bench/load_generator.h"

namespace redress::bench {

// A server process a cell reports on.
struct ServerProcess {
  std::string name;
  pid_t pid = 0;
};

// What a server process used during a cell's window.
struct ServerFigures {
  std::string name;
  double cpu_seconds = 0;
  // The peak resident memory during the window (from its start where the kernel cannot reset the
  // peak: see ResetPeakMemory).
  double peak_mib = 0;
};

struct Cell {
  std::string operation;
  int in_flight = 0;
  // Each unit is a complete case across the three services, not one call.
  bool whole_cases = false;
  // What makes the figures partial, when something did: the work ran out before the window
  // ended, or a server died during the cell.
  std::vector<std::string> notes;
  CallFigures calls;
  std::vector<ServerFigures> servers;
};

struct CellTiming {
  absl::Duration warmup;
  absl::Duration measure;
};

// One unit of thread-driven work (a complete case): its status code, 0 when it succeeded.
using WorkUnit = std::function<int(int64_t sequence)>;

class CellRunner {
 public:
  explicit CellRunner(CellTiming timing) : timing_(timing) {}

  // Keeps `in_flight` calls of `method` running through the warm-up and the window.
  Cell Calls(const std::string& operation, LoadGenerator& generator, const UnaryMethod& method,
             int in_flight, const std::vector<ServerProcess>& servers);

  // The same with `in_flight` threads each running `unit` after unit (work that is a sequence of
  // blocking calls, and can take longer than the warm-up: the window opens only once the first
  // `in_flight` units have finished too). At most `max_units` start in all; when they run out,
  // the window ends at the last one's end.
  Cell Work(const std::string& operation, const WorkUnit& unit, int in_flight, int64_t max_units,
            const std::vector<ServerProcess>& servers);

 private:
  // Runs `load` while sampling `servers` over the window `window()` returns (which it may wait
  // for); returns their figures.
  std::vector<ServerFigures> SampleWhile(const std::function<Window()>& window,
                                         const std::vector<ServerProcess>& servers,
                                         const std::function<void()>& load);

  CellTiming timing_;
  // Sequence numbers unique across the whole run, so that every request id is fresh.
  std::atomic<int64_t> next_sequence_{0};
};

}  // namespace redress::bench
