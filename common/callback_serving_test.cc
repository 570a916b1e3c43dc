// Serving on the callback API through the server's executor (CallbackServing, handler.h;
// call_executor.h): calls beyond the handler threads wait, calls beyond the queue are refused
// with a retry hint, calls that end while waiting are answered without running, and shutdown
// waits for what runs.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/access.h"
#include "common/errors.h"
#include "common/grpc_status.h"
#include "common/handler.h"
#include "common/server.h"
#include "redress/testing/echo.grpc.pb.h"

namespace redress {
namespace {

namespace rt = ::redress::testing;

constexpr char kDomain[] = "test.redress";

// Sleep served through Serve: sleeps the requested time (or until cancelled), counting the bodies
// that ran.
class SleepingService final : public rt::Echo::CallbackService, public CallbackServing {
 public:
  SleepingService() : policy_(kDomain, {}) {}

  grpc::ServerUnaryReactor* Sleep(grpc::CallbackServerContext* context,
                                  const rt::SleepRequest* request,
                                  rt::SleepResponse* response) override {
    return Serve(context, policy_, "Sleep", [=]() -> absl::Status {
      ++bodies_;
      const absl::Time end = absl::Now() + absl::Milliseconds(request->duration_ms());
      while (absl::Now() < end && !context->IsCancelled()) absl::SleepFor(absl::Milliseconds(1));
      response->set_cancelled(context->IsCancelled());
      return absl::OkStatus();
    });
  }

  int bodies() const { return bodies_.load(); }

 private:
  const CallPolicy policy_;  // insecure mode: the development caller may call anything
  std::atomic<int> bodies_{0};
};

class CallbackServingTest : public ::testing::Test {
 protected:
  void Start(int threads, int queued) {
    ServerConfig config;
    config.log_name = "callback-test";
    config.drain_timeout = absl::Seconds(2);
    config.handler_threads = threads;
    config.max_queued_calls = queued;
    config.busy_retry_delay = absl::Milliseconds(250);
    absl::StatusOr<std::unique_ptr<RunningServer>> server =
        RunningServer::Start(config, {{&service_, "redress.testing.Echo"}});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = rt::Echo::NewStub(
        grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
  }

  // Calls Sleep(`sleep_ms`) with a deadline of `deadline_ms` on a thread of its own.
  std::thread CallAsync(int sleep_ms, int deadline_ms, grpc::Status* status) {
    return std::thread([this, sleep_ms, deadline_ms, status] {
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() +
                           std::chrono::milliseconds(deadline_ms));
      rt::SleepRequest request;
      request.set_duration_ms(sleep_ms);
      rt::SleepResponse response;
      *status = stub_->Sleep(&context, request, &response);
    });
  }

  // Waits (up to 10 s) until `condition` holds.
  static bool Eventually(const std::function<bool()>& condition) {
    const absl::Time give_up = absl::Now() + absl::Seconds(10);
    while (!condition()) {
      if (absl::Now() > give_up) return false;
      absl::SleepFor(absl::Milliseconds(2));
    }
    return true;
  }

  SleepingService service_;
  std::unique_ptr<RunningServer> server_;
  std::unique_ptr<rt::Echo::Stub> stub_;
};

TEST_F(CallbackServingTest, CallsBeyondTheThreadsWaitAndAllSucceed) {
  Start(/*threads=*/4, /*queued=*/1024);
  constexpr int kCalls = 64;
  std::vector<grpc::Status> statuses(kCalls);
  std::vector<std::thread> callers;
  for (int i = 0; i < kCalls; ++i) callers.push_back(CallAsync(20, 30000, &statuses[i]));
  for (std::thread& caller : callers) caller.join();
  for (int i = 0; i < kCalls; ++i) {
    EXPECT_TRUE(statuses[i].ok()) << i << ": " << statuses[i].error_message();
  }
  EXPECT_EQ(service_.bodies(), kCalls);
}

TEST_F(CallbackServingTest, CallBeyondThreadsAndQueueIsRefusedWithRetryHint) {
  Start(/*threads=*/1, /*queued=*/1);
  grpc::Status running, waiting;
  std::thread first = CallAsync(1000, 30000, &running);
  ASSERT_TRUE(Eventually([&] { return service_.bodies() == 1; }));
  std::thread second = CallAsync(10, 30000, &waiting);
  // The second call is queued, not running.
  absl::SleepFor(absl::Milliseconds(100));
  EXPECT_EQ(service_.bodies(), 1);

  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  rt::SleepRequest request;
  rt::SleepResponse response;
  const grpc::Status refused = stub_->Sleep(&context, request, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  const absl::Status details = FromGrpcStatus(refused);
  EXPECT_EQ(ErrorReasonOf(details), reason::kServerBusy);
  ASSERT_TRUE(RetryDelayOf(details).has_value());
  EXPECT_EQ(*RetryDelayOf(details), absl::Milliseconds(250));

  first.join();
  second.join();
  EXPECT_TRUE(running.ok()) << running.error_message();
  EXPECT_TRUE(waiting.ok()) << waiting.error_message();
  EXPECT_EQ(service_.bodies(), 2);  // the refused call never ran
}

TEST_F(CallbackServingTest, CallWhoseDeadlinePassesWhileQueuedIsNotRun) {
  Start(/*threads=*/1, /*queued=*/8);
  grpc::Status running, expired;
  std::thread first = CallAsync(600, 30000, &running);
  ASSERT_TRUE(Eventually([&] { return service_.bodies() == 1; }));
  std::thread second = CallAsync(10, 100, &expired);
  second.join();
  EXPECT_EQ(expired.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  first.join();
  EXPECT_TRUE(running.ok()) << running.error_message();
  // A later call is served after the expired one has left the queue (first in, first out), and
  // only its body and the first have run.
  grpc::Status later;
  CallAsync(1, 30000, &later).join();
  EXPECT_TRUE(later.ok()) << later.error_message();
  EXPECT_EQ(service_.bodies(), 2);
}

TEST_F(CallbackServingTest, ShutdownAnswersQueuedCallsWithoutRunningThem) {
  Start(/*threads=*/1, /*queued=*/8);
  grpc::Status running;
  std::vector<grpc::Status> queued(4);
  std::thread first = CallAsync(5000, 30000, &running);
  ASSERT_TRUE(Eventually([&] { return service_.bodies() == 1; }));
  std::vector<std::thread> waiting;
  for (grpc::Status& status : queued) waiting.push_back(CallAsync(10, 30000, &status));
  absl::SleepFor(absl::Milliseconds(100));
  const absl::Time start = absl::Now();
  server_->Shutdown();  // drain 2 s, then cancels: the sleeper notices, the queued are not run
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
  first.join();
  for (std::thread& thread : waiting) thread.join();
  EXPECT_EQ(service_.bodies(), 1);
  for (const grpc::Status& status : queued) EXPECT_FALSE(status.ok());
}

TEST(CallbackServingConfigTest, StartRefusesNoHandlerThreadsOrANegativeQueue) {
  SleepingService service;
  ServerConfig config;
  config.handler_threads = 0;
  EXPECT_EQ(RunningServer::Start(config, {{&service, "redress.testing.Echo"}}).status().code(),
            absl::StatusCode::kInvalidArgument);
  config.handler_threads = 1;
  config.max_queued_calls = -1;
  EXPECT_EQ(RunningServer::Start(config, {{&service, "redress.testing.Echo"}}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace redress
