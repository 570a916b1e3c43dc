// Tests of the throwaway server itself (common/testing/postgres_server.h): what the PostgreSQL
// layer's tests rely on.
#include "common/testing/postgres_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/store/postgres/postgres_test_support.h"

namespace redress::pg {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::PostgresServer;
using ::redress::testing::PostgresServerOptions;
using ::redress::testing::StatusIs;

absl::StatusOr<std::string> QueryText(const std::string& url, std::string_view sql) {
  ASSIGN_OR_RETURN(std::unique_ptr<Connection> connection, Connection::Open(url));
  ASSIGN_OR_RETURN(Result result, connection->Execute(sql));
  return result.row(0).Text("value");
}

TEST(PostgresServerTest, StartsQuicklyWithAnEmptyTestDatabase) {
  const absl::Time start = absl::Now();
  auto server = PostgresServer::Start();
  ASSERT_THAT(server, IsOk());
  // Generous for a loaded machine; typically well under a second once the template exists.
  EXPECT_LT(absl::Now() - start, absl::Seconds(20));
  EXPECT_THAT(QueryText((*server)->url(), "SELECT current_database()::text AS value"),
              IsOkAndHolds(std::string(PostgresServer::kDatabase)));
  EXPECT_THAT(QueryText((*server)->url(),
                        "SELECT count(*)::text AS value FROM pg_tables "
                        "WHERE schemaname = 'public'"),
              IsOkAndHolds(std::string("0")));
}

TEST(PostgresServerTest, RunsAsAnUnprivilegedUser) {
  auto server = PostgresServer::Start();
  ASSERT_THAT(server, IsOk());
  // The checkpointer lives as long as the server (a connection's own backend may have exited by
  // the time its pid is looked up, once the query's connection is closed).
  auto pid = QueryText((*server)->url(),
                       "SELECT pid::text AS value FROM pg_stat_activity "
                       "WHERE backend_type = 'checkpointer'");
  ASSERT_THAT(pid, IsOk());
  struct stat info {};
  ASSERT_EQ(stat(absl::StrCat("/proc/", *pid).c_str(), &info), 0);
  EXPECT_NE(info.st_uid, 0u);
  auto user = redress::testing::ServerUserForThisProcess();
  ASSERT_THAT(user, IsOk());
  EXPECT_EQ(info.st_uid, user->uid);
}

TEST(PostgresServerTest, TwoServersHaveTheirOwnDirectoriesAndPorts) {
  auto first = PostgresServer::Start();
  auto second = PostgresServer::Start();
  ASSERT_THAT(first, IsOk());
  ASSERT_THAT(second, IsOk());
  EXPECT_NE((*first)->port(), (*second)->port());
  EXPECT_NE((*first)->directory(), (*second)->directory());
  ASSERT_THAT((*first)->Execute("CREATE TABLE only_in_first (x int)"), IsOk());
  EXPECT_THAT((*second)->Execute("SELECT * FROM only_in_first"),
              StatusIs(absl::StatusCode::kInternal));
}

TEST(PostgresServerTest, AppliesItsOptions) {
  PostgresServerOptions options;
  options.fsync = false;
  options.extra_config = {"deadlock_timeout = '123ms'"};
  auto server = PostgresServer::Start(options);
  ASSERT_THAT(server, IsOk());
  EXPECT_THAT(QueryText((*server)->url(), "SELECT current_setting('fsync') AS value"),
              IsOkAndHolds(std::string("off")));
  EXPECT_THAT(QueryText((*server)->url(), "SELECT current_setting('deadlock_timeout') AS value"),
              IsOkAndHolds(std::string("123ms")));

  auto durable = PostgresServer::Start();
  ASSERT_THAT(durable, IsOk());
  EXPECT_THAT(QueryText((*durable)->url(), "SELECT current_setting('fsync') AS value"),
              IsOkAndHolds(std::string("on")));
}

TEST(PostgresServerTest, KeepsCommittedDataAcrossAStopLikeACrashAndARestart) {
  auto server = PostgresServer::Start();
  ASSERT_THAT(server, IsOk());
  const int port = (*server)->port();
  ASSERT_THAT((*server)->Execute("CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)"),
              IsOk());
  ASSERT_THAT((*server)->Stop(), IsOk());
  EXPECT_FALSE((*server)->running());
  EXPECT_THAT(Connection::Open((*server)->url()), StatusIs(absl::StatusCode::kUnavailable));
  ASSERT_THAT((*server)->Restart(), IsOk());
  EXPECT_EQ((*server)->port(), port);
  EXPECT_THAT(QueryText((*server)->url(), "SELECT x::text AS value FROM kept"),
              IsOkAndHolds(std::string("42")));
}

TEST(PostgresServerTest, DestructionStopsTheServerAndDeletesItsDirectory) {
  std::string directory;
  std::string url;
  {
    auto server = PostgresServer::Start();
    ASSERT_THAT(server, IsOk());
    directory = (*server)->directory();
    url = (*server)->url();
    EXPECT_TRUE(std::filesystem::exists(directory));
  }
  EXPECT_FALSE(std::filesystem::exists(directory));
  EXPECT_THAT(Connection::Open(url), StatusIs(absl::StatusCode::kUnavailable));
}

TEST(PostgresServerTest, CreatesMoreDatabases) {
  auto server = PostgresServer::Start();
  ASSERT_THAT(server, IsOk());
  ASSERT_THAT((*server)->CreateDatabase("second"), IsOk());
  EXPECT_THAT(QueryText((*server)->UrlFor("second"), "SELECT current_database()::text AS value"),
              IsOkAndHolds(std::string("second")));
}

}  // namespace
}  // namespace redress::pg
