// The follow-up schedule, the scheduler's pass and the due actions caseworkers see.
#include "services/remedy/follow_up.h"

#include "common/audit/audit_scope.h"
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

// RemainingFollowUp on a recommendation as recorded: the next step from its state, dated from
// what happened.
TEST(RemainingFollowUpTest, CountsFromTheDayTheChaseWasTaken) {
  Recommendation r;
  r.target_date = absl::CivilDay(2026, 3, 2);
  r.create_time = redress::testing::FakeClock::NoonOn(absl::CivilDay(2026, 2, 2));
  r.state = RecommendationState::kChased;
  r.steps_taken = {{FollowUpAction::kMarkOverdue, kOverdue,
                    redress::testing::FakeClock::NoonOn(absl::CivilDay(2026, 3, 20))},
                   {FollowUpAction::kChase, kChase,
                    redress::testing::FakeClock::NoonOn(absl::CivilDay(2026, 3, 20))}};
  const std::vector<FollowUpStep> rest = RemainingFollowUp(
      r, absl::CivilDay(2026, 3, 20), FollowUpPolicy{}, WorkingDayCalendar::EnglandAndWales());
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(rest[0].action, FollowUpAction::kEscalate);
  EXPECT_EQ(rest[0].due_date, absl::CivilDay(2026, 4, 7));  // 10 working days after 20 March
  EXPECT_EQ(rest[1].action, FollowUpAction::kRecordNotComplied);
  // Nothing is left for a closed or held recommendation.
  r.state = RecommendationState::kHeld;
  EXPECT_THAT(RemainingFollowUp(r, absl::CivilDay(2026, 3, 20), FollowUpPolicy{},
                                WorkingDayCalendar::EnglandAndWales()),
              IsEmpty());
}

TEST(RemainingFollowUpTest, AWholeScheduleWhenEachStepIsOnTimeIsThePlannedOne) {
  Recommendation r;
  r.target_date = absl::CivilDay(2026, 3, 2);
  r.create_time = redress::testing::FakeClock::NoonOn(absl::CivilDay(2026, 2, 2));
  const std::vector<FollowUpStep> rest = RemainingFollowUp(
      r, absl::CivilDay(2026, 2, 2), FollowUpPolicy{}, WorkingDayCalendar::EnglandAndWales());
  EXPECT_EQ(rest, PlannedFollowUp(r.target_date, absl::CivilDay(2026, 2, 2), FollowUpPolicy{},
                                  WorkingDayCalendar::EnglandAndWales()));
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

TEST_F(RemedyLogicTest, CountOverdueCountsPastTheTargetDateWhetherMarkedOrNotUpToTheCap) {
  clock_.SetToday(absl::CivilDay(2026, 3, 2));
  // Two past their target dates, one not yet due.
  Receive({Apology(absl::CivilDay(2025, 6, 2)), Apology(absl::CivilDay(2025, 7, 1)),
           Apology(absl::CivilDay(2026, 6, 1))});
  EXPECT_EQ(logic_.CountOverdue(100).value_or(-1), 2);  // before any pass marks them
  EXPECT_EQ(*logic_.RunFollowUp(), 2);
  EXPECT_EQ(logic_.CountOverdue(100).value_or(-1), 2);
  EXPECT_EQ(logic_.CountOverdue(1).value_or(-1), 1);
}

TEST_F(RemedyLogicTest, ATargetDateNearTheCalendarsEndStillBecomesOverdue) {
  clock_.SetToday(absl::CivilDay(9999, 12, 1));
  std::vector<Recommendation> r = Receive({Apology(absl::CivilDay(9999, 12, 20))});
  clock_.SetToday(absl::CivilDay(9999, 12, 31));
  EXPECT_EQ(*logic_.RunFollowUp(), 1);
  EXPECT_EQ(Get(r[0]).state, RecommendationState::kOverdue);
  EXPECT_EQ(*logic_.RunFollowUp(), 0);
}

TEST_F(RemedyLogicTest, ThePassIsAuditedAsTheServiceItself) {
  {
    audit::ScopedAuditCall call("service:investigation", "remedy.ReceiveDecision");
    Receive({Apology(kTarget)});
  }
  {
    // Even on a thread that runs a call, the pass's changes are the service's own.
    audit::ScopedAuditCall call("user:alice", "remedy.GetRecommendation");
    RunFollowUpDailyUntil(kOverdue);
  }
  auto entries = store_.ListAuditEntries(0, 100);
  ASSERT_THAT(entries, IsOk());
  std::vector<std::string> calls;
  for (const audit::AuditEntry& entry : *entries) {
    calls.push_back(entry.actor + " " + entry.rpc + " " + entry.resource);
  }
  EXPECT_THAT(calls,
              ElementsAre("service:investigation remedy.ReceiveDecision "
                          "investigations/inv1/decisions/1",
                          "service:investigation remedy.ReceiveDecision recommendations/rec1",
                          "system:remedy remedy.follow-up recommendations/rec1"));
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

// After an outage the scheduler does not catch up by taking every step that fell due: it marks
// the recommendation overdue (a fact of the calendar) and chases; the escalation falls due its
// whole period after the chase actually happened, and not complied its period after that.
TEST_F(RemedyLogicTest, APassAfterAnOutageTakesOnlyTheNextStep) {
  std::vector<Recommendation> r = Receive({Apology(kTarget)});
  const absl::CivilDay back(2026, 3, 31);  // the day after the escalation would have been due
  clock_.SetToday(back);
  EXPECT_EQ(*logic_.RunFollowUp(), 2);
  Recommendation got = Get(r[0]);
  EXPECT_EQ(got.state, RecommendationState::kChased);
  ASSERT_EQ(got.steps_taken.size(), 2u);
  EXPECT_EQ(got.steps_taken[0].due_date, kOverdue);
  EXPECT_EQ(got.steps_taken[1].action, FollowUpAction::kChase);
  EXPECT_EQ(got.steps_taken[1].due_date, kChase);         // when it fell due ...
  EXPECT_EQ(got.steps_taken[1].take_time, clock_.Now());  // ... and when it happened
  EXPECT_EQ(*logic_.RunFollowUp(), 0);  // a second pass the same day takes nothing more

  // Escalated ten working days after 31 March (skipping Easter): 16 April, not 30 March.
  const absl::CivilDay escalate(2026, 4, 16);
  RunFollowUpDailyUntil(escalate - 1);
  EXPECT_EQ(Get(r[0]).state, RecommendationState::kChased);
  RunFollowUpDailyUntil(escalate);
  EXPECT_EQ(Get(r[0]).state, RecommendationState::kEscalated);
  // Not complied twenty working days after that (skipping the early May bank holiday).
  const absl::CivilDay not_complied(2026, 5, 15);
  RunFollowUpDailyUntil(not_complied - 1);
  EXPECT_EQ(Get(r[0]).state, RecommendationState::kEscalated);
  RunFollowUpDailyUntil(not_complied);
  got = Get(r[0]);
  EXPECT_EQ(got.state, RecommendationState::kNotComplied);
  ASSERT_EQ(got.steps_taken.size(), 4u);
  EXPECT_EQ(got.steps_taken[2].due_date, escalate);
  EXPECT_EQ(got.steps_taken[3].due_date, not_complied);
}

// An outage between the chase and the escalation: escalated as soon as the service is back, and
// recorded as not complied only its whole period later.
TEST_F(RemedyLogicTest, EachStepIsCountedFromTheDayTheOneBeforeHappened) {
  std::vector<Recommendation> r = Receive({Apology(kTarget)});
  RunFollowUpDailyUntil(kChase);
  ASSERT_EQ(Get(r[0]).state, RecommendationState::kChased);
  clock_.SetToday(absl::CivilDay(2026, 5, 1));  // back after the not-complied date passed
  EXPECT_EQ(*logic_.RunFollowUp(), 1);
  Recommendation got = Get(r[0]);
  EXPECT_EQ(got.state, RecommendationState::kEscalated);
  EXPECT_EQ(got.steps_taken.back().due_date, kEscalate);
  // Twenty working days after Friday 1 May, skipping the bank holidays of 4 and 25 May: 2 June.
  const std::vector<FollowUpStep> plan = logic_.FollowUpOf(got);
  ASSERT_EQ(plan.size(), 4u);
  EXPECT_EQ(plan[3].action, FollowUpAction::kRecordNotComplied);
  EXPECT_EQ(plan[3].due_date, absl::CivilDay(2026, 6, 2));
  EXPECT_FALSE(plan[3].take_time.has_value());
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

// What is planned follows the same rule: while a step that fell due during an outage waits for
// the next pass, the steps after it are counted from today, not from their old dates.
TEST_F(RemedyLogicTest, PlannedStepsAfterAnOutageAreCountedFromToday) {
  std::vector<Recommendation> r = Receive({Apology(kTarget)});
  clock_.SetToday(absl::CivilDay(2026, 3, 31));  // nothing taken yet
  const std::vector<FollowUpStep> plan = logic_.FollowUpOf(Get(r[0]));
  ASSERT_EQ(plan.size(), 4u);
  EXPECT_EQ(plan[0].due_date, kOverdue);
  EXPECT_EQ(plan[1].due_date, kChase);
  EXPECT_EQ(plan[2].due_date, absl::CivilDay(2026, 4, 16));
  EXPECT_EQ(plan[3].due_date, absl::CivilDay(2026, 5, 15));

  // Due by 31 March: the overdue mark and the chase, not the escalation.
  absl::StatusOr<DueActionPage> due = logic_.ListDueActions(Due(std::nullopt));
  ASSERT_THAT(due, IsOk());
  std::vector<FollowUpAction> actions;
  for (const DueAction& a : due->actions) actions.push_back(a.step.action);
  EXPECT_THAT(actions, ElementsAre(FollowUpAction::kMarkOverdue, FollowUpAction::kChase));
  due = logic_.ListDueActions(Due(absl::CivilDay(2026, 4, 16)));
  ASSERT_THAT(due, IsOk());
  ASSERT_EQ(due->actions.size(), 3u);
  EXPECT_EQ(due->actions[2].step.action, FollowUpAction::kEscalate);
  EXPECT_EQ(due->actions[2].step.due_date, absl::CivilDay(2026, 4, 16));
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
