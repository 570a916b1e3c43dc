// Test support for the PostgreSQL layer's tests: a fixture that starts a throwaway server per
// test (fsync off: these tests check behaviour, not durability) and opens pools on it, and small
// query helpers.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/status_macros.h"
#include "common/store/postgres/connection.h"
#include "common/store/postgres/pool.h"
#include "common/testing/postgres_server.h"
#include "common/testing/status_matchers.h"

namespace redress::pg {

// A StatusOr that is OK and whose value matches `matcher`.
MATCHER_P(IsOkAndHolds, matcher, "is OK and holds a matching value") {
  if (!arg.ok()) {
    *result_listener << "status is " << arg.status().ToString();
    return false;
  }
  return ::testing::ExplainMatchResult(matcher, *arg, result_listener);
}

// The single integer column `value` of the single row `sql` returns, on a connection of `pool`.
inline absl::StatusOr<int64_t> QueryInt(Pool& pool, std::string_view sql,
                                        const Params& params = {}) {
  ASSIGN_OR_RETURN(PooledConnection connection, pool.Acquire());
  ASSIGN_OR_RETURN(Result result, connection->Execute(sql, params));
  if (result.rows() != 1) return absl::InternalError("expected one row");
  return result.row(0).Int64("value");
}

// Runs `sql` (no parameters, no result) on a connection of `pool`.
inline absl::Status Exec(Pool& pool, std::string_view sql) {
  ASSIGN_OR_RETURN(PooledConnection connection, pool.Acquire());
  return connection->ExecuteScript(sql).status();
}

class PostgresTest : public ::testing::Test {
 protected:
  // Override to configure the server.
  virtual testing::PostgresServerOptions ServerOptions() const {
    testing::PostgresServerOptions options;
    options.fsync = false;
    return options;
  }

  void SetUp() override {
    auto server = testing::PostgresServer::Start(ServerOptions());
    ASSERT_THAT(server, testing::IsOk());
    server_ = *std::move(server);
  }

  testing::PostgresServer& server() { return *server_; }

  std::unique_ptr<Pool> NewPool(PoolOptions options = {}, std::string url = "") {
    auto pool = Pool::Create(url.empty() ? server_->url() : url, options);
    EXPECT_THAT(pool, testing::IsOk());
    return pool.ok() ? *std::move(pool) : nullptr;
  }
  std::unique_ptr<Pool> NewPool(int size) {
    PoolOptions options;
    options.size = size;
    return NewPool(options);
  }

 private:
  std::unique_ptr<testing::PostgresServer> server_;
};

}  // namespace redress::pg
