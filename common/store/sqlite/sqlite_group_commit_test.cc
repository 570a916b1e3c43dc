// Group commit (sqlite.h): transactions that share a COMMIT, on real database files. Batches are
// made deterministic by holding a transaction open on the writer until the writers under test
// are queued for the connection; its Commit() then hands the connection to them in turn.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "common/store/sqlite/faulty_log_vfs.h"
#include "common/store/sqlite/sqlite.h"
#include "common/testing/scratch_dir.h"
#include "common/testing/status_matchers.h"

namespace redress {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::Each;
using ::testing::HasSubstr;
using ::testing::Not;

// The trigger stands for any error after which SQLite rolls back the whole transaction, not just
// the statement (as it may for SQLITE_IOERR, SQLITE_NOMEM and others).
const std::vector<Migration> kSchema = {
    {1,
     "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE, data BLOB);"
     "CREATE TABLE tags (note_id INTEGER NOT NULL REFERENCES notes(id) DEFERRABLE INITIALLY "
     "DEFERRED, tag TEXT NOT NULL);"
     "CREATE TRIGGER poison BEFORE INSERT ON notes WHEN NEW.body = 'poison' "
     "BEGIN SELECT RAISE(ROLLBACK, 'poisoned'); END;"},
};

// --- Helpers. ---

absl::Status InsertNote(Connection& connection, const std::string& body, size_t data_size = 0) {
  absl::StatusOr<Statement> insert =
      connection.Prepare("INSERT INTO notes (body, data) VALUES (?, ?)");
  if (!insert.ok()) return insert.status();
  return insert->Bind(1, body).BindBlob(2, std::string(data_size, 'x')).Run();
}

// One write transaction inserting `body`: what a store's write does.
absl::Status WriteNote(SqliteDb& db, const std::string& body, size_t data_size = 0) {
  Connection connection = db.Lock();
  absl::StatusOr<Transaction> transaction = connection.Begin();
  if (!transaction.ok()) return transaction.status();
  absl::Status inserted = InsertNote(connection, body, data_size);
  if (!inserted.ok()) return inserted;
  return transaction->Commit();
}

int64_t QueryInt(Connection& connection, const std::string& sql) {
  absl::StatusOr<Statement> select = connection.Prepare(sql);
  EXPECT_THAT(select, IsOk());
  if (!select.ok()) return -1;
  absl::StatusOr<bool> has_row = select->Step();
  EXPECT_THAT(has_row, IsOk());
  return has_row.ok() && *has_row ? select->ColumnInt64(0) : -1;
}

// Whether a note is committed: a reader sees only that.
bool IsCommitted(SqliteDb& db, const std::string& body) {
  Connection reader = db.Read();
  return QueryInt(reader, "SELECT COUNT(*) FROM notes WHERE body = '" + body + "'") == 1;
}

int64_t CommittedNotes(SqliteDb& db) {
  Connection reader = db.Read();
  return QueryInt(reader, "SELECT COUNT(*) FROM notes");
}

// Returns once `count` threads wait for db's writing connection.
void AwaitWritersWaiting(SqliteDb& db, int count) {
  while (db.write_stats().writers_waiting < count) std::this_thread::yield();
}

class SqliteGroupCommitTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteDb> OpenOrDie(const SqliteOptions& options = {}) {
    auto db = SqliteDb::Open(path_, kSchema, options);
    EXPECT_THAT(db, IsOk());
    return db.ok() ? *std::move(db) : nullptr;
  }

  // Writes `first` in a transaction on the writer; starts one thread per writer in `writers`,
  // which queue for the connection; once they all wait, commits `first`, handing the connection
  // to them. Returns first's Commit() status, once the writers have finished.
  absl::Status BatchWith(SqliteDb& db, const std::string& first,
                         const std::vector<std::function<void()>>& writers) {
    std::vector<std::thread> threads;
    absl::Status committed;
    {
      Connection connection = db.Lock();
      absl::StatusOr<Transaction> transaction = connection.Begin();
      EXPECT_THAT(transaction, IsOk());
      EXPECT_THAT(InsertNote(connection, first), IsOk());
      for (const std::function<void()>& writer : writers) threads.emplace_back(writer);
      AwaitWritersWaiting(db, static_cast<int>(writers.size()));
      committed = transaction.ok() ? transaction->Commit() : transaction.status();
    }
    for (std::thread& thread : threads) thread.join();
    return committed;
  }

  testing::ScratchDir dir_;
  const std::string path_ = dir_.File("db.sqlite");
};

// The difference between two WriteStats.
SqliteDb::WriteStats Since(const SqliteDb::WriteStats& before, const SqliteDb::WriteStats& now) {
  SqliteDb::WriteStats delta;
  delta.transactions = now.transactions - before.transactions;
  delta.commits = now.commits - before.commits;
  return delta;
}

TEST_F(SqliteGroupCommitTest, ManyConcurrentWritersShareCommitsAndKeepEveryWrite) {
  constexpr int kThreads = 32;
  constexpr int kTransactionsPerThread = 50;
  SqliteDb::WriteStats delta;
  {
    auto db = OpenOrDie();
    ASSERT_NE(db, nullptr);
    const SqliteDb::WriteStats before = db->write_stats();
    absl::Notification start;
    std::vector<absl::Status> outcomes(kThreads);  // each thread's last
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        start.WaitForNotification();
        for (int i = 0; i < kTransactionsPerThread && outcomes[t].ok(); ++i) {
          outcomes[t] = WriteNote(*db, std::to_string(t) + "/" + std::to_string(i));
        }
      });
    }
    start.Notify();
    for (std::thread& thread : threads) thread.join();
    EXPECT_THAT(outcomes, Each(IsOk()));
    delta = Since(before, db->write_stats());
  }
  EXPECT_EQ(delta.transactions, kThreads * kTransactionsPerThread);
  // Writers queue behind each fsync, so batches form; by how much depends on the machine.
  EXPECT_LT(delta.commits, delta.transactions / 2);
  RecordProperty("transactions", static_cast<int>(delta.transactions));
  RecordProperty("commits", static_cast<int>(delta.commits));
  // Everything acknowledged is in the file.
  auto reopened = OpenOrDie();
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(CommittedNotes(*reopened), kThreads * kTransactionsPerThread);
}

TEST_F(SqliteGroupCommitTest, WritersQueuedDuringATransactionShareItsCommit) {
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  const SqliteDb::WriteStats before = db->write_stats();
  constexpr int kQueued = 8;
  std::vector<absl::Status> statuses(kQueued);
  std::vector<std::function<void()>> writers;
  for (int i = 0; i < kQueued; ++i) {
    writers.push_back([&, i] { statuses[i] = WriteNote(*db, "queued " + std::to_string(i)); });
  }
  EXPECT_THAT(BatchWith(*db, "first", writers), IsOk());
  EXPECT_THAT(statuses, Each(IsOk()));
  const SqliteDb::WriteStats delta = Since(before, db->write_stats());
  EXPECT_EQ(delta.transactions, 1 + kQueued);
  EXPECT_EQ(delta.commits, 1);
  EXPECT_EQ(CommittedNotes(*db), 1 + kQueued);
}

TEST_F(SqliteGroupCommitTest, TheLimitBoundsHowManyTransactionsACommitCovers) {
  SqliteOptions options;
  options.group_commit_limit = 4;
  auto db = OpenOrDie(options);
  ASSERT_NE(db, nullptr);
  const SqliteDb::WriteStats before = db->write_stats();
  constexpr int kQueued = 9;
  std::vector<absl::Status> statuses(kQueued);
  std::vector<std::function<void()>> writers;
  for (int i = 0; i < kQueued; ++i) {
    writers.push_back([&, i] { statuses[i] = WriteNote(*db, "queued " + std::to_string(i)); });
  }
  EXPECT_THAT(BatchWith(*db, "first", writers), IsOk());
  EXPECT_THAT(statuses, Each(IsOk()));
  const SqliteDb::WriteStats delta = Since(before, db->write_stats());
  EXPECT_EQ(delta.transactions, 10);
  EXPECT_EQ(delta.commits, 3);  // 4 + 4 + 2
}

TEST_F(SqliteGroupCommitTest, ALoneWriterCommitsEveryTransactionAtOnce) {
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  const SqliteDb::WriteStats before = db->write_stats();
  for (int i = 0; i < 20; ++i) {
    Connection connection = db->Lock();
    auto transaction = connection.Begin();
    ASSERT_THAT(transaction, IsOk());
    ASSERT_THAT(InsertNote(connection, std::to_string(i)), IsOk());
    ASSERT_THAT(transaction->Commit(), IsOk());
    EXPECT_TRUE(IsCommitted(*db, std::to_string(i)));  // when Commit() returns, not later
  }
  const SqliteDb::WriteStats delta = Since(before, db->write_stats());
  EXPECT_EQ(delta.transactions, 20);
  EXPECT_EQ(delta.commits, 20);
}

TEST_F(SqliteGroupCommitTest, ATransactionRolledBackInABatchLosesOnlyItsOwnWrites) {
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  const SqliteDb::WriteStats before = db->write_stats();
  absl::Status rolled_back_insert;
  auto rolled_back = [&] {
    Connection connection = db->Lock();
    auto transaction = connection.Begin();
    ASSERT_THAT(transaction, IsOk());
    rolled_back_insert = InsertNote(connection, "rolled back");
    // Destroyed without Commit().
  };
  absl::Status last;
  const absl::Status first =
      BatchWith(*db, "first", {rolled_back, [&] { last = WriteNote(*db, "last"); }});
  EXPECT_THAT(first, IsOk());
  EXPECT_THAT(rolled_back_insert, IsOk());
  EXPECT_THAT(last, IsOk());
  EXPECT_TRUE(IsCommitted(*db, "first"));
  EXPECT_TRUE(IsCommitted(*db, "last"));
  EXPECT_FALSE(IsCommitted(*db, "rolled back"));
  EXPECT_EQ(Since(before, db->write_stats()).commits, 1);
}

TEST_F(SqliteGroupCommitTest, WhenTheCommitFailsEveryTransactionOfTheBatchFails) {
  ASSERT_TRUE(testing::InstallFaultyLogVfs());
  {
    auto db = OpenOrDie();
    ASSERT_NE(db, nullptr);
    std::vector<absl::Status> queued(3);
    std::vector<std::function<void()>> writers;
    for (int i = 0; i < 3; ++i) {
      writers.push_back([&, i] { queued[i] = WriteNote(*db, "queued " + std::to_string(i)); });
    }
    testing::FailLogWrites(true);
    const absl::Status first = BatchWith(*db, "first", writers);
    testing::FailLogWrites(false);
    EXPECT_THAT(first, StatusIs(absl::StatusCode::kUnavailable, HasSubstr("full")));
    EXPECT_THAT(queued, Each(Not(IsOk())));
    EXPECT_EQ(CommittedNotes(*db), 0);
    // The connection works again.
    EXPECT_THAT(WriteNote(*db, "after"), IsOk());
    EXPECT_EQ(CommittedNotes(*db), 1);
  }
  auto reopened = OpenOrDie();
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(CommittedNotes(*reopened), 1);
  EXPECT_TRUE(IsCommitted(*reopened, "after"));
}

TEST_F(SqliteGroupCommitTest, WhenSqliteRollsTheBatchBackEveryTransactionInItFails) {
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  absl::Status poisoned;
  absl::Status other;
  auto poison = [&] { poisoned = WriteNote(*db, "poison"); };
  const absl::Status first =
      BatchWith(*db, "first", {poison, [&] { other = WriteNote(*db, "other"); }});
  // "first" was released into the batch before the poison rolled it back, whichever of the two
  // others came first; "other" was in it or in the next one.
  EXPECT_THAT(first, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(poisoned, StatusIs(absl::StatusCode::kInternal, HasSubstr("poisoned")));
  EXPECT_FALSE(IsCommitted(*db, "first"));
  EXPECT_EQ(other.ok(), IsCommitted(*db, "other"));
  EXPECT_THAT(WriteNote(*db, "after"), IsOk());
  EXPECT_TRUE(IsCommitted(*db, "after"));
}

TEST_F(SqliteGroupCommitTest,
       AStatementAfterSqliteRolledBackItsTransactionFailsInsteadOfAutocommitting) {
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  {
    Connection connection = db->Lock();
    auto transaction = connection.Begin();
    ASSERT_THAT(transaction, IsOk());
    ASSERT_THAT(InsertNote(connection, "before"), IsOk());
    EXPECT_THAT(InsertNote(connection, "poison"), Not(IsOk()));
    EXPECT_THAT(InsertNote(connection, "after the error"),
                StatusIs(absl::StatusCode::kUnavailable));
    EXPECT_THAT(transaction->Commit(), StatusIs(absl::StatusCode::kUnavailable));
  }
  EXPECT_EQ(CommittedNotes(*db), 0);
}

TEST_F(SqliteGroupCommitTest, ATransactionThatOverflowsAFullDatabaseFailsAlone) {
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  {
    Connection connection = db->Lock();
    const int64_t pages = QueryInt(connection, "PRAGMA page_count");
    // No page beyond those there are: small rows still fit in the table's page, a large one not.
    ASSERT_EQ(QueryInt(connection, "PRAGMA max_page_count = " + std::to_string(pages)), pages);
  }
  absl::Status large;
  absl::Status small;
  auto write_large = [&] { large = WriteNote(*db, "large", 64 * 1024); };
  auto write_small = [&] { small = WriteNote(*db, "small"); };
  const absl::Status first = BatchWith(*db, "first", {write_large, write_small});
  EXPECT_THAT(large, StatusIs(absl::StatusCode::kUnavailable, HasSubstr("full")));
  EXPECT_THAT(first, IsOk());
  EXPECT_THAT(small, IsOk());
  EXPECT_TRUE(IsCommitted(*db, "first"));
  EXPECT_TRUE(IsCommitted(*db, "small"));
  EXPECT_FALSE(IsCommitted(*db, "large"));
  {
    Connection connection = db->Lock();
    ASSERT_THAT(connection.Exec("PRAGMA max_page_count = 1000000"), IsOk());
  }
  EXPECT_THAT(WriteNote(*db, "large", 64 * 1024), IsOk());
  EXPECT_TRUE(IsCommitted(*db, "large"));
}

TEST_F(SqliteGroupCommitTest, ADeferredForeignKeyLeftUnresolvedFailsOnlyItsTransaction) {
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  absl::Status dangling;
  auto write_dangling_tag = [&] {
    Connection connection = db->Lock();
    auto transaction = connection.Begin();
    ASSERT_THAT(transaction, IsOk());
    ASSERT_THAT(connection.Exec("INSERT INTO tags VALUES (999, 'dangling')"), IsOk());
    dangling = transaction->Commit();
  };
  const absl::Status first = BatchWith(*db, "first", {write_dangling_tag});
  EXPECT_THAT(dangling, StatusIs(absl::StatusCode::kInternal, HasSubstr("FOREIGN KEY")));
  EXPECT_THAT(first, IsOk());
  EXPECT_TRUE(IsCommitted(*db, "first"));
  Connection reader = db->Read();
  EXPECT_EQ(QueryInt(reader, "SELECT COUNT(*) FROM tags"), 0);
}

TEST_F(SqliteGroupCommitTest, ATransactionSeesWhatEarlierOnesOfItsBatchWrote) {
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  int64_t seen = -1;
  absl::Status second;
  auto count_notes = [&] {
    Connection connection = db->Lock();
    auto transaction = connection.Begin();
    ASSERT_THAT(transaction, IsOk());
    seen = QueryInt(connection, "SELECT COUNT(*) FROM notes");
    second = transaction->Commit();
  };
  const absl::Status first = BatchWith(*db, "first", {count_notes});
  EXPECT_THAT(first, IsOk());
  EXPECT_THAT(second, IsOk());
  EXPECT_EQ(seen, 1);
}

TEST_F(SqliteGroupCommitTest, AStatementOutsideATransactionCommitsTheBatchFirst) {
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  const SqliteDb::WriteStats before = db->write_stats();
  bool committed_before_the_statement = false;
  int64_t seen = -1;
  auto count_notes_outside_a_transaction = [&] {
    Connection connection = db->Lock();
    seen = QueryInt(connection, "SELECT COUNT(*) FROM notes");
    committed_before_the_statement = IsCommitted(*db, "first");
  };
  const absl::Status first = BatchWith(*db, "first", {count_notes_outside_a_transaction});
  EXPECT_THAT(first, IsOk());
  EXPECT_EQ(seen, 1);
  EXPECT_TRUE(committed_before_the_statement);
  EXPECT_EQ(Since(before, db->write_stats()).commits, 1);
}

TEST_F(SqliteGroupCommitTest, CommitEndsTheStatementsOfItsConnection) {
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  Connection connection = db->Lock();
  auto transaction = connection.Begin();
  ASSERT_THAT(transaction, IsOk());
  auto select = connection.Prepare("SELECT COUNT(*) FROM notes");
  ASSERT_THAT(select, IsOk());
  ASSERT_THAT(transaction->Commit(), IsOk());
  EXPECT_THAT(select->Step(), StatusIs(absl::StatusCode::kFailedPrecondition));
  // Preparing again works, the connection taken back if it was handed over.
  EXPECT_EQ(QueryInt(connection, "SELECT COUNT(*) FROM notes"), 0);
}

TEST_F(SqliteGroupCommitTest, OneTransactionAtATimePerConnection) {
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  Connection connection = db->Lock();
  auto transaction = connection.Begin();
  ASSERT_THAT(transaction, IsOk());
  EXPECT_THAT(connection.Begin(), StatusIs(absl::StatusCode::kFailedPrecondition));
  ASSERT_THAT(transaction->Commit(), IsOk());
  auto next = connection.Begin();
  ASSERT_THAT(next, IsOk());
  EXPECT_THAT(next->Commit(), IsOk());
}

TEST_F(SqliteGroupCommitTest, RefusesALimitBelowOne) {
  SqliteOptions options;
  options.group_commit_limit = 0;
  EXPECT_THAT(SqliteDb::Open(path_, kSchema, options),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace redress
