// HandoffSender's delivery rules, one pass at a time (RunOnce) on a FakeStore, a fake clock, a
// scripted transport and a recording jitter source: order, acknowledgement, backoff, per-complaint
// order, deadlines, recorded attempts and the backlog. No threads, no sleeps.
#include "services/intake/handoff_sender.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "common/testing/fake_clock.h"
#include "common/testing/status_matchers.h"
#include "services/intake/fake_store.h"
#include "services/intake/handoff_sender_test_support.h"

namespace redress::intake::testing {
namespace {

using ::redress::testing::FakeClock;
using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const absl::Time kStart = absl::FromUnixSeconds(1'772'000'000);

absl::Status Unavailable() { return absl::UnavailableError("investigation is down"); }

class HandoffSenderTest : public ::testing::Test {
 protected:
  HandoffSenderTest()
      : clock_(kStart), outbox_(store_), sender_(store_, clock_, transport_, jitter_) {}

  // The stored outbox entry of `complaint_id`'s acceptance.
  OutboxEntry EntryOf(const std::string& complaint_id) {
    for (const OutboxEntry& entry : store_.outbox()) {
      if (entry.handoff.handoff_key == AcceptanceKey(complaint_id)) return entry;
    }
    ADD_FAILURE() << "no outbox entry for " << complaint_id;
    return OutboxEntry();
  }
  bool Delivered(const std::string& complaint_id) {
    return EntryOf(complaint_id).delivered_time.has_value();
  }

  FakeStore store_;
  FakeClock clock_;
  ScriptedTransport transport_;
  FractionJitter jitter_;
  OutboxWriter outbox_;
  HandoffSender sender_;
};

TEST_F(HandoffSenderTest, DeliversPendingEntriesInOutboxOrderAndMarksThemDelivered) {
  outbox_.Accept("c2", kStart - absl::Minutes(3));
  outbox_.Accept("c1", kStart - absl::Minutes(2));
  outbox_.Accept("c3", kStart - absl::Minutes(1));

  ASSERT_THAT(sender_.RunOnce(), IsOk());

  EXPECT_THAT(transport_.keys(),
              ElementsAre(AcceptanceKey("c2"), AcceptanceKey("c1"), AcceptanceKey("c3")));
  for (const OutboxEntry& entry : store_.outbox()) {
    EXPECT_EQ(entry.delivered_time, kStart) << entry.handoff.handoff_key;
    EXPECT_EQ(entry.attempts, 1);
  }
  ASSERT_THAT(sender_.RunOnce(), IsOk());  // nothing left: no second delivery
  EXPECT_EQ(transport_.calls().size(), 3u);
  EXPECT_EQ(sender_.NextDue(), absl::InfiniteFuture());
}

TEST_F(HandoffSenderTest, AlreadyExistsMeansInvestigationHasItAndCountsAsDelivered) {
  outbox_.Accept("c1", kStart);
  transport_.Script(AcceptanceKey("c1"), {absl::AlreadyExistsError("investigations/x")});

  ASSERT_THAT(sender_.RunOnce(), IsOk());

  EXPECT_TRUE(Delivered("c1"));
  absl::StatusOr<HandoffBacklog> backlog = sender_.Backlog();
  ASSERT_THAT(backlog, IsOk());
  EXPECT_EQ(backlog->pending, 0);
  EXPECT_EQ(backlog->delivered_total, 1);
  EXPECT_EQ(backlog->last_error, "");
}

TEST_F(HandoffSenderTest, UnavailableIsRetriedWithExponentialBackoffCappedAtThirtySeconds) {
  outbox_.Accept("c1", kStart);
  transport_.Script(AcceptanceKey("c1"), std::vector<absl::Status>(10, Unavailable()));
  const std::vector<absl::Duration> expected = {
      absl::Milliseconds(200),   absl::Milliseconds(400),   absl::Milliseconds(800),
      absl::Milliseconds(1600),  absl::Milliseconds(3200),  absl::Milliseconds(6400),
      absl::Milliseconds(12800), absl::Milliseconds(25600), absl::Seconds(30),
      absl::Seconds(30)};
  for (size_t i = 0; i < expected.size(); ++i) {
    ASSERT_THAT(sender_.RunOnce(), IsOk());
    ASSERT_EQ(transport_.calls().size(), i + 1);
    ASSERT_EQ(sender_.NextDue(), clock_.Now() + expected[i]) << "after failure " << i + 1;
    // Not a moment before the backoff is over.
    clock_.Set(sender_.NextDue() - absl::Microseconds(1));
    ASSERT_THAT(sender_.RunOnce(), IsOk());
    ASSERT_EQ(transport_.calls().size(), i + 1);
    clock_.Advance(absl::Microseconds(1));
  }
  EXPECT_EQ(jitter_.ceilings(), expected);  // full jitter: a draw from [0, ceiling]

  ASSERT_THAT(sender_.RunOnce(), IsOk());  // the script is over: investigation answers OK
  EXPECT_TRUE(Delivered("c1"));
  EXPECT_EQ(EntryOf("c1").attempts, 11);
  EXPECT_EQ(sender_.NextDue(), absl::InfiniteFuture());
}

TEST_F(HandoffSenderTest, FullJitterMayRetryAtOnce) {
  FractionJitter no_wait(0.0);
  HandoffSender sender(store_, clock_, transport_, no_wait);
  outbox_.Accept("c1", kStart);
  transport_.Script(AcceptanceKey("c1"), {Unavailable()});

  ASSERT_THAT(sender.RunOnce(), IsOk());
  EXPECT_EQ(sender.NextDue(), clock_.Now());
  ASSERT_THAT(sender.RunOnce(), IsOk());
  EXPECT_TRUE(Delivered("c1"));
}

TEST_F(HandoffSenderTest, FailedAttemptsAreRecordedInTheStore) {
  outbox_.Accept("c1", kStart);
  transport_.Script(AcceptanceKey("c1"),
                    {Unavailable(), absl::DeadlineExceededError("no answer in time")});
  ASSERT_THAT(sender_.RunOnce(), IsOk());
  EXPECT_EQ(EntryOf("c1").attempts, 1);
  EXPECT_EQ(EntryOf("c1").last_attempt_time, kStart);
  EXPECT_EQ(EntryOf("c1").last_error, "UNAVAILABLE: investigation is down");

  clock_.Set(sender_.NextDue());
  const absl::Time second = clock_.Now();
  ASSERT_THAT(sender_.RunOnce(), IsOk());
  OutboxEntry entry = EntryOf("c1");
  EXPECT_EQ(entry.attempts, 2);
  EXPECT_EQ(entry.last_attempt_time, second);
  EXPECT_EQ(entry.last_error, "DEADLINE_EXCEEDED: no answer in time");
  EXPECT_FALSE(entry.delivered_time.has_value());
}

TEST_F(HandoffSenderTest, AFailedEntryHoldsBackLaterEntriesOfItsComplaintOnly) {
  outbox_.Accept("c1", kStart);
  outbox_.Accept("c2", kStart);
  outbox_.AddHandoff("c1", "complaints/c1/second", kStart);
  outbox_.Accept("c3", kStart);
  transport_.Script(AcceptanceKey("c1"), {Unavailable()});

  ASSERT_THAT(sender_.RunOnce(), IsOk());
  // c1's second hand-off waits behind its first; c2 and c3 do not.
  EXPECT_THAT(transport_.keys(),
              ElementsAre(AcceptanceKey("c1"), AcceptanceKey("c2"), AcceptanceKey("c3")));
  EXPECT_TRUE(Delivered("c2"));
  EXPECT_TRUE(Delivered("c3"));

  clock_.Set(sender_.NextDue());
  ASSERT_THAT(sender_.RunOnce(), IsOk());  // first c1, then its second, in one pass
  EXPECT_THAT(transport_.keys(),
              ElementsAre(AcceptanceKey("c1"), AcceptanceKey("c2"), AcceptanceKey("c3"),
                          AcceptanceKey("c1"), "complaints/c1/second"));
  for (const OutboxEntry& entry : store_.outbox()) EXPECT_TRUE(entry.delivered_time.has_value());
}

TEST_F(HandoffSenderTest, AnEntryWaitingForItsBackoffHoldsBackItsComplaintToo) {
  outbox_.Accept("c1", kStart);
  transport_.Script(AcceptanceKey("c1"), {Unavailable()});
  ASSERT_THAT(sender_.RunOnce(), IsOk());
  outbox_.AddHandoff("c1", "complaints/c1/second", kStart);

  ASSERT_THAT(sender_.RunOnce(), IsOk());  // c1's first entry is not due yet

  EXPECT_THAT(transport_.keys(), ElementsAre(AcceptanceKey("c1")));
}

TEST_F(HandoffSenderTest, EveryCallHasADeadlineOfNowPlusTheCallTimeout) {
  outbox_.Accept("c1", kStart);
  outbox_.Accept("c2", kStart);
  ASSERT_THAT(sender_.RunOnce(), IsOk());
  for (const TransportCall& call : transport_.calls()) {
    EXPECT_EQ(call.deadline, kStart + absl::Seconds(5)) << call.handoff_key;  // the default
  }

  HandoffSenderOptions options;
  options.call_timeout = absl::Milliseconds(750);
  HandoffSender sender(store_, clock_, transport_, jitter_, options);
  outbox_.Accept("c3", kStart);
  clock_.Advance(absl::Minutes(1));
  ASSERT_THAT(sender.RunOnce(), IsOk());
  EXPECT_EQ(transport_.calls().back().deadline,
            kStart + absl::Minutes(1) + absl::Milliseconds(750));
}

TEST_F(HandoffSenderTest, BacklogCountsPendingEntriesAndTheOldestAndReportsTheLastAttempt) {
  absl::StatusOr<HandoffBacklog> empty = sender_.Backlog();
  ASSERT_THAT(empty, IsOk());
  EXPECT_EQ(empty->pending, 0);
  EXPECT_FALSE(empty->oldest_create_time.has_value());
  EXPECT_FALSE(empty->last_attempt.has_value());

  outbox_.Accept("c1", kStart - absl::Minutes(10));
  outbox_.Accept("c2", kStart - absl::Minutes(5));
  outbox_.Accept("c3", kStart - absl::Minutes(1));
  transport_.Script(AcceptanceKey("c1"), {Unavailable()});
  transport_.Script(AcceptanceKey("c3"), {Unavailable()});
  ASSERT_THAT(sender_.RunOnce(), IsOk());

  clock_.Advance(absl::Seconds(7));
  absl::StatusOr<HandoffBacklog> backlog = sender_.Backlog();
  ASSERT_THAT(backlog, IsOk());
  EXPECT_EQ(backlog->as_of, kStart + absl::Seconds(7));
  EXPECT_EQ(backlog->pending, 2);
  EXPECT_EQ(backlog->oldest_create_time, kStart - absl::Minutes(10));
  EXPECT_EQ(backlog->delivered_total, 1);
  EXPECT_EQ(backlog->last_error, "UNAVAILABLE: investigation is down");
  EXPECT_EQ(backlog->last_attempt, kStart);

  clock_.Advance(absl::Minutes(1));
  ASSERT_THAT(sender_.RunOnce(), IsOk());
  backlog = sender_.Backlog();
  ASSERT_THAT(backlog, IsOk());
  EXPECT_EQ(backlog->pending, 0);
  EXPECT_FALSE(backlog->oldest_create_time.has_value());
  EXPECT_EQ(backlog->delivered_total, 3);
  EXPECT_EQ(backlog->last_error, "");  // the last attempt succeeded
  EXPECT_EQ(backlog->last_attempt, clock_.Now());
}

TEST_F(HandoffSenderTest, AStoreFailureEndsThePassAndTheEntryIsDeliveredAgainLater) {
  outbox_.Accept("c1", kStart);
  store_.FailReads(absl::UnavailableError("database is locked"));
  EXPECT_THAT(sender_.RunOnce(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(sender_.Backlog().status(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(transport_.calls(), IsEmpty());
  store_.FailReads(absl::OkStatus());

  // Delivered, but not recorded: investigation gets it again, and treats it as a retry.
  store_.FailNextWrite(absl::UnavailableError("database is locked"));
  EXPECT_THAT(sender_.RunOnce(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_FALSE(Delivered("c1"));
  ASSERT_THAT(sender_.RunOnce(), IsOk());
  EXPECT_TRUE(Delivered("c1"));
  EXPECT_THAT(transport_.keys(), ElementsAre(AcceptanceKey("c1"), AcceptanceKey("c1")));
}

TEST_F(HandoffSenderTest, EveryKindOfFailureIsRetriedAndALongErrorIsCut) {
  outbox_.Accept("c1", kStart);
  transport_.Script(AcceptanceKey("c1"), {absl::InvalidArgumentError(std::string(5000, 'x'))});
  ASSERT_THAT(sender_.RunOnce(), IsOk());
  EXPECT_FALSE(Delivered("c1"));
  EXPECT_LE(EntryOf("c1").last_error.size(), 1000u);
  clock_.Set(sender_.NextDue());
  ASSERT_THAT(sender_.RunOnce(), IsOk());
  EXPECT_TRUE(Delivered("c1"));
}

TEST(RandomJitterTest, DrawsFromZeroToTheCeiling) {
  RandomJitter jitter;
  absl::Duration smallest = absl::InfiniteDuration();
  absl::Duration largest = absl::ZeroDuration();
  for (int i = 0; i < 2000; ++i) {
    const absl::Duration d = jitter.Draw(absl::Seconds(1));
    smallest = std::min(smallest, d);
    largest = std::max(largest, d);
  }
  EXPECT_GE(smallest, absl::ZeroDuration());
  EXPECT_LE(largest, absl::Seconds(1));
  EXPECT_LT(smallest, absl::Milliseconds(100));  // spread over the whole range
  EXPECT_GT(largest, absl::Milliseconds(900));
  EXPECT_EQ(jitter.Draw(absl::ZeroDuration()), absl::ZeroDuration());
}

}  // namespace
}  // namespace redress::intake::testing
