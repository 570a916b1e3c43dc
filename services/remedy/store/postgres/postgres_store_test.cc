// What PostgresStore promises beyond the store contract: replicas sharing one database. Each test
// runs two PostgresStore instances, each with its own pool, on one throwaway server, standing for
// two replicas: hand-offs received by both at once are stored once, a reader paging while both
// insert misses nothing, concurrent updates have one winner, migrations and the issue key are
// made once however many replicas start together, and the follow-up lease has one holder.
#include "services/remedy/store/postgres/postgres_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "absl/time/clock.h"
#include "common/store/postgres/postgres_test_support.h"
#include "common/testing/status_matchers.h"
#include "services/remedy/store/store_test_data.h"

namespace redress::remedy {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::SizeIs;
using namespace store_testing;  // NOLINT: test data builders

RecommendationQuery Everything() {
  RecommendationQuery query;
  query.limit = 1000;
  return query;
}

class PostgresStoreTest : public pg::PostgresTest {
 protected:
  // A replica: a store with its own pool on the test's server. nullptr (and a test failure) if
  // it cannot connect.
  std::unique_ptr<PostgresStore> Replica() {
    std::unique_ptr<pg::Pool> pool = NewPool();
    if (pool == nullptr) return nullptr;
    auto store = PostgresStore::Connect(std::move(pool));
    EXPECT_THAT(store, IsOk());
    return store.ok() ? *std::move(store) : nullptr;
  }

  void SetUp() override {
    pg::PostgresTest::SetUp();
    if (HasFatalFailure()) return;
    a_ = Replica();
    b_ = Replica();
    ASSERT_NE(a_, nullptr);
    ASSERT_NE(b_, nullptr);
  }

  // Replica a for even `i`, b for odd: threads split over the two.
  PostgresStore& ReplicaFor(int i) { return i % 2 == 0 ? *a_ : *b_; }

  std::unique_ptr<PostgresStore> a_;
  std::unique_ptr<PostgresStore> b_;
};

// Every call with the key runs at once on one replica or the other, each a different body (its own
// fingerprint and recommendation), as a retry racing a reuse of the key would.
TEST_F(PostgresStoreTest, CallsWithOneHandoffKeyOnTwoReplicasAtOnceCreateOneResource) {
  constexpr int kCallers = 8;
  absl::Barrier start(kCallers);
  std::vector<absl::Status> results(kCallers);
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&, i] {
      const std::string id = absl::StrCat("rec-", i);
      DecisionReceipt receipt = Receipt("i1", 1, {id});
      receipt.fingerprint = absl::StrCat("attempt-", i);
      start.Block();
      results[i] = ReplicaFor(i).ReceiveHandoff(receipt, {MinimalRecommendation(id)}, {});
    });
  }
  for (std::thread& caller : callers) caller.join();
  int winner = -1;
  for (int i = 0; i < kCallers; ++i) {
    if (results[i].ok()) {
      EXPECT_EQ(winner, -1) << "callers " << winner << " and " << i << " both won";
      winner = i;
    } else {
      EXPECT_THAT(results[i], StatusIs(absl::StatusCode::kAlreadyExists)) << "caller " << i;
      EXPECT_THAT(results[i].message(), ::testing::Not(::testing::HasSubstr("INSERT")));
    }
  }
  ASSERT_NE(winner, -1);
  for (PostgresStore* replica : {a_.get(), b_.get()}) {
    auto list = replica->ListRecommendations({});
    ASSERT_THAT(list, IsOk());
    ASSERT_THAT(*list, SizeIs(1));
    EXPECT_EQ((*list)[0].id, absl::StrCat("rec-", winner));
    auto receipt = replica->FindDecisionReceipt("investigations/i1/decisions/1");
    ASSERT_THAT(receipt, IsOk());
    ASSERT_TRUE(receipt->has_value());
    EXPECT_EQ((*receipt)->fingerprint, absl::StrCat("attempt-", winner));
    EXPECT_THAT((*receipt)->recommendation_ids, ElementsAre(absl::StrCat("rec-", winner)));
  }
}

// The same hand-off (same key, same recommendations) delivered to both replicas at once, as
// investigation's sender redelivering after a lost reply would; several rounds, so that the two
// really overlap.
TEST_F(PostgresStoreTest, OneHandoffDeliveredToBothReplicasAtOnceIsStoredOnce) {
  constexpr int kRounds = 10;
  for (int round = 1; round <= kRounds; ++round) {
    const std::vector<std::string> ids = {absl::StrCat("r", round, "-1"),
                                          absl::StrCat("r", round, "-2")};
    const DecisionReceipt receipt = Receipt("i1", round, ids);
    const std::vector<Recommendation> created = {MinimalRecommendation(ids[0]),
                                                 MinimalRecommendation(ids[1])};
    absl::Barrier start(2);
    absl::Status on_a, on_b;
    std::thread ta([&] {
      start.Block();
      on_a = a_->ReceiveHandoff(receipt, created, {});
    });
    std::thread tb([&] {
      start.Block();
      on_b = b_->ReceiveHandoff(receipt, created, {});
    });
    ta.join();
    tb.join();
    EXPECT_NE(on_a.ok(), on_b.ok()) << "round " << round << ": " << on_a << " / " << on_b;
    EXPECT_THAT(on_a.ok() ? on_b : on_a, StatusIs(absl::StatusCode::kAlreadyExists));
  }
  auto list = a_->ListRecommendations(Everything());
  ASSERT_THAT(list, IsOk());
  ASSERT_THAT(*list, SizeIs(2 * kRounds));  // each once
  for (size_t i = 1; i < list->size(); ++i) {
    EXPECT_LT((*list)[i - 1].sequence, (*list)[i].sequence);
  }
}

// Writers on both replicas insert while a reader pages through with after_sequence, again and
// again: each pass sees every recommendation committed before it started, each once, in
// increasing sequence order.
TEST_F(PostgresStoreTest, PagingWhileBothReplicasInsertMissesNothing) {
  constexpr int kWriters = 2;
  constexpr int kHandoffsPerWriter = 40;
  for (int i = 0; i < 10; ++i) {  // some rows before anyone writes concurrently
    ASSERT_THAT(a_->ReceiveHandoff(Receipt("seed", i + 1, {absl::StrCat("seed-", i)}),
                                   {MinimalRecommendation(absl::StrCat("seed-", i), "seed")}, {}),
                IsOk());
  }
  std::mutex mu;
  std::set<std::string> committed = {"seed-0", "seed-1", "seed-2", "seed-3", "seed-4",
                                     "seed-5", "seed-6", "seed-7", "seed-8", "seed-9"};
  std::atomic<int> writers_done{0};
  absl::Barrier start(kWriters + 1);
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      start.Block();
      for (int n = 0; n < kHandoffsPerWriter; ++n) {
        const std::string investigation = absl::StrCat("w", w);
        const std::vector<std::string> ids = {absl::StrCat("w", w, "-", n, "a"),
                                              absl::StrCat("w", w, "-", n, "b")};
        const absl::Status status =
            ReplicaFor(w).ReceiveHandoff(Receipt(investigation, n + 1, ids),
                                         {MinimalRecommendation(ids[0], investigation),
                                          MinimalRecommendation(ids[1], investigation)},
                                         {});
        EXPECT_THAT(status, IsOk());
        if (status.ok()) {
          std::lock_guard<std::mutex> lock(mu);
          committed.insert(ids.begin(), ids.end());
        }
      }
      ++writers_done;
    });
  }
  start.Block();
  int passes = 0;
  bool last_pass = false;
  while (!last_pass) {
    last_pass = writers_done.load() == kWriters;  // one more pass after the writers finished
    std::set<std::string> before;
    {
      std::lock_guard<std::mutex> lock(mu);
      before = committed;
    }
    std::set<std::string> seen;
    int64_t cursor = 0;
    while (true) {
      RecommendationQuery page;
      page.after_sequence = cursor;
      page.limit = 7;
      auto got = b_->ListRecommendations(page);
      ASSERT_THAT(got, IsOk());
      if (got->empty()) break;
      for (const Recommendation& r : *got) {
        ASSERT_GT(r.sequence, cursor) << "out of sequence order";
        cursor = r.sequence;
        EXPECT_TRUE(seen.insert(r.id).second) << r.id << " seen twice";
      }
    }
    for (const std::string& id : before) {
      EXPECT_TRUE(seen.count(id) == 1) << "pass " << passes << " missed " << id;
    }
    ++passes;
  }
  for (std::thread& writer : writers) writer.join();
  EXPECT_GE(passes, 2);
  auto all = a_->ListRecommendations(Everything());
  ASSERT_THAT(all, IsOk());
  EXPECT_THAT(*all, SizeIs(10 + kWriters * kHandoffsPerWriter * 2));
}

TEST_F(PostgresStoreTest, ConcurrentUpdatesOfOneVersionOnBothReplicasHaveOneWinner) {
  ASSERT_THAT(a_->ReceiveHandoff(Receipt("i1", 1, {"rec-1"}), {MinimalRecommendation("rec-1")}, {}),
              IsOk());
  auto stored = b_->GetRecommendation("rec-1");
  ASSERT_THAT(stored, IsOk());
  constexpr int kWriters = 8;
  absl::Barrier start(kWriters);
  std::vector<absl::Status> results(kWriters);
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      Recommendation changed = *stored;
      changed.version = 2;
      changed.description = absl::StrCat("writer ", i);
      changed.history.push_back(
          {RecommendationState::kAccepted, TimeAt(i), absl::CivilDay(2024, 9, 30), 1});
      start.Block();
      results[i] = ReplicaFor(i).UpdateRecommendation(changed, 1);
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
  auto got = a_->GetRecommendation("rec-1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(got->description, absl::StrCat("writer ", winner));
  ASSERT_THAT(got->history, SizeIs(stored->history.size() + 1));  // one writer's children only
  EXPECT_EQ(got->history.back().change_time, TimeAt(winner));
}

// Without the fixture's replicas: these start on an empty database.
class PostgresStoreStartTest : public pg::PostgresTest {
 protected:
  // Connects `count` stores at once, each with its own pool.
  std::vector<absl::StatusOr<std::unique_ptr<PostgresStore>>> ConnectAtOnce(int count) {
    std::vector<std::unique_ptr<pg::Pool>> pools;
    for (int i = 0; i < count; ++i) pools.push_back(NewPool(2));
    std::vector<absl::StatusOr<std::unique_ptr<PostgresStore>>> stores;
    for (int i = 0; i < count; ++i) stores.emplace_back(absl::UnknownError("not run"));
    absl::Barrier start(count);
    std::vector<std::thread> threads;
    for (int i = 0; i < count; ++i) {
      threads.emplace_back([&, i] {
        start.Block();
        stores[i] = PostgresStore::Connect(std::move(pools[i]));
      });
    }
    for (std::thread& thread : threads) thread.join();
    return stores;
  }
};

TEST_F(PostgresStoreStartTest, ReplicasMigratingAtOnceBothSucceedAndANewerSchemaIsRefused) {
  auto stores = ConnectAtOnce(2);
  ASSERT_THAT(stores[0], IsOk());
  ASSERT_THAT(stores[1], IsOk());
  std::unique_ptr<pg::Pool> pool = NewPool(1);
  ASSERT_NE(pool, nullptr);
  const int64_t last = PostgresStore::Migrations().back().version;
  EXPECT_EQ(last, 6);  // the SQLite store's versions
  EXPECT_THAT(pg::QueryInt(*pool, "SELECT max(version) AS value FROM schema_migrations"),
              pg::IsOkAndHolds(last));
  EXPECT_THAT(pg::QueryInt(*pool, "SELECT count(*) AS value FROM schema_migrations"),
              pg::IsOkAndHolds(last));  // each applied once
  // Both replicas work on the one schema.
  ASSERT_THAT((*stores[0])->InsertCaseSummary(FullSummary("i1", 1)), IsOk());
  auto summary = (*stores[1])->GetCaseSummary("i1", 0);
  ASSERT_THAT(summary, IsOk());
  EXPECT_EQ(*summary, FullSummary("i1", 1));

  ASSERT_THAT(pg::Exec(*pool, absl::StrCat("INSERT INTO schema_migrations (version) VALUES (",
                                           last + 1, ")")),
              IsOk());
  EXPECT_THAT(PostgresStore::Connect(NewPool(1)), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(PostgresStoreStartTest, ReplicasStartingAtOnceShareOneIssueKey) {
  auto stores = ConnectAtOnce(4);
  std::set<std::string> keys;
  for (auto& store : stores) {
    ASSERT_THAT(store, IsOk());
    auto key = (*store)->GetIssueKey();
    ASSERT_THAT(key, IsOk());
    EXPECT_THAT(*key, SizeIs(kIssueKeyBytes));
    keys.insert(*key);
  }
  EXPECT_THAT(keys, SizeIs(1));
  // A replica started later (or after a restart) reads the same key.
  auto later = PostgresStore::Connect(NewPool(1));
  ASSERT_THAT(later, IsOk());
  EXPECT_THAT((*later)->GetIssueKey(), pg::IsOkAndHolds(*keys.begin()));
}

TEST_F(PostgresStoreTest, TheFollowUpLeaseHasOneHolderUntilItLapses) {
  const absl::Duration lease = absl::Seconds(1);
  EXPECT_THAT(a_->AcquireFollowUpLease("replica-a", lease), pg::IsOkAndHolds(true));
  EXPECT_THAT(b_->AcquireFollowUpLease("replica-b", lease), pg::IsOkAndHolds(false));
  const absl::Time renewed = absl::Now();
  EXPECT_THAT(a_->AcquireFollowUpLease("replica-a", lease), pg::IsOkAndHolds(true));
  // B asks until it gets the lease, which is only once A's renewal has lapsed.
  bool b_holds = false;
  while (!b_holds && absl::Now() < renewed + absl::Seconds(5)) {
    auto got = b_->AcquireFollowUpLease("replica-b", lease);
    ASSERT_THAT(got, IsOk());
    b_holds = *got;
    if (!b_holds) absl::SleepFor(absl::Milliseconds(50));  // polling, not synchronisation
  }
  ASSERT_TRUE(b_holds);
  EXPECT_GE(absl::Now() - renewed, lease - absl::Milliseconds(100)) << "taken while A held it";
  EXPECT_THAT(a_->AcquireFollowUpLease("replica-a", lease), pg::IsOkAndHolds(false));
}

}  // namespace
}  // namespace redress::remedy
