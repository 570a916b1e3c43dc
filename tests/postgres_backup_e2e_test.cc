// Backup and restore of the whole suite on PostgreSQL (docs/operations.md, "Backup and restore";
// label postgres): tests/backup_scenario.h's scenario with scripts/postgres-backup (pg_dump) run
// against each service's database on a real PostgreSQL 15 server while the services serve, and
// scripts/postgres-restore (pg_restore) into fresh, empty databases; and the restore's refusal of
// a database that is not empty.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/testing/postgres_server.h"
#include "common/testing/status_matchers.h"
#include "tests/backup_scenario.h"
#include "tests/process.h"
#include "tests/suite_harness.h"

namespace redress::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const char* const kServices[] = {"intake", "investigation", "remedy"};

class PostgresBackupEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = MakeTempDir("postgres_backup_e2e");
    for (const char* dir : {"live", "backups", "restored"}) {
      std::filesystem::create_directories(Dir(dir));
    }
    absl::StatusOr<std::unique_ptr<PostgresServer>> server = PostgresServer::Start();
    ASSERT_THAT(server, IsOk());
    server_ = *std::move(server);
    for (const char* service : kServices) {
      ASSERT_THAT(server_->CreateDatabase(service), IsOk());
      ASSERT_THAT(server_->CreateDatabase(absl::StrCat(service, "_restored")), IsOk());
    }
  }
  void TearDown() override {
    std::error_code ignored;
    if (!HasFailure()) std::filesystem::remove_all(root_, ignored);  // kept for diagnosis
  }
  std::string Dir(const std::string& name) const { return root_ + "/" + name; }
  std::string BackupFile(const std::string& service) const {
    return absl::StrCat(Dir("backups"), "/", service, ".dump");
  }
  SuiteOptions On(const std::string& suffix) const {
    SuiteOptions options;
    for (const char* service : kServices) {
      options.service_flags[service] = {"--database_url=" +
                                        server_->UrlFor(absl::StrCat(service, suffix))};
    }
    return options;
  }
  std::string Restore(const std::string& service, const std::string& database) const {
    return absl::StrCat(REDRESS_SOURCE_DIR, "/scripts/postgres-restore ", BackupFile(service), " '",
                        server_->UrlFor(database), "'");
  }

  std::string root_;
  std::unique_ptr<PostgresServer> server_;
};

TEST_F(PostgresBackupEndToEndTest, ASuiteRestoredFromPgDumpsServesTheSameCases) {
  BackupScenario scenario;
  scenario.binaries = {REDRESS_INTAKE_BINARY, REDRESS_INVESTIGATION_BINARY, REDRESS_REMEDY_BINARY};
  scenario.cases_dir = REDRESS_CASES_DIR;
  scenario.live_dir = Dir("live");
  scenario.restored_dir = Dir("restored");
  scenario.live = On("");
  scenario.restored = On("_restored");
  scenario.backup = [&](const std::string& service) {
    return RunCommand(absl::StrCat(REDRESS_SOURCE_DIR, "/scripts/postgres-backup '",
                                   server_->UrlFor(service), "' ", BackupFile(service)));
  };
  scenario.restore = [&](const std::string& service) {
    return RunCommand(Restore(service, absl::StrCat(service, "_restored")));
  };
  RunBackupScenario(scenario);

  // A restore never lands on a database that holds anything.
  std::string out;
  EXPECT_THAT(RunCommand(Restore("intake", "intake_restored"), &out), Not(IsOk()));
  EXPECT_THAT(out, HasSubstr("restore only into an empty database"));
  // Nor does a backup overwrite a file.
  EXPECT_THAT(RunCommand(absl::StrCat(REDRESS_SOURCE_DIR, "/scripts/postgres-backup '",
                                      server_->UrlFor("intake"), "' ", BackupFile("intake")),
                         &out),
              Not(IsOk()));
  EXPECT_THAT(out, HasSubstr("never overwrites"));
}

}  // namespace
}  // namespace redress::testing
