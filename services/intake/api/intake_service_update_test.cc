// Service tests of UpdateComplaint and WithdrawComplaint: an in-process server on port 0 called
// through the generated stub. The suite is instantiated over both stores in intake_service_test.cc.

#include <string>

#include "services/intake/api/complaint_service_fixture.h"

namespace redress::intake::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

// --- UpdateComplaint. ---

TEST_P(ComplaintServiceTest, UpdateChangesOnlyTheMaskedFields) {
  v1::Complaint submitted = Submit("req-1");
  v1::Complaint patch;
  patch.set_name(submitted.name());
  patch.set_etag(submitted.etag());
  patch.set_what_went_wrong("The report was filed late and was wrong.");
  patch.set_outcome_wanted("ignored: not in the mask");
  *patch.mutable_aware_date() = Date(2026, 2, 31);  // malformed, but not in the mask

  v1::Complaint updated;
  ASSERT_THAT(Update(patch, {"what_went_wrong"}, &updated), redress::testing::IsOk());

  EXPECT_EQ(updated.what_went_wrong(), "The report was filed late and was wrong.");
  EXPECT_EQ(updated.outcome_wanted(), submitted.outcome_wanted());
  EXPECT_EQ(updated.aware_date().SerializeAsString(), submitted.aware_date().SerializeAsString());
  EXPECT_EQ(updated.etag(), "2");
  EXPECT_EQ(Get(submitted.name()).what_went_wrong(), updated.what_went_wrong());
}

TEST_P(ComplaintServiceTest, UpdateReportsInvalidMaskedFields) {
  v1::Complaint submitted = Submit("req-1");
  v1::Complaint patch;
  patch.set_name(submitted.name());
  *patch.mutable_aware_date() = Date(2026, 2, 31);
  patch.add_organisations("hmcts");

  v1::Complaint updated;
  grpc::Status status = Update(patch, {"aware_date", "organisations"}, &updated);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(),
              UnorderedElementsAre("complaint.aware_date", "complaint.organisations[0]"));

  status = Update(patch, {}, &updated);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("update_mask"));

  status = Update(patch, {"state"}, &updated);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("update_mask.paths[0]"));
}

TEST_P(ComplaintServiceTest, UpdateWithAStaleEtagIsAborted) {
  v1::Complaint submitted = Submit("req-1");
  v1::Complaint patch;
  patch.set_name(submitted.name());
  patch.set_etag(submitted.etag());
  patch.set_injustice_claimed("First change.");
  v1::Complaint updated;
  ASSERT_THAT(Update(patch, {"injustice_claimed"}, &updated), redress::testing::IsOk());

  patch.set_injustice_claimed("Second change, from a stale read.");
  grpc::Status status = Update(patch, {"injustice_claimed"}, &updated);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(DetailsOf(status).error_info.reason(), "ETAG_MISMATCH");
  EXPECT_EQ(DetailsOf(status).error_info.domain(), "intake.redress");
  EXPECT_EQ(Get(submitted.name()).injustice_claimed(), "First change.");
}

TEST_P(ComplaintServiceTest, UpdateOfTheNarrativeAfterAcceptanceIsAFailedPrecondition) {
  const std::string name = Submit("req-1").name();
  Accept(name);
  v1::Complaint patch;
  patch.set_name(name);
  patch.set_what_went_wrong("Rewritten after acceptance.");

  v1::Complaint updated;
  grpc::Status status = Update(patch, {"what_went_wrong"}, &updated);

  ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ErrorDetails details = DetailsOf(status);
  ASSERT_EQ(details.precondition_failure.violations_size(), 1);
  EXPECT_EQ(details.precondition_failure.violations(0).type(), "STATE");
  EXPECT_EQ(details.precondition_failure.violations(0).subject(), name);
  EXPECT_THAT(details.precondition_failure.violations(0).description(),
              ::testing::HasSubstr("ACCEPTED"));
  EXPECT_EQ(details.error_info.reason(), "INVALID_STATE_TRANSITION");
  EXPECT_EQ(details.error_info.domain(), "intake.redress");
}

TEST_P(ComplaintServiceTest, UpdateOfThePeopleAfterAcceptanceIsAllowed) {
  const std::string name = Submit("req-1").name();
  Accept(name);
  v1::Complaint patch = Get(name);
  patch.mutable_people(0)->mutable_details()->set_family_name("Black");
  patch.mutable_people(0)->mutable_details()->set_email("ann.black@example.org");

  v1::Complaint updated;
  ASSERT_THAT(Update(patch, {"people"}, &updated), redress::testing::IsOk());
  EXPECT_EQ(updated.state(), v1::COMPLAINT_STATE_ACCEPTED);
  EXPECT_EQ(updated.people(0).person_id(), "p1");
  EXPECT_EQ(updated.people(0).anonymised_reference(), "Mrs B");
  EXPECT_EQ(updated.people(0).details().family_name(), "Black");
}

TEST_P(ComplaintServiceTest, UpdateOfAMissingComplaintIsNotFound) {
  v1::Complaint patch;
  patch.set_name("complaints/nope");
  patch.set_what_went_wrong("Anything.");
  v1::Complaint updated;
  EXPECT_EQ(Update(patch, {"what_went_wrong"}, &updated).error_code(), grpc::StatusCode::NOT_FOUND);
}

// --- WithdrawComplaint. ---

TEST_P(ComplaintServiceTest, WithdrawClosesAsWithdrawnAndARetryChangesNothing) {
  v1::Complaint submitted = Submit("req-1");
  v1::Complaint withdrawn;
  ASSERT_THAT(
      Withdraw(submitted.name(), "The organisation apologised.", submitted.etag(), &withdrawn),
      redress::testing::IsOk());
  EXPECT_EQ(withdrawn.state(), v1::COMPLAINT_STATE_CLOSED);
  EXPECT_EQ(withdrawn.closure_reason(), v1::CLOSURE_REASON_WITHDRAWN);
  EXPECT_EQ(withdrawn.closure_note(), "The organisation apologised.");
  EXPECT_EQ(withdrawn.etag(), "2");

  clock_.Advance(absl::Hours(1));
  v1::Complaint again;
  ASSERT_THAT(Withdraw(submitted.name(), "The organisation apologised.", "", &again),
              redress::testing::IsOk());
  EXPECT_EQ(again.SerializeAsString(), withdrawn.SerializeAsString());
}

TEST_P(ComplaintServiceTest, WithdrawErrors) {
  const std::string name = Submit("req-1").name();
  v1::Complaint response;

  grpc::Status status = Withdraw(name, "", "", &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("reason"));

  status = Withdraw(name, "Changed my mind.", "7", &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(DetailsOf(status).error_info.reason(), "ETAG_MISMATCH");

  EXPECT_EQ(Withdraw("complaints/nope", "Changed my mind.", "", &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  status = Withdraw("nope", "Changed my mind.", "", &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("name"));

  Accept(name);
  status = Withdraw(name, "Changed my mind.", "", &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ErrorDetails details = DetailsOf(status);
  ASSERT_EQ(details.precondition_failure.violations_size(), 1);
  EXPECT_EQ(details.precondition_failure.violations(0).type(), "STATE");
  EXPECT_EQ(details.precondition_failure.violations(0).subject(), name);
  EXPECT_THAT(details.precondition_failure.violations(0).description(),
              ::testing::HasSubstr("ACCEPTED"));
  EXPECT_EQ(details.error_info.reason(), "INVALID_STATE_TRANSITION");
}

}  // namespace
}  // namespace redress::intake::testing
