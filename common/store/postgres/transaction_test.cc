// RunInTransaction (transaction.h): commit, rollback, the re-runs after a conflict or a lost
// connection, the unknown outcome of a COMMIT in flight, and statement_timeout.
#include "common/store/postgres/transaction.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "absl/synchronization/barrier.h"
#include "absl/time/clock.h"
#include "common/store/postgres/postgres_test_support.h"
#include "common/store/postgres/status.h"

namespace redress::pg {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::HasSubstr;

class TransactionTest : public PostgresTest {
 protected:
  testing::PostgresServerOptions ServerOptions() const override {
    testing::PostgresServerOptions options = PostgresTest::ServerOptions();
    options.extra_config = {"deadlock_timeout = '50ms'"};
    return options;
  }

  void SetUp() override {
    PostgresTest::SetUp();
    pool_ = NewPool(4);
    ASSERT_THAT(Exec(*pool_,
                     "CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT NOT NULL);"
                     "CREATE TABLE duty (doctor TEXT PRIMARY KEY, on_call BOOLEAN NOT NULL);"
                     "INSERT INTO duty VALUES ('alice', true), ('bob', true)"),
                IsOk());
  }

  absl::Status InsertNote(Connection& connection, int64_t id) {
    return connection
        .Execute("INSERT INTO notes (id, body) VALUES ($1, $2)", Params().Add(id).Add("note"))
        .status();
  }

  int64_t Notes() {
    auto count = QueryInt(*pool_, "SELECT count(*) AS value FROM notes");
    EXPECT_THAT(count, IsOk());
    return count.value_or(-1);
  }

  std::unique_ptr<Pool> pool_;
};

TEST_F(TransactionTest, CommitsWhenTheBodySucceedsAndRollsBackWhenItFails) {
  EXPECT_THAT(RunInTransaction(*pool_, {},
                               [&](Connection& c) {
                                 RETURN_IF_ERROR(InsertNote(c, 1));
                                 return InsertNote(c, 2);
                               }),
              IsOk());
  EXPECT_EQ(Notes(), 2);
  EXPECT_THAT(RunInTransaction(*pool_, {},
                               [&](Connection& c) {
                                 RETURN_IF_ERROR(InsertNote(c, 3));
                                 return absl::NotFoundError("the body's own error");
                               }),
              StatusIs(absl::StatusCode::kNotFound, "the body's own error"));
  EXPECT_EQ(Notes(), 2);
  EXPECT_EQ(pool_->idle_connections(), pool_->open_connections());  // all back, none leaked
}

TEST_F(TransactionTest, AStatementErrorRollsBackTheWholeTransaction) {
  auto status = RunInTransaction(*pool_, {}, [&](Connection& c) {
    RETURN_IF_ERROR(InsertNote(c, 1));
    return InsertNote(c, 1);
  });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_EQ(ViolatedConstraint(status), "notes_pkey");
  EXPECT_EQ(Notes(), 0);
}

TEST_F(TransactionTest, ABodyThatSwallowsAFailedStatementCommitsNothing) {
  int runs = 0;
  auto status = RunInTransaction(*pool_, {}, [&](Connection& c) {
    ++runs;
    RETURN_IF_ERROR(InsertNote(c, 1));
    InsertNote(c, 1).IgnoreError();  // the transaction is now aborted on the server
    return absl::OkStatus();
  });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("returned OK")));
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(Notes(), 0);
}

// Write skew: each doctor goes off call if the other is still on call. Run concurrently under
// SERIALIZABLE, one of them must fail with 40001 and, re-run, see the other's change.
TEST_F(TransactionTest, ASerializationFailureIsRetriedUntilItCommits) {
  absl::Barrier both_have_read(2);
  std::atomic<int> runs{0};
  auto go_off_call = [&](const char* me, bool* first_run) {
    return RunInTransaction(*pool_, {}, [&](Connection& c) -> absl::Status {
      ++runs;
      ASSIGN_OR_RETURN(Result on_call,
                       c.Execute("SELECT count(*) AS value FROM duty WHERE on_call"));
      ASSIGN_OR_RETURN(int64_t count, on_call.row(0).Int64("value"));
      if (*first_run) {
        *first_run = false;
        both_have_read.Block();  // both read before either writes
      }
      if (count < 2) return absl::OkStatus();  // someone must stay on call
      return c.Execute("UPDATE duty SET on_call = false WHERE doctor = $1", Params().Add(me))
          .status();
    });
  };
  absl::Status alice;
  absl::Status bob;
  bool alice_first = true;
  bool bob_first = true;
  std::thread a([&] { alice = go_off_call("alice", &alice_first); });
  std::thread b([&] { bob = go_off_call("bob", &bob_first); });
  a.join();
  b.join();
  EXPECT_THAT(alice, IsOk());
  EXPECT_THAT(bob, IsOk());
  EXPECT_GE(runs.load(), 3);  // at least one re-run
  EXPECT_THAT(QueryInt(*pool_, "SELECT count(*) AS value FROM duty WHERE on_call"),
              IsOkAndHolds(1));
}

TEST_F(TransactionTest, WithOneAttemptASerializationFailureIsAborted) {
  absl::Barrier both_have_read(2);
  auto go_off_call = [&](const char* me) {
    TransactionOptions options;
    options.max_attempts = 1;
    return RunInTransaction(*pool_, options, [&](Connection& c) -> absl::Status {
      ASSIGN_OR_RETURN(Result on_call,
                       c.Execute("SELECT count(*) AS value FROM duty WHERE on_call"));
      both_have_read.Block();
      ASSIGN_OR_RETURN(int64_t count, on_call.row(0).Int64("value"));
      if (count < 2) return absl::OkStatus();
      return c.Execute("UPDATE duty SET on_call = false WHERE doctor = $1", Params().Add(me))
          .status();
    });
  };
  absl::Status alice;
  absl::Status bob;
  std::thread a([&] { alice = go_off_call("alice"); });
  std::thread b([&] { bob = go_off_call("bob"); });
  a.join();
  b.join();
  EXPECT_NE(alice.ok(), bob.ok());
  const absl::Status& failed = alice.ok() ? bob : alice;
  EXPECT_THAT(failed, StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(SqlStateOf(failed), "40001");
}

TEST_F(TransactionTest, ADeadlockIsRetried) {
  absl::Barrier both_locked_one(2);
  std::atomic<int> runs{0};
  auto lock_both = [&](const char* first, const char* second, bool* first_run) {
    TransactionOptions options;
    options.isolation = Isolation::kReadCommitted;  // a deadlock, not a serialization failure
    return RunInTransaction(*pool_, options, [&](Connection& c) -> absl::Status {
      ++runs;
      const char* lock = "UPDATE duty SET on_call = NOT on_call WHERE doctor = $1";
      RETURN_IF_ERROR(c.Execute(lock, Params().Add(first)).status());
      if (*first_run) {
        *first_run = false;
        both_locked_one.Block();
      }
      return c.Execute(lock, Params().Add(second)).status();
    });
  };
  absl::Status one;
  absl::Status other;
  bool one_first = true;
  bool other_first = true;
  std::thread a([&] { one = lock_both("alice", "bob", &one_first); });
  std::thread b([&] { other = lock_both("bob", "alice", &other_first); });
  a.join();
  b.join();
  EXPECT_THAT(one, IsOk());
  EXPECT_THAT(other, IsOk());
  EXPECT_GE(runs.load(), 3);
}

TEST_F(TransactionTest, AConnectionLostBeforeCommitIsReplacedAndTheBodyRunAgain) {
  int runs = 0;
  auto status = RunInTransaction(*pool_, {}, [&](Connection& c) -> absl::Status {
    ++runs;
    RETURN_IF_ERROR(InsertNote(c, 1));
    if (runs == 1) {
      // The server ends this session mid-transaction: nothing of it can commit.
      return c.Execute("SELECT pg_terminate_backend(pg_backend_pid())").status();
    }
    return absl::OkStatus();
  });
  EXPECT_THAT(status, IsOk());
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(Notes(), 1);
}

TEST_F(TransactionTest, AConnectionLostDuringCommitIsUnavailableAndNotRunAgain) {
  // A deferred trigger runs inside COMMIT and ends the session there, so the client loses the
  // connection with COMMIT in flight.
  ASSERT_THAT(Exec(*pool_, R"sql(
    CREATE FUNCTION end_session() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_terminate_backend(pg_backend_pid());
      PERFORM pg_sleep(5);
      RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER end_session_at_commit AFTER INSERT ON notes
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION end_session())sql"),
              IsOk());
  int runs = 0;
  auto status = RunInTransaction(*pool_, {}, [&](Connection& c) {
    ++runs;
    return InsertNote(c, 1);
  });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kUnavailable, HasSubstr("unknown")));
  EXPECT_EQ(runs, 1);
}

TEST_F(TransactionTest, AStatementTimeoutIsDeadlineExceededAndEndsWithTheTransaction) {
  auto pool = NewPool(1);  // so the next transaction runs on the same session
  TransactionOptions options;
  options.statement_timeout = absl::Milliseconds(100);
  const absl::Time start = absl::Now();
  EXPECT_THAT(
      RunInTransaction(*pool, options,
                       [](Connection& c) { return c.Execute("SELECT pg_sleep(10)").status(); }),
      StatusIs(absl::StatusCode::kDeadlineExceeded, HasSubstr("57014")));
  EXPECT_LT(absl::Now() - start, absl::Seconds(8));
  // SET LOCAL: the session's setting is untouched afterwards (PgBouncer-safe).
  EXPECT_THAT(RunInTransaction(*pool, {},
                               [](Connection& c) -> absl::Status {
                                 ASSIGN_OR_RETURN(Result r, c.Execute("SHOW statement_timeout"));
                                 ASSIGN_OR_RETURN(std::string value,
                                                  r.row(0).Text("statement_timeout"));
                                 if (value != "0") return absl::InternalError(value);
                                 return absl::OkStatus();
                               }),
              IsOk());
}

TEST_F(TransactionTest, UsesTheChosenIsolationLevelAndAccessMode) {
  const std::pair<Isolation, std::string> kLevels[] = {
      {Isolation::kReadCommitted, "read committed"},
      {Isolation::kRepeatableRead, "repeatable read"},
      {Isolation::kSerializable, "serializable"},
  };
  for (const auto& [isolation, name] : kLevels) {
    TransactionOptions options;
    options.isolation = isolation;
    std::string seen;
    ASSERT_THAT(RunInTransaction(*pool_, options,
                                 [&](Connection& c) -> absl::Status {
                                   ASSIGN_OR_RETURN(Result r,
                                                    c.Execute("SHOW transaction_isolation"));
                                   ASSIGN_OR_RETURN(seen, r.row(0).Text("transaction_isolation"));
                                   return absl::OkStatus();
                                 }),
                IsOk());
    EXPECT_EQ(seen, name);
  }
  TransactionOptions read_only;
  read_only.read_only = true;
  int runs = 0;
  EXPECT_THAT(RunInTransaction(*pool_, read_only,
                               [&](Connection& c) {
                                 ++runs;
                                 return InsertNote(c, 1);
                               }),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("READ ONLY")));
  EXPECT_EQ(runs, 1);
}

TEST_F(TransactionTest, FailsUnavailableWhenNoConnectionIsFree) {
  PoolOptions options;
  options.size = 1;
  options.acquire_timeout = absl::Milliseconds(100);
  auto pool = NewPool(options);
  auto held = pool->Acquire();
  ASSERT_THAT(held, IsOk());
  int runs = 0;
  EXPECT_THAT(RunInTransaction(*pool, {},
                               [&](Connection&) {
                                 ++runs;
                                 return absl::OkStatus();
                               }),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(runs, 0);
}

}  // namespace
}  // namespace redress::pg
