// Service tests of remedy's recommendation methods on their happy paths, through the generated
// stub: ReceiveDecision (and its idempotent retry), Get, List, Accept, Dispute, RecordCompliance,
// Decline, Reschedule, ListDueActions and GetComplianceReport.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/proto_time.h"
#include "services/remedy/api/remedy_service_test_support.h"

namespace redress::remedy::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr auto kReceive = &v1::Remedy::Stub::ReceiveDecision;
constexpr auto kList = &v1::Remedy::Stub::ListRecommendations;
constexpr auto kAccept = &v1::Remedy::Stub::AcceptRecommendation;
constexpr auto kDispute = &v1::Remedy::Stub::DisputeRecommendation;
constexpr auto kComply = &v1::Remedy::Stub::RecordCompliance;
constexpr auto kDecline = &v1::Remedy::Stub::DeclineRecommendation;
constexpr auto kReschedule = &v1::Remedy::Stub::RescheduleRecommendation;
constexpr auto kDueActions = &v1::Remedy::Stub::ListDueActions;
constexpr auto kReport = &v1::Remedy::Stub::GetComplianceReport;

std::string DateText(const common_v1::Date& date) {
  return absl::StrCat(date.year(), "-", date.month(), "-", date.day());
}

std::vector<v1::FollowUpAction> Actions(const v1::Recommendation& recommendation) {
  std::vector<v1::FollowUpAction> actions;
  for (const v1::FollowUpStep& step : recommendation.follow_up()) actions.push_back(step.action());
  return actions;
}

TEST_F(RemedyServiceTest, ReceiveDecisionCreatesTheRecommendationsInTheDecisionsOrder) {
  const std::vector<v1::Recommendation> created = Receive();
  ASSERT_THAT(created, SizeIs(2));

  const v1::Recommendation& apology = created[0];
  EXPECT_EQ(apology.name(), "recommendations/rec1");
  EXPECT_EQ(apology.investigation(), "investigations/inv1");
  EXPECT_EQ(apology.complaint(), "complaints/c1");
  EXPECT_EQ(apology.decision_sequence(), 1);
  EXPECT_EQ(apology.source_recommendation_id(), "r1");
  // No organisation in the decision: the first organisation investigated.
  EXPECT_EQ(apology.organisation(), "organisations/hmcts");
  EXPECT_EQ(apology.organisation_published_name(), "HM Courts and Tribunals Service (HMCTS)");
  EXPECT_EQ(apology.type(), common_v1::RECOMMENDATION_TYPE_APOLOGY);
  EXPECT_EQ(apology.beneficiary(), common_v1::BENEFICIARY_COMPLAINANT);
  EXPECT_EQ(apology.description(), "Apologise to Mr B for the delay.");
  EXPECT_FALSE(apology.has_amount());
  EXPECT_EQ(DateText(apology.target_date()), "2026-3-2");
  EXPECT_EQ(apology.state(), v1::RECOMMENDATION_STATE_AWAITING_RESPONSE);
  EXPECT_FALSE(apology.has_response());
  EXPECT_FALSE(apology.has_compliance());
  EXPECT_FALSE(apology.has_decline());
  EXPECT_EQ(apology.etag(), "1");
  EXPECT_EQ(TimeFromProto(apology.create_time()), clock_.Now());
  EXPECT_EQ(TimeFromProto(apology.update_time()), clock_.Now());
  // Every step planned, none taken: overdue the day after the target date, chased ten working
  // days after it.
  EXPECT_THAT(Actions(apology),
              ElementsAre(v1::FOLLOW_UP_ACTION_MARK_OVERDUE, v1::FOLLOW_UP_ACTION_CHASE,
                          v1::FOLLOW_UP_ACTION_ESCALATE, v1::FOLLOW_UP_ACTION_RECORD_NOT_COMPLIED));
  EXPECT_EQ(DateText(apology.follow_up(0).due_date()), "2026-3-3");
  EXPECT_EQ(DateText(apology.follow_up(1).due_date()), "2026-3-16");
  for (const v1::FollowUpStep& step : apology.follow_up()) EXPECT_FALSE(step.has_take_time());

  const v1::Recommendation& payment = created[1];
  EXPECT_EQ(payment.name(), "recommendations/rec2");
  EXPECT_EQ(payment.source_recommendation_id(), "r2");
  EXPECT_EQ(payment.organisation(), "organisations/dvla");
  EXPECT_EQ(payment.organisation_published_name(), "Driver and Vehicle Licensing Agency (DVLA)");
  EXPECT_EQ(payment.type(), common_v1::RECOMMENDATION_TYPE_NON_FINANCIAL_LOSS);
  EXPECT_EQ(payment.amount().amount_minor(), 25000);
  EXPECT_EQ(payment.amount().currency_code(), "GBP");
}

TEST_F(RemedyServiceTest, ARepeatedHandOffReturnsTheSameRecommendations) {
  const std::vector<v1::Recommendation> first = Receive();
  clock_.Advance(absl::Hours(1));
  const v1::ReceiveDecisionResponse again = Ok(kReceive, DecisionRequest());
  ASSERT_EQ(again.recommendations_size(), 2);
  EXPECT_EQ(again.recommendations(0).name(), first[0].name());
  EXPECT_EQ(again.recommendations(1).name(), first[1].name());
  EXPECT_EQ(again.recommendations(0).create_time().seconds(), first[0].create_time().seconds());
  EXPECT_EQ(store_.recommendation_count(), 2);
}

TEST_F(RemedyServiceTest, TheHandOffKeyWithAnotherBodyIsRefusedAsReused) {
  Receive();
  v1::ReceiveDecisionRequest changed = DecisionRequest();
  changed.mutable_event()->mutable_recommendations(0)->set_description("Apologise in writing.");
  const ErrorDetails details = ExpectError(Fails(kReceive, changed),
                                           grpc::StatusCode::INVALID_ARGUMENT, "REQUEST_ID_REUSED");
  EXPECT_THAT(details.fields(), ElementsAre("request_id"));
  EXPECT_EQ(store_.recommendation_count(), 2);
}

TEST_F(RemedyServiceTest, GetReturnsWhatReceiveDecisionReturned) {
  const std::vector<v1::Recommendation> created = Receive();
  const v1::Recommendation got = Get(created[1].name());
  EXPECT_EQ(got.SerializeAsString(), created[1].SerializeAsString()) << got.DebugString();
}

TEST_F(RemedyServiceTest, ListPagesInTheOrderReceivedAndFilters) {
  const std::vector<v1::Recommendation> created = Receive();
  v1::ListRecommendationsRequest request;
  request.set_page_size(1);
  const v1::ListRecommendationsResponse first = Ok(kList, request);
  ASSERT_EQ(first.recommendations_size(), 1);
  EXPECT_EQ(first.recommendations(0).name(), created[0].name());
  EXPECT_EQ(first.recommendations(0).follow_up_size(), 4);
  ASSERT_FALSE(first.next_page_token().empty());

  request.set_page_token(first.next_page_token());
  const v1::ListRecommendationsResponse second = Ok(kList, request);
  ASSERT_EQ(second.recommendations_size(), 1);
  EXPECT_EQ(second.recommendations(0).name(), created[1].name());
  EXPECT_THAT(second.next_page_token(), IsEmpty());

  Ok(kAccept, AcceptRequest(created[1].name()));
  v1::ListRecommendationsRequest accepted;
  accepted.set_filter("state = ACCEPTED AND organisation = \"organisations/dvla\"");
  const v1::ListRecommendationsResponse filtered = Ok(kList, accepted);
  ASSERT_EQ(filtered.recommendations_size(), 1);
  EXPECT_EQ(filtered.recommendations(0).name(), created[1].name());
}

TEST_F(RemedyServiceTest, AcceptRecordsTheResponseAsOfTodayByDefault) {
  const std::vector<v1::Recommendation> created = Receive();
  clock_.Advance(absl::Minutes(5));
  const v1::Recommendation accepted = Ok(kAccept, AcceptRequest(created[0].name(), "1"));
  EXPECT_EQ(accepted.state(), v1::RECOMMENDATION_STATE_ACCEPTED);
  EXPECT_EQ(accepted.response().position(), v1::ORGANISATION_POSITION_ACCEPTED);
  EXPECT_EQ(accepted.response().note(), "We will write to Mr B this week.");
  EXPECT_EQ(DateText(accepted.response().response_date()), "2026-2-2");
  EXPECT_EQ(accepted.etag(), "2");
  EXPECT_EQ(TimeFromProto(accepted.update_time()), clock_.Now());
  EXPECT_EQ(Get(created[0].name()).SerializeAsString(), accepted.SerializeAsString());
}

TEST_F(RemedyServiceTest, DisputeRecordsTheReasonAndTheDateGiven) {
  const std::vector<v1::Recommendation> created = Receive();
  v1::DisputeRecommendationRequest request = DisputeRequest(created[0].name());
  *request.mutable_response_date() = MakeDate(2026, 1, 30);
  const v1::Recommendation disputed = Ok(kDispute, request);
  EXPECT_EQ(disputed.state(), v1::RECOMMENDATION_STATE_DISPUTED);
  EXPECT_EQ(disputed.response().position(), v1::ORGANISATION_POSITION_DISPUTED);
  EXPECT_EQ(disputed.response().note(), "The delay was caused by the court, not by us.");
  EXPECT_EQ(DateText(disputed.response().response_date()), "2026-1-30");
}

TEST_F(RemedyServiceTest, RecordComplianceOnTimeClosesTheRecommendation) {
  const std::vector<v1::Recommendation> created = Receive();
  const v1::Recommendation complied = Ok(kComply, ComplianceRequest(created[0].name()));
  EXPECT_EQ(complied.state(), v1::RECOMMENDATION_STATE_COMPLIED);
  EXPECT_EQ(complied.compliance().action_taken(), "Wrote to Mr B apologising for the delay.");
  EXPECT_EQ(DateText(complied.compliance().completion_date()), "2026-2-2");
  EXPECT_EQ(complied.compliance().evidence_reference(), "DOC-1234");
  EXPECT_TRUE(complied.compliance().on_time());
  EXPECT_EQ(TimeFromProto(complied.compliance().record_time()), clock_.Now());
  // Closed: nothing more is planned.
  EXPECT_THAT(complied.follow_up(), IsEmpty());
}

TEST_F(RemedyServiceTest, ComplianceAfterTheTargetDateIsLate) {
  const std::vector<v1::Recommendation> created = Receive();
  clock_.SetToday(absl::CivilDay(2026, 3, 10));
  const v1::Recommendation on_the_day =
      Ok(kComply, ComplianceRequest(created[0].name(), kTargetDay));
  EXPECT_TRUE(on_the_day.compliance().on_time());
  const v1::Recommendation late = Ok(kComply, ComplianceRequest(created[1].name(), kTargetDay + 1));
  EXPECT_FALSE(late.compliance().on_time());
}

TEST_F(RemedyServiceTest, DeclineClosesARemedyForTheComplainant) {
  const std::vector<v1::Recommendation> created = Receive();
  v1::DeclineRecommendationRequest request = DeclineRequest(created[1].name());
  *request.mutable_decline()->mutable_decline_date() = MakeDate(2026, 1, 31);
  const v1::Recommendation declined = Ok(kDecline, request);
  EXPECT_EQ(declined.state(), v1::RECOMMENDATION_STATE_DECLINED);
  EXPECT_EQ(declined.decline().reason(), "Mr B does not want the payment.");
  EXPECT_EQ(DateText(declined.decline().decline_date()), "2026-1-31");
  EXPECT_THAT(declined.follow_up(), IsEmpty());
}

TEST_F(RemedyServiceTest, RescheduleMovesTheTargetDateAndTheWholeFollowUp) {
  const std::vector<v1::Recommendation> created = Receive();
  const v1::Recommendation moved =
      Ok(kReschedule, RescheduleRequest(created[0].name(), absl::CivilDay(2026, 3, 16)));
  EXPECT_EQ(DateText(moved.target_date()), "2026-3-16");
  EXPECT_EQ(moved.state(), v1::RECOMMENDATION_STATE_AWAITING_RESPONSE);
  ASSERT_EQ(moved.follow_up_size(), 4);
  EXPECT_EQ(DateText(moved.follow_up(0).due_date()), "2026-3-17");
  EXPECT_EQ(DateText(moved.follow_up(1).due_date()), "2026-3-30");
}

TEST_F(RemedyServiceTest, ListDueActionsListsTheStepsDueByTheDateAsked) {
  const std::vector<v1::Recommendation> created = Receive();
  v1::ListDueActionsRequest request;
  const v1::ListDueActionsResponse none_today = Ok(kDueActions, request);
  EXPECT_THAT(none_today.actions(), IsEmpty());

  *request.mutable_as_of_date() = MakeDate(2026, 3, 3);
  const v1::ListDueActionsResponse due = Ok(kDueActions, request);
  ASSERT_EQ(due.actions_size(), 2);
  const v1::DueAction& first = due.actions(0);
  EXPECT_EQ(first.recommendation(), created[0].name());
  EXPECT_EQ(first.organisation(), "organisations/hmcts");
  EXPECT_EQ(first.state(), v1::RECOMMENDATION_STATE_AWAITING_RESPONSE);
  EXPECT_EQ(first.step().action(), v1::FOLLOW_UP_ACTION_MARK_OVERDUE);
  EXPECT_EQ(DateText(first.step().due_date()), "2026-3-3");
  EXPECT_FALSE(first.step().has_take_time());
  EXPECT_EQ(first.description(), "Apologise to Mr B for the delay.");
  EXPECT_EQ(due.actions(1).recommendation(), created[1].name());

  request.set_organisation("organisations/dvla");
  const v1::ListDueActionsResponse dvla = Ok(kDueActions, request);
  ASSERT_EQ(dvla.actions_size(), 1);
  EXPECT_EQ(dvla.actions(0).recommendation(), created[1].name());
}

TEST_F(RemedyServiceTest, AStepTheSchedulerTookShowsItsTakeTime) {
  const std::vector<v1::Recommendation> created = Receive();
  clock_.SetToday(absl::CivilDay(2026, 3, 3));
  ASSERT_THAT(logic_->RunFollowUp(), redress::testing::IsOk());
  const v1::Recommendation overdue = Get(created[0].name());
  EXPECT_EQ(overdue.state(), v1::RECOMMENDATION_STATE_OVERDUE);
  ASSERT_EQ(overdue.follow_up_size(), 4);
  EXPECT_EQ(overdue.follow_up(0).action(), v1::FOLLOW_UP_ACTION_MARK_OVERDUE);
  EXPECT_EQ(TimeFromProto(overdue.follow_up(0).take_time()), clock_.Now());
  EXPECT_FALSE(overdue.follow_up(1).has_take_time());
}

TEST_F(RemedyServiceTest, GetComplianceReportCountsOneOrganisationsRecommendations) {
  const std::vector<v1::Recommendation> created = Receive();
  Ok(kComply, ComplianceRequest(created[0].name()));

  v1::GetComplianceReportRequest hmcts;
  hmcts.set_organisation("organisations/hmcts");
  const v1::ComplianceReport report = Ok(kReport, hmcts);
  EXPECT_EQ(report.organisation(), "organisations/hmcts");
  EXPECT_EQ(DateText(report.as_of_date()), "2026-2-2");
  EXPECT_EQ(report.complied_on_time(), 1);
  EXPECT_EQ(report.complied_late(), 0);
  EXPECT_EQ(report.outstanding(), 0);

  v1::GetComplianceReportRequest dvla;
  dvla.set_organisation("organisations/dvla");
  *dvla.mutable_as_of_date() = MakeDate(2026, 3, 10);
  const v1::ComplianceReport later = Ok(kReport, dvla);
  EXPECT_EQ(DateText(later.as_of_date()), "2026-3-10");
  EXPECT_EQ(later.complied_on_time(), 0);
  EXPECT_EQ(later.outstanding(), 1);
  EXPECT_EQ(later.outstanding_overdue(), 1);
  EXPECT_EQ(later.not_complied(), 0);
  EXPECT_EQ(later.declined(), 0);
}

}  // namespace
}  // namespace redress::remedy::testing
