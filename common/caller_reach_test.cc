#include "common/caller_reach.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "common/auth/role.h"
#include "common/principal.h"
#include "common/testing/principals.h"
#include "common/testing/rpc_details.h"
#include "common/testing/status_matchers.h"
#include "google/rpc/error_details.pb.h"

namespace redress {
namespace {

using ::redress::testing::Assessor;
using ::redress::testing::Auditor;
using ::redress::testing::Caseworker;
using ::redress::testing::Complainant;
using ::redress::testing::IsOk;
using ::redress::testing::kErrorInfoUrl;
using ::redress::testing::Liaison;
using ::redress::testing::Payload;
using ::redress::testing::Publisher;
using ::redress::testing::StatusIs;
using ::redress::testing::User;
using ::testing::ElementsAre;
using ::testing::Optional;
using ::testing::Pair;

const std::vector<std::string> kCafcass = {"cafcass"};
const std::vector<std::string> kHmctsAndCafcass = {"hmcts", "cafcass"};
const std::vector<std::string> kHmcts = {"hmcts"};
const std::vector<std::string> kNone = {};

Principal Service(std::string name) {
  Principal service;
  service.kind = Principal::Kind::kService;
  service.subject = std::move(name);
  return service;
}

// Those who reach every case, whoever owns it and whatever organisation it concerns.
TEST(CallerReachTest, DevelopmentServicesAndStaffReachEverything) {
  const Principal callers[] = {
      DevelopmentPrincipal(),
      Service("remedy"),
      Caseworker("cw"),
      Assessor("as"),
      Auditor("au"),
      Publisher("pu"),
      User("ad", {auth::Role::kAdministrator}),
      // A staff role wins over a narrow one held with it.
      User("both", {auth::Role::kComplainant, auth::Role::kCaseworker}),
  };
  for (const Principal& caller : callers) {
    SCOPED_TRACE(caller.Actor());
    const CallerReach reach(caller);
    EXPECT_TRUE(reach.everything());
    EXPECT_TRUE(reach.Reaches("", kNone));
    EXPECT_TRUE(reach.Reaches("someone-else", kHmcts));
    EXPECT_THAT(reach.CheckReaches("someone-else", kHmcts, "complaints/c1"), IsOk());
    EXPECT_EQ(reach.owner_filter(), std::nullopt);
    EXPECT_EQ(reach.organisation_filter(), std::nullopt);
    EXPECT_EQ(reach.OwnerOfNewCase(), "");
  }
}

TEST(CallerReachTest, PersonalDetailsAreForCaseworkersAssessorsServicesAndDevelopment) {
  for (const Principal& caller :
       {DevelopmentPrincipal(), Service("remedy"), Caseworker("cw"), Assessor("as")}) {
    SCOPED_TRACE(caller.Actor());
    EXPECT_TRUE(CallerReach(caller).SeesPersonalDetails("someone-else"));
    EXPECT_TRUE(CallerReach(caller).SeesPersonalDetails(""));
  }
  for (const Principal& caller :
       {Auditor("au"), Publisher("pu"), User("ad", {auth::Role::kAdministrator}),
        Liaison("li", "cafcass")}) {
    SCOPED_TRACE(caller.Actor());
    EXPECT_FALSE(CallerReach(caller).SeesPersonalDetails("someone-else"));
    EXPECT_FALSE(CallerReach(caller).SeesPersonalDetails(""));
  }
}

TEST(CallerReachTest, AComplainantReachesOnlyTheCasesTheyOwn) {
  const CallerReach reach(Complainant("alice"));
  EXPECT_FALSE(reach.everything());
  EXPECT_TRUE(reach.Reaches("alice", kHmcts));
  EXPECT_TRUE(reach.Reaches("alice", kNone));
  EXPECT_FALSE(reach.Reaches("bob", kHmcts));
  EXPECT_FALSE(reach.Reaches("", kHmcts));  // ownerless: staff only
  EXPECT_FALSE(reach.Reaches("Alice", kHmcts));
  EXPECT_FALSE(reach.Reaches("alice2", kHmcts));
  EXPECT_THAT(reach.owner_filter(), Optional(std::string("alice")));
  EXPECT_EQ(reach.organisation_filter(), std::nullopt);
  EXPECT_TRUE(reach.SeesPersonalDetails("alice"));
  EXPECT_FALSE(reach.SeesPersonalDetails("bob"));
  EXPECT_FALSE(reach.SeesPersonalDetails(""));
  EXPECT_EQ(reach.OwnerOfNewCase(), "alice");
}

TEST(CallerReachTest, AComplainantWithAnEmptySubjectReachesNoOwnerlessCase) {
  const CallerReach reach(Complainant(""));
  EXPECT_FALSE(reach.Reaches("", kHmcts));
  EXPECT_FALSE(reach.SeesPersonalDetails(""));
}

TEST(CallerReachTest, OutOfReachIsPermissionDeniedOutOfScopeNamingTheResource) {
  const absl::Status status =
      CallerReach(Complainant("alice")).CheckReaches("bob", kHmcts, "complaints/c1");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kPermissionDenied));
  auto info = Payload<google::rpc::ErrorInfo>(status, kErrorInfoUrl);
  EXPECT_EQ(info.reason(), kOutOfScopeReason);
  EXPECT_THAT(info.metadata(), ElementsAre(Pair("resource", "complaints/c1")));
  EXPECT_THAT(CallerReach(Complainant("alice")).CheckReaches("alice", kHmcts, "complaints/c1"),
              IsOk());
}

TEST(CallerReachTest, ALiaisonReachesItsOrganisationsCasesWhoeverOwnsThem) {
  for (const char* claim : {"cafcass", "organisations/cafcass"}) {
    SCOPED_TRACE(claim);
    const CallerReach reach(Liaison("li", claim));
    EXPECT_FALSE(reach.everything());
    EXPECT_TRUE(reach.Reaches("", kCafcass));
    EXPECT_TRUE(reach.Reaches("alice", kHmctsAndCafcass));
    EXPECT_FALSE(reach.Reaches("", kHmcts));
    EXPECT_FALSE(reach.Reaches("li", kHmcts));  // its own subject is no owner's claim
    EXPECT_FALSE(reach.Reaches("", kNone));
    EXPECT_THAT(reach.CheckReaches("", kHmcts, "investigations/i1"),
                StatusIs(absl::StatusCode::kPermissionDenied));
    EXPECT_EQ(reach.owner_filter(), std::nullopt);
    EXPECT_THAT(reach.organisation_filter(), Optional(std::string("cafcass")));
    EXPECT_FALSE(reach.SeesPersonalDetails(""));
    EXPECT_EQ(reach.OwnerOfNewCase(), "");
  }
}

TEST(CallerReachTest, ALiaisonWithoutAnOrganisationClaimReachesNothing) {
  const CallerReach reach(Liaison("li", ""));
  EXPECT_FALSE(reach.Reaches("", kNone));
  EXPECT_FALSE(reach.Reaches("", kHmcts));
  EXPECT_FALSE(reach.Reaches("", {""}));  // a case naming "" is not its organisation
  // Lists narrow to the organisation "", which no case names.
  EXPECT_THAT(reach.organisation_filter(), Optional(std::string("")));
  EXPECT_EQ(reach.owner_filter(), std::nullopt);
}

TEST(CallerReachTest, ATokenWithBothNarrowRolesListsAsAComplainantAndOpensEither) {
  const CallerReach reach(
      User("alice", {auth::Role::kComplainant, auth::Role::kOrganisationLiaison}, "cafcass"));
  EXPECT_FALSE(reach.everything());
  EXPECT_THAT(reach.owner_filter(), Optional(std::string("alice")));
  EXPECT_EQ(reach.organisation_filter(), std::nullopt);
  EXPECT_TRUE(reach.Reaches("alice", kHmcts));
  EXPECT_TRUE(reach.Reaches("bob", kCafcass));
  EXPECT_FALSE(reach.Reaches("bob", kHmcts));
  // Personal details only of its own cases, not of its organisation's.
  EXPECT_TRUE(reach.SeesPersonalDetails("alice"));
  EXPECT_FALSE(reach.SeesPersonalDetails("bob"));
  EXPECT_EQ(reach.OwnerOfNewCase(), "alice");
}

TEST(CallerReachTest, AUserWithNoRoleReachesNothingAndListsNothing) {
  const CallerReach reach(User("nobody", {}));
  EXPECT_FALSE(reach.everything());
  EXPECT_FALSE(reach.Reaches("nobody", kHmcts));
  EXPECT_EQ(reach.owner_filter(), std::nullopt);
  EXPECT_THAT(reach.organisation_filter(), Optional(std::string("")));
  EXPECT_FALSE(reach.SeesPersonalDetails("nobody"));
  EXPECT_EQ(reach.OwnerOfNewCase(), "");
}

TEST(CallerReachTest, AComplainantWhoIsAlsoAnAssessorOwnsNothingTheySubmit) {
  // Staff submit on someone's behalf, so the case is ownerless.
  EXPECT_EQ(CallerReach(User("alice", {auth::Role::kComplainant, auth::Role::kAssessor}))
                .OwnerOfNewCase(),
            "");
}

TEST(RecordedActorTest, IsTheAuthenticatedCallerWhateverWasSent) {
  EXPECT_EQ(RecordedActor(Caseworker("alice"), "caseworker-17"), "user:alice");
  EXPECT_EQ(RecordedActor(Assessor("bob"), ""), "user:bob");
  EXPECT_EQ(RecordedActor(Complainant("carol"), "user:someone-else"), "user:carol");
  EXPECT_EQ(RecordedActor(Service("investigation"), "x"), "service:investigation");
}

TEST(RecordedActorTest, TheDevelopmentCallerKeepsWhatItSent) {
  EXPECT_EQ(RecordedActor(DevelopmentPrincipal(), "caseworker-17"), "caseworker-17");
  EXPECT_EQ(RecordedActor(DevelopmentPrincipal(), ""), "");
}

TEST(OrganisationIdOfClaimTest, AcceptsAnIdOrAResourceName) {
  EXPECT_EQ(OrganisationIdOfClaim("cafcass"), "cafcass");
  EXPECT_EQ(OrganisationIdOfClaim("organisations/cafcass"), "cafcass");
  EXPECT_EQ(OrganisationIdOfClaim(""), "");
  EXPECT_EQ(OrganisationIdOfClaim("organisations/"), "");
  // Only the one prefix is taken off; anything else is the id as given.
  EXPECT_EQ(OrganisationIdOfClaim("organisations/organisations/x"), "organisations/x");
  EXPECT_EQ(OrganisationIdOfClaim("Organisations/cafcass"), "Organisations/cafcass");
}

}  // namespace
}  // namespace redress
