// The load benchmark of issue 15: one command that keeps exactly N calls in flight (closed loop,
// gRPC's asynchronous client) against a bare echo server built from the same gRPC with the same
// TLS, then against the real services started by the suite harness on SQLite: SubmitComplaint,
// GetComplaint, ListComplaints (first page of 50, and filtered) and complete cases across the
// three services. For every (operation, calls in flight) cell it prints OK calls per second,
// p50/p99/p99.9 latency, errors by status code, the server's CPU per call and peak memory, each
// with its ratio to echo at the same concurrency in the same run, as a Markdown table. Not a
// test: nothing here asserts on time (docs/performance.md reads the figures).
//
//   build/bench/load_bench [--concurrency=1,16,64,256] [--seconds=5] [--warmup_seconds=1]
//       [--operations=echo,submit,get,list,list_filtered,cases] [--preload=N]
//       [--connections=N] [--out=FILE]
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "bench/load_run.h"
#include "bench/process_stats.h"
#include "bench/run_plan.h"
#include "common/clock.h"
#include "tests/case_fixture.h"
#include "tests/process.h"

ABSL_FLAG(std::vector<std::string>, concurrency, std::vector<std::string>({"1", "16", "64", "256"}),
          "calls kept in flight, one cell per value (1 to 1024)");
ABSL_FLAG(double, seconds, 5, "measured seconds per cell (0.1 to 600)");
ABSL_FLAG(double, warmup_seconds, 1, "seconds of load before each cell's measurement starts");
ABSL_FLAG(std::vector<std::string>, operations,
          std::vector<std::string>({"echo", "submit", "get", "list", "list_filtered", "cases"}),
          "what to measure, in this order at each concurrency");
ABSL_FLAG(int64_t, preload, 0,
          "complaints to store through SubmitComplaint before measuring (see --max_preload)");
ABSL_FLAG(int64_t, max_preload, 500000,
          "largest --preload accepted: 1,000,000 took 18 minutes on our 2-core machine, so more "
          "than this takes over 10 minutes (docs/performance.md)");
ABSL_FLAG(int, preload_in_flight, 32, "calls in flight while preloading");
ABSL_FLAG(int, client_threads, 2, "completion-queue threads of the load generator");
ABSL_FLAG(int, connections, 1,
          "connections (channels) to each server that the calls in flight are spread over");
ABSL_FLAG(absl::Duration, deadline, absl::Seconds(10), "every call's deadline");
ABSL_FLAG(absl::Duration, time_limit, absl::ZeroDuration(),
          "the whole run's limit, after which every server is killed and the run fails; 0 "
          "computes one from the cells and the preload");
ABSL_FLAG(std::string, out, "", "also write the report to this file");
ABSL_FLAG(bool, keep_data, false, "keep the data directory (databases and server logs)");
ABSL_FLAG(std::string, intake_binary, REDRESS_INTAKE_BINARY, "the intake server");
ABSL_FLAG(std::string, investigation_binary, REDRESS_INVESTIGATION_BINARY,
          "the investigation server");
ABSL_FLAG(std::string, remedy_binary, REDRESS_REMEDY_BINARY, "the remedy server");
ABSL_FLAG(std::string, echo_binary, REDRESS_LOAD_BENCH_ECHO_SERVER_BINARY, "the echo server");
ABSL_FLAG(std::string, cases_dir, REDRESS_CASES_DIR, "the case fixtures");

namespace redress::bench {
namespace {

constexpr int kMaxInFlight = 1024;

absl::Status ReadConcurrency(RunPlan& plan) {
  for (const std::string& value : absl::GetFlag(FLAGS_concurrency)) {
    int in_flight = 0;
    if (!absl::SimpleAtoi(value, &in_flight) || in_flight < 1 || in_flight > kMaxInFlight) {
      return absl::InvalidArgumentError(
          absl::StrCat("--concurrency: ", value, " is not a number from 1 to ", kMaxInFlight));
    }
    plan.concurrency.push_back(in_flight);
  }
  for (const std::string& operation : absl::GetFlag(FLAGS_operations)) {
    if (OperationNames().count(operation) == 0) {
      return absl::InvalidArgumentError(absl::StrCat("--operations: unknown ", operation));
    }
    plan.operations.push_back(operation);
  }
  return absl::OkStatus();
}

absl::Status ReadLimits(RunPlan& plan) {
  const double seconds = absl::GetFlag(FLAGS_seconds);
  const double warmup = absl::GetFlag(FLAGS_warmup_seconds);
  if (seconds < 0.1 || seconds > 600 || warmup < 0 || warmup > 600) {
    return absl::InvalidArgumentError("--seconds must be 0.1 to 600, --warmup_seconds 0 to 600");
  }
  plan.timing = {absl::Seconds(warmup), absl::Seconds(seconds)};
  plan.preload = absl::GetFlag(FLAGS_preload);
  if (plan.preload < 0 || plan.preload > absl::GetFlag(FLAGS_max_preload)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--preload=", plan.preload,
        " is more than --max_preload=", absl::GetFlag(FLAGS_max_preload),
        ": SubmitComplaint stores about 1,000 complaints per second here, fewer as the "
        "table grows (1,000,000 took 18 minutes; see docs/performance.md), so more "
        "would take over 10 minutes; raise --max_preload to wait that long"));
  }
  plan.preload_in_flight = absl::GetFlag(FLAGS_preload_in_flight);
  plan.connections = absl::GetFlag(FLAGS_connections);
  plan.client_threads = absl::GetFlag(FLAGS_client_threads);
  plan.deadline = absl::GetFlag(FLAGS_deadline);
  if (plan.preload_in_flight < 1 || plan.preload_in_flight > kMaxInFlight || plan.connections < 1 ||
      plan.connections > kMaxInFlight || plan.client_threads < 1 || plan.client_threads > 64) {
    return absl::InvalidArgumentError(
        absl::StrCat("--preload_in_flight and --connections must be 1 to ", kMaxInFlight,
                     ", --client_threads 1 to 64"));
  }
  if (plan.deadline <= absl::ZeroDuration() || plan.deadline > absl::Minutes(1)) {
    return absl::InvalidArgumentError("--deadline must be more than 0 and at most 1m");
  }
  return absl::OkStatus();
}

absl::StatusOr<RunPlan> PlanFromFlags() {
  RunPlan plan;
  if (absl::Status read = ReadConcurrency(plan); !read.ok()) return read;
  if (absl::Status read = ReadLimits(plan); !read.ok()) return read;
  plan.binaries = {absl::GetFlag(FLAGS_intake_binary), absl::GetFlag(FLAGS_investigation_binary),
                   absl::GetFlag(FLAGS_remedy_binary)};
  plan.echo_binary = absl::GetFlag(FLAGS_echo_binary);
  plan.cases_dir = absl::GetFlag(FLAGS_cases_dir);
  if (const absl::Duration limit = absl::GetFlag(FLAGS_time_limit); limit > absl::ZeroDuration()) {
    plan.time_limit = limit;
  } else {
    plan.time_limit = TimeLimitFor(plan);
  }
  return plan;
}

// Ends the run, killing every server it started, when it has not finished within `limit`: a
// benchmark left running on a shared machine costs everyone.
class RunTimeLimit {
 public:
  explicit RunTimeLimit(absl::Duration limit)
      : watchdog_([this, limit] {
          if (done_.WaitForNotificationWithTimeout(limit)) return;
          std::fprintf(stderr, "load_bench: stopped at the time limit of %s\n",
                       absl::FormatDuration(limit).c_str());
          KillChildren();
          _exit(3);
        }) {}
  ~RunTimeLimit() {
    done_.Notify();
    watchdog_.join();
  }

 private:
  absl::Notification done_;
  std::thread watchdog_;
};

// Runs the plan with its servers' data in `dir`; the process's exit code.
int Run(const RunPlan& plan, const std::string& dir, const std::string& command) {
  absl::StatusOr<redress::testing::LoadedCase> fixture = redress::testing::LoadCase(
      plan.cases_dir, kFixtureCase, redress::Today(redress::SystemClock()));
  if (!fixture.ok()) {
    std::fprintf(stderr, "load_bench: %s\n", fixture.status().ToString().c_str());
    return 2;
  }
  LoadRun run(plan, dir, *std::move(fixture));
  absl::Status status = run.Start();
  if (status.ok()) status = run.Preload();
  if (status.ok()) status = run.RunCells();
  if (!status.ok()) {
    std::fprintf(stderr, "load_bench: %s\n", status.ToString().c_str());
    return 1;
  }
  const std::string report = run.Report(command);
  std::fputs(report.c_str(), stdout);
  std::fflush(stdout);
  if (const std::string out = absl::GetFlag(FLAGS_out); !out.empty()) {
    std::ofstream file(out);
    file << report;
    if (!file.good()) {
      std::fprintf(stderr, "load_bench: cannot write %s\n", out.c_str());
      return 1;
    }
  }
  return 0;
}

}  // namespace
}  // namespace redress::bench

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "keeps N calls in flight against an echo baseline and the Redress services; prints a "
      "Markdown table (see docs/performance.md)");
  absl::ParseCommandLine(argc, argv);
  const std::string command = absl::StrJoin(std::vector<std::string>(argv, argv + argc), " ");
  absl::StatusOr<redress::bench::RunPlan> plan = redress::bench::PlanFromFlags();
  if (!plan.ok()) {
    std::fprintf(stderr, "load_bench: %s\n", std::string(plan.status().message()).c_str());
    return 2;
  }
  redress::bench::RunTimeLimit limit(plan->time_limit);
  const std::string dir = redress::testing::MakeTempDir("load_bench");
  const int code = redress::bench::Run(*plan, dir, command);
  if (absl::GetFlag(FLAGS_keep_data)) {
    std::fprintf(stderr, "load_bench: data and logs kept in %s\n", dir.c_str());
  } else {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  return code;
}
