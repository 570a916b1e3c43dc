// What only PostgresStore has to show: several replicas (here, two stores with their own pools on
// one throwaway server) sharing one database. The store contract itself runs against PostgreSQL
// through store_contract_test.cc in this binary.
#include "services/intake/store/postgres/postgres_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
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
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
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

// The text column `column` of every row `sql` returns, on a connection of `pool`.
std::vector<std::string> Texts(pg::Pool& pool, std::string_view sql, std::string_view column,
                               const pg::Params& params = {}) {
  auto connection = pool.Acquire();
  EXPECT_THAT(connection, IsOk());
  if (!connection.ok()) return {};
  auto result = (*connection)->Execute(sql, params);
  EXPECT_THAT(result, IsOk()) << sql;
  if (!result.ok()) return {};
  auto texts = result->Texts(column);
  EXPECT_THAT(texts, IsOk());
  return texts.ok() ? *std::move(texts) : std::vector<std::string>();
}

// Every page of `query` with `limit` per page, the ids in the order listed.
std::vector<std::string> ListAllPages(PostgresStore& store, ComplaintQuery query, int limit) {
  std::vector<std::string> listed;
  query.limit = limit;
  while (true) {
    auto page = store.ListComplaints(query);
    EXPECT_THAT(page, IsOk());
    if (!page.ok()) return listed;
    for (const Complaint& c : *page) listed.push_back(c.id);
    if (static_cast<int>(page->size()) < limit) return listed;
    query.after_sequence = page->back().sequence;
  }
}

// Version 8 on a database written before it: each organisation row gets its complaint's
// sequence, and an organisation's list pages through the same complaints in the same order as
// the query of version 7 did.
TEST_F(PostgresStoreTest, AVersionSevenDatabaseListsEachOrganisationsComplaintsAsBefore) {
  std::map<std::string, int64_t> sequences;
  {
    auto store = Replica();
    ASSERT_NE(store, nullptr);
    const std::vector<std::vector<std::string>> organisations = {
        {"hmcts"}, {"dwp", "hmcts"}, {"dwp"}, {"hmcts", "nhs-trust"}, {"hmcts"}, {"nhs-trust"}};
    for (size_t i = 0; i < organisations.size(); ++i) {
      const std::string id = absl::StrCat("c", i + 1);
      Complaint c = MinimalComplaint(id, absl::CivilDay(2024, 1, 2), organisations[i]);
      if (i % 2 == 1) c.state = ComplaintState::kAccepted;
      auto sequence = store->InsertComplaint(c, Request("SubmitComplaint", id, id));
      ASSERT_THAT(sequence, IsOk());
      sequences[id] = *sequence;
    }
    // Rewritten after later complaints: their rows are no longer in sequence order.
    for (const auto& [id, now_naming] :
         std::vector<std::pair<std::string, std::vector<std::string>>>{
             {"c1", {"nhs-trust", "hmcts"}}, {"c3", {"hmcts"}}}) {
      auto c = store->GetComplaint(id);
      ASSERT_THAT(c, IsOk());
      c->organisation_ids = now_naming;
      c->version = 2;
      ASSERT_THAT(store->UpdateComplaint(*c, 1, std::nullopt, std::nullopt), IsOk());
    }
  }
  // Back to the schema of version 7 (undoing 10, dated requests, 9, parked hand-offs, then 8);
  // what it listed: each organisation's complaints, alone and with a state.
  auto pool = NewPool(1);
  ASSERT_THAT(pg::Exec(*pool,
                       "DROP INDEX requests_by_create_time;"
                       "ALTER TABLE requests DROP COLUMN create_time;"
                       "DELETE FROM schema_migrations WHERE version = 10;"
                       "DROP INDEX outbox_parked;"
                       "ALTER TABLE outbox DROP COLUMN park_time, DROP COLUMN park_reason,"
                       " DROP COLUMN discard_time, DROP COLUMN discarded_by,"
                       " DROP COLUMN discard_reason;"
                       "DELETE FROM schema_migrations WHERE version = 9;"
                       "DROP INDEX complaint_organisations_by_organisation_sequence;"
                       "ALTER TABLE complaint_organisations DROP COLUMN complaint_sequence;"
                       "CREATE INDEX complaint_organisations_by_organisation "
                       "ON complaint_organisations (organisation_id, complaint_id);"
                       "DELETE FROM schema_migrations WHERE version = 8"),
              IsOk());
  const std::vector<std::pair<std::string, std::optional<ComplaintState>>> lists = {
      {"hmcts", std::nullopt},
      {"dwp", std::nullopt},
      {"nhs-trust", std::nullopt},
      {"hmcts", ComplaintState::kReceived}};
  std::vector<std::vector<std::string>> before;
  for (const auto& [organisation, state] : lists) {
    before.push_back(Texts(
        *pool,
        "SELECT id FROM complaints WHERE id IN (SELECT complaint_id FROM "
        "complaint_organisations WHERE organisation_id = $1) "
        "AND ($2::bigint IS NULL OR state = $2) ORDER BY sequence",
        "id",
        pg::Params()
            .Add(organisation)
            .Add(state.has_value() ? std::optional<int>(static_cast<int>(*state)) : std::nullopt)));
  }
  const std::string rows_sql =
      "SELECT complaint_id || ' ' || position || ' ' || organisation_id AS row "
      "FROM complaint_organisations ORDER BY complaint_id, position";
  const std::vector<std::string> rows_before = Texts(*pool, rows_sql, "row");
  EXPECT_THAT(before[0], ElementsAre("c1", "c2", "c3", "c4", "c5"));

  auto store = Replica();  // brings the schema up to date
  ASSERT_NE(store, nullptr);
  EXPECT_THAT(pg::QueryInt(*pool, "SELECT max(version) AS value FROM schema_migrations"),
              pg::IsOkAndHolds(10));
  EXPECT_EQ(Texts(*pool, rows_sql, "row"), rows_before);
  std::vector<std::string> expected_sequences;
  for (const std::string& row : rows_before) {
    expected_sequences.push_back(absl::StrCat(sequences[row.substr(0, row.find(' '))]));
  }
  EXPECT_EQ(Texts(*pool,
                  "SELECT complaint_sequence::text AS s FROM complaint_organisations "
                  "ORDER BY complaint_id, position",
                  "s"),
            expected_sequences);
  EXPECT_THAT(Texts(*pool,
                    "SELECT indexname::text AS name FROM pg_indexes "
                    "WHERE tablename = 'complaint_organisations' ORDER BY indexname",
                    "name"),
              ElementsAre("complaint_organisations_by_organisation_sequence",
                          "complaint_organisations_pkey"));
  for (size_t i = 0; i < lists.size(); ++i) {
    ComplaintQuery query;
    query.organisation_id = lists[i].first;
    query.state = lists[i].second;
    for (int limit : {1, 2, 50}) {
      EXPECT_EQ(ListAllPages(*store, query, limit), before[i])
          << lists[i].first << ", " << limit << " per page";
    }
  }
}

// With many complaints stored (and the statistics taken), an organisation is looked up in its
// index, never read whole: alone or with dates, the page is read from it in sequence order, with
// no sort. With a state or an owner the planner weighs those filters' statistics too (an owner's
// few complaints may be read from theirs and sorted).
TEST_F(PostgresStoreTest, AnOrganisationsPageIsReadInOrderThroughItsIndex) {
  ASSERT_NE(Replica(), nullptr);
  auto pool = NewPool(1);
  ASSERT_THAT(
      pg::Exec(*pool,
               "INSERT INTO complaints (sequence, id, state, complainants_reference, "
               "complainants_reference_override, channel, confirmed_in_writing, what_went_wrong, "
               "injustice_claimed, outcome_wanted, receive_date, closure_reason, closure_note, "
               "version, create_time, update_time, owner) SELECT n, 'c' || n, 1 + n % 3, 'Mr B', "
               "'', 1, false, 'Late.', '', '', DATE '2024-01-01' + n / 100, 0, '', 1, now(), "
               "now(), 'user-' || n % 1000 FROM generate_series(1, 20000) AS n;"
               "INSERT INTO complaint_organisations (complaint_id, position, organisation_id, "
               "complaint_sequence) SELECT 'c' || n, 0, 'organisation-' || n % 4, n "
               "FROM generate_series(1, 20000) AS n;"
               "ANALYZE complaints; ANALYZE complaint_organisations"),
      IsOk());
  ComplaintQuery organisation;
  organisation.organisation_id = "organisation-1";
  ComplaintQuery dates = organisation;
  dates.received_from = absl::CivilDay(2024, 3, 1);
  ComplaintQuery state = organisation;
  state.state = ComplaintState::kReceived;
  ComplaintQuery owner = organisation;
  owner.owner = "user-1";
  const struct {
    ComplaintQuery query;
    bool in_order;
  } cases[] = {{organisation, true}, {dates, true}, {state, false}, {owner, false}};
  for (const auto& [query, in_order] : cases) {
    pg::Params params;
    params.Add(int64_t{5000}).Add(query.limit);
    if (query.state.has_value()) params.Add(static_cast<int>(*query.state));
    params.Add(*query.organisation_id);
    if (query.received_from.has_value()) params.Add(*query.received_from);
    if (query.owner.has_value()) params.Add(*query.owner);
    const std::string plan = absl::StrJoin(
        Texts(*pool, "EXPLAIN " + PostgresStore::ListComplaintsSql(query), "QUERY PLAN", params),
        "\n");
    EXPECT_THAT(plan, HasSubstr("using complaint_organisations_by_organisation_sequence")) << plan;
    EXPECT_THAT(plan, Not(HasSubstr("Seq Scan"))) << plan;
    if (in_order) {
      EXPECT_THAT(plan,
                  HasSubstr("Index Scan using complaint_organisations_by_organisation_sequence"))
          << plan;
      EXPECT_THAT(plan, Not(HasSubstr("Sort"))) << plan;
    }
  }
}

}  // namespace
}  // namespace redress::intake
