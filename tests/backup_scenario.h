// The backup-and-restore scenario both stores run (backup_e2e_test.cc on SQLite,
// postgres_backup_e2e_test.cc on PostgreSQL): the three real binaries carry a case to its
// published summary; while a client keeps submitting complaints, each service's database is backed
// up (intake, then investigation, then remedy); the suite is killed, the backups are restored, and
// the suite started on them must serve the same complaint, investigation, recommendations and
// summary, every complaint acknowledged before the backups began, and a new case from complaint
// to publication. Failures are reported through GoogleTest.
#pragma once

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "tests/suite_harness.h"

namespace redress::testing {

// What differs between the stores.
struct BackupScenario {
  SuiteBinaries binaries;
  std::string cases_dir;  // tests/fixtures/cases
  // Where the suite runs before the backup, and on the restored databases (the data directory
  // holds the logs, and the SQLite files when no --database_url is given).
  std::string live_dir, restored_dir;
  SuiteOptions live, restored;
  // Backs up `service`'s database ("intake", ...) while the suite runs.
  std::function<absl::Status(const std::string& service)> backup;
  // Restores it for the restored suite, after the live one was killed.
  std::function<absl::Status(const std::string& service)> restore;
};

void RunBackupScenario(const BackupScenario& scenario);

// Runs `command` with /bin/sh: OK when it exits 0, else an error with its output (both streams).
// `output`, when given, receives the output either way.
absl::Status RunCommand(const std::string& command, std::string* output = nullptr);

}  // namespace redress::testing
