// The anonymisation review in the logic (issue 11): the guard's hits against everyone intake
// reports (people, the referring MP, practices published anonymously), line breaks refused,
// and caseworkers' acknowledgements letting a summary be published.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/remedy/anonymisation_guard_test_support.h"  // PrintTo(PersonalDataHit)
#include "services/remedy/remedy_logic_test_support.h"

namespace redress::remedy::testing {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class AnonymisationReviewTest : public RemedyLogicTest {
 protected:
  void SetUp() override {
    DecidedCase c;
    c.investigation_id = "inv1";
    c.complaint = "complaints/c1";
    c.decision_sequence = 1;
    c.jurisdiction = Jurisdiction::kHealth;
    c.introduction = {"Mrs W complained about her GP practice."};
    c.what_happened = {"In May 2021 the practice cancelled her appointment.",
                       "Mrs Wrenfield’s daughter complained."};
    c.what_we_found = {"We upheld this complaint."};
    c.organisation_published_names = {"A GP practice"};
    cases_.cases["inv1"] = c;
    PersonOnCase complainant;
    complainant.role = "complainant";
    complainant.title = "Mrs";
    complainant.given_name = "May";
    complainant.family_name = "Wrenfield";
    people_.people["complaints/c1"] = {complainant};
    Receive({});
  }

  absl::Time Deadline() { return clock_.Now() + absl::Seconds(5); }

  RenderedSummary Render() {
    absl::StatusOr<RenderedSummary> rendered =
        logic_.RenderCaseSummary("investigations/inv1", Deadline());
    EXPECT_THAT(rendered, IsOk());
    return rendered.ok() ? *rendered : RenderedSummary();
  }

  absl::StatusOr<AnonymisationIssue> Acknowledge(const std::string& issue_id,
                                                 const std::string& reason = "Not a name here.",
                                                 const std::string& caseworker = "cw-1") {
    return logic_.AcknowledgeAnonymisationIssue(
        {"investigations/inv1", issue_id, reason, caseworker}, Deadline());
  }

  absl::StatusOr<CaseSummary> Publish() {
    return logic_.PublishCaseSummary("investigations/inv1", Deadline());
  }
};

TEST_F(AnonymisationReviewTest, EveryHitHasAnIdentityAndNoAcknowledgementAtFirst) {
  const RenderedSummary rendered = Render();
  ASSERT_EQ(rendered.hits.size(), 1u);  // "In May 2021" is the month
  const AnonymisationIssue& issue = rendered.hits[0];
  EXPECT_EQ(issue.hit,
            PersonalDataHit({"narrative.what_happened[1]", 4, "family_name", "complainant"}));
  EXPECT_EQ(issue.issue_id.size(), 32u);
  EXPECT_FALSE(issue.acknowledgement.has_value());
  EXPECT_EQ(Render().hits[0].issue_id, issue.issue_id);  // stable from render to render
}

TEST_F(AnonymisationReviewTest, AcknowledgingEveryIssueLetsTheSummaryBePublished) {
  EXPECT_EQ(ErrorReasonOf(Publish().status()), "PERSONAL_DATA_IN_SUMMARY");
  const std::string id = Render().hits[0].issue_id;
  clock_.Advance(absl::Minutes(3));
  absl::StatusOr<AnonymisationIssue> acknowledged =
      Acknowledge(id, "Wrenfield is the ward's name.", "cw-7");
  ASSERT_THAT(acknowledged, IsOk());
  ASSERT_TRUE(acknowledged->acknowledgement.has_value());
  EXPECT_EQ(acknowledged->acknowledgement->reason, "Wrenfield is the ward's name.");
  EXPECT_EQ(acknowledged->acknowledgement->caseworker, "cw-7");
  EXPECT_EQ(acknowledged->acknowledgement->acknowledge_time, clock_.Now());
  EXPECT_EQ(acknowledged->acknowledgement->field, "narrative.what_happened[1]");
  EXPECT_EQ(acknowledged->acknowledgement->kind, "family_name");

  const RenderedSummary rendered = Render();
  ASSERT_EQ(rendered.hits.size(), 1u);
  ASSERT_TRUE(rendered.hits[0].acknowledgement.has_value());
  EXPECT_EQ(rendered.hits[0].acknowledgement->caseworker, "cw-7");
  EXPECT_THAT(Publish(), IsOk());
}

TEST_F(AnonymisationReviewTest, PublicationWaitsForEveryRemainingIssue) {
  cases_.cases["inv1"].what_we_found = {"We told May Wrenfield."};
  const RenderedSummary rendered = Render();
  ASSERT_EQ(rendered.hits.size(), 3u);
  ASSERT_THAT(Acknowledge(rendered.hits[0].issue_id), IsOk());
  absl::StatusOr<CaseSummary> refused = Publish();
  EXPECT_EQ(ErrorReasonOf(refused.status()), "PERSONAL_DATA_IN_SUMMARY");
  std::vector<PreconditionViolation> violations = PreconditionViolationsOf(refused.status());
  ASSERT_EQ(violations.size(), 2u);  // the acknowledged one is not listed
  EXPECT_EQ(violations[0].subject, "narrative.what_we_found[0]");
  EXPECT_EQ(violations[0].description, "offset 8: the complainant's given_name");
  EXPECT_EQ(violations[1].description, "offset 12: the complainant's family_name");
}

TEST_F(AnonymisationReviewTest, AnAcknowledgementSurvivesOtherEditsButNotAChangeToTheText) {
  const std::string id = Render().hits[0].issue_id;
  ASSERT_THAT(Acknowledge(id), IsOk());
  cases_.cases["inv1"].what_happened[1] = "Later, Mrs Wrenfield’s daughter complained twice.";
  cases_.cases["inv1"].what_we_found = {"We partly upheld this complaint."};
  EXPECT_THAT(Publish(), IsOk());

  cases_.cases["inv1"].what_happened[1] = "Later, Mrs WRENFIELD’s daughter complained twice.";
  const RenderedSummary changed = Render();
  ASSERT_EQ(changed.hits.size(), 1u);
  EXPECT_NE(changed.hits[0].issue_id, id);
  EXPECT_FALSE(changed.hits[0].acknowledgement.has_value());
  EXPECT_EQ(ErrorReasonOf(Publish().status()), "PERSONAL_DATA_IN_SUMMARY");
}

TEST_F(AnonymisationReviewTest, AcknowledgingAgainKeepsTheFirstAcknowledgement) {
  const std::string id = Render().hits[0].issue_id;
  ASSERT_THAT(Acknowledge(id, "first reason", "cw-1"), IsOk());
  const int writes = store_.successful_writes();
  absl::StatusOr<AnonymisationIssue> again = Acknowledge(id, "second reason", "cw-2");
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->acknowledgement->reason, "first reason");
  EXPECT_EQ(again->acknowledgement->caseworker, "cw-1");
  EXPECT_EQ(store_.successful_writes(), writes);
}

TEST_F(AnonymisationReviewTest, AnIssueTheSummaryDoesNotHaveNowIsNotFound) {
  const std::string id = Render().hits[0].issue_id;
  cases_.cases["inv1"].what_happened[1] = "Mrs W’s daughter complained.";
  EXPECT_THAT(Acknowledge(id), StatusIs(absl::StatusCode::kNotFound, HasSubstr(id)));
  EXPECT_THAT(Acknowledge(std::string(32, 'a')), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_TRUE(store_.ListIssueAcknowledgements("inv1")->empty());
}

TEST_F(AnonymisationReviewTest, InvalidAcknowledgementsListEveryBadField) {
  absl::StatusOr<AnonymisationIssue> invalid = logic_.AcknowledgeAnonymisationIssue(
      {"inv1", "not-an-id", "", std::string(101, 'c')}, Deadline());
  EXPECT_THAT(invalid.status(), StatusIs(absl::StatusCode::kInvalidArgument));
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(invalid.status())) fields.push_back(v.field);
  EXPECT_THAT(fields, ElementsAre("investigation", "issue_id", "reason", "caseworker"));
  absl::StatusOr<AnonymisationIssue> missing =
      logic_.AcknowledgeAnonymisationIssue({"investigations/inv1", "", "why", "cw"}, Deadline());
  EXPECT_THAT(missing.status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("issue_id")));
  EXPECT_EQ(cases_.last_deadline, absl::InfinitePast());  // nothing was read
}

TEST_F(AnonymisationReviewTest, AnUndecidedOrUnknownInvestigationIsRefusedAsByRender) {
  cases_.error = InvalidStateTransition("investigations/inv1", "INVESTIGATING",
                                        "render or publish its case summary");
  EXPECT_THAT(Acknowledge(std::string(32, 'a')), StatusIs(absl::StatusCode::kFailedPrecondition));
  cases_.error = absl::OkStatus();
  EXPECT_THAT(logic_.AcknowledgeAnonymisationIssue(
                  {"investigations/inv9", std::string(32, 'a'), "why", "cw"}, Deadline()),
              StatusIs(absl::StatusCode::kNotFound));
}

// --- Line breaks. ---

TEST_F(AnonymisationReviewTest, ALineBreakInAParagraphIsRefusedByRenderAndPublish) {
  for (const char* line_break : {"\n", "\r", "\u0085", "\u2028", "\u2029"}) {
    SCOPED_TRACE(static_cast<int>(line_break[0]));
    cases_.cases["inv1"].what_happened[0] = std::string("It cancelled") + line_break + "it.";
    for (const absl::Status& refused :
         {logic_.RenderCaseSummary("investigations/inv1", Deadline()).status(),
          Publish().status()}) {
      EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition));
      EXPECT_EQ(ErrorReasonOf(refused), "LINE_BREAK_IN_PARAGRAPH");
      std::vector<PreconditionViolation> violations = PreconditionViolationsOf(refused);
      ASSERT_EQ(violations.size(), 1u);
      EXPECT_EQ(violations[0].type, "LINE_BREAK");
      EXPECT_EQ(violations[0].subject, "narrative.what_happened[0]");
      EXPECT_THAT(violations[0].description, HasSubstr("offset 12: line break U+"));
    }
  }
  EXPECT_EQ(store_.case_summary_count(), 0);
}

TEST_F(AnonymisationReviewTest, ALineBreakCannotBeAcknowledged) {
  const std::string id = Render().hits[0].issue_id;
  cases_.cases["inv1"].what_happened[0] = "It cancelled\u2028it.";
  absl::StatusOr<AnonymisationIssue> refused = Acknowledge(id);
  EXPECT_EQ(ErrorReasonOf(refused.status()), "LINE_BREAK_IN_PARAGRAPH");
  EXPECT_TRUE(store_.ListIssueAcknowledgements("inv1")->empty());
}

// --- What intake reports beyond the people. ---

TEST_F(AnonymisationReviewTest, TheReferringMpAndAnonymousPracticesAreHits) {
  people_.referring_mp["complaints/c1"] = "Tom Reed MP";
  people_.anonymous_organisations["complaints/c1"] = {
      {"gp_practice", "Beech Grove Medical Centre", "Beech Grove MC"}};
  cases_.cases["inv1"].introduction = {"Mr Reed MP referred Mrs W’s complaint about Beech Grove."};
  const RenderedSummary rendered = Render();
  std::vector<PersonalDataHit> hits;
  for (const AnonymisationIssue& issue : rendered.hits) hits.push_back(issue.hit);
  EXPECT_THAT(
      hits,
      ElementsAre(PersonalDataHit{"narrative.introduction[0]", 3, "family_name", "referring_mp"},
                  PersonalDataHit{"narrative.introduction[0]", 46, "display_name", "gp_practice"},
                  PersonalDataHit{"narrative.what_happened[1]", 4, "family_name", "complainant"}));
  absl::StatusOr<CaseSummary> refused = Publish();
  std::vector<PreconditionViolation> violations = PreconditionViolationsOf(refused.status());
  ASSERT_EQ(violations.size(), 3u);
  EXPECT_EQ(violations[0].description, "offset 3: the referring_mp's family_name");
  EXPECT_EQ(violations[1].description, "offset 46: the gp_practice's display_name");
  EXPECT_THAT(std::string(refused.status().message()), Not(HasSubstr("Reed")));
}

}  // namespace
}  // namespace redress::remedy::testing
