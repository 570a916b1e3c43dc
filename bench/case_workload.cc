#include "bench/case_workload.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "tests/case_run.h"

namespace redress::bench {
namespace {

// Every step of a case, in order, stopping at the first that fails.
absl::Status RunCase(redress::testing::CaseRun& run) {
  for (absl::Status (redress::testing::CaseRun::*step)() :
       {&redress::testing::CaseRun::RegisterOrganisations,
        &redress::testing::CaseRun::SubmitAndAccept, &redress::testing::CaseRun::AwaitInvestigation,
        &redress::testing::CaseRun::Investigate, &redress::testing::CaseRun::Decide,
        &redress::testing::CaseRun::SettleRecommendations}) {
    if (absl::Status status = (run.*step)(); !status.ok()) return status;
  }
  redress::remedy::v1::CaseSummary summary;
  const grpc::Status published = run.Publish(summary);
  return redress::testing::Checked("PublishCaseSummary", published);
}

}  // namespace

CaseWorkload::CaseWorkload(redress::testing::Suite& suite, redress::testing::LoadedCase fixture)
    : suite_(suite), fixture_(std::move(fixture)) {}

int CaseWorkload::RunOne(int64_t sequence) {
  redress::testing::LoadedCase loaded = fixture_;
  loaded.name = absl::StrCat(fixture_.name, "-", sequence);
  redress::testing::CaseRun run(suite_, loaded);
  const absl::Status status = RunCase(run);
  if (!status.ok()) {
    std::lock_guard<std::mutex> lock(mu_);
    if (first_failure_.empty()) first_failure_ = status.ToString();
  }
  return static_cast<int>(status.code());
}

std::string CaseWorkload::first_failure() const {
  std::lock_guard<std::mutex> lock(mu_);
  return first_failure_;
}

}  // namespace redress::bench
