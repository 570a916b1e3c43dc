// Service tests of scoping within an allowed call (issue 13, docs/security.md): a complainant
// reaches only the complaints they submitted, a liaison only its organisation's; personal details
// only for the owner, caseworkers and assessors; the assessor and reviewer are the caller; and a
// request_id is the caller's own. Calls are made as users through CallAs.

#include <string>
#include <vector>

#include "common/caller_reach.h"
#include "common/testing/principals.h"
#include "services/intake/api/intake_service_test_support.h"

namespace redress::intake::testing {
namespace {

using ::redress::testing::Assessor;
using ::redress::testing::Auditor;
using ::redress::testing::Caseworker;
using ::redress::testing::Complainant;
using ::redress::testing::IsOk;
using ::redress::testing::Liaison;
using ::testing::UnorderedElementsAreArray;

constexpr auto kSubmit = &v1::Intake::Stub::SubmitComplaint;
constexpr auto kGet = &v1::Intake::Stub::GetComplaint;
constexpr auto kList = &v1::Intake::Stub::ListComplaints;
constexpr auto kUpdate = &v1::Intake::Stub::UpdateComplaint;
constexpr auto kWithdraw = &v1::Intake::Stub::WithdrawComplaint;
constexpr auto kAssess = &v1::Intake::Stub::AssessComplaint;
constexpr auto kRequestReview = &v1::Intake::Stub::RequestAssessmentReview;
constexpr auto kDecideReview = &v1::Intake::Stub::DecideAssessmentReview;

const std::string kOutOfScope(kOutOfScopeReason);

class ScopeServiceTest : public IntakeServiceTest {
 protected:
  v1::Complaint SubmitAs(const Principal& caller, const std::string& request_id,
                         v1::Complaint complaint = ValidComplaint()) {
    v1::Complaint response;
    const grpc::Status status =
        CallAs(caller, kSubmit, SubmitRequest(request_id, std::move(complaint)), &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  grpc::Status GetAs(const Principal& caller, const std::string& name, v1::Complaint* response) {
    v1::GetComplaintRequest request;
    request.set_name(name);
    return CallAs(caller, kGet, request, response);
  }

  // The names ListComplaints answers `caller` with `filter`, over pages of 2.
  std::vector<std::string> NamesListedFor(const Principal& caller, const std::string& filter = "") {
    std::vector<std::string> names;
    v1::ListComplaintsRequest request;
    request.set_page_size(2);
    request.set_filter(filter);
    do {
      v1::ListComplaintsResponse response;
      const grpc::Status status = CallAs(caller, kList, request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      for (const v1::Complaint& complaint : response.complaints())
        names.push_back(complaint.name());
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
    return names;
  }

  static v1::Complaint AboutDwp() {
    v1::Complaint complaint = ValidComplaint();
    complaint.set_organisations(0, "organisations/dwp");
    return complaint;
  }

  static void ExpectPersonalDetails(const v1::Complaint& complaint) {
    ASSERT_EQ(complaint.people_size(), 1);
    EXPECT_EQ(complaint.people(0).details().family_name(), "Brown");
    EXPECT_EQ(complaint.people(0).details().email(), "ann.brown@example.org");
  }

  static void ExpectNoPersonalDetails(const v1::Complaint& complaint) {
    ASSERT_EQ(complaint.people_size(), 1);
    EXPECT_FALSE(complaint.people(0).has_details()) << complaint.people(0).DebugString();
    EXPECT_EQ(complaint.people(0).anonymised_reference(), "Mrs B");
    EXPECT_EQ(complaint.complainants_reference(), "Mrs B");
    EXPECT_EQ(complaint.what_went_wrong(), ValidComplaint().what_went_wrong());
  }
};

TEST_P(ScopeServiceTest, AComplainantGetsTheirOwnComplaintWithItsPersonalDetails) {
  const v1::Complaint submitted = SubmitAs(Complainant("alice"), "req-1");
  ExpectPersonalDetails(submitted);
  v1::Complaint got;
  ASSERT_THAT(GetAs(Complainant("alice"), submitted.name(), &got), IsOk());
  ExpectPersonalDetails(got);
}

TEST_P(ScopeServiceTest, AnotherComplainantsComplaintIsOutOfScopeNotMerelyRefused) {
  const v1::Complaint submitted = SubmitAs(Complainant("alice"), "req-1");
  v1::Complaint got;
  const ErrorDetails details = ExpectError(GetAs(Complainant("bob"), submitted.name(), &got),
                                           grpc::StatusCode::PERMISSION_DENIED, kOutOfScope);
  EXPECT_EQ(details.error_info.metadata().at("resource"), submitted.name());
  EXPECT_EQ(got.people_size(), 0);
  // The table's refusal of an RPC the role may not call at all has the table's reason.
  v1::Complaint assessed;
  ExpectError(
      CallAs(Complainant("alice"), kAssess, AssessRequest(submitted.name(), "a-1"), &assessed),
      grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED");
}

TEST_P(ScopeServiceTest, AComplaintSubmittedByStaffHasNoOwnerAComplainantCouldReach) {
  const v1::Complaint submitted = SubmitAs(Caseworker("cw-1"), "req-1");
  v1::Complaint got;
  ExpectError(GetAs(Complainant("cw-1"), submitted.name(), &got),
              grpc::StatusCode::PERMISSION_DENIED, kOutOfScope);
  EXPECT_THAT(NamesListedFor(Complainant("cw-1")), ::testing::IsEmpty());
  // Nor does development mode's submission have an owner.
  const v1::Complaint by_developer = Submit("req-2");
  ExpectError(GetAs(Complainant("developer"), by_developer.name(), &got),
              grpc::StatusCode::PERMISSION_DENIED, kOutOfScope);
}

TEST_P(ScopeServiceTest, ListsOnlyTheComplainantsOwnAcrossPagesWhileStaffListAll) {
  std::vector<std::string> alices;
  for (int i = 0; i < 3; ++i) {
    alices.push_back(SubmitAs(Complainant("alice"), "a-" + std::to_string(i)).name());
    SubmitAs(Complainant("bob"), "b-" + std::to_string(i));
  }
  const std::string by_caseworker = SubmitAs(Caseworker("cw-1"), "c-1").name();
  EXPECT_THAT(NamesListedFor(Complainant("alice")), UnorderedElementsAreArray(alices));
  EXPECT_EQ(NamesListedFor(Complainant("bob")).size(), 3u);
  EXPECT_EQ(NamesListedFor(Caseworker("cw-2")).size(), 7u);
  EXPECT_EQ(NamesListedFor(Auditor("au-1")).size(), 7u);
  // The caller's own filter still applies within its reach.
  EXPECT_THAT(NamesListedFor(Complainant("alice"), "state = RECEIVED"),
              UnorderedElementsAreArray(alices));
  EXPECT_THAT(NamesListedFor(Complainant("alice"), "state = ACCEPTED"), ::testing::IsEmpty());
}

TEST_P(ScopeServiceTest, ChangesToAnotherComplainantsComplaintAreRefusedAndChangeNothing) {
  const v1::Complaint submitted = SubmitAs(Complainant("alice"), "req-1");
  const Principal bob = Complainant("bob");

  v1::UpdateComplaintRequest update;
  *update.mutable_complaint() = submitted;
  update.mutable_complaint()->set_outcome_wanted("Something else entirely.");
  update.mutable_update_mask()->add_paths("outcome_wanted");
  v1::Complaint response;
  ExpectError(CallAs(bob, kUpdate, update, &response), grpc::StatusCode::PERMISSION_DENIED,
              kOutOfScope);

  v1::WithdrawComplaintRequest withdraw;
  withdraw.set_name(submitted.name());
  withdraw.set_reason("Not mine to withdraw.");
  ExpectError(CallAs(bob, kWithdraw, withdraw, &response), grpc::StatusCode::PERMISSION_DENIED,
              kOutOfScope);

  v1::RequestAssessmentReviewRequest review;
  review.set_name(submitted.name());
  review.set_request_id("review-1");
  review.set_ground(v1::ASSESSMENT_REVIEW_GROUND_NEW_INFORMATION);
  review.set_explanation("Not mine either.");
  ExpectError(CallAs(bob, kRequestReview, review, &response), grpc::StatusCode::PERMISSION_DENIED,
              kOutOfScope);

  const v1::Complaint after = Get(submitted.name());
  EXPECT_EQ(after.etag(), submitted.etag());
  EXPECT_EQ(after.state(), v1::COMPLAINT_STATE_RECEIVED);

  // The owner may make the same change.
  ASSERT_THAT(CallAs(Complainant("alice"), kUpdate, update, &response), IsOk());
  EXPECT_EQ(response.outcome_wanted(), "Something else entirely.");
  ASSERT_THAT(CallAs(Complainant("alice"), kWithdraw, withdraw, &response), IsOk());
  EXPECT_EQ(response.state(), v1::COMPLAINT_STATE_CLOSED);
}

TEST_P(ScopeServiceTest, ALiaisonReachesOnlyItsOrganisationsComplaintsWithoutPersonalDetails) {
  const std::string about_cafcass = SubmitAs(Complainant("alice"), "req-1").name();
  const std::string about_dwp = SubmitAs(Complainant("bob"), "req-2", AboutDwp()).name();
  // The claim may be the id or the resource name.
  for (const char* claim : {"cafcass", "organisations/cafcass"}) {
    const Principal liaison = Liaison("li-1", claim);
    EXPECT_THAT(NamesListedFor(liaison), UnorderedElementsAreArray({about_cafcass}));
    EXPECT_THAT(NamesListedFor(liaison, "organisation = \"organisations/dwp\""),
                ::testing::IsEmpty());
    v1::Complaint got;
    ASSERT_THAT(GetAs(liaison, about_cafcass, &got), IsOk());
    ExpectNoPersonalDetails(got);
    ExpectError(GetAs(liaison, about_dwp, &got), grpc::StatusCode::PERMISSION_DENIED, kOutOfScope);
  }
  v1::ListComplaintsResponse listed;
  ASSERT_THAT(CallAs(Liaison("li-1", "cafcass"), kList, v1::ListComplaintsRequest(), &listed),
              IsOk());
  ASSERT_EQ(listed.complaints_size(), 1);
  ExpectNoPersonalDetails(listed.complaints(0));
}

TEST_P(ScopeServiceTest, ALiaisonWithoutAnOrganisationSeesNothing) {
  const std::string about_cafcass = SubmitAs(Complainant("alice"), "req-1").name();
  const Principal liaison = Liaison("li-1", "");
  EXPECT_THAT(NamesListedFor(liaison), ::testing::IsEmpty());
  EXPECT_THAT(NamesListedFor(liaison, "organisation = \"organisations/cafcass\""),
              ::testing::IsEmpty());
  v1::Complaint got;
  ExpectError(GetAs(liaison, about_cafcass, &got), grpc::StatusCode::PERMISSION_DENIED,
              kOutOfScope);
}

TEST_P(ScopeServiceTest, AnAuditorSeesEveryComplaintButNoPersonalDetails) {
  const std::string name = SubmitAs(Complainant("alice"), "req-1").name();
  v1::Complaint got;
  ASSERT_THAT(GetAs(Auditor("au-1"), name, &got), IsOk());
  ExpectNoPersonalDetails(got);
  ASSERT_THAT(GetAs(Caseworker("cw-1"), name, &got), IsOk());
  ExpectPersonalDetails(got);
  ASSERT_THAT(GetAs(Assessor("as-1"), name, &got), IsOk());
  ExpectPersonalDetails(got);
}

TEST_P(ScopeServiceTest, TheAssessorAndReviewerRecordedAreTheCallerNotTheRequestsField) {
  v1::Complaint complaint = ValidComplaint();
  complaint.clear_complained_to_organisation_date();  // closed as premature
  complaint.clear_final_response_date();
  const v1::Complaint submitted = SubmitAs(Complainant("alice"), "req-1", complaint);

  v1::AssessComplaintRequest assess = AssessRequest(submitted.name(), "assess-1");
  assess.set_assessor("somebody-else");
  v1::Complaint assessed;
  ASSERT_THAT(CallAs(Assessor("ann"), kAssess, assess, &assessed), IsOk());
  EXPECT_EQ(assessed.assessment().assessor(), "user:ann");
  // A retry that names yet another assessor is the same request: the field is ignored.
  assess.set_assessor("a-third-person");
  v1::Complaint retried;
  ASSERT_THAT(CallAs(Assessor("ann"), kAssess, assess, &retried), IsOk());
  EXPECT_EQ(retried.etag(), assessed.etag());
  ASSERT_EQ(assessed.state(), v1::COMPLAINT_STATE_CLOSED);

  v1::RequestAssessmentReviewRequest review;
  review.set_name(submitted.name());
  review.set_request_id("review-1");
  review.set_ground(v1::ASSESSMENT_REVIEW_GROUND_NEW_INFORMATION);
  review.set_explanation("Cafcass has now sent its final response.");
  v1::Complaint under_review;
  ASSERT_THAT(CallAs(Complainant("alice"), kRequestReview, review, &under_review), IsOk());

  v1::DecideAssessmentReviewRequest decide;
  decide.set_name(submitted.name());
  decide.set_outcome(v1::ASSESSMENT_REVIEW_OUTCOME_DECISION_STANDS);
  decide.set_reason("The decision was right.");
  v1::Complaint decided;
  ASSERT_THAT(CallAs(Assessor("rita"), kDecideReview, decide, &decided), IsOk());
  ASSERT_EQ(decided.reviews_size(), 1);
  EXPECT_EQ(decided.reviews(0).reviewer(), "user:rita");
}

TEST_P(ScopeServiceTest, ARequestIdIsTheCallersOwn) {
  v1::Complaint bobs_body = ValidComplaint();
  bobs_body.set_outcome_wanted("Compensation.");
  const v1::Complaint alices = SubmitAs(Complainant("alice"), "same-key");
  // Another caller with the same key and another body: neither a reuse error nor alice's answer.
  const v1::Complaint bobs = SubmitAs(Complainant("bob"), "same-key", bobs_body);
  EXPECT_NE(bobs.name(), alices.name());
  EXPECT_EQ(bobs.outcome_wanted(), "Compensation.");
  // Nor with the same body.
  const v1::Complaint carols = SubmitAs(Complainant("carol"), "same-key");
  EXPECT_NE(carols.name(), alices.name());
  EXPECT_NE(carols.name(), bobs.name());
  // The same caller retrying gets its first answer, and reusing its key for another body is
  // refused as before.
  EXPECT_EQ(SubmitAs(Complainant("alice"), "same-key").name(), alices.name());
  v1::Complaint response;
  ExpectError(
      CallAs(Complainant("alice"), kSubmit, SubmitRequest("same-key", bobs_body), &response),
      grpc::StatusCode::INVALID_ARGUMENT, "REQUEST_ID_REUSED");
  EXPECT_EQ(NamesListedFor(Caseworker("cw-1")).size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Stores, ScopeServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

}  // namespace
}  // namespace redress::intake::testing
