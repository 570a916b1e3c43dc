// A recommendation's history: what is recorded, where it stood on a day, the target date its
// decision set, and whether it was complied with on time.
#include "services/remedy/state_history.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/clock.h"

namespace redress::remedy {
namespace {

using S = RecommendationState;

// Noon on `day` in the scheme's time zone.
absl::Time On(absl::CivilDay day) {
  return absl::FromCivil(absl::CivilSecond(day.year(), day.month(), day.day(), 12, 0, 0),
                         SchemeTimeZone());
}

constexpr absl::CivilDay kReceived(2026, 2, 2);
constexpr absl::CivilDay kTarget(2026, 3, 2);

// Received on 2 February with a target date of 2 March under decision 1.
Recommendation Received() {
  Recommendation r;
  r.target_date = kTarget;
  r.create_time = On(kReceived);
  RecordStanding(r, On(kReceived));
  return r;
}

TEST(StateHistoryTest, RecordsAChangeOfStateTargetDateOrDecisionOnly) {
  Recommendation r = Received();
  RecordStanding(r, On(kReceived + 1));  // nothing changed
  ASSERT_EQ(r.history.size(), 1u);
  EXPECT_EQ(r.history[0], (StateChange{S::kAwaitingResponse, On(kReceived), kTarget, 1}));
  r.state = S::kAccepted;
  RecordStanding(r, On(kReceived + 2));
  r.target_date = kTarget + 14;
  RecordStanding(r, On(kReceived + 3));
  r.decision_sequence = 2;
  RecordStanding(r, On(kReceived + 4));
  ASSERT_EQ(r.history.size(), 4u);
  EXPECT_EQ(r.history[1], (StateChange{S::kAccepted, On(kReceived + 2), kTarget, 1}));
  EXPECT_EQ(r.history[2], (StateChange{S::kAccepted, On(kReceived + 3), kTarget + 14, 1}));
  EXPECT_EQ(r.history[3], (StateChange{S::kAccepted, On(kReceived + 4), kTarget + 14, 2}));
}

TEST(StateHistoryTest, StandingAtIsTheLastChangeByTheEndOfTheDay) {
  Recommendation r = Received();
  r.state = S::kComplied;
  RecordStanding(r, On(kTarget) + absl::Hours(11));        // 23:00 on the target date
  EXPECT_FALSE(StandingAt(r, kReceived - 1).has_value());  // not yet received
  EXPECT_EQ(StandingAt(r, kReceived)->state, S::kAwaitingResponse);
  EXPECT_EQ(StandingAt(r, kTarget - 1)->state, S::kAwaitingResponse);
  EXPECT_EQ(StandingAt(r, kTarget)->state, S::kComplied);
  EXPECT_EQ(StandingAt(r, kTarget + 100)->state, S::kComplied);
}

TEST(StateHistoryTest, WithoutHistoryItStandsAsItIsFromWhenItWasReceived) {
  Recommendation r;
  r.state = S::kChased;
  r.target_date = kTarget;
  r.create_time = On(kReceived);
  EXPECT_FALSE(StandingAt(r, kReceived - 1).has_value());
  EXPECT_EQ(StandingAt(r, kReceived)->state, S::kChased);
  r.reschedules = {{kTarget - 7, kTarget, "Agreed.", On(kReceived)}};
  EXPECT_EQ(DecidedTargetDate(r, 1), kTarget - 7);
  EXPECT_EQ(DecidedDay(r), kReceived);
}

TEST(StateHistoryTest, TheDecidedTargetDateIsTheFirstOfItsDecision) {
  Recommendation r = Received();
  r.target_date = kTarget + 14;  // an agreed extension
  RecordStanding(r, On(kReceived + 5));
  EXPECT_EQ(DecidedTargetDate(r, 1), kTarget);
  EXPECT_TRUE(IsExtended(r, r.history.back()));
  EXPECT_FALSE(IsExtended(r, r.history.front()));
  // A later decision sets its own target date: not an extension.
  r.decision_sequence = 2;
  r.target_date = kTarget + 60;
  RecordStanding(r, On(kReceived + 40));
  EXPECT_EQ(DecidedTargetDate(r, 2), kTarget + 60);
  EXPECT_FALSE(IsExtended(r, r.history.back()));
  EXPECT_EQ(DecidedDay(r), kReceived + 40);
}

TEST(StateHistoryTest, OnTimeIsJudgedAgainstTheDecidedTargetDate) {
  Recommendation r = Received();
  r.target_date = kTarget + 14;  // extended
  RecordStanding(r, On(kReceived + 5));
  r.state = S::kComplied;
  r.compliance = ComplianceEvidence{"Apologised.", kTarget, "L1", On(kTarget + 20)};
  RecordStanding(r, On(kTarget + 20));
  EXPECT_EQ(TimingOf(r), ComplianceTiming::kOnTime);
  r.compliance->completion_date = kTarget + 1;
  EXPECT_EQ(TimingOf(r), ComplianceTiming::kLateWithinExtension);
  r.compliance->completion_date = kTarget + 15;
  EXPECT_EQ(TimingOf(r), ComplianceTiming::kLate);
}

TEST(StateHistoryTest, EvidenceAfterNotCompliedIsLateWhateverItsDate) {
  Recommendation r = Received();
  r.state = S::kNotComplied;
  RecordStanding(r, On(kTarget + 60));
  r.state = S::kComplied;
  r.compliance = ComplianceEvidence{"Apologised.", kTarget - 1, "L1", On(kTarget + 70)};
  RecordStanding(r, On(kTarget + 70));
  EXPECT_EQ(TimingOf(r), ComplianceTiming::kLate);
}

TEST(StateHistoryTest, ACarriedOverComplianceKeepsItsTiming) {
  Recommendation r = Received();
  r.state = S::kComplied;
  r.compliance = ComplianceEvidence{"Apologised.", kTarget, "L1", On(kTarget)};
  RecordStanding(r, On(kTarget));
  r.decision_sequence = 2;  // a later decision repeats it
  RecordStanding(r, On(kTarget + 50));
  EXPECT_EQ(TimingOf(r), ComplianceTiming::kOnTime);
}

}  // namespace
}  // namespace redress::remedy
