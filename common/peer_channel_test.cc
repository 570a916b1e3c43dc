// NewPeerChannel (peer_channel.h): calls are spread over every replica a target names.
#include "common/peer_channel.h"

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "redress/testing/echo.grpc.pb.h"

namespace redress {
namespace {

class CountingEcho final : public redress::testing::Echo::Service {
 public:
  grpc::Status Sleep(grpc::ServerContext*, const redress::testing::SleepRequest*,
                     redress::testing::SleepResponse*) override {
    ++calls;
    return grpc::Status::OK;
  }
  std::atomic<int> calls{0};
};

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
