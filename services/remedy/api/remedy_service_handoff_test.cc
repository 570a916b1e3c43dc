// Service tests of the reopening contract through the generated stub: ReceiveReopening holds,
// the next ReceiveDecision carries over or supersedes, ReceiveInvestigationEnd cancels; what a
// held or cancelled recommendation refuses; publication of an investigation that ended; and each
// new hand-off's invalid input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/remedy/api/remedy_service_test_support.h"

namespace redress::remedy::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr auto kReceive = &v1::Remedy::Stub::ReceiveDecision;
constexpr auto kReopen = &v1::Remedy::Stub::ReceiveReopening;
constexpr auto kEnd = &v1::Remedy::Stub::ReceiveInvestigationEnd;
constexpr auto kList = &v1::Remedy::Stub::ListRecommendations;
constexpr auto kAccept = &v1::Remedy::Stub::AcceptRecommendation;
constexpr auto kDispute = &v1::Remedy::Stub::DisputeRecommendation;
constexpr auto kComply = &v1::Remedy::Stub::RecordCompliance;
constexpr auto kDecline = &v1::Remedy::Stub::DeclineRecommendation;
constexpr auto kReschedule = &v1::Remedy::Stub::RescheduleRecommendation;
constexpr auto kRender = &v1::Remedy::Stub::RenderCaseSummary;
constexpr auto kPublish = &v1::Remedy::Stub::PublishCaseSummary;

std::vector<std::string> NamesOf(
    const google::protobuf::RepeatedPtrField<v1::Recommendation>& list) {
  std::vector<std::string> names;
  for (const v1::Recommendation& r : list) names.push_back(r.name());
  return names;
}

class RemedyServiceHandoffTest : public RemedyServiceTest {
 protected:
  // Decision 1 received: the apology (r1) complied with, the payment (r2) still awaited.
  void SetUp() override {
    RemedyServiceTest::SetUp();
    first_ = Receive();
    Ok(kComply, ComplianceRequest(first_[0].name()));
  }

  std::vector<v1::Recommendation> first_;
};

// --- ReceiveReopening. ---

TEST_F(RemedyServiceHandoffTest, AReopeningHoldsWhatIsFollowedUpAndTheSchedulerLeavesIt) {
  const v1::ReceiveReopeningResponse reopened = Ok(kReopen, ReopeningRequest());
  EXPECT_THAT(NamesOf(reopened.recommendations()), ElementsAre(first_[0].name(), first_[1].name()));
  EXPECT_EQ(reopened.recommendations(0).state(), v1::RECOMMENDATION_STATE_COMPLIED);
  EXPECT_EQ(reopened.recommendations(1).state(), v1::RECOMMENDATION_STATE_HELD);
  EXPECT_THAT(reopened.recommendations(1).follow_up(), IsEmpty());  // nothing planned
  ASSERT_EQ(reopened.recommendations(1).state_history_size(), 2);
  EXPECT_EQ(reopened.recommendations(1).state_history(1).state(), v1::RECOMMENDATION_STATE_HELD);

  RunFollowUpDailyUntil(absl::CivilDay(2026, 9, 1));
  EXPECT_EQ(Get(first_[1].name()).state(), v1::RECOMMENDATION_STATE_HELD);
  v1::ListRecommendationsRequest held;
  held.set_filter("state = HELD");
  EXPECT_THAT(NamesOf(Ok(kList, held).recommendations()), ElementsAre(first_[1].name()));
  // Received once: a redelivery changes nothing.
  const v1::ReceiveReopeningResponse again = Ok(kReopen, ReopeningRequest());
  EXPECT_EQ(again.recommendations(1).etag(), Get(first_[1].name()).etag());
}

TEST_F(RemedyServiceHandoffTest, AHeldRecommendationRefusesEverythingButEvidence) {
  Ok(kReopen, ReopeningRequest());
  const std::string name = first_[1].name();
  ExpectStateError(Fails(kAccept, AcceptRequest(name)), name);
  ExpectStateError(Fails(kDispute, DisputeRequest(name)), name);
  ExpectStateError(Fails(kDecline, DeclineRequest(name)), name);
  ExpectStateError(Fails(kReschedule, RescheduleRequest(name, absl::CivilDay(2026, 6, 1))), name);
  const v1::Recommendation complied = Ok(kComply, ComplianceRequest(name));
  EXPECT_EQ(complied.state(), v1::RECOMMENDATION_STATE_COMPLIED);
}

TEST_F(RemedyServiceHandoffTest, AReopeningKeyCannotBeReusedForAnotherBody) {
  Ok(kReopen, ReopeningRequest());
  v1::ReceiveReopeningRequest changed = ReopeningRequest();
  *changed.mutable_event()->mutable_reopen_date() = MakeDate(2026, 4, 2);
  const ErrorDetails details =
      ExpectError(Fails(kReopen, changed), grpc::StatusCode::INVALID_ARGUMENT, "REQUEST_ID_REUSED");
  EXPECT_THAT(details.fields(), ElementsAre("request_id"));
}

TEST_F(RemedyServiceHandoffTest, AReopeningOfADecisionNotReceivedWaitsForIt) {
  const ErrorDetails details =
      ExpectError(Fails(kReopen, ReopeningRequest("inv1", 2)),
                  grpc::StatusCode::FAILED_PRECONDITION, "DECISION_NOT_RECEIVED");
  ASSERT_EQ(details.precondition_failure.violations_size(), 1);
  EXPECT_EQ(details.precondition_failure.violations(0).type(), "HANDOFF");
  EXPECT_EQ(details.precondition_failure.violations(0).subject(),
            "investigations/inv1/decisions/2");
}

TEST_F(RemedyServiceHandoffTest, AReopeningReportsEveryBadField) {
  v1::ReceiveReopeningRequest request = ReopeningRequest();
  request.set_request_id("");
  request.mutable_event()->set_investigation("inv1");
  request.mutable_event()->set_decision_sequence(0);
  *request.mutable_event()->mutable_reopen_date() = MakeDate(2026, 2, 30);
  ExpectViolations(Fails(kReopen, request),
                   {"event.investigation", "event.reopen_date", "event.decision_sequence",
                    "request_id", "event.handoff_key"});
  EXPECT_EQ(store_.receipt_count(), 1);
}

// --- The next decision. ---

TEST_F(RemedyServiceHandoffTest, TheNextDecisionCarriesOverWhatItRepeats) {
  Ok(kReopen, ReopeningRequest());
  clock_.SetToday(absl::CivilDay(2026, 4, 1));
  v1::ReceiveDecisionRequest second = DecisionRequest("inv1", 2);
  *second.mutable_event()->mutable_recommendations(1)->mutable_target_date() = MakeDate(2026, 5, 1);
  const v1::ReceiveDecisionResponse response = Ok(kReceive, second);
  EXPECT_THAT(NamesOf(response.recommendations()), ElementsAre(first_[0].name(), first_[1].name()));
  const v1::Recommendation& apology = response.recommendations(0);
  EXPECT_EQ(apology.state(), v1::RECOMMENDATION_STATE_COMPLIED);  // never asked again
  EXPECT_EQ(apology.decision_sequence(), 2);
  EXPECT_THAT(apology.follow_up(), IsEmpty());
  const v1::Recommendation& payment = response.recommendations(1);
  EXPECT_EQ(payment.state(), v1::RECOMMENDATION_STATE_AWAITING_RESPONSE);
  EXPECT_EQ(payment.decision_sequence(), 2);
  EXPECT_EQ(payment.target_date().month(), 5);
  ASSERT_EQ(payment.follow_up_size(), 4);
  EXPECT_EQ(payment.follow_up(0).due_date().day(), 2);  // overdue on 2 May
  EXPECT_EQ(store_.recommendation_count(), 2);
}

TEST_F(RemedyServiceHandoffTest, TheNextDecisionSupersedesWhatItDoesNotRepeat) {
  Ok(kReopen, ReopeningRequest());
  v1::ReceiveDecisionRequest second = DecisionRequest("inv1", 2);
  second.mutable_event()->mutable_recommendations(1)->set_description("Pay Mr B £300.");
  const v1::ReceiveDecisionResponse response = Ok(kReceive, second);
  EXPECT_EQ(response.recommendations(0).name(), first_[0].name());
  EXPECT_NE(response.recommendations(1).name(), first_[1].name());
  EXPECT_EQ(Get(first_[1].name()).state(), v1::RECOMMENDATION_STATE_SUPERSEDED);
}

// --- ReceiveInvestigationEnd. ---

TEST_F(RemedyServiceHandoffTest, TheEndCancelsWhatIsHeldAndKeepsWhatWasCompliedWith) {
  Ok(kReopen, ReopeningRequest());
  const v1::ReceiveInvestigationEndResponse ended = Ok(kEnd, EndRequest());
  EXPECT_THAT(NamesOf(ended.recommendations()), ElementsAre(first_[0].name(), first_[1].name()));
  EXPECT_EQ(ended.recommendations(0).state(), v1::RECOMMENDATION_STATE_COMPLIED);
  EXPECT_EQ(ended.recommendations(1).state(), v1::RECOMMENDATION_STATE_CANCELLED);
  // Cancelled is final.
  ExpectStateError(Fails(kComply, ComplianceRequest(first_[1].name())), first_[1].name());
  // Received once.
  EXPECT_EQ(Ok(kEnd, EndRequest()).recommendations(1).etag(), ended.recommendations(1).etag());
  v1::ReceiveInvestigationEndRequest changed = EndRequest();
  changed.mutable_event()->set_reason("Discontinued after all.");
  ExpectError(Fails(kEnd, changed), grpc::StatusCode::INVALID_ARGUMENT, "REQUEST_ID_REUSED");
}

TEST_F(RemedyServiceHandoffTest, TheEndReportsEveryBadField) {
  v1::ReceiveInvestigationEndRequest request = EndRequest();
  request.mutable_event()->set_state(inv1::INVESTIGATION_STATE_DECIDED);
  request.mutable_event()->set_decisions_issued(-1);
  *request.mutable_event()->mutable_end_date() = MakeDate(2026, 13, 1);
  ExpectViolations(Fails(kEnd, request),
                   {"event.end_date", "event.state", "event.decisions_issued"});
  request = EndRequest();
  request.mutable_event()->set_state(static_cast<inv1::InvestigationState>(99));
  request.set_request_id("investigations/inv1/ended");
  ExpectViolations(Fails(kEnd, request), {"event.state", "event.handoff_key"});
  EXPECT_EQ(Get(first_[1].name()).state(), v1::RECOMMENDATION_STATE_AWAITING_RESPONSE);
}

// --- Publication. ---

TEST_F(RemedyServiceHandoffTest, AWithdrawnOrDiscontinuedInvestigationIsNeverPublished) {
  cases_.cases["inv1"] = DecidedCaseOf();
  Ok(kDecline, DeclineRequest(first_[1].name()));
  for (const char* state : {"WITHDRAWN", "DISCONTINUED"}) {
    SCOPED_TRACE(state);
    cases_.states["inv1"] = state;
    v1::PublishCaseSummaryRequest publish;
    publish.set_investigation("investigations/inv1");
    const ErrorDetails details = ExpectError(
        Fails(kPublish, publish), grpc::StatusCode::FAILED_PRECONDITION, "INVESTIGATION_ENDED");
    ASSERT_EQ(details.precondition_failure.violations_size(), 1);
    EXPECT_EQ(details.precondition_failure.violations(0).type(), "STATE");
    EXPECT_EQ(details.precondition_failure.violations(0).subject(), "investigations/inv1");
    v1::RenderCaseSummaryRequest render;
    render.set_investigation("investigations/inv1");
    ExpectError(Fails(kRender, render), grpc::StatusCode::FAILED_PRECONDITION,
                "INVESTIGATION_ENDED");
  }
  EXPECT_EQ(store_.case_summary_count(), 0);
  cases_.states["inv1"] = "UNDER_REVIEW";
  v1::PublishCaseSummaryRequest publish;
  publish.set_investigation("investigations/inv1");
  ExpectStateError(Fails(kPublish, publish), "investigations/inv1");
}

TEST_F(RemedyServiceHandoffTest, ARemedyCompliedWithBeforeTheReopeningStaysInTheFooter) {
  Ok(kReopen, ReopeningRequest());
  v1::ReceiveDecisionRequest second = DecisionRequest("inv1", 2);
  second.mutable_event()->mutable_recommendations()->DeleteSubrange(0, 1);  // no apology now
  const std::string payment = Ok(kReceive, second).recommendations(0).name();
  Ok(kDecline, DeclineRequest(payment));
  cases_.cases["inv1"] = DecidedCaseOf();
  cases_.cases["inv1"].decision_sequence = 2;
  people_.people["complaints/c1"] = {Complainant()};
  v1::PublishCaseSummaryRequest publish;
  publish.set_investigation("investigations/inv1");
  const v1::CaseSummary summary = Ok(kPublish, publish);
  EXPECT_THAT(summary.remedies(), ElementsAre("Apology"));
  EXPECT_EQ(summary.decision_sequence(), 2);
}

}  // namespace
}  // namespace redress::remedy::testing
