#include "bench/load_run.h"

#include <cstdio>
#include <fstream>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "bench/case_workload.h"
#include "bench/process_stats.h"
#include "bench/targets.h"
#include "common/status_macros.h"
#include "tests/test_security.h"

namespace redress::bench {
namespace {

namespace rt = ::redress::testing;

// Complaints stored before GetComplaint and ListComplaints when no SubmitComplaint cell or
// preload stores any, so that a first page is full.
constexpr int64_t kMinimumStored = 1000;

// The last line near the end of `log_path` that is not a JSON log line: what a crashing process
// printed, if anything (gRPC's failed assertions do; a segmentation fault does not).
std::string LastWords(const std::string& log_path) {
  constexpr std::streamoff kTail = 8192;
  std::ifstream log(log_path, std::ios::ate);
  const std::streamoff size = log.tellg();
  log.seekg(std::max<std::streamoff>(0, size - kTail));
  std::string tail((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  std::vector<absl::string_view> lines = absl::StrSplit(tail, '\n', absl::SkipEmpty());
  // The first line of a tail is most likely cut.
  if (size > kTail && !lines.empty()) lines.erase(lines.begin());
  std::string last;
  for (absl::string_view line : lines) {
    if (line.front() != '{') last = std::string(line);
  }
  return last;
}

// Notes in `cell` how those of `servers` that have exited ended.
void NoteDeaths(Cell& cell, const std::vector<ServerProcess>& servers) {
  for (const ServerProcess& server : servers) {
    if (!Exited(server.pid)) continue;
    const std::string how = HowExited(server.pid);
    cell.notes.push_back(absl::StrCat(server.name, how.empty() ? " died" : ": " + how));
  }
}

}  // namespace

LoadRun::LoadRun(RunPlan plan, std::string dir, rt::LoadedCase fixture)
    : plan_(std::move(plan)),
      dir_(std::move(dir)),
      fixture_(std::move(fixture)),
      workload_(fixture_.fixture.complaint()),
      runner_(plan_.timing) {}

std::unique_ptr<LoadGenerator> LoadRun::ClientOf(const std::string& address,
                                                 int connections) const {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < connections; ++i) {
    grpc::ChannelArguments arguments;
    // Channels with equal arguments would otherwise share one connection.
    arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    // As every test client: TLS trusting the development CA, the staff token on every call.
    channels.push_back(grpc::CreateCustomChannel(address, rt::TestChannelCredentials(), arguments));
  }
  return std::make_unique<LoadGenerator>(channels, plan_.client_threads, plan_.deadline);
}

absl::Status LoadRun::Start() {
  started_ = absl::Now();
  std::ifstream loadavg("/proc/loadavg");
  std::getline(loadavg, load_average_);
  // "1.66 2.84 3.57 3/130 31113": the 1, 5 and 15 minute averages, then what is not wanted here.
  std::vector<std::string> averages = absl::StrSplit(load_average_, ' ');
  if (averages.size() >= 3)
    load_average_ = absl::StrJoin(averages.begin(), averages.begin() + 3, " ");
  ASSIGN_OR_RETURN(echo_, StartEchoServer(plan_.echo_binary, dir_));
  echo_process_ = {{kEchoOperation, echo_.process->pid()}};
  ASSIGN_OR_RETURN(suite_, StartSuite(plan_.binaries, dir_ + "/suite"));
  ASSIGN_OR_RETURN(std::vector<ServerProcess> processes, SuiteProcesses(*suite_));
  intake_process_ = {processes.front()};
  for (const ServerProcess& process : echo_process_) {
    idle_.push_back({process.name, ResidentMib(process.pid).value_or(0)});
  }
  for (const ServerProcess& process : processes) {
    idle_.push_back({process.name, ResidentMib(process.pid).value_or(0)});
  }
  echo_client_ = ClientOf(echo_.address, plan_.connections);
  intake_client_ = ClientOf(suite_->intake_address(), plan_.connections);
  return absl::OkStatus();
}

absl::Status LoadRun::RestartIntakeIfDied(Cell* cell) {
  const pid_t intake = intake_process_.front().pid;
  if (!Exited(intake)) return absl::OkStatus();
  if (cell != nullptr) NoteDeaths(*cell, intake_process_);
  ++intake_restarts_;
  std::fprintf(stderr, "load_bench: intake %s; its last words: \"%s\"; restarting it\n",
               HowExited(intake).c_str(), LastWords(dir_ + "/suite/intake.log").c_str());
  RETURN_IF_ERROR(suite_->process("intake", 0).Restart({}));
  ASSIGN_OR_RETURN(std::vector<ServerProcess> processes, SuiteProcesses(*suite_));
  intake_process_ = {processes.front()};
  // A channel to the dead process would wait out its reconnect backoff, failing calls meanwhile.
  intake_client_ = ClientOf(suite_->intake_address(), plan_.connections);
  return absl::OkStatus();
}

absl::Status LoadRun::Preload() {
  const bool reads = plan_.Has("get") || plan_.Has("list") || plan_.Has("list_filtered");
  const int64_t count =
      plan_.preload > 0 ? plan_.preload : (reads && !plan_.Has("submit") ? kMinimumStored : 0);
  if (count == 0) return absl::OkStatus();
  std::fprintf(stderr, "load_bench: storing %lld complaints\n", static_cast<long long>(count));
  // Setting up, not measuring: each call in flight on a connection of its own, so that storing
  // does not depend on how the server copes with many calls on one connection (before 40aa578
  // that crashed intake; docs/performance.md).
  std::unique_ptr<LoadGenerator> client;
  absl::Status restarted;
  absl::StatusOr<PreloadResult> preloaded = bench::Preload(
      [&]() -> LoadGenerator& {
        if (restarted.ok()) restarted = RestartIntakeIfDied(nullptr);
        client = ClientOf(suite_->intake_address(), plan_.preload_in_flight);
        return *client;
      },
      workload_, count, plan_.preload_in_flight);
  if (!restarted.ok()) return restarted;
  if (!preloaded.ok()) return preloaded.status();
  preloaded_ = *preloaded;
  std::fprintf(stderr, "load_bench: stored %lld complaints in %.1f s\n",
               static_cast<long long>(preloaded_.stored), preloaded_.seconds);
  return RestartIntakeIfDied(nullptr);
}

Cell LoadRun::MeasureUnary(const std::string& operation, int in_flight) {
  if (operation == "echo") {
    Cell cell =
        runner_.Calls(kEchoOperation, *echo_client_, workload_.Echo(), in_flight, echo_process_);
    NoteDeaths(cell, echo_process_);
    return cell;
  }
  const UnaryMethod method = operation == "submit" ? workload_.Submit("load")
                             : operation == "get"  ? workload_.Get()
                             : operation == "list" ? workload_.List()
                                                   : workload_.ListFiltered();
  return runner_.Calls(OperationNames().at(operation), *intake_client_, method, in_flight,
                       intake_process_);
}

// On a suite of its own, at most kCasesPerSuite cases.
absl::StatusOr<Cell> LoadRun::MeasureCases(int in_flight) {
  const std::string dir = absl::StrCat(dir_, "/cases-", in_flight);
  ASSIGN_OR_RETURN(std::unique_ptr<rt::Suite> suite, StartSuite(plan_.binaries, dir));
  ASSIGN_OR_RETURN(std::vector<ServerProcess> processes, SuiteProcesses(*suite));
  CaseWorkload cases(*suite, fixture_);
  Cell cell = runner_.Work(
      kCasesOperation, [&](int64_t sequence) { return cases.RunOne(sequence); }, in_flight,
      kCasesPerSuite, processes);
  NoteDeaths(cell, processes);
  for (const ServerProcess& process : processes) {
    if (!Exited(process.pid)) continue;
    std::fprintf(stderr, "load_bench: %s %s at %d cases in flight; its last words: \"%s\"\n",
                 process.name.c_str(), HowExited(process.pid).c_str(), in_flight,
                 LastWords(absl::StrCat(dir, "/", process.name, ".log")).c_str());
  }
  if (!cases.first_failure().empty()) {
    std::fprintf(stderr, "load_bench: first failed case at %d in flight: %s\n", in_flight,
                 cases.first_failure().c_str());
  }
  return cell;
}

absl::Status LoadRun::RunCells() {
  for (int in_flight : plan_.concurrency) {
    for (const std::string& operation : plan_.operations) {
      if (operation == "cases") {
        ASSIGN_OR_RETURN(Cell cell, MeasureCases(in_flight));
        cells_.push_back(std::move(cell));
      } else {
        cells_.push_back(MeasureUnary(operation, in_flight));
        if (operation != "echo") RETURN_IF_ERROR(RestartIntakeIfDied(&cells_.back()));
      }
      const Cell& cell = cells_.back();
      std::fprintf(stderr, "load_bench: %s at %d in flight: %s OK per s, p99 %s ms, %lld errors\n",
                   cell.operation.c_str(), in_flight, ShortNumber(cell.calls.per_second()).c_str(),
                   ShortNumber(cell.calls.p99_ms).c_str(),
                   static_cast<long long>(cell.calls.error_count()));
    }
  }
  return absl::OkStatus();
}

std::string LoadRun::Description(const std::string& command) const {
  std::string text;
  absl::StrAppend(
      &text, "- run: ", absl::FormatTime("%Y-%m-%d %H:%M UTC", started_, absl::UTCTimeZone()), ", ",
      std::thread::hardware_concurrency(), " CPUs (load average at the start: ", load_average_,
      "), gRPC ", grpc::Version(), "; command: `", command, "`\n");
  absl::StrAppend(&text, "- client: this process, gRPC's asynchronous API (", plan_.client_threads,
                  " completion-queue threads); the calls in flight spread over ", plan_.connections,
                  " connection(s) per server; 127.0.0.1 only; every call with a ",
                  absl::FormatDuration(plan_.deadline), " deadline\n");
  absl::StrAppend(&text,
                  "- transport: TLS with the development CA and a bearer token on every call "
                  "(tests/test_security.h); the echo serves the same TLS with intake's "
                  "certificate and checks no token\n");
  absl::StrAppend(&text, "- payload: a SubmitComplaintRequest of ",
                  workload_.SubmitRequest("load", 0).size(), " bytes (the complaint of ",
                  kFixtureCase, " with a fresh request id); the echo receives and returns those ",
                  "bytes\n");
  absl::StrAppend(&text, "- storage: each service's SQLite file in a fresh directory\n");
  absl::StrAppend(&text, "- each cell: ", absl::FormatDuration(plan_.timing.warmup),
                  " of warm-up, then ", absl::FormatDuration(plan_.timing.measure),
                  " measured; only calls finishing in the measured window count; latency of OK "
                  "calls; server CPU is user+system time in the window over OK calls; peak RSS "
                  "is VmHWM in the window\n");
  absl::StrAppend(&text, "- complaints stored before the reads: ", preloaded_.stored, " preloaded");
  if (preloaded_.stored > 0) {
    absl::StrAppend(&text, absl::StrFormat(" in %.0f s (%.0f per s)", preloaded_.seconds,
                                           preloaded_.stored / preloaded_.seconds));
  }
  absl::StrAppend(&text, ", plus what SubmitComplaint cells stored (", workload_.stored(),
                  " in all by the end)\n");
  absl::StrAppend(&text, "- intake died and was restarted ", intake_restarts_,
                  " times during the run\n");
  return text;
}

std::string LoadRun::Report(const std::string& command) const {
  return absl::StrCat("## Redress load benchmark\n\n", Description(command), "\n### Cells\n\n",
                      CellsTable(cells_), "\n### Memory before load\n\n", IdleMemoryTable(idle_),
                      "\n### Issue 15's targets\n\n", TargetsTable(cells_, idle_));
}

}  // namespace redress::bench
