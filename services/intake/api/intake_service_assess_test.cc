// Service tests of AssessComplaint: acceptance with its hand-off, each kind of closure, overrides,
// retries and reuses of the request id, validate_only, and the errors, store failures included.

#include <string>

#include "services/intake/api/intake_service_test_support.h"

namespace redress::intake::testing {
namespace {

using ::redress::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::Not;

class AssessServiceTest : public IntakeServiceTest {};

TEST_P(AssessServiceTest, AcceptsAComplaintThatPassesEveryCheck) {
  const std::string name = Submit("req-1").name();
  v1::Complaint assessed;
  ASSERT_THAT(Assess(AssessRequest(name, "assess-1"), &assessed), IsOk());

  EXPECT_EQ(assessed.state(), v1::COMPLAINT_STATE_ACCEPTED);
  EXPECT_EQ(assessed.closure_reason(), v1::CLOSURE_REASON_UNSPECIFIED);
  EXPECT_EQ(assessed.etag(), "2");
  const v1::Assessment& assessment = assessed.assessment();
  EXPECT_TRUE(assessment.accepted());
  EXPECT_EQ(assessment.assessor(), "caseworker-17");
  EXPECT_EQ(assessment.assessment_date().SerializeAsString(), Date(2026, 3, 2).SerializeAsString());
  EXPECT_EQ(assessment.assess_time().seconds(), absl::ToUnixSeconds(clock_.Now()));
  ASSERT_EQ(assessment.checks_size(), 5);
  const v1::AssessmentCheck order[] = {
      v1::ASSESSMENT_CHECK_IN_REMIT, v1::ASSESSMENT_CHECK_PROPERLY_MADE,
      v1::ASSESSMENT_CHECK_COMPLAINTS_PROCESS_COMPLETE, v1::ASSESSMENT_CHECK_WITHIN_TIME,
      v1::ASSESSMENT_CHECK_INJUSTICE_CLAIMED};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(assessment.checks(i).check(), order[i]);
    EXPECT_TRUE(assessment.checks(i).passed()) << assessment.checks(i).reason();
    EXPECT_FALSE(assessment.checks(i).reason().empty());
    EXPECT_FALSE(assessment.checks(i).overridden());
  }
  // Handed to investigation through the outbox.
  ASSERT_EQ(Outbox().size(), 1u);
  EXPECT_EQ(Outbox()[0].handoff.handoff_key, name + "/acceptance");
  EXPECT_EQ(Get(name).SerializeAsString(), assessed.SerializeAsString());
}

TEST_P(AssessServiceTest, ARetryReturnsTheRecordedResultAndAnotherAssessmentIsRefused) {
  const std::string name = Submit("req-1").name();
  v1::Complaint first;
  ASSERT_THAT(Assess(AssessRequest(name, "assess-1"), &first), IsOk());
  clock_.Advance(absl::Hours(2));

  v1::Complaint retry;
  ASSERT_THAT(Assess(AssessRequest(name, "assess-1"), &retry), IsOk());
  EXPECT_EQ(retry.SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(Outbox().size(), 1u);

  v1::Complaint again;
  grpc::Status status = Assess(AssessRequest(name, "assess-2"), &again);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ErrorDetails details = DetailsOf(status);
  ASSERT_EQ(details.precondition_failure.violations_size(), 1);
  EXPECT_EQ(details.precondition_failure.violations(0).type(), "STATE");
  EXPECT_EQ(details.precondition_failure.violations(0).subject(), name);
  EXPECT_THAT(details.precondition_failure.violations(0).description(), HasSubstr("ACCEPTED"));
  EXPECT_EQ(details.error_info.reason(), "INVALID_STATE_TRANSITION");
  EXPECT_EQ(details.error_info.domain(), "intake.redress");
}

// A request whose body is more than the defaults: an override of the time limit.
v1::AssessComplaintRequest AssessWithOverride(const std::string& name,
                                              const std::string& request_id) {
  v1::AssessComplaintRequest request;
  request.set_name(name);
  request.set_request_id(request_id);
  request.set_assessor("caseworker-17");
  v1::CheckOverride* override = request.add_overrides();
  override->set_check(v1::ASSESSMENT_CHECK_WITHIN_TIME);
  override->set_passed(true);
  override->set_reason("The complainant was in hospital for most of the year.");
  return request;
}

TEST_P(AssessServiceTest, AnExactRetryReturnsTheRecordedResultAndWritesOneHandoff) {
  const std::string name = Submit("req-1").name();
  v1::AssessComplaintRequest request = AssessWithOverride(name, "assess-1");
  request.set_etag("1");
  v1::Complaint first;
  ASSERT_THAT(Assess(request, &first), IsOk());
  ASSERT_EQ(first.state(), v1::COMPLAINT_STATE_ACCEPTED);
  clock_.Advance(absl::Hours(2));

  v1::Complaint retry;
  ASSERT_THAT(Assess(request, &retry), IsOk());
  EXPECT_EQ(retry.SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(Outbox().size(), 1u);
}

TEST_P(AssessServiceTest, AReusedRequestIdWithADifferentBodyIsRejected) {
  const std::string name = Submit("req-1").name();
  v1::Complaint first;
  ASSERT_THAT(Assess(AssessWithOverride(name, "assess-1"), &first), IsOk());

  // The same request_id with another override reason, then with a caseworker's closure.
  v1::AssessComplaintRequest other_reason = AssessWithOverride(name, "assess-1");
  other_reason.mutable_overrides(0)->set_reason("A different reason.");
  v1::AssessComplaintRequest closure = AssessRequest(name, "assess-1");
  closure.set_closure(v1::CASEWORKER_CLOSURE_DISCRETION);
  closure.set_closure_reason_note("No worthwhile outcome.");
  for (const v1::AssessComplaintRequest& reuse : {other_reason, closure}) {
    v1::Complaint response;
    grpc::Status status = Assess(reuse, &response);
    ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), HasSubstr("already used for a different AssessComplaint"));
    ErrorDetails details = DetailsOf(status);
    EXPECT_EQ(details.error_info.reason(), "REQUEST_ID_REUSED");
    EXPECT_EQ(details.error_info.domain(), "intake.redress");
    EXPECT_THAT(details.fields(), ElementsAre("request_id"));
  }
  EXPECT_EQ(Get(name).SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(Outbox().size(), 1u);
}

TEST(AssessmentFingerprintTest, IgnoresTheRequestIdAndSeesTheBody) {
  v1::AssessComplaintRequest a = AssessWithOverride("complaints/c1", "assess-1");
  v1::AssessComplaintRequest b = AssessWithOverride("complaints/c1", "assess-2");
  EXPECT_EQ(AssessmentFingerprint(a), AssessmentFingerprint(b));
  b.mutable_overrides(0)->set_passed(false);
  EXPECT_NE(AssessmentFingerprint(a), AssessmentFingerprint(b));
  b = a;
  b.set_validate_only(true);
  EXPECT_NE(AssessmentFingerprint(a), AssessmentFingerprint(b));
}

// One way a complaint can end closed at assessment.
struct ClosureCase {
  const char* label;
  void (*change_complaint)(v1::Complaint&);
  void (*change_request)(v1::AssessComplaintRequest&);
  v1::ClosureReason reason;
  v1::AssessmentCheck failed_check;  // UNSPECIFIED when every check passes
};

void NoChange(v1::Complaint&) {}
void NoRequestChange(v1::AssessComplaintRequest&) {}

const ClosureCase kClosureCases[] = {
    {"out of remit",
     [](v1::Complaint& c) { c.set_organisations(0, "organisations/example-borough-council"); },
     NoRequestChange, v1::CLOSURE_REASON_OUT_OF_REMIT, v1::ASSESSMENT_CHECK_IN_REMIT},
    {"not properly made: telephone, not confirmed in writing",
     [](v1::Complaint& c) { c.set_channel(v1::SUBMISSION_CHANNEL_TELEPHONE); }, NoRequestChange,
     v1::CLOSURE_REASON_NOT_PROPERLY_MADE, v1::ASSESSMENT_CHECK_PROPERLY_MADE},
    {"not properly made: no MP referral for HMRC",
     [](v1::Complaint& c) { c.set_organisations(0, "organisations/hmrc"); }, NoRequestChange,
     v1::CLOSURE_REASON_NOT_PROPERLY_MADE, v1::ASSESSMENT_CHECK_PROPERLY_MADE},
    {"premature: the organisation was never asked",
     [](v1::Complaint& c) {
       c.clear_complained_to_organisation_date();
       c.clear_final_response_date();
     },
     NoRequestChange, v1::CLOSURE_REASON_PREMATURE,
     v1::ASSESSMENT_CHECK_COMPLAINTS_PROCESS_COMPLETE},
    {"discretion: out of time",
     [](v1::Complaint& c) {
       *c.mutable_aware_date() = Date(2024, 6, 1);
       *c.mutable_complained_to_organisation_date() = Date(2024, 7, 1);
       *c.mutable_final_response_date() = Date(2024, 8, 1);
     },
     NoRequestChange, v1::CLOSURE_REASON_DISCRETION, v1::ASSESSMENT_CHECK_WITHIN_TIME},
    {"discretion: no injustice claimed", [](v1::Complaint& c) { c.clear_injustice_claimed(); },
     NoRequestChange, v1::CLOSURE_REASON_DISCRETION, v1::ASSESSMENT_CHECK_INJUSTICE_CLAIMED},
    {"discretion: the caseworker's decision", NoChange,
     [](v1::AssessComplaintRequest& r) {
       r.set_closure(v1::CASEWORKER_CLOSURE_DISCRETION);
       r.set_closure_reason_note("No worthwhile outcome: the hearing has already taken place.");
     },
     v1::CLOSURE_REASON_DISCRETION, v1::ASSESSMENT_CHECK_UNSPECIFIED},
    {"resolved without investigation", NoChange,
     [](v1::AssessComplaintRequest& r) {
       r.set_closure(v1::CASEWORKER_CLOSURE_RESOLVED_WITHOUT_INVESTIGATION);
       r.set_closure_reason_note("Cafcass agreed to apologise and pay £150.");
     },
     v1::CLOSURE_REASON_RESOLVED_WITHOUT_INVESTIGATION, v1::ASSESSMENT_CHECK_UNSPECIFIED},
};

TEST_P(AssessServiceTest, EachKindOfClosureIsRecordedWithItsReason) {
  int n = 0;
  for (const ClosureCase& test : kClosureCases) {
    SCOPED_TRACE(test.label);
    v1::Complaint draft = ValidComplaint();
    test.change_complaint(draft);
    const std::string name = Submit("req-" + std::to_string(++n), draft).name();
    v1::AssessComplaintRequest request = AssessRequest(name, "assess-" + std::to_string(n));
    test.change_request(request);

    v1::Complaint assessed;
    ASSERT_THAT(Assess(request, &assessed), IsOk());

    EXPECT_EQ(assessed.state(), v1::COMPLAINT_STATE_CLOSED);
    EXPECT_EQ(assessed.closure_reason(), test.reason);
    EXPECT_EQ(assessed.assessment().closure_reason(), test.reason);
    EXPECT_FALSE(assessed.assessment().accepted());
    EXPECT_FALSE(assessed.closure_note().empty());
    if (request.closure() != v1::CASEWORKER_CLOSURE_UNSPECIFIED) {
      EXPECT_EQ(assessed.closure_note(), request.closure_reason_note());
    }
    for (const v1::CheckResult& check : assessed.assessment().checks()) {
      EXPECT_EQ(check.passed(), check.check() != test.failed_check) << check.reason();
    }
    EXPECT_EQ(Get(name).state(), v1::COMPLAINT_STATE_CLOSED);
  }
  EXPECT_TRUE(Outbox().empty());  // nothing closed is handed on
}

TEST_P(AssessServiceTest, AnOverrideOfTheTimeLimitIsTheUseOfDiscretion) {
  v1::Complaint draft = ValidComplaint();
  *draft.mutable_aware_date() = Date(2024, 6, 1);
  const std::string name = Submit("req-1", draft).name();
  v1::AssessComplaintRequest request = AssessRequest(name, "assess-1");
  v1::CheckOverride* override = request.add_overrides();
  override->set_check(v1::ASSESSMENT_CHECK_WITHIN_TIME);
  override->set_passed(true);
  override->set_reason("The complainant was in hospital for most of the year.");

  v1::Complaint assessed;
  ASSERT_THAT(Assess(request, &assessed), IsOk());
  EXPECT_EQ(assessed.state(), v1::COMPLAINT_STATE_ACCEPTED);
  const v1::CheckResult& within_time = assessed.assessment().checks(3);
  EXPECT_EQ(within_time.check(), v1::ASSESSMENT_CHECK_WITHIN_TIME);
  EXPECT_TRUE(within_time.passed());
  EXPECT_TRUE(within_time.overridden());
  EXPECT_EQ(within_time.override_reason(), override->reason());
}

TEST_P(AssessServiceTest, ValidateOnlyShowsTheResultAndRecordsNothing) {
  v1::Complaint submitted = Submit("req-1");
  v1::AssessComplaintRequest request = AssessRequest(submitted.name(), "assess-1");
  request.set_validate_only(true);

  v1::Complaint preview;
  ASSERT_THAT(Assess(request, &preview), IsOk());
  EXPECT_EQ(preview.state(), v1::COMPLAINT_STATE_ACCEPTED);
  EXPECT_TRUE(preview.assessment().accepted());
  EXPECT_EQ(preview.etag(), submitted.etag());

  EXPECT_EQ(Get(submitted.name()).SerializeAsString(), submitted.SerializeAsString());
  EXPECT_TRUE(Outbox().empty());
  // The real assessment still goes ahead, with the same request id and the unchanged etag.
  request.set_validate_only(false);
  request.set_etag(submitted.etag());
  v1::Complaint assessed;
  ASSERT_THAT(Assess(request, &assessed), IsOk());
  EXPECT_EQ(assessed.state(), v1::COMPLAINT_STATE_ACCEPTED);
  EXPECT_EQ(Outbox().size(), 1u);
}

TEST_P(AssessServiceTest, ReportsEveryInvalidFieldOfTheRequest) {
  const std::string name = Submit("req-1").name();
  v1::AssessComplaintRequest request = AssessRequest(name, "");
  request.clear_assessor();
  v1::CheckOverride* in_remit = request.add_overrides();
  in_remit->set_check(v1::ASSESSMENT_CHECK_IN_REMIT);
  in_remit->set_passed(true);
  in_remit->set_reason("Seems fine.");
  request.set_closure(v1::CASEWORKER_CLOSURE_DISCRETION);
  *request.mutable_assessment_date() = Date(2026, 3, 9);  // in the future

  v1::Complaint response;
  grpc::Status status = Assess(request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(),
              IsSupersetOf({"request_id", "assessor", "overrides[0].check", "closure_reason_note",
                            "assessment_date"}));
  EXPECT_EQ(DetailsOf(status).error_info.domain(), "intake.redress");
  EXPECT_EQ(Get(name).state(), v1::COMPLAINT_STATE_RECEIVED);
}

TEST_P(AssessServiceTest, ReportsMalformedWireValues) {
  const std::string name = Submit("req-1").name();
  v1::AssessComplaintRequest request = AssessRequest(name, "assess-1");
  // Overrides complete but for their checks, so that only the wire values are wrong.
  for (v1::AssessmentCheck check :
       {static_cast<v1::AssessmentCheck>(99), v1::ASSESSMENT_CHECK_UNSPECIFIED}) {
    v1::CheckOverride* override = request.add_overrides();
    override->set_check(check);
    override->set_passed(true);
    override->set_reason("The complainant was in hospital.");
  }
  request.set_closure(static_cast<v1::CaseworkerClosure>(7));
  *request.mutable_assessment_date() = Date(2026, 13, 1);

  v1::Complaint response;
  grpc::Status status = Assess(request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("overrides[0].check", "overrides[1].check",
                                                      "closure", "assessment_date"));
}

TEST_P(AssessServiceTest, AStaleEtagIsAbortedAndAMissingComplaintNotFound) {
  const std::string name = Submit("req-1").name();
  v1::AssessComplaintRequest request = AssessRequest(name, "assess-1");
  request.set_etag("5");
  v1::Complaint response;
  grpc::Status status = Assess(request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(DetailsOf(status).error_info.reason(), "ETAG_MISMATCH");

  status = Assess(AssessRequest("complaints/nope", "assess-2"), &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(DetailsOf(status).error_info.reason(), "NOT_FOUND");

  status = Assess(AssessRequest("nope", "assess-3"), &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("name"));
}

TEST_P(AssessServiceTest, AWithdrawnComplaintCannotBeAssessed) {
  const std::string name = Submit("req-1").name();
  v1::WithdrawComplaintRequest withdraw;
  withdraw.set_name(name);
  withdraw.set_reason("No longer wanted.");
  v1::Complaint withdrawn;
  ASSERT_THAT(Call(&v1::Intake::Stub::WithdrawComplaint, withdraw, &withdrawn), IsOk());

  v1::Complaint response;
  grpc::Status status = Assess(AssessRequest(name, "assess-1"), &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(DetailsOf(status).precondition_failure.violations(0).description(),
              HasSubstr("CLOSED"));
}

INSTANTIATE_TEST_SUITE_P(Stores, AssessServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

// Tests that inject store failures, which only the FakeStore can.
class AssessServiceFailureTest : public IntakeServiceTest {};

TEST_P(AssessServiceFailureTest, AStoreFailureReachesTheClientAsAGenericInternalError) {
  const std::string name = Submit("req-1").name();
  fake_store_.FailNextWrite(absl::InternalError(
      "disk I/O error in COMMIT while executing \"INSERT INTO outbox (handoff_key) VALUES (?1)\""));
  v1::Complaint response;
  grpc::Status status = Assess(AssessRequest(name, "assess-1"), &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(status.error_message(), "internal error");
  EXPECT_THAT(status.error_details(), Not(HasSubstr("disk")));
  EXPECT_THAT(status.error_details(), Not(HasSubstr("outbox")));
  ErrorDetails details = DetailsOf(status);
  EXPECT_EQ(details.code, static_cast<int>(grpc::StatusCode::INTERNAL));
  EXPECT_EQ(details.error_info.reason(), "INTERNAL");
  EXPECT_EQ(details.error_info.domain(), "intake.redress");
  EXPECT_EQ(Get(name).state(), v1::COMPLAINT_STATE_RECEIVED);
  EXPECT_TRUE(Outbox().empty());

  // Nothing was recorded, so the same request succeeds once the store recovers.
  ASSERT_THAT(Assess(AssessRequest(name, "assess-1"), &response), IsOk());
  EXPECT_EQ(response.state(), v1::COMPLAINT_STATE_ACCEPTED);
}

TEST_P(AssessServiceFailureTest, AnExpectedStoreErrorKeepsItsCode) {
  const std::string name = Submit("req-1").name();
  fake_store_.FailNextWrite(absl::UnavailableError("the database is busy"));
  v1::Complaint response;
  grpc::Status status = Assess(AssessRequest(name, "assess-1"), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(status.error_message(), "the database is busy");
}

INSTANTIATE_TEST_SUITE_P(FakeStoreOnly, AssessServiceFailureTest,
                         ::testing::Values(StoreKind::kFake), StoreKindName);

}  // namespace
}  // namespace redress::intake::testing
