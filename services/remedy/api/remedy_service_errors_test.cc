// Service tests of refused changes: transitions the state does not allow (FAILED_PRECONDITION with
// a PreconditionFailure of type STATE), a stale etag (ABORTED), a missing recommendation
// (NOT_FOUND), other preconditions, and an unexpected failure (INTERNAL, nothing leaked).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "services/remedy/api/remedy_service_test_support.h"

namespace redress::remedy::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr auto kReceive = &v1::Remedy::Stub::ReceiveDecision;
constexpr auto kGet = &v1::Remedy::Stub::GetRecommendation;
constexpr auto kAccept = &v1::Remedy::Stub::AcceptRecommendation;
constexpr auto kDispute = &v1::Remedy::Stub::DisputeRecommendation;
constexpr auto kComply = &v1::Remedy::Stub::RecordCompliance;
constexpr auto kDecline = &v1::Remedy::Stub::DeclineRecommendation;
constexpr auto kReschedule = &v1::Remedy::Stub::RescheduleRecommendation;
constexpr auto kGetSummary = &v1::Remedy::Stub::GetCaseSummary;

constexpr absl::CivilDay kLaterTarget(2026, 3, 16);

class RemedyServiceErrorsTest : public RemedyServiceTest {
 protected:
  // Every change method on `name` (with `etag`) is refused the same way, checked by `expect`.
  template <typename Expect>
  void EveryChangeIsRefused(const std::string& name, const std::string& etag, Expect expect) {
    expect(Fails(kAccept, AcceptRequest(name, etag)), "AcceptRecommendation");
    expect(Fails(kDispute, DisputeRequest(name, etag)), "DisputeRecommendation");
    expect(Fails(kComply, ComplianceRequest(name, kToday, etag)), "RecordCompliance");
    expect(Fails(kDecline, DeclineRequest(name, etag)), "DeclineRecommendation");
    expect(Fails(kReschedule, RescheduleRequest(name, kLaterTarget, etag)),
           "RescheduleRecommendation");
  }
};

// --- Forbidden transitions. ---

TEST_F(RemedyServiceErrorsTest, AFinalStateRefusesEveryChange) {
  const std::string name = Receive()[0].name();
  Ok(kComply, ComplianceRequest(name));
  EveryChangeIsRefused(name, "", [&](const grpc::Status& status, const char* method) {
    SCOPED_TRACE(method);
    ExpectStateError(status, name);
    EXPECT_THAT(status.error_message(), HasSubstr("COMPLIED"));
  });
  EXPECT_EQ(Get(name).etag(), "2");
}

TEST_F(RemedyServiceErrorsTest, ADeclinedRemedyCannotBeCompliedWith) {
  const std::string name = Receive()[1].name();
  Ok(kDecline, DeclineRequest(name));
  ExpectStateError(Fails(kComply, ComplianceRequest(name)), name);
  EXPECT_EQ(Get(name).state(), v1::RECOMMENDATION_STATE_DECLINED);
}

TEST_F(RemedyServiceErrorsTest, AnAnsweredRecommendationCannotBeAnsweredAgain) {
  const std::string name = Receive()[0].name();
  Ok(kAccept, AcceptRequest(name));
  ExpectStateError(Fails(kAccept, AcceptRequest(name)), name);
  ExpectStateError(Fails(kDispute, DisputeRequest(name)), name);
  EXPECT_EQ(Get(name).response().position(), v1::ORGANISATION_POSITION_ACCEPTED);
}

TEST_F(RemedyServiceErrorsTest, ALaterDecisionSupersedesOpenRecommendations) {
  const std::vector<v1::Recommendation> first = Receive("inv1", 1);
  Ok(kComply, ComplianceRequest(first[0].name()));
  // The second decision asks for a different payment (one it repeated unchanged would be carried
  // over: remedy_service_handoff_test.cc).
  v1::ReceiveDecisionRequest second = DecisionRequest("inv1", 2);
  second.mutable_event()->mutable_recommendations(1)->set_description("Pay Mr B £300.");
  Ok(kReceive, second);
  EXPECT_EQ(Get(first[0].name()).state(), v1::RECOMMENDATION_STATE_COMPLIED);
  EXPECT_EQ(Get(first[1].name()).state(), v1::RECOMMENDATION_STATE_SUPERSEDED);
  ExpectStateError(Fails(kAccept, AcceptRequest(first[1].name())), first[1].name());
}

TEST_F(RemedyServiceErrorsTest, OnlyARemedyForTheComplainantCanBeDeclined) {
  v1::ReceiveDecisionRequest request = DecisionRequest();
  request.mutable_event()->mutable_recommendations(0)->set_beneficiary(
      common_v1::BENEFICIARY_SERVICE_USERS);
  const std::string name = Ok(kReceive, request).recommendations(0).name();
  const ErrorDetails details =
      ExpectError(Fails(kDecline, DeclineRequest(name)), grpc::StatusCode::FAILED_PRECONDITION,
                  "NOT_COMPLAINANT_REMEDY");
  ASSERT_EQ(details.precondition_failure.violations_size(), 1);
  EXPECT_EQ(details.precondition_failure.violations(0).type(), "BENEFICIARY");
  EXPECT_EQ(details.precondition_failure.violations(0).subject(), name);
}

// --- Stale etags. ---

TEST_F(RemedyServiceErrorsTest, AStaleEtagIsAbortedAndChangesNothing) {
  const std::string name = Receive()[0].name();
  EveryChangeIsRefused(name, "7", [](const grpc::Status& status, const char* method) {
    SCOPED_TRACE(method);
    ExpectError(status, grpc::StatusCode::ABORTED, "ETAG_MISMATCH");
  });
  const v1::Recommendation unchanged = Get(name);
  EXPECT_EQ(unchanged.etag(), "1");
  EXPECT_EQ(unchanged.state(), v1::RECOMMENDATION_STATE_AWAITING_RESPONSE);
}

TEST_F(RemedyServiceErrorsTest, TheEtagOfOneChangeIsTheConditionOfTheNext) {
  const std::string name = Receive()[0].name();
  const v1::Recommendation accepted = Ok(kAccept, AcceptRequest(name, "1"));
  ExpectError(Fails(kComply, ComplianceRequest(name, kToday, "1")), grpc::StatusCode::ABORTED,
              "ETAG_MISMATCH");
  const v1::Recommendation complied = Ok(kComply, ComplianceRequest(name, kToday, accepted.etag()));
  EXPECT_EQ(complied.state(), v1::RECOMMENDATION_STATE_COMPLIED);
}

// --- Missing resources. ---

TEST_F(RemedyServiceErrorsTest, AMissingRecommendationIsNotFound) {
  const std::string name = "recommendations/nope";
  v1::GetRecommendationRequest get;
  get.set_name(name);
  ExpectError(Fails(kGet, get), grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  EveryChangeIsRefused(name, "", [](const grpc::Status& status, const char* method) {
    SCOPED_TRACE(method);
    ExpectError(status, grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  });
}

TEST_F(RemedyServiceErrorsTest, AnUnpublishedSummaryIsNotFound) {
  v1::GetCaseSummaryRequest request;
  request.set_name("caseSummaries/inv1");
  ExpectError(Fails(kGetSummary, request), grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
}

// --- Unexpected failures. ---

TEST_F(RemedyServiceErrorsTest, AStoreFailureIsInternalAndLeaksNothing) {
  const std::string name = Receive()[0].name();
  store_.FailReads(absl::InternalError("disk I/O error in /var/lib/remedy.db"));
  v1::GetRecommendationRequest request;
  request.set_name(name);
  const grpc::Status status = Fails(kGet, request);
  ExpectError(status, grpc::StatusCode::INTERNAL, "INTERNAL");
  EXPECT_EQ(status.error_message(), "internal error");
  EXPECT_THAT(status.error_details(), Not(HasSubstr("remedy.db")));
}

TEST_F(RemedyServiceErrorsTest, AnUnavailableStoreStaysRetryable) {
  store_.FailNextWrite(absl::UnavailableError("database is locked"));
  const grpc::Status status = Fails(kReceive, DecisionRequest());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  EXPECT_EQ(store_.recommendation_count(), 0);
  Receive();  // the retry succeeds
}

}  // namespace
}  // namespace redress::remedy::testing
