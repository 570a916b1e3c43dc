// What only PostgresStore has to show: several replicas (here, two stores with their own pools on
// one throwaway server) sharing one database. The store contract itself runs against PostgreSQL
// through store_contract_test.cc in this binary.
#include "services/intake/store/postgres/postgres_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "absl/synchronization/mutex.h"
#include "common/store/postgres/postgres_test_support.h"
#include "services/intake/store/store_test_data.h"

namespace redress::intake {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using store_testing::HandoffFor;
using store_testing::MinimalComplaint;
using store_testing::Request;
using store_testing::TimeAt;
using ::testing::IsEmpty;
using ::testing::SizeIs;

class PostgresStoreTest : public pg::PostgresTest {
 protected:
  // A store on its own pool: one replica.
  std::unique_ptr<PostgresStore> Replica() {
    auto store = PostgresStore::Connect(NewPool());
    EXPECT_THAT(store, IsOk());
    return store.ok() ? *std::move(store) : nullptr;
  }
};

TEST_F(PostgresStoreTest, ARequestIdRetriedOnTwoReplicasAtOnceCreatesOneComplaint) {
  auto a = Replica();
  auto b = Replica();
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  constexpr int kCalls = 8;
  absl::Barrier start(kCalls);
  std::atomic<int> created{0}, refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kCalls; ++i) {
    threads.emplace_back([&, i] {
      PostgresStore& store = i % 2 == 0 ? *a : *b;
      const std::string id = absl::StrCat("c", i);
      start.Block();
      absl::StatusOr<int64_t> sequence = store.InsertComplaint(
          MinimalComplaint(id, absl::CivilDay(2024, 1, 2)), Request("SubmitComplaint", "r1", id));
      if (sequence.ok()) {
        ++created;
      } else if (absl::IsAlreadyExists(sequence.status())) {
        ++refused;
      } else {
        ADD_FAILURE() << sequence.status();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(created, 1);
  EXPECT_EQ(refused, kCalls - 1);
  auto record = a->FindRequest("SubmitComplaint", "r1");
  ASSERT_THAT(record, IsOk());
  ASSERT_TRUE(record->has_value());
  auto complaints = b->ListComplaints({});
  ASSERT_THAT(complaints, IsOk());
  ASSERT_THAT(*complaints, SizeIs(1));
  EXPECT_EQ((*complaints)[0].id, (*record)->resource_id);
}

TEST_F(PostgresStoreTest, PagingIsCompleteAndInOrderWhileOtherReplicasInsert) {
  auto writer_a = Replica();
  auto writer_b = Replica();
  auto reader = Replica();
  ASSERT_NE(reader, nullptr);
  ASSERT_NE(writer_b, nullptr);
  ASSERT_NE(writer_a, nullptr);
  absl::Mutex mu;
  std::set<std::string> committed;  // complaints whose insert returned OK
  std::atomic<bool> writing{true};
  auto write = [&](PostgresStore& store, const std::string& prefix) {
    for (int i = 0; i < 60; ++i) {
      const std::string id = absl::StrCat(prefix, i);
      ASSERT_THAT(store.InsertComplaint(MinimalComplaint(id, absl::CivilDay(2024, 1, 2)),
                                        Request("SubmitComplaint", id, id)),
                  IsOk());
      absl::MutexLock lock(&mu);
      committed.insert(id);
    }
  };
  std::thread a([&] { write(*writer_a, "a"); });
  std::thread b([&] { write(*writer_b, "b"); });
  std::thread stop([&] {
    a.join();
    b.join();
    writing = false;
  });
  // The reader follows the collection as a client polling for new complaints does: it never
  // starts again from the beginning, so a complaint that committed behind its cursor would be
  // missed for good. With sequence values in commit order none is.
  std::set<std::string> seen;
  ComplaintQuery query;
  query.limit = 7;
  int pages = 0;
  bool last = false;
  while (!last) {
    last = !writing;  // one more read after the writers have finished
    while (true) {
      auto page = reader->ListComplaints(query);
      ASSERT_THAT(page, IsOk());
      ++pages;
      for (const Complaint& c : *page) {
        EXPECT_GT(c.sequence, query.after_sequence) << "out of order";
        EXPECT_TRUE(seen.insert(c.id).second) << c.id << " seen twice";
        query.after_sequence = c.sequence;
      }
      if (static_cast<int>(page->size()) < query.limit) break;
    }
  }
  stop.join();
  EXPECT_EQ(seen, committed) << "after " << pages << " pages";
}

TEST_F(PostgresStoreTest, ConcurrentUpdatesFromOneVersionCommitOnce) {
  auto a = Replica();
  auto b = Replica();
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  ASSERT_THAT(a->InsertComplaint(MinimalComplaint("c1", absl::CivilDay(2024, 1, 2)),
                                 Request("SubmitComplaint", "r1", "c1")),
              IsOk());
  constexpr int kCalls = 6;
  absl::Barrier start(kCalls);
  std::atomic<int> committed{0}, aborted{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kCalls; ++i) {
    threads.emplace_back([&, i] {
      Complaint c = MinimalComplaint("c1", absl::CivilDay(2024, 1, 2));
      c.version = 2;
      c.what_went_wrong = absl::StrCat("edit ", i);
      start.Block();
      absl::Status status =
          (i % 2 == 0 ? *a : *b).UpdateComplaint(c, 1, std::nullopt, std::nullopt);
      if (status.ok()) {
        ++committed;
      } else if (absl::IsAborted(status)) {
        ++aborted;
      } else {
        ADD_FAILURE() << status;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(committed, 1);
  EXPECT_EQ(aborted, kCalls - 1);
}

TEST_F(PostgresStoreTest, ReplicasStartingTogetherMigrateOnceAndNewerSchemasAreRefused) {
  std::unique_ptr<PostgresStore> stores[2];
  std::thread first([&] { stores[0] = Replica(); });
  std::thread second([&] { stores[1] = Replica(); });
  first.join();
  second.join();
  ASSERT_NE(stores[0], nullptr);
  ASSERT_NE(stores[1], nullptr);
  auto pool = NewPool();
  EXPECT_THAT(pg::QueryInt(*pool, "SELECT MAX(version) AS value FROM schema_migrations"),
              pg::IsOkAndHolds(static_cast<int64_t>(PostgresStore::Migrations().back().version)));

  ASSERT_THAT(pg::Exec(*pool,
                       "INSERT INTO schema_migrations (version, applied_at) "
                       "VALUES (1000, now())"),
              IsOk());
  EXPECT_THAT(PostgresStore::Connect(NewPool()), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(PostgresStoreTest, AHandoffIsClaimedByOneReplicaUntilDeliveredOrItsLeaseLapses) {
  auto a = Replica();
  auto b = Replica();
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  for (const char* id : {"c1", "c2", "c3"}) {
    Complaint c = MinimalComplaint(id, absl::CivilDay(2024, 1, 2));
    ASSERT_THAT(a->InsertComplaint(c, Request("SubmitComplaint", id, id)), IsOk());
    c.version = 2;
    ASSERT_THAT(a->UpdateComplaint(c, 1, HandoffFor(c, TimeAt(100)), std::nullopt), IsOk());
  }
  auto claimed = a->ClaimOutbox("replica-a", absl::Seconds(1), 2);
  ASSERT_THAT(claimed, IsOk());
  ASSERT_THAT(*claimed, SizeIs(2));
  auto rest = b->ClaimOutbox("replica-b", absl::Seconds(30), 10);
  ASSERT_THAT(rest, IsOk());
  ASSERT_THAT(*rest, SizeIs(1));  // the one A did not take
  EXPECT_EQ((*rest)[0].handoff.complaint_id, "c3");

  ASSERT_THAT(a->MarkDelivered((*claimed)[0].id, TimeAt(200)), IsOk());
  // A dies holding its second claim: B gets it once the lease has lapsed, and never the one
  // delivered.
  absl::SleepFor(absl::Seconds(1.5));
  auto taken_over = b->ClaimOutbox("replica-b", absl::Seconds(30), 10);
  ASSERT_THAT(taken_over, IsOk());
  std::set<std::string> complaints;
  for (const OutboxEntry& entry : *taken_over) complaints.insert(entry.handoff.complaint_id);
  EXPECT_EQ(complaints, (std::set<std::string>{(*claimed)[1].handoff.complaint_id, "c3"}));
  for (const OutboxEntry& entry : *taken_over) {
    ASSERT_THAT(b->MarkDelivered(entry.id, TimeAt(300)), IsOk());
  }
  EXPECT_THAT(*a->ClaimOutbox("replica-a", absl::Seconds(1), 10), IsEmpty());
  EXPECT_THAT(*a->ListOutbox(/*include_delivered=*/false, 10), IsEmpty());
}

}  // namespace
}  // namespace redress::intake
