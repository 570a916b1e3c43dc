// Tests of the follow-up scheduler's thread: a pass at start, then one per interval, a failed
// pass retried, and a prompt stop with no pass after it. Real threads and time: each wait is
// bounded and asserts what the thread did, never how long it took to do it.
#include "services/remedy/follow_up_scheduler.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/trace_context.h"

namespace redress::remedy {
namespace {

// A pass that counts its calls and answers `answer`.
class CountingPass {
 public:
  absl::StatusOr<int> operator()() {
    absl::MutexLock lock(&mu_);
    ++calls_;
    return answer_;
  }
  // Waits until at least `n` calls were made, for at most `timeout`; returns the count.
  int WaitForCalls(int n, absl::Duration timeout) {
    absl::MutexLock lock(&mu_);
    auto reached = [this, n]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return calls_ >= n; };
    mu_.AwaitWithTimeout(absl::Condition(&reached), timeout);
    return calls_;
  }
  int calls() {
    absl::MutexLock lock(&mu_);
    return calls_;
  }
  void set_answer(absl::StatusOr<int> answer) {
    absl::MutexLock lock(&mu_);
    answer_ = std::move(answer);
  }

 private:
  absl::Mutex mu_;
  int calls_ ABSL_GUARDED_BY(mu_) = 0;
  absl::StatusOr<int> answer_ ABSL_GUARDED_BY(mu_) = 0;
};

TEST(FollowUpSchedulerTest, RunsAPassAtStartAndThenEveryInterval) {
  CountingPass pass;
  FollowUpScheduler scheduler([&pass] { return pass(); }, absl::Milliseconds(10));
  EXPECT_EQ(pass.calls(), 0);  // nothing before Start
  scheduler.Start();
  EXPECT_GE(pass.WaitForCalls(3, absl::Seconds(30)), 3);
  scheduler.Stop();
  EXPECT_GE(scheduler.passes(), 3);
}

TEST(FollowUpSchedulerTest, StopsPromptlyWithoutWaitingForTheInterval) {
  CountingPass pass;
  FollowUpScheduler scheduler([&pass] { return pass(); }, absl::Hours(1));
  scheduler.Start();
  ASSERT_EQ(pass.WaitForCalls(1, absl::Seconds(30)), 1);
  const absl::Time before = absl::Now();
  scheduler.Stop();
  // An hour's interval would block far longer than this if Stop did not wake the thread.
  EXPECT_LT(absl::Now() - before, absl::Seconds(10));
  EXPECT_EQ(pass.calls(), 1);
  scheduler.Stop();  // idempotent
}

TEST(FollowUpSchedulerTest, AFailedPassIsRetriedAtTheNextInterval) {
  CountingPass pass;
  pass.set_answer(absl::UnavailableError("database is locked"));
  FollowUpScheduler scheduler([&pass] { return pass(); }, absl::Milliseconds(5));
  scheduler.Start();
  EXPECT_GE(pass.WaitForCalls(2, absl::Seconds(30)), 2);
  pass.set_answer(4);
  const int so_far = pass.calls();
  EXPECT_GT(pass.WaitForCalls(so_far + 1, absl::Seconds(30)), so_far);
}

TEST(FollowUpSchedulerTest, NoPassRunsAfterStop) {
  CountingPass pass;
  FollowUpScheduler scheduler([&pass] { return pass(); }, absl::Milliseconds(1));
  scheduler.Start();
  pass.WaitForCalls(2, absl::Seconds(30));
  scheduler.Stop();
  const int at_stop = pass.calls();
  EXPECT_EQ(scheduler.passes(), at_stop);
  // The thread has ended, so the count cannot move; and a stopped scheduler does not restart.
  scheduler.Start();
  EXPECT_EQ(pass.WaitForCalls(at_stop + 1, absl::Milliseconds(50)), at_stop);
}

TEST(FollowUpSchedulerTest, DestroyingAStartedSchedulerStopsIt) {
  CountingPass pass;
  {
    FollowUpScheduler scheduler([&pass] { return pass(); }, absl::Hours(1));
    scheduler.Start();
    pass.WaitForCalls(1, absl::Seconds(30));
  }
  EXPECT_EQ(pass.calls(), 1);
}

TEST(FollowUpSchedulerTest, EachPassIsATraceOfItsOwn) {
  absl::Mutex mu;
  std::vector<std::string> traces;
  FollowUpScheduler scheduler(
      [&]() -> absl::StatusOr<int> {
        const TraceContext* trace = CurrentTrace();
        absl::MutexLock lock(&mu);
        traces.push_back(trace == nullptr ? "" : trace->trace_id);
        return 0;
      },
      absl::Milliseconds(5));
  scheduler.Start();
  {
    absl::MutexLock lock(&mu);
    auto two = [&traces]() { return traces.size() >= 2; };
    mu.AwaitWithTimeout(absl::Condition(&two), absl::Seconds(30));
  }
  scheduler.Stop();
  absl::MutexLock lock(&mu);
  ASSERT_GE(traces.size(), 2u);
  EXPECT_NE(traces[0], "");
  EXPECT_NE(traces[1], "");
  EXPECT_NE(traces[0], traces[1]);
}

}  // namespace
}  // namespace redress::remedy
