// Unit tests of remedy's proto conversions of resources and enums: every domain field comes out
// on the wire (with the derived on_time and etag), and enums keep their numbers both ways. The
// requests are in proto_convert_requests_test.cc.
#include "services/remedy/api/proto_convert.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/proto_time.h"

namespace redress::remedy {
namespace {

namespace v1 = ::redress::remedy::v1;
namespace common_v1 = ::redress::common::v1;

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const absl::Time kCreated = absl::FromUnixMicros(1770033600123456);
const absl::Time kUpdated = kCreated + absl::Hours(3);

std::vector<std::string> Fields(const FieldViolations& violations) {
  std::vector<std::string> fields;
  for (const FieldViolation& violation : violations.violations()) fields.push_back(violation.field);
  return fields;
}

Recommendation FullRecommendation() {
  Recommendation r;
  r.id = "rec7";
  r.sequence = 12;
  r.version = 5;
  r.investigation_id = "inv3";
  r.complaint = "complaints/c9";
  r.decision_sequence = 2;
  r.source_recommendation_id = "r2";
  r.organisation_id = "dvla";
  r.organisation_published_name = "Driver and Vehicle Licensing Agency (DVLA)";
  r.type = RecommendationType::kFinancialLoss;
  r.beneficiary = Beneficiary::kOtherPerson;
  r.description = "Refund the £60 fee – in full.";
  r.amount = Money{6000, "GBP"};
  r.target_date = absl::CivilDay(2026, 3, 2);
  r.state = RecommendationState::kComplied;
  r.response = OrganisationResponse{OrganisationPosition::kDisputed, "Not our fault.",
                                    absl::CivilDay(2026, 2, 10)};
  r.compliance =
      ComplianceEvidence{"Refunded the fee.", absl::CivilDay(2026, 3, 2), "REF-9", kUpdated};
  r.decline = Decline{"No thanks.", absl::CivilDay(2026, 2, 11)};
  r.reschedules = {{absl::CivilDay(2026, 2, 20), absl::CivilDay(2026, 3, 2), "Agreed.", kCreated}};
  r.history = {{RecommendationState::kAwaitingResponse, kCreated, absl::CivilDay(2026, 2, 20), 2},
               {RecommendationState::kDisputed, kCreated, absl::CivilDay(2026, 3, 2), 2},
               {RecommendationState::kComplied, kUpdated, absl::CivilDay(2026, 3, 2), 2}};
  r.create_time = kCreated;
  r.update_time = kUpdated;
  return r;
}

// --- Resources out. ---

TEST(RecommendationToProtoTest, CarriesEveryField) {
  const FollowUpStep taken{FollowUpAction::kMarkOverdue, absl::CivilDay(2026, 3, 3), kUpdated};
  const FollowUpStep planned{FollowUpAction::kChase, absl::CivilDay(2026, 3, 16), std::nullopt};
  const v1::Recommendation proto = RecommendationToProto(FullRecommendation(), {taken, planned});

  EXPECT_EQ(proto.name(), "recommendations/rec7");
  EXPECT_EQ(proto.investigation(), "investigations/inv3");
  EXPECT_EQ(proto.complaint(), "complaints/c9");
  EXPECT_EQ(proto.decision_sequence(), 2);
  EXPECT_EQ(proto.source_recommendation_id(), "r2");
  EXPECT_EQ(proto.organisation(), "organisations/dvla");
  EXPECT_EQ(proto.organisation_published_name(), "Driver and Vehicle Licensing Agency (DVLA)");
  EXPECT_EQ(proto.type(), common_v1::RECOMMENDATION_TYPE_FINANCIAL_LOSS);
  EXPECT_EQ(proto.beneficiary(), common_v1::BENEFICIARY_OTHER_PERSON);
  EXPECT_EQ(proto.description(), "Refund the £60 fee – in full.");
  EXPECT_EQ(proto.amount().amount_minor(), 6000);
  EXPECT_EQ(proto.amount().currency_code(), "GBP");
  EXPECT_EQ(proto.target_date().year(), 2026);
  EXPECT_EQ(proto.target_date().month(), 3);
  EXPECT_EQ(proto.target_date().day(), 2);
  EXPECT_EQ(proto.state(), v1::RECOMMENDATION_STATE_COMPLIED);
  EXPECT_EQ(proto.response().position(), v1::ORGANISATION_POSITION_DISPUTED);
  EXPECT_EQ(proto.response().note(), "Not our fault.");
  EXPECT_EQ(proto.response().response_date().day(), 10);
  EXPECT_EQ(proto.compliance().action_taken(), "Refunded the fee.");
  EXPECT_EQ(proto.compliance().completion_date().day(), 2);
  EXPECT_EQ(proto.compliance().evidence_reference(), "REF-9");
  // Completed on the extended target date: late against the one the decision set (20 February),
  // as on time is judged since the state history (rule changed with it).
  EXPECT_FALSE(proto.compliance().on_time());
  EXPECT_EQ(TimeFromProto(proto.compliance().record_time()), kUpdated);
  EXPECT_EQ(proto.decline().reason(), "No thanks.");
  EXPECT_EQ(proto.decline().decline_date().day(), 11);
  ASSERT_EQ(proto.follow_up_size(), 2);
  EXPECT_EQ(proto.follow_up(0).action(), v1::FOLLOW_UP_ACTION_MARK_OVERDUE);
  EXPECT_EQ(proto.follow_up(0).due_date().day(), 3);
  EXPECT_EQ(TimeFromProto(proto.follow_up(0).take_time()), kUpdated);
  EXPECT_EQ(proto.follow_up(1).action(), v1::FOLLOW_UP_ACTION_CHASE);
  EXPECT_FALSE(proto.follow_up(1).has_take_time());
  EXPECT_EQ(proto.etag(), "5");
  EXPECT_EQ(TimeFromProto(proto.create_time()), kCreated);
  EXPECT_EQ(TimeFromProto(proto.update_time()), kUpdated);
  ASSERT_EQ(proto.state_history_size(), 3);
  EXPECT_EQ(proto.state_history(0).state(), v1::RECOMMENDATION_STATE_AWAITING_RESPONSE);
  EXPECT_EQ(TimeFromProto(proto.state_history(0).change_time()), kCreated);
  EXPECT_EQ(proto.state_history(0).target_date().day(), 20);
  EXPECT_EQ(proto.state_history(0).decision_sequence(), 2);
  EXPECT_EQ(proto.state_history(2).state(), v1::RECOMMENDATION_STATE_COMPLIED);
}

TEST(RecommendationToProtoTest, ComplianceAfterTheTargetDateIsNotOnTime) {
  Recommendation r = FullRecommendation();
  r.compliance->completion_date = r.target_date + 1;
  EXPECT_FALSE(RecommendationToProto(r, {}).compliance().on_time());
  r.compliance->completion_date = r.target_date - 30;
  EXPECT_TRUE(RecommendationToProto(r, {}).compliance().on_time());
}

TEST(RecommendationToProtoTest, LeavesWhatIsNotThereUnset) {
  Recommendation r = FullRecommendation();
  r.amount.reset();
  r.response.reset();
  r.compliance.reset();
  r.decline.reset();
  r.create_time = absl::InfinitePast();
  r.update_time = absl::InfinitePast();
  const v1::Recommendation proto = RecommendationToProto(r, {});
  EXPECT_FALSE(proto.has_amount());
  EXPECT_FALSE(proto.has_response());
  EXPECT_FALSE(proto.has_compliance());
  EXPECT_FALSE(proto.has_decline());
  EXPECT_FALSE(proto.has_create_time());
  EXPECT_FALSE(proto.has_update_time());
  EXPECT_THAT(proto.follow_up(), IsEmpty());
}

TEST(DueActionToProtoTest, NamesTheRecommendationAndItsOrganisation) {
  const DueAction action{FullRecommendation(),
                         {FollowUpAction::kEscalate, absl::CivilDay(2026, 3, 30), std::nullopt}};
  const v1::DueAction proto = DueActionToProto(action);
  EXPECT_EQ(proto.recommendation(), "recommendations/rec7");
  EXPECT_EQ(proto.organisation(), "organisations/dvla");
  EXPECT_EQ(proto.state(), v1::RECOMMENDATION_STATE_COMPLIED);
  EXPECT_EQ(proto.step().action(), v1::FOLLOW_UP_ACTION_ESCALATE);
  EXPECT_EQ(proto.step().due_date().month(), 3);
  EXPECT_EQ(proto.step().due_date().day(), 30);
  EXPECT_EQ(proto.description(), "Refund the £60 fee – in full.");
}

TEST(ComplianceReportToProtoTest, CarriesEveryCount) {
  ComplianceReport report{"hmcts", absl::CivilDay(2026, 4, 1), 1, 2, 3, 4, 5, 6, 7, 8, 9};
  const v1::ComplianceReport proto = ComplianceReportToProto(report);
  EXPECT_EQ(proto.organisation(), "organisations/hmcts");
  EXPECT_EQ(proto.as_of_date().month(), 4);
  EXPECT_EQ(proto.complied_on_time(), 1);
  EXPECT_EQ(proto.complied_late(), 2);
  EXPECT_EQ(proto.outstanding(), 3);
  EXPECT_EQ(proto.outstanding_overdue(), 4);
  EXPECT_EQ(proto.not_complied(), 5);
  EXPECT_EQ(proto.declined(), 6);
  EXPECT_EQ(proto.complied_late_within_extension(), 7);
  EXPECT_EQ(proto.held(), 8);
  EXPECT_EQ(proto.extended(), 9);
}

TEST(CaseSummaryToProtoTest, CarriesEveryField) {
  CaseSummary summary;
  summary.investigation_id = "inv3";
  summary.version = 2;
  summary.text = "Intro\nWhat happened\nA\nWhat we found\nB\nOrg\nNot applicable\nApology";
  summary.sections = {{"", {"Intro"}}, {"What happened", {"A"}}, {"What we found", {"B"}}};
  summary.jurisdiction = Jurisdiction::kHealth;
  summary.organisations = {"A GP practice", "Org"};
  summary.location = "Greater Manchester";
  summary.complaint_types = {"Came to an unsound decision"};
  summary.remedies = {"Apology"};
  summary.decision_sequence = 2;
  summary.publish_time = kUpdated;
  const v1::CaseSummary proto = CaseSummaryToProto(summary);
  EXPECT_EQ(proto.name(), "caseSummaries/inv3");
  EXPECT_EQ(proto.investigation(), "investigations/inv3");
  EXPECT_EQ(proto.version(), 2);
  EXPECT_EQ(proto.text(), summary.text);
  ASSERT_EQ(proto.sections_size(), 3);
  EXPECT_EQ(proto.sections(0).heading(), "");
  EXPECT_THAT(proto.sections(1).paragraphs(), ElementsAre("A"));
  EXPECT_EQ(proto.sections(2).heading(), "What we found");
  EXPECT_EQ(proto.jurisdiction(), common_v1::JURISDICTION_HEALTH);
  EXPECT_THAT(proto.organisations(), ElementsAre("A GP practice", "Org"));
  EXPECT_EQ(proto.location(), "Greater Manchester");
  EXPECT_THAT(proto.complaint_types(), ElementsAre("Came to an unsound decision"));
  EXPECT_THAT(proto.remedies(), ElementsAre("Apology"));
  EXPECT_EQ(proto.decision_sequence(), 2);
  EXPECT_EQ(TimeFromProto(proto.publish_time()), kUpdated);

  summary.publish_time.reset();
  EXPECT_FALSE(CaseSummaryToProto(summary).has_publish_time());
}

TEST(AnonymisationIssueToProtoTest, CarriesTheHit) {
  const v1::AnonymisationIssue proto =
      AnonymisationIssueToProto({"narrative.what_happened[2]", 14, "phone", "representative"});
  EXPECT_EQ(proto.field(), "narrative.what_happened[2]");
  EXPECT_EQ(proto.offset(), 14);
  EXPECT_EQ(proto.kind(), "phone");
  EXPECT_EQ(proto.person_role(), "representative");
}

TEST(AnonymisationIssueToProtoTest, CarriesTheIdentityAndTheAcknowledgement) {
  AnonymisationIssue issue;
  issue.hit = {"narrative.what_happened[2]", 14, "given_name", "other", 3};
  issue.issue_id = "0123456789abcdef0123456789abcdef";
  v1::AnonymisationIssue proto = IssueToProto(issue);
  EXPECT_EQ(proto.offset(), 14);
  EXPECT_EQ(proto.kind(), "given_name");
  EXPECT_EQ(proto.issue_id(), issue.issue_id);
  EXPECT_FALSE(proto.has_acknowledgement());

  IssueAcknowledgement acknowledgement;
  acknowledgement.reason = "The month.";
  acknowledgement.caseworker = "cw-3";
  acknowledgement.acknowledge_time = absl::FromUnixMicros(1770000000123456);
  issue.acknowledgement = acknowledgement;
  proto = IssueToProto(issue);
  EXPECT_EQ(proto.acknowledgement().reason(), "The month.");
  EXPECT_EQ(proto.acknowledgement().caseworker(), "cw-3");
  EXPECT_EQ(TimeFromProto(proto.acknowledgement().acknowledge_time()),
            absl::FromUnixMicros(1770000000123456));
}

TEST(AcknowledgeIssueCommandFromProtoTest, EveryFieldAsSent) {
  v1::AcknowledgeAnonymisationIssueRequest request;
  request.set_investigation("investigations/inv1");
  request.set_issue_id("abc");
  request.set_reason("why");
  request.set_caseworker("cw");
  const AcknowledgeIssueCommand command = AcknowledgeIssueCommandFromProto(request);
  EXPECT_EQ(command.investigation, "investigations/inv1");
  EXPECT_EQ(command.issue_id, "abc");
  EXPECT_EQ(command.reason, "why");
  EXPECT_EQ(command.caseworker, "cw");
}

// --- Enums. ---

TEST(EnumsTest, DomainValuesRoundTripByNumber) {
  for (RecommendationType type :
       {RecommendationType::kApology, RecommendationType::kFinancialLoss,
        RecommendationType::kNonFinancialLoss, RecommendationType::kPutThingsRight,
        RecommendationType::kLearnLessons}) {
    FieldViolations v;
    EXPECT_EQ(RecommendationTypeFromProto(RecommendationTypeToProto(type), "type", v), type);
    EXPECT_TRUE(v.empty());
  }
  for (Beneficiary beneficiary :
       {Beneficiary::kComplainant, Beneficiary::kOtherPerson, Beneficiary::kServiceUsers}) {
    FieldViolations v;
    EXPECT_EQ(BeneficiaryFromProto(BeneficiaryToProto(beneficiary), "b", v), beneficiary);
    EXPECT_TRUE(v.empty());
  }
}

TEST(EnumsTest, UnspecifiedIsRequiredAndAnUndefinedNumberIsUnknown) {
  FieldViolations v;
  RecommendationTypeFromProto(0, "type", v);
  BeneficiaryFromProto(42, "beneficiary", v);
  ASSERT_THAT(Fields(v), ElementsAre("type", "beneficiary"));
  EXPECT_EQ(v.violations()[0].description, "is required");
  EXPECT_EQ(v.violations()[1].description, "unknown value 42");
}

}  // namespace
}  // namespace redress::remedy
