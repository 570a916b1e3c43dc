// InvestigationOutbox, the adapter between investigation's store and the common OutboxSender: what
// a record carries, that writes reach the store, and -- through the sender -- that an
// investigation's hand-offs (decisions, a reopening, an end) reach remedy in the order recorded
// while other investigations' are not held back.
#include "services/investigation/handoff_outbox.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/outbox_sender.h"
#include "common/testing/fake_clock.h"
#include "common/testing/outbox_fakes.h"
#include "common/testing/status_matchers.h"
#include "services/investigation/store/fake_store.h"
#include "services/investigation/store/store_test_data.h"

namespace redress::investigation {
namespace {

using ::redress::testing::FakeClock;
using ::redress::testing::FractionJitter;
using ::redress::testing::IsOk;
using ::redress::testing::ScriptedTransport;
using ::redress::testing::StatusIs;
using store_testing::Decided;
using store_testing::HandoffFor;
using store_testing::MinimalInvestigation;
using store_testing::Request;
using store_testing::TimeAt;
using ::testing::ElementsAre;

const absl::Time kStart = TimeAt(1'772'000'000);

class InvestigationOutboxTest : public ::testing::Test {
 protected:
  InvestigationOutboxTest() : clock_(kStart), outbox_(store_) {}

  // Records investigation `id` and its decision number `sequence`, issued at `when`; returns the
  // hand-off key.
  std::string Decide(const std::string& id, int sequence, absl::Time when) {
    absl::StatusOr<Investigation> stored = store_.GetInvestigation(id);
    if (!stored.ok()) {
      EXPECT_THAT(store_.InsertInvestigation(MinimalInvestigation(id),
                                             Request("OpenInvestigation", "req-" + id, id)),
                  IsOk());
      stored = store_.GetInvestigation(id);
    }
    EXPECT_THAT(stored, IsOk());
    const Investigation decided = Decided(*stored, when, sequence);
    const DecisionHandoff handoff = HandoffFor(decided);
    EXPECT_THAT(store_.UpdateInvestigation(decided, stored->version, handoff, std::nullopt),
                IsOk());
    return handoff.handoff_key;
  }

  FakeStore store_;
  FakeClock clock_;
  InvestigationOutbox outbox_;
};

TEST_F(InvestigationOutboxTest, ARecordIsOrderedByInvestigationAndCarriesTheHandoff) {
  const std::string key = Decide("i1", 1, kStart - absl::Minutes(5));
  const OutboxEntry entry = store_.outbox().at(0);

  absl::StatusOr<std::vector<OutboxRecord>> pending = outbox_.ListPending(10);
  ASSERT_THAT(pending, IsOk());
  ASSERT_EQ(pending->size(), 1u);
  const OutboxRecord& record = (*pending)[0];
  EXPECT_EQ(record.id, entry.id);
  EXPECT_EQ(record.handoff_key, "investigations/i1/decisions/1");
  EXPECT_EQ(record.handoff_key, key);
  EXPECT_EQ(record.order_key, "i1");
  EXPECT_EQ(record.create_time, kStart - absl::Minutes(5));
  EXPECT_EQ(record.attempts, 0);
  ASSERT_NE(PayloadAs<Handoff>(record), nullptr);
  EXPECT_EQ(*PayloadAs<Handoff>(record), entry.handoff);
}

TEST_F(InvestigationOutboxTest, ListsOnlyPendingRecordsInIdOrderAndWritesReachTheStore) {
  const std::string k1 = Decide("i1", 1, kStart);
  const std::string k2 = Decide("i2", 1, kStart);
  const std::string k3 = Decide("i3", 1, kStart);
  const std::vector<OutboxEntry> entries = store_.outbox();
  ASSERT_EQ(entries.size(), 3u);

  ASSERT_THAT(outbox_.MarkDelivered(entries[0].id, kStart + absl::Seconds(1)), IsOk());
  ASSERT_THAT(outbox_.RecordFailedAttempt(entries[2].id, kStart + absl::Seconds(2), "UNAVAILABLE"),
              IsOk());

  absl::StatusOr<std::vector<OutboxRecord>> pending = outbox_.ListPending(10);
  ASSERT_THAT(pending, IsOk());
  std::vector<std::string> keys;
  for (const OutboxRecord& record : *pending) keys.push_back(record.handoff_key);
  EXPECT_THAT(keys, ElementsAre(k2, k3));
  EXPECT_EQ((*pending)[1].attempts, 1);
  EXPECT_EQ(store_.outbox()[0].delivered_time, kStart + absl::Seconds(1));
  EXPECT_EQ(store_.outbox()[2].last_attempt_time, kStart + absl::Seconds(2));
  EXPECT_EQ(store_.outbox()[2].last_error, "UNAVAILABLE");

  absl::StatusOr<std::vector<OutboxRecord>> one = outbox_.ListPending(1);
  ASSERT_THAT(one, IsOk());
  EXPECT_EQ(one->size(), 1u);
  EXPECT_THAT(outbox_.RecordFailedAttempt(9999, kStart, "x"),
              StatusIs(absl::StatusCode::kNotFound));
  store_.FailReads(absl::UnavailableError("database is locked"));
  EXPECT_THAT(outbox_.ListPending(10), StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(InvestigationOutboxTest,
       WithTheSenderAnInvestigationsDecisionsGoInOrderAndOthersAreNotHeldBack) {
  ScriptedTransport transport;
  FractionJitter jitter;
  OutboxSender sender(outbox_, clock_, transport, jitter);
  const std::string first = Decide("i1", 1, kStart);
  const std::string other = Decide("i2", 1, kStart);
  const std::string second = Decide("i1", 2, kStart);  // i1 reopened on review and decided again
  transport.Script(first, {absl::UnavailableError("remedy is down")});

  ASSERT_THAT(sender.RunOnce(), IsOk());
  EXPECT_THAT(transport.keys(), ElementsAre(first, other));

  clock_.Set(sender.NextDue());
  ASSERT_THAT(sender.RunOnce(), IsOk());
  EXPECT_THAT(transport.keys(), ElementsAre(first, other, first, second));
  for (const OutboxEntry& entry : store_.outbox()) {
    EXPECT_TRUE(entry.delivered_time.has_value()) << HandoffKey(entry.handoff);
  }
  EXPECT_EQ(store_.outbox()[0].attempts, 2);
  EXPECT_EQ(store_.outbox()[0].last_error, "UNAVAILABLE: remedy is down");
  // What the transport was given is the stored hand-off.
  const OutboxRecord sent = transport.records().at(3);
  ASSERT_NE(PayloadAs<Handoff>(sent), nullptr);
  EXPECT_EQ(*PayloadAs<Handoff>(sent), store_.outbox()[2].handoff);
}

TEST_F(InvestigationOutboxTest, EveryKindIsOrderedByItsInvestigation) {
  const std::string decided = Decide("i1", 1, kStart);
  ReopeningHandoff reopening;
  reopening.handoff_key = decided + "/reopening";
  reopening.investigation_id = "i1";
  reopening.decision_sequence = 1;
  reopening.reopen_time = kStart + absl::Minutes(1);
  EndHandoff end;
  end.handoff_key = "investigations/i2/end";
  end.investigation_id = "i2";
  end.end_time = kStart + absl::Minutes(2);
  for (const Handoff& handoff : {Handoff(reopening), Handoff(end)}) {
    const std::string id = HandoffInvestigationId(handoff);
    if (!store_.GetInvestigation(id).ok()) {
      ASSERT_THAT(store_.InsertInvestigation(MinimalInvestigation(id),
                                             Request("OpenInvestigation", "req-" + id, id)),
                  IsOk());
    }
    Investigation stored = *store_.GetInvestigation(id);
    stored.version += 1;
    ASSERT_THAT(store_.UpdateInvestigation(stored, stored.version - 1, handoff, std::nullopt),
                IsOk());
  }
  absl::StatusOr<std::vector<OutboxRecord>> pending = outbox_.ListPending(10);
  ASSERT_THAT(pending, IsOk());
  ASSERT_EQ(pending->size(), 3u);
  EXPECT_EQ((*pending)[1].handoff_key, "investigations/i1/decisions/1/reopening");
  EXPECT_EQ((*pending)[1].order_key, "i1");
  EXPECT_EQ((*pending)[1].create_time, kStart + absl::Minutes(1));
  ASSERT_NE(PayloadAs<Handoff>((*pending)[1]), nullptr);
  EXPECT_EQ(*PayloadAs<Handoff>((*pending)[1]), Handoff(reopening));
  EXPECT_EQ((*pending)[2].handoff_key, "investigations/i2/end");
  EXPECT_EQ((*pending)[2].order_key, "i2");
  EXPECT_EQ(*PayloadAs<Handoff>((*pending)[2]), Handoff(end));
}

TEST_F(InvestigationOutboxTest, WithTheSenderAReopeningComesBetweenTheDecisionsAndTheEndLast) {
  ScriptedTransport transport;
  FractionJitter jitter;
  OutboxSender sender(outbox_, clock_, transport, jitter);
  const std::string first = Decide("i1", 1, kStart);
  // i1's reopening, then its second decision and its end: each waits for the one before it.
  Investigation stored = *store_.GetInvestigation("i1");
  ReopeningHandoff reopening;
  reopening.handoff_key = first + "/reopening";
  reopening.investigation_id = "i1";
  reopening.reopen_time = kStart;
  stored.version += 1;
  ASSERT_THAT(store_.UpdateInvestigation(stored, stored.version - 1, reopening, std::nullopt),
              IsOk());
  const std::string second = Decide("i1", 2, kStart);
  stored = *store_.GetInvestigation("i1");
  EndHandoff end;
  end.handoff_key = "investigations/i1/end";
  end.investigation_id = "i1";
  end.end_time = kStart;
  stored.version += 1;
  ASSERT_THAT(store_.UpdateInvestigation(stored, stored.version - 1, end, std::nullopt), IsOk());
  transport.Script(reopening.handoff_key, {absl::UnimplementedError("ReceiveReopening")});

  ASSERT_THAT(sender.RunOnce(), IsOk());
  EXPECT_THAT(transport.keys(), ElementsAre(first, reopening.handoff_key));
  clock_.Set(sender.NextDue());
  ASSERT_THAT(sender.RunOnce(), IsOk());
  EXPECT_THAT(transport.keys(), ElementsAre(first, reopening.handoff_key, reopening.handoff_key,
                                            second, end.handoff_key));
}

}  // namespace
}  // namespace redress::investigation
