#include "bench/cell.h"

#include <algorithm>
#include <thread>

#include "absl/strings/str_cat.h"
#include "bench/process_stats.h"

namespace redress::bench {
namespace {

SteadyTime Now() { return std::chrono::steady_clock::now(); }

}  // namespace

Window CellRunner::NextWindow() const {
  const SteadyTime start = Now() + absl::ToChronoNanoseconds(timing_.warmup);
  return {start, start + absl::ToChronoNanoseconds(timing_.measure)};
}

std::vector<ServerFigures> CellRunner::SampleWhile(const Window& window,
                                                   const std::vector<ServerProcess>& servers,
                                                   const std::function<void()>& load) {
  std::thread running(load);
  std::this_thread::sleep_until(window.start);
  std::vector<double> cpu_at_start;
  for (const ServerProcess& server : servers) {
    ResetPeakMemory(server.pid);
    cpu_at_start.push_back(CpuSeconds(server.pid).value_or(0));
  }
  std::this_thread::sleep_until(window.end);
  std::vector<ServerFigures> figures;
  for (size_t i = 0; i < servers.size(); ++i) {
    figures.push_back({servers[i].name, CpuSeconds(servers[i].pid).value_or(0) - cpu_at_start[i],
                       PeakResidentMib(servers[i].pid).value_or(0)});
  }
  running.join();
  return figures;
}

Cell CellRunner::Calls(const std::string& operation, LoadGenerator& generator,
                       const UnaryMethod& method, int in_flight,
                       const std::vector<ServerProcess>& servers) {
  const Window window = NextWindow();
  WindowRecorder recorder(generator.ThreadsFor(in_flight), window);
  const NextSequence next = [&]() -> std::optional<int64_t> {
    if (Now() >= window.end) return std::nullopt;
    return next_sequence_++;
  };
  const OnOutcome record = [&](const CallOutcome& outcome) {
    recorder.Record(outcome.thread, outcome.started, outcome.finished,
                    static_cast<int>(outcome.code));
  };
  Cell cell;
  cell.operation = operation;
  cell.in_flight = in_flight;
  cell.servers =
      SampleWhile(window, servers, [&] { generator.Run(method, in_flight, next, record); });
  cell.calls = recorder.Figures();
  return cell;
}

Cell CellRunner::Work(const std::string& operation, const WorkUnit& unit, int in_flight,
                      int64_t max_units, const std::vector<ServerProcess>& servers) {
  const Window window = NextWindow();
  WindowRecorder recorder(in_flight, window);
  std::atomic<int64_t> units_started{0};
  std::atomic<bool> ran_out{false};
  std::vector<SteadyTime> last_end(in_flight, window.start);
  auto work = [&](int thread) {
    while (Now() < window.end) {
      if (units_started++ >= max_units) {
        ran_out = true;
        return;
      }
      const SteadyTime started = Now();
      const int code = unit(next_sequence_++);
      last_end[thread] = Now();
      recorder.Record(thread, started, last_end[thread], code);
    }
  };
  Cell cell;
  cell.operation = operation;
  cell.in_flight = in_flight;
  cell.whole_cases = true;
  cell.servers = SampleWhile(window, servers, [&] {
    std::vector<std::thread> threads;
    for (int t = 0; t < in_flight; ++t) threads.emplace_back(work, t);
    for (std::thread& thread : threads) thread.join();
  });
  cell.calls = recorder.Figures();
  if (ran_out) {
    // Rate over the part of the window in which units were still being started.
    const SteadyTime last = *std::max_element(last_end.begin(), last_end.end());
    cell.calls.seconds =
        std::chrono::duration<double>(std::min(last, window.end) - window.start).count();
    cell.notes.push_back(absl::StrCat("stopped after ", max_units, " units"));
  }
  return cell;
}

}  // namespace redress::bench
