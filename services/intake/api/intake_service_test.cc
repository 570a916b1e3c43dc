// Service tests of SubmitComplaint, GetComplaint, GetComplaintPersonalDetails and ListComplaints:
// an in-process server on port 0 called through the generated stub. UpdateComplaint and
// WithdrawComplaint are in intake_service_update_test.cc, AssessComplaint in
// intake_service_assess_test.cc.

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/page_bytes.h"
#include "services/intake/api/complaint_service_fixture.h"

namespace redress::intake::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsSupersetOf;
using ::testing::UnorderedElementsAre;

// --- SubmitComplaint. ---

TEST_P(ComplaintServiceTest, SubmitRecordsAReceivedComplaint) {
  v1::Complaint complaint = Submit("req-1");

  EXPECT_EQ(complaint.name(), "complaints/c1");
  EXPECT_EQ(complaint.state(), v1::COMPLAINT_STATE_RECEIVED);
  EXPECT_EQ(complaint.etag(), "1");
  ASSERT_EQ(complaint.people_size(), 1);
  EXPECT_EQ(complaint.people(0).person_id(), "p1");
  EXPECT_EQ(complaint.people(0).anonymised_reference(), "Mrs B");
  EXPECT_EQ(complaint.complainants_reference(), "Mrs B");
  EXPECT_EQ(complaint.people(0).details().family_name(), "Brown");
  EXPECT_THAT(complaint.organisations(), ElementsAre("organisations/cafcass"));
  EXPECT_EQ(complaint.channel(), v1::SUBMISSION_CHANNEL_ONLINE_FORM);
  EXPECT_EQ(complaint.aware_date().year(), 2025);
  EXPECT_EQ(complaint.aware_date().month(), 11);
  EXPECT_EQ(complaint.aware_date().day(), 3);
  // receive_date defaults to today in the scheme's calendar.
  EXPECT_EQ(complaint.receive_date().year(), 2026);
  EXPECT_EQ(complaint.receive_date().month(), 3);
  EXPECT_EQ(complaint.receive_date().day(), 2);
  EXPECT_EQ(complaint.create_time().seconds(), absl::ToUnixSeconds(clock_.Now()));
  EXPECT_FALSE(complaint.has_assessment());
  EXPECT_EQ(complaint.closure_reason(), v1::CLOSURE_REASON_UNSPECIFIED);
}

TEST_P(ComplaintServiceTest, SubmitIgnoresOutputOnlyFields) {
  v1::Complaint draft = ValidComplaint();
  draft.set_name("complaints/chosen-by-client");
  draft.set_state(v1::COMPLAINT_STATE_ACCEPTED);
  draft.set_etag("99");
  draft.set_closure_reason(v1::CLOSURE_REASON_PREMATURE);
  draft.mutable_assessment()->set_accepted(true);
  draft.mutable_people(0)->set_anonymised_reference("Queen Victoria");

  v1::Complaint complaint = Submit("req-1", draft);

  EXPECT_EQ(complaint.name(), "complaints/c1");
  EXPECT_EQ(complaint.state(), v1::COMPLAINT_STATE_RECEIVED);
  EXPECT_EQ(complaint.etag(), "1");
  EXPECT_EQ(complaint.closure_reason(), v1::CLOSURE_REASON_UNSPECIFIED);
  EXPECT_FALSE(complaint.has_assessment());
  EXPECT_EQ(complaint.people(0).anonymised_reference(), "Mrs B");
}

TEST_P(ComplaintServiceTest, SubmitReportsEveryInvalidFieldAtOnce) {
  v1::Complaint draft = ValidComplaint();
  draft.clear_what_went_wrong();
  draft.set_channel(v1::SUBMISSION_CHANNEL_UNSPECIFIED);
  draft.mutable_people(0)->mutable_details()->set_email("not-an-email");
  draft.set_organisations(0, "organisations/no-such-body");
  draft.clear_aware_date();

  v1::Complaint response;
  grpc::Status status = Call(kSubmit, SubmitRequest("req-1", draft), &response);

  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ErrorDetails details = DetailsOf(status);
  EXPECT_EQ(details.code, grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(details.fields(),
              IsSupersetOf({"complaint.what_went_wrong", "complaint.channel",
                            "complaint.people[0].details.email", "complaint.organisations[0]",
                            "complaint.aware_date"}));
  EXPECT_EQ(details.error_info.reason(), "INVALID_ARGUMENT");
  EXPECT_EQ(details.error_info.domain(), "intake.redress");
  EXPECT_TRUE(ListAll("").empty());  // nothing recorded
}

TEST_P(ComplaintServiceTest, SubmitReportsMalformedWireValuesWithTheirPaths) {
  v1::Complaint draft = ValidComplaint();
  *draft.mutable_aware_date() = Date(2026, 2, 30);                       // impossible
  *draft.mutable_complained_to_organisation_date() = Date(2025, 0, 10);  // partly set
  draft.mutable_people(0)->set_role(static_cast<v1::PersonRole>(42));    // undefined number
  draft.add_organisations("Cafcass");                                    // not a resource name
  draft.set_channel(static_cast<v1::SubmissionChannel>(-3));

  v1::Complaint response;
  grpc::Status status = Call(kSubmit, SubmitRequest("req-1", draft), &response);

  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(),
              UnorderedElementsAre(
                  "complaint.aware_date", "complaint.complained_to_organisation_date",
                  "complaint.people[0].role", "complaint.organisations[1]", "complaint.channel",
                  // A final response needs the complaint to the organisation, whose date could
                  // not be decoded.
                  "complaint.final_response_date"));
  EXPECT_EQ(DetailsOf(status).error_info.domain(), "intake.redress");
}

TEST_P(ComplaintServiceTest, SubmitReportsWireAndDomainViolationsTogether) {
  v1::Complaint draft = ValidComplaint();
  *draft.mutable_aware_date() = Date(2026, 2, 30);                        // cannot be decoded
  draft.clear_what_went_wrong();                                          // required
  draft.mutable_people(0)->mutable_details()->set_email("not-an-email");  // bad shape

  v1::Complaint response;
  grpc::Status status = Call(kSubmit, SubmitRequest("req-1", draft), &response);

  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  // The undecodable date is reported once, not again as "required".
  EXPECT_THAT(DetailsOf(status).fields(),
              UnorderedElementsAre("complaint.aware_date", "complaint.what_went_wrong",
                                   "complaint.people[0].details.email"));
  EXPECT_TRUE(ListAll("").empty());
}

TEST_P(ComplaintServiceTest, SubmitRetryReturnsTheSameComplaint) {
  v1::Complaint first = Submit("req-1");
  clock_.Advance(absl::Minutes(5));
  v1::Complaint retry = Submit("req-1");

  EXPECT_EQ(retry.name(), first.name());
  EXPECT_EQ(retry.etag(), first.etag());
  EXPECT_EQ(retry.create_time().seconds(), first.create_time().seconds());
  EXPECT_THAT(ListAll(""), ElementsAre(first.name()));
}

TEST_P(ComplaintServiceTest, SubmitWithAReusedRequestIdAndADifferentBodyIsRejected) {
  Submit("req-1");
  v1::Complaint different = ValidComplaint();
  different.set_what_went_wrong("Something else entirely.");

  v1::Complaint response;
  grpc::Status status = Call(kSubmit, SubmitRequest("req-1", different), &response);

  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ErrorDetails details = DetailsOf(status);
  EXPECT_EQ(details.error_info.reason(), "REQUEST_ID_REUSED");
  EXPECT_EQ(details.error_info.domain(), "intake.redress");
  EXPECT_THAT(details.fields(), ElementsAre("request_id"));
  EXPECT_EQ(ListAll("").size(), 1u);
}

TEST_P(ComplaintServiceTest, SubmitWithoutARequestIdIsRejected) {
  v1::Complaint response;
  grpc::Status status = Call(kSubmit, SubmitRequest(""), &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("request_id"));
}

// --- GetComplaint. ---

TEST_P(ComplaintServiceTest, GetReturnsTheStoredComplaint) {
  v1::Complaint submitted = Submit("req-1");
  v1::Complaint got = Get(submitted.name());
  EXPECT_EQ(got.SerializeAsString(), submitted.SerializeAsString());
}

TEST_P(ComplaintServiceTest, GetOfAMissingComplaintIsNotFound) {
  v1::GetComplaintRequest request;
  request.set_name("complaints/nope");
  v1::Complaint response;
  grpc::Status status = Call(kGet, request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(DetailsOf(status).error_info.reason(), "NOT_FOUND");
  EXPECT_EQ(DetailsOf(status).error_info.domain(), "intake.redress");
}

TEST_P(ComplaintServiceTest, GetWithAMalformedNameIsInvalid) {
  for (const std::string name : {"", "c1", "complaints/", "organisations/cafcass",
                                 "complaints/c1/extra", "complaints/UPPER"}) {
    v1::GetComplaintRequest request;
    request.set_name(name);
    v1::Complaint response;
    grpc::Status status = Call(kGet, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << name;
    EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("name")) << name;
  }
}

// --- GetComplaintPersonalDetails. ---

constexpr auto kGetPersonalDetails = &v1::Intake::Stub::GetComplaintPersonalDetails;

TEST_P(ComplaintServiceTest, PersonalDetailsListEveryPersonWithRoleAndDetailsInOrder) {
  v1::Complaint draft = ValidComplaint();
  v1::Person* representative = draft.add_people();
  representative->set_role(v1::PERSON_ROLE_REPRESENTATIVE);
  representative->set_authorised(true);
  representative->mutable_details()->set_title("Mr");
  representative->mutable_details()->set_family_name("Carter");
  representative->mutable_details()->set_phone("+44 20 7946 0000");
  v1::Person* son = draft.add_people();
  son->set_role(v1::PERSON_ROLE_OTHER);
  son->set_relationship("son");
  son->mutable_details()->set_given_name("Tom");
  son->mutable_details()->set_family_name("Brown");
  *son->mutable_details()->mutable_date_of_birth() = Date(2001, 7, 9);
  son->mutable_details()->mutable_postal_address()->add_lines("2 Mill Lane");
  son->mutable_details()->mutable_postal_address()->set_postal_code("M1 1AE");
  v1::Complaint submitted = Submit("req-1", draft);

  v1::GetComplaintPersonalDetailsRequest request;
  request.set_name(submitted.name());
  v1::ComplaintPersonalDetails response;
  ASSERT_THAT(Call(kGetPersonalDetails, request, &response), redress::testing::IsOk());

  EXPECT_EQ(response.complaint(), submitted.name());
  ASSERT_EQ(response.people_size(), 3);
  const v1::PersonRole roles[] = {v1::PERSON_ROLE_COMPLAINANT, v1::PERSON_ROLE_REPRESENTATIVE,
                                  v1::PERSON_ROLE_OTHER};
  for (int i = 0; i < response.people_size(); ++i) {
    EXPECT_EQ(response.people(i).person_id(), "p" + std::to_string(i + 1)) << i;
    EXPECT_EQ(response.people(i).role(), roles[i]) << i;
    EXPECT_EQ(response.people(i).details().SerializeAsString(),
              draft.people(i).details().SerializeAsString())
        << i;
  }
  EXPECT_EQ(response.people(0).details().email(), "ann.brown@example.org");
  EXPECT_EQ(response.people(2).details().date_of_birth().year(), 2001);
  EXPECT_EQ(response.people(2).details().postal_address().lines(0), "2 Mill Lane");
}

TEST_P(ComplaintServiceTest, PersonalDetailsIncludeTheReferringMpAndAnonymousPractices) {
  v1::Complaint draft = ValidComplaint();
  draft.clear_organisations();
  draft.add_organisations("organisations/manchester-university-nhs-ft");
  draft.add_organisations("organisations/gp-practice-example");
  draft.mutable_mp_referral()->set_mp_name("Jane Smith MP");
  draft.mutable_mp_referral()->set_constituency("Leeds Central");
  v1::Complaint submitted = Submit("req-1", draft);

  v1::GetComplaintPersonalDetailsRequest request;
  request.set_name(submitted.name());
  v1::ComplaintPersonalDetails response;
  ASSERT_THAT(Call(kGetPersonalDetails, request, &response), redress::testing::IsOk());
  EXPECT_EQ(response.mp_referral().mp_name(), "Jane Smith MP");
  EXPECT_EQ(response.mp_referral().constituency(), "Leeds Central");
  ASSERT_EQ(response.anonymous_organisations_size(), 1);
  const v1::AnonymousOrganisation& practice = response.anonymous_organisations(0);
  EXPECT_EQ(practice.organisation(), "organisations/gp-practice-example");
  EXPECT_EQ(practice.kind(), v1::ORGANISATION_KIND_GP_PRACTICE);
  EXPECT_EQ(practice.display_name(), "Example Medical Practice");
  EXPECT_EQ(practice.short_name(), "Example GP");

  // Without a referral or a practice: neither.
  request.set_name(Submit("req-2").name());
  ASSERT_THAT(Call(kGetPersonalDetails, request, &response), redress::testing::IsOk());
  EXPECT_FALSE(response.has_mp_referral());
  EXPECT_EQ(response.anonymous_organisations_size(), 0);
}

TEST_P(ComplaintServiceTest, PersonalDetailsOfAMissingComplaintAreNotFound) {
  Submit("req-1");
  v1::GetComplaintPersonalDetailsRequest request;
  request.set_name("complaints/nope");
  v1::ComplaintPersonalDetails response;
  grpc::Status status = Call(kGetPersonalDetails, request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(DetailsOf(status).error_info.reason(), "NOT_FOUND");
  EXPECT_EQ(DetailsOf(status).error_info.domain(), "intake.redress");
}

TEST_P(ComplaintServiceTest, PersonalDetailsWithAMalformedNameAreInvalid) {
  for (const std::string name : {"", "c1", "complaints/", "organisations/cafcass",
                                 "complaints/c1/extra", "complaints/UPPER"}) {
    v1::GetComplaintPersonalDetailsRequest request;
    request.set_name(name);
    v1::ComplaintPersonalDetails response;
    grpc::Status status = Call(kGetPersonalDetails, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << name;
    EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("name")) << name;
  }
}

// --- ListComplaints. ---

TEST_P(ComplaintServiceTest, ListPagesInRecordingOrderWhileNewComplaintsArrive) {
  std::vector<std::string> existing;
  for (int i = 0; i < 5; ++i) existing.push_back(Submit("old-" + std::to_string(i)).name());

  std::vector<std::string> seen;
  std::vector<std::string> added;
  std::string token;
  int pages = 0;
  do {
    v1::ListComplaintsResponse page;
    ASSERT_THAT(List("", 2, token, &page), redress::testing::IsOk());
    EXPECT_LE(page.complaints_size(), 2);
    for (const v1::Complaint& complaint : page.complaints()) seen.push_back(complaint.name());
    token = page.next_page_token();
    // A new complaint between page calls, for the first few pages.
    if (++pages <= 3) added.push_back(Submit("new-" + std::to_string(pages)).name());
  } while (!token.empty());

  ASSERT_GE(seen.size(), existing.size());
  // Every complaint that existed at the start exactly once, first and in order...
  EXPECT_EQ(std::vector<std::string>(seen.begin(), seen.begin() + existing.size()), existing);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), seen.size());
  // ...and only new ones after them, in the order they were recorded.
  std::vector<std::string> after(seen.begin() + existing.size(), seen.end());
  EXPECT_EQ(after, std::vector<std::string>(added.begin(), added.begin() + after.size()));
  EXPECT_GE(pages, 3);
}

TEST_P(ComplaintServiceTest, ListUsesTheDefaultPageSizeAndRejectsANegativeOne) {
  for (int i = 0; i < 3; ++i) Submit("req-" + std::to_string(i));
  v1::ListComplaintsResponse page;
  ASSERT_THAT(List("", 0, "", &page), redress::testing::IsOk());
  EXPECT_EQ(page.complaints_size(), 3);
  EXPECT_TRUE(page.next_page_token().empty());

  grpc::Status status = List("", -1, "", &page);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("page_size"));
}

TEST_P(ComplaintServiceTest, ListFiltersByStateOrganisationAndReceiveDate) {
  const std::string first = Submit("req-1").name();  // received 2026-03-02, Cafcass
  v1::Complaint about_hmcts = ValidComplaint();
  about_hmcts.set_organisations(0, "organisations/hmcts");
  *about_hmcts.mutable_receive_date() = Date(2026, 2, 20);
  const std::string second = Submit("req-2", about_hmcts).name();
  const std::string third = Submit("req-3").name();
  v1::Complaint withdrawn;
  ASSERT_THAT(Withdraw(third, "Sorted out locally.", "", &withdrawn), redress::testing::IsOk());

  EXPECT_THAT(ListAll("state = RECEIVED"), ElementsAre(first, second));
  EXPECT_THAT(ListAll("state = CLOSED"), ElementsAre(third));
  EXPECT_THAT(ListAll("state = ACCEPTED"), ElementsAre());
  EXPECT_THAT(ListAll("organisation = \"organisations/hmcts\""), ElementsAre(second));
  EXPECT_THAT(ListAll("receive_date < \"2026-03-01\""), ElementsAre(second));
  EXPECT_THAT(ListAll("receive_date >= \"2026-03-02\" AND state = RECEIVED"), ElementsAre(first));
}

TEST_P(ComplaintServiceTest, ListRejectsABadFilterAndAForeignPageToken) {
  for (int i = 0; i < 3; ++i) Submit("req-" + std::to_string(i));
  v1::ListComplaintsResponse page;
  grpc::Status status = List("colour = RED", 0, "", &page);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("filter"));

  ASSERT_THAT(List("state = RECEIVED", 1, "", &page), redress::testing::IsOk());
  ASSERT_FALSE(page.next_page_token().empty());
  v1::ListComplaintsResponse other;
  status = List("", 1, page.next_page_token(), &other);  // token from another filter
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("page_token"));
  status = List("state = RECEIVED", 1, "garbage!", &other);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_P(ComplaintServiceTest, APageOfLongComplaintsStopsBeforeTwoMebibytes) {
  // 40 complaints of about 180 KB (three narratives of 20,000 three-byte characters): 500 such
  // would pass gRPC's 4 MiB limit, so a page stops before 2 MiB and the next continues after it.
  constexpr int kComplaints = 40;
  std::vector<std::string> submitted;
  v1::Complaint long_complaint = ValidComplaint();
  std::string narrative;
  for (int i = 0; i < 20000; ++i) narrative += "\u20ac";  // a euro sign, three bytes of UTF-8
  long_complaint.set_what_went_wrong(narrative);
  long_complaint.set_injustice_claimed(narrative);
  long_complaint.set_outcome_wanted(narrative);
  for (int i = 0; i < kComplaints; ++i) {
    submitted.push_back(Submit(absl::StrCat("long-", i), long_complaint).name());
  }
  std::vector<std::string> listed;
  std::string token;
  int pages = 0;
  do {
    v1::ListComplaintsResponse page;
    ASSERT_THAT(List("", 500, token, &page), redress::testing::IsOk());
    EXPECT_LE(page.ByteSizeLong(), kMaxPageBytes);
    EXPECT_GT(page.complaints_size(), 0);
    for (const v1::Complaint& complaint : page.complaints()) listed.push_back(complaint.name());
    token = page.next_page_token();
    ++pages;
  } while (!token.empty() && pages < kComplaints);
  EXPECT_EQ(listed, submitted);
  EXPECT_GE(pages, 4);  // 40 × 180 KB = 7 MB, in pages of under 2 MiB
}

// This instantiates the ComplaintServiceTest tests of intake_service_update_test.cc too.
INSTANTIATE_TEST_SUITE_P(Stores, ComplaintServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

}  // namespace
}  // namespace redress::intake::testing
