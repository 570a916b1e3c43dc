// The pieces every service's PostgreSQL store shares, against a real server: idempotency records
// under concurrent retries (requests.h), the outbox's claims across replicas (outbox.h), the
// insert order that keeps keyset paging complete (NextInsertSequence) and leases (lease.h).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "absl/time/clock.h"
#include "common/store/postgres/lease.h"
#include "common/store/postgres/outbox.h"
#include "common/store/postgres/postgres_test_support.h"
#include "common/store/postgres/requests.h"

namespace redress::pg {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr char kSchema[] = R"sql(
CREATE TABLE requests (scope TEXT NOT NULL, request_id TEXT NOT NULL, fingerprint TEXT NOT NULL,
  resource_id TEXT NOT NULL, PRIMARY KEY (scope, request_id));
CREATE SEQUENCE outbox_id_seq;
CREATE TABLE outbox (id BIGINT PRIMARY KEY, handoff_key TEXT NOT NULL UNIQUE,
  order_key TEXT NOT NULL, payload BYTEA NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  create_time TIMESTAMPTZ NOT NULL, delivered_time TIMESTAMPTZ, last_attempt_time TIMESTAMPTZ,
  last_error TEXT NOT NULL DEFAULT '', claimed_by TEXT, claim_expires TIMESTAMPTZ,
  traceparent TEXT);
CREATE INDEX outbox_pending ON outbox (order_key, id) WHERE delivered_time IS NULL;
CREATE SEQUENCE notes_seq;
CREATE TABLE notes (sequence BIGINT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE resources (id TEXT PRIMARY KEY);
CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires TIMESTAMPTZ NOT NULL);
)sql";

class StoreSupportTest : public PostgresTest {
 protected:
  void SetUp() override {
    PostgresTest::SetUp();
    pool_ = NewPool(8);
    ASSERT_THAT(Exec(*pool_, kSchema), IsOk());
    ASSERT_THAT(Exec(*pool_, kParkingColumnsSchema), IsOk());
  }

  void AddOutbox(std::string key, std::string order_key) {
    ASSERT_THAT(RunInTransaction(*pool_, {},
                                 [&](Connection& connection) {
                                   return InsertOutboxRow(connection, key, order_key, "payload",
                                                          absl::Now());
                                 }),
                IsOk());
  }

  static std::vector<std::string> Keys(const absl::StatusOr<std::vector<OutboxRow>>& rows) {
    std::vector<std::string> keys;
    if (rows.ok()) {
      for (const OutboxRow& row : *rows) keys.push_back(row.handoff_key);
    }
    return keys;
  }

  std::unique_ptr<Pool> pool_;
};

// Numbers a note as a store numbers a row of a paged collection, and keeps the transaction open a
// little after numbering, as a real store does while it writes the rest.
absl::Status InsertNote(Connection& connection, const std::string& body) {
  ASSIGN_OR_RETURN(int64_t sequence, NextInsertSequence(connection, "notes", "notes_seq"));
  RETURN_IF_ERROR(connection.Execute("SELECT pg_sleep(0.002)").status());
  return connection.Execute("INSERT INTO notes VALUES ($1, $2)", Params().Add(sequence).Add(body))
      .status();
}

// The body of an idempotent create: replay the record, or create a resource and record it.
absl::Status CreateOnce(Connection& connection, const std::string& request_id,
                        std::string* resource) {
  ASSIGN_OR_RETURN(std::optional<RequestRecord> existing,
                   FindRequest(connection, "Create", request_id));
  if (existing.has_value()) {
    *resource = existing->resource_id;
    return absl::OkStatus();
  }
  // Work between the check and the insert, so that concurrent callers all pass the check.
  RETURN_IF_ERROR(connection.Execute("SELECT pg_sleep(0.05)").status());
  ASSIGN_OR_RETURN(Result id, connection.Execute("SELECT gen_random_uuid()::text AS id"));
  ASSIGN_OR_RETURN(*resource, id.row(0).Text("id"));
  RETURN_IF_ERROR(
      connection.Execute("INSERT INTO resources (id) VALUES ($1)", Params().Add(*resource))
          .status());
  return InsertRequest(connection, RequestRecord{"Create", request_id, "fp", *resource});
}

// At READ COMMITTED the losers of the race see the unique violation; at SERIALIZABLE they see a
// serialization failure, which RunInTransaction re-runs by itself. Either way one resource.
class IdempotentRaceTest : public StoreSupportTest,
                           public ::testing::WithParamInterface<Isolation> {};

INSTANTIATE_TEST_SUITE_P(Isolations, IdempotentRaceTest,
                         ::testing::Values(Isolation::kReadCommitted, Isolation::kSerializable));

TEST_P(IdempotentRaceTest, ARetryOnManyConnectionsAtOnceCreatesOneResource) {
  constexpr int kCallers = 6;
  TransactionOptions options;
  options.isolation = GetParam();
  absl::Barrier start(kCallers);
  std::vector<std::string> resources(kCallers);
  std::vector<absl::Status> statuses(kCallers);
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&, i] {
      start.Block();
      statuses[i] = RunIdempotentTransaction(*pool_, options, [&](Connection& connection) {
        return CreateOnce(connection, "request-1", &resources[i]);
      });
    });
  }
  for (std::thread& caller : callers) caller.join();
  for (const absl::Status& status : statuses) EXPECT_THAT(status, IsOk());
  EXPECT_THAT(std::set<std::string>(resources.begin(), resources.end()), SizeIs(1));
  EXPECT_THAT(QueryInt(*pool_, "SELECT count(*) AS value FROM resources"), IsOkAndHolds(1));
}

TEST_F(StoreSupportTest, InsertRequestRefusesADuplicateKey) {
  const RequestRecord record{"Create", "request-1", "fp", "r1"};
  ASSERT_THAT(
      RunInTransaction(*pool_, {},
                       [&](Connection& connection) { return InsertRequest(connection, record); }),
      IsOk());
  EXPECT_THAT(
      RunInTransaction(*pool_, {},
                       [&](Connection& connection) { return InsertRequest(connection, record); }),
      StatusIs(absl::StatusCode::kAlreadyExists));
  auto found = [&]() -> absl::StatusOr<std::optional<RequestRecord>> {
    ASSIGN_OR_RETURN(PooledConnection connection, pool_->Acquire());
    return FindRequest(*connection, "Create", "request-1");
  }();
  ASSERT_THAT(found, IsOk());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->resource_id, "r1");
}

TEST_F(StoreSupportTest, OnlyTheHeadOfEachOrderKeyIsClaimedAndTwoReplicasNeverShareOne) {
  AddOutbox("a1", "a");
  AddOutbox("a2", "a");
  AddOutbox("b1", "b");
  EXPECT_THAT(Keys(ClaimOutboxHeads(*pool_, "replica-1", absl::Seconds(30), 10)),
              ElementsAre("a1", "b1"));
  // Replica 2 finds nothing: both heads are claimed, and a2 waits for a1.
  EXPECT_THAT(Keys(ClaimOutboxHeads(*pool_, "replica-2", absl::Seconds(30), 10)), IsEmpty());
  // Replica 1 renews its own claims.
  EXPECT_THAT(Keys(ClaimOutboxHeads(*pool_, "replica-1", absl::Seconds(30), 10)),
              ElementsAre("a1", "b1"));
  // Once a1 is delivered, a2 is the head of "a" and anyone may claim it.
  auto rows = ListOutboxRows(*pool_, false, 10);
  ASSERT_THAT(rows, IsOk());
  ASSERT_THAT(MarkOutboxDelivered(*pool_, (*rows)[0].id, absl::Now()), IsOk());
  EXPECT_THAT(Keys(ClaimOutboxHeads(*pool_, "replica-2", absl::Seconds(30), 10)),
              ElementsAre("a2"));
  EXPECT_THAT(Keys(ListOutboxRows(*pool_, true, 10)), ElementsAre("a1", "a2", "b1"));
}

TEST_F(StoreSupportTest, AParkedHeadIsNotClaimedAndHoldsBackOnlyItsKey) {
  for (int i = 0; i < 5; ++i) AddOutbox("p" + std::to_string(i), "p" + std::to_string(i));
  AddOutbox("a1", "a");
  AddOutbox("a2", "a");
  AddOutbox("b1", "b");
  auto rows = ListOutboxRows(*pool_, false, 10);
  ASSERT_THAT(rows, IsOk());
  for (int i = 0; i < 5; ++i) {
    ASSERT_THAT(ParkOutboxRow(*pool_, (*rows)[i].id, absl::Now(), ParkReason::kRefused, "x"),
                IsOk());
  }
  ASSERT_THAT(ParkOutboxRow(*pool_, (*rows)[5].id, absl::Now(), ParkReason::kRefused, "x"), IsOk());

  // Limit 1 still reaches b1: parked heads are passed over before the limit applies.
  EXPECT_THAT(Keys(ClaimOutboxHeads(*pool_, "replica-1", absl::Seconds(30), 1)), ElementsAre("b1"));
  EXPECT_THAT(Keys(ListOutboxRows(*pool_, false, 10)), ElementsAre("a2", "b1"));
  absl::StatusOr<int64_t> parked = CountParkedOutboxRows(*pool_);
  ASSERT_THAT(parked, IsOk());
  EXPECT_EQ(*parked, 6);
  EXPECT_THAT(Keys(ListParkedOutboxRows(*pool_, (*rows)[3].id, 10)), ElementsAre("p4", "a1"));

  // Re-driven, a1 is the head of "a" again; discarded, it lets a2 go.
  ASSERT_THAT(RunInTransaction(*pool_, {},
                               [&](Connection& connection) {
                                 return RedriveOutboxRow(connection, (*rows)[5].id, "handoffs/a1");
                               }),
              IsOk());
  EXPECT_THAT(Keys(ClaimOutboxHeads(*pool_, "replica-2", absl::Seconds(30), 10)),
              ElementsAre("a1"));
  ASSERT_THAT(ParkOutboxRow(*pool_, (*rows)[5].id, absl::Now(), ParkReason::kRefused, "x"), IsOk());
  ASSERT_THAT(RunInTransaction(*pool_, {},
                               [&](Connection& connection) {
                                 return DiscardOutboxRow(connection, (*rows)[5].id,
                                                         {absl::Now(), "user:ops", "why"},
                                                         "handoffs/a1");
                               }),
              IsOk());
  EXPECT_THAT(Keys(ClaimOutboxHeads(*pool_, "replica-2", absl::Seconds(30), 10)),
              ElementsAre("a2"));
  EXPECT_THAT(RunInTransaction(*pool_, {},
                               [&](Connection& connection) {
                                 return RedriveOutboxRow(connection, (*rows)[5].id, "handoffs/a1");
                               }),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(StoreSupportTest, TheClaimOfAReplicaThatStoppedIsTakenOverWhenItsLeaseLapses) {
  AddOutbox("a1", "a");
  ASSERT_THAT(Keys(ClaimOutboxHeads(*pool_, "replica-1", absl::Milliseconds(300), 10)),
              ElementsAre("a1"));
  auto rows = ListOutboxRows(*pool_, false, 10);
  ASSERT_THAT(rows, IsOk());
  ASSERT_THAT(RecordOutboxFailure(*pool_, (*rows)[0].id, absl::Now(), "unavailable"), IsOk());
  EXPECT_THAT(Keys(ClaimOutboxHeads(*pool_, "replica-2", absl::Seconds(30), 10)), IsEmpty());
  absl::SleepFor(absl::Milliseconds(400));
  auto taken = ClaimOutboxHeads(*pool_, "replica-2", absl::Seconds(30), 10);
  EXPECT_THAT(Keys(taken), ElementsAre("a1"));
  ASSERT_THAT(taken, IsOk());
  ASSERT_THAT(*taken, SizeIs(1));
  EXPECT_EQ((*taken)[0].attempts, 1);
  EXPECT_EQ((*taken)[0].last_error, "unavailable");
}

TEST_F(StoreSupportTest, ReplicasClaimingTogetherDeliverEveryRecordOnceInOrderPerKey) {
  constexpr int kKeys = 20;
  constexpr int kPerKey = 5;
  for (int n = 0; n < kPerKey; ++n) {
    for (int k = 0; k < kKeys; ++k) AddOutbox(absl::StrCat("k", k, "-", n), absl::StrCat("k", k));
  }
  std::mutex mu;
  std::vector<std::string> delivered;  // in delivery order
  std::atomic<int> failures{0};
  auto replica = [&](std::string name) {
    for (int pass = 0; pass < 200; ++pass) {
      auto claimed = ClaimOutboxHeads(*pool_, name, absl::Seconds(30), 7);
      if (!claimed.ok()) {
        ++failures;
        continue;
      }
      if (claimed->empty()) {
        auto left = ListOutboxRows(*pool_, false, 1);
        if (left.ok() && left->empty()) return;
        continue;
      }
      for (const OutboxRow& row : *claimed) {
        {
          std::lock_guard<std::mutex> lock(mu);
          delivered.push_back(row.handoff_key);
        }
        if (!MarkOutboxDelivered(*pool_, row.id, absl::Now()).ok()) ++failures;
      }
    }
  };
  std::thread r1(replica, "replica-1"), r2(replica, "replica-2"), r3(replica, "replica-3");
  r1.join();
  r2.join();
  r3.join();
  EXPECT_EQ(failures.load(), 0);
  ASSERT_THAT(delivered, SizeIs(kKeys * kPerKey));  // each once: none twice, none missing
  for (int k = 0; k < kKeys; ++k) {
    std::vector<std::string> order;
    for (const std::string& key : delivered) {
      if (key.rfind(absl::StrCat("k", k, "-"), 0) == 0) order.push_back(key);
    }
    std::vector<std::string> expected;
    for (int n = 0; n < kPerKey; ++n) expected.push_back(absl::StrCat("k", k, "-", n));
    EXPECT_EQ(order, expected) << "key k" << k;
  }
}

// Keyset paging by a sequence while writers commit concurrently: a reader that pages by "sequence
// greater than the last seen" must end up seeing every row. Without the insert-order lock a row
// with a smaller sequence can commit after the reader passed it.
TEST_F(StoreSupportTest, KeysetPagingWithConcurrentWritersSeesEveryRow) {
  constexpr int kWriters = 4;
  constexpr int kPerWriter = 60;
  std::atomic<int> writers_done{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kPerWriter; ++i) {
        EXPECT_THAT(RunInTransaction(*pool_, {},
                                     [&](Connection& connection) {
                                       return InsertNote(connection, absl::StrCat(w, "-", i));
                                     }),
                    IsOk());
      }
      ++writers_done;
    });
  }
  // The reader pages from its cursor to the end, again and again while the writers write, then
  // once more after they finished. It never goes back: what it passed is never read again.
  std::set<int64_t> seen;
  int64_t cursor = 0;
  auto read_to_the_end = [&]() -> absl::Status {
    ASSIGN_OR_RETURN(PooledConnection connection, pool_->Acquire());
    while (true) {
      ASSIGN_OR_RETURN(Result page, connection->Execute("SELECT sequence AS value FROM notes"
                                                        " WHERE sequence > $1 ORDER BY sequence"
                                                        " LIMIT 7",
                                                        Params().Add(cursor)));
      if (page.rows() == 0) return absl::OkStatus();
      for (int i = 0; i < page.rows(); ++i) {
        ASSIGN_OR_RETURN(cursor, page.row(i).Int64("value"));
        seen.insert(cursor);
      }
    }
  };
  while (writers_done.load() < kWriters) ASSERT_THAT(read_to_the_end(), IsOk());
  for (std::thread& writer : writers) writer.join();
  ASSERT_THAT(read_to_the_end(), IsOk());
  EXPECT_THAT(QueryInt(*pool_, "SELECT count(*) AS value FROM notes"),
              IsOkAndHolds(kWriters * kPerWriter));
  EXPECT_EQ(seen.size(), static_cast<size_t>(kWriters * kPerWriter))
      << "the reader's cursor passed rows that committed later";
}

TEST_F(StoreSupportTest, ALeaseHasOneHolderUntilItLapsesOrIsReleased) {
  EXPECT_THAT(TryAcquireLease(*pool_, "follow-up", "replica-1", absl::Milliseconds(300)),
              IsOkAndHolds(true));
  EXPECT_THAT(TryAcquireLease(*pool_, "follow-up", "replica-2", absl::Seconds(30)),
              IsOkAndHolds(false));
  EXPECT_THAT(TryAcquireLease(*pool_, "follow-up", "replica-1", absl::Milliseconds(300)),
              IsOkAndHolds(true));  // renewed
  absl::SleepFor(absl::Milliseconds(400));
  EXPECT_THAT(TryAcquireLease(*pool_, "follow-up", "replica-2", absl::Seconds(30)),
              IsOkAndHolds(true));
  EXPECT_THAT(TryAcquireLease(*pool_, "follow-up", "replica-1", absl::Seconds(30)),
              IsOkAndHolds(false));
  ASSERT_THAT(ReleaseLease(*pool_, "follow-up", "replica-2"), IsOk());
  EXPECT_THAT(TryAcquireLease(*pool_, "follow-up", "replica-1", absl::Seconds(30)),
              IsOkAndHolds(true));
}

}  // namespace
}  // namespace redress::pg
