// Durability beyond a crash of the process: a power failure loses whatever the operating system
// had not been told to make durable (power_loss_vfs.h drops every write not followed by a sync).
// With the settings SqliteDb::Open makes (WAL, synchronous=FULL) and its group commit, every
// write acknowledged before the power went is there afterwards and the file passes
// integrity_check; with synchronous=OFF, or NORMAL (which in WAL mode syncs the log only at
// checkpoints), acknowledged writes are lost: the shim does lose what was not synced, so the
// first test would see a commit path that returned before its sync.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/store/sqlite/power_loss_vfs.h"
#include "common/store/sqlite/sqlite.h"
#include "common/testing/scratch_dir.h"
#include "common/testing/sqlite_file_test.h"
#include "common/testing/status_matchers.h"

namespace redress {
namespace {

using ::redress::testing::IsOk;

const std::vector<Migration> kSchema = {
    {1, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE, data BLOB);"},
};

absl::Status WriteNote(SqliteDb& db, const std::string& body) {
  Connection connection = db.Lock();
  absl::StatusOr<Transaction> transaction = connection.Begin();
  if (!transaction.ok()) return transaction.status();
  absl::StatusOr<Statement> insert =
      connection.Prepare("INSERT INTO notes (body, data) VALUES (?, ?)");
  if (!insert.ok()) return insert.status();
  // Some bulk, so that the log is checkpointed into the database file now and then.
  if (absl::Status run = insert->Bind(1, body).BindBlob(2, std::string(2000, 'x')).Run();
      !run.ok()) {
    return run;
  }
  return transaction->Commit();
}

class SqlitePowerLossTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(testing::InstallPowerLossVfs()); }
  void TearDown() override {
    if (testing::PowerIsCut()) testing::RestorePower();
  }

  std::unique_ptr<SqliteDb> Open() {
    absl::StatusOr<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(path_, kSchema);
    EXPECT_THAT(db, IsOk());
    return db.ok() ? *std::move(db) : nullptr;
  }

  // Cuts the power, closes the database (nothing it does then reaches the disk) and restores the
  // files to what was synced: the disk as the machine finds it when it starts again.
  void LosePower(std::unique_ptr<SqliteDb> db) {
    testing::CutPower();
    db.reset();
    testing::RestorePower();
  }

  // The notes an independent connection finds after the power returns, and integrity_check.
  std::set<std::string> SurvivingNotes() {
    testing::RawDb raw(path_);
    std::set<std::string> bodies;
    // The table itself is lost with the power when its creation was never synced.
    if (raw.Query("SELECT name FROM sqlite_master WHERE name = 'notes'").empty()) return bodies;
    for (const auto& row : raw.Query("SELECT body FROM notes")) bodies.insert(row[0]);
    return bodies;
  }
  std::string IntegrityCheck() {
    testing::RawDb raw(path_);
    auto rows = raw.Query("PRAGMA integrity_check");
    return rows.size() == 1 ? rows[0][0] : "no answer";
  }

  // Writes `count` notes one at a time, all acknowledged, under `synchronous`, then loses power;
  // how many of them survive.
  int SurvivorsOfSequentialWrites(const std::string& synchronous, int count) {
    auto db = Open();
    if (db == nullptr) return -1;
    {
      Connection connection = db->Lock();
      EXPECT_THAT(connection.Exec("PRAGMA synchronous=" + synchronous), IsOk());
    }
    for (int i = 0; i < count; ++i) EXPECT_THAT(WriteNote(*db, absl::StrCat("n", i)), IsOk());
    LosePower(std::move(db));
    EXPECT_EQ(IntegrityCheck(), "ok");
    return static_cast<int>(SurvivingNotes().size());
  }

  testing::ScratchDir scratch_;
  const std::string path_ = scratch_.File("notes.db");
};

TEST_F(SqlitePowerLossTest, EveryWriteAcknowledgedBeforeThePowerWentSurvivesGroupCommits) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  constexpr int kWriters = 8;
  constexpr int kAcknowledgedBeforeCut = 400;
  absl::Mutex mu;
  std::vector<std::string> acknowledged;  // guarded by mu
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; !stop.load(); ++i) {
        const std::string body = absl::StrCat("w", w, "-", i);
        const absl::Status written = WriteNote(*db, body);
        // An OK that came after the cut was never sent to anyone: a machine without power
        // answers no one. Only what was acknowledged before it is promised.
        if (!written.ok() || testing::PowerIsCut()) continue;
        absl::MutexLock lock(&mu);
        acknowledged.push_back(body);
      }
    });
  }
  // Cut the power while the writers are in full flow.
  {
    absl::MutexLock lock(&mu);
    auto enough = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
      return acknowledged.size() >= kAcknowledgedBeforeCut;
    };
    mu.Await(absl::Condition(&enough));
  }
  testing::CutPower();
  stop = true;
  for (std::thread& writer : writers) writer.join();
  const SqliteDb::WriteStats stats = db->write_stats();
  EXPECT_LT(stats.commits, stats.transactions) << "no COMMIT covered several transactions";
  LosePower(std::move(db));

  EXPECT_EQ(IntegrityCheck(), "ok");
  const std::set<std::string> surviving = SurvivingNotes();
  int lost = 0;
  for (const std::string& body : acknowledged) {
    if (surviving.count(body) == 0) ++lost;
  }
  EXPECT_EQ(lost, 0) << "of " << acknowledged.size() << " acknowledged writes";
  EXPECT_GE(acknowledged.size(), static_cast<size_t>(kAcknowledgedBeforeCut));
  EXPECT_GT(testing::DurableSyncs(), 0);
}

TEST_F(SqlitePowerLossTest, SequentialWritesUnderSynchronousFullAllSurvive) {
  EXPECT_EQ(SurvivorsOfSequentialWrites("FULL", 50), 50);
}

// The checks that the shim bites: the same writes, acknowledged the same way, are lost when the
// commit does not sync.
TEST_F(SqlitePowerLossTest, SynchronousOffLosesAcknowledgedWrites) {
  EXPECT_LT(SurvivorsOfSequentialWrites("OFF", 50), 50);
}

TEST_F(SqlitePowerLossTest, SynchronousNormalInWalModeLosesAcknowledgedWrites) {
  EXPECT_LT(SurvivorsOfSequentialWrites("NORMAL", 50), 50);
}

}  // namespace
}  // namespace redress
