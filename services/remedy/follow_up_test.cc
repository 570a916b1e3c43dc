// The follow-up schedule, the scheduler's pass and the due actions caseworkers see.
#include "services/remedy/follow_up.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/remedy/remedy_logic_test_support.h"

namespace redress::remedy::testing {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Target Monday 2 March 2026: overdue Tuesday 3 March; chased 10 working days after the target
// (16 March); escalated 10 after that (30 March); not complied 20 after that, skipping Good
// Friday (3 April) and Easter Monday (6 April): 29 April.
constexpr absl::CivilDay kOverdue(2026, 3, 3);
constexpr absl::CivilDay kChase(2026, 3, 16);
constexpr absl::CivilDay kEscalate(2026, 3, 30);
constexpr absl::CivilDay kNotComplied(2026, 4, 29);

TEST(PlannedFollowUpTest, UsesWorkingDaysAndBankHolidays) {
  std::vector<FollowUpStep> steps =
      PlannedFollowUp(absl::CivilDay(2026, 3, 2), absl::CivilDay(2026, 2, 2), FollowUpPolicy{},
                      WorkingDayCalendar::EnglandAndWales());
  ASSERT_EQ(steps.size(), 4u);
  EXPECT_EQ(steps[0].due_date, kOverdue);
  EXPECT_EQ(steps[1].due_date, kChase);
  EXPECT_EQ(steps[2].due_date, kEscalate);
  EXPECT_EQ(steps[3].due_date, kNotComplied);
  EXPECT_EQ(steps[3].action, FollowUpAction::kRecordNotComplied);
}

TEST(PlannedFollowUpTest, PolicyChangesThePeriods) {
  FollowUpPolicy policy{1, 2, 3};
  std::vector<FollowUpStep> steps =
      PlannedFollowUp(absl::CivilDay(2026, 3, 6), absl::CivilDay(2026, 3, 1), policy,
                      WorkingDayCalendar::EnglandAndWales());  // a Friday
  ASSERT_EQ(steps.size(), 4u);
  EXPECT_EQ(steps[0].due_date, absl::CivilDay(2026, 3, 7));  // the next calendar day
  EXPECT_EQ(steps[1].due_date, absl::CivilDay(2026, 3, 9));  // Monday
  EXPECT_EQ(steps[2].due_date, absl::CivilDay(2026, 3, 11));
  EXPECT_EQ(steps[3].due_date, absl::CivilDay(2026, 3, 16));
}

TEST(PlannedFollowUpTest, ATargetAlreadyPastWhenReceivedChasesFromTheDayReceived) {
  std::vector<FollowUpStep> steps =
      PlannedFollowUp(absl::CivilDay(2025, 6, 2), absl::CivilDay(2026, 3, 2), FollowUpPolicy{},
                      WorkingDayCalendar::EnglandAndWales());
  ASSERT_EQ(steps.size(), 4u);
  EXPECT_EQ(steps[0].due_date, absl::CivilDay(2025, 6, 3));  // overdue at once
  EXPECT_EQ(steps[1].due_date, kChase);                      // 10 working days after receipt
}

TEST(PlannedFollowUpTest, BeyondTheCalendarPlansWhatItCan) {
  std::vector<FollowUpStep> steps =
      PlannedFollowUp(absl::CivilDay(9999, 12, 30), absl::CivilDay(9999, 12, 1), FollowUpPolicy{},
                      WorkingDayCalendar::EnglandAndWales());
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].action, FollowUpAction::kMarkOverdue);
  EXPECT_EQ(steps[0].due_date, absl::CivilDay(9999, 12, 31));
}

TEST_F(RemedyLogicTest, ADecisionWithATargetDateAlreadyPastIsOverdueButNotYetChased) {
  clock_.SetToday(absl::CivilDay(2026, 3, 2));
  std::vector<Recommendation> r = Receive({Apology(absl::CivilDay(2025, 6, 2))});
  EXPECT_EQ(*logic_.RunFollowUp(), 1);
  EXPECT_EQ(Get(r[0]).state, RecommendationState::kOverdue);
  clock_.SetToday(kChase);
  EXPECT_EQ(*logic_.RunFollowUp(), 1);
  EXPECT_EQ(Get(r[0]).state, RecommendationState::kChased);
  // The organisation can still comply.
  EXPECT_THAT(logic_.RecordCompliance({NameOf(r[0]), "Apologised", kChase, "L9", ""}), IsOk());
}

TEST_F(RemedyLogicTest, ATargetDateNearTheCalendarsEndStillBecomesOverdue) {
  clock_.SetToday(absl::CivilDay(9999, 12, 1));
  std::vector<Recommendation> r = Receive({Apology(absl::CivilDay(9999, 12, 20))});
  clock_.SetToday(absl::CivilDay(9999, 12, 31));
  EXPECT_EQ(*logic_.RunFollowUp(), 1);
  EXPECT_EQ(Get(r[0]).state, RecommendationState::kOverdue);
  EXPECT_EQ(*logic_.RunFollowUp(), 0);
}

TEST_F(RemedyLogicTest, NothingIsDueOnTheTargetDate) {
  std::vector<Recommendation> r = Receive({Apology(kTarget)});
  clock_.SetToday(kTarget);
  EXPECT_EQ(*logic_.RunFollowUp(), 0);
  EXPECT_EQ(Get(r[0]).state, RecommendationState::kAwaitingResponse);
}

TEST_F(RemedyLogicTest, EachStepIsTakenOnItsDayAndOnlyOnce) {
  std::vector<Recommendation> r = Receive({Apology(kTarget)});
  struct Step {
    absl::CivilDay day;
    RecommendationState state;
  };
  for (const Step& step :
       {Step{kOverdue, RecommendationState::kOverdue},
        Step{kChase - 1, RecommendationState::kOverdue}, Step{kChase, RecommendationState::kChased},
        Step{kEscalate, RecommendationState::kEscalated},
        Step{kNotComplied - 1, RecommendationState::kEscalated},
        Step{kNotComplied, RecommendationState::kNotComplied}}) {
    clock_.SetToday(step.day);
    ASSERT_THAT(logic_.RunFollowUp(), IsOk());
    ASSERT_THAT(logic_.RunFollowUp(), IsOk());  // a second pass the same day changes nothing
    EXPECT_EQ(Get(r[0]).state, step.state) << absl::FormatCivilTime(step.day);
  }
  Recommendation done = Get(r[0]);
  ASSERT_EQ(done.steps_taken.size(), 4u);
  EXPECT_EQ(done.steps_taken[1].due_date, kChase);
  EXPECT_EQ(done.steps_taken[3].action, FollowUpAction::kRecordNotComplied);
  EXPECT_EQ(*logic_.RunFollowUp(), 0);
}

TEST_F(RemedyLogicTest, APassAfterAnOutageTakesEveryStepThatFellDue) {
  std::vector<Recommendation> r = Receive({Apology(kTarget)});
  clock_.SetToday(kEscalate + 1);
  EXPECT_EQ(*logic_.RunFollowUp(), 3);
  Recommendation got = Get(r[0]);
  EXPECT_EQ(got.state, RecommendationState::kEscalated);
  ASSERT_EQ(got.steps_taken.size(), 3u);
  EXPECT_EQ(got.steps_taken[0].due_date, kOverdue);
  EXPECT_EQ(got.steps_taken[2].due_date, kEscalate);
  EXPECT_EQ(got.steps_taken[2].take_time, clock_.Now());
}

TEST_F(RemedyLogicTest, ComplianceStopsTheFollowUp) {
  std::vector<Recommendation> r = Receive({Apology(kTarget)});
  clock_.SetToday(kChase);
  ASSERT_EQ(*logic_.RunFollowUp(), 2);
  ASSERT_THAT(logic_.RecordCompliance({NameOf(r[0]), "Apologised", kChase, "DOC-9", ""}), IsOk());
  clock_.SetToday(kNotComplied + 10);
  EXPECT_EQ(*logic_.RunFollowUp(), 0);
  EXPECT_EQ(Get(r[0]).state, RecommendationState::kComplied);
}

TEST_F(RemedyLogicTest, FollowUpOfListsTakenThenPlannedSteps) {
  std::vector<Recommendation> r = Receive({Apology(kTarget)});
  std::vector<FollowUpStep> plan = logic_.FollowUpOf(r[0]);
  ASSERT_EQ(plan.size(), 4u);
  EXPECT_FALSE(plan[0].take_time.has_value());
  clock_.SetToday(kOverdue);
  ASSERT_THAT(logic_.RunFollowUp(), IsOk());
  plan = logic_.FollowUpOf(Get(r[0]));
  ASSERT_EQ(plan.size(), 4u);
  EXPECT_TRUE(plan[0].take_time.has_value());
  EXPECT_FALSE(plan[1].take_time.has_value());
  EXPECT_EQ(plan[1].action, FollowUpAction::kChase);
}

TEST_F(RemedyLogicTest, DueActionsShowReachedAndUpcomingSteps) {
  DecidedRecommendation later = Payment(absl::CivilDay(2026, 3, 10), 100);
  later.organisation_id = "dvla";
  std::vector<Recommendation> r = Receive({Apology(kTarget), later});
  clock_.SetToday(kOverdue);
  ASSERT_THAT(logic_.RunFollowUp(), IsOk());

  absl::StatusOr<DueActionPage> today = logic_.ListDueActions(Due(std::nullopt));
  ASSERT_THAT(today, IsOk());
  ASSERT_EQ(today->actions.size(), 1u);
  EXPECT_EQ(today->actions[0].recommendation.id, r[0].id);
  EXPECT_EQ(today->actions[0].step.action, FollowUpAction::kMarkOverdue);
  EXPECT_TRUE(today->actions[0].step.take_time.has_value());

  // By 16 March: the first is chased, the second overdue (11 March).
  absl::StatusOr<DueActionPage> ahead = logic_.ListDueActions(Due(kChase));
  ASSERT_THAT(ahead, IsOk());
  std::vector<FollowUpAction> actions;
  for (const DueAction& a : ahead->actions) actions.push_back(a.step.action);
  EXPECT_THAT(actions, ElementsAre(FollowUpAction::kMarkOverdue, FollowUpAction::kMarkOverdue,
                                   FollowUpAction::kChase));
  EXPECT_EQ(ahead->actions[1].recommendation.id, r[1].id);

  absl::StatusOr<DueActionPage> dvla = logic_.ListDueActions(Due(kChase, "organisations/dvla"));
  ASSERT_THAT(dvla, IsOk());
  ASSERT_EQ(dvla->actions.size(), 1u);
  EXPECT_EQ(dvla->actions[0].recommendation.id, r[1].id);
}

TEST_F(RemedyLogicTest, DueActionsPageThroughInOrder) {
  std::vector<Recommendation> r = Receive({Apology(kTarget), Payment(kTarget, 100)});
  DueActionsRequest request = Due(kNotComplied, "", 3);
  std::vector<std::pair<std::string, FollowUpAction>> seen;
  for (int pages = 0; pages < 5; ++pages) {
    absl::StatusOr<DueActionPage> page = logic_.ListDueActions(request);
    ASSERT_THAT(page, IsOk());
    for (const DueAction& a : page->actions) seen.push_back({a.recommendation.id, a.step.action});
    if (page->next_page_token.empty()) break;
    request.page_token = page->next_page_token;
  }
  ASSERT_EQ(seen.size(), 8u);
  EXPECT_EQ(seen[0], std::make_pair(r[0].id, FollowUpAction::kMarkOverdue));
  EXPECT_EQ(seen[1], std::make_pair(r[1].id, FollowUpAction::kMarkOverdue));
  EXPECT_EQ(seen[7], std::make_pair(r[1].id, FollowUpAction::kRecordNotComplied));
}

TEST_F(RemedyLogicTest, DueActionsRejectBadInput) {
  EXPECT_THAT(logic_.ListDueActions(Due(std::nullopt, "orgs/x")).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(logic_.ListDueActions(Due(std::nullopt, "", -1)).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(logic_.ListDueActions(Due(std::nullopt, "", 0, "garbage")).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  absl::StatusOr<DueActionPage> none = logic_.ListDueActions(Due(std::nullopt));
  ASSERT_THAT(none, IsOk());
  EXPECT_THAT(none->actions, IsEmpty());
}

}  // namespace
}  // namespace redress::remedy::testing
