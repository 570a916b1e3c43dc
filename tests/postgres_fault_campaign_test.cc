// The fault campaign on PostgreSQL (issue 16, docs/reliability.md): the three services on a
// primary with a synchronous streaming standby, behind a multi-host URL, as in
// failover_e2e_test.cc. Besides the services' crashes and outages, the primary is killed (an
// immediate shutdown) once mid-campaign and the standby promoted; afterwards nothing acknowledged
// is lost and nothing is duplicated. Labels campaign and postgres.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/testing/postgres_server.h"
#include "common/testing/status_matchers.h"
#include "tests/case_fixture.h"
#include "tests/fault_campaign.h"
#include "tests/process.h"
#include "tests/suite_harness.h"

namespace redress::testing {
namespace {

TEST(PostgresFaultCampaignTest, NothingAcknowledgedIsLostThroughCrashesOutagesAndAFailover) {
  CampaignOptions options = CampaignOptionsFromEnvironment(60);
  std::cout << "campaign seed " << options.seed << " (REDRESS_CAMPAIGN_SEED to repeat it)"
            << std::endl;
  absl::StatusOr<std::vector<LoadedCase>> cases = LoadCampaignCases(REDRESS_CASES_DIR);
  ASSERT_THAT(cases, IsOk());

  PostgresServerOptions server_options;
  server_options.fsync = false;  // the server process is killed, not the machine
  auto started = PostgresServer::Start(server_options);
  ASSERT_THAT(started, IsOk());
  std::unique_ptr<PostgresServer> primary = *std::move(started);
  for (const char* database : {"intake", "investigation", "remedy"}) {
    ASSERT_THAT(primary->CreateDatabase(database), IsOk());
  }
  auto standby_started = primary->StartStandby();
  ASSERT_THAT(standby_started, IsOk());
  std::unique_ptr<PostgresServer> standby = *std::move(standby_started);
  // A commit returns only once the standby has it: nothing acknowledged dies with the primary.
  ASSERT_THAT(primary->Execute("ALTER SYSTEM SET synchronous_standby_names = '*'"), IsOk());
  ASSERT_THAT(primary->Execute("SELECT pg_reload_conf()"), IsOk());

  SuiteOptions suite_options;
  suite_options.service_flags = CampaignServiceFlags();
  for (const char* service : {"intake", "investigation", "remedy"}) {
    suite_options.service_flags[service].push_back(
        absl::StrCat("--database_url=postgresql://postgres@", primary->host_and_port(), ",",
                     standby->host_and_port(), "/", service,
                     "?target_session_attrs=read-write&connect_timeout=2"));
  }
  const std::string data_dir = MakeTempDir("postgres_fault_campaign");
  Suite suite({REDRESS_INTAKE_BINARY, REDRESS_INVESTIGATION_BINARY, REDRESS_REMEDY_BINARY},
              data_dir, suite_options);
  ASSERT_THAT(suite.Start(), IsOk()) << suite.Logs();

  options.database_failover = [&]() -> absl::Status {
    if (absl::Status stopped = primary->Stop(); !stopped.ok()) return stopped;
    return standby->Promote();
  };
  const CampaignReport report = RunCampaign(suite, *cases, options);
  std::cout << report.Line() << std::endl;
  EXPECT_EQ(report.tally.lost, 0);
  EXPECT_EQ(report.tally.duplicated, 0);
  EXPECT_THAT(report.tally.problems, ::testing::IsEmpty())
      << absl::StrJoin(report.tally.problems, "\n");
  EXPECT_THAT(report.failures, ::testing::IsEmpty()) << absl::StrJoin(report.failures, "\n");
  EXPECT_GE(report.faults.kills, 1);
  EXPECT_GE(report.faults.outages, 1);
  EXPECT_EQ(report.faults.database_failovers, 1);
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
