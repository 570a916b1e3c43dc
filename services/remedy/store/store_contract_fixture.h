// The typed fixture of the RemedyStore contract tests (store.h): common/testing/store_contract.h's
// fresh store per test, opened as each implementation in StoreTypes, plus the helpers remedy's
// contract tests share. Every TYPED_TEST(StoreContractTest, ...) runs over FakeStore and
// SqliteStore (remedy_store_test), and over PostgresStore where REDRESS_STORE_CONTRACT_POSTGRES
// is defined (remedy_postgres_store_test).
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "common/testing/store_contract.h"
#include "services/remedy/store/fake_store.h"
#include "services/remedy/store/postgres/postgres_store.h"
#include "services/remedy/store/sqlite/sqlite_store.h"
#include "services/remedy/store/store.h"
#include "services/remedy/store/store_test_data.h"

namespace redress::remedy::store_testing {

using ::redress::testing::FindsNothing;
using ::redress::testing::IsOkAndHolds;

template <typename T>
class StoreContractTest : public ::redress::testing::StoreContractFixture<RemedyStore, T> {
 public:
  StoreContractTest() : ::redress::testing::StoreContractFixture<RemedyStore, T>("remedy.db") {}

  // Receives `created` under a receipt of decision `decision` on their first one's investigation
  // (so each call needs a new decision number or investigation); returns them as stored, with
  // their sequences.
  std::vector<Recommendation> Receive(const std::vector<Recommendation>& created, int decision = 1,
                                      const std::vector<Recommendation>& superseded = {}) {
    std::vector<std::string> ids;
    for (const Recommendation& r : created) ids.push_back(r.id);
    const std::string investigation = created.empty() ? "none" : created[0].investigation_id;
    EXPECT_THAT(
        this->store_->ReceiveHandoff(Receipt(investigation, decision, ids), created, superseded),
        ::redress::testing::IsOk());
    std::vector<Recommendation> stored;
    for (const Recommendation& r : created) {
      auto got = this->store_->GetRecommendation(r.id);
      EXPECT_THAT(got, ::redress::testing::IsOk());
      stored.push_back(got.ok() ? *got : Recommendation());
    }
    return stored;
  }

  // Receives `recommendation` alone; returns it as stored.
  Recommendation ReceiveOne(const Recommendation& recommendation, int decision = 1) {
    return Receive({recommendation}, decision).at(0);
  }

  std::vector<std::string> ListIds(const RecommendationQuery& query) {
    auto list = this->store_->ListRecommendations(query);
    EXPECT_THAT(list, ::redress::testing::IsOk());
    std::vector<std::string> ids;
    if (list.ok()) {
      for (const Recommendation& r : *list) ids.push_back(r.id);
    }
    return ids;
  }

  // Every stored recommendation, in sequence order.
  std::vector<Recommendation> All() {
    RecommendationQuery query;
    query.limit = 1000;
    auto list = this->store_->ListRecommendations(query);
    EXPECT_THAT(list, ::redress::testing::IsOk());
    return list.ok() ? *list : std::vector<Recommendation>();
  }
};

#ifdef REDRESS_STORE_CONTRACT_POSTGRES
using StoreTypes = ::testing::Types<PostgresStore>;
#else
using StoreTypes = ::testing::Types<FakeStore, SqliteStore>;
#endif
TYPED_TEST_SUITE(StoreContractTest, StoreTypes);

}  // namespace redress::remedy::store_testing
