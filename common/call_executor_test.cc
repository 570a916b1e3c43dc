#include "common/call_executor.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"

namespace redress {
namespace {

// Submits a task that blocks until `release` is notified; counts it in `started` once running.
bool SubmitBlocker(CallExecutor& executor, absl::Notification& release, std::atomic<int>& started) {
  return executor.TrySubmit([&release, &started] {
    ++started;
    release.WaitForNotification();
  });
}

void WaitFor(const std::function<bool()>& condition) {
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  while (!condition() && absl::Now() < give_up) absl::SleepFor(absl::Milliseconds(1));
  ASSERT_TRUE(condition());
}

TEST(CallExecutorTest, RunsEverySubmittedTask) {
  CallExecutor executor(CallExecutorOptions{4, 1000});
  std::atomic<int> done{0};
  for (int i = 0; i < 500; ++i) ASSERT_TRUE(executor.TrySubmit([&done] { ++done; }));
  WaitFor([&] { return done.load() == 500; });
  EXPECT_EQ(executor.load().refused, 0);
}

TEST(CallExecutorTest, RunsAtMostThreadsAtOnceAndQueuesTheRest) {
  CallExecutor executor(CallExecutorOptions{2, 10});
  absl::Notification release;
  std::atomic<int> started{0};
  ASSERT_TRUE(SubmitBlocker(executor, release, started));
  ASSERT_TRUE(SubmitBlocker(executor, release, started));
  WaitFor([&] { return started.load() == 2; });
  std::vector<int> order;
  absl::Mutex order_mu;
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(executor.TrySubmit([i, &order, &order_mu] {
      absl::MutexLock lock(&order_mu);
      order.push_back(i);
    }));
  }
  absl::SleepFor(absl::Milliseconds(20));
  EXPECT_EQ(started.load(), 2);
  CallExecutor::Load load = executor.load();
  EXPECT_EQ(load.running, 2);
  EXPECT_EQ(load.queued, 10);
  release.Notify();
  WaitFor([&] {
    absl::MutexLock lock(&order_mu);
    return order.size() == 10;
  });
}

TEST(CallExecutorTest, OneThreadRunsQueuedTasksInOrderOfSubmission) {
  CallExecutor executor(CallExecutorOptions{1, 100});
  absl::Notification release;
  std::atomic<int> started{0};
  ASSERT_TRUE(SubmitBlocker(executor, release, started));
  WaitFor([&] { return started.load() == 1; });
  std::vector<int> order;  // written by the one thread only
  std::atomic<int> done{0};
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(executor.TrySubmit([i, &order, &done] {
      order.push_back(i);
      ++done;
    }));
  }
  release.Notify();
  WaitFor([&] { return done.load() == 50; });
  for (int i = 0; i < 50; ++i) EXPECT_EQ(order[i], i);
}

TEST(CallExecutorTest, RefusesOnlyPastThreadsPlusQueue) {
  CallExecutor executor(CallExecutorOptions{2, 3});
  absl::Notification release;
  std::atomic<int> started{0};
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(SubmitBlocker(executor, release, started)) << i;
  EXPECT_FALSE(SubmitBlocker(executor, release, started));
  EXPECT_FALSE(SubmitBlocker(executor, release, started));
  EXPECT_EQ(executor.load().refused, 2);
  release.Notify();
  WaitFor([&] { return started.load() == 5; });
  WaitFor([&] { return executor.load().running == 0; });
  // Room again once the queue has drained.
  std::atomic<int> done{0};
  EXPECT_TRUE(executor.TrySubmit([&done] { ++done; }));
  WaitFor([&] { return done.load() == 1; });
}

TEST(CallExecutorTest, ZeroQueueTakesOnlyWhatTheThreadsCanRunNow) {
  CallExecutor executor(CallExecutorOptions{1, 0});
  absl::Notification release;
  std::atomic<int> started{0};
  ASSERT_TRUE(SubmitBlocker(executor, release, started));
  EXPECT_FALSE(SubmitBlocker(executor, release, started));
  release.Notify();
}

TEST(CallExecutorTest, RefusedTaskIsDestroyedWithoutRunning) {
  CallExecutor executor(CallExecutorOptions{1, 0});
  absl::Notification release;
  std::atomic<int> started{0};
  ASSERT_TRUE(SubmitBlocker(executor, release, started));
  auto owned = std::make_shared<int>(7);
  std::weak_ptr<int> watch = owned;
  bool ran = false;
  EXPECT_FALSE(executor.TrySubmit([owned = std::move(owned), &ran] { ran = *owned == 7; }));
  EXPECT_TRUE(watch.expired());
  EXPECT_FALSE(ran);
  release.Notify();
}

TEST(CallExecutorTest, DestructorRunsWhatIsQueuedThenJoins) {
  std::atomic<int> done{0};
  {
    CallExecutor executor(CallExecutorOptions{1, 100});
    for (int i = 0; i < 50; ++i) {
      ASSERT_TRUE(executor.TrySubmit([&done] {
        absl::SleepFor(absl::Microseconds(100));
        ++done;
      }));
    }
  }
  EXPECT_EQ(done.load(), 50);
}

}  // namespace
}  // namespace redress
