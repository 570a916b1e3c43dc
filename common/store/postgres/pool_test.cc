// The pool's bound, reuse and health policy (pool.h).
#include "common/store/postgres/pool.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <thread>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/store/postgres/postgres_test_support.h"

namespace redress::pg {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::HasSubstr;

using PoolTest = PostgresTest;

TEST_F(PoolTest, AnAcquireBeyondTheSizeWaitsThenFailsUnavailable) {
  auto pool = NewPool(2);
  auto first = pool->Acquire();
  auto second = pool->Acquire();
  ASSERT_THAT(first, IsOk());
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(pool->open_connections(), 2);

  const absl::Time start = absl::Now();
  auto third = pool->Acquire(start + absl::Milliseconds(300));
  EXPECT_THAT(third, StatusIs(absl::StatusCode::kUnavailable, HasSubstr("no database connection")));
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(300));
  EXPECT_EQ(pool->open_connections(), 2);
}

TEST_F(PoolTest, TheWaitUsesTheConfiguredTimeout) {
  PoolOptions options;
  options.size = 1;
  options.acquire_timeout = absl::Milliseconds(200);
  auto pool = NewPool(options);
  auto held = pool->Acquire();
  ASSERT_THAT(held, IsOk());
  const absl::Time start = absl::Now();
  EXPECT_THAT(pool->Acquire(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(200));
}

TEST_F(PoolTest, AReleasedConnectionIsReused) {
  auto pool = NewPool(2);
  int pid = 0;
  {
    auto connection = pool->Acquire();
    ASSERT_THAT(connection, IsOk());
    pid = (*connection)->backend_pid();
  }
  EXPECT_EQ(pool->idle_connections(), 1);
  auto again = pool->Acquire();
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ((*again)->backend_pid(), pid);
  EXPECT_EQ(pool->open_connections(), 1);
}

TEST_F(PoolTest, AWaitingAcquireGetsTheConnectionReleasedMeanwhile) {
  auto pool = NewPool(1);
  std::optional<PooledConnection> held;
  {
    auto acquired = pool->Acquire();
    ASSERT_THAT(acquired, IsOk());
    held.emplace(*std::move(acquired));
  }
  const int pid = (*held)->backend_pid();
  absl::Notification waiting;
  std::optional<absl::StatusOr<int>> got;
  std::thread waiter([&] {
    waiting.Notify();
    auto connection = pool->Acquire(absl::Now() + absl::Seconds(30));
    got = connection.ok() ? absl::StatusOr<int>((*connection)->backend_pid())
                          : absl::StatusOr<int>(connection.status());
  });
  waiting.WaitForNotification();
  absl::SleepFor(absl::Milliseconds(100));
  held.reset();
  waiter.join();
  ASSERT_TRUE(got.has_value());
  EXPECT_THAT(*got, IsOkAndHolds(pid));
}

TEST_F(PoolTest, AConnectionWhoseSessionEndedWhileIdleIsReplacedWithoutAFailure) {
  auto pool = NewPool(2);
  int pid = 0;
  {
    auto connection = pool->Acquire();
    ASSERT_THAT(connection, IsOk());
    pid = (*connection)->backend_pid();
  }
  ASSERT_THAT(server().Execute(absl::StrCat("SELECT pg_terminate_backend(", pid, ", 5000)")),
              IsOk());
  auto connection = pool->Acquire();
  ASSERT_THAT(connection, IsOk());
  EXPECT_NE((*connection)->backend_pid(), pid);
  EXPECT_THAT((*connection)->Execute("SELECT 1 AS one"), IsOk());
  EXPECT_EQ(pool->open_connections(), 1);
}

TEST_F(PoolTest, AConnectionLostInUseFailsUnavailableAndIsNeverHandedOutAgain) {
  auto pool = NewPool(2);
  int pid = 0;
  {
    auto connection = pool->Acquire();
    ASSERT_THAT(connection, IsOk());
    pid = (*connection)->backend_pid();
    EXPECT_THAT((*connection)->Execute("SELECT pg_terminate_backend(pg_backend_pid())"),
                StatusIs(absl::StatusCode::kUnavailable));
    EXPECT_TRUE((*connection)->broken());
    EXPECT_THAT((*connection)->Execute("SELECT 1"), StatusIs(absl::StatusCode::kUnavailable));
  }
  EXPECT_EQ(pool->open_connections(), 0);
  auto fresh = pool->Acquire();
  ASSERT_THAT(fresh, IsOk());
  EXPECT_NE((*fresh)->backend_pid(), pid);
}

TEST_F(PoolTest, AConnectionReturnedInsideATransactionIsClosedNotReused) {
  auto pool = NewPool(2);
  int pid = 0;
  {
    auto connection = pool->Acquire();
    ASSERT_THAT(connection, IsOk());
    pid = (*connection)->backend_pid();
    ASSERT_THAT((*connection)->ExecuteScript("BEGIN; CREATE TABLE half_done (x int)"), IsOk());
  }
  EXPECT_EQ(pool->open_connections(), 0);
  auto connection = pool->Acquire();
  ASSERT_THAT(connection, IsOk());
  EXPECT_NE((*connection)->backend_pid(), pid);
  EXPECT_FALSE((*connection)->in_transaction());
  EXPECT_THAT((*connection)->Execute("SELECT * FROM half_done"),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("42P01")));
}

TEST_F(PoolTest, ManyThreadsShareABoundedPool) {
  auto pool = NewPool(3);
  ASSERT_THAT(Exec(*pool, "CREATE TABLE hits (n int)"), IsOk());
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        auto connection = pool->Acquire(absl::Now() + absl::Seconds(30));
        if (!connection.ok() ||
            !(*connection)->Execute("INSERT INTO hits VALUES ($1)", Params().Add(i)).ok()) {
          ++failures;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_LE(pool->open_connections(), 3);
  EXPECT_THAT(QueryInt(*pool, "SELECT count(*) AS value FROM hits"), IsOkAndHolds(120));
}

// Nothing listens on port 1 of the loopback.
constexpr char kUnreachable[] = "postgresql://postgres@127.0.0.1:1/x";

TEST(PoolWithoutServerTest, AnUnreachableServerIsUnavailable) {
  auto pool = Pool::Create(kUnreachable);
  ASSERT_THAT(pool, IsOk());
  EXPECT_THAT((*pool)->Acquire(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ((*pool)->open_connections(), 0);
}

TEST(PoolWithoutServerTest, RefusesAMalformedUrlOrSize) {
  EXPECT_THAT(Pool::Create("postgresql://127.0.0.1/x?no_such_option=1"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Pool::Create("host=a bogus_option=1"), StatusIs(absl::StatusCode::kInvalidArgument));
  PoolOptions empty;
  empty.size = 0;
  EXPECT_THAT(Pool::Create(kUnreachable, empty), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace redress::pg
