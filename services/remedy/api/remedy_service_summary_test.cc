// Service tests of the case summary methods: rendering with its anonymisation issues, publishing
// (refused per hit of personal data, versioned when changed), reading versions back, the peers'
// errors passed on, and the caller's deadline passed to the peers less a margin.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "absl/time/clock.h"
#include "common/errors.h"
#include "common/proto_time.h"
#include "services/remedy/api/remedy_service_test_support.h"

namespace redress::remedy::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

constexpr auto kComply = &v1::Remedy::Stub::RecordCompliance;
constexpr auto kDecline = &v1::Remedy::Stub::DeclineRecommendation;
constexpr auto kRender = &v1::Remedy::Stub::RenderCaseSummary;
constexpr auto kPublish = &v1::Remedy::Stub::PublishCaseSummary;
constexpr auto kGetSummary = &v1::Remedy::Stub::GetCaseSummary;

class RemedyServiceSummaryTest : public RemedyServiceTest {
 protected:
  void SetUp() override {
    RemedyServiceTest::SetUp();
    cases_.cases["inv1"] = DecidedCaseOf();
    people_.people["complaints/c1"] = {Complainant()};
  }

  // Receives the decision and closes both recommendations: the apology complied with, the payment
  // declined by the complainant.
  void CloseEveryRecommendation() {
    const std::vector<v1::Recommendation> created = Receive();
    Ok(kComply, ComplianceRequest(created[0].name()));
    Ok(kDecline, DeclineRequest(created[1].name()));
  }

  static v1::RenderCaseSummaryRequest RenderRequest() {
    v1::RenderCaseSummaryRequest request;
    request.set_investigation("investigations/inv1");
    return request;
  }

  static v1::PublishCaseSummaryRequest PublishRequest() {
    v1::PublishCaseSummaryRequest request;
    request.set_investigation("investigations/inv1");
    return request;
  }

  static v1::GetCaseSummaryRequest GetRequest(int version = 0) {
    v1::GetCaseSummaryRequest request;
    request.set_name("caseSummaries/inv1");
    request.set_version(version);
    return request;
  }
};

TEST_F(RemedyServiceSummaryTest, RenderReturnsTheSummaryAsItWouldBePublished) {
  CloseEveryRecommendation();
  const v1::RenderCaseSummaryResponse response = Ok(kRender, RenderRequest());
  const v1::CaseSummary& summary = response.summary();
  EXPECT_EQ(summary.name(), "caseSummaries/inv1");
  EXPECT_EQ(summary.investigation(), "investigations/inv1");
  EXPECT_EQ(summary.version(), 0);
  EXPECT_FALSE(summary.has_publish_time());
  EXPECT_THAT(summary.text(), StartsWith("Mr B complained that HMCTS delayed his case.\n"
                                         "What happened\nMr B applied in March.\n"));
  EXPECT_THAT(summary.text(), EndsWith("Putting it right\nHMCTS apologised and paid Mr B £250.\n"
                                       "HM Courts and Tribunals Service (HMCTS)\nUK\n"
                                       "Delayed replying to complaint\nApology"));
  ASSERT_EQ(summary.sections_size(), 4);
  EXPECT_EQ(summary.sections(0).heading(), "");
  EXPECT_EQ(summary.sections(1).heading(), "What happened");
  EXPECT_THAT(summary.sections(1).paragraphs(),
              ElementsAre("Mr B applied in March.", "The hearing was listed in November."));
  EXPECT_EQ(summary.sections(3).heading(), "Putting it right");
  EXPECT_EQ(summary.jurisdiction(), common_v1::JURISDICTION_PARLIAMENTARY);
  EXPECT_THAT(summary.organisations(), ElementsAre("HM Courts and Tribunals Service (HMCTS)"));
  EXPECT_EQ(summary.location(), "UK");
  EXPECT_THAT(summary.complaint_types(), ElementsAre("Delayed replying to complaint"));
  // The declined payment was not delivered.
  EXPECT_THAT(summary.remedies(), ElementsAre("Apology"));
  EXPECT_EQ(summary.decision_sequence(), 1);
  EXPECT_THAT(response.anonymisation_issues(), IsEmpty());
}

TEST_F(RemedyServiceSummaryTest, RenderReportsWhereTheNarrativeNamesAPerson) {
  cases_.cases["inv1"].what_happened[1] = "Mr Bloggs wrote from jb@example.org.";
  const v1::RenderCaseSummaryResponse response = Ok(kRender, RenderRequest());
  ASSERT_EQ(response.anonymisation_issues_size(), 2);
  const v1::AnonymisationIssue& name = response.anonymisation_issues(0);
  EXPECT_EQ(name.field(), "narrative.what_happened[1]");
  EXPECT_EQ(name.offset(), 3);
  EXPECT_EQ(name.kind(), "family_name");
  EXPECT_EQ(name.person_role(), "complainant");
  const v1::AnonymisationIssue& email = response.anonymisation_issues(1);
  EXPECT_EQ(email.field(), "narrative.what_happened[1]");
  EXPECT_EQ(email.offset(), 21);
  EXPECT_EQ(email.kind(), "email");
}

TEST_F(RemedyServiceSummaryTest, PublicationIsRefusedPerHitOfPersonalData) {
  CloseEveryRecommendation();
  cases_.cases["inv1"].introduction = {"Mr John Bloggs complained."};
  const ErrorDetails details =
      ExpectError(Fails(kPublish, PublishRequest()), grpc::StatusCode::FAILED_PRECONDITION,
                  "PERSONAL_DATA_IN_SUMMARY");
  ASSERT_EQ(details.precondition_failure.violations_size(), 2);
  const auto& given = details.precondition_failure.violations(0);
  EXPECT_EQ(given.type(), "PERSONAL_DATA");
  EXPECT_EQ(given.subject(), "narrative.introduction[0]");
  EXPECT_THAT(given.description(), HasSubstr("offset 3"));
  EXPECT_THAT(given.description(), HasSubstr("given_name"));
  const auto& family = details.precondition_failure.violations(1);
  EXPECT_EQ(family.subject(), "narrative.introduction[0]");
  EXPECT_THAT(family.description(), HasSubstr("offset 8"));
  // The matched text itself is personal data: never in the error.
  EXPECT_THAT(given.description(), Not(HasSubstr("John")));
  EXPECT_EQ(store_.case_summary_count(), 0);
}

TEST_F(RemedyServiceSummaryTest, PublishingVersionsOnlyAChangedSummary) {
  CloseEveryRecommendation();
  const v1::CaseSummary first = Ok(kPublish, PublishRequest());
  EXPECT_EQ(first.name(), "caseSummaries/inv1");
  EXPECT_EQ(first.version(), 1);
  EXPECT_EQ(TimeFromProto(first.publish_time()), clock_.Now());

  clock_.Advance(absl::Hours(1));
  const v1::CaseSummary again = Ok(kPublish, PublishRequest());
  EXPECT_EQ(again.SerializeAsString(), first.SerializeAsString());

  cases_.cases["inv1"].what_we_found = {"We partly upheld this complaint."};
  const v1::CaseSummary second = Ok(kPublish, PublishRequest());
  EXPECT_EQ(second.version(), 2);
  EXPECT_EQ(TimeFromProto(second.publish_time()), clock_.Now());
  EXPECT_EQ(store_.case_summary_count(), 2);

  EXPECT_EQ(Ok(kGetSummary, GetRequest()).SerializeAsString(), second.SerializeAsString());
  EXPECT_EQ(Ok(kGetSummary, GetRequest(1)).SerializeAsString(), first.SerializeAsString());
  ExpectError(Fails(kGetSummary, GetRequest(3)), grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
}

TEST_F(RemedyServiceSummaryTest, PublicationWaitsForEveryRecommendationToClose) {
  const std::vector<v1::Recommendation> created = Receive();
  Ok(kComply, ComplianceRequest(created[0].name()));
  const ErrorDetails details =
      ExpectError(Fails(kPublish, PublishRequest()), grpc::StatusCode::FAILED_PRECONDITION,
                  "RECOMMENDATIONS_OPEN");
  ASSERT_EQ(details.precondition_failure.violations_size(), 1);
  EXPECT_EQ(details.precondition_failure.violations(0).subject(), created[1].name());
}

// --- The peers' errors. ---

TEST_F(RemedyServiceSummaryTest, AnUndecidedInvestigationIsAStateError) {
  cases_.error = InvalidStateTransition("investigations/inv1", "INVESTIGATING",
                                        "render or publish its case summary");
  ExpectStateError(Fails(kRender, RenderRequest()), "investigations/inv1");
  ExpectStateError(Fails(kPublish, PublishRequest()), "investigations/inv1");
}

TEST_F(RemedyServiceSummaryTest, AnInvestigationInvestigationDoesNotHaveIsNotFound) {
  v1::RenderCaseSummaryRequest request;
  request.set_investigation("investigations/other");
  const grpc::Status status = Fails(kRender, request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();
}

TEST_F(RemedyServiceSummaryTest, AnUnreachablePeerIsUnavailable) {
  cases_.error = absl::UnavailableError("failed to connect to all addresses");
  const grpc::Status status = Fails(kPublish, PublishRequest());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

// --- Deadlines. ---

TEST(PeerDeadlineTest, IsTheCallersLessTheMarginAndAtMostTheCap) {
  const absl::Time now = absl::FromUnixSeconds(1770000000);
  EXPECT_EQ(PeerDeadline(now + absl::Seconds(2), now), now + absl::Milliseconds(1900));
  EXPECT_EQ(PeerDeadline(now + absl::Minutes(5), now), now + absl::Seconds(10));
  EXPECT_EQ(PeerDeadline(absl::InfiniteFuture(), now), now + absl::Seconds(10));
  EXPECT_LT(PeerDeadline(now + absl::Milliseconds(50), now), now);
}

TEST_F(RemedyServiceSummaryTest, TheCallersDeadlineReachesThePeerLessAMargin) {
  const absl::Time before = absl::Now();
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(before + absl::Seconds(2)));
  v1::RenderCaseSummaryResponse response;
  ASSERT_TRUE(stub().RenderCaseSummary(&context, RenderRequest(), &response).ok());
  // The caller's deadline less 100 ms; gRPC carries deadlines as a timeout, so allow for the
  // time the call took to arrive.
  EXPECT_LE(cases_.last_deadline, before + absl::Milliseconds(1900) + absl::Milliseconds(50));
  EXPECT_GE(cases_.last_deadline, before + absl::Milliseconds(1700));
}

TEST_F(RemedyServiceSummaryTest, WithoutACallersDeadlineThePeerGetsTheCap) {
  const absl::Time before = absl::Now();
  grpc::ClientContext context;  // no deadline
  v1::CaseSummary response;
  CloseEveryRecommendation();
  ASSERT_TRUE(stub().PublishCaseSummary(&context, PublishRequest(), &response).ok());
  EXPECT_GE(cases_.last_deadline, before + absl::Seconds(10));
  EXPECT_LE(cases_.last_deadline, absl::Now() + absl::Seconds(10));
}

}  // namespace
}  // namespace redress::remedy::testing
