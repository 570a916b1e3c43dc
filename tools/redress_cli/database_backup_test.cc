#include "tools/redress_cli/database_backup.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "common/testing/scratch_dir.h"
#include "common/testing/status_matchers.h"
#include "tools/redress_cli/cli.h"

namespace redress::cli {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::ScratchDir;
using ::redress::testing::StatusIs;
using ::testing::HasSubstr;

// A database as a service keeps it: WAL, durable commits, the service's telltale table (intake's
// `complaints`), a schema version.
class Database {
 public:
  explicit Database(const std::string& path, const char* table = "complaints") {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
    sqlite3_busy_timeout(db_, 5000);
    Exec("PRAGMA journal_mode = WAL");
    Exec("PRAGMA synchronous = FULL");
    Exec(std::string("CREATE TABLE IF NOT EXISTS ") + table +
         " (id INTEGER PRIMARY KEY, body TEXT)");
    Exec("PRAGMA user_version = 7");
  }
  ~Database() { sqlite3_close(db_); }
  void Exec(const std::string& sql) {
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << sql << ": " << (error ? error : "");
    sqlite3_free(error);
  }
  void Insert(int n, const std::string& table = "complaints") {
    Exec("BEGIN");
    for (int i = 0; i < n; ++i) {
      Exec("INSERT INTO " + table + " (body) VALUES ('" + std::string(200, 'x') + "')");
    }
    Exec("COMMIT");
  }

 private:
  sqlite3* db_ = nullptr;
};

// Rows of `table` in the database file `path`, read on a connection of its own.
int64_t CountRows(const std::string& path, const std::string& table = "complaints") {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  int64_t count = -1;
  if (sqlite3_prepare_v2(db, ("SELECT count(*) FROM " + table).c_str(), -1, &stmt, nullptr) ==
          SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    count = sqlite3_column_int64(stmt, 0);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return count;
}

bool Exists(const std::string& path) { return std::filesystem::exists(path); }

TEST(BackupDatabaseTest, CopiesAConsistentSnapshotWhileAnotherConnectionKeepsCommitting) {
  ScratchDir dir;
  const std::string live = dir.File("intake.db");
  Database database(live);
  database.Insert(500);
  std::atomic<bool> stop{false};
  std::atomic<int> batches{0};
  std::thread writer([&] {
    Database writing(live);
    while (!stop) {
      writing.Insert(10);  // every commit adds exactly 10 rows
      ++batches;
    }
  });
  while (batches < 3) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  absl::StatusOr<DatabaseCopy> copy = BackupDatabase(live, dir.File("backup.db"));
  const int batches_after = batches;
  stop = true;
  writer.join();
  ASSERT_THAT(copy, IsOk());
  EXPECT_EQ(copy->service, "intake");
  EXPECT_EQ(copy->schema_version, 7);
  EXPECT_EQ(copy->path, dir.File("backup.db"));
  EXPECT_GT(copy->pages, 0);
  const int64_t rows = CountRows(dir.File("backup.db"));
  // A snapshot between two commits: whole batches only, from some moment during the backup.
  EXPECT_EQ((rows - 500) % 10, 0) << rows;
  EXPECT_GE(rows, 500 + 10 * 3);
  EXPECT_LE(rows, 500 + 10 * (batches_after + 1));
  struct stat info {};
  ASSERT_EQ(stat(dir.File("backup.db").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
  // One self-contained file: no WAL beside it, nothing temporary left.
  EXPECT_FALSE(Exists(dir.File("backup.db-wal")));
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.File(""))) {
    files += entry.path().filename().string().find(".partial-") != std::string::npos;
  }
  EXPECT_EQ(files, 0);
  EXPECT_THAT(IdentifyServiceDatabase(dir.File("backup.db")), IsOk());
}

TEST(BackupDatabaseTest, NeverOverwritesAFile) {
  ScratchDir dir;
  Database database(dir.File("intake.db"));
  { std::ofstream(dir.File("kept.db")) << "precious"; }
  EXPECT_THAT(BackupDatabase(dir.File("intake.db"), dir.File("kept.db")),
              StatusIs(absl::StatusCode::kAlreadyExists));
  std::ifstream kept(dir.File("kept.db"));
  std::stringstream text;
  text << kept.rdbuf();
  EXPECT_EQ(text.str(), "precious");
}

TEST(BackupDatabaseTest, AMissingDatabaseIsNotFoundAndCreatesNothing) {
  ScratchDir dir;
  EXPECT_THAT(BackupDatabase(dir.File("absent.db"), dir.File("backup.db")),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_FALSE(Exists(dir.File("absent.db")));
  EXPECT_FALSE(Exists(dir.File("backup.db")));
}

TEST(IdentifyServiceDatabaseTest, TellsTheServicesApartAndRefusesOthers) {
  ScratchDir dir;
  { Database investigation(dir.File("i.db"), "investigations"); }
  { Database remedy(dir.File("r.db"), "decision_receipts"); }
  { Database other(dir.File("o.db"), "something_else"); }
  EXPECT_EQ(IdentifyServiceDatabase(dir.File("i.db"))->service, "investigation");
  EXPECT_EQ(IdentifyServiceDatabase(dir.File("r.db"))->service, "remedy");
  EXPECT_THAT(IdentifyServiceDatabase(dir.File("o.db")),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(IdentifyServiceDatabaseTest, GarbageAndCorruptionAreDataLoss) {
  ScratchDir dir;
  { std::ofstream(dir.File("text.db")) << std::string(8192, 'z'); }
  EXPECT_THAT(IdentifyServiceDatabase(dir.File("text.db")), StatusIs(absl::StatusCode::kDataLoss));
  // A real backup with the header of its third page (a b-tree page of the table) overwritten.
  {
    Database database(dir.File("intake.db"));
    database.Insert(2000);
  }
  ASSERT_THAT(BackupDatabase(dir.File("intake.db"), dir.File("backup.db")), IsOk());
  {
    std::fstream file(dir.File("backup.db"), std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(2 * 4096);  // SQLite's default page size
    file << std::string(64, '\xff');
  }
  EXPECT_THAT(IdentifyServiceDatabase(dir.File("backup.db")),
              StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(RestoreDatabase(dir.File("backup.db"), dir.File("data"), "intake", false),
              StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_FALSE(Exists(dir.File("data/intake.db")));
}

TEST(RestoreDatabaseTest, PlacesTheBackupWhereTheServiceLooksAndRefusesToReplaceUnlessAsked) {
  ScratchDir dir;
  {
    Database database(dir.File("live.db"));
    database.Insert(42);
  }
  ASSERT_THAT(BackupDatabase(dir.File("live.db"), dir.File("backup.db")), IsOk());
  const std::string data = dir.File("data");
  absl::StatusOr<DatabaseCopy> restored =
      RestoreDatabase(dir.File("backup.db"), data, "intake", false);
  ASSERT_THAT(restored, IsOk());
  EXPECT_EQ(restored->path, data + "/intake.db");
  EXPECT_EQ(CountRows(data + "/intake.db"), 42);

  // The database has changed since, and a crashed run left its log beside it.
  {
    Database database(data + "/intake.db");
    database.Insert(8);
  }
  { std::ofstream(data + "/intake.db-wal") << "the old database's log"; }
  EXPECT_THAT(RestoreDatabase(dir.File("backup.db"), data, "intake", false),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_EQ(CountRows(data + "/intake.db"), 50);
  ASSERT_THAT(RestoreDatabase(dir.File("backup.db"), data, "intake", true), IsOk());
  EXPECT_FALSE(Exists(data + "/intake.db-wal"));
  EXPECT_EQ(CountRows(data + "/intake.db"), 42);
}

TEST(RestoreDatabaseTest, RefusesAnotherServicesBackup) {
  ScratchDir dir;
  { Database database(dir.File("live.db")); }
  ASSERT_THAT(BackupDatabase(dir.File("live.db"), dir.File("backup.db")), IsOk());
  absl::StatusOr<DatabaseCopy> restored =
      RestoreDatabase(dir.File("backup.db"), dir.File("data"), "remedy", false);
  EXPECT_THAT(restored, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(restored.status().message(), HasSubstr("intake's database, not remedy's"));
  EXPECT_FALSE(Exists(dir.File("data/remedy.db")));
}

int RunRedress(const std::vector<std::string>& args, std::string& out, std::string& err) {
  std::istringstream in;
  std::ostringstream o, e;
  const int code = RunCli(args, nullptr, {in, o, e});
  out = o.str();
  err = e.str();
  return code;
}

TEST(DatabaseCommandTest, BacksUpAndRestoresFromTheCommandLine) {
  ScratchDir dir;
  {
    Database database(dir.File("live.db"));
    database.Insert(3);
  }
  std::string out, err;
  ASSERT_EQ(RunRedress({"backup-database", "--database", dir.File("live.db"),
                        "--output=" + dir.File("b.db")},
                       out, err),
            0)
      << err;
  EXPECT_THAT(out, HasSubstr("backed up intake's database (schema version 7"));
  ASSERT_EQ(RunRedress({"restore-database", "--backup=" + dir.File("b.db"), "--data_dir",
                        dir.File("d"), "--service=intake"},
                       out, err),
            0)
      << err;
  EXPECT_THAT(out, HasSubstr("restored intake's database"));
  EXPECT_EQ(RunRedress({"restore-database", "--backup=" + dir.File("b.db"), "--data_dir",
                        dir.File("d"), "--service=intake"},
                       out, err),
            1);
  EXPECT_THAT(err, HasSubstr("ALREADY_EXISTS"));
}

TEST(DatabaseCommandTest, UsageErrorsExitTwo) {
  std::string out, err;
  EXPECT_EQ(RunRedress({"backup-database", "--database=a.db"}, out, err), 2);
  EXPECT_THAT(err, HasSubstr("needs --output"));
  EXPECT_EQ(RunRedress({"backup-database", "--database=a.db", "--output=b", "--replace"}, out, err),
            2);
  EXPECT_THAT(err, HasSubstr("no flag --replace"));
  EXPECT_EQ(
      RunRedress({"restore-database", "--backup=b", "--data_dir=d", "--service=billing"}, out, err),
      2);
  EXPECT_THAT(err, HasSubstr("not intake, investigation or remedy"));
  EXPECT_EQ(RunRedress({"backup-database", "--database=a", "--database=b", "--output=c"}, out, err),
            2);
  EXPECT_THAT(err, HasSubstr("given twice"));
  EXPECT_EQ(RunRedress({"backup-database", "stray", "--database=a", "--output=c"}, out, err), 2);
}

}  // namespace
}  // namespace redress::cli
