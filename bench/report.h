// The benchmark's output as Markdown: the table of every cell, each figure with its ratio to
// the echo baseline at the same number of calls in flight in the same run, and the processes'
// memory before any load.
#pragma once

#include <string>
#include <vector>

#include "bench/cell.h"

namespace redress::bench {

// The operation name of the baseline's cells.
inline constexpr char kEchoOperation[] = "echo (baseline)";
// The operation names the targets are read from.
inline constexpr char kSubmitOperation[] = "SubmitComplaint";
inline constexpr char kGetOperation[] = "GetComplaint";
inline constexpr char kListOperation[] = "ListComplaints (first 50)";
inline constexpr char kListFilteredOperation[] = "ListComplaints (50, filtered)";
inline constexpr char kCasesOperation[] = "complete case";

// A process's resident memory once started and before any load.
struct IdleMemory {
  std::string process;
  double mib = 0;
};

std::string CellsTable(const std::vector<Cell>& cells);
std::string IdleMemoryTable(const std::vector<IdleMemory>& idle);

// Shared with targets.cc: the cell of `operation` at `in_flight`, or null.
const Cell* FindCell(const std::vector<Cell>& cells, const std::string& operation, int in_flight);
// A figure at three significant figures at most (thousands grouped).
std::string ShortNumber(double value);

}  // namespace redress::bench
