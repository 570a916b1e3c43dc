// The built `redress` and `redress_probe` binaries take their TLS and bearer token from the
// environment (common/client_credentials.h): both call an in-process server on 127.0.0.1:0 that
// serves gRPC health over TLS with intake's development certificate and records the authorization
// header it receives. Certificates and tokens come from scripts/dev-credentials and dev-tokens.
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/testing/scratch_dir.h"
#include "common/testing/status_matchers.h"
#include "common/tls.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace redress {
namespace {

using ::redress::testing::IsOk;
using ::testing::HasSubstr;

// Runs `command` in a shell; its exit code and combined output.
std::pair<int, std::string> RunShell(const std::string& command) {
  FILE* pipe = popen(absl::StrCat(command, " 2>&1").c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed"};
  std::string output;
  char buffer[4096];
  size_t read;
  while ((read = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, read);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

// Always SERVING; keeps the last authorization header it received.
class HealthService final : public grpc::health::v1::Health::Service {
 public:
  grpc::Status Check(grpc::ServerContext* context, const grpc::health::v1::HealthCheckRequest*,
                     grpc::health::v1::HealthCheckResponse* response) override {
    const auto found = context->client_metadata().find("authorization");
    if (found != context->client_metadata().end()) {
      authorization = std::string(found->second.data(), found->second.size());
    }
    response->set_status(grpc::health::v1::HealthCheckResponse::SERVING);
    return grpc::Status::OK;
  }
  std::string authorization;  // written by the server's thread; read after the call returned
};

class ClientToolsTlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new redress::testing::ScratchDir();
    const auto [credentials, credentials_output] =
        RunShell(absl::StrCat(REDRESS_SOURCE_DIR, "/scripts/dev-credentials ", Dev("")));
    ASSERT_EQ(credentials, 0) << credentials_output;
    const auto [tokens, tokens_output] = RunShell(absl::StrCat(
        "BUILD_DIR=", REDRESS_BUILD_DIR, " ", REDRESS_SOURCE_DIR, "/scripts/dev-tokens ", Dev("")));
    ASSERT_EQ(tokens, 0) << tokens_output;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string Dev(const std::string& file) { return dir_->File("dev/" + file); }

  void SetUp() override {
    absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> tls =
        ServerCredentials({Dev("intake.pem"), Dev("intake.key"), Dev("ca.pem")});
    ASSERT_THAT(tls.status(), IsOk());
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", *tls, &port_);
    builder.RegisterService(&health_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_NE(port_, 0);
  }
  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown(std::chrono::system_clock::now());
  }

  // Runs `binary args` at the server's address with `env` (VAR=value words) set.
  std::pair<int, std::string> Tool(const std::string& env, const std::string& binary,
                                   const std::string& args) {
    return RunShell(absl::StrCat("env -u REDRESS_CA_FILE -u REDRESS_TOKEN -u REDRESS_TOKEN_FILE ",
                                 env, " ", binary, " ", args));
  }
  std::string Address() const { return absl::StrCat("127.0.0.1:", port_); }

  static redress::testing::ScratchDir* dir_;
  HealthService health_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

redress::testing::ScratchDir* ClientToolsTlsTest::dir_ = nullptr;

TEST_F(ClientToolsTlsTest, ProbeChecksHealthOverTlsWithTheCa) {
  const auto [code, output] = Tool(absl::StrCat("REDRESS_CA_FILE=", Dev("ca.pem"),
                                                " REDRESS_TOKEN_FILE=", Dev("tokens/auditor.jwt")),
                                   REDRESS_PROBE_BINARY, "health " + Address());
  EXPECT_EQ(code, 0) << output;
  EXPECT_THAT(output, HasSubstr("SERVING"));
  EXPECT_THAT(health_.authorization, HasSubstr("Bearer ey"));
}

TEST_F(ClientToolsTlsTest, ProbeWithoutTheCaSpeaksPlaintextAndFails) {
  const auto [code, output] =
      Tool("", REDRESS_PROBE_BINARY, "health --rpc_timeout=2s " + Address());
  EXPECT_EQ(code, 3) << output;
}

TEST_F(ClientToolsTlsTest, ProbeReportsABadConfigurationBeforeCalling) {
  const auto [code, output] =
      Tool("REDRESS_TOKEN=token-123", REDRESS_PROBE_BINARY, "health " + Address());
  EXPECT_EQ(code, 1) << output;
  EXPECT_THAT(output, HasSubstr("REDRESS_CA_FILE is not"));
}

TEST_F(ClientToolsTlsTest, CliCallsOverTlsWithTheToken) {
  const auto [code, output] = Tool(
      absl::StrCat("REDRESS_CA_FILE=", Dev("ca.pem"), " REDRESS_TOKEN=token-123"),
      REDRESS_CLI_BINARY,
      absl::StrCat("--intake=", Address(), " --timeout=3s intake grpc.health.v1.Health.Check"));
  EXPECT_EQ(code, 0) << output;
  EXPECT_THAT(output, HasSubstr("SERVING"));
  EXPECT_EQ(health_.authorization, "Bearer token-123");
}

TEST_F(ClientToolsTlsTest, CliReportsAnUnreadableCaFile) {
  const auto [code, output] =
      Tool("REDRESS_CA_FILE=/no/such/ca.pem", REDRESS_CLI_BINARY,
           absl::StrCat("--intake=", Address(), " intake grpc.health.v1.Health.Check"));
  EXPECT_EQ(code, 2) << output;
  EXPECT_THAT(output, HasSubstr("REDRESS_CA_FILE \"/no/such/ca.pem\": cannot read"));
}

}  // namespace
}  // namespace redress
