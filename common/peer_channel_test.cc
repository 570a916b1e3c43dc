// NewPeerChannel (peer_channel.h): calls are spread over every replica a target names.
#include "common/peer_channel.h"

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "redress/testing/echo.grpc.pb.h"

namespace redress {
namespace {

// Answers the first `failures` calls with `failure`, and OK after that.
class CountingEcho final : public redress::testing::Echo::Service {
 public:
  grpc::Status Sleep(grpc::ServerContext*, const redress::testing::SleepRequest*,
                     redress::testing::SleepResponse*) override {
    if (calls++ < failures) return failure;
    return grpc::Status::OK;
  }
  std::atomic<int> calls{0};
  int failures = 0;
  grpc::Status failure;
};

const std::vector<IdempotentMethod> kSleepIsIdempotent = {{"redress.testing.Echo", "Sleep"}};

grpc::Status CallSleep(const std::shared_ptr<grpc::Channel>& channel) {
  auto stub = redress::testing::Echo::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  redress::testing::SleepRequest request;
  redress::testing::SleepResponse response;
  return stub->Sleep(&context, request, &response);
}

// One replica: a server on a free loopback port.
struct Replica {
  Replica() {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&service);
    server = builder.BuildAndStart();
  }
  ~Replica() { server->Shutdown(); }
  CountingEcho service;
  int port = 0;
  std::unique_ptr<grpc::Server> server;
};

TEST(PeerChannelTest, CallsAreSpreadOverEveryReplicaOfTheTarget) {
  Replica a, b;
  ASSERT_GT(a.port, 0);
  ASSERT_GT(b.port, 0);
  auto channel = NewPeerChannel(absl::StrCat("ipv4:127.0.0.1:", a.port, ",127.0.0.1:", b.port),
                                absl::Seconds(1), grpc::InsecureChannelCredentials());
  auto stub = redress::testing::Echo::NewStub(channel);
  for (int i = 0; i < 20; ++i) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    context.set_wait_for_ready(true);
    redress::testing::SleepRequest request;
    redress::testing::SleepResponse response;
    ASSERT_TRUE(stub->Sleep(&context, request, &response).ok());
  }
  EXPECT_GE(a.service.calls.load(), 5);
  EXPECT_GE(b.service.calls.load(), 5);
}

TEST(PeerChannelTest, AnIdempotentMethodIsRetriedOnUnavailable) {
  Replica peer;
  peer.service.failures = kPeerCallAttempts - 1;
  peer.service.failure = grpc::Status(grpc::StatusCode::UNAVAILABLE, "draining");
  auto channel = NewPeerChannel(absl::StrCat("127.0.0.1:", peer.port), absl::Seconds(1),
                                grpc::InsecureChannelCredentials(), kSleepIsIdempotent);
  EXPECT_TRUE(CallSleep(channel).ok());
  EXPECT_EQ(peer.service.calls.load(), kPeerCallAttempts);
}

TEST(PeerChannelTest, RetriesStopAfterTheLastAttempt) {
  Replica peer;
  peer.service.failures = 100;
  peer.service.failure = grpc::Status(grpc::StatusCode::UNAVAILABLE, "draining");
  auto channel = NewPeerChannel(absl::StrCat("127.0.0.1:", peer.port), absl::Seconds(1),
                                grpc::InsecureChannelCredentials(), kSleepIsIdempotent);
  EXPECT_EQ(CallSleep(channel).error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(peer.service.calls.load(), kPeerCallAttempts);
}

TEST(PeerChannelTest, OnlyUnavailableIsRetried) {
  for (const grpc::StatusCode code :
       {grpc::StatusCode::INTERNAL, grpc::StatusCode::DEADLINE_EXCEEDED,
        grpc::StatusCode::RESOURCE_EXHAUSTED, grpc::StatusCode::ABORTED}) {
    Replica peer;
    peer.service.failures = 1;
    peer.service.failure = grpc::Status(code, "refused");
    auto channel = NewPeerChannel(absl::StrCat("127.0.0.1:", peer.port), absl::Seconds(1),
                                  grpc::InsecureChannelCredentials(), kSleepIsIdempotent);
    EXPECT_EQ(CallSleep(channel).error_code(), code);
    EXPECT_EQ(peer.service.calls.load(), 1) << code;
  }
}

TEST(PeerChannelTest, AMethodNotNamedIdempotentIsNotRetried) {
  Replica peer;
  peer.service.failures = 1;
  peer.service.failure = grpc::Status(grpc::StatusCode::UNAVAILABLE, "draining");
  auto channel = NewPeerChannel(absl::StrCat("127.0.0.1:", peer.port), absl::Seconds(1),
                                grpc::InsecureChannelCredentials());
  EXPECT_EQ(CallSleep(channel).error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(peer.service.calls.load(), 1);
}

TEST(PeerChannelTest, WithRetriesCallsAreStillSpreadOverReplicas) {
  Replica a, b;
  auto channel =
      NewPeerChannel(absl::StrCat("ipv4:127.0.0.1:", a.port, ",127.0.0.1:", b.port),
                     absl::Seconds(1), grpc::InsecureChannelCredentials(), kSleepIsIdempotent);
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(CallSleep(channel).ok());
  EXPECT_GE(a.service.calls.load(), 5);
  EXPECT_GE(b.service.calls.load(), 5);
}

TEST(PeerChannelTest, TheServiceConfigNamesEachIdempotentMethod) {
  EXPECT_EQ(PeerRetryServiceConfig({}), "{}");
  const std::string config = PeerRetryServiceConfig(
      {{"redress.intake.v1.Intake", "GetComplaintPersonalDetails"}, {"a.B", "C"}});
  EXPECT_NE(config.find(R"({"service":"redress.intake.v1.Intake","method":)"
                        R"("GetComplaintPersonalDetails"})"),
            std::string::npos)
      << config;
  EXPECT_NE(config.find(R"({"service":"a.B","method":"C"})"), std::string::npos) << config;
  EXPECT_NE(config.find(R"("retryableStatusCodes":["UNAVAILABLE"])"), std::string::npos) << config;
}

TEST(PeerChannelTest, AnAddressListIsCheckedAgainstItsFirstHost) {
  EXPECT_EQ(AddressListAuthority("ipv4:127.0.0.1:50052,127.0.0.1:50062"), "127.0.0.1");
  EXPECT_EQ(AddressListAuthority("ipv6:[::1]:50052,[::1]:50062"), "::1");
  // One address, a DNS name, or a plain host:port: gRPC's own authority is the right one.
  EXPECT_EQ(AddressListAuthority("ipv4:127.0.0.1:50052"), std::nullopt);
  EXPECT_EQ(AddressListAuthority("dns:///investigation-headless:50052"), std::nullopt);
  EXPECT_EQ(AddressListAuthority("127.0.0.1:50052"), std::nullopt);
}

}  // namespace
}  // namespace redress
