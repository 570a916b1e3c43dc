// Issue 15's targets read from one run's cells: each as measured, and whether it is met. Read,
// not asserted: the benchmark reports, and a missed target is for the serving model and storage
// work to close (docs/performance.md).
#pragma once

#include <string>
#include <vector>

#include "bench/cell.h"
#include "bench/report.h"

namespace redress::bench {

// The concurrency the throughput targets are stated at.
inline constexpr int kTargetInFlight = 64;

std::string TargetsTable(const std::vector<Cell>& cells, const std::vector<IdleMemory>& idle);

}  // namespace redress::bench
