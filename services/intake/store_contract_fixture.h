// The typed fixture of the IntakeStore contract tests (store.h): a fresh store per test, opened as
// each implementation in StoreTypes, with the helpers and matchers the contract tests share. Every
// TYPED_TEST(StoreContractTest, ...) runs over FakeStore and SqliteStore.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "services/intake/fake_store.h"
#include "services/intake/sqlite_store.h"
#include "services/intake/store.h"
#include "services/intake/store_test_data.h"

namespace redress::intake::store_testing {

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
std::unique_ptr<IntakeStore> OpenStore(const ScratchDir& dir);

template <>
inline std::unique_ptr<IntakeStore> OpenStore<FakeStore>(const ScratchDir&) {
  return std::make_unique<FakeStore>();
}

template <>
inline std::unique_ptr<IntakeStore> OpenStore<SqliteStore>(const ScratchDir& dir) {
  auto store = SqliteStore::Open(dir.File("intake.db"));
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
  IntakeStore& store() { return *store_; }

  // Inserts `complaint` with a request record named after it; returns the stored complaint.
  Complaint Insert(const Complaint& complaint) {
    auto sequence = store_->InsertComplaint(
        complaint, Request("SubmitComplaint", "req-" + complaint.id, complaint.id));
    EXPECT_THAT(sequence, ::redress::testing::IsOk());
    Complaint stored = complaint;
    stored.sequence = sequence.ok() ? *sequence : -1;
    return stored;
  }

  std::vector<std::string> ListIds(const ComplaintQuery& query) {
    auto complaints = store_->ListComplaints(query);
    EXPECT_THAT(complaints, ::redress::testing::IsOk());
    std::vector<std::string> ids;
    if (complaints.ok()) {
      for (const Complaint& c : *complaints) ids.push_back(c.id);
    }
    return ids;
  }

  std::vector<OutboxEntry> Outbox(bool include_delivered) {
    auto entries = store_->ListOutbox(include_delivered, 100);
    EXPECT_THAT(entries, ::redress::testing::IsOk());
    return entries.ok() ? *entries : std::vector<OutboxEntry>();
  }

  ScratchDir dir_;
  std::unique_ptr<IntakeStore> store_;
};

using StoreTypes = ::testing::Types<FakeStore, SqliteStore>;
TYPED_TEST_SUITE(StoreContractTest, StoreTypes);

}  // namespace redress::intake::store_testing
