// Complete cases as the benchmark's heaviest unit of work: the fixture case driven through the
// three services by tests/case_run.h, from submission to the published summary (about 20 calls,
// and two hand-offs waited for by polling). Each case is the fixture under a name of its own, so
// that its request ids are fresh.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>

#include "tests/case_fixture.h"
#include "tests/suite_harness.h"

namespace redress::bench {

// The most cases one cell runs, on its own suite: a bound on the cell's databases should the
// cases outpace --seconds. (CaseRun finds each case's investigation by filtering
// ListInvestigations on its complaint, so a suite's earlier cases do not hide it.)
inline constexpr int64_t kCasesPerSuite = 5000;

class CaseWorkload {
 public:
  // `suite` must outlive this.
  CaseWorkload(redress::testing::Suite& suite, redress::testing::LoadedCase fixture);

  // Runs case number `sequence` to its published summary; the status code of its first failure,
  // 0 when it was published.
  int RunOne(int64_t sequence);

  // The first failure's message, for the operator; empty when none failed.
  std::string first_failure() const;

 private:
  redress::testing::Suite& suite_;
  const redress::testing::LoadedCase fixture_;
  mutable std::mutex mu_;
  std::string first_failure_;
};

}  // namespace redress::bench
