// What SqliteStore promises for the outbox beyond the store contract: a hand-off's delivery
// attempts survive a restart, each kind of hand-off is stored as the event remedy receives with
// its kind, and a database written before the outbox kept its last attempt (schema version 3) or
// its kind (version 4) or its parking (version 10) is upgraded with its pending entries intact.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "common/store/sqlite/sqlite.h"
#include "common/testing/sqlite_file_test.h"
#include "common/testing/status_matchers.h"
#include "redress/investigation/v1/case.pb.h"
#include "services/investigation/store/handoff_payload.h"
#include "services/investigation/store/sqlite/sqlite_store.h"
#include "services/investigation/store/store_test_data.h"

namespace redress::investigation {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::RawDb;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using namespace store_testing;  // NOLINT: test data builders

// The schema versions that added the outbox's last attempt, and its parking.
constexpr int kLastAttemptVersion = 3;
constexpr int kParkingVersion = 10;

class SqliteOutboxTest : public ::redress::testing::SqliteFileTest<SqliteStore> {
 protected:
  SqliteOutboxTest() : SqliteFileTest("investigation.db") {}

  std::vector<OutboxEntry> Outbox(SqliteStore& store) {
    auto entries = store.ListOutbox(/*include_delivered=*/true, 10);
    EXPECT_THAT(entries, IsOk());
    return entries.ok() ? *entries : std::vector<OutboxEntry>();
  }
};

TEST_F(SqliteOutboxTest, AFailedAttemptSurvivesARestart) {
  const Investigation decided = Decided(MinimalInvestigation("i1"), TimeAt(10));
  {
    auto store = OpenOrDie();
    ASSERT_NE(store, nullptr);
    ASSERT_THAT(store->InsertInvestigation(MinimalInvestigation("i1"),
                                           Request("OpenInvestigation", "r1", "i1")),
                IsOk());
    ASSERT_THAT(
        store->UpdateInvestigation(decided, decided.version - 1, HandoffFor(decided), std::nullopt),
        IsOk());
    const int64_t id = Outbox(*store).at(0).id;
    ASSERT_THAT(store->RecordFailedAttempt(id, TimeAt(20, 5), "UNAVAILABLE: remedy is down"),
                IsOk());
  }
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  const std::vector<OutboxEntry> outbox = Outbox(*store);
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].attempts, 1);
  EXPECT_EQ(outbox[0].last_attempt_time, TimeAt(20, 5));
  EXPECT_EQ(outbox[0].last_error, "UNAVAILABLE: remedy is down");
  EXPECT_EQ(outbox[0].handoff, Handoff(HandoffFor(decided)));
}

TEST_F(SqliteOutboxTest, AnOlderDatabaseIsUpgradedWithItsPendingEntries) {
  const Investigation decided = Decided(MinimalInvestigation("i1"), TimeAt(10));
  {
    std::vector<Migration> older;
    for (const Migration& m : SqliteStore::Migrations()) {
      if (m.version < kLastAttemptVersion) older.push_back(m);
    }
    auto db = SqliteDb::Open(path_, older);
    ASSERT_THAT(db, IsOk());
    Connection connection = (*db)->Lock();
    auto insert = connection.Prepare(
        "INSERT INTO outbox (handoff_key, investigation_id, payload, attempts, create_time) "
        "VALUES (?1, 'i1', ?2, 2, 10000000)");
    ASSERT_THAT(insert, IsOk());
    insert->Bind(1, HandoffFor(decided).handoff_key)
        .BindBlob(2, EncodeHandoff(HandoffFor(decided)).payload);
    ASSERT_THAT(insert->Run(), IsOk());
  }
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  std::vector<OutboxEntry> outbox = Outbox(*store);
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].handoff, Handoff(HandoffFor(decided)));
  EXPECT_EQ(outbox[0].attempts, 2);
  EXPECT_FALSE(outbox[0].last_attempt_time.has_value());
  EXPECT_EQ(outbox[0].last_error, "");

  ASSERT_THAT(store->RecordFailedAttempt(outbox[0].id, TimeAt(30), "UNAVAILABLE: x"), IsOk());
  outbox = Outbox(*store);
  EXPECT_EQ(outbox.at(0).attempts, 3);
  EXPECT_EQ(outbox.at(0).last_attempt_time, TimeAt(30));
}

TEST_F(SqliteOutboxTest, EachKindIsStoredAsTheEventRemedyReceives) {
  {
    auto store = OpenOrDie();
    ASSERT_NE(store, nullptr);
    const Investigation opened = MinimalInvestigation("i1");
    ASSERT_THAT(store->InsertInvestigation(opened, Request("OpenInvestigation", "r1", "i1")),
                IsOk());
    Investigation reopened = opened;
    reopened.version = 2;
    ASSERT_THAT(store->UpdateInvestigation(reopened, 1, ReopeningFor(reopened, 1, TimeAt(20)),
                                           std::nullopt),
                IsOk());
    const Investigation ended = Withdrawn(reopened, TimeAt(30));
    ASSERT_THAT(store->UpdateInvestigation(ended, 2, EndFor(ended, 1), std::nullopt), IsOk());
  }
  RawDb raw(path_);
  const auto rows = raw.Query("SELECT kind, payload, create_time FROM outbox ORDER BY id");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], "reopening");
  v1::DecisionReopenedEvent reopening;
  ASSERT_TRUE(reopening.ParseFromString(rows[0][1]));
  EXPECT_EQ(reopening.handoff_key(), "investigations/i1/decisions/1/reopening");
  EXPECT_EQ(reopening.investigation(), "investigations/i1");
  EXPECT_EQ(reopening.decision_sequence(), 1);
  EXPECT_EQ(reopening.reopen_date().month(), 12);
  EXPECT_EQ(rows[0][2], std::to_string(absl::ToUnixMicros(TimeAt(20))));
  EXPECT_EQ(rows[1][0], "end");
  v1::InvestigationEndedEvent end;
  ASSERT_TRUE(end.ParseFromString(rows[1][1]));
  EXPECT_EQ(end.handoff_key(), "investigations/i1/end");
  EXPECT_EQ(end.state(), v1::INVESTIGATION_STATE_WITHDRAWN);
  EXPECT_EQ(end.reason(), "Mr O withdrew – he “has had enough”.");
  EXPECT_EQ(end.end_date().day(), 9);
  EXPECT_EQ(end.decisions_issued(), 1);
  EXPECT_EQ(rows[1][2], std::to_string(absl::ToUnixMicros(TimeAt(30))));
}

// Neither a crash nor a failure of the whole read, which would stop every delivery: the entry says
// its payload is undecodable, and the sender parks it (docs/reliability.md).
TEST_F(SqliteOutboxTest, AnUnknownKindIsReportedOnItsEntryNotACrash) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  const Investigation decided = Decided(MinimalInvestigation("i1"), TimeAt(10));
  ASSERT_THAT(store->InsertInvestigation(MinimalInvestigation("i1"),
                                         Request("OpenInvestigation", "r1", "i1")),
              IsOk());
  ASSERT_THAT(
      store->UpdateInvestigation(decided, decided.version - 1, HandoffFor(decided), std::nullopt),
      IsOk());
  {
    RawDb raw(path_);
    // The schema refuses a kind it does not know; a damaged file may still hold one.
    raw.Query("PRAGMA ignore_check_constraints = ON");
    raw.Query("UPDATE outbox SET kind = 'refund'");
    EXPECT_THAT(raw.Query("SELECT kind FROM outbox"), ElementsAre(ElementsAre("refund")));
  }
  auto outbox = store->ListOutbox(true, 10);
  ASSERT_THAT(outbox, IsOk());
  ASSERT_EQ(outbox->size(), 1u);
  EXPECT_THAT(outbox->at(0).undecodable, HasSubstr("refund"));
  EXPECT_EQ(HandoffKey(outbox->at(0).handoff), HandoffFor(decided).handoff_key);
}

TEST_F(SqliteOutboxTest, ADatabaseWrittenBeforeParkingIsUpgradedWithNothingParked) {
  const Investigation decided = Decided(MinimalInvestigation("i1"), TimeAt(10));
  {
    std::vector<Migration> older;
    for (const Migration& m : SqliteStore::Migrations()) {
      if (m.version < kParkingVersion) older.push_back(m);
    }
    auto db = SqliteDb::Open(path_, older);
    ASSERT_THAT(db, IsOk());
    Connection connection = (*db)->Lock();
    auto insert = connection.Prepare(
        "INSERT INTO outbox (handoff_key, investigation_id, payload, attempts, create_time) "
        "VALUES (?1, 'i1', ?2, 7, 10000000)");
    ASSERT_THAT(insert, IsOk());
    insert->Bind(1, HandoffFor(decided).handoff_key)
        .BindBlob(2, EncodeHandoff(HandoffFor(decided)).payload);
    ASSERT_THAT(insert->Run(), IsOk());
  }
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  EXPECT_THAT(RawDb(path_).Column("PRAGMA user_version"),
              ElementsAre(std::to_string(SqliteStore::Migrations().back().version)));
  auto claimed = store->ClaimOutbox("me", absl::Seconds(30), 10);
  ASSERT_THAT(claimed, IsOk());
  ASSERT_EQ(claimed->size(), 1u);
  EXPECT_FALSE(claimed->at(0).parking.park_time.has_value());
  EXPECT_EQ(claimed->at(0).parking.park_reason, ParkReason::kUnspecified);
  EXPECT_EQ(claimed->at(0).attempts, 7);
  absl::StatusOr<int64_t> parked = store->CountParkedOutbox();
  ASSERT_THAT(parked, IsOk());
  EXPECT_EQ(*parked, 0);
  // The claim's look-up of an earlier parked entry of the same investigation uses the index.
  EXPECT_THAT(RawDb(path_).QueryPlan("SELECT 1 FROM outbox WHERE investigation_id = 'i1' AND "
                                     "id < 5 AND park_time IS NOT NULL AND delivered_time IS NULL "
                                     "AND discard_time IS NULL"),
              ::testing::HasSubstr("outbox_parked"));
}

TEST_F(SqliteOutboxTest, AnUndecodablePayloadIsReportedOnItsEntryAndTheOthersRead) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  for (const char* id : {"i1", "i2"}) {
    const Investigation decided = Decided(MinimalInvestigation(id), TimeAt(10));
    ASSERT_THAT(
        store->InsertInvestigation(MinimalInvestigation(id), Request("OpenInvestigation", id, id)),
        IsOk());
    ASSERT_THAT(
        store->UpdateInvestigation(decided, decided.version - 1, HandoffFor(decided), std::nullopt),
        IsOk());
  }
  RawDb(path_).Query("UPDATE outbox SET payload = X'FF01' WHERE investigation_id = 'i1'");

  auto claimed = store->ClaimOutbox("me", absl::Seconds(30), 10);
  ASSERT_THAT(claimed, IsOk());
  ASSERT_EQ(claimed->size(), 2u);
  EXPECT_FALSE(claimed->at(0).undecodable.empty());
  EXPECT_EQ(HandoffKey(claimed->at(0).handoff), "investigations/i1/decisions/1");
  EXPECT_EQ(HandoffInvestigationId(claimed->at(0).handoff), "i1");
  EXPECT_TRUE(claimed->at(1).undecodable.empty());
  EXPECT_EQ(HandoffInvestigationId(claimed->at(1).handoff), "i2");
}

}  // namespace
}  // namespace redress::investigation
