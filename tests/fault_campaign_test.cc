// The fault campaign on the default store, SQLite on real files (issue 16, docs/reliability.md):
// concurrent clients drive whole cases through the three real binaries while services are
// SIGKILLed and restarted, and investigation or remedy is frozen or down for a while; afterwards
// nothing acknowledged is lost and nothing is duplicated. Label campaign; 60 s of faults unless
// REDRESS_CAMPAIGN_SECONDS says otherwise, with the seed from REDRESS_CAMPAIGN_SEED if set.
#include "tests/fault_campaign.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "common/testing/status_matchers.h"
#include "tests/case_fixture.h"
#include "tests/process.h"
#include "tests/suite_harness.h"

namespace redress::testing {
namespace {

TEST(FaultCampaignTest, NothingAcknowledgedIsLostOrDuplicatedThroughCrashesAndOutages) {
  const CampaignOptions options = CampaignOptionsFromEnvironment(60);
  std::cout << "campaign seed " << options.seed << " (REDRESS_CAMPAIGN_SEED to repeat it)"
            << std::endl;
  absl::StatusOr<std::vector<LoadedCase>> cases = LoadCampaignCases(REDRESS_CASES_DIR);
  ASSERT_THAT(cases, IsOk());
  const std::string data_dir = MakeTempDir("fault_campaign");
  SuiteOptions suite_options;
  suite_options.service_flags = CampaignServiceFlags();
  Suite suite({REDRESS_INTAKE_BINARY, REDRESS_INVESTIGATION_BINARY, REDRESS_REMEDY_BINARY},
              data_dir, suite_options);
  ASSERT_THAT(suite.Start(), IsOk()) << suite.Logs();

  const CampaignReport report = RunCampaign(suite, *cases, options);
  std::cout << report.Line() << std::endl;
  EXPECT_EQ(report.tally.lost, 0);
  EXPECT_EQ(report.tally.duplicated, 0);
  EXPECT_THAT(report.tally.problems, ::testing::IsEmpty())
      << absl::StrJoin(report.tally.problems, "\n");
  EXPECT_THAT(report.failures, ::testing::IsEmpty()) << absl::StrJoin(report.failures, "\n");
  EXPECT_GE(report.faults.kills, 1);
  EXPECT_GE(report.faults.outages, 1);
  EXPECT_GE(report.cases, 3);
  if (HasFailure()) {
    std::cout << "data kept in " << data_dir << std::endl;
  } else {
    std::error_code ignored;
    std::filesystem::remove_all(data_dir, ignored);
  }
}

}  // namespace
}  // namespace redress::testing
