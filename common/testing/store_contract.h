// The service-neutral half of every store contract suite (services/*/store_contract_fixture.h):
// a typed fixture that opens a fresh store per test as each implementation of a service's store
// interface, and the matchers those suites share. A service's fixture derives from
// StoreContractFixture<ItsStore, T>, adds helpers in its own words, and declares the typed suite.
// A PostgreSQL implementation runs against a throwaway server the fixture starts for each test
// (testing/postgres_server.h; link redress_postgres_server), so those tests need PostgreSQL 15
// installed and carry the ctest label `postgres`.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "common/store/postgres/pool.h"
#include "common/testing/postgres_server.h"
#include "common/testing/scratch_dir.h"
#include "common/testing/status_matchers.h"

namespace redress::testing {

// `arg`, an absl::StatusOr<T>, is OK and its value matches `matcher`.
MATCHER_P(IsOkAndHolds, matcher, "is OK and holds a matching value") {
  if (!arg.ok()) {
    *result_listener << "status is " << arg.status().ToString();
    return false;
  }
  return ::testing::ExplainMatchResult(matcher, *arg, result_listener);
}

// `arg`, an absl::StatusOr<std::optional<T>> from a lookup (FindRequest, FindDecisionReceipt),
// is OK and empty.
MATCHER(FindsNothing, "is OK and finds nothing") {
  if (!arg.ok()) *result_listener << "status is " << arg.status().ToString();
  return arg.ok() && !arg->has_value();
}

// Whether `Impl` is file-backed: it has a static Open(path) (SqliteStore).
template <typename Impl, typename = void>
struct OpensFromFile : std::false_type {};
template <typename Impl>
struct OpensFromFile<Impl, std::void_t<decltype(Impl::Open(std::declval<const std::string&>()))>>
    : std::true_type {};

// Whether `Impl` runs on PostgreSQL: it has a static Connect(std::unique_ptr<pg::Pool>)
// (a service's PostgresStore).
template <typename Impl, typename = void>
struct ConnectsToPostgres : std::false_type {};
template <typename Impl>
struct ConnectsToPostgres<
    Impl, std::void_t<decltype(Impl::Connect(std::declval<std::unique_ptr<pg::Pool>>()))>>
    : std::true_type {};

// A PostgreSQL store on a new throwaway server (fsync off: the contract is about behaviour;
// durability is the server's). `server` keeps the server alive; nullptr, with a test failure,
// when the server or the store cannot start.
template <typename Store, typename Impl>
std::unique_ptr<Store> ConnectStoreForTest(std::unique_ptr<PostgresServer>& server) {
  PostgresServerOptions options;
  options.fsync = false;
  auto started = PostgresServer::Start(options);
  EXPECT_THAT(started, IsOk());
  if (!started.ok()) return nullptr;
  server = *std::move(started);
  auto pool = pg::Pool::Create(server->url());
  EXPECT_THAT(pool, IsOk());
  if (!pool.ok()) return nullptr;
  auto store = Impl::Connect(*std::move(pool));
  EXPECT_THAT(store, IsOk());
  if (!store.ok()) return nullptr;
  return std::unique_ptr<Store>(*std::move(store));
}

// A fresh, empty store of implementation `Impl` as a `Store`: a file-backed one opened with
// Impl::Open on `file` in `dir`, a PostgreSQL one on a new throwaway server, any other
// default-constructed (FakeStore). nullptr, with a test failure, when opening fails.
template <typename Store, typename Impl>
std::unique_ptr<Store> OpenStoreForTest(const ScratchDir& dir, const std::string& file,
                                        std::unique_ptr<PostgresServer>& server) {
  if constexpr (OpensFromFile<Impl>::value) {
    auto store = Impl::Open(dir.File(file));
    EXPECT_THAT(store, IsOk());
    if (!store.ok()) return nullptr;
    return std::unique_ptr<Store>(*std::move(store));
  } else if constexpr (ConnectsToPostgres<Impl>::value) {
    return ConnectStoreForTest<Store, Impl>(server);
  } else {
    return std::make_unique<Impl>();
  }
}

// A fresh `Impl` store per test, seen through the interface `Store` the contract is written
// against. Use through this->store() in TYPED_TESTs.
template <typename Store, typename Impl>
class StoreContractFixture : public ::testing::Test {
 public:
  Store& store() { return *store_; }

 protected:
  // `file`: the database file name a file-backed implementation is opened on ("intake.db").
  explicit StoreContractFixture(std::string file) : file_(std::move(file)) {}

  void SetUp() override {
    store_ = OpenStoreForTest<Store, Impl>(dir_, file_, server_);
    ASSERT_NE(store_, nullptr);
  }

  ScratchDir dir_;
  std::unique_ptr<PostgresServer> server_;  // for a PostgreSQL store; outlives store_
  std::unique_ptr<Store> store_;

 private:
  std::string file_;
};

}  // namespace redress::testing
