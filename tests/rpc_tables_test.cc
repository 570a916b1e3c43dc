// Each service's table of who may call what (common/access.h) against its generated descriptor,
// without starting anything: every RPC has exactly one table line and every line is an RPC, so
// a new RPC cannot ship without someone deciding who may call it. The end-to-end walk
// (rpc_roles_e2e_test.cc) checks that the servers enforce the tables.

#include <gmock/gmock.h>
#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "common/access.h"
#include "redress/intake/v1/intake.grpc.pb.h"
#include "redress/investigation/v1/investigation.grpc.pb.h"
#include "redress/remedy/v1/remedy.grpc.pb.h"
#include "services/intake/api/intake_access.h"
#include "services/investigation/api/investigation_access.h"
#include "services/remedy/api/remedy_access.h"
#include "tests/rpc_walk.h"

namespace redress::testing {
namespace {

using ::testing::IsEmpty;

const google::protobuf::ServiceDescriptor& Service(const google::protobuf::Descriptor* request,
                                                   const std::string& full_name) {
  const google::protobuf::ServiceDescriptor* service = GeneratedService(request, full_name);
  if (service == nullptr) {
    ADD_FAILURE() << "no service " << full_name;
    std::abort();
  }
  return *service;
}

TEST(RpcTablesTest, EachServiceTableListsExactlyItsRpcs) {
  EXPECT_THAT(TableMismatches(Service(intake::v1::CreateOrganisationRequest::descriptor(),
                                      "redress.intake.v1.Intake"),
                              intake::Calls()),
              IsEmpty());
  EXPECT_THAT(TableMismatches(Service(investigation::v1::OpenInvestigationRequest::descriptor(),
                                      "redress.investigation.v1.Investigations"),
                              investigation::Calls()),
              IsEmpty());
  EXPECT_THAT(TableMismatches(Service(remedy::v1::ReceiveDecisionRequest::descriptor(),
                                      "redress.remedy.v1.Remedy"),
                              remedy::Calls()),
              IsEmpty());
}

// The check itself must see a missing line, a stray line and a duplicate.
TEST(RpcTablesTest, AMissingStrayOrRepeatedLineIsReported) {
  const google::protobuf::ServiceDescriptor& intake =
      Service(intake::v1::CreateOrganisationRequest::descriptor(), "redress.intake.v1.Intake");
  std::vector<MethodAccess> lines = intake::Calls().methods();
  const std::string dropped = lines.back().method;
  lines.pop_back();
  lines.push_back({"ForgetEverything", {}, {}});
  lines.push_back(lines.front());
  const std::vector<std::string> problems =
      TableMismatches(intake, CallPolicy("intake.redress", lines));
  EXPECT_THAT(problems, ::testing::UnorderedElementsAre(
                            ::testing::HasSubstr(dropped + " has no entry"),
                            ::testing::HasSubstr("ForgetEverything is no RPC"),
                            ::testing::HasSubstr(lines.front().method + " twice")));
}

// The walk's expectation is read from the lines, independently of CallPolicy::Authorize; the two
// must agree on every line.
TEST(RpcTablesTest, TheWalksReadingOfALineAgreesWithAuthorize) {
  for (const CallPolicy* policy : {&intake::Calls(), &investigation::Calls(), &remedy::Calls()}) {
    for (const MethodAccess& line : policy->methods()) {
      std::vector<Principal> callers;
      for (auth::Role role : auth::kAllRoles) {
        Principal user;
        user.kind = Principal::Kind::kUser;
        user.subject = "someone";
        user.roles = {role};
        callers.push_back(user);
      }
      for (const char* name : {"intake", "investigation", "remedy", "reporting"}) {
        Principal service;
        service.kind = Principal::Kind::kService;
        service.subject = name;
        callers.push_back(service);
      }
      for (const Principal& caller : callers) {
        EXPECT_EQ(TableAllows(line, caller), policy->Authorize(caller, line.method).ok())
            << line.method << " for " << caller.Actor();
      }
    }
  }
}

}  // namespace
}  // namespace redress::testing
