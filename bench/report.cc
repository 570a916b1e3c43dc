#include "bench/report.h"

#include <algorithm>
#include <cstdint>
#include <functional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace redress::bench {
namespace {

std::string Grouped(double value) {
  std::string digits = absl::StrCat(static_cast<int64_t>(value + 0.5));
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(i, ",");
  return digits;
}

std::string Short(double value) { return ShortNumber(value); }

std::string Ratio(double value, double baseline) {
  if (baseline <= 0) return "";
  const double ratio = value / baseline;
  return absl::StrFormat(ratio >= 0.1 ? " (%.2f×)" : " (%.3f×)", ratio);
}

double CpuMicrosPerCall(const Cell& cell) {
  if (cell.calls.ok == 0) return 0;
  double seconds = 0;
  for (const ServerFigures& server : cell.servers) seconds += server.cpu_seconds;
  return seconds * 1e6 / static_cast<double>(cell.calls.ok);
}

double PeakMib(const Cell& cell) {
  double peak = 0;
  for (const ServerFigures& server : cell.servers) peak = std::max(peak, server.peak_mib);
  return peak;
}

// A figure that could not be read (a server that died, no call answered) shows as "—".
std::string Figure(double value) { return value > 0 ? Short(value) : "—"; }

std::string PeakText(const Cell& cell) {
  std::vector<std::string> parts;
  for (const ServerFigures& server : cell.servers) {
    parts.push_back(absl::StrCat(server.name, " ", Figure(server.peak_mib)));
  }
  return absl::StrJoin(parts, " · ");
}

std::string ErrorsText(const CallFigures& calls) {
  if (calls.errors.empty()) return "0";
  const double finished = static_cast<double>(calls.ok + calls.error_count());
  std::vector<std::string> parts;
  for (const auto& [code, count] : calls.errors) {
    parts.push_back(absl::StrFormat("%s %s (%.0f%%)", code, Grouped(static_cast<double>(count)),
                                    100.0 * static_cast<double>(count) / finished));
  }
  return absl::StrJoin(parts, "; ");
}

std::string Row(const Cell& cell, const Cell* echo) {
  // A complete case is a sequence of calls: its figures are shown without ratios to one call.
  const bool compare = echo != nullptr && &cell != echo && !cell.whole_cases;
  // Latency and CPU per call mean nothing when no call was answered.
  const bool answered = cell.calls.ok > 0;
  auto with_ratio = [&](double value, double baseline, bool known = true) -> std::string {
    if (!known || value <= 0) return known ? Short(value) : "—";
    return absl::StrCat(Short(value), compare ? Ratio(value, baseline) : "");
  };
  const CallFigures& c = cell.calls;
  const CallFigures* e = echo != nullptr ? &echo->calls : nullptr;
  std::string operation = cell.operation;
  if (!cell.notes.empty()) absl::StrAppend(&operation, " (", absl::StrJoin(cell.notes, "; "), ")");
  return absl::StrCat(
      "| ", operation, " | ", cell.in_flight, " | ",
      with_ratio(c.per_second(), e ? e->per_second() : 0), " | ",
      with_ratio(c.p50_ms, e ? e->p50_ms : 0, answered), " | ",
      with_ratio(c.p99_ms, e ? e->p99_ms : 0, answered), " | ",
      with_ratio(c.p999_ms, e ? e->p999_ms : 0, answered), " | ", ErrorsText(c), " | ",
      with_ratio(CpuMicrosPerCall(cell), echo ? CpuMicrosPerCall(*echo) : 0, answered), " | ",
      cell.servers.size() == 1
          ? with_ratio(PeakMib(cell), echo ? PeakMib(*echo) : 0, PeakMib(cell) > 0)
          : PeakText(cell),
      " |\n");
}

}  // namespace

const Cell* FindCell(const std::vector<Cell>& cells, const std::string& operation, int in_flight) {
  for (const Cell& cell : cells) {
    if (cell.operation == operation && cell.in_flight == in_flight) return &cell;
  }
  return nullptr;
}

// Three significant figures at most, so that small and large figures read alike.
std::string ShortNumber(double value) {
  if (value >= 100) return Grouped(value);
  if (value >= 10) return absl::StrFormat("%.1f", value);
  return absl::StrFormat("%.2f", value);
}

std::string CellsTable(const std::vector<Cell>& cells) {
  std::string table =
      "| operation | in flight | OK calls/s | p50 ms | p99 ms | p99.9 ms | errors | "
      "server CPU µs per OK call | server peak RSS MiB |\n"
      "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |\n";
  for (const Cell& cell : cells) {
    absl::StrAppend(&table, Row(cell, FindCell(cells, kEchoOperation, cell.in_flight)));
  }
  return table;
}

std::string IdleMemoryTable(const std::vector<IdleMemory>& idle) {
  std::string table = "| process | RSS MiB after start, before load |\n| --- | ---: |\n";
  for (const IdleMemory& process : idle) {
    absl::StrAppend(&table, "| ", process.process, " | ", Short(process.mib), " |\n");
  }
  return table;
}

}  // namespace redress::bench
