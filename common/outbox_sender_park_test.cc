// OutboxSender's parking (docs/reliability.md), one pass at a time on a FakeOutbox: a permanent
// refusal parks after one attempt, a delay never parks, other failures park at the attempt
// limit, an undecodable payload parks without an attempt; a parked record holds back its order
// key only, and a re-driven one is delivered in its place.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "common/outbox_sender.h"
#include "common/testing/fake_clock.h"
#include "common/testing/outbox_fakes.h"
#include "common/testing/status_matchers.h"

namespace redress::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const absl::Time kStart = absl::FromUnixSeconds(1'772'000'000);

OutboxSenderOptions WithMaxAttempts(int max_attempts, int batch_size = 1000) {
  OutboxSenderOptions options;
  options.max_attempts = max_attempts;
  options.batch_size = batch_size;
  return options;
}

class OutboxSenderParkTest : public ::testing::Test {
 protected:
  explicit OutboxSenderParkTest(OutboxSenderOptions options = WithMaxAttempts(3))
      : clock_(kStart), sender_(outbox_, clock_, transport_, jitter_, options) {}

  // Records hand-off `key` of case `order_key`.
  int64_t Add(const std::string& key, const std::string& order_key) {
    return outbox_.Add(key, order_key, kStart);
  }
  FakeOutbox::Entry Entry(const std::string& key) { return outbox_.Get(key); }
  bool Delivered(const std::string& key) { return Entry(key).delivered_time.has_value(); }
  // Runs passes until nothing is due, moving the clock to each retry; at most `passes`.
  void RunUntilIdle(int passes = 200) {
    for (int i = 0; i < passes; ++i) {
      ASSERT_THAT(sender_.RunOnce(), IsOk());
      if (sender_.NextDue() == absl::InfiniteFuture()) return;
      clock_.Set(std::max(clock_.Now(), sender_.NextDue()));
    }
  }

  FakeOutbox outbox_;
  FakeClock clock_;
  ScriptedTransport transport_;
  FractionJitter jitter_;
  OutboxSender sender_;
};

TEST_F(OutboxSenderParkTest, APermanentRefusalParksAfterOneAttemptAndIsNotRetried) {
  Add("d1", "case1");
  transport_.Script("d1", {absl::InvalidArgumentError("request_id was already used")});

  RunUntilIdle();

  const FakeOutbox::Entry parked = Entry("d1");
  EXPECT_TRUE(parked.parking.parked());
  EXPECT_EQ(parked.parking.park_time, kStart);
  EXPECT_EQ(parked.parking.park_reason, ParkReason::kRefused);
  EXPECT_EQ(parked.record.attempts, 1);
  EXPECT_THAT(parked.last_error, HasSubstr("INVALID_ARGUMENT: request_id was already used"));
  EXPECT_THAT(transport_.keys(), ElementsAre("d1"));
  EXPECT_EQ(sender_.NextDue(), absl::InfiniteFuture());
}

TEST_F(OutboxSenderParkTest, AParkedRecordHoldsBackItsCaseOnly) {
  Add("case1/decision", "case1");
  Add("case2/decision", "case2");
  Add("case1/reopening", "case1");
  Add("case3/decision", "case3");
  transport_.Script("case1/decision", {absl::FailedPreconditionError("refused")});

  RunUntilIdle();

  EXPECT_TRUE(Entry("case1/decision").parking.parked());
  EXPECT_TRUE(Delivered("case2/decision"));
  EXPECT_TRUE(Delivered("case3/decision"));
  // The reopening would overtake its decision: it waits, unparked and unsent.
  EXPECT_FALSE(Delivered("case1/reopening"));
  EXPECT_FALSE(Entry("case1/reopening").parking.parked());
  EXPECT_THAT(transport_.keys(), ElementsAre("case1/decision", "case2/decision", "case3/decision"));
}

TEST_F(OutboxSenderParkTest, ARedrivenRecordIsDeliveredBeforeTheRestOfItsCase) {
  const int64_t decision = Add("case1/decision", "case1");
  Add("case1/reopening", "case1");
  transport_.Script("case1/decision", {absl::InvalidArgumentError("bad")});
  RunUntilIdle();
  ASSERT_TRUE(Entry("case1/decision").parking.parked());

  outbox_.Redrive(decision);  // the fault was fixed at the receiver
  RunUntilIdle();

  EXPECT_TRUE(Delivered("case1/decision"));
  EXPECT_TRUE(Delivered("case1/reopening"));
  EXPECT_THAT(transport_.keys(),
              ElementsAre("case1/decision", "case1/decision", "case1/reopening"));
}

TEST_F(OutboxSenderParkTest, AnUnreachableReceiverIsRetriedForEver) {
  Add("d1", "case1");
  transport_.Script("d1", std::vector<absl::Status>(100, absl::UnavailableError("down")));

  RunUntilIdle(/*passes=*/101);

  EXPECT_TRUE(Delivered("d1"));
  EXPECT_FALSE(Entry("d1").parking.park_time.has_value());
  EXPECT_EQ(Entry("d1").record.attempts, 101);
}

TEST_F(OutboxSenderParkTest, OtherFailuresParkAtTheAttemptLimit) {
  Add("d1", "case1");
  transport_.Script("d1", std::vector<absl::Status>(10, absl::PermissionDeniedError("no")));

  RunUntilIdle();

  const FakeOutbox::Entry parked = Entry("d1");
  EXPECT_TRUE(parked.parking.parked());
  EXPECT_EQ(parked.parking.park_reason, ParkReason::kAttemptsExhausted);
  EXPECT_EQ(parked.record.attempts, 3);  // WithMaxAttempts(3)
  EXPECT_EQ(transport_.calls().size(), 3u);
}

TEST_F(OutboxSenderParkTest, DelaysBetweenAnsweredFailuresDoNotCountTowardsTheLimit) {
  Add("d1", "case1");
  transport_.Script("d1", {absl::InternalError("1"), absl::UnavailableError("down"),
                           absl::UnavailableError("down"), absl::InternalError("2"),
                           absl::UnavailableError("down")});

  RunUntilIdle();

  EXPECT_TRUE(Delivered("d1"));  // two answered failures, under the limit of 3
}

TEST_F(OutboxSenderParkTest, AnUndecodablePayloadParksWithoutAnAttemptAndOthersStillGo) {
  Add("d1", "case1");
  Add("d2", "case2");
  Add("d3", "case1");
  outbox_.CorruptPayload("d1", absl::InternalError("payload does not parse"));

  RunUntilIdle();

  const FakeOutbox::Entry parked = Entry("d1");
  EXPECT_TRUE(parked.parking.parked());
  EXPECT_EQ(parked.parking.park_reason, ParkReason::kUndecodable);
  EXPECT_EQ(parked.record.attempts, 0);
  EXPECT_THAT(parked.last_error, HasSubstr("payload does not parse"));
  EXPECT_TRUE(Delivered("d2"));
  EXPECT_FALSE(Delivered("d3"));  // held behind d1, its case's earlier hand-off
  EXPECT_THAT(transport_.keys(), ElementsAre("d2"));
}

TEST_F(OutboxSenderParkTest, TheBacklogCountsParkedRecordsApart) {
  Add("d1", "case1");
  Add("d2", "case1");
  Add("d3", "case2");
  transport_.Script("d1", {absl::NotFoundError("no such complaint")});
  transport_.Script("d3", {absl::UnavailableError("down")});

  ASSERT_THAT(sender_.RunOnce(), IsOk());

  absl::StatusOr<OutboxBacklog> backlog = sender_.Backlog();
  ASSERT_THAT(backlog, IsOk());
  EXPECT_EQ(backlog->parked, 1);   // d1
  EXPECT_EQ(backlog->pending, 2);  // d2, held, and d3, to be retried
}

TEST_F(OutboxSenderParkTest, AFailureToParkFailsThePassAndTheNextPassParks) {
  Add("d1", "case1");
  outbox_.CorruptPayload("d1", absl::InternalError("payload does not parse"));
  outbox_.FailNextWrite(absl::UnavailableError("database is locked"));

  EXPECT_THAT(sender_.RunOnce(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_FALSE(Entry("d1").parking.parked());
  ASSERT_THAT(sender_.RunOnce(), IsOk());
  EXPECT_TRUE(Entry("d1").parking.parked());
}

// A sender reading 3 records a pass, behind more parked records than that.
class OutboxSenderStarvationTest : public OutboxSenderParkTest {
 protected:
  OutboxSenderStarvationTest() : OutboxSenderParkTest(WithMaxAttempts(3, /*batch_size=*/3)) {}
};

TEST_F(OutboxSenderStarvationTest, ParkedRecordsDoNotStarveLaterCases) {
  for (int i = 0; i < 10; ++i) {
    const std::string key = "bad" + std::to_string(i);
    Add(key, key);
    transport_.Script(key, {absl::InvalidArgumentError("refused")});
  }
  Add("good", "good");

  RunUntilIdle();

  EXPECT_TRUE(Delivered("good"));
  absl::StatusOr<OutboxBacklog> backlog = sender_.Backlog();
  ASSERT_THAT(backlog, IsOk());
  EXPECT_EQ(backlog->parked, 10);
  EXPECT_EQ(backlog->pending, 0);
}

}  // namespace
}  // namespace redress::testing
