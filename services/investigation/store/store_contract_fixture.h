// The typed fixture of the InvestigationStore contract tests (store.h): common/testing/
// store_contract.h's fresh store per test, opened as each implementation in StoreTypes, plus the
// helpers investigation's contract tests share. Every TYPED_TEST(StoreContractTest, ...) runs over
// FakeStore and SqliteStore, and in investigation_postgres_store_test (built with
// REDRESS_STORE_CONTRACT_POSTGRES) over PostgresStore.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "common/testing/store_contract.h"
#include "services/investigation/store/fake_store.h"
#include "services/investigation/store/postgres/postgres_store.h"
#include "services/investigation/store/sqlite/sqlite_store.h"
#include "services/investigation/store/store.h"
#include "services/investigation/store/store_test_data.h"

namespace redress::investigation::store_testing {

using ::redress::testing::FindsNothing;
using ::redress::testing::IsOkAndHolds;

template <typename T>
class StoreContractTest : public ::redress::testing::StoreContractFixture<InvestigationStore, T> {
 public:
  StoreContractTest()
      : ::redress::testing::StoreContractFixture<InvestigationStore, T>("investigation.db") {}

  // Inserts `investigation` with a request record named after it; returns the stored
  // investigation (with its sequence).
  Investigation Insert(const Investigation& investigation) {
    auto sequence = this->store_->InsertInvestigation(
        investigation, Request("OpenInvestigation", "req-" + investigation.id, investigation.id));
    EXPECT_THAT(sequence, ::redress::testing::IsOk());
    Investigation stored = investigation;
    stored.sequence = sequence.ok() ? *sequence : -1;
    return stored;
  }

  // Updates `investigation` from version - 1, with `handoff` when given.
  void Update(const Investigation& investigation,
              const std::optional<Handoff>& handoff = std::nullopt) {
    EXPECT_THAT(this->store_->UpdateInvestigation(investigation, investigation.version - 1, handoff,
                                                  std::nullopt),
                ::redress::testing::IsOk());
  }

  std::vector<std::string> ListIds(const InvestigationQuery& query) {
    auto investigations = this->store_->ListInvestigations(query);
    EXPECT_THAT(investigations, ::redress::testing::IsOk());
    std::vector<std::string> ids;
    if (investigations.ok()) {
      for (const Investigation& i : *investigations) ids.push_back(i.id);
    }
    return ids;
  }

  std::vector<OutboxEntry> Outbox(bool include_delivered) {
    auto entries = this->store_->ListOutbox(include_delivered, 100);
    EXPECT_THAT(entries, ::redress::testing::IsOk());
    return entries.ok() ? *entries : std::vector<OutboxEntry>();
  }
};

#ifdef REDRESS_STORE_CONTRACT_POSTGRES
using StoreTypes = ::testing::Types<PostgresStore>;
#else
using StoreTypes = ::testing::Types<FakeStore, SqliteStore>;
#endif
TYPED_TEST_SUITE(StoreContractTest, StoreTypes);

}  // namespace redress::investigation::store_testing
