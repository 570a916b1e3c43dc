// Service tests of invalid input, method by method: every violation comes back as
// INVALID_ARGUMENT with a BadRequest naming the request's own field paths, and nothing changes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "services/remedy/api/remedy_service_test_support.h"

namespace redress::remedy::testing {
namespace {

using ::testing::HasSubstr;

constexpr auto kReceive = &v1::Remedy::Stub::ReceiveDecision;
constexpr auto kGet = &v1::Remedy::Stub::GetRecommendation;
constexpr auto kList = &v1::Remedy::Stub::ListRecommendations;
constexpr auto kAccept = &v1::Remedy::Stub::AcceptRecommendation;
constexpr auto kDispute = &v1::Remedy::Stub::DisputeRecommendation;
constexpr auto kComply = &v1::Remedy::Stub::RecordCompliance;
constexpr auto kDecline = &v1::Remedy::Stub::DeclineRecommendation;
constexpr auto kReschedule = &v1::Remedy::Stub::RescheduleRecommendation;
constexpr auto kDueActions = &v1::Remedy::Stub::ListDueActions;
constexpr auto kReport = &v1::Remedy::Stub::GetComplianceReport;
constexpr auto kRender = &v1::Remedy::Stub::RenderCaseSummary;
constexpr auto kPublish = &v1::Remedy::Stub::PublishCaseSummary;
constexpr auto kGetSummary = &v1::Remedy::Stub::GetCaseSummary;

class RemedyServiceBadInputTest : public RemedyServiceTest {
 protected:
  // Receives the standard decision and returns the name of its first recommendation.
  std::string Received() { return Receive()[0].name(); }

  // Expects the recommendation `name` unchanged since it was received.
  void ExpectUnchanged(const std::string& name) {
    const v1::Recommendation now = Get(name);
    EXPECT_EQ(now.etag(), "1");
    EXPECT_EQ(now.state(), v1::RECOMMENDATION_STATE_AWAITING_RESPONSE);
  }
};

// --- ReceiveDecision: what the adapter cannot decode and what the logic rejects, together. ---

TEST_F(RemedyServiceBadInputTest, ReceiveDecisionReportsUndecodableFieldsWithTheLogicsOwn) {
  v1::ReceiveDecisionRequest request = DecisionRequest();
  inv1::DecisionIssuedEvent* event = request.mutable_event();
  *event->mutable_decision()->mutable_decision_date() = MakeDate(2026, 2, 30);
  event->mutable_recommendations(0)->set_type(common_v1::RECOMMENDATION_TYPE_UNSPECIFIED);
  event->mutable_recommendations(0)->set_beneficiary(static_cast<common_v1::Beneficiary>(9));
  event->mutable_recommendations(0)->set_description("");  // the logic's rule
  event->mutable_recommendations(1)->clear_target_date();
  event->mutable_recommendations(1)->set_organisation("orgs/dvla");
  ExpectViolations(
      Fails(kReceive, request),
      {"event.decision.decision_date", "event.recommendations[0].type",
       "event.recommendations[0].beneficiary", "event.recommendations[1].target_date",
       "event.recommendations[1].organisation", "event.recommendations[0].description"});
  EXPECT_EQ(store_.recommendation_count(), 0);
  EXPECT_EQ(store_.receipt_count(), 0);
}

TEST_F(RemedyServiceBadInputTest, ReceiveDecisionNeedsAnInvestigationName) {
  v1::ReceiveDecisionRequest request = DecisionRequest();
  request.mutable_event()->set_investigation("inv1");
  const grpc::Status status = Fails(kReceive, request);
  const ErrorDetails details =
      ExpectError(status, grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  ASSERT_FALSE(details.fields().empty());
  EXPECT_EQ(details.fields()[0], "event.investigation");
  EXPECT_EQ(store_.recommendation_count(), 0);
}

TEST_F(RemedyServiceBadInputTest, ReceiveDecisionRefusesAnOrganisationOutsideTheCollection) {
  v1::ReceiveDecisionRequest request = DecisionRequest();
  request.mutable_event()->mutable_organisations(1)->set_organisation("dvla");
  // r2 names organisations/dvla, which is then not among the organisations investigated.
  ExpectViolations(Fails(kReceive, request), {"event.organisations[1].organisation",
                                              "event.recommendations[1].organisation"});
}

TEST_F(RemedyServiceBadInputTest, ReceiveDecisionWithTooManyRecommendationsIsOneViolation) {
  v1::ReceiveDecisionRequest request = DecisionRequest();
  for (int i = 0; i < 60; ++i) {
    *request.mutable_event()->add_recommendations() = request.event().recommendations(0);
  }
  const grpc::Status status = Fails(kReceive, request);
  ExpectViolations(status, {"event.recommendations"});
  EXPECT_THAT(DetailsOf(status).bad_request.field_violations(0).description(),
              HasSubstr("at most 50"));
}

TEST_F(RemedyServiceBadInputTest, ReceiveDecisionKeyMustMatchTheEvent) {
  v1::ReceiveDecisionRequest request = DecisionRequest();
  request.set_request_id("investigations/inv1/decisions/2");
  ExpectViolations(Fails(kReceive, request), {"event.handoff_key"});
}

// --- Reads. ---

TEST_F(RemedyServiceBadInputTest, GetNeedsARecommendationName) {
  v1::GetRecommendationRequest request;
  ExpectViolations(Fails(kGet, request), {"name"});
  request.set_name("investigations/inv1");
  ExpectViolations(Fails(kGet, request), {"name"});
}

TEST_F(RemedyServiceBadInputTest, ListRefusesABadFilterPageSizeAndToken) {
  v1::ListRecommendationsRequest request;
  request.set_filter("colour = red");
  ExpectViolations(Fails(kList, request), {"filter"});
  request.Clear();
  request.set_page_size(-1);
  ExpectViolations(Fails(kList, request), {"page_size"});
  request.Clear();
  request.set_page_token("not-a-token");
  ExpectViolations(Fails(kList, request), {"page_token"});
}

// --- Changes: a value that could not be read is never defaulted, so nothing changes. ---

TEST_F(RemedyServiceBadInputTest, AcceptWithAnImpossibleDateChangesNothing) {
  const std::string name = Received();
  v1::AcceptRecommendationRequest request = AcceptRequest(name);
  *request.mutable_response_date() = MakeDate(2026, 0, 5);
  ExpectViolations(Fails(kAccept, request), {"response_date"});
  ExpectUnchanged(name);
}

TEST_F(RemedyServiceBadInputTest, AcceptRefusesAFutureDateAndAnOverlongNote) {
  const std::string name = Received();
  v1::AcceptRecommendationRequest request = AcceptRequest(name);
  *request.mutable_response_date() = MakeDate(2026, 2, 3);
  request.set_note(std::string(5001, 'x'));
  ExpectViolations(Fails(kAccept, request), {"note", "response_date"});
  ExpectUnchanged(name);
}

TEST_F(RemedyServiceBadInputTest, DisputeNeedsAReason) {
  const std::string name = Received();
  v1::DisputeRecommendationRequest request = DisputeRequest(name);
  request.set_reason("  ");
  ExpectViolations(Fails(kDispute, request), {"reason"});
  request = DisputeRequest(name);
  *request.mutable_response_date() = MakeDate(2026, 2, 31);
  ExpectViolations(Fails(kDispute, request), {"response_date"});
  ExpectUnchanged(name);
}

TEST_F(RemedyServiceBadInputTest, RecordComplianceNeedsItsEvidence) {
  const std::string name = Received();
  v1::RecordComplianceRequest request;
  request.set_name(name);
  ExpectViolations(Fails(kComply, request), {"evidence.action_taken", "evidence.completion_date",
                                             "evidence.evidence_reference"});
  request = ComplianceRequest(name);
  *request.mutable_evidence()->mutable_completion_date() = MakeDate(1850, 1, 1);
  ExpectViolations(Fails(kComply, request), {"evidence.completion_date"});
  request = ComplianceRequest(name, kToday + 1);
  ExpectViolations(Fails(kComply, request), {"evidence.completion_date"});
  ExpectUnchanged(name);
}

TEST_F(RemedyServiceBadInputTest, DeclineNeedsAReasonAndAReadableDate) {
  const std::string name = Receive()[1].name();
  v1::DeclineRecommendationRequest request = DeclineRequest(name);
  request.mutable_decline()->set_reason("");
  ExpectViolations(Fails(kDecline, request), {"decline.reason"});
  request = DeclineRequest(name);
  *request.mutable_decline()->mutable_decline_date() = MakeDate(2026, 13, 1);
  ExpectViolations(Fails(kDecline, request), {"decline.decline_date"});
  ExpectUnchanged(name);
}

TEST_F(RemedyServiceBadInputTest, RescheduleNeedsAFutureTargetDateAndAReason) {
  const std::string name = Received();
  v1::RescheduleRecommendationRequest request;
  request.set_name(name);
  ExpectViolations(Fails(kReschedule, request), {"target_date", "reason"});
  request = RescheduleRequest(name, kToday - 1);
  ExpectViolations(Fails(kReschedule, request), {"target_date"});
  request = RescheduleRequest(name, kTargetDay);
  request.mutable_target_date()->set_day(0);
  ExpectViolations(Fails(kReschedule, request), {"target_date"});
  ExpectUnchanged(name);
}

TEST_F(RemedyServiceBadInputTest, ChangesNeedARecommendationName) {
  ExpectViolations(Fails(kAccept, AcceptRequest("")), {"name"});
  ExpectViolations(Fails(kDispute, DisputeRequest("rec1")), {"name"});
  ExpectViolations(Fails(kComply, ComplianceRequest("recommendations/")), {"name"});
  ExpectViolations(Fails(kDecline, DeclineRequest("recommendations/Rec1")), {"name"});
  ExpectViolations(Fails(kReschedule, RescheduleRequest("x/rec1", kTargetDay)), {"name"});
}

// --- Due actions and the compliance report. ---

TEST_F(RemedyServiceBadInputTest, ListDueActionsRefusesABadDateOrOrganisation) {
  v1::ListDueActionsRequest request;
  *request.mutable_as_of_date() = MakeDate(2026, 2, 0);
  ExpectViolations(Fails(kDueActions, request), {"as_of_date"});
  request.Clear();
  request.set_organisation("hmcts");
  ExpectViolations(Fails(kDueActions, request), {"organisation"});
  request.Clear();
  request.set_page_size(-5);
  ExpectViolations(Fails(kDueActions, request), {"page_size"});
}

TEST_F(RemedyServiceBadInputTest, GetComplianceReportNeedsAnOrganisationAndAReadableDate) {
  v1::GetComplianceReportRequest request;
  ExpectViolations(Fails(kReport, request), {"organisation"});
  request.set_organisation("organisations/hmcts");
  *request.mutable_as_of_date() = MakeDate(2025, 2, 29);
  ExpectViolations(Fails(kReport, request), {"as_of_date"});
}

// --- Case summaries. ---

TEST_F(RemedyServiceBadInputTest, SummaryMethodsNeedResourceNames) {
  v1::RenderCaseSummaryRequest render;
  render.set_investigation("inv1");
  ExpectViolations(Fails(kRender, render), {"investigation"});
  v1::PublishCaseSummaryRequest publish;
  ExpectViolations(Fails(kPublish, publish), {"investigation"});
  v1::GetCaseSummaryRequest get;
  get.set_name("investigations/inv1");
  ExpectViolations(Fails(kGetSummary, get), {"name"});
  get.set_name("caseSummaries/inv1");
  get.set_version(-1);
  ExpectViolations(Fails(kGetSummary, get), {"version"});
  // None of them asked investigation.
  EXPECT_EQ(cases_.last_deadline, absl::InfinitePast());
}

}  // namespace
}  // namespace redress::remedy::testing
