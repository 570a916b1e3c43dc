// Test support for the remedy service tests: an in-process server on port 0 over a FakeStore, a
// FakeClock and fake peers (remedy_logic_test_support.h), called through the generated stub
// (common/testing/in_process_server.h); the google.rpc details every error carries, in remedy's
// domain (common/testing/grpc_error_details.h); and builders of the requests.
#pragma once

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/testing/fake_clock.h"
#include "common/testing/grpc_error_details.h"
#include "common/testing/in_process_server.h"
#include "common/testing/sequential_ids.h"
#include "common/testing/status_matchers.h"
#include "common/working_day_calendar.h"
#include "redress/remedy/v1/remedy.grpc.pb.h"
#include "services/remedy/api/remedy_service.h"
#include "services/remedy/remedy_logic.h"
#include "services/remedy/remedy_logic_test_support.h"
#include "services/remedy/store/fake_store.h"

namespace redress::remedy::testing {

namespace v1 = ::redress::remedy::v1;
namespace inv1 = ::redress::investigation::v1;
namespace common_v1 = ::redress::common::v1;

// The day every test starts on (a Monday), the decision date, and the recommendations' target
// date four weeks later (also a Monday).
inline constexpr absl::CivilDay kToday(2026, 2, 2);
inline constexpr absl::CivilDay kTargetDay(2026, 3, 2);

inline common_v1::Date MakeDate(int year, int month, int day) {
  common_v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

inline common_v1::Date DateOf(absl::CivilDay day) {
  return MakeDate(static_cast<int>(day.year()), day.month(), day.day());
}

using ::redress::testing::DetailsOf;
using ::redress::testing::ErrorDetails;

// Expects `status` to be `code` with the same code in its details and an ErrorInfo of `reason`
// in remedy's domain; returns the details.
inline ErrorDetails ExpectError(const grpc::Status& status, grpc::StatusCode code,
                                const std::string& reason) {
  return ::redress::testing::ExpectErrorIn("remedy.redress", status, code, reason);
}

// Expects INVALID_ARGUMENT listing exactly `fields`, in order.
inline void ExpectViolations(const grpc::Status& status, const std::vector<std::string>& fields) {
  const ErrorDetails details =
      ExpectError(status, grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_EQ(details.fields(), fields) << status.error_message();
}

// Expects FAILED_PRECONDITION with one PreconditionFailure violation of type STATE.
inline void ExpectStateError(const grpc::Status& status, const std::string& subject) {
  const ErrorDetails details =
      ExpectError(status, grpc::StatusCode::FAILED_PRECONDITION, "INVALID_STATE_TRANSITION");
  ASSERT_EQ(details.precondition_failure.violations_size(), 1) << status.error_message();
  EXPECT_EQ(details.precondition_failure.violations(0).type(), "STATE");
  EXPECT_EQ(details.precondition_failure.violations(0).subject(), subject);
}

// A decision hand-off on investigations/`investigation`, decision `sequence` of 2026-02-02: r1 an
// apology to the complainant from the first organisation (organisation left empty), r2 £250 for
// distress from the DVLA; both due 2026-03-02.
inline v1::ReceiveDecisionRequest DecisionRequest(const std::string& investigation = "inv1",
                                                  int sequence = 1) {
  v1::ReceiveDecisionRequest request;
  const std::string key = absl::StrCat("investigations/", investigation, "/decisions/", sequence);
  request.set_request_id(key);
  inv1::DecisionIssuedEvent* event = request.mutable_event();
  event->set_handoff_key(key);
  event->set_investigation("investigations/" + investigation);
  event->set_complaint("complaints/c1");
  event->mutable_decision()->set_decision(inv1::OUTCOME_UPHELD);
  *event->mutable_decision()->mutable_decision_date() = DateOf(kToday);
  event->mutable_decision()->set_sequence(sequence);
  inv1::Recommendation* apology = event->add_recommendations();
  apology->set_recommendation_id("r1");
  apology->set_type(common_v1::RECOMMENDATION_TYPE_APOLOGY);
  apology->set_beneficiary(common_v1::BENEFICIARY_COMPLAINANT);
  apology->set_description("Apologise to Mr B for the delay.");
  *apology->mutable_target_date() = DateOf(kTargetDay);
  inv1::Recommendation* payment = event->add_recommendations();
  payment->set_recommendation_id("r2");
  payment->set_type(common_v1::RECOMMENDATION_TYPE_NON_FINANCIAL_LOSS);
  payment->set_beneficiary(common_v1::BENEFICIARY_COMPLAINANT);
  payment->set_description("Pay Mr B £250 for the distress caused.");
  payment->mutable_amount()->set_amount_minor(25000);
  payment->mutable_amount()->set_currency_code("GBP");
  *payment->mutable_target_date() = DateOf(kTargetDay);
  payment->set_organisation("organisations/dvla");
  inv1::OrganisationInvestigated* hmcts = event->add_organisations();
  hmcts->set_organisation("organisations/hmcts");
  hmcts->set_published_name("HM Courts and Tribunals Service (HMCTS)");
  inv1::OrganisationInvestigated* dvla = event->add_organisations();
  dvla->set_organisation("organisations/dvla");
  dvla->set_published_name("Driver and Vehicle Licensing Agency (DVLA)");
  return request;
}

// The reopening of decision `sequence` of investigations/`investigation` on 2026-04-01.
inline v1::ReceiveReopeningRequest ReopeningRequest(const std::string& investigation = "inv1",
                                                    int sequence = 1) {
  v1::ReceiveReopeningRequest request;
  const std::string key =
      absl::StrCat("investigations/", investigation, "/decisions/", sequence, "/reopening");
  request.set_request_id(key);
  inv1::DecisionReopenedEvent* event = request.mutable_event();
  event->set_handoff_key(key);
  event->set_investigation("investigations/" + investigation);
  event->set_complaint("complaints/c1");
  event->set_decision_sequence(sequence);
  *event->mutable_reopen_date() = MakeDate(2026, 4, 1);
  return request;
}

// The end of investigations/`investigation` in `state` (WITHDRAWN by default) after `decisions`.
inline v1::ReceiveInvestigationEndRequest EndRequest(
    const std::string& investigation = "inv1", int decisions = 1,
    inv1::InvestigationState state = inv1::INVESTIGATION_STATE_WITHDRAWN) {
  v1::ReceiveInvestigationEndRequest request;
  const std::string key = absl::StrCat("investigations/", investigation, "/end");
  request.set_request_id(key);
  inv1::InvestigationEndedEvent* event = request.mutable_event();
  event->set_handoff_key(key);
  event->set_investigation("investigations/" + investigation);
  event->set_complaint("complaints/c1");
  event->set_state(state);
  event->set_reason("Mr B withdrew his complaint.");
  *event->mutable_end_date() = MakeDate(2026, 5, 1);
  event->set_decisions_issued(decisions);
  return request;
}

inline v1::AcceptRecommendationRequest AcceptRequest(const std::string& name,
                                                     const std::string& etag = "") {
  v1::AcceptRecommendationRequest request;
  request.set_name(name);
  request.set_note("We will write to Mr B this week.");
  request.set_etag(etag);
  return request;
}

inline v1::DisputeRecommendationRequest DisputeRequest(const std::string& name,
                                                       const std::string& etag = "") {
  v1::DisputeRecommendationRequest request;
  request.set_name(name);
  request.set_reason("The delay was caused by the court, not by us.");
  request.set_etag(etag);
  return request;
}

inline v1::RecordComplianceRequest ComplianceRequest(const std::string& name,
                                                     absl::CivilDay completed = kToday,
                                                     const std::string& etag = "") {
  v1::RecordComplianceRequest request;
  request.set_name(name);
  request.mutable_evidence()->set_action_taken("Wrote to Mr B apologising for the delay.");
  *request.mutable_evidence()->mutable_completion_date() = DateOf(completed);
  request.mutable_evidence()->set_evidence_reference("DOC-1234");
  request.set_etag(etag);
  return request;
}

inline v1::DeclineRecommendationRequest DeclineRequest(const std::string& name,
                                                       const std::string& etag = "") {
  v1::DeclineRecommendationRequest request;
  request.set_name(name);
  request.mutable_decline()->set_reason("Mr B does not want the payment.");
  request.set_etag(etag);
  return request;
}

inline v1::RescheduleRecommendationRequest RescheduleRequest(const std::string& name,
                                                             absl::CivilDay target,
                                                             const std::string& etag = "") {
  v1::RescheduleRecommendationRequest request;
  request.set_name(name);
  *request.mutable_target_date() = DateOf(target);
  request.set_reason("The organisation asked for more time to arrange payment.");
  request.set_etag(etag);
  return request;
}

// A decided case on investigations/inv1 (complaint complaints/c1, decision 1).
inline DecidedCase DecidedCaseOf(const std::string& investigation = "inv1") {
  DecidedCase decided;
  decided.investigation_id = investigation;
  decided.complaint = "complaints/c1";
  decided.decision_sequence = 1;
  decided.jurisdiction = Jurisdiction::kParliamentary;
  decided.introduction = {"Mr B complained that HMCTS delayed his case."};
  decided.what_happened = {"Mr B applied in March.", "The hearing was listed in November."};
  decided.what_we_found = {"We upheld this complaint."};
  decided.putting_it_right = {"HMCTS apologised and paid Mr B £250."};
  decided.organisation_published_names = {"HM Courts and Tribunals Service (HMCTS)"};
  decided.location = "UK";
  decided.complaint_types = {"Delayed replying to complaint"};
  return decided;
}

// The complainant of complaints/c1: Mr John Bloggs.
inline PersonOnCase Complainant() {
  PersonOnCase person;
  person.role = "complainant";
  person.title = "Mr";
  person.given_name = "John";
  person.family_name = "Bloggs";
  person.email = "jb@example.org";
  return person;
}

// A running remedy server over a FakeStore and fake peers, and a stub on it.
class RemedyServiceTest : public redress::testing::InProcessServiceTest<v1::Remedy> {
 protected:
  void SetUp() override {
    logic_ = std::make_unique<RemedyLogic>(store_, clock_, ids_,
                                           WorkingDayCalendar::EnglandAndWales(), cases_, people_);
    service_ = std::make_unique<RemedyService>(*logic_);
    ASSERT_THAT(Serve(service_.get(), "remedy-test", RemedyService::kMaxRequestBytes),
                redress::testing::IsOk());
  }

  // Receives DecisionRequest() and returns its two recommendations (r1, r2).
  std::vector<v1::Recommendation> Receive(const std::string& investigation = "inv1",
                                          int sequence = 1) {
    const v1::ReceiveDecisionResponse response =
        Ok(&v1::Remedy::Stub::ReceiveDecision, DecisionRequest(investigation, sequence));
    EXPECT_EQ(response.recommendations_size(), 2);
    return {response.recommendations().begin(), response.recommendations().end()};
  }

  v1::Recommendation Get(const std::string& name) {
    v1::GetRecommendationRequest request;
    request.set_name(name);
    return Ok(&v1::Remedy::Stub::GetRecommendation, request);
  }

  // Runs the scheduler's pass once a day, as the service does, from the day after today up to and
  // including `last`; the clock is left on `last`.
  void RunFollowUpDailyUntil(absl::CivilDay last) {
    for (absl::CivilDay day = Today(clock_) + 1; day <= last; ++day) {
      clock_.SetToday(day);
      ASSERT_TRUE(logic_->RunFollowUp().ok()) << absl::FormatCivilTime(day);
    }
  }

  FakeStore store_;
  redress::testing::FakeClock clock_{redress::testing::FakeClock::NoonOn(kToday)};
  redress::testing::SequentialIdGenerator ids_{"rec"};
  FakeCaseReader cases_;
  FakePeople people_;
  std::unique_ptr<RemedyLogic> logic_;
  std::unique_ptr<RemedyService> service_;
};

}  // namespace redress::remedy::testing
