// Service tests of scoping within an allowed call (issue 13, docs/security.md): a complainant
// reaches only the investigations of complaints they own (intake hands the owner over with
// OpenInvestigation), a liaison only those investigating its organisation; each speaks only as
// itself; the owner goes on to remedy with the decision and leaves the delivered outbox row; and a
// request_id is the caller's own. Calls are made as users through CallAs.

#include <string>
#include <variant>
#include <vector>

#include "common/caller_reach.h"
#include "common/testing/principals.h"
#include "services/investigation/api/investigation_service_test_support.h"

namespace redress::investigation::testing {
namespace {

using ::redress::testing::Auditor;
using ::redress::testing::Caseworker;
using ::redress::testing::Complainant;
using ::redress::testing::IsOk;
using ::redress::testing::Liaison;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

const std::string kOutOfScope(kOutOfScopeReason);

class ReachServiceTest : public InvestigationServiceTest {
 protected:
  // Opens the investigation of `complaint`, owned by `owner`, about `organisation`.
  std::string OpenOwned(const std::string& complaint, const std::string& owner,
                        const std::string& organisation = "organisations/cafcass") {
    v1::ComplaintSnapshot snapshot = ValidSnapshot(complaint);
    snapshot.set_organisations(0, organisation);
    v1::OpenInvestigationRequest request = OpenRequest(complaint + "/acceptance", snapshot);
    request.set_owner(owner);
    return Ok(kOpen, request).name();
  }

  grpc::Status GetAs(const Principal& caller, const std::string& name) {
    v1::GetInvestigationRequest request;
    request.set_name(name);
    v1::Investigation response;
    return CallAs(caller, kGet, request, &response);
  }

  std::vector<std::string> NamesListedFor(const Principal& caller, const std::string& filter = "") {
    std::vector<std::string> names;
    v1::ListInvestigationsRequest request;
    request.set_page_size(1);
    request.set_filter(filter);
    do {
      v1::ListInvestigationsResponse response;
      const grpc::Status status = CallAs(caller, kList, request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      for (const v1::Investigation& i : response.investigations()) names.push_back(i.name());
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
    return names;
  }

  // Opened for `owner`, assigned, scoped, found and shared, ready for comments.
  std::string Shared(const std::string& complaint, const std::string& owner) {
    const std::string name = OpenOwned(complaint, owner);
    Ok(kAssign, AssignRequest(name));
    Ok(kAgreeScope, ScopeRequest(name));
    Ok(kRecordFinding, FindingRequest(name, "cp1", true, true));
    Ok(kRecordFinding, FindingRequest(name, "cp2", true, false));
    Ok(kUpdate, NarrativeRequest(name, "We partly upheld this complaint."));
    Ok(kShare, ShareRequest(name));
    return name;
  }
};

TEST_P(ReachServiceTest, AComplainantReachesOnlyTheInvestigationsOfTheirOwnComplaints) {
  const std::string alices = OpenOwned("complaints/a1", "alice");
  const std::string alices_second = OpenOwned("complaints/a2", "alice");
  const std::string bobs = OpenOwned("complaints/b1", "bob");
  const std::string ownerless = OpenOwned("complaints/n1", "");

  EXPECT_THAT(GetAs(Complainant("alice"), alices), IsOk());
  ExpectError(GetAs(Complainant("alice"), bobs), grpc::StatusCode::PERMISSION_DENIED, kOutOfScope);
  ExpectError(GetAs(Complainant("alice"), ownerless), grpc::StatusCode::PERMISSION_DENIED,
              kOutOfScope);
  EXPECT_THAT(NamesListedFor(Complainant("alice")), ElementsAre(alices, alices_second));
  EXPECT_THAT(NamesListedFor(Complainant("bob")), ElementsAre(bobs));
  EXPECT_THAT(NamesListedFor(Complainant("nobody")), IsEmpty());
  EXPECT_EQ(NamesListedFor(Caseworker("cw-1")).size(), 4u);
  EXPECT_EQ(NamesListedFor(Auditor("au-1")).size(), 4u);
  // The table's refusal keeps its own reason.
  v1::Investigation response;
  ExpectError(CallAs(Complainant("alice"), kAssign, AssignRequest(alices), &response),
              grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
}

TEST_P(ReachServiceTest, ALiaisonReachesOnlyItsOrganisationsInvestigations) {
  const std::string about_cafcass = OpenOwned("complaints/a1", "alice");
  const std::string about_dwp = OpenOwned("complaints/b1", "bob", "organisations/dwp");
  const Principal liaison = Liaison("li-1", "cafcass");
  EXPECT_THAT(GetAs(liaison, about_cafcass), IsOk());
  ExpectError(GetAs(liaison, about_dwp), grpc::StatusCode::PERMISSION_DENIED, kOutOfScope);
  EXPECT_THAT(NamesListedFor(liaison), ElementsAre(about_cafcass));
  EXPECT_THAT(NamesListedFor(liaison, "organisation = \"organisations/dwp\""), IsEmpty());
  EXPECT_THAT(NamesListedFor(Liaison("li-2", "organisations/dwp")), ElementsAre(about_dwp));
  // Without an organisation, nothing.
  EXPECT_THAT(NamesListedFor(Liaison("li-3", "")), IsEmpty());
  ExpectError(GetAs(Liaison("li-3", ""), about_cafcass), grpc::StatusCode::PERMISSION_DENIED,
              kOutOfScope);
}

TEST_P(ReachServiceTest, ChangesBeyondReachAreRefusedAndChangeNothing) {
  const std::string bobs = Shared("complaints/b1", "bob");
  const v1::Investigation before = Get(bobs);
  v1::Investigation response;
  ExpectError(CallAs(Complainant("alice"), kLogComment,
                     CommentRequest(bobs, "c-1", common_v1::PARTY_COMPLAINANT), &response),
              grpc::StatusCode::PERMISSION_DENIED, kOutOfScope);
  ExpectError(CallAs(Complainant("alice"), kWithdraw, WithdrawRequest(bobs), &response),
              grpc::StatusCode::PERMISSION_DENIED, kOutOfScope);
  ExpectError(CallAs(Complainant("alice"), kRequestReview, ReviewRequest(bobs, "r-1"), &response),
              grpc::StatusCode::PERMISSION_DENIED, kOutOfScope);
  ExpectError(CallAs(Liaison("li-1", "dwp"), kLogComment,
                     CommentRequest(bobs, "c-2", common_v1::PARTY_ORGANISATION), &response),
              grpc::StatusCode::PERMISSION_DENIED, kOutOfScope);
  EXPECT_EQ(Get(bobs).etag(), before.etag());

  // Bob, and Cafcass's liaison, may comment; each only as itself.
  ASSERT_THAT(CallAs(Complainant("bob"), kLogComment,
                     CommentRequest(bobs, "c-1", common_v1::PARTY_COMPLAINANT), &response),
              IsOk());
  ExpectError(CallAs(Complainant("bob"), kLogComment,
                     CommentRequest(bobs, "c-3", common_v1::PARTY_ORGANISATION), &response),
              grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  ExpectError(CallAs(Liaison("li-1", "cafcass"), kLogComment,
                     CommentRequest(bobs, "c-4", common_v1::PARTY_COMPLAINANT), &response),
              grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  ASSERT_THAT(CallAs(Liaison("li-1", "cafcass"), kLogComment,
                     CommentRequest(bobs, "c-2", common_v1::PARTY_ORGANISATION), &response),
              IsOk());
  EXPECT_EQ(response.provisional_view().comments_size(), 2);
  ASSERT_THAT(CallAs(Complainant("bob"), kWithdraw, WithdrawRequest(bobs), &response), IsOk());
  EXPECT_EQ(response.state(), v1::INVESTIGATION_STATE_WITHDRAWN);
}

TEST_P(ReachServiceTest, ARequestIdIsTheCallersOwn) {
  const std::string name = Shared("complaints/a1", "alice");
  v1::Investigation by_complainant;
  ASSERT_THAT(CallAs(Complainant("alice"), kLogComment,
                     CommentRequest(name, "same-key", common_v1::PARTY_COMPLAINANT, "From Mrs B."),
                     &by_complainant),
              IsOk());
  // The caseworker logging the organisation's comment under the same key is another request.
  v1::Investigation by_caseworker;
  ASSERT_THAT(
      CallAs(Caseworker("cw-1"), kLogComment,
             CommentRequest(name, "same-key", common_v1::PARTY_ORGANISATION, "From Cafcass."),
             &by_caseworker),
      IsOk());
  EXPECT_EQ(by_caseworker.provisional_view().comments_size(), 2);
  // Alice's retry is answered as before, and adds nothing.
  v1::Investigation retried;
  ASSERT_THAT(CallAs(Complainant("alice"), kLogComment,
                     CommentRequest(name, "same-key", common_v1::PARTY_COMPLAINANT, "From Mrs B."),
                     &retried),
              IsOk());
  EXPECT_EQ(Get(name).provisional_view().comments_size(), 2);
}

TEST_P(ReachServiceTest, TheOwnerGoesToRemedyWithTheDecisionAndLeavesTheDeliveredRow) {
  const std::string name = Shared("complaints/a1", "alice");
  Ok(kLogComment, CommentRequest(name, "c-1", common_v1::PARTY_COMPLAINANT));
  Ok(kLogComment, CommentRequest(name, "c-2", common_v1::PARTY_ORGANISATION));
  Ok(kIssueDecision, DecisionRequest(name));
  std::vector<OutboxEntry> outbox = Outbox();
  ASSERT_EQ(outbox.size(), 1u);
  const auto* decision = std::get_if<DecisionHandoff>(&outbox[0].handoff);
  ASSERT_NE(decision, nullptr);
  EXPECT_EQ(decision->complaint_owner, "alice");

  ASSERT_THAT(store().MarkDelivered(outbox[0].id, absl::Now()), IsOk());
  outbox = Outbox();
  decision = std::get_if<DecisionHandoff>(&outbox[0].handoff);
  ASSERT_NE(decision, nullptr);
  EXPECT_EQ(decision->complaint_owner, "");
  EXPECT_EQ(decision->complaint, "complaints/a1");
  EXPECT_THAT(decision->organisations, ::testing::SizeIs(1));
}

INSTANTIATE_TEST_SUITE_P(Stores, ReachServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

}  // namespace
}  // namespace redress::investigation::testing
