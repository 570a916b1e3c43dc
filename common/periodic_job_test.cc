// Tests of PeriodicJob's thread: a pass at start, then one per interval, a failed pass retried,
// and a prompt stop. Real threads and time: each wait is bounded and asserts what the thread
// did, never how long it took.
#include "common/periodic_job.h"

#include <gtest/gtest.h>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"

namespace redress {
namespace {

class CountingPass {
 public:
  absl::StatusOr<int> operator()() {
    absl::MutexLock lock(&mu_);
    ++calls_;
    if (calls_ == 1) return absl::UnavailableError("the database is busy");
    return calls_;
  }
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

 private:
  absl::Mutex mu_;
  int calls_ ABSL_GUARDED_BY(mu_) = 0;
};

TEST(PeriodicJobTest, RunsAtStartThenEveryIntervalAndRetriesAFailedPass) {
  CountingPass pass;
  PeriodicJob job(
      "test", [&pass] { return pass(); }, absl::Milliseconds(10));
  EXPECT_EQ(pass.calls(), 0);  // nothing before Start
  job.Start();
  EXPECT_GE(pass.WaitForCalls(3, absl::Seconds(30)), 3);  // the first one failed
  job.Stop();
  EXPECT_GE(job.passes(), 3);
}

TEST(PeriodicJobTest, StopsPromptlyAndRunsNoPassAfterStop) {
  CountingPass pass;
  PeriodicJob job(
      "test", [&pass] { return pass(); }, absl::Hours(1));
  job.Start();
  ASSERT_EQ(pass.WaitForCalls(1, absl::Seconds(30)), 1);
  job.Stop();
  job.Start();  // a stopped job is not started again
  EXPECT_EQ(pass.calls(), 1);
  EXPECT_EQ(job.passes(), 1);
}

}  // namespace
}  // namespace redress
