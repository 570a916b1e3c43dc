// The typed fixture of the InvestigationStore contract tests (store.h): a fresh store per test,
// opened as each implementation in StoreTypes, with the helpers and matchers the contract tests
// share. Every TYPED_TEST(StoreContractTest, ...) runs over FakeStore and SqliteStore.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "services/investigation/fake_store.h"
#include "services/investigation/sqlite_store.h"
#include "services/investigation/store.h"
#include "services/investigation/store_test_data.h"

namespace redress::investigation::store_testing {

MATCHER_P(IsOkAndHolds, matcher, "is OK and holds a matching value") {
  if (!arg.ok()) {
    *result_listener << "status is " << arg.status().ToString();
    return false;
  }
  return ::testing::ExplainMatchResult(matcher, *arg, result_listener);
}

// FindRequest succeeded and found no record.
MATCHER(FindsNothing, "is OK and finds no record") {
  if (!arg.ok()) *result_listener << "status is " << arg.status().ToString();
  return arg.ok() && !arg->has_value();
}

template <typename T>
std::unique_ptr<InvestigationStore> OpenStore(const ScratchDir& dir);

template <>
inline std::unique_ptr<InvestigationStore> OpenStore<FakeStore>(const ScratchDir&) {
  return std::make_unique<FakeStore>();
}

template <>
inline std::unique_ptr<InvestigationStore> OpenStore<SqliteStore>(const ScratchDir& dir) {
  auto store = SqliteStore::Open(dir.File("investigation.db"));
  EXPECT_THAT(store, ::redress::testing::IsOk());
  return store.ok() ? *std::move(store) : nullptr;
}

template <typename T>
class StoreContractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenStore<T>(dir_);
    ASSERT_NE(store_, nullptr);
  }

 public:
  InvestigationStore& store() { return *store_; }

  // Inserts `investigation` with a request record named after it; returns the stored
  // investigation (with its sequence).
  Investigation Insert(const Investigation& investigation) {
    auto sequence = store_->InsertInvestigation(
        investigation, Request("OpenInvestigation", "req-" + investigation.id, investigation.id));
    EXPECT_THAT(sequence, ::redress::testing::IsOk());
    Investigation stored = investigation;
    stored.sequence = sequence.ok() ? *sequence : -1;
    return stored;
  }

  // Updates `investigation` from version - 1, with `handoff` when given.
  void Update(const Investigation& investigation,
              const std::optional<DecisionHandoff>& handoff = std::nullopt) {
    EXPECT_THAT(store_->UpdateInvestigation(investigation, investigation.version - 1, handoff,
                                            std::nullopt),
                ::redress::testing::IsOk());
  }

  std::vector<std::string> ListIds(const InvestigationQuery& query) {
    auto investigations = store_->ListInvestigations(query);
    EXPECT_THAT(investigations, ::redress::testing::IsOk());
    std::vector<std::string> ids;
    if (investigations.ok()) {
      for (const Investigation& i : *investigations) ids.push_back(i.id);
    }
    return ids;
  }

  std::vector<OutboxEntry> Outbox(bool include_delivered) {
    auto entries = store_->ListOutbox(include_delivered, 100);
    EXPECT_THAT(entries, ::redress::testing::IsOk());
    return entries.ok() ? *entries : std::vector<OutboxEntry>();
  }

  ScratchDir dir_;
  std::unique_ptr<InvestigationStore> store_;
};

using StoreTypes = ::testing::Types<FakeStore, SqliteStore>;
TYPED_TEST_SUITE(StoreContractTest, StoreTypes);

}  // namespace redress::investigation::store_testing
