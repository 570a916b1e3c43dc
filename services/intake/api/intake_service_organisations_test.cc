// Service tests of a complaint about several organisations (issue 11): each organisation's own
// dates on the Complaint, the assessment organisation by organisation with each part's result,
// overrides for one organisation, the hand-off of the accepted organisations only; and the rules
// on the MP referral (a legal bar; the time limit of a parliamentary complaint runs to it).

#include <string>
#include <vector>

#include "services/intake/api/intake_service_test_support.h"

namespace redress::intake::testing {
namespace {

using ::redress::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kCafcass[] = "organisations/cafcass";
constexpr char kCouncil[] = "organisations/example-borough-council";
constexpr char kTrust[] = "organisations/manchester-university-nhs-ft";

class OrganisationsServiceTest : public IntakeServiceTest {
 protected:
  // The valid complaint about `organisations`, with no complaint to any of them yet unless
  // `complained` (then the top-level dates of ValidComplaint apply).
  v1::Complaint About(std::vector<std::string> organisations, bool complained = true) {
    v1::Complaint complaint = ValidComplaint();
    complaint.clear_organisations();
    for (const std::string& name : organisations) complaint.add_organisations(name);
    if (!complained) {
      complaint.clear_complained_to_organisation_date();
      complaint.clear_final_response_date();
    }
    return complaint;
  }

  v1::Complaint SubmitAndAssess(const v1::Complaint& complaint,
                                v1::AssessComplaintRequest request = {}) {
    const std::string name = Submit("req-" + std::to_string(++submitted_), complaint).name();
    request.set_name(name);
    request.set_request_id("assess-" + std::to_string(submitted_));
    request.set_assessor("caseworker-17");
    v1::Complaint assessed;
    grpc::Status status = Assess(request, &assessed);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return assessed;
  }

  static const v1::OrganisationAssessment& PartOf(const v1::Complaint& c,
                                                  const std::string& organisation) {
    for (const v1::OrganisationAssessment& part : c.assessment().organisations()) {
      if (part.organisation() == organisation) return part;
    }
    ADD_FAILURE() << "no part for " << organisation;
    return v1::OrganisationAssessment::default_instance();
  }

  static const v1::CheckResult& CheckOf(
      const google::protobuf::RepeatedPtrField<v1::CheckResult>& checks, v1::AssessmentCheck kind) {
    for (const v1::CheckResult& check : checks) {
      if (check.check() == kind) return check;
    }
    ADD_FAILURE() << "no check " << v1::AssessmentCheck_Name(kind);
    return v1::CheckResult::default_instance();
  }

  int submitted_ = 0;
};

TEST_P(OrganisationsServiceTest, AcceptsForTheOrganisationsInRemitAndHandsOverOnlyThose) {
  const v1::Complaint assessed = SubmitAndAssess(About({kCafcass, kCouncil}));
  EXPECT_EQ(assessed.state(), v1::COMPLAINT_STATE_ACCEPTED);
  EXPECT_TRUE(assessed.assessment().accepted());
  EXPECT_EQ(assessed.closure_reason(), v1::CLOSURE_REASON_UNSPECIFIED);
  ASSERT_EQ(assessed.assessment().organisations_size(), 2);
  const v1::OrganisationAssessment& cafcass = assessed.assessment().organisations(0);
  EXPECT_EQ(cafcass.organisation(), kCafcass);
  EXPECT_TRUE(cafcass.accepted());
  const v1::OrganisationAssessment& council = assessed.assessment().organisations(1);
  EXPECT_EQ(council.organisation(), kCouncil);
  EXPECT_FALSE(council.accepted());
  EXPECT_EQ(council.closure_reason(), v1::CLOSURE_REASON_OUT_OF_REMIT);
  ASSERT_EQ(council.checks_size(), 3);
  EXPECT_EQ(council.checks(0).check(), v1::ASSESSMENT_CHECK_IN_REMIT);
  EXPECT_EQ(council.checks(1).check(), v1::ASSESSMENT_CHECK_MP_REFERRAL);
  EXPECT_EQ(council.checks(2).check(), v1::ASSESSMENT_CHECK_COMPLAINTS_PROCESS_COMPLETE);
  EXPECT_FALSE(council.checks(0).passed());
  // The complaint as a whole keeps its five checks; IN_REMIT did not pass for every organisation.
  ASSERT_EQ(assessed.assessment().checks_size(), 5);
  EXPECT_FALSE(assessed.assessment().checks(0).passed());
  EXPECT_EQ(Get(assessed.name()).SerializeAsString(), assessed.SerializeAsString());

  const std::vector<OutboxEntry> outbox = Outbox();
  ASSERT_EQ(outbox.size(), 1u);
  const AcceptanceHandoff& handoff = outbox[0].handoff;
  EXPECT_THAT(handoff.organisation_ids, ElementsAre("cafcass"));
  EXPECT_THAT(handoff.organisation_published_names,
              ElementsAre("Children and Family Court Advisory and Support Service (Cafcass)"));
  EXPECT_EQ(handoff.default_location, "UK");
}

TEST_P(OrganisationsServiceTest, EachOrganisationsOwnDatesDecideItsPrematurity) {
  v1::Complaint complaint = About({kCafcass, kTrust});
  v1::OrganisationDates* trust = complaint.add_organisation_dates();
  trust->set_organisation(kTrust);
  *trust->mutable_complained_to_organisation_date() = Date(2026, 2, 16);  // no reply yet
  const v1::Complaint assessed = SubmitAndAssess(complaint);
  ASSERT_EQ(assessed.organisation_dates_size(), 1);
  EXPECT_EQ(assessed.organisation_dates(0).SerializeAsString(), trust->SerializeAsString());
  EXPECT_EQ(assessed.state(), v1::COMPLAINT_STATE_ACCEPTED);
  EXPECT_TRUE(PartOf(assessed, kCafcass).accepted());
  EXPECT_EQ(PartOf(assessed, kTrust).closure_reason(), v1::CLOSURE_REASON_PREMATURE);
  EXPECT_THAT(
      CheckOf(PartOf(assessed, kTrust).checks(), v1::ASSESSMENT_CHECK_COMPLAINTS_PROCESS_COMPLETE)
          .reason(),
      HasSubstr("2026-02-16"));
  ASSERT_EQ(Outbox().size(), 1u);
  EXPECT_THAT(Outbox()[0].handoff.organisation_ids, ElementsAre("cafcass"));
}

TEST_P(OrganisationsServiceTest, OrganisationDatesCanBeChangedBeforeAssessment) {
  const v1::Complaint submitted = Submit("req-1", About({kCafcass, kTrust}, false));
  v1::UpdateComplaintRequest update;
  *update.mutable_complaint() = submitted;
  v1::OrganisationDates* trust = update.mutable_complaint()->add_organisation_dates();
  trust->set_organisation(kTrust);
  *trust->mutable_complained_to_organisation_date() = Date(2025, 11, 3);
  *trust->mutable_final_response_date() = Date(2026, 1, 12);
  update.mutable_update_mask()->add_paths("organisation_dates");
  v1::Complaint updated;
  ASSERT_THAT(Call(&v1::Intake::Stub::UpdateComplaint, update, &updated), IsOk());
  ASSERT_EQ(updated.organisation_dates_size(), 1);
  EXPECT_EQ(Get(submitted.name()).SerializeAsString(), updated.SerializeAsString());

  v1::Complaint assessed;
  ASSERT_THAT(Assess(AssessRequest(submitted.name(), "assess-1"), &assessed), IsOk());
  EXPECT_EQ(PartOf(assessed, kCafcass).closure_reason(), v1::CLOSURE_REASON_PREMATURE);
  EXPECT_TRUE(PartOf(assessed, kTrust).accepted());
}

TEST_P(OrganisationsServiceTest, WhenEveryPartFailsTheComplaintIsClosedAndEachPartKeepsItsReason) {
  const v1::Complaint assessed = SubmitAndAssess(About({kCafcass, kCouncil}, false));
  EXPECT_EQ(assessed.state(), v1::COMPLAINT_STATE_CLOSED);
  EXPECT_EQ(assessed.closure_reason(), v1::CLOSURE_REASON_OUT_OF_REMIT);  // the earliest check
  EXPECT_EQ(PartOf(assessed, kCafcass).closure_reason(), v1::CLOSURE_REASON_PREMATURE);
  EXPECT_EQ(PartOf(assessed, kCouncil).closure_reason(), v1::CLOSURE_REASON_OUT_OF_REMIT);
  EXPECT_TRUE(Outbox().empty());
}

TEST_P(OrganisationsServiceTest, AnOverrideCanBeForOneOrganisation) {
  v1::AssessComplaintRequest request;
  v1::CheckOverride* override = request.add_overrides();
  override->set_check(v1::ASSESSMENT_CHECK_COMPLAINTS_PROCESS_COMPLETE);
  override->set_passed(true);
  override->set_reason("The trust refused to accept the complaint.");
  override->set_organisation(kTrust);
  const v1::Complaint assessed = SubmitAndAssess(About({kCafcass, kTrust}, false), request);
  EXPECT_EQ(assessed.state(), v1::COMPLAINT_STATE_ACCEPTED);
  EXPECT_EQ(PartOf(assessed, kCafcass).closure_reason(), v1::CLOSURE_REASON_PREMATURE);
  const v1::CheckResult& process =
      CheckOf(PartOf(assessed, kTrust).checks(), v1::ASSESSMENT_CHECK_COMPLAINTS_PROCESS_COMPLETE);
  EXPECT_TRUE(process.passed());
  EXPECT_TRUE(process.overridden());
  EXPECT_EQ(process.override_reason(), override->reason());
  ASSERT_EQ(Outbox().size(), 1u);
  EXPECT_THAT(Outbox()[0].handoff.organisation_ids, ElementsAre("manchester-university-nhs-ft"));
}

TEST_P(OrganisationsServiceTest, ReportsOverridesNamingAnOrganisationWrongly) {
  const std::string name = Submit("req-1", About({kCafcass, kTrust}, false)).name();
  v1::AssessComplaintRequest request = AssessRequest(name, "assess-1");
  auto add = [&](v1::AssessmentCheck check, const std::string& organisation) {
    v1::CheckOverride* override = request.add_overrides();
    override->set_check(check);
    override->set_passed(true);
    override->set_reason("A reason.");
    override->set_organisation(organisation);
  };
  add(v1::ASSESSMENT_CHECK_WITHIN_TIME, kTrust);  // judged for the complaint as a whole
  add(v1::ASSESSMENT_CHECK_COMPLAINTS_PROCESS_COMPLETE, "trust");  // not a resource name
  v1::Complaint response;
  grpc::Status status = Assess(request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(),
              ElementsAre("overrides[1].organisation", "overrides[0].organisation"));

  v1::AssessComplaintRequest elsewhere = AssessRequest(name, "assess-2");
  v1::CheckOverride* override = elsewhere.add_overrides();
  override->set_check(v1::ASSESSMENT_CHECK_COMPLAINTS_PROCESS_COMPLETE);
  override->set_passed(true);
  override->set_reason("A reason.");
  override->set_organisation("organisations/dwp");  // not complained about
  status = Assess(elsewhere, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("overrides[0].organisation"));
  EXPECT_EQ(Get(name).state(), v1::COMPLAINT_STATE_RECEIVED);
}

TEST_P(OrganisationsServiceTest, ReportsInvalidOrganisationDates) {
  v1::Complaint complaint = About({kCafcass, kTrust});
  auto add = [&](const std::string& organisation) {
    v1::OrganisationDates* dates = complaint.add_organisation_dates();
    dates->set_organisation(organisation);
    return dates;
  };
  add("organisations/dwp");  // not complained about
  add(kTrust);
  *add(kTrust)->mutable_final_response_date() = Date(2026, 1, 5);  // repeated; no complaint date
  add("trust");                                                    // not a resource name
  *add(kCafcass)->mutable_complained_to_organisation_date() = Date(2026, 3, 9);  // future
  v1::Complaint response;
  grpc::Status status =
      Call(&v1::Intake::Stub::SubmitComplaint, SubmitRequest("req-1", complaint), &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(),
              ::testing::UnorderedElementsAre("complaint.organisation_dates[3].organisation",
                                              "complaint.organisation_dates[0].organisation",
                                              "complaint.organisation_dates[2].organisation",
                                              "complaint.organisation_dates[2].final_response_date",
                                              "complaint.organisation_dates[4]."
                                              "complained_to_organisation_date"));
}

// --- The MP referral (issue 11, rules 2 and 3). ---

TEST_P(OrganisationsServiceTest, TheMpReferralCannotBeOverridden) {
  const std::string name = Submit("req-1", About({"organisations/hmcts"})).name();
  v1::AssessComplaintRequest request = AssessRequest(name, "assess-1");
  v1::CheckOverride* override = request.add_overrides();
  override->set_check(v1::ASSESSMENT_CHECK_MP_REFERRAL);
  override->set_passed(true);
  override->set_reason("The MP is on holiday.");
  v1::Complaint response;
  grpc::Status status = Assess(request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("overrides[0].check"));
  EXPECT_EQ(Get(name).state(), v1::COMPLAINT_STATE_RECEIVED);
}

TEST_P(OrganisationsServiceTest, OverridingProperlyMadeDoesNotWaiveTheMpReferral) {
  v1::Complaint complaint = About({"organisations/hmcts"});
  complaint.set_channel(v1::SUBMISSION_CHANNEL_TELEPHONE);
  v1::AssessComplaintRequest request;
  v1::CheckOverride* override = request.add_overrides();
  override->set_check(v1::ASSESSMENT_CHECK_PROPERLY_MADE);
  override->set_passed(true);
  override->set_reason("Signed statement on file.");
  const v1::Complaint assessed = SubmitAndAssess(complaint, request);
  EXPECT_EQ(assessed.state(), v1::COMPLAINT_STATE_CLOSED);
  EXPECT_EQ(assessed.closure_reason(), v1::CLOSURE_REASON_NOT_PROPERLY_MADE);
  EXPECT_FALSE(
      CheckOf(PartOf(assessed, "organisations/hmcts").checks(), v1::ASSESSMENT_CHECK_MP_REFERRAL)
          .passed());
  const v1::CheckResult& properly_made =
      CheckOf(assessed.assessment().checks(), v1::ASSESSMENT_CHECK_PROPERLY_MADE);
  EXPECT_TRUE(properly_made.overridden());
  EXPECT_FALSE(properly_made.passed());

  // The same override for a body that needs no referral accepts the complaint.
  v1::Complaint about_cafcass = About({kCafcass});
  about_cafcass.set_channel(v1::SUBMISSION_CHANNEL_TELEPHONE);
  EXPECT_EQ(SubmitAndAssess(about_cafcass, request).state(), v1::COMPLAINT_STATE_ACCEPTED);
}

TEST_P(OrganisationsServiceTest, AParliamentaryComplaintIsInTimeWhenMadeToTheMpInTime) {
  clock_.SetToday(absl::CivilDay(2026, 3, 20));
  v1::Complaint complaint = About({"organisations/hmcts"});
  *complaint.mutable_aware_date() = Date(2025, 3, 10);  // 12 months end 2026-03-10
  *complaint.mutable_receive_date() = Date(2026, 3, 16);
  v1::MpReferral* referral = complaint.mutable_mp_referral();
  referral->set_mp_name("Jane Smith MP");
  *referral->mutable_referral_date() = Date(2026, 3, 10);
  const v1::Complaint in_time = SubmitAndAssess(complaint);
  EXPECT_EQ(in_time.state(), v1::COMPLAINT_STATE_ACCEPTED);
  EXPECT_THAT(CheckOf(in_time.assessment().checks(), v1::ASSESSMENT_CHECK_WITHIN_TIME).reason(),
              HasSubstr("made to Jane Smith MP on 2026-03-10"));

  *referral->mutable_referral_date() = Date(2026, 3, 11);
  const v1::Complaint late = SubmitAndAssess(complaint);
  EXPECT_EQ(late.state(), v1::COMPLAINT_STATE_CLOSED);
  EXPECT_EQ(late.closure_reason(), v1::CLOSURE_REASON_DISCRETION);
}

INSTANTIATE_TEST_SUITE_P(Stores, OrganisationsServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

}  // namespace
}  // namespace redress::intake::testing
