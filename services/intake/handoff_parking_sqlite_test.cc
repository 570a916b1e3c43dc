// The sender over a real SQLite store (docs/reliability.md): 1,000 parked hand-offs, or 1,000
// held behind one parked hand-off of their complaint, do not keep a later complaint's hand-off
// from being read and delivered (the sender reads a bounded batch); and a payload that cannot be
// decoded is parked while the others are still delivered.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "common/outbox_sender.h"
#include "common/testing/fake_clock.h"
#include "common/testing/outbox_fakes.h"
#include "common/testing/sqlite_file_test.h"
#include "common/testing/status_matchers.h"
#include "services/intake/handoff_outbox.h"
#include "services/intake/store/sqlite/sqlite_store.h"
#include "services/intake/store/store_test_data.h"

namespace redress::intake {
namespace {

using ::redress::testing::FakeClock;
using ::redress::testing::FractionJitter;
using ::redress::testing::IsOk;
using ::redress::testing::RawDb;
using ::redress::testing::ScriptedTransport;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using namespace store_testing;  // NOLINT: test data builders

const absl::Time kStart = absl::FromUnixSeconds(1'772'000'000);

class HandoffParkingSqliteTest : public ::redress::testing::SqliteFileTest<SqliteStore> {
 protected:
  HandoffParkingSqliteTest() : SqliteFileTest("intake.db"), clock_(kStart) {}

  void SetUp() override {
    store_ = OpenOrDie();
    ASSERT_NE(store_, nullptr);
    outbox_ = std::make_unique<IntakeOutbox>(*store_);
    sender_ = std::make_unique<OutboxSender>(*outbox_, clock_, transport_, jitter_);
  }

  // Records complaint `id` and its acceptance.
  void Accept(const std::string& id) {
    Complaint c = MinimalComplaint(id, absl::CivilDay(2024, 1, 2));
    ASSERT_THAT(store_->InsertComplaint(c, Request("SubmitComplaint", "r-" + id, id)), IsOk());
    c.version = 2;
    ASSERT_THAT(store_->UpdateComplaint(c, 1, HandoffFor(c, kStart), std::nullopt), IsOk());
  }
  // Writes `count` outbox rows of complaints p1, p2, ... (or all of complaint `one_complaint`)
  // behind the store's back, parked when `parked` (else pending), with a payload nothing decodes.
  void AddRows(int count, bool parked, const std::string& one_complaint = "") {
    RawDb raw(path_);
    const std::string complaint = one_complaint.empty() ? "'p' || i" : "'" + one_complaint + "'";
    raw.Query(absl::StrCat(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ", count,
        ") INSERT INTO outbox (handoff_key, complaint_id, payload, create_time, park_time, "
        "park_reason) SELECT 'complaints/' || ",
        complaint, " || '/acceptance-", parked ? "p" : "h", "' || i, ", complaint, ", X'00', 1, ",
        parked ? "2, 'REFUSED'" : "NULL, ''", " FROM n"));
  }
  void RunPasses(int passes) {
    for (int i = 0; i < passes; ++i) ASSERT_THAT(sender_->RunOnce(), IsOk());
  }

  FakeClock clock_;
  ScriptedTransport transport_;
  FractionJitter jitter_;
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<IntakeOutbox> outbox_;
  std::unique_ptr<OutboxSender> sender_;
};

TEST_F(HandoffParkingSqliteTest, AThousandParkedHandoffsDoNotStarveALaterComplaint) {
  AddRows(1000, /*parked=*/true);
  Accept("c1");

  RunPasses(1);

  EXPECT_THAT(transport_.keys(), ElementsAre("complaints/c1/acceptance"));
  auto backlog = sender_->Backlog();
  ASSERT_THAT(backlog, IsOk());
  EXPECT_EQ(backlog->parked, 1000);
  EXPECT_EQ(backlog->pending, 0);
}

TEST_F(HandoffParkingSqliteTest, AThousandHandoffsHeldBehindAParkedOneDoNotStarveALaterComplaint) {
  AddRows(1, /*parked=*/true, "held");
  AddRows(1000, /*parked=*/false, "held");
  Accept("c1");

  RunPasses(1);

  EXPECT_THAT(transport_.keys(), ElementsAre("complaints/c1/acceptance"));
  auto backlog = sender_->Backlog();
  ASSERT_THAT(backlog, IsOk());
  EXPECT_EQ(backlog->parked, 1);
  EXPECT_EQ(backlog->pending, 1000);  // held: waiting, not lost
}

TEST_F(HandoffParkingSqliteTest, AnUndecodablePayloadIsParkedAndTheOthersDelivered) {
  Accept("c1");
  Accept("c2");
  {
    RawDb raw(path_);
    raw.Query("UPDATE outbox SET payload = X'FF01' WHERE complaint_id = 'c1'");
  }

  RunPasses(2);

  EXPECT_THAT(transport_.keys(), ElementsAre("complaints/c2/acceptance"));
  auto parked = store_->ListParkedOutbox(0, 10);
  ASSERT_THAT(parked, IsOk());
  ASSERT_EQ(parked->size(), 1u);
  const OutboxEntry& entry = parked->front();
  EXPECT_EQ(entry.handoff.handoff_key, "complaints/c1/acceptance");
  EXPECT_EQ(entry.parking.park_reason, ParkReason::kUndecodable);
  EXPECT_EQ(entry.attempts, 0);
  EXPECT_FALSE(entry.undecodable.empty());
  EXPECT_THAT(AcceptanceSummary(entry).summary, HasSubstr("undecodable payload"));
}

}  // namespace
}  // namespace redress::intake
