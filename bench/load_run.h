// One run of the load benchmark: starts the echo server and the suite, stores the preload,
// measures every operation at every concurrency, and reports. A server that dies during a cell
// (a crash is a finding, not the end of the run) is noted against that cell and restarted, with
// a fresh client, before the next one.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "bench/bench_servers.h"
#include "bench/cell.h"
#include "bench/intake_workload.h"
#include "bench/load_generator.h"
#include "bench/preload.h"
#include "bench/report.h"
#include "bench/run_plan.h"
#include "tests/case_fixture.h"

namespace redress::bench {

// The case whose complaint is every request's payload and which the complete-case cells run.
inline constexpr char kFixtureCase[] = "2-cafcass-apology";

class LoadRun {
 public:
  // Servers log and store into `dir`.
  LoadRun(RunPlan plan, std::string dir, redress::testing::LoadedCase fixture);

  // Starts the echo server and the suite, and notes their memory before any load.
  absl::Status Start();
  // Stores the plan's preload (or kMinimumStored when reads would otherwise find nothing).
  absl::Status Preload();
  // Every operation at every concurrency, concurrency by concurrency, so that each operation is
  // measured close in time to the echo it is compared with.
  absl::Status RunCells();
  // The Markdown report; `command` is how the run was started.
  std::string Report(const std::string& command) const;

 private:
  Cell MeasureUnary(const std::string& operation, int in_flight);
  absl::StatusOr<Cell> MeasureCases(int in_flight);
  // Restarts intake when it has died, with a fresh client; notes it in `cell` when given.
  absl::Status RestartIntakeIfDied(Cell* cell);
  // A client of `address` over `connections` connections.
  std::unique_ptr<LoadGenerator> ClientOf(const std::string& address, int connections) const;
  std::string Description(const std::string& command) const;

  const RunPlan plan_;
  const std::string dir_;
  const redress::testing::LoadedCase fixture_;
  IntakeWorkload workload_;
  CellRunner runner_;
  EchoServer echo_;
  std::unique_ptr<redress::testing::Suite> suite_;
  std::vector<ServerProcess> echo_process_, intake_process_;
  std::unique_ptr<LoadGenerator> echo_client_, intake_client_;
  std::vector<IdleMemory> idle_;
  PreloadResult preloaded_;
  absl::Time started_;
  // /proc/loadavg when the run started: other work on the machine skews every figure.
  std::string load_average_;
  int intake_restarts_ = 0;
  std::vector<Cell> cells_;
};

}  // namespace redress::bench
