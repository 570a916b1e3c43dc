// HandoffSender's background thread: it delivers on Start and on Notify, and Stop returns
// promptly whether the thread is waiting for a retry or inside a call. Waits are bounded
// condition waits on what the thread did, never sleeps.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/testing/fake_clock.h"
#include "services/intake/fake_store.h"
#include "services/intake/handoff_sender.h"
#include "services/intake/handoff_sender_test_support.h"

namespace redress::intake::testing {
namespace {

using ::redress::testing::FakeClock;

const absl::Time kStart = absl::FromUnixSeconds(1'772'000'000);
constexpr absl::Duration kPatience = absl::Seconds(20);  // bound on every wait for the thread

// Options under which the thread would sleep for an hour unless woken.
HandoffSenderOptions Sleepy() {
  HandoffSenderOptions options;
  options.initial_backoff = absl::Hours(1);
  options.max_backoff = absl::Hours(1);
  options.idle_poll_interval = absl::Hours(1);
  return options;
}

// A transport whose calls block until cancelled (CancelInFlight) and then fail CANCELLED.
class HangingTransport final : public HandoffTransport {
 public:
  absl::Status Deliver(const AcceptanceHandoff&, absl::Time) override {
    entered_.Notify();
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(&cancelled_), kPatience);
    return absl::CancelledError("cancelled");
  }
  void CancelInFlight() override {
    absl::MutexLock lock(&mu_);
    cancelled_ = true;
  }
  absl::Notification& entered() { return entered_; }

 private:
  absl::Notification entered_;
  absl::Mutex mu_;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
};

class HandoffSenderThreadTest : public ::testing::Test {
 protected:
  HandoffSenderThreadTest() : clock_(kStart), outbox_(store_) {}

  FakeStore store_;
  FakeClock clock_;
  ScriptedTransport transport_;
  FractionJitter jitter_;
  OutboxWriter outbox_;
};

TEST_F(HandoffSenderThreadTest, DeliversWhatIsPendingAtStartAndWhatItIsNotifiedOf) {
  outbox_.Accept("c1", kStart);
  HandoffSender sender(store_, clock_, transport_, jitter_, Sleepy());
  sender.Start();
  ASSERT_TRUE(transport_.AwaitCalls(1, kPatience));

  outbox_.Accept("c2", kStart);
  sender.Notify();
  ASSERT_TRUE(transport_.AwaitCalls(2, kPatience));
  sender.Stop();

  EXPECT_THAT(transport_.keys(), ::testing::ElementsAre(AcceptanceKey("c1"), AcceptanceKey("c2")));
  for (const OutboxEntry& entry : store_.outbox()) EXPECT_TRUE(entry.delivered_time.has_value());
}

TEST_F(HandoffSenderThreadTest, RetriesWhenTheBackoffIsOver) {
  outbox_.Accept("c1", kStart);
  transport_.Script(AcceptanceKey("c1"), {absl::UnavailableError("down")});
  FractionJitter no_wait(0.0);  // full jitter may draw zero: the retry is due at once
  HandoffSender sender(store_, clock_, transport_, no_wait);
  sender.Start();
  ASSERT_TRUE(transport_.AwaitCalls(2, kPatience));
  sender.Stop();
  EXPECT_TRUE(store_.outbox()[0].delivered_time.has_value());
}

TEST_F(HandoffSenderThreadTest, StopReturnsPromptlyWhileWaitingForARetry) {
  outbox_.Accept("c1", kStart);
  transport_.Script(AcceptanceKey("c1"), {absl::UnavailableError("down")});
  HandoffSender sender(store_, clock_, transport_, jitter_, Sleepy());
  sender.Start();
  ASSERT_TRUE(transport_.AwaitCalls(1, kPatience));  // failed; the retry is an hour away

  const absl::Time before = absl::Now();
  sender.Stop();
  EXPECT_LT(absl::Now() - before, absl::Seconds(5));
  EXPECT_EQ(transport_.calls().size(), 1u);
  sender.Stop();  // idempotent
}

TEST_F(HandoffSenderThreadTest, StopCancelsACallInFlight) {
  outbox_.Accept("c1", kStart);
  HangingTransport hanging;
  HandoffSender sender(store_, clock_, hanging, jitter_, Sleepy());
  sender.Start();
  ASSERT_TRUE(hanging.entered().WaitForNotificationWithTimeout(kPatience));

  const absl::Time before = absl::Now();
  sender.Stop();
  EXPECT_LT(absl::Now() - before, absl::Seconds(5));
  EXPECT_FALSE(store_.outbox()[0].delivered_time.has_value());  // retried after a restart
}

TEST_F(HandoffSenderThreadTest, DestroyingAStartedSenderStopsIt) {
  outbox_.Accept("c1", kStart);
  {
    HandoffSender sender(store_, clock_, transport_, jitter_, Sleepy());
    sender.Start();
    ASSERT_TRUE(transport_.AwaitCalls(1, kPatience));
  }
  EXPECT_EQ(transport_.calls().size(), 1u);
}

}  // namespace
}  // namespace redress::intake::testing
