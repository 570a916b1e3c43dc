// The identity of an anonymisation issue: stable across unrelated edits, new when the flagged
// text changes, keyed, and free of the text; acknowledgements marked by identity.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/remedy/anonymisation_guard_test_support.h"
#include "services/remedy/anonymisation_issue.h"

namespace redress::remedy {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;
using namespace guard_testing;

const std::string kKey(kIssueKeyBytes, 'k');
const std::vector<PersonOnCase> kPeople = {Complainant("May", "Wrenfield")};

// The issues of a narrative of `paragraphs` (fields narrative.what_happened[i]).
std::vector<AnonymisationIssue> IssuesOf(const std::vector<std::string>& paragraphs,
                                         const std::string& key = kKey) {
  std::vector<NarrativeParagraph> narrative;
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    narrative.push_back({"narrative.what_happened[" + std::to_string(i) + "]", paragraphs[i]});
  }
  return IdentifyIssues(narrative, FindPersonalData(narrative, kPeople), key);
}

std::string OnlyId(const std::vector<std::string>& paragraphs, const std::string& key = kKey) {
  const std::vector<AnonymisationIssue> issues = IssuesOf(paragraphs, key);
  EXPECT_EQ(issues.size(), 1u);
  return issues.empty() ? "" : issues[0].issue_id;
}

TEST(IssueIdentityTest, ThirtyTwoHexDigitsWithoutTheText) {
  const std::string id = OnlyId({"Mr Wrenfield wrote."});
  EXPECT_THAT(id, MatchesRegex("[0-9a-f]{32}"));
  EXPECT_THAT(id, Not(HasSubstr("renfield")));
}

TEST(IssueIdentityTest, SurvivesEditsElsewhere) {
  const std::string id = OnlyId({"Mr Wrenfield wrote.", "The trust replied."});
  // Text before and after it in the same paragraph, and another paragraph, changed.
  EXPECT_EQ(OnlyId({"In June, Mr Wrenfield wrote twice.", "The trust replied late."}), id);
  EXPECT_EQ(OnlyId({"Mr Wrenfield wrote."}), id);
}

TEST(IssueIdentityTest, NewWhenTheFlaggedTextChanges) {
  const std::string id = OnlyId({"Mr Wrenfield wrote."});
  EXPECT_NE(OnlyId({"Mr WRENFIELD wrote."}), id);
  EXPECT_NE(OnlyId({"The Wrenfields wrote."}), id);
  // Moved to another paragraph: another field.
  EXPECT_NE(IssuesOf({"x", "Mr Wrenfield wrote."})[0].issue_id, id);
}

TEST(IssueIdentityTest, TheSameTextTwiceIsTwoIssues) {
  const std::vector<AnonymisationIssue> issues = IssuesOf({"Wrenfield and Wrenfield"});
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_NE(issues[0].issue_id, issues[1].issue_id);
  // The first keeps its identity when a second is added after it.
  EXPECT_EQ(issues[0].issue_id, OnlyId({"Wrenfield and more"}));
}

TEST(IssueIdentityTest, DependsOnTheKey) {
  EXPECT_NE(OnlyId({"Mr Wrenfield wrote."}, std::string(kIssueKeyBytes, 'x')),
            OnlyId({"Mr Wrenfield wrote."}));
}

TEST(IssueIdentityTest, KeepsTheHitsAndTheirOrder) {
  const std::vector<AnonymisationIssue> issues = IssuesOf({"May Wrenfield wrote."});
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].hit,
            PersonalDataHit({"narrative.what_happened[0]", 0, "given_name", "complainant"}));
  EXPECT_EQ(issues[0].hit.length, 3);
  EXPECT_EQ(issues[1].hit.offset, 4);
  EXPECT_EQ(issues[1].hit.length, 9);
  EXPECT_FALSE(issues[0].acknowledgement.has_value());
}

TEST(IssueIdentityTest, MarkAcknowledgedByIdentity) {
  std::vector<AnonymisationIssue> issues = IssuesOf({"May Wrenfield wrote."});
  IssueAcknowledgement acknowledgement;
  acknowledgement.issue_id = issues[1].issue_id;
  acknowledgement.reason = "a street name";
  IssueAcknowledgement other = acknowledgement;
  other.issue_id = std::string(32, '0');
  MarkAcknowledged(issues, {other, acknowledgement});
  EXPECT_FALSE(issues[0].acknowledgement.has_value());
  ASSERT_TRUE(issues[1].acknowledgement.has_value());
  EXPECT_EQ(issues[1].acknowledgement->reason, "a street name");
}

}  // namespace
}  // namespace redress::remedy
