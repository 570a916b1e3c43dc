// Outcome derivation: each combination of a finding's answers, and the decision from the points.
#include "services/investigation/outcomes.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <tuple>

#include "common/errors.h"
#include "common/testing/status_matchers.h"
#include "services/investigation/investigation_logic_test_support.h"

namespace redress::investigation {
namespace {

using redress::testing::StatusIs;
using testing::MakeFinding;
using O = Outcome;
using L = CausalLink;

struct Case {
  bool failing;
  bool injustice;
  L link;
  O expected;  // kUnspecified: rejected on finding.causal_link
};

class PointOutcomeTest : public ::testing::TestWithParam<Case> {};

TEST_P(PointOutcomeTest, Derived) {
  const Case& c = GetParam();
  absl::StatusOr<O> outcome = PointOutcome(MakeFinding(c.failing, c.injustice, c.link));
  if (c.expected == O::kUnspecified) {
    EXPECT_THAT(outcome, StatusIs(absl::StatusCode::kInvalidArgument));
    ASSERT_EQ(FieldViolationsOf(outcome.status()).size(), 1u);
    EXPECT_EQ(FieldViolationsOf(outcome.status())[0].field, "finding.causal_link");
    return;
  }
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_EQ(*outcome, c.expected);
}

// Every combination of failing x injustice x causal link.
INSTANTIATE_TEST_SUITE_P(
    EveryCombination, PointOutcomeTest,
    ::testing::Values(
        // No failing: not upheld, whatever else was recorded.
        Case{false, false, L::kUnspecified, O::kNotUpheld},
        Case{false, false, L::kCaused, O::kNotUpheld},
        Case{false, false, L::kNotCaused, O::kNotUpheld},
        Case{false, false, L::kCannotBeShown, O::kNotUpheld},
        Case{false, true, L::kUnspecified, O::kNotUpheld},
        Case{false, true, L::kCaused, O::kNotUpheld},
        Case{false, true, L::kNotCaused, O::kNotUpheld},
        Case{false, true, L::kCannotBeShown, O::kNotUpheld},
        // A failing without an injustice: partly upheld.
        Case{true, false, L::kUnspecified, O::kPartlyUpheld},
        Case{true, false, L::kCaused, O::kPartlyUpheld},
        Case{true, false, L::kNotCaused, O::kPartlyUpheld},
        Case{true, false, L::kCannotBeShown, O::kPartlyUpheld},
        // A failing and an injustice: it depends on the link, which is required.
        Case{true, true, L::kUnspecified, O::kUnspecified},
        Case{true, true, L::kCaused, O::kUpheld}, Case{true, true, L::kNotCaused, O::kPartlyUpheld},
        Case{true, true, L::kCannotBeShown, O::kPartlyUpheld}));

TEST(DecisionFromTest, EveryPointUpheldIsUpheld) {
  EXPECT_EQ(DecisionFrom({O::kUpheld}), O::kUpheld);
  EXPECT_EQ(DecisionFrom({O::kUpheld, O::kUpheld, O::kUpheld}), O::kUpheld);
}

TEST(DecisionFromTest, NoFailingOnAnyPointIsNotUpheld) {
  EXPECT_EQ(DecisionFrom({O::kNotUpheld}), O::kNotUpheld);
  EXPECT_EQ(DecisionFrom({O::kNotUpheld, O::kNotUpheld}), O::kNotUpheld);
}

TEST(DecisionFromTest, AnythingBetweenIsPartlyUpheld) {
  EXPECT_EQ(DecisionFrom({O::kUpheld, O::kNotUpheld}), O::kPartlyUpheld);
  EXPECT_EQ(DecisionFrom({O::kPartlyUpheld}), O::kPartlyUpheld);
  EXPECT_EQ(DecisionFrom({O::kUpheld, O::kPartlyUpheld}), O::kPartlyUpheld);
  EXPECT_EQ(DecisionFrom({O::kNotUpheld, O::kPartlyUpheld}), O::kPartlyUpheld);
  EXPECT_EQ(DecisionFrom({O::kUpheld, O::kPartlyUpheld, O::kNotUpheld}), O::kPartlyUpheld);
}

TEST(OutcomeWordsTest, PublishedWording) {
  EXPECT_EQ(OutcomeWords(O::kUpheld), "upheld");
  EXPECT_EQ(OutcomeWords(O::kPartlyUpheld), "partly upheld");
  EXPECT_EQ(OutcomeWords(O::kNotUpheld), "not upheld");
}

class RecordFindingTest : public testing::InvestigationLogicTest {};

TEST_F(RecordFindingTest, StoresTheFindingAndItsDerivedOutcome) {
  Investigation i = Scoped();
  Investigation recorded = WithFinding(i, "cp2", MakeFinding(true, true, L::kCannotBeShown));
  ASSERT_TRUE(recorded.points[1].finding.has_value());
  EXPECT_EQ(recorded.points[1].outcome, O::kPartlyUpheld);
  EXPECT_EQ(recorded.points[1].finding->record_time,
            absl::FromUnixMicros(absl::ToUnixMicros(clock_.Now())));
  EXPECT_FALSE(recorded.points[0].finding.has_value());
  EXPECT_EQ(recorded.points[0].outcome, O::kUnspecified);
  // Replacing the finding re-derives the outcome.
  EXPECT_EQ(WithFinding(recorded, "cp2", testing::Upheld()).points[1].outcome, O::kUpheld);
}

TEST_F(RecordFindingTest, RefusesAFailingAndInjusticeWithoutCausalLink) {
  Investigation i = Scoped();
  absl::StatusOr<Investigation> result =
      logic_.RecordFinding({i.name(), "cp1", MakeFinding(true, true, L::kUnspecified), ""});
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(testing::ViolatedFields(result.status()),
              ::testing::ElementsAre("finding.causal_link"));
}

TEST_F(RecordFindingTest, RefusesAnUnknownPoint) {
  Investigation i = Scoped();
  absl::StatusOr<Investigation> result =
      logic_.RecordFinding({i.name(), "cp9", testing::Upheld(), ""});
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(testing::ViolatedFields(result.status()), ::testing::ElementsAre("point_id"));
}

}  // namespace
}  // namespace redress::investigation
