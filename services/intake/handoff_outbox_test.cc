// IntakeOutbox, the adapter between intake's store and the common OutboxSender: what a record
// carries, that writes reach the store, and -- through the sender -- that a complaint's hand-offs
// are delivered in order while other complaints' are not held back.
#include "services/intake/handoff_outbox.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/outbox_sender.h"
#include "common/testing/fake_clock.h"
#include "common/testing/outbox_fakes.h"
#include "common/testing/status_matchers.h"
#include "services/intake/store/fake_store.h"
#include "services/intake/store/store_test_data.h"

namespace redress::intake::testing {
namespace {

using ::redress::testing::FakeClock;
using ::redress::testing::FractionJitter;
using ::redress::testing::IsOk;
using ::redress::testing::ScriptedTransport;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;

const absl::Time kStart = absl::FromUnixSeconds(1'772'000'000);

std::string AcceptanceKey(const std::string& complaint_id) {
  return "complaints/" + complaint_id + "/acceptance";
}

class IntakeOutboxTest : public ::testing::Test {
 protected:
  IntakeOutboxTest() : clock_(kStart), outbox_(store_) {}

  // Records complaint `complaint_id` and its acceptance hand-off at `when`.
  void Accept(const std::string& complaint_id, absl::Time when) {
    Complaint complaint = store_testing::MinimalComplaint(complaint_id, absl::CivilDay(2026, 3, 2));
    ASSERT_THAT(
        store_.InsertComplaint(
            complaint, store_testing::Request("SubmitComplaint", complaint_id, complaint_id)),
        IsOk());
    AddHandoff(complaint_id, AcceptanceKey(complaint_id), when);
  }
  // Another hand-off of an already recorded complaint, with `key`.
  void AddHandoff(const std::string& complaint_id, const std::string& key, absl::Time when) {
    absl::StatusOr<Complaint> complaint = store_.GetComplaint(complaint_id);
    ASSERT_THAT(complaint, IsOk());
    AcceptanceHandoff handoff = store_testing::HandoffFor(*complaint, when);
    handoff.handoff_key = key;
    const int64_t version = complaint->version;
    complaint->version = version + 1;
    ASSERT_THAT(store_.UpdateComplaint(*complaint, version, handoff, std::nullopt), IsOk());
  }

  FakeStore store_;
  FakeClock clock_;
  IntakeOutbox outbox_;
};

TEST_F(IntakeOutboxTest, ARecordIsOrderedByComplaintAndCarriesTheHandoff) {
  Accept("c1", kStart - absl::Minutes(5));
  const OutboxEntry entry = store_.outbox().at(0);

  absl::StatusOr<std::vector<OutboxRecord>> pending = outbox_.ListPending(10);
  ASSERT_THAT(pending, IsOk());
  ASSERT_EQ(pending->size(), 1u);
  const OutboxRecord& record = (*pending)[0];
  EXPECT_EQ(record.id, entry.id);
  EXPECT_EQ(record.handoff_key, AcceptanceKey("c1"));
  EXPECT_EQ(record.order_key, "c1");
  EXPECT_EQ(record.create_time, kStart - absl::Minutes(5));
  EXPECT_EQ(record.attempts, 0);
  ASSERT_NE(PayloadAs<AcceptanceHandoff>(record), nullptr);
  EXPECT_EQ(*PayloadAs<AcceptanceHandoff>(record), entry.handoff);
}

TEST_F(IntakeOutboxTest, ListsOnlyPendingRecordsInIdOrderAndWritesReachTheStore) {
  Accept("c2", kStart);
  Accept("c1", kStart);
  Accept("c3", kStart);
  const std::vector<OutboxEntry> entries = store_.outbox();
  ASSERT_EQ(entries.size(), 3u);

  ASSERT_THAT(outbox_.MarkDelivered(entries[1].id, kStart + absl::Seconds(1)), IsOk());
  ASSERT_THAT(outbox_.RecordFailedAttempt(entries[2].id, kStart + absl::Seconds(2), "UNAVAILABLE"),
              IsOk());

  absl::StatusOr<std::vector<OutboxRecord>> pending = outbox_.ListPending(10);
  ASSERT_THAT(pending, IsOk());
  std::vector<std::string> keys;
  for (const OutboxRecord& record : *pending) keys.push_back(record.handoff_key);
  EXPECT_THAT(keys, ElementsAre(AcceptanceKey("c2"), AcceptanceKey("c3")));
  EXPECT_EQ((*pending)[1].attempts, 1);
  EXPECT_EQ(store_.outbox()[1].delivered_time, kStart + absl::Seconds(1));
  EXPECT_EQ(store_.outbox()[2].last_error, "UNAVAILABLE");

  absl::StatusOr<std::vector<OutboxRecord>> one = outbox_.ListPending(1);
  ASSERT_THAT(one, IsOk());
  EXPECT_EQ(one->size(), 1u);
  EXPECT_THAT(outbox_.MarkDelivered(9999, kStart), StatusIs(absl::StatusCode::kNotFound));
  store_.FailReads(absl::UnavailableError("database is locked"));
  EXPECT_THAT(outbox_.ListPending(10), StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(IntakeOutboxTest, WithTheSenderAComplaintsHandoffsGoInOrderAndOthersAreNotHeldBack) {
  ScriptedTransport transport;
  FractionJitter jitter;
  OutboxSender sender(outbox_, clock_, transport, jitter);
  Accept("c1", kStart);
  Accept("c2", kStart);
  AddHandoff("c1", "complaints/c1/second", kStart);
  transport.Script(AcceptanceKey("c1"), {absl::UnavailableError("down")});

  ASSERT_THAT(sender.RunOnce(), IsOk());
  EXPECT_THAT(transport.keys(), ElementsAre(AcceptanceKey("c1"), AcceptanceKey("c2")));

  clock_.Set(sender.NextDue());
  ASSERT_THAT(sender.RunOnce(), IsOk());
  EXPECT_THAT(transport.keys(), ElementsAre(AcceptanceKey("c1"), AcceptanceKey("c2"),
                                            AcceptanceKey("c1"), "complaints/c1/second"));
  for (const OutboxEntry& entry : store_.outbox()) {
    EXPECT_TRUE(entry.delivered_time.has_value()) << entry.handoff.handoff_key;
  }
  EXPECT_EQ(store_.outbox()[0].attempts, 2);
  EXPECT_EQ(store_.outbox()[0].last_error, "UNAVAILABLE: down");
}

}  // namespace
}  // namespace redress::intake::testing
