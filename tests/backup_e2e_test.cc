// Backup and restore of the whole suite on SQLite (docs/operations.md, "Backup and restore"):
// tests/backup_scenario.h's scenario with `redress backup-database`, run against each live
// database file while the services serve, and `redress restore-database` into a fresh data
// directory; and what the two commands refuse.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "tests/backup_scenario.h"
#include "tests/process.h"
#include "tests/suite_harness.h"

namespace redress::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

SuiteBinaries Binaries() {
  return {REDRESS_INTAKE_BINARY, REDRESS_INVESTIGATION_BINARY, REDRESS_REMEDY_BINARY};
}

std::string Redress(const std::string& args) {
  return absl::StrCat("timeout 60 ", REDRESS_CLI_BINARY, " ", args);
}

class BackupEndToEndTest : public ::testing::Test {
 protected:
  BackupEndToEndTest() : root_(MakeTempDir("backup_e2e")) {
    for (const char* dir : {"live", "backups", "restored"}) {
      std::filesystem::create_directories(Dir(dir));
    }
  }
  ~BackupEndToEndTest() override {
    std::error_code ignored;
    if (!HasFailure()) std::filesystem::remove_all(root_, ignored);  // kept for diagnosis
  }
  std::string Dir(const std::string& name) const { return root_ + "/" + name; }
  std::string Backup(const std::string& service) const {
    return Redress(absl::StrCat("backup-database --database=", Dir("live"), "/", service,
                                ".db --output=", Dir("backups"), "/", service, ".db"));
  }
  std::string Restore(const std::string& service, const std::string& as,
                      const std::string& data_dir) const {
    return Redress(absl::StrCat("restore-database --backup=", Dir("backups"), "/", service,
                                ".db --data_dir=", data_dir, " --service=", as));
  }

  std::string root_;
};

TEST_F(BackupEndToEndTest, ASuiteRestoredFromOnlineBackupsServesTheSameCases) {
  BackupScenario scenario;
  scenario.binaries = Binaries();
  scenario.cases_dir = REDRESS_CASES_DIR;
  scenario.live_dir = Dir("live");
  scenario.restored_dir = Dir("restored");
  scenario.backup = [&](const std::string& service) {
    std::string out;
    absl::Status status = RunCommand(Backup(service), &out);
    EXPECT_THAT(out, HasSubstr(absl::StrCat("backed up ", service, "'s database")));
    return status;
  };
  scenario.restore = [&](const std::string& service) {
    return RunCommand(Restore(service, service, Dir("restored")));
  };
  RunBackupScenario(scenario);
}

TEST_F(BackupEndToEndTest, RefusesToOverwriteABackupOrALiveDatabaseOrToCrossServices) {
  Suite live(Binaries(), Dir("live"));
  ASSERT_THAT(live.Start(), IsOk());
  ASSERT_THAT(RunCommand(Backup("intake")), IsOk());
  std::string out;
  EXPECT_THAT(RunCommand(Backup("intake"), &out), Not(IsOk()));
  EXPECT_THAT(out, HasSubstr("ALREADY_EXISTS"));
  EXPECT_THAT(RunCommand(Restore("intake", "intake", Dir("live")), &out), Not(IsOk()));
  EXPECT_THAT(out, HasSubstr("--replace"));
  EXPECT_THAT(RunCommand(Restore("intake", "remedy", Dir("restored")), &out), Not(IsOk()));
  EXPECT_THAT(out, HasSubstr("intake's database, not remedy's"));
  EXPECT_FALSE(std::filesystem::exists(Dir("restored") + "/remedy.db"));
}

}  // namespace
}  // namespace redress::testing
