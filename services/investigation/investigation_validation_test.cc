// Request validation: every violation reported at once, with proto field paths, and nothing
// written when there is any.
#include "services/investigation/investigation_validation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "services/investigation/investigation_logic_test_support.h"

namespace redress::investigation {
namespace {

using redress::testing::IsOk;
using redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::kToday;
using testing::ViolatedFields;

Recommendation Compensation(RecommendationType type, std::optional<Money> amount) {
  Recommendation r;
  r.type = type;
  r.beneficiary = Beneficiary::kComplainant;
  r.description = "Pay Mr B for the distress caused.";
  r.amount = std::move(amount);
  r.target_date = kToday + 30;
  return r;
}

std::vector<std::string> FieldsOf(const Investigation& investigation,
                                  const std::vector<std::string>& mask) {
  FieldViolations v;
  ValidateInvestigationFields(v, investigation, FieldSelection::Only(mask));
  std::vector<std::string> fields;
  for (const FieldViolation& violation : v.violations()) fields.push_back(violation.field);
  return fields;
}

class ValidationTest : public testing::InvestigationLogicTest {};

TEST_F(ValidationTest, UpdateReportsEveryViolationAtOnceAndWritesNothing) {
  Investigation i = Investigating();
  Investigation patch;
  patch.narrative.introduction = {"Mr B complained.\nHe said more."};
  patch.narrative.what_happened = {"Fine.", "Carriage\rreturn", ""};
  patch.narrative.what_we_found = std::vector<std::string>(51, "A paragraph.");
  patch.complaint_types = {"Came to an unsound decision", "Was rude",
                           "Came to an unsound decision"};
  patch.complaint_handling_findings = {{Principle::kGettingItRight, false, "Late reply."},
                                       {Principle::kGettingItRight, true, "Again."},
                                       {Principle::kUnspecified, true, ""}};
  patch.organisations_investigated = {};
  patch.location = std::string(101, 'x');
  patch.recommendations = {Compensation(RecommendationType::kFinancialLoss, std::nullopt),
                           Compensation(RecommendationType::kApology, Money{100, "GBP"}),
                           Compensation(RecommendationType::kNonFinancialLoss, Money{0, "gbp"})};
  patch.recommendations[0].target_date.reset();
  const int writes = store_.write_calls();
  absl::StatusOr<Investigation> result = logic_.UpdateInvestigation(
      i.name(), patch, UpdatableInvestigationFields(), std::to_string(i.version));
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      ViolatedFields(result.status()),
      ElementsAre(
          "investigation.narrative.introduction[0]", "investigation.narrative.what_happened[1]",
          "investigation.narrative.what_happened[2]", "investigation.narrative.what_we_found",
          "investigation.complaint_handling_findings[1].principle",
          "investigation.complaint_handling_findings[2].principle",
          "investigation.complaint_handling_findings[2].finding",
          "investigation.complaint_types[1]", "investigation.complaint_types[2]",
          "investigation.organisations_investigated", "investigation.location",
          "investigation.recommendations[0].amount", "investigation.recommendations[0].target_date",
          "investigation.recommendations[1].amount",
          "investigation.recommendations[2].amount.amount_minor",
          "investigation.recommendations[2].amount.currency_code"));
  EXPECT_EQ(store_.write_calls(), writes);
  EXPECT_EQ(*logic_.GetInvestigation(i.name()), i);
}

TEST(ValidateInvestigationFieldsTest, NarrativeLimits) {
  Investigation i;
  i.narrative.what_happened = std::vector<std::string>(50, std::string(20000, 'a'));
  EXPECT_THAT(FieldsOf(i, {"narrative"}), IsEmpty());
  // Characters, not bytes: 20000 pound signs are 40000 bytes.
  std::string pounds;
  for (int n = 0; n < 20000; ++n) pounds += "£";
  i.narrative.what_happened = {pounds, pounds + "1"};
  EXPECT_THAT(FieldsOf(i, {"narrative"}), ElementsAre("investigation.narrative.what_happened[1]"));
  // Published as written: quotes, dashes and non-breaking hyphens are fine.
  i.narrative.what_happened = {"Mr B said “it’s late” – twice‑over."};
  EXPECT_THAT(FieldsOf(i, {"narrative"}), IsEmpty());
  i.narrative.putting_it_right = {"One\r\nTwo"};
  EXPECT_THAT(FieldsOf(i, {"narrative"}),
              ElementsAre("investigation.narrative.putting_it_right[0]"));
}

// Every character that breaks a line, in any section and at any place in the paragraph, is
// refused on that paragraph; the characters around them that do not break a line are not.
class LineBreakTest : public ::testing::TestWithParam<const char*> {};

TEST_P(LineBreakTest, AParagraphHoldsNoLineBreak) {
  const std::string line_break = GetParam();
  Investigation i;
  i.narrative.introduction = {"Mr B complained." + line_break + "He said more."};
  i.narrative.what_happened = {"Fine.", line_break + "At the start."};
  i.narrative.what_we_found = {"At the end." + line_break};
  i.narrative.putting_it_right = {"Two" + line_break + line_break + "breaks."};
  FieldViolations v;
  ValidateInvestigationFields(v, i, FieldSelection::Only({"narrative"}));
  std::vector<std::string> fields;
  for (const FieldViolation& violation : v.violations()) {
    fields.push_back(violation.field);
    EXPECT_EQ(violation.description,
              "must not contain a line break (LF, CR, VT, FF, U+0085, U+2028 or U+2029): it is "
              "published as one line");
  }
  EXPECT_THAT(fields, ElementsAre("investigation.narrative.introduction[0]",
                                  "investigation.narrative.what_happened[1]",
                                  "investigation.narrative.what_we_found[0]",
                                  "investigation.narrative.putting_it_right[0]"));
  i.location = "Greater" + line_break + "Manchester";
  EXPECT_THAT(FieldsOf(i, {"location"}), ElementsAre("investigation.location"));
}

INSTANTIATE_TEST_SUITE_P(EveryLineBreak, LineBreakTest,
                         ::testing::Values("\n", "\r", "\r\n", "\v", "\f", "\u0085", "\u2028",
                                           "\u2029"));

TEST(ValidateInvestigationFieldsTest, CharactersThatDoNotBreakALineArePublishedAsWritten) {
  Investigation i;
  // Tab, no-break space, en and em dash, the other separators and the characters whose UTF-8
  // shares bytes with U+0085, U+2028 and U+2029.
  i.narrative.what_happened = {"A\tB\u00a0C\u2013D\u2014E\u2027F\u202aG\u00c2\u0084H\u2020I"};
  EXPECT_THAT(FieldsOf(i, {"narrative"}), IsEmpty());
}

TEST(ValidateInvestigationFieldsTest, OnlyTheSelectedFieldsAreChecked) {
  Investigation i;  // no organisations: invalid if selected
  i.location = "UK";
  EXPECT_THAT(FieldsOf(i, {"location"}), IsEmpty());
  EXPECT_THAT(FieldsOf(i, {"organisations_investigated"}),
              ElementsAre("investigation.organisations_investigated"));
}

TEST(ValidateInvestigationFieldsTest, Organisations) {
  Investigation i;
  i.organisations_investigated = {{"organisations/cafcass", "Cafcass"},
                                  {"organisations/cafcass", ""},
                                  {"cafcass", std::string(201, 'x')},
                                  {"organisations/gp-1", "A GP\npractice"}};
  EXPECT_THAT(FieldsOf(i, {"organisations_investigated"}),
              ElementsAre("investigation.organisations_investigated[1].organisation",
                          "investigation.organisations_investigated[1].published_name",
                          "investigation.organisations_investigated[2].organisation",
                          "investigation.organisations_investigated[2].published_name",
                          "investigation.organisations_investigated[3].published_name"));
  i.organisations_investigated =
      std::vector<OrganisationInvestigated>(6, OrganisationInvestigated{"organisations/x", "X"});
  EXPECT_THAT(FieldsOf(i, {"organisations_investigated"}),
              ElementsAre("investigation.organisations_investigated"));
}

TEST(ValidateInvestigationFieldsTest, CompensationNeedsAPositiveAmountInACurrency) {
  Investigation i;
  i.recommendations = {Compensation(RecommendationType::kFinancialLoss, Money{25000, "GBP"}),
                       Compensation(RecommendationType::kNonFinancialLoss, Money{-5, "GB"}),
                       Compensation(RecommendationType::kPutThingsRight, std::nullopt),
                       Compensation(RecommendationType::kLearnLessons, Money{1, "GBP"}),
                       Compensation(RecommendationType::kUnspecified, std::nullopt)};
  i.recommendations[4].beneficiary = Beneficiary::kUnspecified;
  EXPECT_THAT(FieldsOf(i, {"recommendations"}),
              ElementsAre("investigation.recommendations[1].amount.amount_minor",
                          "investigation.recommendations[1].amount.currency_code",
                          "investigation.recommendations[3].amount",
                          "investigation.recommendations[4].type",
                          "investigation.recommendations[4].beneficiary"));
}

TEST(ValidateInvestigationFieldsTest, ARecommendationsOrganisationIsAnOrganisationName) {
  Investigation i;
  for (const char* organisation : {"", "organisations/cafcass", "cafcass", "organisations/",
                                   "organisations/Cafcass", "complaints/c1"}) {
    i.recommendations.push_back(Compensation(RecommendationType::kApology, std::nullopt));
    i.recommendations.back().organisation = organisation;
  }
  EXPECT_THAT(FieldsOf(i, {"recommendations"}),
              ElementsAre("investigation.recommendations[2].organisation",
                          "investigation.recommendations[3].organisation",
                          "investigation.recommendations[4].organisation",
                          "investigation.recommendations[5].organisation"));
}

TEST(ValidateInvestigationFieldsTest, OneComplaintHandlingFindingPerPrinciple) {
  Investigation i;
  for (int p = 1; p <= 6; ++p) {
    i.complaint_handling_findings.push_back({static_cast<Principle>(p), p % 2 == 0, "Found."});
  }
  EXPECT_THAT(FieldsOf(i, {"complaint_handling_findings"}), IsEmpty());
  i.complaint_handling_findings.push_back({Principle::kPuttingThingsRight, true, "Again."});
  EXPECT_THAT(FieldsOf(i, {"complaint_handling_findings"}),
              ElementsAre("investigation.complaint_handling_findings[6].principle"));
}

TEST_F(ValidationTest, AgreeScopeReportsEveryViolation) {
  Investigation i = Assigned();
  AgreeScopeCommand command;
  command.name = i.name();
  command.agreed_date = kToday + 1;
  command.timescale_working_days = 501;
  FieldViolations decoding;
  decoding.Add("scope.target_date", "is output only");
  absl::StatusOr<Investigation> result = logic_.AgreeScope(command, decoding);
  EXPECT_THAT(ViolatedFields(result.status()),
              ElementsAre("scope.target_date", "scope.summary", "scope.agreed_date",
                          "scope.timescale_working_days", "points"));
  command = ScopeCommand(i, kToday, 0);
  command.points = std::vector<std::string>(21, "A point.");
  EXPECT_THAT(ViolatedFields(logic_.AgreeScope(command).status()),
              ElementsAre("scope.timescale_working_days", "points"));
  command = ScopeCommand(i, kToday, 500);
  command.points = {"Fine", "", std::string(2001, 'p')};
  EXPECT_THAT(ViolatedFields(logic_.AgreeScope(command).status()),
              ElementsAre("points[1]", "points[2]"));
  EXPECT_EQ(Ok(logic_.GetInvestigation(i.name())).state, InvestigationState::kAssigned);
}

TEST_F(ValidationTest, ATargetDateBeyondTheCalendarIsInvalid) {
  // The calendar's rules hold to 9999, the last year a date of the API can have.
  clock_.SetToday(absl::CivilDay(9999, 6, 3));
  Investigation i = Assigned();
  absl::StatusOr<Investigation> result =
      logic_.AgreeScope(ScopeCommand(i, absl::CivilDay(9999, 6, 3), 500));
  EXPECT_THAT(ViolatedFields(result.status()), ElementsAre("scope.timescale_working_days"));
}

TEST_F(ValidationTest, OtherCommandsReportTheirViolations) {
  Investigation i = Investigating();
  EXPECT_THAT(ViolatedFields(logic_.AssignCaseworker("investigations/", "", "").status()),
              ElementsAre("name", "caseworker"));
  EXPECT_THAT(ViolatedFields(logic_.AssignCaseworker(i.name(), std::string(101, 'c'), "").status()),
              ElementsAre("caseworker"));
  EXPECT_THAT(ViolatedFields(logic_.PutOnHold({i.name(), "", kToday + 1, ""}).status()),
              ElementsAre("reason", "start_date"));
  EXPECT_THAT(ViolatedFields(logic_.ShareProvisionalView({i.name(), 61, kToday + 1, ""}).status()),
              ElementsAre("comment_period_working_days", "share_date"));
  EXPECT_THAT(
      ViolatedFields(
          logic_.RecordFinding({i.name(), "", testing::MakeFinding(true, true, {}), ""}).status()),
      ElementsAre("point_id", "finding.causal_link"));
  Finding no_reason = testing::Upheld();
  no_reason.reasoning = " ";
  EXPECT_THAT(ViolatedFields(logic_.RecordFinding({i.name(), "cp1", no_reason, ""}).status()),
              ElementsAre("finding.reasoning"));
}

TEST_F(ValidationTest, AValidUpdateIsApplied) {
  Investigation i = Investigating();
  Investigation patch;
  patch.narrative.what_happened = {"Mr B met the adviser in May.", "The report followed."};
  patch.recommendations = {
      Compensation(RecommendationType::kNonFinancialLoss, Money{25000, "GBP"})};
  patch.organisations_investigated = {{"organisations/cafcass", "Cafcass"},
                                      {"organisations/hmcts", "HM Courts and Tribunals Service"}};
  absl::StatusOr<Investigation> result = logic_.UpdateInvestigation(
      i.name(), patch, {"narrative", "recommendations", "organisations_investigated"}, "");
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->narrative, patch.narrative);
  EXPECT_EQ(result->recommendations[0].amount, (Money{25000, "GBP"}));
  EXPECT_EQ(result->organisations_investigated, patch.organisations_investigated);
}

TEST_F(ValidationTest, ARecommendationNamesAnOrganisationInvestigatedAfterTheUpdate) {
  Investigation i = Investigating();  // investigates Cafcass only
  Investigation patch;
  patch.recommendations = {Compensation(RecommendationType::kApology, std::nullopt),
                           Compensation(RecommendationType::kApology, std::nullopt)};
  patch.recommendations[0].organisation = "organisations/cafcass";
  patch.recommendations[1].organisation = "organisations/hmcts";
  const int writes = store_.write_calls();
  absl::StatusOr<Investigation> refused =
      logic_.UpdateInvestigation(i.name(), patch, {"recommendations"}, "");
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(refused.status()),
              ElementsAre("investigation.recommendations[1].organisation"));
  EXPECT_EQ(store_.write_calls(), writes);

  // Adding HMCTS to the organisations investigated in the same update makes it acceptable.
  patch.organisations_investigated = {
      i.organisations_investigated[0],
      {"organisations/hmcts", "HM Courts and Tribunals Service (HMCTS)"}};
  Investigation updated = Ok(logic_.UpdateInvestigation(
      i.name(), patch, {"recommendations", "organisations_investigated"}, ""));
  EXPECT_EQ(updated.recommendations[0].organisation, "organisations/cafcass");
  EXPECT_EQ(updated.recommendations[1].organisation, "organisations/hmcts");
  EXPECT_EQ(Ok(logic_.GetInvestigation(i.name())).recommendations, updated.recommendations);

  // Dropping HMCTS while a recommendation names it is refused on the organisations.
  Investigation drop;
  drop.organisations_investigated = {i.organisations_investigated[0]};
  absl::StatusOr<Investigation> dropped =
      logic_.UpdateInvestigation(i.name(), drop, {"organisations_investigated"}, "");
  EXPECT_THAT(dropped, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(dropped.status()),
              ElementsAre("investigation.organisations_investigated"));
  EXPECT_EQ(Ok(logic_.GetInvestigation(i.name())), updated);

  // An empty organisation (the first investigated) is always acceptable.
  patch.recommendations[1].organisation.clear();
  patch.recommendations[1].recommendation_id = "r2";
  drop.recommendations = {patch.recommendations[1]};
  Investigation now = Ok(logic_.UpdateInvestigation(
      i.name(), drop, {"recommendations", "organisations_investigated"}, ""));
  ASSERT_EQ(now.recommendations.size(), 1u);
  EXPECT_EQ(now.recommendations[0].organisation, "");
  EXPECT_EQ(now.organisations_investigated, drop.organisations_investigated);
}

}  // namespace
}  // namespace redress::investigation
