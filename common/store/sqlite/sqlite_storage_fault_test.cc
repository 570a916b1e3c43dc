// Storage faults on a real database file (sqlite.h, SqliteOptions::write_health): a full database
// (max_page_count) or a log that cannot be written (the faulty VFS: SQLITE_FULL, SQLITE_IOERR)
// fails the write UNAVAILABLE with reason STORE_UNAVAILABLE and a RetryInfo, leaves no part of it
// and every acknowledged write intact, and makes the write health unwritable; the probe finds the
// store writable again by itself once there is space. A COMMIT whose sync hangs marks the health
// stalled until it returns.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/errors.h"
#include "common/store/sqlite/faulty_log_vfs.h"
#include "common/store/sqlite/sqlite.h"
#include "common/testing/scratch_dir.h"
#include "common/testing/sqlite_file_test.h"
#include "common/testing/status_matchers.h"

namespace redress {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Optional;

constexpr absl::Duration kPatience = absl::Seconds(20);  // bound on every wait for a thread

const std::vector<Migration> kSchema = {
    {1, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE, data BLOB);"},
};

// The health's changes, in order, and a bounded wait for the next one.
class HealthChanges {
 public:
  explicit HealthChanges(StoreWriteHealth& health) {
    health.OnChange([this](bool writable) {
      absl::MutexLock lock(&mu_);
      changes_.push_back(writable);
    });
  }
  // Waits until the last change reported `writable`.
  bool AwaitLast(bool writable) {
    absl::MutexLock lock(&mu_);
    wanted_ = writable;
    return mu_.AwaitWithTimeout(absl::Condition(this, &HealthChanges::LastIsWanted), kPatience);
  }
  std::vector<bool> changes() {
    absl::MutexLock lock(&mu_);
    return changes_;
  }

 private:
  bool LastIsWanted() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return !changes_.empty() && changes_.back() == wanted_;
  }
  absl::Mutex mu_;
  std::vector<bool> changes_ ABSL_GUARDED_BY(mu_);
  bool wanted_ ABSL_GUARDED_BY(mu_) = true;
};

class SqliteStorageFaultTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(testing::InstallFaultyLogVfs()); }
  void TearDown() override {
    testing::FailLogWrites(false);
    testing::StallLogSyncs(false);
  }

  std::unique_ptr<SqliteDb> Open() {
    SqliteOptions options;
    options.write_health = &health_;
    options.write_probe_interval = absl::Milliseconds(20);
    options.stall_threshold = absl::Milliseconds(200);
    absl::StatusOr<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(path_, kSchema, options);
    EXPECT_THAT(db, IsOk());
    return db.ok() ? *std::move(db) : nullptr;
  }

  // One write transaction inserting `body` with `size` bytes of data: what a store's write does.
  static absl::Status Write(SqliteDb& db, const std::string& body, size_t size = 100) {
    Connection connection = db.Lock();
    absl::StatusOr<Transaction> transaction = connection.Begin();
    if (!transaction.ok()) return transaction.status();
    absl::StatusOr<Statement> insert =
        connection.Prepare("INSERT INTO notes (body, data) VALUES (?, ?)");
    if (!insert.ok()) return insert.status();
    if (absl::Status run = insert->Bind(1, body).BindBlob(2, std::string(size, 'x')).Run();
        !run.ok()) {
      return run;
    }
    return transaction->Commit();
  }

  static absl::Status SetMaxPageCount(SqliteDb& db, const std::string& value) {
    Connection connection = db.Lock();
    return connection.Exec("PRAGMA max_page_count = " + value);
  }

  // What an independent connection finds in the file: every note's body, and integrity_check.
  std::vector<std::vector<std::string>> Bodies() {
    testing::RawDb raw(path_);
    return raw.Query("SELECT body FROM notes ORDER BY id");
  }
  std::vector<std::vector<std::string>> IntegrityCheck() {
    testing::RawDb raw(path_);
    return raw.Query("PRAGMA integrity_check");
  }

  static void ExpectStoreCannotWrite(const absl::Status& status, std::string_view cause) {
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kUnavailable));
    EXPECT_TRUE(IsStoreCannotWrite(status)) << status;
    EXPECT_EQ(ErrorReasonOf(status), reason::kStoreUnavailable);
    EXPECT_THAT(RetryDelayOf(status), Optional(kStoreFaultRetryDelay));
    EXPECT_TRUE(HasInternalDetail(status));  // a client gets the generic message
    EXPECT_THAT(WithoutInternalDetail(status).message(), ::testing::HasSubstr("cannot write"));
    EXPECT_THAT(status.ToString(), ::testing::HasSubstr(std::string(cause)));
  }

  testing::ScratchDir scratch_;
  const std::string path_ = scratch_.File("notes.db");
  StoreWriteHealth health_{"test"};
  HealthChanges changes_{health_};
};

std::vector<std::vector<std::string>> Rows(const std::vector<std::string>& bodies) {
  std::vector<std::vector<std::string>> rows;
  for (const std::string& body : bodies) rows.push_back({body});
  return rows;
}

TEST_F(SqliteStorageFaultTest, AFullDatabaseFailsWritesRetryablyAndRecoversByItselfWithSpace) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  std::vector<std::string> acknowledged;
  for (int i = 0; i < 20; ++i) {
    ASSERT_THAT(Write(*db, absl::StrCat("before ", i)), IsOk());
    acknowledged.push_back(absl::StrCat("before ", i));
  }
  // No page beyond those there are (SQLite raises a limit below the page count to it).
  ASSERT_THAT(SetMaxPageCount(*db, "1"), IsOk());

  // Writes that need new pages fail; none leaves anything behind.
  for (int i = 0; i < 3; ++i) {
    const absl::Status full = Write(*db, absl::StrCat("refused ", i), 64 * 1024);
    ExpectStoreCannotWrite(full, "full");
  }
  EXPECT_TRUE(changes_.AwaitLast(false));
  EXPECT_FALSE(health_.writable());
  EXPECT_EQ(Bodies(), Rows(acknowledged));
  EXPECT_EQ(IntegrityCheck(), Rows({"ok"}));

  // Space returns: the probe finds it without any caller writing.
  ASSERT_THAT(SetMaxPageCount(*db, "1000000"), IsOk());
  EXPECT_TRUE(changes_.AwaitLast(true));
  EXPECT_THAT(changes_.changes(), ElementsAre(false, true));  // one change each way
  ASSERT_THAT(Write(*db, "after", 64 * 1024), IsOk());
  acknowledged.push_back("after");
  db.reset();
  EXPECT_EQ(Bodies(), Rows(acknowledged));
  EXPECT_EQ(IntegrityCheck(), Rows({"ok"}));
  testing::RawDb raw(path_);  // the probe left no table behind
  EXPECT_EQ(raw.Query("SELECT name FROM sqlite_master WHERE name LIKE '%probe%'"), Rows({}));
}

TEST_F(SqliteStorageFaultTest, AFullDiskFailsTheCommitOfEveryWriteAndLosesNoAcknowledgedOne) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  ASSERT_THAT(Write(*db, "acknowledged"), IsOk());
  testing::FailLogWrites(true);
  ExpectStoreCannotWrite(Write(*db, "refused"), "full");
  EXPECT_TRUE(changes_.AwaitLast(false));
  // The probe keeps failing while the disk is full.
  absl::SleepFor(absl::Milliseconds(100));
  EXPECT_FALSE(health_.writable());
  EXPECT_EQ(Bodies(), Rows({"acknowledged"}));

  testing::FailLogWrites(false);
  EXPECT_TRUE(changes_.AwaitLast(true));
  ASSERT_THAT(Write(*db, "after"), IsOk());
  db.reset();
  EXPECT_EQ(Bodies(), Rows({"acknowledged", "after"}));
  EXPECT_EQ(IntegrityCheck(), Rows({"ok"}));
}

TEST_F(SqliteStorageFaultTest, AnIoErrorIsRetryableAndRecoversTheSameWay) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  ASSERT_THAT(Write(*db, "acknowledged"), IsOk());
  testing::FailLogWritesWithIoError(true);
  ExpectStoreCannotWrite(Write(*db, "refused"), kStoreFaultIoError);
  EXPECT_TRUE(changes_.AwaitLast(false));
  testing::FailLogWritesWithIoError(false);
  EXPECT_TRUE(changes_.AwaitLast(true));
  ASSERT_THAT(Write(*db, "after"), IsOk());
  db.reset();
  EXPECT_EQ(Bodies(), Rows({"acknowledged", "after"}));
  EXPECT_EQ(IntegrityCheck(), Rows({"ok"}));
}

TEST_F(SqliteStorageFaultTest, OtherErrorsSayNothingAboutTheDisk) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  ASSERT_THAT(Write(*db, "once"), IsOk());
  EXPECT_THAT(Write(*db, "once"), StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_TRUE(health_.writable());
  EXPECT_THAT(changes_.changes(), ElementsAre());
}

TEST_F(SqliteStorageFaultTest, ACommitStalledPastTheThresholdMarksTheStoreUnwritableUntilItEnds) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  testing::StallLogSyncs(true);
  absl::Status stalled_write = absl::UnknownError("not run");
  std::thread writer([&] { stalled_write = Write(*db, "slow"); });
  EXPECT_TRUE(changes_.AwaitLast(false));
  EXPECT_EQ(testing::StalledLogSyncs(), 1);
  testing::StallLogSyncs(false);
  EXPECT_TRUE(changes_.AwaitLast(true));
  writer.join();
  EXPECT_THAT(stalled_write, IsOk());
  EXPECT_THAT(changes_.changes(), ElementsAre(false, true));
  EXPECT_EQ(Bodies(), Rows({"slow"}));
}

}  // namespace
}  // namespace redress
