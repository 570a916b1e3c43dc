// Recovery without manual action: the pool after the server is stopped like a crash and
// restarted, and after a standby is promoted behind a multi-host URL.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/store/postgres/pool.h"
#include "common/store/postgres/postgres_test_support.h"
#include "common/store/postgres/transaction.h"

namespace redress::pg {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::PostgresServer;
using ::redress::testing::StatusIs;
using ::testing::HasSubstr;

absl::Status AddNote(Pool& pool, int64_t id) {
  return RunInTransaction(pool, {}, [&](Connection& c) {
    return c.Execute("INSERT INTO notes (id) VALUES ($1)", Params().Add(id)).status();
  });
}

class FailoverTest : public PostgresTest {
 protected:
  void SetUp() override {
    PostgresTest::SetUp();
    ASSERT_THAT(server().Execute("CREATE TABLE notes (id BIGINT PRIMARY KEY)"), IsOk());
  }
};

TEST_F(FailoverTest, ThePoolRecoversByItselfAfterTheServerRestarts) {
  auto pool = NewPool(3);
  ASSERT_THAT(AddNote(*pool, 1), IsOk());
  ASSERT_THAT(server().Stop(), IsOk());

  // The first call while the server is down fails UNAVAILABLE (retryable), and so does the next.
  EXPECT_THAT(AddNote(*pool, 2), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(AddNote(*pool, 2), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(pool->open_connections(), 0);

  ASSERT_THAT(server().Restart(), IsOk());
  EXPECT_THAT(AddNote(*pool, 2), IsOk());
  EXPECT_THAT(QueryInt(*pool, "SELECT count(*) AS value FROM notes"), IsOkAndHolds(2));
}

TEST_F(FailoverTest, IdleConnectionsToARestartedServerAreReplacedWithoutAFailure) {
  auto pool = NewPool(3);
  {
    // Three idle connections to the server that is about to go.
    auto a = pool->Acquire();
    auto b = pool->Acquire();
    auto c = pool->Acquire();
    ASSERT_THAT(a, IsOk());
    ASSERT_THAT(b, IsOk());
    ASSERT_THAT(c, IsOk());
  }
  ASSERT_EQ(pool->idle_connections(), 3);
  ASSERT_THAT(server().Stop(), IsOk());
  ASSERT_THAT(server().Restart(), IsOk());
  for (int id = 1; id <= 5; ++id) EXPECT_THAT(AddNote(*pool, id), IsOk());
  EXPECT_EQ(pool->open_connections(), 1);
}

TEST_F(FailoverTest, AConnectionInUseWhenTheServerStopsFailsUnavailableAndIsReplaced) {
  auto pool = NewPool(2);
  {
    auto connection = pool->Acquire();
    ASSERT_THAT(connection, IsOk());
    ASSERT_THAT((*connection)->ExecuteScript("BEGIN; INSERT INTO notes VALUES (1)"), IsOk());
    ASSERT_THAT(server().Stop(), IsOk());
    EXPECT_THAT((*connection)->ExecuteScript("COMMIT"), StatusIs(absl::StatusCode::kUnavailable));
    EXPECT_TRUE((*connection)->broken());
    ASSERT_THAT(server().Restart(), IsOk());
  }
  EXPECT_THAT(AddNote(*pool, 2), IsOk());
  EXPECT_THAT(QueryInt(*pool, "SELECT count(*) AS value FROM notes"), IsOkAndHolds(1));
}

// The standby of the issue: a multi-host URL with target_session_attrs=read-write reaches the
// primary; after the primary dies and the standby is promoted, the same pool writes to it.
TEST_F(FailoverTest, AfterAPromotionTheSamePoolFindsTheNewPrimary) {
  auto standby = server().StartStandby();
  ASSERT_THAT(standby, IsOk());
  const std::string url = absl::StrCat("postgresql://postgres@", server().host_and_port(), ",",
                                       (*standby)->host_and_port(), "/", PostgresServer::kDatabase,
                                       "?target_session_attrs=read-write&connect_timeout=2");
  PoolOptions options;
  options.size = 2;
  auto pool = NewPool(options, url);
  ASSERT_THAT(AddNote(*pool, 1), IsOk());

  // The standby follows, and refuses writes as UNAVAILABLE (25006: not the primary).
  auto on_standby = NewPool(PoolOptions(), (*standby)->url());
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (QueryInt(*on_standby, "SELECT count(*) AS value FROM notes").value_or(0) < 1 &&
         absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_THAT(QueryInt(*on_standby, "SELECT count(*) AS value FROM notes"), IsOkAndHolds(1));
  EXPECT_THAT(AddNote(*on_standby, 2), StatusIs(absl::StatusCode::kUnavailable));  // 0A000 at BEGIN
  EXPECT_THAT(Exec(*on_standby, "INSERT INTO notes VALUES (2)"),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("25006")));

  ASSERT_THAT(server().Stop(), IsOk());
  ASSERT_THAT((*standby)->Promote(), IsOk());
  // No manual action: the pool's connections to the old primary are dropped, and a new one
  // finds the promoted standby.
  EXPECT_THAT(AddNote(*pool, 2), IsOk());
  EXPECT_THAT(QueryInt(*pool, "SELECT count(*) AS value FROM notes"), IsOkAndHolds(2));
  EXPECT_THAT(QueryInt(*pool, "SELECT pg_is_in_recovery()::int AS value"), IsOkAndHolds(0));
}

}  // namespace
}  // namespace redress::pg
