// The layer through Debian's PgBouncer in transaction-pooling mode, which hands each transaction
// (or statement outside one) to whichever server connection is free: it breaks named prepared
// statements and session state, and this layer uses neither.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <atomic>
#include <thread>
#include <vector>

#include "common/store/postgres/migrations.h"
#include "common/store/postgres/pool.h"
#include "common/store/postgres/postgres_test_support.h"
#include "common/store/postgres/transaction.h"

namespace redress::pg {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::PgBouncer;

class PgBouncerTest : public PostgresTest {
 protected:
  void SetUp() override {
    PostgresTest::SetUp();
    // One server connection for every client: consecutive transactions of different clients
    // share a server session, where a named statement of one would collide with another's.
    auto bouncer = PgBouncer::Start(server(), /*server_connections=*/1);
    ASSERT_THAT(bouncer, IsOk());
    bouncer_ = *std::move(bouncer);
  }

  std::unique_ptr<PgBouncer> bouncer_;
};

TEST_F(PgBouncerTest, MigrationsTransactionsAndStatementsWorkThroughIt) {
  PoolOptions options;
  options.size = 4;
  options.acquire_timeout = absl::Seconds(30);
  auto pool = NewPool(options, bouncer_->url());
  ASSERT_THAT(Migrate(*pool, "redress.test",
                      {{1, "CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT NOT NULL)"}}),
              IsOk());
  std::atomic<int> failures{0};
  std::vector<std::thread> clients;
  for (int client = 0; client < 4; ++client) {
    clients.emplace_back([&, client] {
      for (int i = 0; i < 25; ++i) {
        const int64_t id = client * 1000 + i;
        TransactionOptions transaction;
        transaction.statement_timeout = absl::Seconds(10);
        absl::Status status = RunInTransaction(*pool, transaction, [&](Connection& c) {
          RETURN_IF_ERROR(c.Execute("INSERT INTO notes (id, body) VALUES ($1, $2)",
                                    Params().Add(id).Add("through the bouncer"))
                              .status());
          return c.Execute("SELECT body FROM notes WHERE id = $1", Params().Add(id)).status();
        });
        if (!status.ok() ||
            !QueryInt(*pool, "SELECT count(*) AS value FROM notes WHERE id = $1", Params().Add(id))
                 .ok()) {
          ++failures;
        }
      }
    });
  }
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_THAT(QueryInt(*pool, "SELECT count(*) AS value FROM notes"), IsOkAndHolds(100));
  // Nothing named was left on the one server session.
  EXPECT_THAT(QueryInt(*pool, "SELECT count(*) AS value FROM pg_prepared_statements"),
              IsOkAndHolds(0));
}

// The control that shows the setting would catch a named prepared statement: two clients
// preparing the same name collide on the shared server session.
TEST_F(PgBouncerTest, NamedPreparedStatementsBreakThroughIt) {
  PGconn* first = PQconnectdb(bouncer_->url().c_str());
  PGconn* second = PQconnectdb(bouncer_->url().c_str());
  ASSERT_EQ(PQstatus(first), CONNECTION_OK);
  ASSERT_EQ(PQstatus(second), CONNECTION_OK);
  PGresult* prepared = PQprepare(first, "stmt", "SELECT 1", 0, nullptr);
  EXPECT_EQ(PQresultStatus(prepared), PGRES_COMMAND_OK);
  PQclear(prepared);
  PGresult* collided = PQprepare(second, "stmt", "SELECT 2", 0, nullptr);
  EXPECT_EQ(PQresultStatus(collided), PGRES_FATAL_ERROR);
  EXPECT_STREQ(PQresultErrorField(collided, PG_DIAG_SQLSTATE), "42P05");  // duplicate_prepared
  PQclear(collided);
  PQfinish(first);
  PQfinish(second);
}

}  // namespace
}  // namespace redress::pg
