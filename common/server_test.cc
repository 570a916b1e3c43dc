// Tests of the server bootstrap (health, reflection, per-RPC logging, draining shutdown, signals),
// the shared server flags, and the JSON log line format they rely on. Servers bind 127.0.0.1:0.
#include "common/server.h"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/log.h"
#include "common/server_flags.h"
#include "common/testing/status_matchers.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "redress/testing/echo.grpc.pb.h"
#include "src/proto/grpc/reflection/v1alpha/reflection.grpc.pb.h"

namespace redress {
namespace {

using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;
using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ContainsRegex;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr char kEchoName[] = "redress.testing.Echo";

// Runs for the requested time, or until the call is cancelled, then answers with the requested
// status code.
class EchoService final : public redress::testing::Echo::Service {
 public:
  grpc::Status Sleep(grpc::ServerContext* context, const redress::testing::SleepRequest* request,
                     redress::testing::SleepResponse* response) override {
    {
      absl::MutexLock lock(&mu_);
      ++started_;
    }
    const absl::Time end = absl::Now() + absl::Milliseconds(request->duration_ms());
    while (absl::Now() < end && !context->IsCancelled()) absl::SleepFor(absl::Milliseconds(2));
    response->set_cancelled(context->IsCancelled());
    return grpc::Status(static_cast<grpc::StatusCode>(request->status_code()), "as requested");
  }

  // True once `n` calls have entered the handler.
  bool AwaitStarted(int n) {
    absl::MutexLock lock(&mu_);
    auto reached = [this, n]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return started_ >= n; };
    return mu_.AwaitWithTimeout(absl::Condition(&reached), absl::Seconds(5));
  }

 private:
  absl::Mutex mu_;
  int started_ ABSL_GUARDED_BY(mu_) = 0;
};

// Sends fd 2 to a temporary file until Lines() is called.
class StderrCapture {
 public:
  StderrCapture() {
    std::string path = ::testing::TempDir() + "/server_test_stderr_XXXXXX";
    file_ = mkstemp(path.data());
    unlink(path.c_str());
    saved_ = dup(STDERR_FILENO);
    dup2(file_, STDERR_FILENO);
  }
  ~StderrCapture() {
    Restore();
    close(file_);
  }

  // Restores stderr; returns the captured lines containing `needle`.
  std::vector<std::string> Lines(const std::string& needle) {
    Restore();
    std::string text;
    char buffer[4096];
    ssize_t n;
    for (off_t offset = 0; (n = pread(file_, buffer, sizeof(buffer), offset)) > 0; offset += n) {
      text.append(buffer, static_cast<size_t>(n));
    }
    std::vector<std::string> lines;
    for (absl::string_view line : absl::StrSplit(text, '\n')) {
      if (absl::StrContains(line, needle)) lines.emplace_back(line);
    }
    return lines;
  }

 private:
  void Restore() {
    if (saved_ < 0) return;
    dup2(saved_, STDERR_FILENO);
    close(saved_);
    saved_ = -1;
  }
  int file_ = -1;
  int saved_ = -1;
};

class ServerTest : public ::testing::Test {
 protected:
  std::unique_ptr<RunningServer> StartServer(absl::Duration drain = absl::Seconds(5)) {
    ServerConfig config;
    config.drain_timeout = drain;
    config.log_name = "test";
    auto server = RunningServer::Start(config, {{&echo_, kEchoName}});
    EXPECT_THAT(server, IsOk());
    if (!server.ok()) return nullptr;
    channel_ = grpc::CreateChannel((*server)->address(), grpc::InsecureChannelCredentials());
    return *std::move(server);
  }

  // The health status of `service` ("SERVING"), or the RPC's error code ("NOT_FOUND").
  std::string Health(const std::string& service) {
    auto stub = grpc::health::v1::Health::NewStub(channel_);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    HealthCheckRequest request;
    request.set_service(service);
    HealthCheckResponse response;
    grpc::Status status = stub->Check(&context, request, &response);
    if (!status.ok()) {
      return absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code()));
    }
    return HealthCheckResponse::ServingStatus_Name(response.status());
  }

  grpc::Status Sleep(int64_t duration_ms, grpc::StatusCode code = grpc::StatusCode::OK,
                     absl::Duration deadline = absl::Seconds(10)) {
    auto stub = redress::testing::Echo::NewStub(channel_);
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + deadline));
    redress::testing::SleepRequest request;
    request.set_duration_ms(duration_ms);
    request.set_status_code(static_cast<int>(code));
    redress::testing::SleepResponse response;
    return stub->Sleep(&context, request, &response);
  }

  EchoService echo_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(ServerTest, HealthReportsServingForServerAndHostedService) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  EXPECT_GT(server->port(), 0);
  EXPECT_EQ(server->address(), "127.0.0.1:" + std::to_string(server->port()));
  EXPECT_EQ(Health(""), "SERVING");
  EXPECT_EQ(Health(kEchoName), "SERVING");
}

TEST_F(ServerTest, HealthOfUnknownServiceIsNotFound) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(Health("redress.nope.v1.Nope"), "NOT_FOUND");
}

TEST_F(ServerTest, SetServingChangesOnlyThatService) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  server->SetServing(kEchoName, false);
  EXPECT_EQ(Health(kEchoName), "NOT_SERVING");
  EXPECT_EQ(Health(""), "SERVING");
  server->SetServing(kEchoName, true);
  EXPECT_EQ(Health(kEchoName), "SERVING");
}

TEST_F(ServerTest, ReflectionListsHostedServiceAndHealth) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  auto stub = grpc::reflection::v1alpha::ServerReflection::NewStub(channel_);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  auto stream = stub->ServerReflectionInfo(&context);
  grpc::reflection::v1alpha::ServerReflectionRequest request;
  request.set_list_services("");
  ASSERT_TRUE(stream->Write(request));
  stream->WritesDone();
  grpc::reflection::v1alpha::ServerReflectionResponse response;
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_THAT(stream->Finish(), IsOk());
  std::vector<std::string> names;
  for (const auto& service : response.list_services_response().service()) {
    names.push_back(service.name());
  }
  EXPECT_THAT(names, Contains(kEchoName));
  EXPECT_THAT(names, Contains("grpc.health.v1.Health"));
  EXPECT_THAT(names, Contains("grpc.reflection.v1alpha.ServerReflection"));
}

TEST_F(ServerTest, LogsOneLinePerRpcWithMethodCodeAndLevel) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  StderrCapture capture;
  EXPECT_THAT(Sleep(0), IsOk());
  EXPECT_THAT(Sleep(0, grpc::StatusCode::INVALID_ARGUMENT),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Sleep(0, grpc::StatusCode::INTERNAL), StatusIs(absl::StatusCode::kInternal));
  const std::vector<std::string> lines = capture.Lines(R"("msg":"rpc")");
  ASSERT_THAT(lines, SizeIs(3));
  const std::string method = R"("method":"/redress.testing.Echo/Sleep")";
  EXPECT_THAT(lines[0], AllOf(HasSubstr(method), HasSubstr(R"("level":"info")"),
                              HasSubstr(R"("code":"OK","code_number":0)"),
                              ContainsRegex(R"("latency_ms":[0-9.e+-]+)"),
                              HasSubstr(R"("peer":"ipv4:127.0.0.1:)")));
  EXPECT_THAT(lines[1], AllOf(HasSubstr(method), HasSubstr(R"("level":"warning")"),
                              HasSubstr(R"("code":"INVALID_ARGUMENT","code_number":3)")));
  EXPECT_THAT(lines[2], AllOf(HasSubstr(method), HasSubstr(R"("level":"error")"),
                              HasSubstr(R"("code":"INTERNAL","code_number":13)")));
}

TEST_F(ServerTest, LogsHealthChecksOnlyWhenTheyFail) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  StderrCapture capture;
  EXPECT_EQ(Health(""), "SERVING");
  EXPECT_EQ(Health("redress.nope.v1.Nope"), "NOT_FOUND");
  const std::vector<std::string> lines = capture.Lines(R"("msg":"rpc")");
  ASSERT_THAT(lines, SizeIs(1));
  EXPECT_THAT(lines[0],
              AllOf(HasSubstr(R"("method":"/grpc.health.v1.Health/Check")"),
                    HasSubstr(R"("code":"NOT_FOUND")"), HasSubstr(R"("level":"warning")")));
}

TEST_F(ServerTest, ShutdownLetsInFlightCallFinishWithinDrainTimeout) {
  auto server = StartServer(absl::Seconds(5));
  ASSERT_NE(server, nullptr);
  grpc::Status status;
  std::thread call([&] { status = Sleep(150); });
  ASSERT_TRUE(echo_.AwaitStarted(1));
  const absl::Time begin = absl::Now();
  server->Shutdown();
  call.join();
  EXPECT_THAT(status, IsOk());
  EXPECT_LT(absl::Now() - begin, absl::Seconds(4));  // Returned when the call ended.
}

TEST_F(ServerTest, ShutdownCancelsCallRunningPastDrainTimeout) {
  auto server = StartServer(absl::Milliseconds(200));
  ASSERT_NE(server, nullptr);
  grpc::Status status;
  std::thread call([&] { status = Sleep(/*duration_ms=*/20000); });
  ASSERT_TRUE(echo_.AwaitStarted(1));
  StderrCapture capture;
  const absl::Time begin = absl::Now();
  server->Shutdown();
  const absl::Duration took = absl::Now() - begin;
  call.join();
  // Clients see UNAVAILABLE, which they may retry against another replica.
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_GE(took, absl::Milliseconds(150));
  EXPECT_LT(took, absl::Seconds(5));
  EXPECT_THAT(capture.Lines(R"("msg":"rpc")"),
              ElementsAre(AllOf(HasSubstr("/redress.testing.Echo/Sleep"),
                                HasSubstr(R"("code":"CANCELLED")"))));
}

TEST_F(ServerTest, ShutdownReportsNotServingToWatchersFirst) {
  auto server = StartServer(absl::Milliseconds(200));
  ASSERT_NE(server, nullptr);
  auto stub = grpc::health::v1::Health::NewStub(channel_);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  auto stream = stub->Watch(&context, HealthCheckRequest());
  HealthCheckResponse response;
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_EQ(response.status(), HealthCheckResponse::SERVING);
  std::thread shutdown([&] { server->Shutdown(); });
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_EQ(response.status(), HealthCheckResponse::NOT_SERVING);
  context.TryCancel();
  shutdown.join();
}

TEST_F(ServerTest, CallAfterShutdownIsUnavailable) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  EXPECT_THAT(Sleep(0), IsOk());
  server->Shutdown();
  server->Shutdown();  // Idempotent.
  EXPECT_THAT(Sleep(0, grpc::StatusCode::OK, absl::Seconds(2)),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(ServerTest, OccupiedPortIsUnavailable) {
  auto first = StartServer();
  ASSERT_NE(first, nullptr);
  ServerConfig config;
  config.listen_address = first->address();
  EchoService other;
  EXPECT_THAT(RunningServer::Start(config, {{&other, kEchoName}}),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr(first->address())));
}

TEST_F(ServerTest, TerminationSignalShutsDownServer) {
  auto server = StartServer(absl::Milliseconds(100));
  ASSERT_NE(server, nullptr);
  absl::Notification blocked;
  StderrCapture capture;
  // Only the waiting thread blocks the signal, and the signal is sent to that thread alone, so
  // the test process is never exposed to SIGTERM's default action.
  std::thread waiter([&] {
    BlockTerminationSignals();
    blocked.Notify();
    server->WaitForTerminationSignal();
  });
  blocked.WaitForNotification();
  ASSERT_EQ(pthread_kill(waiter.native_handle(), SIGTERM), 0);
  waiter.join();
  EXPECT_THAT(capture.Lines(R"("msg":"shutting down")"),
              ElementsAre(HasSubstr(R"("signal":"SIGTERM")")));
  EXPECT_THAT(Sleep(0, grpc::StatusCode::OK, absl::Seconds(2)),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST(ServerFlagsTest, ListenFlagOverridesServiceDefault) {
  absl::SetFlag(&FLAGS_listen, "");
  absl::SetFlag(&FLAGS_drain_timeout, absl::Seconds(3));
  ServerConfig config = ServerConfigFromFlags("intake", "127.0.0.1:50051", 1 << 20);
  EXPECT_EQ(config.listen_address, "127.0.0.1:50051");
  EXPECT_EQ(config.drain_timeout, absl::Seconds(3));
  EXPECT_EQ(config.log_name, "intake");
  absl::SetFlag(&FLAGS_listen, "0.0.0.0:6000");
  EXPECT_EQ(ServerConfigFromFlags("intake", "127.0.0.1:50051", 1 << 20).listen_address,
            "0.0.0.0:6000");
  absl::SetFlag(&FLAGS_listen, "");
}

TEST(ServerFlagsTest, RequestLimitIsTheServicesOwnUnlessTheFlagSetsOne) {
  absl::SetFlag(&FLAGS_max_request_bytes, 0);
  ServerConfig config = ServerConfigFromFlags("intake", "127.0.0.1:50051", 1 << 20);
  EXPECT_EQ(config.max_receive_message_bytes, 1 << 20);
  EXPECT_EQ(config.request_memory_budget_bytes, int64_t{64} << 20);
  absl::SetFlag(&FLAGS_max_request_bytes, 5000);
  absl::SetFlag(&FLAGS_request_memory_budget_bytes, 123456);
  config = ServerConfigFromFlags("intake", "127.0.0.1:50051", 1 << 20);
  EXPECT_EQ(config.max_receive_message_bytes, 5000);
  EXPECT_EQ(config.request_memory_budget_bytes, 123456);
  absl::SetFlag(&FLAGS_max_request_bytes, 0);
  absl::SetFlag(&FLAGS_request_memory_budget_bytes, int64_t{64} << 20);
}

TEST(ServerFlagsTest, SqlitePathIsInCreatedDataDir) {
  const std::string dir = ::testing::TempDir() + "/server_flags_test/nested";
  std::filesystem::remove_all(dir);
  absl::SetFlag(&FLAGS_data_dir, dir);
  EXPECT_EQ(SqlitePathFromFlags("remedy"), dir + "/remedy.db");
  EXPECT_TRUE(std::filesystem::is_directory(dir));
  EXPECT_EQ(std::filesystem::status(dir).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_all);
  absl::SetFlag(&FLAGS_data_dir, "./data");
}

TEST(LogTest, WritesOneEscapedJsonObjectPerLine) {
  StderrCapture capture;
  Log(LogLevel::kWarning, "quote\" back\\slash",
      {{"text", "line\nbreak\ttab\x01 £5 – ok"},
       {"count", 42},
       {"ratio", 0.25},
       {"bad", std::nan("")}});
  const std::vector<std::string> lines = capture.Lines("back");
  ASSERT_THAT(lines, SizeIs(1));
  EXPECT_THAT(lines[0], ContainsRegex(R"(^\{"ts":"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:)"
                                      R"([0-9]{2}\.[0-9]{3}Z","level":"warning",)"));
  EXPECT_THAT(lines[0], HasSubstr(R"("msg":"quote\" back\\slash")"));
  EXPECT_THAT(lines[0], HasSubstr(R"("text":"line\u000abreak\u0009tab\u0001 £5 – ok")"));
  EXPECT_THAT(lines[0], HasSubstr(R"("count":42,"ratio":0.25,"bad":"NaN"})"));
}

}  // namespace
}  // namespace redress
