// The intake binary with transport security (issue 13): TLS on its service port, users
// authenticated by bearer tokens and authorised by the RPC table, plaintext health on a port of
// its own. Credentials and tokens come from scripts/dev-credentials and scripts/dev-tokens, made
// at build time (tests/dev_credentials.h over tests/test_security.h).

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "common/tls.h"
#include "redress/intake/v1/intake.grpc.pb.h"
#include "tests/dev_credentials.h"
#include "tests/process.h"

namespace redress::testing {
namespace {

namespace iv1 = ::redress::intake::v1;

constexpr char kIntakeService[] = "redress.intake.v1.Intake";

class SecureIntakeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<const DevCredentials*> credentials = DevCredentials::Shared();
    ASSERT_THAT(credentials.status(), IsOk());
    credentials_ = *credentials;
    ASSERT_THAT(SecureService::Start(*credentials_, REDRESS_INTAKE_BINARY, "intake", kIntakeService,
                                     {}, server_),
                IsOk());
    address_ = server_.address();
  }

  void TearDown() override { server_.Stop(); }

  // A stub over TLS trusting the development CA, sending `token` when not empty.
  std::unique_ptr<iv1::Intake::Stub> StubWith(const std::string& token) {
    auto credentials = credentials_->UserCredentials(token);
    EXPECT_THAT(credentials.status(), IsOk());
    return iv1::Intake::NewStub(grpc::CreateChannel(address_, *credentials));
  }
  std::string Token(const std::string& role) { return credentials_->Token(role); }

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

  const DevCredentials* credentials_ = nullptr;
  SecureService server_;
  std::string address_;
};

TEST_F(SecureIntakeTest, AUserWithAValidTokenIsServedOverTls) {
  EXPECT_EQ(ListOrganisations(*StubWith(Token("caseworker"))), grpc::StatusCode::OK)
      << server_.log();
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

// gRPC's AuthContext belongs to the connection, not the call (grpc/grpc#28809): what one call's
// token says must not be what the next call on the same connection is taken for.
TEST_F(SecureIntakeTest, EachCallIsItsOwnTokensUserOnASharedConnection) {
  auto credentials = credentials_->UserCredentials("");  // the CA only; tokens per call below
  ASSERT_THAT(credentials.status(), IsOk());
  auto stub = iv1::Intake::NewStub(grpc::CreateChannel(address_, *credentials));
  auto create_as = [&](const std::string& role, const std::string& id) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    context.set_credentials(grpc::AccessTokenCredentials(Token(role)));
    iv1::CreateOrganisationRequest request;
    request.set_request_id("create-" + id);
    request.set_organisation_id(id);
    iv1::Organisation organisation;
    return stub->CreateOrganisation(&context, request, &organisation).error_code();
  };
  // The administrator first, then a caseworker on the same connection: the caseworker gains
  // nothing from the call before.
  EXPECT_NE(create_as("administrator", "org-a"), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(create_as("caseworker", "org-b"), grpc::StatusCode::PERMISSION_DENIED) << server_.log();
  EXPECT_NE(create_as("administrator", "org-c"), grpc::StatusCode::PERMISSION_DENIED);
}

// Many calls at once on one connection, each with its own token: each is judged by its own, and
// the server stays up (when calls recorded their users in the shared AuthContext, concurrent
// calls corrupted it and the server aborted).
TEST_F(SecureIntakeTest, ConcurrentCallsWithDifferentTokensOnOneConnection) {
  auto credentials = credentials_->UserCredentials("");
  ASSERT_THAT(credentials.status(), IsOk());
  auto stub = iv1::Intake::NewStub(grpc::CreateChannel(address_, *credentials));
  constexpr int kThreads = 8;
  constexpr int kCallsPerThread = 100;
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string role = t % 2 == 0 ? "administrator" : "caseworker";
      const std::string token = Token(role);
      for (int i = 0; i < kCallsPerThread; ++i) {
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
        context.set_credentials(grpc::AccessTokenCredentials(token));
        iv1::CreateOrganisationRequest request;  // names nothing: judged only past the table
        iv1::Organisation organisation;
        const grpc::StatusCode code =
            stub->CreateOrganisation(&context, request, &organisation).error_code();
        const bool refused = code == grpc::StatusCode::PERMISSION_DENIED;
        if (refused != (role == "caseworker") || code == grpc::StatusCode::UNAVAILABLE) ++wrong;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0) << server_.log();
  EXPECT_EQ(ListOrganisations(*StubWith(Token("caseworker"))), grpc::StatusCode::OK)
      << "the server did not survive: " << server_.log();
}

TEST_F(SecureIntakeTest, PlaintextReachesOnlyTheHealthPort) {
  auto plaintext =
      iv1::Intake::NewStub(grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  EXPECT_EQ(ListOrganisations(*plaintext), grpc::StatusCode::UNAVAILABLE);
  auto health_port = iv1::Intake::NewStub(
      grpc::CreateChannel(server_.health_address(), grpc::InsecureChannelCredentials()));
  EXPECT_EQ(ListOrganisations(*health_port), grpc::StatusCode::UNIMPLEMENTED);
}

TEST_F(SecureIntakeTest, OnlyRemedyMayReadPersonalDetails) {
  // A peer certificate of another service is not enough; a user token neither.
  auto investigation = credentials_->PeerCredentials("investigation");
  ASSERT_THAT(investigation.status(), IsOk());
  auto remedy = credentials_->PeerCredentials("remedy");
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
  auto user = credentials_->UserCredentials(Token("caseworker"));
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
