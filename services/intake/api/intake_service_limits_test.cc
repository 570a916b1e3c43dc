// Intake's request size limit (IntakeService::kMaxRequestBytes, docs/limits.md), served as main.cc
// serves it: the largest requests the service reads fit it with room to spare, a complaint with
// narratives at their limit is received, a request one byte over the limit is refused
// RESOURCE_EXHAUSTED by gRPC before the service sees it, and the flood's request (as many empty
// people as fit) is read and refused INVALID_ARGUMENT for its count of people.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "common/testing/request_size.h"
#include "services/intake/api/intake_service_test_support.h"
#include "services/intake/complaint_validation.h"

namespace redress::intake::testing {
namespace {

using ::redress::testing::IsRefusedForItsSize;
using ::redress::testing::PadToWireSize;
using ::testing::HasSubstr;

using LimitsServiceTest = IntakeServiceTest;

constexpr auto kSubmit = &v1::Intake::Stub::SubmitComplaint;

// `chars` characters of four bytes each (U+1F4C4).
std::string Wide(size_t chars) {
  std::string text;
  for (size_t c = 0; c < chars; ++c) text += "\xF0\x9F\x93\x84";
  return text;
}

// A complaint with every list full and every text at its limit (complaint_validation.cc,
// common/validation.cc) in four-byte characters, ASCII where the field allows no other.
v1::Complaint LargestComplaint() {
  v1::Complaint c = ValidComplaint();
  c.clear_people();
  for (int p = 0; p < kMaxPeople; ++p) {
    v1::Person* person = c.add_people();
    person->set_role(v1::PERSON_ROLE_OTHER);
    redress::common::v1::PersonalDetails* details = person->mutable_details();
    details->set_title(Wide(20));
    details->set_given_name(Wide(100));
    details->set_family_name(Wide(100));
    details->set_email(std::string(242, 'a') + "@example.org");
    details->set_phone(std::string(20, '0'));
    for (int line = 0; line < 4; ++line) details->mutable_postal_address()->add_lines(Wide(200));
    details->mutable_postal_address()->set_locality(Wide(100));
    details->mutable_postal_address()->set_postal_code(Wide(16));
    details->mutable_postal_address()->set_country(Wide(100));
    *details->mutable_date_of_birth() = Date(1950, 12, 31);
    person->set_relationship(Wide(50));
    person->set_authorised(true);
    person->set_anonymised_reference_override(Wide(100));
  }
  c.set_complainants_reference_override(Wide(100));
  c.mutable_mp_referral()->set_mp_name(Wide(100));
  c.mutable_mp_referral()->set_constituency(Wide(100));
  *c.mutable_mp_referral()->mutable_referral_date() = Date(2026, 1, 1);
  c.clear_organisations();
  for (int o = 0; o < kMaxOrganisations; ++o) {
    const std::string organisation = absl::StrCat("organisations/", std::string(100, 'a' + o));
    c.add_organisations(organisation);
    v1::OrganisationDates* dates = c.add_organisation_dates();
    dates->set_organisation(organisation);
    *dates->mutable_complained_to_organisation_date() = Date(2025, 11, 10);
    *dates->mutable_final_response_date() = Date(2026, 1, 15);
  }
  c.set_what_went_wrong(Wide(20000));
  c.set_injustice_claimed(Wide(20000));
  c.set_outcome_wanted(Wide(20000));
  *c.mutable_receive_date() = Date(2026, 3, 2);
  return c;
}

TEST_P(LimitsServiceTest, TheLargestRequestsTheServiceReadsFitTheLimitWithRoomToSpare) {
  const v1::SubmitComplaintRequest submit = SubmitRequest(std::string(64, 'r'), LargestComplaint());
  v1::UpdateComplaintRequest update;
  *update.mutable_complaint() = LargestComplaint();
  update.mutable_complaint()->set_name("complaints/" + std::string(64, 'c'));
  update.mutable_complaint()->set_etag(std::string(64, 'e'));
  for (const char* path :
       {"people", "mp_referral", "organisations", "channel", "confirmed_in_writing",
        "what_went_wrong", "injustice_claimed", "outcome_wanted", "aware_date",
        "complained_to_organisation_date", "final_response_date", "receive_date",
        "organisation_dates", "complainants_reference_override"}) {
    update.mutable_update_mask()->add_paths(path);
  }
  v1::AssessComplaintRequest assess;
  assess.set_name("complaints/" + std::string(64, 'c'));
  assess.set_request_id(std::string(64, 'r'));
  for (int o = 0; o < kMaxOverrides; ++o) {
    v1::CheckOverride* override = assess.add_overrides();
    override->set_check(v1::ASSESSMENT_CHECK_WITHIN_TIME);
    override->set_organisation(absl::StrCat("organisations/", std::string(100, 'a' + o)));
    override->set_reason(Wide(2000));
  }
  assess.set_closure_reason_note(Wide(2000));
  v1::DecideAssessmentReviewRequest decide;
  decide.set_reason(Wide(20000));
  decide.set_reviewer(Wide(100));
  for (const google::protobuf::Message* request :
       std::initializer_list<const google::protobuf::Message*>{&submit, &update, &assess,
                                                               &decide}) {
    // The limit is more than one and a half times the largest.
    EXPECT_LE(request->ByteSizeLong() * 3 / 2, size_t{IntakeService::kMaxRequestBytes})
        << request->GetDescriptor()->name() << ": " << request->ByteSizeLong();
  }
}

TEST_P(LimitsServiceTest, AComplaintWithNarrativesAtTheirLimitIsReceived) {
  v1::Complaint complaint = ValidComplaint();
  complaint.set_what_went_wrong(Wide(20000));
  complaint.set_injustice_claimed(Wide(20000));
  complaint.set_outcome_wanted(Wide(20000));
  const v1::Complaint received = Submit("narratives-at-their-limit", complaint);
  EXPECT_EQ(received.outcome_wanted(), complaint.outcome_wanted());
}

TEST_P(LimitsServiceTest, ARequestOverTheLimitIsRefusedBeforeTheServiceSeesIt) {
  v1::SubmitComplaintRequest request = SubmitRequest("over-the-limit");
  std::string* narrative = request.mutable_complaint()->mutable_what_went_wrong();
  // At the limit the service reads it, and refuses the narrative.
  ASSERT_TRUE(PadToWireSize(request, narrative, IntakeService::kMaxRequestBytes));
  const ErrorDetails details =
      ExpectError(Fails(kSubmit, request), grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(details.fields(), ::testing::ElementsAre("complaint.what_went_wrong"));
  // One byte more, and gRPC refuses it unread.
  ASSERT_TRUE(PadToWireSize(request, narrative, IntakeService::kMaxRequestBytes + 1));
  const grpc::Status refused = Fails(kSubmit, request);
  EXPECT_TRUE(IsRefusedForItsSize(refused))
      << refused.error_code() << " " << refused.error_message();
}

// What tests/request_flood_test.cc sends: a complaint of as many empty people (two bytes each on
// the wire) as fit under the limit.
TEST_P(LimitsServiceTest, AComplaintOfAQuarterOfAMillionEmptyPeopleIsRefusedAsInvalid) {
  v1::SubmitComplaintRequest request = SubmitRequest("empty-people");
  const size_t room = IntakeService::kMaxRequestBytes - request.ByteSizeLong() - 16;
  for (size_t p = 0; p < room / 2; ++p) request.mutable_complaint()->add_people();
  ASSERT_LE(request.ByteSizeLong(), size_t{IntakeService::kMaxRequestBytes});
  ASSERT_GT(request.complaint().people_size(), 250'000);
  const ErrorDetails details =
      ExpectError(Fails(kSubmit, request), grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(details.fields(), ::testing::Contains("complaint.people"));
  EXPECT_THAT(details.DescriptionOf("complaint.people"),
              HasSubstr(absl::StrCat("not ", request.complaint().people_size())));
}

INSTANTIATE_TEST_SUITE_P(Stores, LimitsServiceTest, ::testing::Values(StoreKind::kFake),
                         StoreKindName);

}  // namespace
}  // namespace redress::intake::testing
