#include "bench/cell.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "absl/strings/str_cat.h"
#include "bench/process_stats.h"

namespace redress::bench {
namespace {

// How long thread-driven work may take to finish its first units before its window opens
// regardless (when a server has died, units may take their full patience to fail).
constexpr absl::Duration kLongestFirstGeneration = absl::Minutes(2);

SteadyTime Now() { return std::chrono::steady_clock::now(); }

std::chrono::nanoseconds Chrono(absl::Duration duration) {
  return absl::ToChronoNanoseconds(duration);
}

// The window of thread-driven work. It opens once the warm-up has passed and the first
// generation of units (as many as run at once) has finished: a complete case at 256 in flight
// takes seconds, so a window opened after a fixed warm-up would see only the first, synchronised
// wave finishing, not the steady state.
class WorkWindow {
 public:
  WorkWindow(SteadyTime warmup_end, absl::Duration measure, int first_generation)
      : warmup_end_(warmup_end), measure_(measure), first_generation_(first_generation) {}

  void UnitFinished() {
    std::lock_guard<std::mutex> lock(mu_);
    if (++finished_ == first_generation_) OpenLocked();
  }

  // Opens the window now unless it is open: the units ran out, or never finished in time.
  void OpenNow() {
    std::lock_guard<std::mutex> lock(mu_);
    OpenLocked();
  }

  // Waits until the window has opened, or until `latest` and then opens it.
  Window Await(SteadyTime latest) {
    std::unique_lock<std::mutex> lock(mu_);
    if (!opened_.wait_until(lock, latest, [&] { return window_.has_value(); })) OpenLocked();
    return *window_;
  }

  // Whether no more units should start: the window has opened and ended.
  bool Over() const {
    std::lock_guard<std::mutex> lock(mu_);
    return window_.has_value() && Now() >= window_->end;
  }

 private:
  void OpenLocked() {
    if (window_.has_value()) return;
    const SteadyTime start = std::max(Now(), warmup_end_);
    window_ = Window{start, start + Chrono(measure_)};
    opened_.notify_all();
  }

  const SteadyTime warmup_end_;
  const absl::Duration measure_;
  const int first_generation_;
  mutable std::mutex mu_;
  std::condition_variable opened_;
  int finished_ = 0;
  std::optional<Window> window_;
};

}  // namespace

std::vector<ServerFigures> CellRunner::SampleWhile(const std::function<Window()>& window,
                                                   const std::vector<ServerProcess>& servers,
                                                   const std::function<void()>& load) {
  std::thread running(load);
  const Window measured = window();
  std::this_thread::sleep_until(measured.start);
  std::vector<double> cpu_at_start;
  for (const ServerProcess& server : servers) {
    ResetPeakMemory(server.pid);
    cpu_at_start.push_back(CpuSeconds(server.pid).value_or(0));
  }
  std::this_thread::sleep_until(measured.end);
  std::vector<ServerFigures> figures;
  for (size_t i = 0; i < servers.size(); ++i) {
    // A server that died in the window has no figures left to read: they show as 0, and the
    // cell's notes say why (load_run.cc).
    const std::optional<double> cpu_at_end = CpuSeconds(servers[i].pid);
    figures.push_back({servers[i].name, cpu_at_end.has_value() ? *cpu_at_end - cpu_at_start[i] : 0,
                       PeakResidentMib(servers[i].pid).value_or(0)});
  }
  running.join();
  return figures;
}

Cell CellRunner::Calls(const std::string& operation, LoadGenerator& generator,
                       const UnaryMethod& method, int in_flight,
                       const std::vector<ServerProcess>& servers) {
  const SteadyTime start = Now() + Chrono(timing_.warmup);
  const Window window{start, start + Chrono(timing_.measure)};
  CallRecorder recorder(generator.ThreadsFor(in_flight));
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
  cell.servers = SampleWhile([&] { return window; }, servers,
                             [&] { generator.Run(method, in_flight, next, record); });
  cell.calls = recorder.Figures(window);
  return cell;
}

Cell CellRunner::Work(const std::string& operation, const WorkUnit& unit, int in_flight,
                      int64_t max_units, const std::vector<ServerProcess>& servers) {
  const SteadyTime start = Now();
  WorkWindow window(start + Chrono(timing_.warmup), timing_.measure, in_flight);
  CallRecorder recorder(in_flight);
  std::atomic<int64_t> units_started{0};
  std::atomic<bool> ran_out{false};
  auto work = [&](int thread) {
    while (!window.Over()) {
      if (units_started++ >= max_units) {
        ran_out = true;
        window.OpenNow();
        return;
      }
      const SteadyTime started = Now();
      const int code = unit(next_sequence_++);
      recorder.Record(thread, started, Now(), code);
      window.UnitFinished();
    }
  };
  Cell cell;
  cell.operation = operation;
  cell.in_flight = in_flight;
  cell.whole_cases = true;
  Window measured;
  cell.servers = SampleWhile(
      [&] { return measured = window.Await(start + Chrono(kLongestFirstGeneration)); }, servers,
      [&] {
        std::vector<std::thread> threads;
        for (int t = 0; t < in_flight; ++t) threads.emplace_back(work, t);
        for (std::thread& thread : threads) thread.join();
      });
  if (ran_out) {
    measured.end = std::max(measured.start, std::min(measured.end, recorder.LastFinished()));
    cell.notes.push_back(absl::StrCat("stopped after ", max_units, " units"));
  }
  cell.calls = recorder.Figures(measured);
  return cell;
}

}  // namespace redress::bench
