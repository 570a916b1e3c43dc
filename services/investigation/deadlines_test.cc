// Deadlines: the target date and comment deadline counted in working days and moved by holds
// (closed and open), bank holidays, and the review time limit.
#include "services/investigation/deadlines.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/investigation/investigation_logic_test_support.h"

namespace redress::investigation {
namespace {

using redress::testing::StatusIs;
using testing::InvestigationLogicTest;
using testing::kToday;
using D = absl::CivilDay;

const WorkingDayCalendar& Calendar() { return WorkingDayCalendar::EnglandAndWales(); }

Scope ScopeOf(D agreed, int days) { return Scope{"summary", agreed, days, D()}; }

Hold ClosedHold(D start, D end) {
  Hold hold;
  hold.reason = "Waiting";
  hold.start_date = start;
  hold.end_date = end;
  return hold;
}

TEST(TargetDateTest, CountsWorkingDaysAfterTheAgreedDate) {
  // Monday 2 March 2026 + 5 working days: the next Monday.
  EXPECT_EQ(*TargetDate(ScopeOf(D(2026, 3, 2), 5), {}, kToday, Calendar()), D(2026, 3, 9));
}

TEST(TargetDateTest, AHoldMovesItByItsWorkingDays) {
  // On hold Tuesday to Thursday: three working days.
  std::vector<Hold> holds = {ClosedHold(D(2026, 3, 3), D(2026, 3, 5))};
  EXPECT_EQ(*TargetDate(ScopeOf(D(2026, 3, 2), 5), holds, kToday, Calendar()), D(2026, 3, 12));
}

TEST(TargetDateTest, AHoldOverAWeekendMovesNothing) {
  std::vector<Hold> holds = {ClosedHold(D(2026, 3, 7), D(2026, 3, 8))};
  EXPECT_EQ(*TargetDate(ScopeOf(D(2026, 3, 2), 5), holds, kToday, Calendar()), D(2026, 3, 9));
}

TEST(TargetDateTest, SkipsBankHolidays) {
  // Good Friday 3 April and Easter Monday 6 April 2026 do not count.
  EXPECT_EQ(*TargetDate(ScopeOf(D(2026, 3, 30), 5), {}, kToday, Calendar()), D(2026, 4, 8));
}

TEST(TargetDateTest, AnOpenHoldCountsAsEndingToday) {
  Hold open;
  open.start_date = D(2026, 3, 3);
  std::vector<Hold> holds = {open};
  // Stopped 3-4 March on the 4th; one working day more on the 5th.
  EXPECT_EQ(*TargetDate(ScopeOf(D(2026, 3, 2), 10), holds, D(2026, 3, 4), Calendar()),
            D(2026, 3, 18));
  EXPECT_EQ(*TargetDate(ScopeOf(D(2026, 3, 2), 10), holds, D(2026, 3, 5), Calendar()),
            D(2026, 3, 19));
}

TEST(TargetDateTest, OutsideTheCalendarIsOutOfRange) {
  EXPECT_THAT(TargetDate(ScopeOf(D(9999, 6, 1), 500), {}, kToday, Calendar()),
              StatusIs(absl::StatusCode::kOutOfRange));
}

TEST(CommentDeadlineTest, CountsFromTheShareDateAndMovesWithHolds) {
  ProvisionalView view;
  view.share_date = D(2026, 3, 2);
  view.comment_period_working_days = 5;
  EXPECT_EQ(*CommentDeadline(view, {}, kToday, Calendar()), D(2026, 3, 9));
  std::vector<Hold> holds = {ClosedHold(D(2026, 3, 3), D(2026, 3, 4))};
  EXPECT_EQ(*CommentDeadline(view, holds, kToday, Calendar()), D(2026, 3, 11));
}

TEST(ReviewDeadlineTest, OneCalendarMonthClampedToTheMonthEnd) {
  EXPECT_EQ(ReviewDeadline(D(2026, 3, 15), 1), D(2026, 4, 15));
  EXPECT_EQ(ReviewDeadline(D(2026, 1, 31), 1), D(2026, 2, 28));
  EXPECT_EQ(ReviewDeadline(D(2028, 1, 31), 1), D(2028, 2, 29));
  EXPECT_EQ(ReviewDeadline(D(2026, 3, 31), 1), D(2026, 4, 30));
  EXPECT_EQ(ReviewDeadline(D(2026, 12, 31), 1), D(2027, 1, 31));
  EXPECT_EQ(ReviewDeadline(D(2026, 11, 30), 3), D(2027, 2, 28));
}

class HoldDeadlineTest : public InvestigationLogicTest {
 protected:
  // INVESTIGATING, scope agreed on Monday 2 March 2026 for 10 working days: due 16 March.
  Investigation ScopedToday() { return Scoped(D(2026, 3, 2), 10); }
};

TEST_F(HoldDeadlineTest, AgreeingTheScopeSetsTheTargetDate) {
  EXPECT_EQ(ScopedToday().scope->target_date, D(2026, 3, 16));
}

TEST_F(HoldDeadlineTest, AHoldMovesTheTargetDateByItsWorkingDays) {
  Investigation i = ScopedToday();
  clock_.SetToday(D(2026, 3, 3));
  Ok(logic_.PutOnHold({i.name(), "Waiting for records", std::nullopt, ""}));
  clock_.SetToday(D(2026, 3, 6));
  Investigation resumed = Ok(logic_.ResumeInvestigation({i.name(), std::nullopt, ""}));
  ASSERT_EQ(resumed.holds.size(), 1u);
  EXPECT_EQ(resumed.holds[0].end_date, D(2026, 3, 5));    // yesterday
  EXPECT_EQ(resumed.scope->target_date, D(2026, 3, 19));  // three working days later
}

TEST_F(HoldDeadlineTest, WhileOnHoldTheTargetDateMovesEachWorkingDay) {
  Investigation i = ScopedToday();
  clock_.SetToday(D(2026, 3, 3));
  Investigation held = Ok(logic_.PutOnHold({i.name(), "Waiting", std::nullopt, ""}));
  EXPECT_EQ(held.scope->target_date, D(2026, 3, 17));
  clock_.SetToday(D(2026, 3, 4));
  EXPECT_EQ(Ok(logic_.GetInvestigation(i.name())).scope->target_date, D(2026, 3, 18));
  clock_.SetToday(D(2026, 3, 5));
  EXPECT_EQ(Ok(logic_.GetInvestigation(i.name())).scope->target_date, D(2026, 3, 19));
  ListRequest list;
  EXPECT_EQ(Ok(logic_.ListInvestigations(list)).investigations[0].scope->target_date,
            D(2026, 3, 19));
}

TEST_F(HoldDeadlineTest, AHoldMovesTheCommentDeadline) {
  Investigation i = Ok(logic_.ShareProvisionalView(
      ShareCommand(WithFinding(WithFinding(ScopedToday(), "cp1", testing::Upheld()), "cp2",
                               testing::NotUpheld()),
                   D(2026, 3, 2), 5)));
  EXPECT_EQ(i.provisional_view->comment_deadline, D(2026, 3, 9));
  clock_.SetToday(D(2026, 3, 3));
  Ok(logic_.PutOnHold({i.name(), "Waiting", std::nullopt, ""}));
  clock_.SetToday(D(2026, 3, 5));
  Investigation resumed = Ok(logic_.ResumeInvestigation({i.name(), std::nullopt, ""}));
  EXPECT_EQ(resumed.state, InvestigationState::kProvisionalViewShared);
  EXPECT_EQ(resumed.provisional_view->comment_deadline, D(2026, 3, 11));
}

TEST_F(HoldDeadlineTest, ResumedTheDayItWasPutOnHoldHoldsThatDay) {
  Investigation i = ScopedToday();
  clock_.SetToday(D(2026, 3, 3));
  Ok(logic_.PutOnHold({i.name(), "Waiting", std::nullopt, ""}));
  Investigation resumed = Ok(logic_.ResumeInvestigation({i.name(), std::nullopt, ""}));
  EXPECT_EQ(resumed.holds[0].end_date, D(2026, 3, 3));
  EXPECT_EQ(resumed.scope->target_date, D(2026, 3, 17));
}

TEST_F(HoldDeadlineTest, AnEndBeforeTheStartIsRefused) {
  Investigation i = ScopedToday();
  clock_.SetToday(D(2026, 3, 5));
  Ok(logic_.PutOnHold({i.name(), "Waiting", D(2026, 3, 4), ""}));
  absl::StatusOr<Investigation> result = logic_.ResumeInvestigation({i.name(), D(2026, 3, 3), ""});
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(testing::ViolatedFields(result.status()), ::testing::ElementsAre("end_date"));
}

TEST_F(HoldDeadlineTest, HoldsDoNotOverlap) {
  Investigation i = ScopedToday();
  clock_.SetToday(D(2026, 3, 10));
  Ok(logic_.PutOnHold({i.name(), "Waiting", D(2026, 3, 3), ""}));
  Ok(logic_.ResumeInvestigation({i.name(), D(2026, 3, 5), ""}));
  absl::StatusOr<Investigation> overlapping =
      logic_.PutOnHold({i.name(), "Waiting again", D(2026, 3, 5), ""});
  EXPECT_THAT(overlapping, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(testing::ViolatedFields(overlapping.status()), ::testing::ElementsAre("start_date"));
  // A second hold after the first moves the date by both.
  Ok(logic_.PutOnHold({i.name(), "Waiting again", D(2026, 3, 9), ""}));
  Investigation resumed = Ok(logic_.ResumeInvestigation({i.name(), D(2026, 3, 9), ""}));
  EXPECT_EQ(resumed.holds.size(), 2u);
  EXPECT_EQ(resumed.scope->target_date, D(2026, 3, 20));  // 3 + 1 working days later
}

}  // namespace
}  // namespace redress::investigation
