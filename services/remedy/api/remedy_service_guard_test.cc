// Service tests of the anonymisation guard's rules of issue 11 through the generated stub:
// what a person would recognise is refused (plural and possessive family names, names without
// diacritics or with their separators dropped, phone numbers in either form whatever the
// separators, dates of birth in other forms, street abbreviations, the referring MP, other
// people, GP practices' own names); ordinary words are not; a caseworker acknowledges a hit
// with a reason to publish (AcknowledgeAnonymisationIssue, its invalid inputs and forbidden
// states); and a paragraph holding a line break is refused.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/errors.h"
#include "common/proto_time.h"
#include "services/remedy/api/remedy_service_test_support.h"

namespace redress::remedy::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::Not;

constexpr auto kComply = &v1::Remedy::Stub::RecordCompliance;
constexpr auto kDecline = &v1::Remedy::Stub::DeclineRecommendation;
constexpr auto kRender = &v1::Remedy::Stub::RenderCaseSummary;
constexpr auto kPublish = &v1::Remedy::Stub::PublishCaseSummary;
constexpr auto kAcknowledge = &v1::Remedy::Stub::AcknowledgeAnonymisationIssue;

// "field offset kind role" of each issue, for compact expectations.
std::vector<std::string> Described(const v1::RenderCaseSummaryResponse& response) {
  std::vector<std::string> out;
  for (const v1::AnonymisationIssue& issue : response.anonymisation_issues()) {
    out.push_back(absl::StrCat(issue.field(), " ", issue.offset(), " ", issue.kind(), " ",
                               issue.person_role()));
  }
  return out;
}

class RemedyServiceGuardTest : public RemedyServiceTest {
 protected:
  void SetUp() override {
    RemedyServiceTest::SetUp();
    cases_.cases["inv1"] = DecidedCaseOf();
    PersonOnCase complainant = Complainant();  // Mr John Bloggs, jb@example.org
    complainant.family_name = "O'Neill-Nguyễn";
    complainant.phone = "07700 900123";
    complainant.date_of_birth = absl::CivilDay(1980, 3, 3);
    complainant.address_lines = {"14 Mill Lane"};
    complainant.locality = "Leeds";
    PersonOnCase relative;
    relative.role = "other";
    relative.title = "Mrs";
    relative.given_name = "May";
    relative.family_name = "Wrenfield";
    people_.people["complaints/c1"] = {complainant, relative};
    people_.referring_mp["complaints/c1"] = "Jane Smith MP";
    people_.anonymous_organisations["complaints/c1"] = {
        {"gp_practice", "Beech Grove Medical Centre", "Beech Grove MC"}};
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

  static v1::AcknowledgeAnonymisationIssueRequest AcknowledgeRequest(const std::string& issue_id) {
    v1::AcknowledgeAnonymisationIssueRequest request;
    request.set_investigation("investigations/inv1");
    request.set_issue_id(issue_id);
    request.set_reason("The month, not Mrs A's mother.");
    request.set_caseworker("caseworker-1");
    return request;
  }

  // Renders with `paragraph` as what_happened[1].
  v1::RenderCaseSummaryResponse RenderWith(const std::string& paragraph) {
    cases_.cases["inv1"].what_happened[1] = paragraph;
    return Ok(kRender, RenderRequest());
  }
};

// --- Rule 1: what a person would recognise. ---

TEST_F(RemedyServiceGuardTest, FamilyNamesAsAPersonWouldRecogniseThem) {
  EXPECT_THAT(Described(RenderWith("The O’Neill-Nguyens wrote; ONeill’s son and Mr Nguyen.")),
              ElementsAre("narrative.what_happened[1] 4 family_name complainant",
                          "narrative.what_happened[1] 8 family_name complainant",
                          "narrative.what_happened[1] 14 family_name complainant",
                          "narrative.what_happened[1] 29 family_name complainant",
                          "narrative.what_happened[1] 51 family_name complainant"));
  EXPECT_THAT(Described(RenderWith("The Wrenfields’ house.")),
              ElementsAre("narrative.what_happened[1] 4 family_name other"));
}

TEST_F(RemedyServiceGuardTest, PhonesDatesAndStreetsInTheirOtherWrittenForms) {
  EXPECT_THAT(Described(RenderWith("Call +44 (0)7700-900-123 or 07700/900/123.")),
              ElementsAre("narrative.what_happened[1] 5 phone complainant",
                          "narrative.what_happened[1] 28 phone complainant"));
  EXPECT_THAT(Described(RenderWith("Born 3 March 1980 (3/3/80), of Mill Ln.")),
              ElementsAre("narrative.what_happened[1] 5 date_of_birth complainant",
                          "narrative.what_happened[1] 19 date_of_birth complainant",
                          "narrative.what_happened[1] 31 postal_address complainant"));
}

TEST_F(RemedyServiceGuardTest, TheReferringMpOtherPeopleAndTheGpPracticesOwnName) {
  EXPECT_THAT(
      Described(RenderWith("Jane Smith MP wrote for Mrs Wrenfield about Beech Grove surgery.")),
      ElementsAre("narrative.what_happened[1] 0 given_name referring_mp",
                  "narrative.what_happened[1] 5 family_name referring_mp",
                  "narrative.what_happened[1] 28 family_name other",
                  "narrative.what_happened[1] 44 display_name gp_practice"));
}

// --- Rule 2: harmless words, and acknowledgements. ---

TEST_F(RemedyServiceGuardTest, AGivenNameThatIsAnOrdinaryWordOnlyWhereItStandsAsAName) {
  EXPECT_THAT(Described(RenderWith("In May 2021 the trust said it may reply.")), IsEmpty());
  EXPECT_THAT(Described(RenderWith("The trust wrote to May in May 2021.")),
              ElementsAre("narrative.what_happened[1] 19 given_name other"));
  EXPECT_THAT(Described(RenderWith("Mrs May Wrenfield wrote.")),
              ElementsAre("narrative.what_happened[1] 4 given_name other",
                          "narrative.what_happened[1] 8 family_name other"));
}

TEST_F(RemedyServiceGuardTest, AnAcknowledgedIssueNoLongerStopsPublication) {
  cases_.cases["inv1"].what_happened[1] = "By the end of May the trust replied.";
  const v1::RenderCaseSummaryResponse rendered = Ok(kRender, RenderRequest());
  ASSERT_EQ(rendered.anonymisation_issues_size(), 1);
  const v1::AnonymisationIssue& issue = rendered.anonymisation_issues(0);
  EXPECT_THAT(issue.issue_id(), MatchesRegex("[0-9a-f]{32}"));
  EXPECT_FALSE(issue.has_acknowledgement());
  ExpectError(Fails(kPublish, PublishRequest()), grpc::StatusCode::FAILED_PRECONDITION,
              "PERSONAL_DATA_IN_SUMMARY");

  clock_.Advance(absl::Minutes(5));
  const v1::AnonymisationIssue acknowledged =
      Ok(kAcknowledge, AcknowledgeRequest(issue.issue_id()));
  EXPECT_EQ(acknowledged.issue_id(), issue.issue_id());
  EXPECT_EQ(acknowledged.field(), "narrative.what_happened[1]");
  EXPECT_EQ(acknowledged.acknowledgement().reason(), "The month, not Mrs A's mother.");
  EXPECT_EQ(acknowledged.acknowledgement().caseworker(), "caseworker-1");
  EXPECT_EQ(TimeFromProto(acknowledged.acknowledgement().acknowledge_time()), clock_.Now());

  const v1::RenderCaseSummaryResponse again = Ok(kRender, RenderRequest());
  ASSERT_EQ(again.anonymisation_issues_size(), 1);
  EXPECT_EQ(again.anonymisation_issues(0).acknowledgement().caseworker(), "caseworker-1");
  const v1::CaseSummary published = Ok(kPublish, PublishRequest());
  EXPECT_EQ(published.version(), 1);
  EXPECT_THAT(published.text(), HasSubstr("By the end of May the trust replied."));
}

TEST_F(RemedyServiceGuardTest, AcknowledgeListsEveryInvalidField) {
  v1::AcknowledgeAnonymisationIssueRequest request;
  request.set_investigation("inv1");
  request.set_issue_id("xyz");
  request.set_caseworker(std::string(101, 'c'));
  ExpectViolations(Fails(kAcknowledge, request),
                   {"investigation", "issue_id", "reason", "caseworker"});
  ExpectViolations(Fails(kAcknowledge, v1::AcknowledgeAnonymisationIssueRequest()),
                   {"investigation", "issue_id", "reason", "caseworker"});
}

TEST_F(RemedyServiceGuardTest, AcknowledgingAnIssueTheSummaryDoesNotHaveIsNotFound) {
  ExpectError(Fails(kAcknowledge, AcknowledgeRequest(std::string(32, 'a'))),
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
}

TEST_F(RemedyServiceGuardTest, AcknowledgingOnAnUndecidedInvestigationIsAStateError) {
  cases_.error = InvalidStateTransition("investigations/inv1", "INVESTIGATING",
                                        "render or publish its case summary");
  ExpectStateError(Fails(kAcknowledge, AcknowledgeRequest(std::string(32, 'a'))),
                   "investigations/inv1");
}

// --- Rule 3: line breaks. ---

TEST_F(RemedyServiceGuardTest, AParagraphHoldingALineBreakIsRefusedAndCannotBeAcknowledged) {
  cases_.cases["inv1"].what_happened[1] = "By the end of May the trust replied.";
  const std::string id = Ok(kRender, RenderRequest()).anonymisation_issues(0).issue_id();
  for (const char* line_break : {"\u2028", "\u2029", "\u0085", "\r\n"}) {
    cases_.cases["inv1"].what_we_found[0] = std::string("We upheld") + line_break + "it.";
    for (const grpc::Status& status :
         {Fails(kRender, RenderRequest()), Fails(kPublish, PublishRequest()),
          Fails(kAcknowledge, AcknowledgeRequest(id))}) {
      const ErrorDetails details =
          ExpectError(status, grpc::StatusCode::FAILED_PRECONDITION, "LINE_BREAK_IN_PARAGRAPH");
      ASSERT_GE(details.precondition_failure.violations_size(), 1);
      EXPECT_EQ(details.precondition_failure.violations(0).type(), "LINE_BREAK");
      EXPECT_EQ(details.precondition_failure.violations(0).subject(), "narrative.what_we_found[0]");
      EXPECT_THAT(details.precondition_failure.violations(0).description(),
                  HasSubstr("offset 9: line break U+"));
    }
  }
  EXPECT_EQ(store_.case_summary_count(), 0);
}

// --- The README walkthrough: "Mr Wrenfield’s" is refused, "Mr W’s" published. ---

TEST_F(RemedyServiceGuardTest, TheReadmeWalkthroughStillRefusesThenPublishes) {
  PersonOnCase wrenfield;
  wrenfield.role = "complainant";
  wrenfield.title = "Mr";
  wrenfield.given_name = "Arthur";
  wrenfield.family_name = "Wrenfield";
  people_.people["complaints/c1"] = {wrenfield};
  people_.referring_mp.clear();
  people_.anonymous_organisations.clear();
  cases_.cases["inv1"].what_happened = {
      "Mr Wrenfield’s operation was cancelled on the morning of surgery twice in three weeks – "
      "once for lack of a bed and once because the surgeon was unwell."};
  const ErrorDetails details =
      ExpectError(Fails(kPublish, PublishRequest()), grpc::StatusCode::FAILED_PRECONDITION,
                  "PERSONAL_DATA_IN_SUMMARY");
  ASSERT_EQ(details.precondition_failure.violations_size(), 1);
  EXPECT_EQ(details.precondition_failure.violations(0).subject(), "narrative.what_happened[0]");
  EXPECT_EQ(details.precondition_failure.violations(0).description(),
            "offset 3: the complainant's family_name");
  cases_.cases["inv1"].what_happened[0] =
      "Mr W’s operation was cancelled on the morning of surgery twice in three weeks – once for "
      "lack of a bed and once because the surgeon was unwell.";
  EXPECT_EQ(Ok(kPublish, PublishRequest()).version(), 1);
}

}  // namespace
}  // namespace redress::remedy::testing
