// Service tests of scoping within an allowed call (issue 13, docs/security.md): a complainant
// reaches only the recommendations of complaints they own (investigation hands the owner over with
// the decision), a liaison only those its organisation must act on; lists narrow, gets and changes
// beyond reach are OUT_OF_SCOPE. Calls are made as users through CallAs.

#include <string>
#include <vector>

#include "common/caller_reach.h"
#include "common/testing/principals.h"
#include "services/remedy/api/remedy_service_test_support.h"

namespace redress::remedy::testing {
namespace {

using ::redress::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const std::string kOutOfScope(kOutOfScopeReason);

Principal ComplainantUser(const std::string& subject) {
  return ::redress::testing::Complainant(subject);
}
Principal LiaisonUser(const std::string& subject, const std::string& organisation) {
  return ::redress::testing::Liaison(subject, organisation);
}

class RemedyScopeTest : public RemedyServiceTest {
 protected:
  // Receives DecisionRequest(investigation) with `owner` as the complaint's owner: r1 for HMCTS
  // (the first organisation), r2 for the DVLA.
  std::vector<std::string> ReceiveOwned(const std::string& investigation,
                                        const std::string& owner) {
    v1::ReceiveDecisionRequest request = DecisionRequest(investigation);
    request.mutable_event()->set_complaint_owner(owner);
    const v1::ReceiveDecisionResponse response = Ok(&v1::Remedy::Stub::ReceiveDecision, request);
    std::vector<std::string> names;
    for (const v1::Recommendation& r : response.recommendations()) names.push_back(r.name());
    return names;
  }

  grpc::Status GetAs(const Principal& caller, const std::string& name) {
    v1::GetRecommendationRequest request;
    request.set_name(name);
    v1::Recommendation response;
    return CallAs(caller, &v1::Remedy::Stub::GetRecommendation, request, &response);
  }

  std::vector<std::string> NamesListedFor(const Principal& caller, const std::string& filter = "") {
    std::vector<std::string> names;
    v1::ListRecommendationsRequest request;
    request.set_page_size(1);
    request.set_filter(filter);
    do {
      v1::ListRecommendationsResponse response;
      const grpc::Status status =
          CallAs(caller, &v1::Remedy::Stub::ListRecommendations, request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      for (const v1::Recommendation& r : response.recommendations()) names.push_back(r.name());
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
    return names;
  }
};

TEST_F(RemedyScopeTest, AComplainantReachesOnlyTheRecommendationsOfTheirOwnComplaints) {
  const std::vector<std::string> alices = ReceiveOwned("inv1", "alice");
  const std::vector<std::string> bobs = ReceiveOwned("inv2", "bob");
  const std::vector<std::string> ownerless = ReceiveOwned("inv3", "");
  EXPECT_THAT(GetAs(ComplainantUser("alice"), alices[0]), IsOk());
  ExpectError(GetAs(ComplainantUser("alice"), bobs[0]), grpc::StatusCode::PERMISSION_DENIED,
              kOutOfScope);
  ExpectError(GetAs(ComplainantUser("alice"), ownerless[1]), grpc::StatusCode::PERMISSION_DENIED,
              kOutOfScope);
  EXPECT_THAT(NamesListedFor(ComplainantUser("alice")), ElementsAre(alices[0], alices[1]));
  EXPECT_THAT(NamesListedFor(ComplainantUser("bob")), ElementsAre(bobs[0], bobs[1]));
  EXPECT_EQ(NamesListedFor(::redress::testing::Caseworker("cw-1")).size(), 6u);
  EXPECT_EQ(NamesListedFor(::redress::testing::Publisher("pub-1")).size(), 6u);

  // Declining: only the owner.
  v1::Recommendation response;
  ExpectError(CallAs(ComplainantUser("bob"), &v1::Remedy::Stub::DeclineRecommendation,
                     DeclineRequest(alices[1]), &response),
              grpc::StatusCode::PERMISSION_DENIED, kOutOfScope);
  EXPECT_EQ(Get(alices[1]).state(), v1::RECOMMENDATION_STATE_AWAITING_RESPONSE);
  ASSERT_THAT(CallAs(ComplainantUser("alice"), &v1::Remedy::Stub::DeclineRecommendation,
                     DeclineRequest(alices[1]), &response),
              IsOk());
  EXPECT_EQ(response.state(), v1::RECOMMENDATION_STATE_DECLINED);
}

TEST_F(RemedyScopeTest, ALiaisonReachesOnlyTheRecommendationsItsOrganisationMustActOn) {
  const std::vector<std::string> names = ReceiveOwned("inv1", "alice");  // r1 HMCTS, r2 DVLA
  const Principal hmcts = LiaisonUser("li-1", "hmcts");
  const Principal dvla = LiaisonUser("li-2", "organisations/dvla");
  EXPECT_THAT(NamesListedFor(hmcts), ElementsAre(names[0]));
  EXPECT_THAT(NamesListedFor(dvla), ElementsAre(names[1]));
  EXPECT_THAT(NamesListedFor(hmcts, "organisation = \"organisations/dvla\""), IsEmpty());
  EXPECT_THAT(NamesListedFor(LiaisonUser("li-3", "")), IsEmpty());
  EXPECT_THAT(GetAs(hmcts, names[0]), IsOk());
  ExpectError(GetAs(hmcts, names[1]), grpc::StatusCode::PERMISSION_DENIED, kOutOfScope);
  ExpectError(GetAs(LiaisonUser("li-3", ""), names[0]), grpc::StatusCode::PERMISSION_DENIED,
              kOutOfScope);

  // Answering for another organisation changes nothing; answering for its own works.
  v1::Recommendation response;
  ExpectError(
      CallAs(hmcts, &v1::Remedy::Stub::AcceptRecommendation, AcceptRequest(names[1]), &response),
      grpc::StatusCode::PERMISSION_DENIED, kOutOfScope);
  ExpectError(
      CallAs(hmcts, &v1::Remedy::Stub::DisputeRecommendation, DisputeRequest(names[1]), &response),
      grpc::StatusCode::PERMISSION_DENIED, kOutOfScope);
  ExpectError(
      CallAs(hmcts, &v1::Remedy::Stub::RecordCompliance, ComplianceRequest(names[1]), &response),
      grpc::StatusCode::PERMISSION_DENIED, kOutOfScope);
  EXPECT_EQ(Get(names[1]).state(), v1::RECOMMENDATION_STATE_AWAITING_RESPONSE);
  ASSERT_THAT(
      CallAs(dvla, &v1::Remedy::Stub::AcceptRecommendation, AcceptRequest(names[1]), &response),
      IsOk());
  EXPECT_EQ(response.state(), v1::RECOMMENDATION_STATE_ACCEPTED);
}

}  // namespace
}  // namespace redress::remedy::testing
