// The record a decision is issued on agrees with it: the always-published sections have text,
// "What we found" states the decision in the scheme's sentence and no paragraph states another,
// and a complaint not upheld has no recommendations. First the rules on their own, then through
// IssueFinalDecision and a later UpdateInvestigation of the decided narrative.
#include "services/investigation/decision_record.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/investigation/investigation_logic_test_support.h"
#include "services/investigation/preconditions.h"

namespace redress::investigation {
namespace {

using redress::testing::IsOk;
using redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::kToday;
using testing::NarrativeStating;

std::vector<std::string> FieldsOf(const std::vector<RecordDisagreement>& disagreements) {
  std::vector<std::string> fields;
  for (const RecordDisagreement& d : disagreements) fields.push_back(d.field);
  return fields;
}

TEST(NarrativeDisagreementsTest, TheFixturesSentencesStateTheirDecisions) {
  EXPECT_THAT(
      NarrativeDisagreements(NarrativeStating("We upheld this complaint."), Outcome::kUpheld),
      IsEmpty());
  EXPECT_THAT(NarrativeDisagreements(NarrativeStating("We partly upheld this complaint."),
                                     Outcome::kPartlyUpheld),
              IsEmpty());
  EXPECT_THAT(NarrativeDisagreements(NarrativeStating("We did not uphold this complaint."),
                                     Outcome::kNotUpheld),
              IsEmpty());
}

TEST(NarrativeDisagreementsTest, AParagraphStatingAnotherDecisionIsNamed) {
  const std::vector<RecordDisagreement> found = NarrativeDisagreements(
      NarrativeStating("We did not uphold this complaint."), Outcome::kPartlyUpheld);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].field, "narrative.what_we_found[1]");
  EXPECT_EQ(found[0].type, "NARRATIVE");
  EXPECT_EQ(found[0].description,
            "says \"We did not uphold this complaint.\", but the decision is partly upheld: \"We "
            "partly upheld this complaint.\"");
  EXPECT_EQ(found[1].field, "narrative.what_we_found");
  EXPECT_THAT(found[1].description, HasSubstr("does not state the decision"));
}

TEST(NarrativeDisagreementsTest, TheSentenceMayStandInsideAParagraphButNotInsideAnother) {
  Narrative n = NarrativeStating("The trust apologised. We upheld this complaint. It has acted.");
  EXPECT_THAT(NarrativeDisagreements(n, Outcome::kUpheld), IsEmpty());
  // Quoted, run on or reworded, it is not the statement.
  for (const char* paragraph :
       {"\u201cWe upheld this complaint.\u201d", "We upheld this complaint.\u00a0Then more.",
        "We upheld this complaint in part.", "We have upheld Mr B's complaint.",
        "we upheld this complaint."}) {
    n = NarrativeStating(paragraph);
    EXPECT_THAT(FieldsOf(NarrativeDisagreements(n, Outcome::kUpheld)),
                ElementsAre("narrative.what_we_found"))
        << paragraph;
  }
}

TEST(NarrativeDisagreementsTest, AnotherDecisionStatedInAnySectionIsNamed) {
  Narrative n = NarrativeStating("We upheld this complaint.");
  n.putting_it_right.push_back("In the end we partly upheld it. We partly upheld this complaint.");
  n.introduction.push_back("We did not uphold this complaint.");
  EXPECT_THAT(FieldsOf(NarrativeDisagreements(n, Outcome::kUpheld)),
              ElementsAre("narrative.introduction[1]", "narrative.putting_it_right[1]"));
}

TEST(NarrativeDisagreementsTest, TheAlwaysPublishedSectionsHaveText) {
  Narrative n;
  n.putting_it_right = {"Nothing to put right."};
  EXPECT_THAT(
      FieldsOf(NarrativeDisagreements(n, Outcome::kNotUpheld)),
      ElementsAre("narrative.introduction", "narrative.what_happened", "narrative.what_we_found"));
  n = NarrativeStating("We did not uphold this complaint.");
  n.putting_it_right.clear();  // left out of the summary: allowed
  EXPECT_THAT(NarrativeDisagreements(n, Outcome::kNotUpheld), IsEmpty());
}

TEST(RecordDisagreementsTest, AComplaintNotUpheldHasNoRecommendations) {
  Investigation i;
  i.narrative = NarrativeStating("We did not uphold this complaint.");
  i.recommendations.resize(2);
  const std::vector<RecordDisagreement> found = RecordDisagreements(i, Outcome::kNotUpheld);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].field, "recommendations");
  EXPECT_EQ(found[0].type, "RECOMMENDATIONS");
  EXPECT_THAT(found[0].description, HasSubstr("remove the 2 recommendations"));
  i.narrative = NarrativeStating("We partly upheld this complaint.");
  EXPECT_THAT(RecordDisagreements(i, Outcome::kPartlyUpheld), IsEmpty());
}

class DecisionRecordTest : public testing::InvestigationLogicTest {
 protected:
  // Investigating() (partly upheld) with `narrative`, shared with its comment period closed.
  Investigation SharedWith(const Narrative& narrative) {
    Investigation i = Investigating();
    Investigation patch;
    patch.narrative = narrative;
    Ok(logic_.UpdateInvestigation(i.name(), patch, {"narrative"}, ""));
    return Ok(logic_.ShareProvisionalView(ShareCommand(i, kToday - 21, 5)));
  }
  absl::StatusOr<Investigation> Decide(const Investigation& i) {
    return logic_.IssueFinalDecision({i.name(), std::nullopt, ""});
  }
};

TEST_F(DecisionRecordTest, ADecisionOnARecordThatDisagreesIsRefusedNamingEachField) {
  Narrative narrative = NarrativeStating("We upheld this complaint.");
  narrative.what_happened.clear();
  Investigation i = SharedWith(narrative);
  const int writes = store_.successful_writes();
  absl::StatusOr<Investigation> result = Decide(i);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kFailedPrecondition,
                               HasSubstr("does not agree with its decision (partly upheld)")));
  EXPECT_EQ(ErrorReasonOf(result.status()), reason::kDecisionRecordInconsistent);
  std::vector<std::string> subjects;
  for (const PreconditionViolation& v : PreconditionViolationsOf(result.status())) {
    EXPECT_EQ(v.type, "NARRATIVE");
    subjects.push_back(v.subject);
  }
  EXPECT_THAT(subjects, ElementsAre("narrative.what_happened", "narrative.what_we_found[1]",
                                    "narrative.what_we_found"));
  EXPECT_EQ(store_.successful_writes(), writes);
  EXPECT_TRUE(store_.outbox().empty());
  EXPECT_EQ(Ok(logic_.GetInvestigation(i.name())).state,
            InvestigationState::kProvisionalViewShared);
}

TEST_F(DecisionRecordTest, ARecommendationOnAComplaintNotUpheldIsRefused) {
  Investigation i = WithFinding(Scoped(), "cp1", testing::NotUpheld());
  WithFinding(i, "cp2", testing::NotUpheld());
  Investigation patch;
  patch.narrative = NarrativeStating("We did not uphold this complaint.");
  Recommendation apology;
  apology.type = RecommendationType::kApology;
  apology.beneficiary = Beneficiary::kComplainant;
  apology.description = "Apologise to Mr B.";
  apology.target_date = kToday + 30;
  patch.recommendations = {apology};
  Ok(logic_.UpdateInvestigation(i.name(), patch, {"narrative", "recommendations"}, ""));
  Ok(logic_.ShareProvisionalView(ShareCommand(i, kToday - 21, 5)));
  absl::StatusOr<Investigation> result = Decide(i);
  EXPECT_EQ(ErrorReasonOf(result.status()), reason::kDecisionRecordInconsistent);
  ASSERT_EQ(PreconditionViolationsOf(result.status()).size(), 1u);
  EXPECT_EQ(PreconditionViolationsOf(result.status())[0].subject, "recommendations");
  EXPECT_EQ(PreconditionViolationsOf(result.status())[0].type, "RECOMMENDATIONS");
}

TEST_F(DecisionRecordTest, ADecidedNarrativeCanBeCorrectedButNotIntoAnotherDecision) {
  Investigation decided = Decided();  // partly upheld
  Investigation patch;
  patch.narrative = NarrativeStating("We partly upheld this complaint.");
  patch.narrative.what_happened = {"Mr B's report was incomplete, as he said."};
  EXPECT_THAT(logic_.UpdateInvestigation(decided.name(), patch, {"narrative"}, ""), IsOk());

  patch.narrative = NarrativeStating("We upheld this complaint.");
  absl::StatusOr<Investigation> result =
      logic_.UpdateInvestigation(decided.name(), patch, {"narrative"}, "");
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(testing::ViolatedFields(result.status()),
              ElementsAre("investigation.narrative.what_we_found[1]"));
  patch.narrative.introduction.clear();
  patch.narrative.what_we_found = {"We partly upheld this complaint."};
  EXPECT_THAT(testing::ViolatedFields(
                  logic_.UpdateInvestigation(decided.name(), patch, {"narrative"}, "").status()),
              ElementsAre("investigation.narrative.introduction"));
  // Other publication fields are not held to it.
  patch.location = "Wales";
  EXPECT_THAT(logic_.UpdateInvestigation(decided.name(), patch, {"location"}, ""), IsOk());
}

}  // namespace
}  // namespace redress::investigation
