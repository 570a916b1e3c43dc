// The server half of every service test fixture: one gRPC service served in process on
// 127.0.0.1:0 by the common bootstrap (common/server.h), and a stub of the generated client on it
// to call it through, with a generous deadline.
#pragma once

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/call_security.h"
#include "common/principal.h"
#include "common/server.h"

namespace redress::testing {

// A fixture base, over the fixture `Base` (::testing::Test, a TestWithParam, or a service's own
// fixture), for tests that call a service of the generated class `GrpcService` (v1::Remedy)
// through its stub. A derived fixture builds the service in SetUp and Serves it; TearDown stops
// the server before anything the service uses is destroyed, so a derived TearDown must call this
// one first.
template <typename GrpcService, typename Base = ::testing::Test>
class InProcessServiceTest : public Base {
 public:
  using Stub = typename GrpcService::Stub;

 protected:
  void TearDown() override {
    StopServing();
    Base::TearDown();
  }

  // Serves `service` (which must outlive the server) on a free port under GrpcService's full name
  // ("redress.remedy.v1.Remedy"), logging as `log_name`, draining for at most a second on stop and
  // accepting requests of up to `max_request_bytes` (pass the service's own limit, as its main.cc
  // does, to test with it), and connects the stub to it. A server already running is stopped
  // first. RunningServer::Start's error otherwise.
  absl::Status Serve(grpc::Service* service, const std::string& log_name,
                     int max_request_bytes = ServerConfig{}.max_receive_message_bytes) {
    StopServing();
    ServerConfig config;
    config.listen_address = "127.0.0.1:0";
    config.drain_timeout = absl::Seconds(1);
    config.log_name = log_name;
    config.max_receive_message_bytes = max_request_bytes;
    absl::StatusOr<std::unique_ptr<RunningServer>> server =
        RunningServer::Start(config, {{service, GrpcService::service_full_name()}});
    if (!server.ok()) return server.status();
    server_ = *std::move(server);
    stub_ = GrpcService::NewStub(
        grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
    return absl::OkStatus();
  }

  // Shuts the server down, if one is running; the stub stays, its calls failing.
  void StopServing() { server_.reset(); }

  // REQUIRES: Serve has succeeded.
  Stub& stub() { return *stub_; }
  // The address it listens on ("127.0.0.1:port"), for a client of the code under test.
  // REQUIRES: Serve has succeeded.
  std::string address() const { return server_->address(); }

  // Calls `method` on the stub with a 30-second deadline.
  template <typename Request, typename Response>
  grpc::Status Call(grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                    const Request& request, Response* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    return (stub_.get()->*method)(&context, request, response);
  }

  // Calls `method` as the user `caller` (a kUser principal: subject, roles, organisation) with a
  // 30-second deadline, through the development server's kDevelopmentCallerHeader
  // (call_security.h): what a caller with that token would get, the table and the scoping included.
  template <typename Request, typename Response>
  grpc::Status CallAs(const Principal& caller,
                      grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                      const Request& request, Response* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    context.AddMetadata(kDevelopmentCallerHeader, DevelopmentCallerHeaderValue(caller));
    return (stub_.get()->*method)(&context, request, response);
  }

  // Calls `method`, expecting success, and returns its answer.
  template <typename Response, typename Request>
  Response Ok(grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
              const Request& request) {
    Response response;
    const grpc::Status status = Call(method, request, &response);
    EXPECT_TRUE(status.ok()) << request.GetDescriptor()->name() << ": " << status.error_message();
    return response;
  }

  // Calls `method`, expecting it to fail, and returns its status.
  template <typename Response, typename Request>
  grpc::Status Fails(grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                     const Request& request) {
    Response response;
    const grpc::Status status = Call(method, request, &response);
    EXPECT_FALSE(status.ok()) << request.GetDescriptor()->name() << " succeeded";
    return status;
  }

 private:
  std::unique_ptr<RunningServer> server_;
  std::unique_ptr<Stub> stub_;
};

}  // namespace redress::testing
