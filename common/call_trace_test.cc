// The trace of a call through a real server (RunningServer's interceptors) and a peer channel.
#include "common/call_trace.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "absl/synchronization/mutex.h"
#include "common/peer_channel.h"
#include "common/server.h"
#include "common/testing/status_matchers.h"
#include "redress/testing/echo.grpc.pb.h"

namespace redress {
namespace {

using ::redress::testing::IsOk;

constexpr char kHeader[] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

// Keeps the span each call ran in.
class TracedEcho final : public redress::testing::Echo::Service {
 public:
  grpc::Status Sleep(grpc::ServerContext* context, const redress::testing::SleepRequest*,
                     redress::testing::SleepResponse*) override {
    absl::MutexLock lock(&mu_);
    last_ = CallTraceOf(*context);
    return grpc::Status::OK;
  }
  TraceContext last() {
    absl::MutexLock lock(&mu_);
    return last_;
  }

 private:
  absl::Mutex mu_;
  TraceContext last_ ABSL_GUARDED_BY(mu_);
};

class CallTraceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = RunningServer::Start(ServerConfig{}, {{&echo_, "redress.testing.Echo"}});
    ASSERT_THAT(server, IsOk());
    server_ = *std::move(server);
  }

  // One call on `channel` with `metadata`; the span the server ran it in.
  TraceContext Call(const std::shared_ptr<grpc::Channel>& channel,
                    const std::multimap<std::string, std::string>& metadata = {}) {
    grpc::ClientContext context;
    for (const auto& [key, value] : metadata) context.AddMetadata(key, value);
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    redress::testing::SleepRequest request;
    redress::testing::SleepResponse response;
    EXPECT_TRUE(redress::testing::Echo::NewStub(channel)->Sleep(&context, request, &response).ok());
    return echo_.last();
  }
  std::shared_ptr<grpc::Channel> Plain() {
    return grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
  }

  TracedEcho echo_;
  std::unique_ptr<RunningServer> server_;
};

TEST_F(CallTraceTest, TheCallersTraceIsContinuedInASpanOfItsOwn) {
  const TraceContext span = Call(Plain(), {{"traceparent", kHeader}});
  EXPECT_EQ(span.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_NE(span.span_id, "00f067aa0ba902b7");
}

TEST_F(CallTraceTest, WithoutOneEachCallStartsATrace) {
  const TraceContext first = Call(Plain());
  const TraceContext second = Call(Plain(), {{"traceparent", "not a traceparent"}});
  EXPECT_TRUE(ParseTraceparent(first.Traceparent()).has_value());
  EXPECT_TRUE(ParseTraceparent(second.Traceparent()).has_value());
  EXPECT_NE(first.trace_id, second.trace_id);
}

TEST_F(CallTraceTest, AClientCannotNameTheServersSpan) {
  const TraceContext span = Call(Plain(), {{"redress-call-trace", kHeader}});
  EXPECT_NE(span.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
}

TEST_F(CallTraceTest, PeerChannelsSendTheCallingThreadsTrace) {
  const std::shared_ptr<grpc::Channel> peer =
      NewPeerChannel(server_->address(), absl::Seconds(1), grpc::InsecureChannelCredentials());
  const TraceContext mine = NewTrace();
  {
    const ScopedTrace scope(mine);
    EXPECT_EQ(Call(peer).trace_id, mine.trace_id);
  }
  EXPECT_NE(Call(peer).trace_id, mine.trace_id);  // no current trace: none sent
}

}  // namespace
}  // namespace redress
