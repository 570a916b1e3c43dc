// The whole suite end to end (issue 5's acceptance test): the three real binaries on loopback
// ports, and whole cases driven only through their gRPC APIs from submission to publication (see
// case_run.h), each published summary compared byte for byte with
// tests/fixtures/cases/<case>.expected.txt and its structured fields with the fixture; the
// anonymisation guard refusing a summary that names the complainant until the text is anonymised;
// and a reopened case withdrawn before a new decision, never published.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/clock.h"
#include "common/status_macros.h"
#include "common/testing/status_matchers.h"
#include "tests/case_fixture.h"
#include "tests/case_run.h"
#include "tests/process.h"
#include "tests/suite_harness.h"

namespace redress::testing {
namespace {

namespace inv1 = ::redress::investigation::v1;
namespace rv1 = ::redress::remedy::v1;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::Not;

SuiteBinaries Binaries() {
  return {REDRESS_INTAKE_BINARY, REDRESS_INVESTIGATION_BINARY, REDRESS_REMEDY_BINARY};
}

// "caseSummaries/{id}" for "investigations/{id}".
std::string SummaryName(const std::string& investigation) {
  return "caseSummaries/" + investigation.substr(investigation.find('/') + 1);
}

// The sections a summary of `narrative` has (DESIGN §3): the introduction without a heading,
// "What happened", "What we found", and "Putting it right" only when it has paragraphs.
std::vector<std::pair<std::string, std::vector<std::string>>> ExpectedSections(
    const inv1::Narrative& n) {
  auto list = [](const auto& paragraphs) {
    return std::vector<std::string>(paragraphs.begin(), paragraphs.end());
  };
  std::vector<std::pair<std::string, std::vector<std::string>>> sections;
  if (n.introduction_size() > 0) sections.push_back({"", list(n.introduction())});
  sections.push_back({"What happened", list(n.what_happened())});
  sections.push_back({"What we found", list(n.what_we_found())});
  if (n.putting_it_right_size() > 0) {
    sections.push_back({"Putting it right", list(n.putting_it_right())});
  }
  return sections;
}

std::vector<std::pair<std::string, std::vector<std::string>>> SectionsOf(
    const rv1::CaseSummary& summary) {
  std::vector<std::pair<std::string, std::vector<std::string>>> sections;
  for (const rv1::SummarySection& s : summary.sections()) {
    sections.push_back(
        {s.heading(), std::vector<std::string>(s.paragraphs().begin(), s.paragraphs().end())});
  }
  return sections;
}

// The footer and sections of `summary` agree with what `loaded` expects.
void ExpectStructuredFields(const rv1::CaseSummary& summary, const LoadedCase& loaded) {
  const rv1::CaseSummary& expected = loaded.fixture.expected().summary();
  EXPECT_EQ(summary.jurisdiction(), expected.jurisdiction());
  EXPECT_THAT(summary.organisations(), ElementsAreArray(expected.organisations()));
  EXPECT_EQ(summary.location(), expected.location());
  EXPECT_THAT(summary.complaint_types(), ElementsAreArray(expected.complaint_types()));
  EXPECT_THAT(summary.remedies(), ElementsAreArray(expected.remedies()));
  EXPECT_EQ(SectionsOf(summary), ExpectedSections(loaded.fixture.update().narrative()));
}

class SuiteEndToEndTest : public ::testing::Test {
 protected:
  SuiteEndToEndTest() : data_dir_(MakeTempDir("suite_e2e")), suite_(Binaries(), data_dir_) {}
  ~SuiteEndToEndTest() override {
    std::error_code ignored;
    if (!HasFailure()) std::filesystem::remove_all(data_dir_, ignored);  // kept for diagnosis
  }
  void SetUp() override { ASSERT_THAT(suite_.Start(), IsOk()); }

  // The case named `name`, its dates filled for today in the scheme's time zone.
  LoadedCase Load(const std::string& name) {
    absl::StatusOr<LoadedCase> loaded =
        LoadCase(REDRESS_CASES_DIR, name, redress::Today(redress::SystemClock()));
    EXPECT_THAT(loaded, IsOk());
    return loaded.ok() ? *std::move(loaded) : LoadedCase{};
  }

  grpc::Status GetCaseSummary(const std::string& investigation, rv1::CaseSummary& summary) {
    rv1::GetCaseSummaryRequest request;
    request.set_name(SummaryName(investigation));
    return Call([&](grpc::ClientContext* context) {
      return suite_.remedy().GetCaseSummary(context, request, &summary);
    });
  }

  rv1::RenderCaseSummaryResponse Render(const std::string& investigation) {
    rv1::RenderCaseSummaryRequest request;
    request.set_investigation(investigation);
    rv1::RenderCaseSummaryResponse response;
    grpc::Status status = Call([&](grpc::ClientContext* context) {
      return suite_.remedy().RenderCaseSummary(context, request, &response);
    });
    EXPECT_THAT(status, IsOk());
    return response;
  }

  std::string data_dir_;
  Suite suite_;
};

class PublishedCaseTest : public SuiteEndToEndTest,
                          public ::testing::WithParamInterface<std::string> {};

TEST_P(PublishedCaseTest, PublishesTheExpectedSummaryByteForByte) {
  const LoadedCase loaded = Load(GetParam());
  ASSERT_FALSE(loaded.name.empty());
  const e2e::CaseFixture& fixture = loaded.fixture;
  CaseRun run(suite_, loaded);
  ASSERT_THAT(run.RunToDecision(), IsOk()) << suite_.Logs();
  EXPECT_EQ(run.complaint().complainants_reference(), fixture.expected().complainants_reference());
  EXPECT_EQ(run.investigation().complaint().complainants_reference(),
            fixture.expected().complainants_reference());
  EXPECT_EQ(run.investigation().state(), inv1::INVESTIGATION_STATE_DECIDED);
  EXPECT_EQ(run.investigation().final_decision().decision(), fixture.expected().decision());

  ASSERT_THAT(run.SettleRecommendations(), IsOk()) << suite_.Logs();
  // Remedy holds each recommendation as investigation decided it.
  for (int i = 0; i < fixture.recommendations_size(); ++i) {
    const inv1::Recommendation& decided = fixture.recommendations(i).recommendation();
    const rv1::Recommendation& received = run.recommendations()[i];
    SCOPED_TRACE(received.name());
    EXPECT_EQ(received.type(), decided.type());
    EXPECT_EQ(received.beneficiary(), decided.beneficiary());
    EXPECT_EQ(received.description(), decided.description());
    EXPECT_EQ(received.amount().amount_minor(), decided.amount().amount_minor());
    EXPECT_EQ(received.target_date().SerializeAsString(),
              decided.target_date().SerializeAsString());
    EXPECT_EQ(received.organisation(), decided.organisation().empty()
                                           ? fixture.complaint().organisations(0)
                                           : decided.organisation());
    EXPECT_EQ(received.state(), rv1::RECOMMENDATION_STATE_AWAITING_RESPONSE);
    EXPECT_EQ(run.settled()[i].state(), fixture.recommendations(i).has_comply()
                                            ? rv1::RECOMMENDATION_STATE_COMPLIED
                                            : rv1::RECOMMENDATION_STATE_DECLINED);
  }

  rv1::CaseSummary published;
  ASSERT_THAT(run.Publish(published), IsOk()) << suite_.Logs();
  EXPECT_EQ(published.text(), loaded.expected_text);
  EXPECT_EQ(published.name(), SummaryName(run.investigation_name()));
  EXPECT_EQ(published.investigation(), run.investigation_name());
  EXPECT_EQ(published.version(), 1);
  EXPECT_EQ(published.decision_sequence(), 1);
  EXPECT_TRUE(published.has_publish_time());
  ExpectStructuredFields(published, loaded);

  // Rendering it again finds nothing personal and gives the same text; the published version is
  // what GetCaseSummary returns, and publishing the unchanged summary again changes nothing.
  const rv1::RenderCaseSummaryResponse rendered = Render(run.investigation_name());
  EXPECT_THAT(rendered.anonymisation_issues(), ::testing::IsEmpty());
  EXPECT_EQ(rendered.summary().text(), loaded.expected_text);
  rv1::CaseSummary got;
  ASSERT_THAT(GetCaseSummary(run.investigation_name(), got), IsOk());
  EXPECT_EQ(got.SerializeAsString(), published.SerializeAsString());
  rv1::CaseSummary again;
  ASSERT_THAT(run.Publish(again), IsOk());
  EXPECT_EQ(again.version(), 1);
  EXPECT_EQ(again.text(), loaded.expected_text);
}

INSTANTIATE_TEST_SUITE_P(Cases, PublishedCaseTest,
                         ::testing::Values("1-hmcts-declined-apology", "2-cafcass-apology",
                                           "3-dwp-not-upheld", "4-trust-and-gp-practice"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return absl::StrReplaceAll(info.param, {{"-", "_"}});
                         });

// The anonymisation guard: a decided case whose "What happened" names the complainant cannot be
// published; rendering and the refusal both point at the paragraph and offset, never the name.
// Once decided, only the fields the summary is made from may change: the caseworker anonymises
// the paragraph, and the same decision's summary then publishes.
TEST_F(SuiteEndToEndTest, RefusesASummaryNamingTheComplainantUntilItIsAnonymised) {
  LoadedCase loaded = Load("3-dwp-not-upheld");
  ASSERT_FALSE(loaded.name.empty());
  std::string& paragraph =
      *loaded.fixture.mutable_update()->mutable_narrative()->mutable_what_happened(2);
  const std::string anonymised = paragraph;
  paragraph = absl::StrReplaceAll(paragraph, {{"Mrs F wrote", "Mrs Featherstone wrote"}});
  ASSERT_NE(paragraph, anonymised);
  const int offset = static_cast<int>(paragraph.find("Featherstone"));

  CaseRun run(suite_, loaded);
  ASSERT_THAT(run.RunToDecision(), IsOk()) << suite_.Logs();

  rv1::CaseSummary summary;
  const grpc::Status refused = run.Publish(summary);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
      << refused.error_message() << "\n"
      << suite_.Logs();
  EXPECT_THAT(refused.error_message(), Not(HasSubstr("Featherstone")));
  const RpcDetails details = DetailsOf(refused);
  EXPECT_EQ(details.error_info.reason(), "PERSONAL_DATA_IN_SUMMARY");
  EXPECT_EQ(details.error_info.domain(), "remedy.redress");
  ASSERT_EQ(details.precondition_failure.violations_size(), 1)
      << details.precondition_failure.DebugString();
  const auto& violation = details.precondition_failure.violations(0);
  EXPECT_EQ(violation.type(), "PERSONAL_DATA");
  EXPECT_EQ(violation.subject(), "narrative.what_happened[2]");
  EXPECT_THAT(violation.description(), HasSubstr(absl::StrCat("offset ", offset)));
  EXPECT_THAT(violation.description(), Not(HasSubstr("Featherstone")));

  const rv1::RenderCaseSummaryResponse rendered = Render(run.investigation_name());
  ASSERT_EQ(rendered.anonymisation_issues_size(), 1);
  const rv1::AnonymisationIssue& issue = rendered.anonymisation_issues(0);
  EXPECT_EQ(issue.field(), "narrative.what_happened[2]");
  EXPECT_EQ(issue.offset(), offset);
  EXPECT_EQ(issue.kind(), "family_name");
  EXPECT_EQ(issue.person_role(), "complainant");
  rv1::CaseSummary nothing;
  EXPECT_EQ(GetCaseSummary(run.investigation_name(), nothing).error_code(),
            grpc::StatusCode::NOT_FOUND);

  // The decision's recommendations are settled: they cannot change now...
  inv1::UpdateInvestigationRequest recommendations;
  recommendations.mutable_investigation()->set_name(run.investigation_name());
  recommendations.mutable_update_mask()->add_paths("recommendations");
  inv1::Investigation unchanged;
  EXPECT_EQ(Call([&](grpc::ClientContext* context) {
              return suite_.investigation().UpdateInvestigation(context, recommendations,
                                                                &unchanged);
            }).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  // ...but the text can be anonymised, and the summary of the same decision then publishes.
  paragraph = anonymised;
  ASSERT_THAT(run.Update(), IsOk()) << suite_.Logs();
  EXPECT_EQ(run.investigation().state(), inv1::INVESTIGATION_STATE_DECIDED);
  rv1::CaseSummary published;
  ASSERT_THAT(run.Publish(published), IsOk()) << suite_.Logs();
  EXPECT_EQ(published.text(), loaded.expected_text);
  EXPECT_EQ(published.version(), 1);
  EXPECT_EQ(published.decision_sequence(), 1);
  ExpectStructuredFields(published, loaded);
  EXPECT_THAT(Render(run.investigation_name()).anonymisation_issues(), ::testing::IsEmpty());
}

// Asks for a review of the decision of `run` and reopens the investigation on it.
absl::Status Reopen(Suite& suite, const CaseRun& run) {
  inv1::RequestReviewRequest review;
  review.set_name(run.investigation_name());
  review.set_request_id("review-1");
  review.set_requested_by(::redress::common::v1::PARTY_COMPLAINANT);
  review.set_ground(inv1::REVIEW_GROUND_PART_OVERLOOKED);
  review.set_explanation("Ms E's complaint about the second letter was not looked at.");
  inv1::DecideReviewRequest reopen;
  reopen.set_name(run.investigation_name());
  reopen.set_outcome(inv1::REVIEW_OUTCOME_REOPENED);
  reopen.set_reason("The second letter was overlooked.");
  inv1::Investigation investigation;
  RETURN_IF_ERROR(Checked("RequestReview", Call([&](grpc::ClientContext* context) {
                            return suite.investigation().RequestReview(context, review,
                                                                       &investigation);
                          })));
  return Checked("DecideReview", Call([&](grpc::ClientContext* context) {
                   return suite.investigation().DecideReview(context, reopen, &investigation);
                 }));
}

// The recommendations remedy holds of `investigation`, in the order received.
std::vector<rv1::Recommendation> RecommendationsOf(Suite& suite, const std::string& investigation) {
  rv1::ListRecommendationsRequest request;
  request.set_filter(absl::StrCat("investigation = \"", investigation, "\""));
  rv1::ListRecommendationsResponse response;
  if (!Call([&](grpc::ClientContext* context) {
         return suite.remedy().ListRecommendations(context, request, &response);
       }).ok()) {
    return {};
  }
  return {response.recommendations().begin(), response.recommendations().end()};
}

// Whether remedy has recommendations of `investigation`, every one of them in `state`.
bool AllIn(Suite& suite, const std::string& investigation, rv1::RecommendationState state) {
  const std::vector<rv1::Recommendation> all = RecommendationsOf(suite, investigation);
  return !all.empty() && std::all_of(all.begin(), all.end(), [&](const rv1::Recommendation& r) {
    return r.state() == state;
  });
}

// Whether investigation's outbox has delivered everything.
bool NothingPending(Suite& suite) {
  ::redress::common::v1::HandoffStatus status;
  return Call([&](grpc::ClientContext* context) {
           return suite.investigation().GetHandoffStatus(
               context, ::redress::common::v1::GetHandoffStatusRequest(), &status);
         }).ok() &&
         status.pending_count() == 0;
}

// Issue 11 across the three services: a review reopens a decided case, and remedy is told at once,
// holding the decision's remedies (no longer chased); the complainant then withdraws, remedy
// closes what it held, and nothing is ever published for the case.
TEST_F(SuiteEndToEndTest, AReopenedCaseHoldsItsRemediesAndIsNeverPublishedOnceWithdrawn) {
  const LoadedCase loaded = Load("2-cafcass-apology");
  ASSERT_FALSE(loaded.name.empty());
  CaseRun run(suite_, loaded);
  ASSERT_THAT(run.RunToDecision(), IsOk()) << suite_.Logs();
  const std::string name = run.investigation_name();
  ASSERT_TRUE(Eventually([&] {
    return AllIn(suite_, name, rv1::RECOMMENDATION_STATE_AWAITING_RESPONSE);
  })) << suite_.Logs();

  ASSERT_THAT(Reopen(suite_, run), IsOk()) << suite_.Logs();
  EXPECT_TRUE(Eventually([&] { return AllIn(suite_, name, rv1::RECOMMENDATION_STATE_HELD); }))
      << suite_.Logs();

  inv1::WithdrawInvestigationRequest withdraw;
  withdraw.set_name(name);
  withdraw.set_reason("Ms E has settled the matter with Cafcass.");
  inv1::Investigation investigation;
  ASSERT_THAT(Call([&](grpc::ClientContext* context) {
                return suite_.investigation().WithdrawInvestigation(context, withdraw,
                                                                    &investigation);
              }),
              IsOk());
  EXPECT_EQ(investigation.state(), inv1::INVESTIGATION_STATE_WITHDRAWN);
  EXPECT_EQ(investigation.ending().reason(), "Ms E has settled the matter with Cafcass.");
  EXPECT_EQ(investigation.previous_decisions_size(), 1);
  EXPECT_TRUE(Eventually([&] { return AllIn(suite_, name, rv1::RECOMMENDATION_STATE_CANCELLED); }))
      << suite_.Logs();
  EXPECT_TRUE(Eventually([&] { return NothingPending(suite_); })) << suite_.Logs();

  rv1::CaseSummary summary;
  const grpc::Status refused = run.Publish(summary);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
      << refused.error_message() << "\n"
      << suite_.Logs();
  EXPECT_EQ(DetailsOf(refused).error_info.reason(), "INVESTIGATION_ENDED");
  EXPECT_EQ(GetCaseSummary(name, summary).error_code(), grpc::StatusCode::NOT_FOUND);
}

// A remedy the organisation complied with before a review reopened the case is not chased again:
// the new decision, sharing a revised view commented on afresh, carries it over as complied, and
// the case publishes under the new decision with the remedy in its footer, byte for byte.
TEST_F(SuiteEndToEndTest, ARemedyCompliedWithBeforeAReopeningIsCarriedOverAndPublished) {
  const LoadedCase loaded = Load("2-cafcass-apology");
  ASSERT_FALSE(loaded.name.empty());
  CaseRun run(suite_, loaded);
  ASSERT_THAT(run.RunToDecision(), IsOk()) << suite_.Logs();
  ASSERT_THAT(run.SettleRecommendations(), IsOk()) << suite_.Logs();
  const std::string name = run.investigation_name();
  const std::vector<rv1::Recommendation> complied = RecommendationsOf(suite_, name);
  ASSERT_FALSE(complied.empty());
  ASSERT_TRUE(AllIn(suite_, name, rv1::RECOMMENDATION_STATE_COMPLIED));

  ASSERT_THAT(Reopen(suite_, run), IsOk()) << suite_.Logs();
  ASSERT_THAT(run.Decide(), IsOk()) << suite_.Logs();
  EXPECT_EQ(run.investigation().final_decision().sequence(), 2);
  EXPECT_EQ(run.investigation().provisional_view().revision(), 2);

  rv1::CaseSummary published;
  ASSERT_THAT(run.Publish(published), IsOk()) << suite_.Logs();
  EXPECT_EQ(published.decision_sequence(), 2);
  EXPECT_EQ(published.text(), loaded.expected_text);
  // The same recommendations, still complied with: carried over, not received again.
  const std::vector<rv1::Recommendation> after = RecommendationsOf(suite_, name);
  ASSERT_EQ(after.size(), complied.size());
  for (size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].name(), complied[i].name());
    EXPECT_EQ(after[i].state(), rv1::RECOMMENDATION_STATE_COMPLIED);
    EXPECT_EQ(after[i].decision_sequence(), 2) << after[i].DebugString();
  }
  EXPECT_TRUE(Eventually([&] { return NothingPending(suite_); })) << suite_.Logs();
}

}  // namespace
}  // namespace redress::testing
