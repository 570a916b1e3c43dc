#include "bench/run_plan.h"

#include "bench/report.h"

namespace redress::bench {

const std::map<std::string, std::string>& OperationNames() {
  static const auto* const names =
      new std::map<std::string, std::string>{{"echo", kEchoOperation},
                                             {"submit", kSubmitOperation},
                                             {"get", kGetOperation},
                                             {"list", kListOperation},
                                             {"list_filtered", kListFilteredOperation},
                                             {"cases", kCasesOperation}};
  return *names;
}

absl::Duration TimeLimitFor(const RunPlan& plan) {
  // A cell: warm-up, window and a drain of up to one deadline. A case cell also starts a suite,
  // may wait up to two minutes for its first cases (cell.cc) and drains whole cases. The preload
  // is allowed a tenth of the rate it runs at here (about 1,000 complaints per second).
  const absl::Duration cell = plan.timing.warmup + plan.timing.measure + plan.deadline;
  absl::Duration limit = absl::Minutes(2) + absl::Seconds(static_cast<double>(plan.preload) / 100);
  for (const std::string& operation : plan.operations) {
    const absl::Duration per_cell = operation == "cases" ? cell + absl::Minutes(4) : cell;
    limit += per_cell * static_cast<double>(plan.concurrency.size());
  }
  return limit;
}

}  // namespace redress::bench
