#include "bench/targets.h"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace redress::bench {
namespace {

// 50 MB in MiB, the unit /proc reports in.
constexpr double kIdleLimitMib = 50e6 / (1024.0 * 1024.0);
constexpr double kCasesPerSecond = 200;
constexpr double kP99LimitRatio = 3;

struct Reading {
  std::string measured;
  // nullopt: not measured in this run.
  std::optional<bool> met;
};

std::string Row(const std::string& target, const Reading& reading) {
  const char* verdict = !reading.met.has_value() ? "not measured" : *reading.met ? "met" : "missed";
  return absl::StrCat("| ", target, " | ", reading.measured.empty() ? "—" : reading.measured, " | ",
                      verdict, " |\n");
}

// `operation`'s OK calls per second at kTargetInFlight as a share of echo's.
Reading ThroughputRatio(const std::vector<Cell>& cells, const std::string& operation,
                        double at_least) {
  const Cell* cell = FindCell(cells, operation, kTargetInFlight);
  const Cell* echo = FindCell(cells, kEchoOperation, kTargetInFlight);
  if (cell == nullptr || echo == nullptr || echo->calls.per_second() <= 0) return {};
  const double ratio = cell->calls.per_second() / echo->calls.per_second();
  return {absl::StrFormat("%.3f× (%s of %s per s)", ratio, ShortNumber(cell->calls.per_second()),
                          ShortNumber(echo->calls.per_second())),
          ratio >= at_least};
}

// The highest ratio of an intake operation's p99 to echo's at the same concurrency.
Reading WorstP99(const std::vector<Cell>& cells) {
  const Cell* worst = nullptr;
  double worst_ratio = 0;
  for (const Cell& cell : cells) {
    const Cell* echo = FindCell(cells, kEchoOperation, cell.in_flight);
    if (cell.whole_cases || &cell == echo || echo == nullptr || echo->calls.p99_ms <= 0) continue;
    const double ratio = cell.calls.p99_ms / echo->calls.p99_ms;
    if (worst == nullptr || ratio > worst_ratio) {
      worst = &cell;
      worst_ratio = ratio;
    }
  }
  if (worst == nullptr) return {};
  return {absl::StrFormat("worst %.1f×: %s at %d in flight", worst_ratio, worst->operation,
                          worst->in_flight),
          worst_ratio <= kP99LimitRatio};
}

Reading BestCaseRate(const std::vector<Cell>& cells) {
  const Cell* best = nullptr;
  for (const Cell& cell : cells) {
    if (!cell.whole_cases) continue;
    if (best == nullptr || cell.calls.per_second() > best->calls.per_second()) best = &cell;
  }
  if (best == nullptr) return {};
  return {absl::StrFormat("best %s per s (at %d in flight)", ShortNumber(best->calls.per_second()),
                          best->in_flight),
          best->calls.per_second() >= kCasesPerSecond};
}

Reading Errors(const std::vector<Cell>& cells) {
  if (cells.empty()) return {};
  int64_t total = 0;
  int with_errors = 0;
  for (const Cell& cell : cells) {
    total += cell.calls.error_count();
    if (cell.calls.error_count() > 0) ++with_errors;
  }
  if (total == 0) return {absl::StrFormat("no errors in any of the %d cells", cells.size()), true};
  return {absl::StrFormat("%d errors, in %d of the %d cells", total, with_errors, cells.size()),
          false};
}

Reading IdleMemoryOfServices(const std::vector<IdleMemory>& idle) {
  const IdleMemory* largest = nullptr;
  for (const IdleMemory& process : idle) {
    if (process.process == kEchoOperation) continue;
    if (largest == nullptr || process.mib > largest->mib) largest = &process;
  }
  if (largest == nullptr) return {};
  return {absl::StrFormat("largest %s MiB (%s)", ShortNumber(largest->mib), largest->process),
          largest->mib < kIdleLimitMib};
}

}  // namespace

std::string TargetsTable(const std::vector<Cell>& cells, const std::vector<IdleMemory>& idle) {
  const std::string at = absl::StrCat(" at ", kTargetInFlight, " in flight");
  return absl::StrCat(
      "| target (issue 15) | measured | |\n| --- | --- | --- |\n",
      Row(absl::StrCat("SubmitComplaint", at, " ≥ 0.5× echo"),
          ThroughputRatio(cells, kSubmitOperation, 0.5)),
      Row(absl::StrCat("GetComplaint", at, " ≥ 0.8× echo"),
          ThroughputRatio(cells, kGetOperation, 0.8)),
      Row(absl::StrCat("ListComplaints (50)", at, " ≥ 0.3× echo"),
          ThroughputRatio(cells, kListOperation, 0.3)),
      Row("p99 ≤ 3× echo's (every intake operation and concurrency)", WorstP99(cells)),
      Row("complete cases ≥ 200 per second", BestCaseRate(cells)),
      Row("zero errors at every concurrency", Errors(cells)),
      Row("every service < 50 MB (47.7 MiB) RSS idle", IdleMemoryOfServices(idle)));
}

}  // namespace redress::bench
