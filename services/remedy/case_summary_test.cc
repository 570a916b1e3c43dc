#include "services/remedy/case_summary.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace redress::remedy {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

int Occurrences(const std::string& text, const std::string& part) {
  int count = 0;
  for (size_t pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + 1)) {
    ++count;
  }
  return count;
}

DecidedCase MinimalCase() {
  DecidedCase c;
  c.investigation_id = "inv-1";
  c.complaint = "complaints/c-1";
  c.decision_sequence = 2;
  c.jurisdiction = Jurisdiction::kHealth;
  c.introduction = {"Intro."};
  c.what_happened = {"Happened."};
  c.what_we_found = {"Found."};
  c.organisation_published_names = {"Org"};
  return c;
}

TEST(RemedyLabelTest, PublishedWordingOfEachType) {
  EXPECT_EQ(RemedyLabel(RecommendationType::kApology), "Apology");
  EXPECT_EQ(RemedyLabel(RecommendationType::kFinancialLoss), "Compensation for financial loss");
  EXPECT_EQ(RemedyLabel(RecommendationType::kNonFinancialLoss),
            "Compensation for non-financial loss");
  EXPECT_EQ(RemedyLabel(RecommendationType::kPutThingsRight), "Taking steps to put things right");
  EXPECT_EQ(RemedyLabel(RecommendationType::kLearnLessons),
            "Recommendation to learn lessons or draw up an action plan");
}

TEST(RemedyLabelTest, ValueOutsideTheEnumHasNoLabel) {
  EXPECT_EQ(RemedyLabel(static_cast<RecommendationType>(99)), "");
}

TEST(RenderCaseSummaryTest, MinimalCaseLayoutWithoutTrailingNewline) {
  CaseSummary s = RenderCaseSummary(MinimalCase(), {});
  EXPECT_EQ(s.text,
            "Intro.\nWhat happened\nHappened.\nWhat we found\nFound.\nOrg\n"
            "Not applicable\nNot applicable");
  EXPECT_NE(s.text.back(), '\n');
}

TEST(RenderCaseSummaryTest, FillsStructuredFields) {
  DecidedCase c = MinimalCase();
  c.putting_it_right = {"Put right."};
  c.location = "UK";
  c.complaint_types = {"Delayed replying to complaint"};
  CaseSummary s = RenderCaseSummary(c, {RecommendationType::kApology});
  EXPECT_EQ(s.investigation_id, "inv-1");
  EXPECT_EQ(s.version, 0);
  EXPECT_EQ(s.jurisdiction, Jurisdiction::kHealth);
  EXPECT_EQ(s.decision_sequence, 2);
  EXPECT_FALSE(s.publish_time.has_value());
  EXPECT_THAT(s.organisations, ElementsAre("Org"));
  EXPECT_EQ(s.location, "UK");
  EXPECT_THAT(s.complaint_types, ElementsAre("Delayed replying to complaint"));
  EXPECT_THAT(s.remedies, ElementsAre("Apology"));
  EXPECT_THAT(s.sections, ElementsAre(SummarySection{"", {"Intro."}},
                                      SummarySection{"What happened", {"Happened."}},
                                      SummarySection{"What we found", {"Found."}},
                                      SummarySection{"Putting it right", {"Put right."}}));
}

TEST(RenderCaseSummaryTest, SeveralParagraphsPerSectionEachOnItsOwnLine) {
  DecidedCase c = MinimalCase();
  c.introduction = {"I1", "I2"};
  c.what_happened = {"H1", "H2", "H3"};
  c.what_we_found = {"F1", "F2"};
  c.putting_it_right = {"P1", "P2"};
  EXPECT_EQ(RenderCaseSummary(c, {}).text,
            "I1\nI2\nWhat happened\nH1\nH2\nH3\nWhat we found\nF1\nF2\nPutting it right\nP1\nP2\n"
            "Org\nNot applicable\nNot applicable");
}

TEST(RenderCaseSummaryTest, EmptyPuttingItRightIsLeftOutHeadingAndAll) {
  CaseSummary s = RenderCaseSummary(MinimalCase(), {});
  EXPECT_EQ(s.text.find("Putting it right"), std::string::npos);
  ASSERT_EQ(s.sections.size(), 3u);
  EXPECT_EQ(s.sections.back().heading, "What we found");
}

TEST(RenderCaseSummaryTest, WhatHappenedAndWhatWeFoundHeadingsAlwaysPresent) {
  DecidedCase c = MinimalCase();
  c.what_happened.clear();
  c.what_we_found.clear();
  CaseSummary s = RenderCaseSummary(c, {});
  EXPECT_EQ(s.text, "Intro.\nWhat happened\nWhat we found\nOrg\nNot applicable\nNot applicable");
  EXPECT_THAT(s.sections,
              ElementsAre(SummarySection{"", {"Intro."}}, SummarySection{"What happened", {}},
                          SummarySection{"What we found", {}}));
}

TEST(RenderCaseSummaryTest, EmptyIntroductionHasNoLinesAndNoSection) {
  DecidedCase c = MinimalCase();
  c.introduction.clear();
  CaseSummary s = RenderCaseSummary(c, {});
  EXPECT_EQ(s.text,
            "What happened\nHappened.\nWhat we found\nFound.\nOrg\n"
            "Not applicable\nNot applicable");
  ASSERT_FALSE(s.sections.empty());
  EXPECT_EQ(s.sections.front().heading, "What happened");
}

TEST(RenderCaseSummaryTest, LocationLineOnlyWhenRecorded) {
  DecidedCase c = MinimalCase();
  c.location = "Greater Manchester";
  EXPECT_EQ(RenderCaseSummary(c, {}).text,
            "Intro.\nWhat happened\nHappened.\nWhat we found\nFound.\nOrg\nGreater Manchester\n"
            "Not applicable\nNot applicable");
  c.location = "";
  CaseSummary s = RenderCaseSummary(c, {});
  EXPECT_EQ(s.text,
            "Intro.\nWhat happened\nHappened.\nWhat we found\nFound.\nOrg\n"
            "Not applicable\nNot applicable");
  EXPECT_EQ(s.location, "");
}

TEST(RenderCaseSummaryTest, TwoOrganisationsInRecordedOrder) {
  DecidedCase c = MinimalCase();
  c.organisation_published_names = {"Zeta Hospital NHS Trust", "A GP practice"};
  CaseSummary s = RenderCaseSummary(c, {});
  EXPECT_THAT(s.organisations, ElementsAre("Zeta Hospital NHS Trust", "A GP practice"));
  EXPECT_NE(s.text.find("\nZeta Hospital NHS Trust\nA GP practice\nNot applicable"),
            std::string::npos);
}

TEST(RenderCaseSummaryTest, ComplaintTypesSortedByByteValueWithoutDuplicates) {
  DecidedCase c = MinimalCase();
  c.complaint_types = {"Did not apologise properly or do enough to put things right",
                       "Came to an unsound decision",
                       "Did not apologise properly or do enough to put things right",
                       "Delayed replying to complaint"};
  CaseSummary s = RenderCaseSummary(c, {});
  EXPECT_THAT(s.complaint_types,
              ElementsAre("Came to an unsound decision", "Delayed replying to complaint",
                          "Did not apologise properly or do enough to put things right"));
  EXPECT_EQ(s.text,
            "Intro.\nWhat happened\nHappened.\nWhat we found\nFound.\nOrg\n"
            "Came to an unsound decision\nDelayed replying to complaint\n"
            "Did not apologise properly or do enough to put things right\nNot applicable");
}

TEST(RenderCaseSummaryTest, SortIsByUnsignedByteValueNotLocale) {
  DecidedCase c = MinimalCase();
  c.complaint_types = {"Álava", "beta", "Beta", "alpha"};
  EXPECT_THAT(RenderCaseSummary(c, {}).complaint_types,
              ElementsAre("Beta", "alpha", "beta", "Álava"));
}

TEST(RenderCaseSummaryTest, RemediesAreLabelsSortedWithoutDuplicates) {
  CaseSummary s = RenderCaseSummary(
      MinimalCase(), {RecommendationType::kPutThingsRight, RecommendationType::kNonFinancialLoss,
                      RecommendationType::kApology, RecommendationType::kNonFinancialLoss,
                      RecommendationType::kLearnLessons, RecommendationType::kFinancialLoss,
                      RecommendationType::kApology});
  EXPECT_THAT(s.remedies, ElementsAre("Apology", "Compensation for financial loss",
                                      "Compensation for non-financial loss",
                                      "Recommendation to learn lessons or draw up an action plan",
                                      "Taking steps to put things right"));
  EXPECT_EQ(s.text,
            "Intro.\nWhat happened\nHappened.\nWhat we found\nFound.\nOrg\nNot applicable\n"
            "Apology\nCompensation for financial loss\nCompensation for non-financial loss\n"
            "Recommendation to learn lessons or draw up an action plan\n"
            "Taking steps to put things right");
}

TEST(RenderCaseSummaryTest, NotApplicableForBothEmptyLists) {
  CaseSummary s = RenderCaseSummary(MinimalCase(), {});
  EXPECT_THAT(s.complaint_types, IsEmpty());
  EXPECT_THAT(s.remedies, IsEmpty());
  const std::string tail = "\nOrg\nNot applicable\nNot applicable";
  ASSERT_GE(s.text.size(), tail.size());
  EXPECT_EQ(s.text.substr(s.text.size() - tail.size()), tail);
}

TEST(RenderCaseSummaryTest, ParagraphBytesAreCopiedVerbatim) {
  DecidedCase c = MinimalCase();
  // En dash, pound sign, curly quotes, a non-breaking hyphen, a double space and a trailing
  // space: none of them is normalised.
  // Octal escapes, so that the digits after "£" are not read as part of the escape.
  const std::string paragraph =
      "Mrs A\342\200\231s son said \342\200\234no\342\200\235 \342\200\223 they paid "
      "\302\2431,250 for a follow\342\200\221up  visit. ";
  ASSERT_EQ(paragraph, "Mrs A’s son said “no” – they paid £1,250 for a follow\u2011up  visit. ");
  c.what_happened = {paragraph};
  CaseSummary s = RenderCaseSummary(c, {});
  EXPECT_EQ(s.text, "Intro.\nWhat happened\n" + paragraph +
                        "\nWhat we found\nFound.\nOrg\nNot applicable\nNot applicable");
  EXPECT_EQ(s.sections[1].paragraphs, std::vector<std::string>{paragraph});
}

TEST(RenderCaseSummaryTest, RealisticUpheldCaseWholeText) {
  DecidedCase c;
  c.investigation_id = "7f3a";
  c.decision_sequence = 1;
  c.jurisdiction = Jurisdiction::kParliamentary;
  c.introduction = {
      "Mr B complained that the Children and Family Court Advisory and Support Service "
      "(Cafcass) did not properly consider his concerns about a report it wrote for the "
      "family court. He said this caused him distress and cost him £450 in travel."};
  c.what_happened = {
      "Cafcass wrote a report in March 2021. Mr B told Cafcass the report contained "
      "mistakes – including the wrong school for his daughter.",
      "Cafcass replied that it ‘could not change the report’ once filed."};
  c.what_we_found = {"We found that Cafcass did not explain how it had considered Mr B’s concerns.",
                     "We upheld this complaint."};
  c.putting_it_right = {
      "Cafcass apologised to Mr B and paid him £450 for his travel costs and "
      "£250 for the distress caused."};
  c.organisation_published_names = {
      "Children and Family Court Advisory and Support Service (Cafcass)"};
  c.location = "UK";
  c.complaint_types = {"Did not apologise properly or do enough to put things right",
                       "Came to an unsound decision"};
  CaseSummary s =
      RenderCaseSummary(c, {RecommendationType::kNonFinancialLoss, RecommendationType::kApology,
                            RecommendationType::kFinancialLoss});

  const std::string expected =
      "Mr B complained that the Children and Family Court Advisory and Support Service "
      "(Cafcass) did not properly consider his concerns about a report it wrote for the family "
      "court. He said this caused him distress and cost him £450 in travel.\n"
      "What happened\n"
      "Cafcass wrote a report in March 2021. Mr B told Cafcass the report contained mistakes "
      "– including the wrong school for his daughter.\n"
      "Cafcass replied that it ‘could not change the report’ once filed.\n"
      "What we found\n"
      "We found that Cafcass did not explain how it had considered Mr B’s concerns.\n"
      "We upheld this complaint.\n"
      "Putting it right\n"
      "Cafcass apologised to Mr B and paid him £450 for his travel costs and £250 for the "
      "distress caused.\n"
      "Children and Family Court Advisory and Support Service (Cafcass)\n"
      "UK\n"
      "Came to an unsound decision\n"
      "Did not apologise properly or do enough to put things right\n"
      "Apology\n"
      "Compensation for financial loss\n"
      "Compensation for non-financial loss";
  EXPECT_EQ(s.text, expected);
  // The typographic characters are those bytes, not look-alikes: £ U+00A3, – U+2013, ‘ U+2018,
  // ’ U+2019.
  EXPECT_EQ(Occurrences(s.text, "\xC2\xA3"), 3);
  EXPECT_EQ(Occurrences(s.text, "\xE2\x80\x93"), 1);
  EXPECT_EQ(Occurrences(s.text, "\xE2\x80\x98"), 1);
  EXPECT_EQ(Occurrences(s.text, "\xE2\x80\x99"), 2);
  EXPECT_EQ(s.investigation_id, "7f3a");
  EXPECT_EQ(s.jurisdiction, Jurisdiction::kParliamentary);
}

TEST(NarrativeParagraphsTest, FieldPathsInSectionOrder) {
  DecidedCase c;
  c.introduction = {"i0"};
  c.what_happened = {"h0", "h1"};
  c.what_we_found = {"f0"};
  c.putting_it_right = {"p0", "p1"};
  std::vector<NarrativeParagraph> paragraphs = NarrativeParagraphs(c);
  std::vector<std::string> fields, texts;
  for (const NarrativeParagraph& p : paragraphs) {
    fields.push_back(p.field);
    texts.push_back(p.text);
  }
  EXPECT_THAT(fields,
              ElementsAre("narrative.introduction[0]", "narrative.what_happened[0]",
                          "narrative.what_happened[1]", "narrative.what_we_found[0]",
                          "narrative.putting_it_right[0]", "narrative.putting_it_right[1]"));
  EXPECT_THAT(texts, ElementsAre("i0", "h0", "h1", "f0", "p0", "p1"));
}

TEST(NarrativeParagraphsTest, EmptyCaseHasNoParagraphs) {
  EXPECT_THAT(NarrativeParagraphs(DecidedCase{}), IsEmpty());
}

}  // namespace
}  // namespace redress::remedy
