// Every RPC of each real service binary, over TLS with the development credentials, called by
// every kind of caller (issue 13): a token of each role, each peer service's certificate, a token
// sent with a peer's certificate, certificates naming no Redress service or from another CA, no
// credentials, and tokens wrong in every way. The RPCs come from the generated descriptor and the
// expectations from the service's table, so a new RPC, a table line, or a handler checking the
// wrong method name is covered without editing this file.

#include <gmock/gmock.h>
#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "common/auth/role.h"
#include "common/testing/status_matchers.h"
#include "redress/intake/v1/intake.grpc.pb.h"
#include "redress/investigation/v1/investigation.grpc.pb.h"
#include "redress/remedy/v1/remedy.grpc.pb.h"
#include "services/intake/api/intake_access.h"
#include "services/investigation/api/investigation_access.h"
#include "services/remedy/api/remedy_access.h"
#include "tests/dev_credentials.h"
#include "tests/process.h"
#include "tests/refused_credentials.h"
#include "tests/rpc_walk.h"

namespace redress::testing {
namespace {

using Expect = WalkCaller::Expect;

struct ServiceUnderTest {
  const char* name;       // "intake": its certificate, and the test's name
  const char* binary;     // compiled in by tests/CMakeLists.txt
  const char* full_name;  // of its gRPC service in the generated descriptor pool
  const google::protobuf::Descriptor* (*request)();  // any message of the service's .proto
  const CallPolicy& (*calls)();
};

// Names the parameter in ctest's test names (gtest would print the struct's bytes).
void PrintTo(const ServiceUnderTest& service, std::ostream* out) { *out << service.name; }

const ServiceUnderTest kServices[] = {
    {"intake", REDRESS_INTAKE_BINARY, "redress.intake.v1.Intake",
     &intake::v1::CreateOrganisationRequest::descriptor, &intake::Calls},
    {"investigation", REDRESS_INVESTIGATION_BINARY, "redress.investigation.v1.Investigations",
     &investigation::v1::OpenInvestigationRequest::descriptor, &investigation::Calls},
    {"remedy", REDRESS_REMEDY_BINARY, "redress.remedy.v1.Remedy",
     &remedy::v1::ReceiveDecisionRequest::descriptor, &remedy::Calls},
};

constexpr const char* kPeerServices[] = {"intake", "investigation", "remedy"};

Principal User(const std::string& subject, std::set<auth::Role> roles) {
  Principal user;
  user.kind = Principal::Kind::kUser;
  user.subject = subject;
  user.roles = std::move(roles);
  return user;
}

Principal Service(const std::string& name) {
  Principal service;
  service.kind = Principal::Kind::kService;
  service.subject = name;
  return service;
}

class RpcRolesTest : public ::testing::TestWithParam<ServiceUnderTest> {
 protected:
  void SetUp() override {
    absl::StatusOr<const DevCredentials*> credentials = DevCredentials::Shared();
    ASSERT_THAT(credentials.status(), IsOk());
    credentials_ = *credentials;
    descriptor_ =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(GetParam().full_name);
    ASSERT_NE(descriptor_, nullptr) << GetParam().full_name;
    ASSERT_THAT(SecureService::Start(*credentials_, GetParam().binary, GetParam().name,
                                     GetParam().full_name, {}, server_),
                IsOk());
  }
  void TearDown() override { server_.Stop(); }

  // Adds a caller, failing the test when its credentials cannot be made.
  void Add(std::string name,
           const absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>>& credentials,
           Expect expect, Principal principal = {}, std::string refusal = "") {
    ASSERT_THAT(credentials.status(), IsOk()) << name;
    callers_.push_back(
        {std::move(name), *credentials, expect, std::move(principal), std::move(refusal)});
  }

  // Walks every RPC with callers_ and fails with every wrong answer, one per line.
  void WalkAndExpectNoMismatch() {
    ASSERT_THAT(TableMismatches(*descriptor_, GetParam().calls()), ::testing::IsEmpty());
    int calls = 0;
    const std::vector<std::string> mismatches =
        WalkEveryRpc(server_.address(), *descriptor_, GetParam().calls(), callers_, &calls);
    EXPECT_EQ(calls, descriptor_->method_count() * static_cast<int>(callers_.size()));
    EXPECT_TRUE(mismatches.empty()) << mismatches.size() << " wrong answers of " << calls << ":\n"
                                    << absl::StrJoin(mismatches, "\n") << "\n"
                                    << server_.log();
    // Still up after every call: an UNAVAILABLE answer above was a refused handshake, not a
    // server that had gone away.
    EXPECT_THAT(WaitForServing(server_.health_address(), GetParam().full_name, absl::Seconds(5),
                               Transport::kPlaintext),
                IsOk())
        << server_.log();
  }

  const DevCredentials* credentials_ = nullptr;
  const google::protobuf::ServiceDescriptor* descriptor_ = nullptr;
  SecureService server_;
  std::vector<WalkCaller> callers_;
};

TEST_P(RpcRolesTest, EveryRpcAnswersEachRoleAndPeerAsTheTableSays) {
  for (auth::Role role : auth::kAllRoles) {
    const std::string name(auth::RoleName(role));
    const std::string token = credentials_->Token(name);
    ASSERT_FALSE(token.empty()) << "scripts/dev-tokens issues no token for the role " << name;
    Add("token of " + name, credentials_->UserCredentials(token), Expect::kTable,
        User("dev-" + name, {role}));
  }
  for (const char* peer : kPeerServices) {
    Add(std::string("certificate of ") + peer, credentials_->PeerCredentials(peer), Expect::kTable,
        Service(peer));
  }
  // A token makes the caller its user, whatever certificate comes with it: a caseworker on
  // remedy's host gains nothing of remedy's.
  Add("caseworker's token with remedy's certificate",
      credentials_->PeerCredentials("remedy", credentials_->Token("caseworker")), Expect::kTable,
      User("dev-caseworker", {auth::Role::kCaseworker}));
  // From the development CA, so authenticated, but naming a service no table lists.
  absl::StatusOr<StrangerCertificates> strangers = MakeStrangerCertificates(*credentials_);
  ASSERT_THAT(strangers.status(), IsOk());
  Add("certificate of spiffe://redress/reporting", ChannelCredentials(strangers->unknown_service),
      Expect::kTable, Service("reporting"));
  WalkAndExpectNoMismatch();
}

TEST_P(RpcRolesTest, EveryRpcRefusesCallersWithoutAUsableIdentity) {
  Add("no token and no certificate", credentials_->UserCredentials(""), Expect::kUnauthenticated,
      {}, "needs a bearer token");
  absl::StatusOr<std::vector<RefusedToken>> tokens = MakeRefusedTokens(*credentials_);
  ASSERT_THAT(tokens.status(), IsOk());
  for (const RefusedToken& token : *tokens) {
    Add("token " + token.name, credentials_->UserCredentials(token.token), Expect::kUnauthenticated,
        {}, token.refusal);
  }
  absl::StatusOr<StrangerCertificates> strangers = MakeStrangerCertificates(*credentials_);
  ASSERT_THAT(strangers.status(), IsOk());
  Add("certificate of spiffe://other.example/remedy", ChannelCredentials(strangers->foreign_domain),
      Expect::kUnauthenticated);
  // The server verifies every certificate a client presents; one it cannot chain to its CA
  // fails the handshake, so no call reaches it at all.
  Add("another CA's certificate of spiffe://redress/remedy",
      ChannelCredentials(strangers->other_ca), Expect::kHandshakeRefused);
  WalkAndExpectNoMismatch();
}

INSTANTIATE_TEST_SUITE_P(Services, RpcRolesTest, ::testing::ValuesIn(kServices),
                         [](const ::testing::TestParamInfo<ServiceUnderTest>& service) {
                           return std::string(service.param.name);
                         });

}  // namespace
}  // namespace redress::testing
