// Tests of common/tls: an in-process Echo server over TLS on 127.0.0.1:0, called by users (CA
// only), by services (their own certificate), by clients it must refuse, and across a certificate
// rotation. Certificates come from scripts/dev-credentials, run once per test binary into two
// directories: two unrelated CAs, each with its three service certificates.
#include "common/tls.h"

#include <gmock/gmock.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/testing/scratch_dir.h"
#include "common/testing/status_matchers.h"
#include "redress/testing/echo.grpc.pb.h"

namespace redress {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr char kNoPeer[] = "(none)";

// Answers with what the server learnt about the caller, in trailing metadata: the calling service
// (PeerService, or "(none)") and the authorization header it received.
class EchoService final : public redress::testing::Echo::Service {
 public:
  grpc::Status Sleep(grpc::ServerContext* context, const redress::testing::SleepRequest*,
                     redress::testing::SleepResponse*) override {
    context->AddTrailingMetadata("peer-service", PeerService(*context).value_or(kNoPeer));
    const auto authorization = context->client_metadata().find("authorization");
    if (authorization != context->client_metadata().end()) {
      context->AddTrailingMetadata("authorization-seen", std::string(authorization->second.data(),
                                                                     authorization->second.size()));
    }
    return grpc::Status::OK;
  }
};

struct CallResult {
  std::string peer_service;
  std::string authorization;
};

// Calls Sleep once over a new channel of its own (no connection shared with earlier calls), within
// two seconds.
absl::StatusOr<CallResult> Call(int port, std::shared_ptr<grpc::ChannelCredentials> credentials,
                                const std::string& target_name_override = "") {
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  if (!target_name_override.empty()) arguments.SetSslTargetNameOverride(target_name_override);
  auto stub = redress::testing::Echo::NewStub(grpc::CreateCustomChannel(
      absl::StrCat("127.0.0.1:", port), std::move(credentials), arguments));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  redress::testing::SleepResponse response;
  const grpc::Status status = stub->Sleep(&context, {}, &response);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  }
  CallResult result;
  for (const auto& [key, value] : context.GetServerTrailingMetadata()) {
    std::string text(value.data(), value.size());
    if (key == "peer-service") result.peer_service = text;
    if (key == "authorization-seen") result.authorization = text;
  }
  return result;
}

class TlsTest : public ::testing::Test {
 protected:
  // Two independent credential directories, made once: `ca_` and `other_ca_`.
  static void SetUpTestSuite() {
    dirs_ = new redress::testing::ScratchDir();
    for (const char* name : {"a", "b"}) {
      const std::string command =
          absl::StrCat(REDRESS_DEV_CREDENTIALS, " ", dirs_->File(name), " >/dev/null");
      ASSERT_EQ(std::system(command.c_str()), 0) << command;
    }
  }
  static void TearDownTestSuite() {
    delete dirs_;
    dirs_ = nullptr;
  }

  static std::string CaA(const std::string& file) { return dirs_->File("a/" + file); }
  static std::string CaB(const std::string& file) { return dirs_->File("b/" + file); }
  static TlsFiles ServiceFiles(const std::string& service, bool other_ca = false) {
    auto in = other_ca ? &TlsTest::CaB : &TlsTest::CaA;
    return {in(service + ".pem"), in(service + ".key"), in("ca.pem")};
  }

  // Serves Echo over TLS with the intake certificate of CA a, from copies of the files in this
  // test's own directory (server.pem, server.key, ca.pem), reloaded every second.
  void StartServer() {
    std::filesystem::copy_file(CaA("intake.pem"), own_.File("server.pem"));
    std::filesystem::copy_file(CaA("intake.key"), own_.File("server.key"));
    std::filesystem::copy_file(CaA("ca.pem"), own_.File("ca.pem"));
    absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials = ServerCredentials(
        {own_.File("server.pem"), own_.File("server.key"), own_.File("ca.pem")}, absl::Seconds(1));
    ASSERT_THAT(credentials.status(), IsOk());
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", *credentials, &port_);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_NE(port_, 0);
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown(std::chrono::system_clock::now());
  }

  // Rotates this test's <name>.pem and <name>.key to copies of `cert` and `key`, each written
  // under a temporary name and then renamed, as a certificate manager would.
  void Install(const std::string& cert, const std::string& key, const std::string& name) {
    for (const auto& [source, suffix] : {std::pair{key, ".key"}, std::pair{cert, ".pem"}}) {
      const std::string target = own_.File(name + suffix);
      std::filesystem::copy_file(source, target + ".new");
      std::filesystem::rename(target + ".new", target);
    }
  }

  // Calls on a new channel every 200 ms until a call succeeds (a reload every second has then
  // happened), for at most 10 seconds; the last result.
  absl::StatusOr<CallResult> CallUntilOk(std::shared_ptr<grpc::ChannelCredentials> credentials) {
    const absl::Time give_up = absl::Now() + absl::Seconds(10);
    absl::StatusOr<CallResult> result;
    do {
      result = Call(port_, credentials);
      if (result.ok()) break;
      absl::SleepFor(absl::Milliseconds(200));
    } while (absl::Now() < give_up);
    return result;
  }

  static std::shared_ptr<grpc::ChannelCredentials> UserCredentials(const std::string& ca_file) {
    absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
        ChannelCredentials(ca_file);
    EXPECT_THAT(credentials.status(), IsOk());
    return credentials.value_or(nullptr);
  }
  static std::shared_ptr<grpc::ChannelCredentials> ServiceCredentials(
      const TlsFiles& files, const TlsChannelOptions& options = {}) {
    absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
        ChannelCredentials(files, options);
    EXPECT_THAT(credentials.status(), IsOk());
    return credentials.value_or(nullptr);
  }

  static redress::testing::ScratchDir* dirs_;
  redress::testing::ScratchDir own_;
  EchoService service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

redress::testing::ScratchDir* TlsTest::dirs_ = nullptr;

TEST_F(TlsTest, UserWithOnlyTheCaConnectsAndIsNoService) {
  StartServer();
  absl::StatusOr<CallResult> result = Call(port_, UserCredentials(CaA("ca.pem")));
  ASSERT_THAT(result.status(), IsOk());
  EXPECT_EQ(result->peer_service, kNoPeer);
}

TEST_F(TlsTest, UserBearerTokenReachesTheServer) {
  StartServer();
  TlsChannelOptions options;
  options.bearer_token = "token-123";
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      ChannelCredentials(CaA("ca.pem"), options);
  ASSERT_THAT(credentials.status(), IsOk());
  absl::StatusOr<CallResult> result = Call(port_, *credentials);
  ASSERT_THAT(result.status(), IsOk());
  EXPECT_EQ(result->authorization, "Bearer token-123");
  EXPECT_EQ(result->peer_service, kNoPeer);
}

TEST_F(TlsTest, ServiceWithItsCertificateIsNamedByPeerService) {
  StartServer();
  absl::StatusOr<CallResult> result =
      Call(port_, ServiceCredentials(ServiceFiles("investigation")));
  ASSERT_THAT(result.status(), IsOk());
  EXPECT_EQ(result->peer_service, "investigation");
  EXPECT_EQ(result->authorization, "");
}

TEST_F(TlsTest, ClientCertificateFromAnotherCaIsRefused) {
  StartServer();
  // Trusts the server (CA a) but presents a certificate of CA b.
  TlsFiles files = ServiceFiles("investigation", /*other_ca=*/true);
  files.ca_file = CaA("ca.pem");
  EXPECT_THAT(Call(port_, ServiceCredentials(files)).status(),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(TlsTest, ServerFromAnotherCaIsRefused) {
  StartServer();
  EXPECT_THAT(Call(port_, UserCredentials(CaB("ca.pem"))).status(),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(TlsTest, ServerCertificateMustNameTheHostDialled) {
  StartServer();
  EXPECT_THAT(Call(port_, UserCredentials(CaA("ca.pem")), "elsewhere.example").status(),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(TlsTest, PlaintextClientIsRefused) {
  StartServer();
  EXPECT_THAT(Call(port_, grpc::InsecureChannelCredentials()).status(),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(TlsTest, RotatedServerCertificateIsServedWithoutRestart) {
  StartServer();
  ASSERT_THAT(Call(port_, UserCredentials(CaB("ca.pem"))).status(),
              StatusIs(absl::StatusCode::kUnavailable));
  Install(CaB("intake.pem"), CaB("intake.key"), "server");
  absl::StatusOr<CallResult> result = CallUntilOk(UserCredentials(CaB("ca.pem")));
  EXPECT_THAT(result.status(), IsOk()) << "the server kept its old certificate";
  EXPECT_THAT(Call(port_, UserCredentials(CaA("ca.pem"))).status(),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(TlsTest, RotatedClientCertificateIsPresentedWithoutRestart) {
  StartServer();
  // The client starts with a certificate of CA b, which the server refuses.
  Install(CaB("investigation.pem"), CaB("investigation.key"), "client");
  TlsChannelOptions options;
  options.refresh_interval = absl::Seconds(1);
  std::shared_ptr<grpc::ChannelCredentials> credentials = ServiceCredentials(
      {own_.File("client.pem"), own_.File("client.key"), CaA("ca.pem")}, options);
  ASSERT_THAT(Call(port_, credentials).status(), StatusIs(absl::StatusCode::kUnavailable));
  Install(CaA("investigation.pem"), CaA("investigation.key"), "client");
  absl::StatusOr<CallResult> result = CallUntilOk(credentials);
  ASSERT_THAT(result.status(), IsOk()) << "the client kept its old certificate";
  EXPECT_EQ(result->peer_service, "investigation");
}

TEST_F(TlsTest, MissingFilesAreInvalidArgumentNamingTheFlag) {
  TlsFiles files = ServiceFiles("intake");
  files.key_file = CaA("no-such.key");
  EXPECT_THAT(ServerCredentials(files).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("tls_key_file"), HasSubstr("no-such.key"))));
  EXPECT_THAT(ChannelCredentials(files).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("tls_key_file")));
  EXPECT_THAT(ChannelCredentials(CaA("no-such-ca.pem")).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("tls_ca_file"), HasSubstr("no-such-ca.pem"))));
  files = ServiceFiles("intake");
  files.cert_file = "";
  EXPECT_THAT(ServerCredentials(files).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("tls_cert_file")));
}

TEST_F(TlsTest, FileWithoutPemIsInvalidArgument) {
  std::FILE* file = std::fopen(own_.File("ca.pem").c_str(), "w");
  ASSERT_NE(file, nullptr);
  std::fputs("not a certificate\n", file);
  std::fclose(file);
  TlsFiles files = ServiceFiles("intake");
  files.ca_file = own_.File("ca.pem");
  EXPECT_THAT(ServerCredentials(files).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("tls_ca_file"), HasSubstr("no PEM"))));
}

}  // namespace
}  // namespace redress
