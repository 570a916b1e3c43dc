// OutboxSender's background thread: it delivers on Start and on Notify, and Stop returns
// promptly whether the thread is waiting for a retry or inside a call. Waits are bounded
// condition waits on what the thread did, never sleeps.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/outbox_sender.h"
#include "common/testing/fake_clock.h"
#include "common/testing/outbox_fakes.h"

namespace redress::testing {
namespace {

const absl::Time kStart = absl::FromUnixSeconds(1'772'000'000);
constexpr absl::Duration kPatience = absl::Seconds(20);  // bound on every wait for the thread

// Options under which the thread would sleep for an hour unless woken.
OutboxSenderOptions Sleepy() {
  OutboxSenderOptions options;
  options.initial_backoff = absl::Hours(1);
  options.max_backoff = absl::Hours(1);
  options.idle_poll_interval = absl::Hours(1);
  return options;
}

// A transport whose calls block until cancelled (CancelInFlight) and then fail CANCELLED.
class HangingTransport final : public OutboxTransport {
 public:
  absl::Status Deliver(const OutboxRecord&, absl::Time) override {
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

std::string AcceptanceKey(const std::string& c) { return "complaints/" + c + "/acceptance"; }

class OutboxSenderThreadTest : public ::testing::Test {
 protected:
  OutboxSenderThreadTest() : clock_(kStart) {}

  void Accept(const std::string& c) { outbox_.Add(AcceptanceKey(c), c, kStart); }
  bool Delivered(const std::string& c) {
    return outbox_.Get(AcceptanceKey(c)).delivered_time.has_value();
  }

  FakeOutbox outbox_;
  FakeClock clock_;
  ScriptedTransport transport_;
  FractionJitter jitter_;
};

TEST_F(OutboxSenderThreadTest, DeliversWhatIsPendingAtStartAndWhatItIsNotifiedOf) {
  Accept("c1");
  OutboxSender sender(outbox_, clock_, transport_, jitter_, Sleepy());
  sender.Start();
  ASSERT_TRUE(transport_.AwaitCalls(1, kPatience));

  Accept("c2");
  sender.Notify();
  ASSERT_TRUE(transport_.AwaitCalls(2, kPatience));
  sender.Stop();

  EXPECT_THAT(transport_.keys(), ::testing::ElementsAre(AcceptanceKey("c1"), AcceptanceKey("c2")));
  EXPECT_TRUE(Delivered("c1"));
  EXPECT_TRUE(Delivered("c2"));
}

TEST_F(OutboxSenderThreadTest, RetriesWhenTheBackoffIsOver) {
  Accept("c1");
  transport_.Script(AcceptanceKey("c1"), {absl::UnavailableError("down")});
  FractionJitter no_wait(0.0);  // full jitter may draw zero: the retry is due at once
  OutboxSender sender(outbox_, clock_, transport_, no_wait);
  sender.Start();
  ASSERT_TRUE(transport_.AwaitCalls(2, kPatience));
  sender.Stop();
  EXPECT_TRUE(Delivered("c1"));
}

TEST_F(OutboxSenderThreadTest, StopReturnsPromptlyWhileWaitingForARetry) {
  Accept("c1");
  transport_.Script(AcceptanceKey("c1"), {absl::UnavailableError("down")});
  OutboxSender sender(outbox_, clock_, transport_, jitter_, Sleepy());
  sender.Start();
  ASSERT_TRUE(transport_.AwaitCalls(1, kPatience));  // failed; the retry is an hour away

  const absl::Time before = absl::Now();
  sender.Stop();
  EXPECT_LT(absl::Now() - before, absl::Seconds(5));
  EXPECT_EQ(transport_.calls().size(), 1u);
  sender.Stop();  // idempotent
}

TEST_F(OutboxSenderThreadTest, StopCancelsACallInFlight) {
  Accept("c1");
  HangingTransport hanging;
  OutboxSender sender(outbox_, clock_, hanging, jitter_, Sleepy());
  sender.Start();
  ASSERT_TRUE(hanging.entered().WaitForNotificationWithTimeout(kPatience));

  const absl::Time before = absl::Now();
  sender.Stop();
  EXPECT_LT(absl::Now() - before, absl::Seconds(5));
  EXPECT_FALSE(Delivered("c1"));  // retried after a restart
}

TEST_F(OutboxSenderThreadTest, DestroyingAStartedSenderStopsIt) {
  Accept("c1");
  {
    OutboxSender sender(outbox_, clock_, transport_, jitter_, Sleepy());
    sender.Start();
    ASSERT_TRUE(transport_.AwaitCalls(1, kPatience));
  }
  EXPECT_EQ(transport_.calls().size(), 1u);
}

}  // namespace
}  // namespace redress::testing
