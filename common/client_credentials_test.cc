// Tests of common/client_credentials: each case of the environment convention, checked by calling
// two in-process Echo servers on 127.0.0.1:0, one serving TLS and one plaintext. Certificates
// (scripts/dev-credentials) and tokens (scripts/dev-tokens) are made once per test binary.
#include "common/client_credentials.h"

#include <gmock/gmock.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/testing/scratch_dir.h"
#include "common/testing/status_matchers.h"
#include "common/tls.h"
#include "redress/testing/echo.grpc.pb.h"

namespace redress {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr char kNoAuthorization[] = "(none)";

MATCHER_P(IsOkAndHolds, value, "is OK and holds " + ::testing::PrintToString(value)) {
  if (!arg.ok()) {
    *result_listener << "status " << arg.status();
    return false;
  }
  return *arg == value;
}

// Answers with the authorization header it received, in trailing metadata.
class EchoService final : public redress::testing::Echo::Service {
 public:
  grpc::Status Sleep(grpc::ServerContext* context, const redress::testing::SleepRequest*,
                     redress::testing::SleepResponse*) override {
    const auto authorization = context->client_metadata().find("authorization");
    context->AddTrailingMetadata(
        "authorization-seen",
        authorization == context->client_metadata().end()
            ? std::string(kNoAuthorization)
            : std::string(authorization->second.data(), authorization->second.size()));
    return grpc::Status::OK;
  }
};

// Calls Sleep once on a new channel, within two seconds; the authorization header the server saw.
absl::StatusOr<std::string> AuthorizationSeen(
    int port, std::shared_ptr<grpc::ChannelCredentials> credentials) {
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  auto stub = redress::testing::Echo::NewStub(grpc::CreateCustomChannel(
      absl::StrCat("127.0.0.1:", port), std::move(credentials), arguments));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  redress::testing::SleepResponse response;
  const grpc::Status status = stub->Sleep(&context, {}, &response);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  }
  const auto seen = context.GetServerTrailingMetadata().find("authorization-seen");
  if (seen == context.GetServerTrailingMetadata().end()) return std::string();
  return std::string(seen->second.data(), seen->second.size());
}

std::string Contents(const std::string& path) {
  std::ifstream in(path);
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

class ClientCredentialsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new redress::testing::ScratchDir();
    const std::string credentials = absl::StrCat(REDRESS_SOURCE_DIR, "/scripts/dev-credentials ",
                                                 dir_->File("dev"), " >/dev/null");
    ASSERT_EQ(std::system(credentials.c_str()), 0) << credentials;
    const std::string tokens =
        absl::StrCat("BUILD_DIR=", REDRESS_BUILD_DIR, " ", REDRESS_SOURCE_DIR,
                     "/scripts/dev-tokens ", dir_->File("dev"), " >/dev/null");
    ASSERT_EQ(std::system(tokens.c_str()), 0) << tokens;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static std::string Dev(const std::string& file) { return dir_->File("dev/" + file); }

  // A TLS server with intake's development certificate, and a plaintext one.
  void SetUp() override {
    absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> tls =
        ServerCredentials({Dev("intake.pem"), Dev("intake.key"), Dev("ca.pem")});
    ASSERT_THAT(tls.status(), IsOk());
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", *tls, &tls_port_);
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &plaintext_port_);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_NE(tls_port_, 0);
    ASSERT_NE(plaintext_port_, 0);
  }
  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown(std::chrono::system_clock::now());
  }

  static std::shared_ptr<grpc::ChannelCredentials> CredentialsOf(
      const ClientEnvironment& environment) {
    absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
        ClientCredentials(environment);
    EXPECT_THAT(credentials.status(), IsOk());
    return credentials.value_or(nullptr);
  }

  static redress::testing::ScratchDir* dir_;
  redress::testing::ScratchDir own_;
  EchoService service_;
  std::unique_ptr<grpc::Server> server_;
  int tls_port_ = 0;
  int plaintext_port_ = 0;
};

redress::testing::ScratchDir* ClientCredentialsTest::dir_ = nullptr;

TEST_F(ClientCredentialsTest, NothingSetIsPlaintext) {
  std::shared_ptr<grpc::ChannelCredentials> credentials = CredentialsOf({});
  EXPECT_THAT(AuthorizationSeen(plaintext_port_, credentials),
              IsOkAndHolds(std::string(kNoAuthorization)));
  EXPECT_THAT(AuthorizationSeen(tls_port_, credentials).status(),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(ClientCredentialsTest, EmptyValuesCountAsUnset) {
  EXPECT_THAT(AuthorizationSeen(plaintext_port_, CredentialsOf({"", "", ""})),
              IsOkAndHolds(std::string(kNoAuthorization)));
}

TEST_F(ClientCredentialsTest, CaOnlyIsTlsWithoutToken) {
  std::shared_ptr<grpc::ChannelCredentials> credentials = CredentialsOf({Dev("ca.pem"), {}, {}});
  EXPECT_THAT(AuthorizationSeen(tls_port_, credentials),
              IsOkAndHolds(std::string(kNoAuthorization)));
  EXPECT_THAT(AuthorizationSeen(plaintext_port_, credentials).status(),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(ClientCredentialsTest, ServerFromAnotherCaIsRefused) {
  ASSERT_EQ(std::system(absl::StrCat(REDRESS_SOURCE_DIR, "/scripts/dev-credentials ",
                                     own_.File("other"), " >/dev/null")
                            .c_str()),
            0);
  EXPECT_THAT(
      AuthorizationSeen(tls_port_, CredentialsOf({own_.File("other/ca.pem"), {}, {}})).status(),
      StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(ClientCredentialsTest, CaAndTokenSendsTheBearerToken) {
  EXPECT_THAT(AuthorizationSeen(tls_port_, CredentialsOf({Dev("ca.pem"), "token-123", {}})),
              IsOkAndHolds(std::string("Bearer token-123")));
}

TEST_F(ClientCredentialsTest, TokenFileIsReadAndTrimmed) {
  const std::string token_file = Dev("tokens/caseworker.jwt");
  const std::string jwt(absl::StripAsciiWhitespace(Contents(token_file)));
  ASSERT_FALSE(jwt.empty());
  EXPECT_THAT(AuthorizationSeen(tls_port_, CredentialsOf({Dev("ca.pem"), {}, token_file})),
              IsOkAndHolds(std::string(absl::StrCat("Bearer ", jwt))));
  std::ofstream(own_.File("padded.jwt")) << "\n  " << jwt << " \n\n";
  EXPECT_THAT(
      AuthorizationSeen(tls_port_, CredentialsOf({Dev("ca.pem"), {}, own_.File("padded.jwt")})),
      IsOkAndHolds(std::string(absl::StrCat("Bearer ", jwt))));
}

TEST_F(ClientCredentialsTest, BothTokenVariablesAreInvalidArgument) {
  EXPECT_THAT(
      ClientCredentials({Dev("ca.pem"), "token-123", Dev("tokens/caseworker.jwt")}).status(),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("REDRESS_TOKEN and REDRESS_TOKEN_FILE"))));
}

TEST_F(ClientCredentialsTest, TokenWithoutCaIsInvalidArgument) {
  EXPECT_THAT(ClientCredentials({{}, "token-123", {}}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("REDRESS_TOKEN"), HasSubstr("REDRESS_CA_FILE"),
                             HasSubstr("only sent over TLS"))));
  EXPECT_THAT(ClientCredentials({{}, {}, Dev("tokens/caseworker.jwt")}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("REDRESS_TOKEN_FILE"), HasSubstr("REDRESS_CA_FILE"))));
}

TEST_F(ClientCredentialsTest, UnusableCaFileIsInvalidArgumentNamingTheVariable) {
  EXPECT_THAT(ClientCredentials({own_.File("no-such-ca.pem"), {}, {}}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("REDRESS_CA_FILE"), HasSubstr("no-such-ca.pem"),
                             HasSubstr("cannot read"))));
  std::ofstream(own_.File("not-pem")) << "not a certificate\n";
  EXPECT_THAT(ClientCredentials({own_.File("not-pem"), {}, {}}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("REDRESS_CA_FILE"), HasSubstr("no PEM"))));
}

TEST_F(ClientCredentialsTest, UnusableTokenFileIsInvalidArgument) {
  EXPECT_THAT(ClientCredentials({Dev("ca.pem"), {}, own_.File("no-such.jwt")}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("REDRESS_TOKEN_FILE"), HasSubstr("no-such.jwt"))));
  std::ofstream(own_.File("blank.jwt")) << " \n";
  EXPECT_THAT(ClientCredentials({Dev("ca.pem"), {}, own_.File("blank.jwt")}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("holds no token")));
}

TEST_F(ClientCredentialsTest, TokenWithWhitespaceIsInvalidArgument) {
  EXPECT_THAT(ClientCredentials({Dev("ca.pem"), "Bearer token-123", {}}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("REDRESS_TOKEN"), HasSubstr("whitespace"))));
}

TEST_F(ClientCredentialsTest, ReadsTheProcessEnvironment) {
  ASSERT_EQ(setenv("REDRESS_CA_FILE", Dev("ca.pem").c_str(), 1), 0);
  ASSERT_EQ(setenv("REDRESS_TOKEN_FILE", Dev("tokens/auditor.jwt").c_str(), 1), 0);
  unsetenv("REDRESS_TOKEN");
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      ClientCredentialsFromEnvironment();
  unsetenv("REDRESS_CA_FILE");
  unsetenv("REDRESS_TOKEN_FILE");
  ASSERT_THAT(credentials.status(), IsOk());
  EXPECT_THAT(AuthorizationSeen(tls_port_, *credentials),
              IsOkAndHolds(std::string(absl::StrCat(
                  "Bearer ", absl::StripAsciiWhitespace(Contents(Dev("tokens/auditor.jwt")))))));
}

}  // namespace
}  // namespace redress
