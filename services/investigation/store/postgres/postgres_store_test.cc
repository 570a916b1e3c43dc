// PostgresStore with several replicas on one database: two stores on the same throwaway server
// stand for two processes. What the contract suite (run over PostgresStore too) cannot show with
// one store: concurrent retries and updates across replicas, paging while other replicas insert,
// migrations applied by replicas starting together, and errors as callers see them. The outbox
// claimed by replicas is in postgres_store_outbox_test.cc.
#include "services/investigation/store/postgres/postgres_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "common/store/postgres/migrations.h"
#include "common/store/postgres/status.h"
#include "common/testing/status_matchers.h"
#include "services/investigation/store/postgres/postgres_store_test_fixture.h"
#include "services/investigation/store/store_test_data.h"

namespace redress::investigation {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;
using namespace store_testing;  // NOLINT: the contract suite's test data

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

// A reader paging by after_sequence must list every investigation committed before it reads a
// page past it, even while other replicas commit out of the order they took sequences in. A reader
// can only skip one while it pages at the head of the list, so the writers insert in rounds, and
// each round the reader, caught up, pages alongside them until they are done and it reads an
// empty page.
TEST_F(PostgresStoreTest, PagingWhileBothReplicasInsertMissesNoCommittedInvestigation) {
  ConnectReplicas();
  constexpr int kWriters = 2;  // one per replica
  constexpr int kRounds = 15;
  constexpr int kPerRound = 3;  // per writer
  std::mutex mu;
  std::vector<std::string> committed;  // ids whose insert returned OK, in that order
  for (int i = 0; i < 10; ++i) {
    const std::string id = absl::StrCat("before-", i);
    ASSERT_THAT(replica_a_->InsertInvestigation(MinimalInvestigation(id),
                                                Request("OpenInvestigation", "req-" + id, id)),
                IsOk());
    committed.push_back(id);
  }
  std::vector<std::unique_ptr<absl::Barrier>> rounds;
  for (int r = 0; r < kRounds; ++r) rounds.push_back(std::make_unique<absl::Barrier>(kWriters + 1));
  std::atomic<int> rounds_written{0};  // writer-rounds finished
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int r = 0; r < kRounds; ++r) {
        rounds[r]->Block();
        for (int n = 0; n < kPerRound; ++n) {
          const std::string id = absl::StrCat("w", w, "-", r, "-", n);
          // A whole investigation: many child rows, so a while between taking the sequence and
          // committing, in which the other replica may commit a later one.
          const absl::Status status =
              Replica(w)
                  .InsertInvestigation(FullInvestigation(id),
                                       Request("OpenInvestigation", "req-" + id, id))
                  .status();
          EXPECT_THAT(status, IsOk()) << id;
          if (status.ok()) {
            std::lock_guard<std::mutex> lock(mu);
            committed.push_back(id);
          }
        }
        ++rounds_written;
      }
    });
  }
  std::vector<std::string> seen;
  std::vector<int64_t> sequences;
  size_t committed_before_last_page = 0;
  int64_t after = 0;
  int pages = 0;
  bool failed = false;
  for (int r = 0; r < kRounds; ++r) {
    rounds[r]->Block();
    while (!failed) {
      const bool round_written = rounds_written.load() == (r + 1) * kWriters;
      {
        std::lock_guard<std::mutex> lock(mu);
        committed_before_last_page = committed.size();
      }
      InvestigationQuery query;
      query.after_sequence = after;
      query.limit = 4;
      auto listed = Replica(pages++).ListInvestigations(query);
      EXPECT_THAT(listed, IsOk());
      failed = !listed.ok();
      if (failed || (listed->empty() && round_written)) break;
      for (const Investigation& investigation : *listed) {
        seen.push_back(investigation.id);
        sequences.push_back(investigation.sequence);
        after = investigation.sequence;
      }
    }
  }
  for (std::thread& writer : writers) writer.join();
  for (size_t i = 1; i < sequences.size(); ++i) {
    EXPECT_LT(sequences[i - 1], sequences[i]) << "page order broken at " << seen[i];
  }
  const std::set<std::string> distinct(seen.begin(), seen.end());
  EXPECT_EQ(distinct.size(), seen.size()) << "an investigation was listed twice";
  // Every insert that had committed when the last (empty) page was read has a sequence the reader
  // had passed, so it must have been listed: here every insert, and in particular every one
  // committed before paging began.
  EXPECT_EQ(committed_before_last_page, 10u + kWriters * kRounds * kPerRound);
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

TEST_F(PostgresStoreTest, ReplicasUpdatingDifferentInvestigationsAtOnceAllSucceed) {
  ConnectReplicas();
  constexpr int kWriters = 4;
  constexpr int kUpdates = 15;
  for (int w = 0; w < kWriters; ++w) {
    const std::string id = absl::StrCat("i", w);
    ASSERT_THAT(replica_a_->InsertInvestigation(MinimalInvestigation(id),
                                                Request("OpenInvestigation", "req-" + id, id)),
                IsOk());
  }
  absl::Barrier start(kWriters);
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      Investigation investigation = MinimalInvestigation(absl::StrCat("i", w));
      start.Block();
      for (int n = 1; n <= kUpdates; ++n) {
        investigation = Decided(investigation, TimeAt(n), n);
        investigation.caseworker = absl::StrCat("caseworker ", n);
        const absl::Status status = Replica(w).UpdateInvestigation(
            investigation, investigation.version - 1, HandoffFor(investigation),
            Request("IssueFinalDecision:" + investigation.name(), absl::StrCat("d", n),
                    investigation.id));
        EXPECT_THAT(status, IsOk()) << investigation.id << " update " << n;
        if (!status.ok()) return;  // the next update would be from a version not stored
      }
    });
  }
  for (std::thread& writer : writers) writer.join();
  for (int w = 0; w < kWriters; ++w) {
    auto stored = replica_b_->GetInvestigation(absl::StrCat("i", w));
    ASSERT_THAT(stored, IsOk());
    EXPECT_EQ(stored->version, 1 + kUpdates);
  }
  auto outbox = replica_b_->ListOutbox(true, 1000);
  ASSERT_THAT(outbox, IsOk());
  EXPECT_THAT(*outbox, SizeIs(kWriters * kUpdates));
}

// The layer's messages quote the statement that failed; the store's errors reach clients.
TEST_F(PostgresStoreTest, ADatabaseFailureReachesTheCallerWithoutSql) {
  ConnectReplicas();
  Investigation opened = MinimalInvestigation("i1");
  ASSERT_THAT(replica_a_->InsertInvestigation(opened, Request("OpenInvestigation", "r", "i1")),
              IsOk());
  auto pool = NewPool(1);
  ASSERT_THAT(pg::Exec(*pool, "DROP TABLE reviews"), IsOk());  // every read and write uses it
  const absl::Status read = replica_a_->GetInvestigation("i1").status();
  EXPECT_THAT(read, StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(std::string(read.message()),
              AllOf(HasSubstr("GetInvestigation"), HasSubstr("42P01"), Not(HasSubstr("SELECT")),
                    Not(HasSubstr("reviews"))));
  EXPECT_EQ(pg::SqlStateOf(read), "42P01");
  opened.version = 2;
  const absl::Status write = replica_b_->UpdateInvestigation(opened, 1, std::nullopt, std::nullopt);
  EXPECT_THAT(write, StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(
      std::string(write.message()),
      AllOf(HasSubstr("UpdateInvestigation"), Not(HasSubstr("DELETE")), Not(HasSubstr("reviews"))));
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

// Version 9 (docs/limits.md) on a database written before it: evidence and comments counted and
// named, the current view's commenters found, and the next item appended after them.
TEST_F(PostgresStoreTest, ListsWrittenBeforeVersion9AreCountedNamedAndSummarised) {
  {
    std::vector<Migration> version8(PostgresStore::Migrations().begin(),
                                    PostgresStore::Migrations().begin() + 8);
    auto pool = NewPool(1);
    ASSERT_THAT(pg::Migrate(*pool, "redress.investigation", version8), IsOk());
    ASSERT_THAT(
        pg::Exec(*pool,
                 "INSERT INTO investigations (sequence, id, state, caseworker, complaint, "
                 "complainants_reference, what_went_wrong, injustice_claimed, outcome_wanted, "
                 "jurisdiction, default_location, location, view_share_date, "
                 "view_comment_period_working_days, view_comment_deadline, view_revision, "
                 "view_shared_content, version, create_time, update_time) VALUES (1, 'i1', 5, "
                 "'cw-1', 'complaints/c1', 'Mr B', 'Late.', '', '', 1, 'UK', 'UK', '2024-08-20', "
                 "10, '2024-09-03', 2, '', 7, now(), now());"
                 "INSERT INTO evidence (investigation_id, position, evidence_id, description, "
                 "source, received_date, log_time) SELECT 'i1', n - 1, 'e' || n, 'Item ' || n, 2, "
                 "'2024-06-01', now() FROM generate_series(1, 25) AS n;"
                 "INSERT INTO comments (investigation_id, position, comment_id, party, text, "
                 "received_date, log_time, organisation, view_revision) VALUES "
                 "('i1', 0, 'c1', 1, 'On the first view.', '2024-06-03', now(), '', 1), "
                 "('i1', 1, 'c2', 2, 'Later.', '2024-08-25', now(), 'organisations/hmcts', 2), "
                 "('i1', 2, 'c3', 2, 'Earlier.', '2024-08-21', now(), 'organisations/hmcts', 2)"),
        IsOk());
  }
  auto store = ConnectReplica();  // brings the schema up to date
  ASSERT_NE(store, nullptr);
  auto got = store->GetInvestigation("i1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(got->evidence_count, 25);
  ASSERT_EQ(got->evidence.size(), 20u);
  EXPECT_EQ(got->evidence.front().evidence_id, "e6");
  ASSERT_TRUE(got->provisional_view.has_value());
  EXPECT_EQ(got->provisional_view->comment_count, 3);
  const std::vector<Commenter> commenters = {
      {Party::kOrganisation, "organisations/hmcts", absl::CivilDay(2024, 8, 21)}};
  EXPECT_EQ(got->provisional_view->commenters, commenters);
  auto pool = NewPool(1);
  EXPECT_THAT(pg::QueryInt(*pool,
                           "SELECT count(*) AS value FROM evidence WHERE name = "
                           "'investigations/i1/evidence/e25'"),
              pg::IsOkAndHolds(1));

  Investigation next = *got;
  next.evidence.push_back(
      {"e26", "Item 26", Party::kOrganisation, absl::CivilDay(2024, 6, 2), TimeAt(1)});
  next.evidence_count = 26;
  next.version = 8;
  ASSERT_THAT(store->UpdateInvestigation(next, 7, std::nullopt, std::nullopt, ListsToWrite::None()),
              IsOk());
  auto page = store->ListEvidence("i1", 24, 10);
  ASSERT_THAT(page, IsOk());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[1].evidence_id, "e26");
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

}  // namespace
}  // namespace redress::investigation
