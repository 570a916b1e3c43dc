#include "common/store/sqlite/sqlite.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/errors.h"
#include "common/testing/status_matchers.h"

namespace redress {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Statement::Step() returned OK with `has_row`.
MATCHER_P(StepsTo, has_row, "") {
  if (!arg.ok()) *result_listener << "status is " << arg.status().ToString();
  return arg.ok() && *arg == has_row;
}

const std::vector<Migration> kSchema = {
    {1, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE);"},
    {2,
     "CREATE TABLE tags (note_id INTEGER NOT NULL REFERENCES notes(id), tag TEXT NOT NULL);"
     "INSERT INTO notes (body) VALUES ('seeded by migration 2');"},
};

class SqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("sqlite_test_" + std::to_string(getpid()) + "_" + info->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "db.sqlite").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<SqliteDb> OpenOrDie(const std::vector<Migration>& migrations = kSchema,
                                      const SqliteOptions& options = {}) {
    auto db = SqliteDb::Open(path_, migrations, options);
    EXPECT_THAT(db, IsOk());
    return db.ok() ? *std::move(db) : nullptr;
  }

  static int64_t QueryInt(SqliteDb& db, std::string_view sql) {
    auto connection = db.Lock();
    auto statement = connection.Prepare(sql);
    EXPECT_THAT(statement, IsOk());
    if (!statement.ok()) return -1;
    auto has_row = statement->Step();
    EXPECT_THAT(has_row, IsOk());
    return has_row.ok() && *has_row ? statement->ColumnInt64(0) : -1;
  }

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(SqliteTest, OpensInWalModeWithDurableCommitsAndForeignKeys) {
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  auto connection = db->Lock();
  auto mode = connection.Prepare("PRAGMA journal_mode");
  ASSERT_THAT(mode, IsOk());
  ASSERT_THAT(mode->Step(), IsOk());
  EXPECT_EQ(mode->ColumnText(0), "wal");
  auto synchronous = connection.Prepare("PRAGMA synchronous");
  ASSERT_THAT(synchronous, IsOk());
  ASSERT_THAT(synchronous->Step(), IsOk());
  EXPECT_EQ(synchronous->ColumnInt(0), 2);  // FULL
  auto foreign_keys = connection.Prepare("PRAGMA foreign_keys");
  ASSERT_THAT(foreign_keys, IsOk());
  ASSERT_THAT(foreign_keys->Step(), IsOk());
  EXPECT_EQ(foreign_keys->ColumnInt(0), 1);
}

TEST_F(SqliteTest, TextsOfFirstColumnStepsThroughEveryRow) {
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  auto connection = db->Lock();
  auto select = connection.Prepare(
      "SELECT column1, 0 FROM (VALUES ('b'), ('a'), (NULL)) ORDER BY column1 DESC");
  ASSERT_THAT(select, IsOk());
  auto texts = select->TextsOfFirstColumn();
  ASSERT_THAT(texts, IsOk());
  EXPECT_THAT(*texts, ElementsAre("b", "a", ""));
  auto none = connection.Prepare("SELECT 'x' WHERE 0");
  ASSERT_THAT(none, IsOk());
  auto nothing = none->TextsOfFirstColumn();
  ASSERT_THAT(nothing, IsOk());
  EXPECT_THAT(*nothing, ElementsAre());
}

TEST_F(SqliteTest, DatabaseAndJournalFilesAreReadableByTheOwnerOnly) {
  const mode_t old_umask =
      ::umask(022);  // what a default shell gives; the store must not rely on it
  auto db = OpenOrDie();
  ::umask(old_umask);
  ASSERT_NE(db, nullptr);
  {
    auto connection = db->Lock();
    ASSERT_THAT(connection.Exec("CREATE TABLE t (x INTEGER)"), IsOk());
  }
  for (const char* suffix : {"", "-wal", "-shm"}) {
    struct stat info {};
    ASSERT_EQ(::stat((path_ + suffix).c_str(), &info), 0) << suffix;
    EXPECT_EQ(info.st_mode & 0777, 0600u) << path_ << suffix;
  }
}

TEST_F(SqliteTest, TightensAnExistingDatabaseFileOthersCouldRead) {
  { auto db = OpenOrDie(); }
  ASSERT_EQ(::chmod(path_.c_str(), 0644), 0);
  auto db = OpenOrDie();
  struct stat info {};
  ASSERT_EQ(::stat(path_.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST_F(SqliteTest, AppliesMigrationsOnceAcrossReopen) {
  {
    auto db = OpenOrDie();
    ASSERT_NE(db, nullptr);
    EXPECT_EQ(QueryInt(*db, "PRAGMA user_version"), 2);
    EXPECT_EQ(QueryInt(*db, "SELECT COUNT(*) FROM notes"), 1);
  }
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(QueryInt(*db, "PRAGMA user_version"), 2);
  EXPECT_EQ(QueryInt(*db, "SELECT COUNT(*) FROM notes"), 1);  // migration 2 not re-run
}

TEST_F(SqliteTest, AppliesOnlyPendingMigrations) {
  ASSERT_NE(OpenOrDie({kSchema[0]}), nullptr);
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(QueryInt(*db, "PRAGMA user_version"), 2);
  EXPECT_EQ(QueryInt(*db, "SELECT COUNT(*) FROM notes"), 1);
  EXPECT_EQ(QueryInt(*db, "SELECT COUNT(*) FROM tags"), 0);
}

TEST_F(SqliteTest, RefusesDatabaseWithNewerSchema) {
  ASSERT_NE(OpenOrDie(), nullptr);
  EXPECT_THAT(SqliteDb::Open(path_, {kSchema[0]}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("newer")));
}

TEST_F(SqliteTest, RejectsMigrationsOutOfOrder) {
  EXPECT_THAT(SqliteDb::Open(path_, {kSchema[1], kSchema[0]}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(SqliteDb::Open(path_, {{0, "SELECT 1"}}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(SqliteTest, FailedMigrationChangesNothing) {
  ASSERT_NE(OpenOrDie({kSchema[0]}), nullptr);
  const std::vector<Migration> broken = {
      kSchema[0], {2, "CREATE TABLE half_done (x); INSERT INTO no_such_table VALUES (1);"}};
  EXPECT_THAT(SqliteDb::Open(path_, broken), StatusIs(absl::StatusCode::kInternal));
  auto db = OpenOrDie({kSchema[0]});
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(QueryInt(*db, "PRAGMA user_version"), 1);
  EXPECT_EQ(QueryInt(*db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'"), 0);
}

TEST_F(SqliteTest, TransactionRollsBackWhenNotCommitted) {
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  {
    auto connection = db->Lock();
    auto transaction = connection.Begin();
    ASSERT_THAT(transaction, IsOk());
    auto insert = connection.Prepare("INSERT INTO notes (body) VALUES (?)");
    ASSERT_THAT(insert, IsOk());
    ASSERT_THAT(insert->Bind(1, "never committed").Run(), IsOk());
  }
  EXPECT_EQ(QueryInt(*db, "SELECT COUNT(*) FROM notes"), 1);
  // The connection is usable again: a new transaction can begin and commit.
  auto connection = db->Lock();
  auto transaction = connection.Begin();
  ASSERT_THAT(transaction, IsOk());
  EXPECT_THAT(transaction->Commit(), IsOk());
}

TEST_F(SqliteTest, CommittedDataSurvivesReopen) {
  {
    auto db = OpenOrDie();
    ASSERT_NE(db, nullptr);
    auto connection = db->Lock();
    auto transaction = connection.Begin();
    ASSERT_THAT(transaction, IsOk());
    auto insert = connection.Prepare("INSERT INTO notes (body) VALUES (?)");
    ASSERT_THAT(insert, IsOk());
    ASSERT_THAT(insert->Bind(1, "kept").Run(), IsOk());
    ASSERT_THAT(transaction->Commit(), IsOk());
  }
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(QueryInt(*db, "SELECT COUNT(*) FROM notes WHERE body = 'kept'"), 1);
}

TEST_F(SqliteTest, AnEmptyStringViewIsEmptyTextNotNull) {
  auto db = OpenOrDie({{1, "CREATE TABLE v (t TEXT NOT NULL);"}});
  ASSERT_NE(db, nullptr);
  auto connection = db->Lock();
  auto insert = connection.Prepare("INSERT INTO v VALUES (?)");
  ASSERT_THAT(insert, IsOk());
  ASSERT_THAT(insert->Bind(1, std::string_view()).Run(), IsOk());  // data() is null
  auto select = connection.Prepare("SELECT t IS NULL, length(t) FROM v");
  ASSERT_THAT(select, IsOk());
  ASSERT_THAT(select->Step(), StepsTo(true));
  EXPECT_EQ(select->ColumnInt(0), 0);
  EXPECT_EQ(select->ColumnInt(1), 0);
}

TEST_F(SqliteTest, BindsAndReadsEveryType) {
  auto db = OpenOrDie(
      {{1, "CREATE TABLE v (i INTEGER, t TEXT, b BLOB, n INTEGER, oi INTEGER, ot TEXT);"}});
  ASSERT_NE(db, nullptr);
  auto connection = db->Lock();
  const std::string text = "£100 – “quoted” 'single'";
  const std::string blob("a\0b\xff", 4);
  auto insert = connection.Prepare("INSERT INTO v VALUES (?, ?, ?, ?, ?, ?)");
  ASSERT_THAT(insert, IsOk());
  insert->Bind(1, int64_t{1} << 40).Bind(2, text).BindBlob(3, blob).BindNull(4);
  insert->Bind(5, std::optional<int64_t>()).Bind(6, std::optional<std::string>("x"));
  ASSERT_THAT(insert->Run(), IsOk());
  auto select = connection.Prepare("SELECT i, t, b, n, oi, ot FROM v");
  ASSERT_THAT(select, IsOk());
  ASSERT_THAT(select->Step(), StepsTo(true));
  EXPECT_EQ(select->ColumnInt64(0), int64_t{1} << 40);
  EXPECT_EQ(select->ColumnText(1), text);
  EXPECT_EQ(select->ColumnBlob(2), blob);
  EXPECT_TRUE(select->IsNull(3));
  EXPECT_EQ(select->ColumnOptionalInt64(4), std::nullopt);
  EXPECT_EQ(select->ColumnOptionalText(5), "x");
  EXPECT_THAT(select->Step(), StepsTo(false));
}

TEST_F(SqliteTest, MapsConstraintViolations) {
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  auto connection = db->Lock();
  auto duplicate = connection.Prepare("INSERT INTO notes (body) VALUES ('seeded by migration 2')");
  ASSERT_THAT(duplicate, IsOk());
  EXPECT_THAT(duplicate->Run(), StatusIs(absl::StatusCode::kAlreadyExists));
  auto duplicate_key = connection.Prepare("INSERT INTO notes (id, body) VALUES (1, 'other')");
  ASSERT_THAT(duplicate_key, IsOk());
  EXPECT_THAT(duplicate_key->Run(), StatusIs(absl::StatusCode::kAlreadyExists));
  auto not_null = connection.Prepare("INSERT INTO notes (body) VALUES (NULL)");
  ASSERT_THAT(not_null, IsOk());
  EXPECT_THAT(not_null->Run(), StatusIs(absl::StatusCode::kInternal, HasSubstr("NOT NULL")));
  auto foreign_key = connection.Prepare("INSERT INTO tags (note_id, tag) VALUES (999, 'x')");
  ASSERT_THAT(foreign_key, IsOk());
  EXPECT_THAT(foreign_key->Run(), StatusIs(absl::StatusCode::kInternal, HasSubstr("FOREIGN KEY")));
}

TEST_F(SqliteTest, ReportsBindAndPrepareErrors) {
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  auto connection = db->Lock();
  EXPECT_THAT(connection.Prepare("SELECT * FROM no_such_table"),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("no_such_table")));
  EXPECT_THAT(connection.Prepare("SELECT 1; SELECT 2"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  auto statement = connection.Prepare("SELECT ?");
  ASSERT_THAT(statement, IsOk());
  EXPECT_THAT(statement->Bind(2, 1).Step(), StatusIs(absl::StatusCode::kInternal));
}

TEST_F(SqliteTest, SameStatementTextCanBeNested) {
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  auto connection = db->Lock();
  constexpr std::string_view kSql = "SELECT COUNT(*) FROM notes WHERE id >= ?";
  auto outer = connection.Prepare(kSql);
  ASSERT_THAT(outer, IsOk());
  ASSERT_THAT(outer->Bind(1, 0).Step(), StepsTo(true));
  auto inner = connection.Prepare(kSql);  // the cached one is in use
  ASSERT_THAT(inner, IsOk());
  ASSERT_THAT(inner->Bind(1, 100).Step(), StepsTo(true));
  EXPECT_EQ(outer->ColumnInt64(0), 1);
  EXPECT_EQ(inner->ColumnInt64(0), 0);
}

TEST_F(SqliteTest, WriterBlockedPastBusyTimeoutIsUnavailable) {
  SqliteOptions options;
  options.busy_timeout = absl::Milliseconds(50);
  auto first = OpenOrDie(kSchema, options);
  auto second = OpenOrDie(kSchema, options);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  auto first_connection = first->Lock();
  auto held = first_connection.Begin();
  ASSERT_THAT(held, IsOk());
  auto second_connection = second->Lock();
  auto busy = second_connection.Begin();
  EXPECT_THAT(busy, StatusIs(absl::StatusCode::kUnavailable));
  // Its message names the statement: marked, so a handler answers a client without it.
  EXPECT_TRUE(HasInternalDetail(busy.status()));
  ASSERT_THAT(held->Commit(), IsOk());
  auto retried = second_connection.Begin();
  EXPECT_THAT(retried, IsOk());
}

TEST_F(SqliteTest, ConcurrentWritersThroughOneDbAreSerialised) {
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  constexpr int kThreads = 4;
  constexpr int kWritesPerThread = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&db, t] {
      for (int i = 0; i < kWritesPerThread; ++i) {
        auto connection = db->Lock();
        auto transaction = connection.Begin();
        ASSERT_THAT(transaction, IsOk());
        auto insert = connection.Prepare("INSERT INTO notes (body) VALUES (?)");
        ASSERT_THAT(insert, IsOk());
        ASSERT_THAT(insert->Bind(1, std::to_string(t) + "/" + std::to_string(i)).Run(), IsOk());
        ASSERT_THAT(transaction->Commit(), IsOk());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(QueryInt(*db, "SELECT COUNT(*) FROM notes"), 1 + kThreads * kWritesPerThread);
}

// The count of notes as `connection` sees it.
int64_t CountNotes(Connection& connection) {
  auto statement = connection.Prepare("SELECT COUNT(*) FROM notes");
  EXPECT_THAT(statement, IsOk());
  if (!statement.ok()) return -1;
  auto has_row = statement->Step();
  return has_row.ok() && *has_row ? statement->ColumnInt64(0) : -1;
}

TEST_F(SqliteTest, ReadersSeeWhatIsCommittedAndDoNotWaitForAnOpenWrite) {
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  auto writer = db->Lock();
  auto transaction = writer.Begin();
  ASSERT_THAT(transaction, IsOk());
  ASSERT_THAT(writer.Exec("INSERT INTO notes (body) VALUES ('not yet committed')"), IsOk());
  {
    // On the same thread that holds the writer: a read through the writing connection would
    // deadlock here instead of answering.
    auto reader = db->Read();
    EXPECT_EQ(CountNotes(reader), 1);
  }
  ASSERT_THAT(transaction->Commit(), IsOk());
  auto reader = db->Read();
  EXPECT_EQ(CountNotes(reader), 2);
}

TEST_F(SqliteTest, AReadSeesOneStateWhateverIsCommittedMeanwhile) {
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  auto reader = db->Read();
  EXPECT_EQ(CountNotes(reader), 1);
  {
    auto writer = db->Lock();
    ASSERT_THAT(writer.Exec("INSERT INTO notes (body) VALUES ('committed during the read')"),
                IsOk());
  }
  EXPECT_EQ(CountNotes(reader), 1);  // the read's snapshot
  auto later = db->Read();
  EXPECT_EQ(CountNotes(later), 2);
}

TEST_F(SqliteTest, AReaderRefusesWrites) {
  auto db = OpenOrDie();
  ASSERT_NE(db, nullptr);
  auto reader = db->Read();
  EXPECT_THAT(reader.Exec("INSERT INTO notes (body) VALUES ('through a reader')"),
              StatusIs(absl::StatusCode::kInternal));
}

TEST_F(SqliteTest, ReadersServeManyThreadsAtOnce) {
  SqliteOptions options;
  options.readers = 2;
  auto db = OpenOrDie(kSchema, options);
  ASSERT_NE(db, nullptr);
  constexpr int kThreads = 6;  // more than readers: some wait their turn
  std::vector<std::thread> threads;
  std::vector<int64_t> counts(kThreads);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&db, &counts, i] {
      for (int n = 0; n < 50; ++n) {
        auto reader = db->Read();
        counts[i] = CountNotes(reader);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_THAT(counts, ::testing::Each(1));
}

TEST_F(SqliteTest, WithoutReadersReadsUseTheWriter) {
  SqliteOptions options;
  options.readers = 0;
  auto db = OpenOrDie(kSchema, options);
  ASSERT_NE(db, nullptr);
  auto reader = db->Read();
  EXPECT_EQ(CountNotes(reader), 1);
  // It is the writing connection: writes go through.
  EXPECT_THAT(reader.Exec("INSERT INTO notes (body) VALUES ('through the writer')"), IsOk());
}

}  // namespace
}  // namespace redress
