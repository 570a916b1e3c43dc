// OutboxSender's delivery rules, one pass at a time (RunOnce) on a FakeOutbox, a fake clock, a
// scripted transport and a recording jitter source: order, acknowledgement, backoff, order per
// order key, deadlines, recorded attempts and the backlog. No threads, no sleeps.
#include "common/outbox_sender.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/testing/fake_clock.h"
#include "common/testing/outbox_fakes.h"
#include "common/testing/status_matchers.h"

namespace redress::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const absl::Time kStart = absl::FromUnixSeconds(1'772'000'000);

absl::Status Unavailable() { return absl::UnavailableError("the receiver is down"); }

// The hand-off key of complaint `c`'s acceptance, which the tests use as their typical record.
std::string AcceptanceKey(const std::string& c) { return "complaints/" + c + "/acceptance"; }

class OutboxSenderTest : public ::testing::Test {
 protected:
  OutboxSenderTest() : clock_(kStart), sender_(outbox_, clock_, transport_, jitter_) {}

  // Records complaint `c`'s acceptance, ordered by complaint, created at `when`.
  void Accept(const std::string& c, absl::Time when) { outbox_.Add(AcceptanceKey(c), c, when); }
  // The outbox entry of `c`'s acceptance.
  FakeOutbox::Entry EntryOf(const std::string& c) {
    FakeOutbox::Entry entry = outbox_.Get(AcceptanceKey(c));
    if (entry.record.id == 0) ADD_FAILURE() << "no outbox entry for " << c;
    return entry;
  }
  bool Delivered(const std::string& c) { return EntryOf(c).delivered_time.has_value(); }

  FakeOutbox outbox_;
  FakeClock clock_;
  ScriptedTransport transport_;
  FractionJitter jitter_;
  OutboxSender sender_;
};

TEST_F(OutboxSenderTest, DeliversPendingEntriesInOutboxOrderAndMarksThemDelivered) {
  Accept("c2", kStart - absl::Minutes(3));
  Accept("c1", kStart - absl::Minutes(2));
  Accept("c3", kStart - absl::Minutes(1));

  ASSERT_THAT(sender_.RunOnce(), IsOk());

  EXPECT_THAT(transport_.keys(),
              ElementsAre(AcceptanceKey("c2"), AcceptanceKey("c1"), AcceptanceKey("c3")));
  for (const FakeOutbox::Entry& entry : outbox_.entries()) {
    EXPECT_EQ(entry.delivered_time, kStart) << entry.record.handoff_key;
    EXPECT_EQ(entry.record.attempts, 1);
  }
  ASSERT_THAT(sender_.RunOnce(), IsOk());  // nothing left: no second delivery
  EXPECT_EQ(transport_.calls().size(), 3u);
  EXPECT_EQ(sender_.NextDue(), absl::InfiniteFuture());
}

TEST_F(OutboxSenderTest, DeliversOnlyWhatItClaimedAndCountsTheWholeBacklog) {
  Accept("c1", kStart - absl::Minutes(2));
  Accept("c2", kStart - absl::Minutes(1));
  outbox_.SetClaimable({"c2"});  // another replica holds c1's claim

  ASSERT_THAT(sender_.RunOnce(), IsOk());

  EXPECT_THAT(transport_.keys(), ElementsAre(AcceptanceKey("c2")));
  EXPECT_FALSE(Delivered("c1"));
  auto backlog = sender_.Backlog();
  ASSERT_THAT(backlog, IsOk());
  EXPECT_EQ(backlog->pending, 1);  // c1, read without claiming
}

TEST_F(OutboxSenderTest, TheTransportGetsTheRecordWithItsPayload) {
  Accept("c1", kStart - absl::Minutes(1));
  ASSERT_THAT(sender_.RunOnce(), IsOk());
  ASSERT_EQ(transport_.records().size(), 1u);
  const OutboxRecord sent = transport_.records()[0];
  EXPECT_EQ(sent.handoff_key, AcceptanceKey("c1"));
  EXPECT_EQ(sent.order_key, "c1");
  EXPECT_EQ(sent.create_time, kStart - absl::Minutes(1));
  ASSERT_NE(PayloadAs<std::string>(sent), nullptr);  // FakeOutbox's payload: the key
  EXPECT_EQ(*PayloadAs<std::string>(sent), AcceptanceKey("c1"));
  EXPECT_EQ(PayloadAs<int>(sent), nullptr);  // another type is not there
}

TEST_F(OutboxSenderTest, AlreadyExistsMeansInvestigationHasItAndCountsAsDelivered) {
  Accept("c1", kStart);
  transport_.Script(AcceptanceKey("c1"), {absl::AlreadyExistsError("investigations/x")});

  ASSERT_THAT(sender_.RunOnce(), IsOk());

  EXPECT_TRUE(Delivered("c1"));
  absl::StatusOr<OutboxBacklog> backlog = sender_.Backlog();
  ASSERT_THAT(backlog, IsOk());
  EXPECT_EQ(backlog->pending, 0);
  EXPECT_EQ(backlog->delivered_total, 1);
  EXPECT_EQ(backlog->last_error, "");
}

TEST_F(OutboxSenderTest, UnavailableIsRetriedWithExponentialBackoffCappedAtThirtySeconds) {
  Accept("c1", kStart);
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

  ASSERT_THAT(sender_.RunOnce(), IsOk());  // the script is over: the receiver answers OK
  EXPECT_TRUE(Delivered("c1"));
  EXPECT_EQ(EntryOf("c1").record.attempts, 11);
  EXPECT_EQ(sender_.NextDue(), absl::InfiniteFuture());
}

TEST_F(OutboxSenderTest, FullJitterMayRetryAtOnce) {
  FractionJitter no_wait(0.0);
  OutboxSender sender(outbox_, clock_, transport_, no_wait);
  Accept("c1", kStart);
  transport_.Script(AcceptanceKey("c1"), {Unavailable()});

  ASSERT_THAT(sender.RunOnce(), IsOk());
  EXPECT_EQ(sender.NextDue(), clock_.Now());
  ASSERT_THAT(sender.RunOnce(), IsOk());
  EXPECT_TRUE(Delivered("c1"));
}

TEST_F(OutboxSenderTest, FailedAttemptsAreRecordedInTheStore) {
  Accept("c1", kStart);
  transport_.Script(AcceptanceKey("c1"),
                    {Unavailable(), absl::DeadlineExceededError("no answer in time")});
  ASSERT_THAT(sender_.RunOnce(), IsOk());
  EXPECT_EQ(EntryOf("c1").record.attempts, 1);
  EXPECT_EQ(EntryOf("c1").last_attempt_time, kStart);
  EXPECT_EQ(EntryOf("c1").last_error, "UNAVAILABLE: the receiver is down");

  clock_.Set(sender_.NextDue());
  const absl::Time second = clock_.Now();
  ASSERT_THAT(sender_.RunOnce(), IsOk());
  FakeOutbox::Entry entry = EntryOf("c1");
  EXPECT_EQ(entry.record.attempts, 2);
  EXPECT_EQ(entry.last_attempt_time, second);
  EXPECT_EQ(entry.last_error, "DEADLINE_EXCEEDED: no answer in time");
  EXPECT_FALSE(entry.delivered_time.has_value());
}

TEST_F(OutboxSenderTest, AFailedRecordHoldsBackLaterRecordsOfItsOrderKeyOnly) {
  Accept("c1", kStart);
  Accept("c2", kStart);
  outbox_.Add("complaints/c1/second", "c1", kStart);
  Accept("c3", kStart);
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
  for (const FakeOutbox::Entry& entry : outbox_.entries()) {
    EXPECT_TRUE(entry.delivered_time.has_value()) << entry.record.handoff_key;
  }
}

TEST_F(OutboxSenderTest, ARecordWaitingForItsBackoffHoldsBackItsOrderKeyToo) {
  Accept("c1", kStart);
  transport_.Script(AcceptanceKey("c1"), {Unavailable()});
  ASSERT_THAT(sender_.RunOnce(), IsOk());
  outbox_.Add("complaints/c1/second", "c1", kStart);

  ASSERT_THAT(sender_.RunOnce(), IsOk());  // c1's first record is not due yet

  EXPECT_THAT(transport_.keys(), ElementsAre(AcceptanceKey("c1")));
}

TEST_F(OutboxSenderTest, EveryCallHasADeadlineOfNowPlusTheCallTimeout) {
  Accept("c1", kStart);
  Accept("c2", kStart);
  ASSERT_THAT(sender_.RunOnce(), IsOk());
  for (const TransportCall& call : transport_.calls()) {
    EXPECT_EQ(call.deadline, kStart + absl::Seconds(5)) << call.handoff_key;  // the default
  }

  OutboxSenderOptions options;
  options.call_timeout = absl::Milliseconds(750);
  OutboxSender sender(outbox_, clock_, transport_, jitter_, options);
  Accept("c3", kStart);
  clock_.Advance(absl::Minutes(1));
  ASSERT_THAT(sender.RunOnce(), IsOk());
  EXPECT_EQ(transport_.calls().back().deadline,
            kStart + absl::Minutes(1) + absl::Milliseconds(750));
}

TEST_F(OutboxSenderTest, BacklogCountsPendingEntriesAndTheOldestAndReportsTheLastAttempt) {
  absl::StatusOr<OutboxBacklog> empty = sender_.Backlog();
  ASSERT_THAT(empty, IsOk());
  EXPECT_EQ(empty->pending, 0);
  EXPECT_FALSE(empty->oldest_create_time.has_value());
  EXPECT_FALSE(empty->last_attempt.has_value());

  Accept("c1", kStart - absl::Minutes(10));
  Accept("c2", kStart - absl::Minutes(5));
  Accept("c3", kStart - absl::Minutes(1));
  transport_.Script(AcceptanceKey("c1"), {Unavailable()});
  transport_.Script(AcceptanceKey("c3"), {Unavailable()});
  ASSERT_THAT(sender_.RunOnce(), IsOk());

  clock_.Advance(absl::Seconds(7));
  absl::StatusOr<OutboxBacklog> backlog = sender_.Backlog();
  ASSERT_THAT(backlog, IsOk());
  EXPECT_EQ(backlog->as_of, kStart + absl::Seconds(7));
  EXPECT_EQ(backlog->pending, 2);
  EXPECT_EQ(backlog->oldest_create_time, kStart - absl::Minutes(10));
  EXPECT_EQ(backlog->delivered_total, 1);
  EXPECT_EQ(backlog->last_error, "UNAVAILABLE: the receiver is down");
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

TEST_F(OutboxSenderTest, ASourceFailureEndsThePassAndTheRecordIsDeliveredAgainLater) {
  Accept("c1", kStart);
  outbox_.FailReads(absl::UnavailableError("database is locked"));
  EXPECT_THAT(sender_.RunOnce(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(sender_.Backlog().status(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(transport_.calls(), IsEmpty());
  outbox_.FailReads(absl::OkStatus());

  // Delivered, but not recorded: the receiver gets it again, and treats it as a retry.
  outbox_.FailNextWrite(absl::UnavailableError("database is locked"));
  EXPECT_THAT(sender_.RunOnce(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_FALSE(Delivered("c1"));
  ASSERT_THAT(sender_.RunOnce(), IsOk());
  EXPECT_TRUE(Delivered("c1"));
  EXPECT_THAT(transport_.keys(), ElementsAre(AcceptanceKey("c1"), AcceptanceKey("c1")));
}

// How many lines of stderr `output` has that contain `text`.
int LinesWith(const std::string& output, const std::string& text) {
  int count = 0;
  for (size_t at = output.find(text); at != std::string::npos; at = output.find(text, at + 1)) {
    ++count;
  }
  return count;
}

TEST_F(OutboxSenderTest, PassesFailingOnTheSourceBackOffExponentiallyUpToTheCapWithBoundedLogs) {
  Accept("c1", kStart);
  outbox_.FailReads(absl::UnavailableError("database or disk is full"));
  std::vector<absl::Duration> waits;
  ::testing::internal::CaptureStderr();
  for (int i = 0; i < 8; ++i) {
    EXPECT_THAT(sender_.RunOnce(), StatusIs(absl::StatusCode::kUnavailable));
    waits.push_back(sender_.NextDue() - clock_.Now());
    clock_.Set(sender_.NextDue());
  }
  const std::string failing = ::testing::internal::GetCapturedStderr();
  // The jitter draws all of its half: each wait is the ceiling, 1 s doubling to the 30 s cap.
  EXPECT_THAT(waits, ElementsAre(absl::Seconds(1), absl::Seconds(2), absl::Seconds(4),
                                 absl::Seconds(8), absl::Seconds(16), absl::Seconds(30),
                                 absl::Seconds(30), absl::Seconds(30)));
  EXPECT_THAT(
      jitter_.ceilings(),
      ElementsAre(absl::Milliseconds(500), absl::Seconds(1), absl::Seconds(2), absl::Seconds(4),
                  absl::Seconds(8), absl::Seconds(15), absl::Seconds(15), absl::Seconds(15)));
  // Eight failed passes, four lines: the 1st, 2nd, 4th and 8th.
  EXPECT_EQ(LinesWith(failing, "handoff pass failed"), 4) << failing;
  EXPECT_THAT(transport_.calls(), IsEmpty());

  outbox_.FailReads(absl::OkStatus());
  ::testing::internal::CaptureStderr();
  ASSERT_THAT(sender_.RunOnce(), IsOk());
  ASSERT_THAT(sender_.RunOnce(), IsOk());
  const std::string recovered = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(LinesWith(recovered, "handoff passes succeed again"), 1) << recovered;
  EXPECT_TRUE(Delivered("c1"));

  // A later failure starts from the first step again.
  outbox_.FailReads(absl::UnavailableError("database or disk is full"));
  EXPECT_THAT(sender_.RunOnce(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(sender_.NextDue() - clock_.Now(), absl::Seconds(1));
}

TEST_F(OutboxSenderTest, APassFailingOnTheSourceWaitsAtLeastHalfItsBackoff) {
  FractionJitter no_jitter(0.0);
  OutboxSender sender(outbox_, clock_, transport_, no_jitter);
  outbox_.FailReads(absl::UnavailableError("disk I/O error"));
  std::vector<absl::Duration> waits;
  for (int i = 0; i < 3; ++i) {
    EXPECT_THAT(sender.RunOnce(), StatusIs(absl::StatusCode::kUnavailable));
    waits.push_back(sender.NextDue() - clock_.Now());
  }
  EXPECT_THAT(waits, ElementsAre(absl::Milliseconds(500), absl::Seconds(1), absl::Seconds(2)));
}

TEST_F(OutboxSenderTest, AFailureThatIsNotPermanentIsRetriedAndALongErrorIsCut) {
  Accept("c1", kStart);
  transport_.Script(AcceptanceKey("c1"), {absl::InternalError(std::string(5000, 'x'))});
  ASSERT_THAT(sender_.RunOnce(), IsOk());
  EXPECT_FALSE(Delivered("c1"));
  EXPECT_LE(EntryOf("c1").last_error.size(), 1000u);
  clock_.Set(sender_.NextDue());
  ASSERT_THAT(sender_.RunOnce(), IsOk());
  EXPECT_TRUE(Delivered("c1"));
}

TEST_F(OutboxSenderTest, ALongErrorIsCutAtACharacterBoundary) {
  Accept("c1", kStart);
  std::string accents;
  for (int i = 0; i < 600; ++i) accents += "\xC3\xA9";  // é, two bytes each
  transport_.Script(AcceptanceKey("c1"), {absl::UnavailableError(accents)});
  ASSERT_THAT(sender_.RunOnce(), IsOk());
  const std::string error = EntryOf("c1").last_error;
  // "UNAVAILABLE: " is 13 bytes; 493 whole characters fit in 1000 bytes, the 494th would not.
  EXPECT_EQ(error.size(), 13u + 2 * 493);
  EXPECT_EQ(error.substr(0, 13), "UNAVAILABLE: ");
  EXPECT_EQ(error.substr(error.size() - 2), "\xC3\xA9");
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
}  // namespace redress::testing
