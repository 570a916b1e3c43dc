// PostgresStore with several replicas on one database: two stores on the same throwaway server
// stand for two processes. What the contract suite (run over PostgresStore too) cannot show with
// one store: concurrent retries and updates across replicas, paging while other replicas insert,
// migrations applied by replicas starting together, and the outbox claimed by replicas.
#include "services/investigation/store/postgres/postgres_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "absl/time/clock.h"
#include "common/store/postgres/postgres_test_support.h"
#include "common/testing/status_matchers.h"
#include "services/investigation/store/store_test_data.h"

namespace redress::investigation {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;
using namespace store_testing;  // NOLINT: the contract suite's test data

class PostgresStoreTest : public pg::PostgresTest {
 protected:
  // A replica's store on the test's server, with its own pool.
  std::unique_ptr<PostgresStore> ConnectReplica() {
    auto store = PostgresStore::Connect(NewPool(8));
    EXPECT_THAT(store, IsOk());
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
    Investigation investigation = MinimalInvestigation(id);
    ASSERT_THAT(replica_a_->InsertInvestigation(investigation,
                                                Request("OpenInvestigation", "req-" + id, id)),
                IsOk());
    for (int n = 1; n <= count; ++n) {
      investigation = Decided(investigation, TimeAt(100 + n), n);
      ASSERT_THAT(replica_a_->UpdateInvestigation(investigation, investigation.version - 1,
                                                  HandoffFor(investigation), std::nullopt),
                  IsOk());
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
    EXPECT_THAT(entries, IsOk());
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

std::string DecisionKey(const std::string& id, int n) {
  return absl::StrCat("investigations/", id, "/decisions/", n);
}

TEST_F(PostgresStoreTest, ARetriedOpenReceivedByBothReplicasAtOnceCreatesOneInvestigation) {
  ConnectReplicas();
  constexpr int kCallers = 8;
  absl::Barrier start(kCallers);
  std::vector<absl::Status> results(kCallers);
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&, i] {
      // Each retry arrives with a new id, as the logic makes one per call; the request record
      // is the same.
      const std::string id = absl::StrCat("i", i);
      start.Block();
      results[i] = Replica(i)
                       .InsertInvestigation(MinimalInvestigation(id),
                                            Request("OpenInvestigation", "req-1", id))
                       .status();
    });
  }
  for (std::thread& caller : callers) caller.join();
  int winner = -1;
  for (int i = 0; i < kCallers; ++i) {
    if (results[i].ok()) {
      EXPECT_EQ(winner, -1) << "callers " << winner << " and " << i << " both created one";
      winner = i;
    } else {
      EXPECT_THAT(results[i], StatusIs(absl::StatusCode::kAlreadyExists)) << "caller " << i;
    }
  }
  ASSERT_NE(winner, -1);
  auto record = replica_b_->FindRequest("OpenInvestigation", "req-1");
  ASSERT_THAT(record, IsOk());
  ASSERT_TRUE(record->has_value());
  EXPECT_EQ((*record)->resource_id, absl::StrCat("i", winner));
  auto all = replica_a_->ListInvestigations({});
  ASSERT_THAT(all, IsOk());
  ASSERT_THAT(*all, SizeIs(1));
  EXPECT_EQ((*all)[0].id, absl::StrCat("i", winner));
}

TEST_F(PostgresStoreTest, PagingWhileBothReplicasInsertMissesNoCommittedInvestigation) {
  ConnectReplicas();
  constexpr int kWriters = 2;
  constexpr int kPerWriter = 30;
  for (int i = 0; i < 10; ++i) {
    const std::string id = absl::StrCat("before-", i);
    ASSERT_THAT(replica_a_->InsertInvestigation(MinimalInvestigation(id),
                                                Request("OpenInvestigation", "req-" + id, id)),
                IsOk());
  }
  std::mutex mu;
  std::vector<std::string> committed;  // ids whose insert returned OK, in that order
  for (int i = 0; i < 10; ++i) committed.push_back(absl::StrCat("before-", i));
  absl::Barrier start(kWriters + 1);
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      start.Block();
      for (int n = 0; n < kPerWriter; ++n) {
        const std::string id = absl::StrCat("w", w, "-", n);
        const absl::Status status =
            Replica(w)
                .InsertInvestigation(MinimalInvestigation(id),
                                     Request("OpenInvestigation", "req-" + id, id))
                .status();
        EXPECT_THAT(status, IsOk()) << id;
        if (status.ok()) {
          std::lock_guard<std::mutex> lock(mu);
          committed.push_back(id);
        }
      }
    });
  }
  start.Block();
  // Pages of 3 from alternate replicas until a page comes back empty.
  std::vector<std::string> seen;
  std::vector<int64_t> sequences;
  size_t committed_before_last_page = 0;
  int64_t after = 0;
  for (int page = 0; page < 1000; ++page) {
    {
      std::lock_guard<std::mutex> lock(mu);
      committed_before_last_page = committed.size();
    }
    InvestigationQuery query;
    query.after_sequence = after;
    query.limit = 3;
    auto listed = Replica(page).ListInvestigations(query);
    ASSERT_THAT(listed, IsOk());
    if (listed->empty()) break;
    for (const Investigation& investigation : *listed) {
      seen.push_back(investigation.id);
      sequences.push_back(investigation.sequence);
      after = investigation.sequence;
    }
  }
  for (std::thread& writer : writers) writer.join();
  for (size_t i = 1; i < sequences.size(); ++i) {
    EXPECT_LT(sequences[i - 1], sequences[i]) << "page order broken at " << seen[i];
  }
  const std::set<std::string> distinct(seen.begin(), seen.end());
  EXPECT_EQ(distinct.size(), seen.size()) << "an investigation was listed twice";
  // Every insert that had committed when the last (empty) page was read has a sequence the reader
  // passed, so it must have been listed; in particular every one committed before paging began.
  for (size_t i = 0; i < committed_before_last_page; ++i) {
    EXPECT_TRUE(distinct.count(committed[i]) > 0) << committed[i] << " was skipped";
  }
}

TEST_F(PostgresStoreTest, ConcurrentUpdatesOfOneVersionOnBothReplicasHaveOneWinner) {
  ConnectReplicas();
  const Investigation opened = MinimalInvestigation("i1");
  ASSERT_THAT(replica_a_->InsertInvestigation(opened, Request("OpenInvestigation", "r", "i1")),
              IsOk());
  constexpr int kWriters = 8;
  absl::Barrier start(kWriters);
  std::vector<absl::Status> results(kWriters);
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      Investigation changed = Decided(opened, TimeAt(i));
      changed.caseworker = absl::StrCat("writer ", i);
      start.Block();
      results[i] = Replica(i).UpdateInvestigation(changed, 1, HandoffFor(changed), std::nullopt);
    });
  }
  for (std::thread& thread : threads) thread.join();
  int winner = -1;
  for (int i = 0; i < kWriters; ++i) {
    if (results[i].ok()) {
      EXPECT_EQ(winner, -1) << "writers " << winner << " and " << i << " both won";
      winner = i;
    } else {
      EXPECT_THAT(results[i], StatusIs(absl::StatusCode::kAborted)) << "writer " << i;
    }
  }
  ASSERT_NE(winner, -1);
  auto stored = replica_b_->GetInvestigation("i1");
  ASSERT_THAT(stored, IsOk());
  EXPECT_EQ(stored->version, 2);
  EXPECT_EQ(stored->caseworker, absl::StrCat("writer ", winner));
  EXPECT_THAT(Keys(replica_b_->ListOutbox(true, 100)), ElementsAre(DecisionKey("i1", 1)));
}

TEST_F(PostgresStoreTest, ReplicasStartingTogetherOnAnEmptyDatabaseBothMigrateIt) {
  absl::Barrier start(2);
  std::vector<absl::Status> results(2);
  std::vector<std::unique_ptr<pg::Pool>> pools;
  pools.push_back(NewPool(2));
  pools.push_back(NewPool(2));
  std::vector<std::thread> replicas;
  for (int i = 0; i < 2; ++i) {
    replicas.emplace_back([&, i] {
      start.Block();
      results[i] = PostgresStore::Connect(std::move(pools[i])).status();
    });
  }
  for (std::thread& replica : replicas) replica.join();
  EXPECT_THAT(results[0], IsOk());
  EXPECT_THAT(results[1], IsOk());
  auto pool = NewPool(1);
  EXPECT_THAT(pg::QueryInt(*pool, "SELECT count(*) AS value FROM schema_migrations"),
              pg::IsOkAndHolds(static_cast<int64_t>(PostgresStore::Migrations().size())));
  EXPECT_THAT(pg::QueryInt(*pool, "SELECT max(version) AS value FROM schema_migrations"),
              pg::IsOkAndHolds(PostgresStore::Migrations().back().version));
}

TEST_F(PostgresStoreTest, ADatabaseWrittenByANewerSchemaIsRefused) {
  ASSERT_NE(ConnectReplica(), nullptr);
  auto pool = NewPool(1);
  ASSERT_THAT(
      pg::Exec(*pool, absl::StrCat("INSERT INTO schema_migrations (version, applied_at) "
                                   "VALUES (",
                                   PostgresStore::Migrations().back().version + 1, ", now())")),
      IsOk());
  EXPECT_THAT(PostgresStore::Connect(NewPool(1)).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(PostgresStoreTest, ReplicasClaimOnlyHeadsAndNeverTheSameEntry) {
  ConnectReplicas();
  OpenWithHandoffs("i1", 3);
  OpenWithHandoffs("i2", 2);
  OpenWithHandoffs("i3", 1);
  OpenWithHandoffs("i4", 2);
  auto a = replica_a_->ClaimOutbox("replica-a", absl::Seconds(30), 2);
  auto b = replica_b_->ClaimOutbox("replica-b", absl::Seconds(30), 10);
  ASSERT_THAT(a, IsOk());
  ASSERT_THAT(b, IsOk());
  // Only each investigation's first hand-off, and each to one replica.
  EXPECT_THAT(Keys(a), ElementsAre(DecisionKey("i1", 1), DecisionKey("i2", 1)));
  EXPECT_THAT(Keys(b), ElementsAre(DecisionKey("i3", 1), DecisionKey("i4", 1)));
  // Claiming again renews a replica's own claims and takes nothing of the other's.
  EXPECT_THAT(Keys(replica_b_->ClaimOutbox("replica-b", absl::Seconds(30), 10)),
              ElementsAre(DecisionKey("i3", 1), DecisionKey("i4", 1)));
  // Delivering i1's first hand-off makes its second the head, free for any replica.
  ASSERT_THAT(replica_a_->MarkDelivered(OutboxId(DecisionKey("i1", 1)), TimeAt(500)), IsOk());
  EXPECT_THAT(Keys(replica_b_->ClaimOutbox("replica-b", absl::Seconds(30), 10)),
              ElementsAre(DecisionKey("i1", 2), DecisionKey("i3", 1), DecisionKey("i4", 1)));
  EXPECT_THAT(Keys(replica_a_->ClaimOutbox("replica-a", absl::Seconds(30), 10)),
              ElementsAre(DecisionKey("i2", 1)));
  // The claimed entries carry their whole hand-off.
  auto claimed = replica_a_->ClaimOutbox("replica-a", absl::Seconds(30), 10);
  ASSERT_THAT(claimed, IsOk());
  ASSERT_THAT(*claimed, SizeIs(1));
  EXPECT_EQ(HandoffInvestigationId((*claimed)[0].handoff), "i2");
  EXPECT_EQ((*claimed)[0].create_time, TimeAt(101));
  EXPECT_EQ((*claimed)[0].handoff,
            Handoff(HandoffFor(Decided(MinimalInvestigation("i2"), TimeAt(101), 1))));
}

TEST_F(PostgresStoreTest, AClaimWhoseLeaseLapsedIsTakenOverByTheOtherReplica) {
  ConnectReplicas();
  OpenWithHandoffs("i1", 2);
  EXPECT_THAT(Keys(replica_a_->ClaimOutbox("replica-a", absl::Seconds(1), 10)),
              ElementsAre(DecisionKey("i1", 1)));
  ASSERT_THAT(
      replica_a_->RecordFailedAttempt(OutboxId(DecisionKey("i1", 1)), TimeAt(300), "unavailable"),
      IsOk());
  EXPECT_THAT(Keys(replica_b_->ClaimOutbox("replica-b", absl::Seconds(30), 10)), IsEmpty());
  absl::SleepFor(absl::Milliseconds(1300));  // replica-a stops renewing: its lease lapses
  auto taken = replica_b_->ClaimOutbox("replica-b", absl::Seconds(30), 10);
  EXPECT_THAT(Keys(taken), ElementsAre(DecisionKey("i1", 1)));
  ASSERT_THAT(taken, IsOk());
  ASSERT_THAT(*taken, SizeIs(1));
  EXPECT_EQ((*taken)[0].attempts, 1);
  EXPECT_EQ((*taken)[0].last_error, "unavailable");
  // Now replica-a gets nothing, even its old entry's successor: it waits for the head.
  EXPECT_THAT(Keys(replica_a_->ClaimOutbox("replica-a", absl::Seconds(30), 10)), IsEmpty());
}

}  // namespace
}  // namespace redress::investigation
