// The intake binary with transport security (issue 13): TLS on its service port, users
// authenticated by bearer tokens and authorised by the RPC table, plaintext health on a port of
// its own. Credentials and tokens come from scripts/dev-credentials and scripts/dev-tokens, made
// once for the binary.

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/testing/status_matchers.h"
#include "common/tls.h"
#include "redress/intake/v1/intake.grpc.pb.h"
#include "tests/process.h"

namespace redress::testing {
namespace {

namespace iv1 = ::redress::intake::v1;

constexpr char kIntakeService[] = "redress.intake.v1.Intake";

std::string ReadTrimmed(const std::string& path) {
  std::ifstream in(path);
  std::stringstream contents;
  contents << in.rdbuf();
  return std::string(absl::StripAsciiWhitespace(contents.str()));
}

class SecureIntakeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(MakeTempDir("secure-e2e"));
    const std::string make = absl::StrCat(REDRESS_DEV_CREDENTIALS, " ", *dir_,
                                          "/tls >/dev/null && BUILD_DIR=", REDRESS_BUILD_DIR, " ",
                                          REDRESS_DEV_TOKENS, " ", *dir_, " >/dev/null");
    ASSERT_EQ(std::system(make.c_str()), 0) << make;
  }
  static void TearDownTestSuite() { delete dir_; }

  void SetUp() override {
    address_ = absl::StrCat("127.0.0.1:", PickFreePort());
    health_address_ = absl::StrCat("127.0.0.1:", PickFreePort());
    const std::string tls = *dir_ + "/tls/";
    const std::vector<std::string> flags = {
        "--listen=" + address_,
        "--health_listen=" + health_address_,
        "--data_dir=" + MakeTempDir("secure-e2e-data"),
        "--drain_timeout=1s",
        "--tls_cert_file=" + tls + "intake.pem",
        "--tls_key_file=" + tls + "intake.key",
        "--tls_ca_file=" + tls + "ca.pem",
        "--jwt_public_key_file=" + *dir_ + "/jwt/public.pem",
        "--jwt_algorithm=RS256",
        "--jwt_issuer=redress-dev",
        "--jwt_audience=redress",
    };
    log_path_ = *dir_ + "/intake-" + std::to_string(PickFreePort()) + ".log";
    ASSERT_THAT(ChildProcess::Start(REDRESS_INTAKE_BINARY, flags, log_path_, process_), IsOk());
    // The plaintext health port is how a probe (and this test) learns the server is up.
    ASSERT_THAT(
        WaitForServing(health_address_, kIntakeService, absl::Seconds(30), Transport::kPlaintext),
        IsOk())
        << ReadFileOrEmpty(log_path_);
  }

  void TearDown() override { process_.Stop(SIGTERM); }

  // A stub over TLS trusting the development CA, sending `token` when not empty.
  std::unique_ptr<iv1::Intake::Stub> StubWith(const std::string& token) {
    TlsChannelOptions options;
    if (!token.empty()) options.bearer_token = token;
    auto credentials = ChannelCredentials(*dir_ + "/tls/ca.pem", options);
    EXPECT_THAT(credentials.status(), IsOk());
    return iv1::Intake::NewStub(grpc::CreateChannel(address_, *credentials));
  }
  std::string Token(const std::string& role) {
    return ReadTrimmed(*dir_ + "/tokens/" + role + ".jwt");
  }

  static grpc::StatusCode ListOrganisations(iv1::Intake::Stub& stub) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    iv1::ListOrganisationsRequest request;
    iv1::ListOrganisationsResponse response;
    return stub.ListOrganisations(&context, request, &response).error_code();
  }
  static grpc::Status CreateOrganisation(iv1::Intake::Stub& stub, const std::string& id) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    iv1::CreateOrganisationRequest request;
    request.set_request_id("create-" + id);
    request.set_organisation_id(id);
    iv1::Organisation organisation;
    return stub.CreateOrganisation(&context, request, &organisation);
  }

  static std::string* dir_;
  std::string address_;
  std::string health_address_;
  std::string log_path_;
  ChildProcess process_;
};

std::string* SecureIntakeTest::dir_ = nullptr;

TEST_F(SecureIntakeTest, AUserWithAValidTokenIsServedOverTls) {
  EXPECT_EQ(ListOrganisations(*StubWith(Token("caseworker"))), grpc::StatusCode::OK)
      << ReadFileOrEmpty(log_path_);
}

TEST_F(SecureIntakeTest, MissingOrForgedTokensAreUnauthenticated) {
  EXPECT_EQ(ListOrganisations(*StubWith("")), grpc::StatusCode::UNAUTHENTICATED);
  std::string forged = Token("caseworker");
  // Changes the signature's first character (its last one may carry only padding bits).
  char& signature_start = forged[forged.rfind('.') + 1];
  signature_start = signature_start == 'A' ? 'B' : 'A';
  EXPECT_EQ(ListOrganisations(*StubWith(forged)), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ListOrganisations(*StubWith("not-a-jwt")), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(SecureIntakeTest, TheTableDecidesWhichRolesMayChangeTheRegister) {
  const grpc::Status refused = CreateOrganisation(*StubWith(Token("caseworker")), "org-a");
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED) << refused.error_message();
  EXPECT_THAT(refused.error_message(), ::testing::HasSubstr("CreateOrganisation"));
  const grpc::Status allowed = CreateOrganisation(*StubWith(Token("administrator")), "org-a");
  // Past authorisation the request itself is judged (it names no organisation details).
  EXPECT_NE(allowed.error_code(), grpc::StatusCode::PERMISSION_DENIED) << allowed.error_message();
  EXPECT_NE(allowed.error_code(), grpc::StatusCode::UNAUTHENTICATED) << allowed.error_message();
}

TEST_F(SecureIntakeTest, PlaintextReachesOnlyTheHealthPort) {
  auto plaintext =
      iv1::Intake::NewStub(grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  EXPECT_EQ(ListOrganisations(*plaintext), grpc::StatusCode::UNAVAILABLE);
  auto health_port = iv1::Intake::NewStub(
      grpc::CreateChannel(health_address_, grpc::InsecureChannelCredentials()));
  EXPECT_EQ(ListOrganisations(*health_port), grpc::StatusCode::UNIMPLEMENTED);
}

TEST_F(SecureIntakeTest, OnlyRemedyMayReadPersonalDetails) {
  // A peer certificate of another service is not enough; a user token neither.
  const std::string tls = *dir_ + "/tls/";
  auto investigation = ChannelCredentials(
      TlsFiles{tls + "investigation.pem", tls + "investigation.key", tls + "ca.pem"});
  ASSERT_THAT(investigation.status(), IsOk());
  auto remedy =
      ChannelCredentials(TlsFiles{tls + "remedy.pem", tls + "remedy.key", tls + "ca.pem"});
  ASSERT_THAT(remedy.status(), IsOk());
  auto call = [&](const std::shared_ptr<grpc::ChannelCredentials>& credentials) {
    auto stub = iv1::Intake::NewStub(grpc::CreateChannel(address_, credentials));
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    iv1::GetComplaintPersonalDetailsRequest request;
    request.set_name("complaints/c-none");
    iv1::ComplaintPersonalDetails response;
    return stub->GetComplaintPersonalDetails(&context, request, &response).error_code();
  };
  EXPECT_EQ(call(*investigation), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(call(*remedy), grpc::StatusCode::NOT_FOUND);
  TlsChannelOptions caseworker;
  caseworker.bearer_token = Token("caseworker");
  auto user = ChannelCredentials(tls + "ca.pem", caseworker);
  ASSERT_THAT(user.status(), IsOk());
  EXPECT_EQ(call(*user), grpc::StatusCode::PERMISSION_DENIED);
}

// Secure by default: a service given neither TLS files nor --insecure does not start, and says
// what to give; --insecure on an address other than loopback is refused too.
TEST(SecureByDefaultTest, AServiceWithoutTransportSecurityRefusesToStart) {
  const std::string dir = MakeTempDir("secure-default");
  for (const std::vector<std::string>& flags :
       {std::vector<std::string>{"--listen=127.0.0.1:" + std::to_string(PickFreePort())},
        std::vector<std::string>{"--insecure",
                                 "--listen=0.0.0.0:" + std::to_string(PickFreePort())}}) {
    const std::string log = dir + "/intake-" + std::to_string(PickFreePort()) + ".log";
    ChildProcess intake;
    std::vector<std::string> args = flags;
    args.push_back("--data_dir=" + dir + "/data");
    ASSERT_THAT(ChildProcess::Start(REDRESS_INTAKE_BINARY, args, log, intake), IsOk());
    const int status = intake.Stop(0, absl::Seconds(20));  // signal 0: wait for it to exit
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) != 0) << ReadFileOrEmpty(log);
    EXPECT_THAT(ReadFileOrEmpty(log), ::testing::AnyOf(::testing::HasSubstr("--tls_cert_file"),
                                                       ::testing::HasSubstr("loopback")))
        << ReadFileOrEmpty(log);
  }
}

}  // namespace
}  // namespace redress::testing
