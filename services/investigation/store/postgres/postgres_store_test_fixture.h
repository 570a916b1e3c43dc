// The fixture of PostgresStore's own tests (postgres_store_test.cc, postgres_store_outbox_test.cc):
// two PostgresStore instances, each with its own pool, on one throwaway PostgreSQL server, standing
// for two replicas (processes) of the service sharing a database.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/store/postgres/postgres_test_support.h"
#include "common/testing/status_matchers.h"
#include "services/investigation/store/postgres/postgres_store.h"
#include "services/investigation/store/store_test_data.h"

namespace redress::investigation {

class PostgresStoreTest : public pg::PostgresTest {
 protected:
  // A replica's store on the test's server, with its own pool.
  std::unique_ptr<PostgresStore> ConnectReplica() {
    auto store = PostgresStore::Connect(NewPool(8));
    EXPECT_THAT(store, ::redress::testing::IsOk());
    return store.ok() ? *std::move(store) : nullptr;
  }

  // Two replicas sharing the database.
  void ConnectReplicas() {
    replica_a_ = ConnectReplica();
    replica_b_ = ConnectReplica();
    ASSERT_NE(replica_a_, nullptr);
    ASSERT_NE(replica_b_, nullptr);
  }

  PostgresStore& Replica(int i) { return i % 2 == 0 ? *replica_a_ : *replica_b_; }

  // Opens investigation `id` and writes `count` decision hand-offs for it, one update each.
  void OpenWithHandoffs(const std::string& id, int count) {
    Investigation investigation = store_testing::MinimalInvestigation(id);
    ASSERT_THAT(replica_a_->InsertInvestigation(
                    investigation, store_testing::Request("OpenInvestigation", "req-" + id, id)),
                ::redress::testing::IsOk());
    for (int n = 1; n <= count; ++n) {
      investigation = store_testing::Decided(investigation, store_testing::TimeAt(100 + n), n);
      ASSERT_THAT(
          replica_a_->UpdateInvestigation(investigation, investigation.version - 1,
                                          store_testing::HandoffFor(investigation), std::nullopt),
          ::redress::testing::IsOk());
    }
  }

  static std::vector<std::string> Keys(const absl::StatusOr<std::vector<OutboxEntry>>& entries) {
    std::vector<std::string> keys;
    if (entries.ok()) {
      for (const OutboxEntry& entry : *entries) keys.push_back(HandoffKey(entry.handoff));
    }
    return keys;
  }

  // The outbox id of the entry with `key`.
  int64_t OutboxId(const std::string& key) {
    auto entries = replica_a_->ListOutbox(/*include_delivered=*/true, 100);
    EXPECT_THAT(entries, ::redress::testing::IsOk());
    if (entries.ok()) {
      for (const OutboxEntry& entry : *entries) {
        if (HandoffKey(entry.handoff) == key) return entry.id;
      }
    }
    ADD_FAILURE() << "no outbox entry " << key;
    return -1;
  }

  std::unique_ptr<PostgresStore> replica_a_;
  std::unique_ptr<PostgresStore> replica_b_;
};

// The key of investigation `id`'s decision `n` hand-off, as store_testing::HandoffFor makes it.
inline std::string DecisionKey(const std::string& id, int n) {
  return absl::StrCat("investigations/", id, "/decisions/", n);
}

}  // namespace redress::investigation
