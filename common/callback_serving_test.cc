// Serving on the callback API through the server's executor (CallbackServing, handler.h;
// call_executor.h): calls beyond the handler threads wait, calls beyond the queue are refused
// with a retry hint, calls that end while waiting are answered without running, shutdown waits for
// what runs, and the requests held at once stay within the request memory budget.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
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
    return Serve(context, request, policy_, "Sleep", [=]() -> absl::Status {
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
  void Start(int threads, int queued,
             int64_t request_memory_budget = ServerConfig{}.request_memory_budget_bytes,
             int max_request_bytes = ServerConfig{}.max_receive_message_bytes) {
    ServerConfig config;
    config.log_name = "callback-test";
    config.drain_timeout = absl::Seconds(2);
    config.handler_threads = threads;
    config.max_queued_calls = queued;
    config.busy_retry_delay = absl::Milliseconds(250);
    config.request_memory_budget_bytes = request_memory_budget;
    config.max_receive_message_bytes = max_request_bytes;
    absl::StatusOr<std::unique_ptr<RunningServer>> server =
        RunningServer::Start(config, {{&service_, "redress.testing.Echo"}});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = rt::Echo::NewStub(
        grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
  }

  // Calls Sleep(`sleep_ms`) with a deadline of `deadline_ms` on a thread of its own, the request
  // padded with `padding_bytes`.
  std::thread CallAsync(int sleep_ms, int deadline_ms, grpc::Status* status,
                        size_t padding_bytes = 0) {
    return std::thread([this, sleep_ms, deadline_ms, status, padding_bytes] {
      *status = Call(sleep_ms, deadline_ms, padding_bytes);
    });
  }
  grpc::Status Call(int sleep_ms, int deadline_ms, size_t padding_bytes = 0) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(deadline_ms));
    rt::SleepRequest request;
    request.set_duration_ms(sleep_ms);
    request.set_padding(std::string(padding_bytes, 'x'));
    rt::SleepResponse response;
    return stub_->Sleep(&context, request, &response);
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

// The request memory budget (request_memory_budget.h): a call is admitted while the requests of
// the calls admitted and not finished, with its own, fit; the share is given back when it ends.
TEST_F(CallbackServingTest, CallWhoseRequestWouldPassTheMemoryBudgetIsRefusedWithRetryHint) {
  constexpr size_t kKiB = 1024;
  Start(/*threads=*/4, /*queued=*/8, /*request_memory_budget=*/1024 * kKiB);
  grpc::Status running;
  std::thread first = CallAsync(1000, 30000, &running, /*padding_bytes=*/600 * kKiB);
  ASSERT_TRUE(Eventually([&] { return service_.bodies() == 1; }));

  // 600 KiB held: another 600 KiB does not fit, though threads are free; 300 KiB does.
  const grpc::Status refused = Call(0, 10000, /*padding_bytes=*/600 * kKiB);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(refused.error_message(), ::testing::HasSubstr("request memory budget"));
  const absl::Status details = FromGrpcStatus(refused);
  EXPECT_EQ(ErrorReasonOf(details), reason::kServerBusy);
  ASSERT_TRUE(RetryDelayOf(details).has_value());
  EXPECT_EQ(*RetryDelayOf(details), absl::Milliseconds(250));
  EXPECT_TRUE(Call(0, 10000, /*padding_bytes=*/300 * kKiB).ok());

  first.join();
  EXPECT_TRUE(running.ok()) << running.error_message();
  EXPECT_EQ(service_.bodies(), 2);  // the refused call never ran
  // Both shares are given back once the calls are finished: the request refused before fits.
  EXPECT_TRUE(Eventually([&] { return Call(0, 10000, /*padding_bytes=*/600 * kKiB).ok(); }));
}

TEST_F(CallbackServingTest, ARequestLargerThanTheWholeBudgetIsServedWhenNoOtherIsHeld) {
  Start(/*threads=*/4, /*queued=*/8, /*request_memory_budget=*/64 * 1024);
  // 1 MiB against a budget of 64 KiB: admitted, being alone.
  grpc::Status running;
  std::thread first = CallAsync(1000, 30000, &running, /*padding_bytes=*/1 << 20);
  ASSERT_TRUE(Eventually([&] { return service_.bodies() == 1; }));
  // While it is held, even a small request is refused.
  EXPECT_EQ(Call(0, 10000).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  first.join();
  EXPECT_TRUE(running.ok()) << running.error_message();
  EXPECT_TRUE(Eventually([&] { return Call(0, 10000).ok(); }));
}

TEST_F(CallbackServingTest, ACallTheExecutorRefusesGivesItsShareBack) {
  Start(/*threads=*/1, /*queued=*/0, /*request_memory_budget=*/1 << 20);
  grpc::Status running;
  std::thread first = CallAsync(1000, 30000, &running);
  ASSERT_TRUE(Eventually([&] { return service_.bodies() == 1; }));
  // Refused by the executor (no queue), not by the budget: its request fit.
  for (int i = 0; i < 20; ++i) {
    const grpc::Status busy = Call(0, 10000, /*padding_bytes=*/100 * 1024);
    ASSERT_EQ(busy.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    EXPECT_THAT(busy.error_message(), ::testing::HasSubstr("calls running and waiting"));
  }
  first.join();
  // Had the 20 refused calls kept their 100 KiB, 2 MiB would be held against a 1 MiB budget.
  const grpc::Status after = Call(0, 10000, /*padding_bytes=*/900 * 1024);
  EXPECT_TRUE(after.ok()) << after.error_message();
}

// gRPC refuses a request over ServerConfig::max_receive_message_bytes before the handler sees it.
TEST_F(CallbackServingTest, RequestOverTheMessageLimitIsRefusedBeforeItsHandler) {
  Start(/*threads=*/2, /*queued=*/8, ServerConfig{}.request_memory_budget_bytes,
        /*max_request_bytes=*/64 * 1024);
  rt::SleepRequest request;
  request.set_padding(std::string(64 * 1024, 'x'));
  const size_t over = request.ByteSizeLong() - 64 * 1024;                // the other fields' bytes
  EXPECT_TRUE(Call(0, 10000, /*padding_bytes=*/64 * 1024 - over).ok());  // exactly the limit
  const grpc::Status refused = Call(0, 10000, /*padding_bytes=*/64 * 1024 - over + 1);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(service_.bodies(), 1);
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

TEST(CallbackServingConfigTest, StartRefusesNoMessageLimitOrANegativeBudget) {
  SleepingService service;
  ServerConfig config;
  config.max_receive_message_bytes = 0;
  EXPECT_EQ(RunningServer::Start(config, {{&service, "redress.testing.Echo"}}).status().code(),
            absl::StatusCode::kInvalidArgument);
  config.max_receive_message_bytes = 1024;
  config.request_memory_budget_bytes = -1;
  EXPECT_EQ(RunningServer::Start(config, {{&service, "redress.testing.Echo"}}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace redress
