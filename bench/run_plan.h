// What one run of the load benchmark measures and how, as its flags give it (load_bench.cc).
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "bench/cell.h"
#include "tests/suite_harness.h"

namespace redress::bench {

struct RunPlan {
  // Calls in flight, one cell of each operation per value, in this order.
  std::vector<int> concurrency;
  // --operations names (OperationNames()), measured in this order at each concurrency.
  std::vector<std::string> operations;
  CellTiming timing;
  // Complaints to store before measuring, and with how many calls in flight.
  int64_t preload = 0;
  int preload_in_flight = 32;
  absl::Duration deadline = absl::Seconds(10);
  // Connections to each server that the calls in flight are spread over, and the client's
  // completion-queue threads.
  int connections = 1;
  int client_threads = 2;
  redress::testing::SuiteBinaries binaries;
  std::string echo_binary;
  std::string cases_dir;
  // The whole run's limit (load_bench.cc stops the run there).
  absl::Duration time_limit;

  bool Has(const std::string& operation) const {
    return std::find(operations.begin(), operations.end(), operation) != operations.end();
  }
};

// The --operations names and the operations (table rows) they measure.
const std::map<std::string, std::string>& OperationNames();

// Long enough for every cell, each case cell's own suite and the preload; the run is stopped
// after it (load_bench.cc).
absl::Duration TimeLimitFor(const RunPlan& plan);

}  // namespace redress::bench
