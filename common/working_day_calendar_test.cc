#include "common/working_day_calendar.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "common/bank_holidays_england_wales.h"
#include "common/testing/status_matchers.h"

namespace redress {
namespace {

using ::absl::CivilDay;
using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;

const WorkingDayCalendar& Calendar() { return WorkingDayCalendar::EnglandAndWales(); }

bool IsWeekend(CivilDay day) {
  const absl::Weekday w = absl::GetWeekday(day);
  return w == absl::Weekday::saturday || w == absl::Weekday::sunday;
}

// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher), written again here so
// that the rules under test are checked against an independent copy.
CivilDay ComputedEaster(int year) {
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return CivilDay(year, month, day);
}

// The first weekday on or after `day`.
CivilDay WeekdayOnOrAfter(CivilDay day) {
  while (IsWeekend(day)) ++day;
  return day;
}

// The `weekday` on or after `day`; the last one in a month is found from the month's last week.
CivilDay NextWeekday(CivilDay day, absl::Weekday weekday) {
  while (absl::GetWeekday(day) != weekday) ++day;
  return day;
}
CivilDay FirstMonday(int year, int month) {
  return NextWeekday(CivilDay(year, month, 1), absl::Weekday::monday);
}
CivilDay LastMonday(int year, int month) {
  return absl::PrevWeekday(CivilDay(year, month + 1, 1), absl::Weekday::monday);
}

// gov.uk's published list for 2020-2030 (2027-2030 as announced so far): the rules and the one-off
// table must reproduce it exactly, day for day.
TEST(BankHolidaysTest, RulesAndOneOffsReproduceThePublishedList) {
  const int table[][10][2] = {
      {{1, 1}, {4, 10}, {4, 13}, {5, 8}, {5, 25}, {8, 31}, {12, 25}, {12, 28}},
      {{1, 1}, {4, 2}, {4, 5}, {5, 3}, {5, 31}, {8, 30}, {12, 27}, {12, 28}},
      {{1, 3}, {4, 15}, {4, 18}, {5, 2}, {6, 2}, {6, 3}, {8, 29}, {9, 19}, {12, 26}, {12, 27}},
      {{1, 2}, {4, 7}, {4, 10}, {5, 1}, {5, 8}, {5, 29}, {8, 28}, {12, 25}, {12, 26}},
      {{1, 1}, {3, 29}, {4, 1}, {5, 6}, {5, 27}, {8, 26}, {12, 25}, {12, 26}},
      {{1, 1}, {4, 18}, {4, 21}, {5, 5}, {5, 26}, {8, 25}, {12, 25}, {12, 26}},
      {{1, 1}, {4, 3}, {4, 6}, {5, 4}, {5, 25}, {8, 31}, {12, 25}, {12, 28}},
      {{1, 1}, {3, 26}, {3, 29}, {5, 3}, {5, 31}, {8, 30}, {12, 27}, {12, 28}},
      {{1, 3}, {4, 14}, {4, 17}, {5, 1}, {5, 29}, {8, 28}, {12, 25}, {12, 26}},
      {{1, 1}, {3, 30}, {4, 2}, {5, 7}, {5, 28}, {8, 27}, {12, 25}, {12, 26}},
      {{1, 1}, {4, 19}, {4, 22}, {5, 6}, {5, 27}, {8, 26}, {12, 25}, {12, 26}},
  };
  std::vector<CivilDay> expected;
  for (int y = 0; y < 11; ++y) {
    for (const auto& md : table[y]) {
      if (md[0] != 0) expected.emplace_back(2020 + y, md[0], md[1]);
    }
  }
  ASSERT_EQ(expected.size(), 91u);
  std::vector<CivilDay> computed;
  for (int year = 2020; year <= 2030; ++year) {
    for (CivilDay day : BankHolidaysInEnglandAndWales(year)) computed.push_back(day);
  }
  EXPECT_EQ(computed, expected);  // in order, nothing extra
  for (CivilDay day : expected) {
    EXPECT_TRUE(Calendar().IsBankHoliday(day)) << day;
    EXPECT_FALSE(Calendar().IsWorkingDay(day)) << day;
    EXPECT_FALSE(IsWeekend(day)) << day << " is a bank holiday on a weekend";
  }
}

TEST(BankHolidaysTest, GoodFridayAndEasterMondayMatchComputedEaster) {
  EXPECT_EQ(ComputedEaster(2024), CivilDay(2024, 3, 31));  // the algorithm itself, spot-checked
  EXPECT_EQ(ComputedEaster(2000), CivilDay(2000, 4, 23));
  for (int year = 1978; year <= 2100; ++year) {
    const CivilDay easter = ComputedEaster(year);
    EXPECT_EQ(EasterSunday(year), easter) << year;
    EXPECT_TRUE(Calendar().IsBankHoliday(easter - 2)) << "Good Friday " << year;
    EXPECT_TRUE(Calendar().IsBankHoliday(easter + 1)) << "Easter Monday " << year;
    EXPECT_FALSE(Calendar().IsBankHoliday(easter - 1)) << year;
  }
}

TEST(BankHolidaysTest, NewYearAndChristmasSubstituteDays) {
  for (int year = 1978; year <= 2100; ++year) {
    // New Year's Day, or the Monday after it when it falls at a weekend.
    const CivilDay new_year = WeekdayOnOrAfter(CivilDay(year, 1, 1));
    EXPECT_TRUE(Calendar().IsBankHoliday(new_year)) << year;
    // Christmas and Boxing Day: the first two weekdays from 25 December.
    const CivilDay christmas = WeekdayOnOrAfter(CivilDay(year, 12, 25));
    const CivilDay boxing_day = WeekdayOnOrAfter(christmas + 1);
    EXPECT_TRUE(Calendar().IsBankHoliday(christmas)) << year;
    EXPECT_TRUE(Calendar().IsBankHoliday(boxing_day)) << year;
  }
  // Spot checks by hand: 2021 Christmas on a Saturday, Boxing Day on a Sunday.
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(2021, 12, 27)));
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(2021, 12, 28)));
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(2022, 1, 3)));    // 1 January 2022 a Saturday
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(2026, 12, 28)));  // Boxing Day 2026 a Saturday
}

TEST(BankHolidaysTest, MayAndAugustFollowTheStandingRulesExceptWhenMoved) {
  const std::set<int> early_may_moved = {1995, 2020};     // VE Day 50 and 75
  const std::set<int> spring_moved = {2002, 2012, 2022};  // Golden, Diamond, Platinum Jubilees
  for (int year = 1978; year <= 2100; ++year) {
    EXPECT_EQ(Calendar().IsBankHoliday(FirstMonday(year, 5)), early_may_moved.count(year) == 0)
        << year;
    EXPECT_EQ(Calendar().IsBankHoliday(LastMonday(year, 5)), spring_moved.count(year) == 0) << year;
    EXPECT_TRUE(Calendar().IsBankHoliday(LastMonday(year, 8))) << year;
  }
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(2020, 5, 8)));
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(2022, 6, 2)));
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(2022, 6, 3)));
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(2022, 9, 19)));
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(2023, 5, 8)));
}

TEST(BankHolidaysTest, EveryYearHasTheStandingHolidaysOnWeekdaysOnly) {
  for (int year = 1978; year <= 2400; ++year) {
    const std::vector<CivilDay> days = BankHolidaysInEnglandAndWales(year);
    EXPECT_GE(days.size(), 8u) << year;
    for (CivilDay day : days) EXPECT_FALSE(IsWeekend(day)) << day;
  }
}

// Years nobody has listed yet come from the rules, checked here by hand against a calendar.
TEST(BankHolidaysTest, YearsAfterThePublishedListFollowTheRules) {
  const std::vector<CivilDay> y2031 = {
      CivilDay(2031, 1, 1),  CivilDay(2031, 4, 11), CivilDay(2031, 4, 14),  CivilDay(2031, 5, 5),
      CivilDay(2031, 5, 26), CivilDay(2031, 8, 25), CivilDay(2031, 12, 25), CivilDay(2031, 12, 26)};
  EXPECT_EQ(BankHolidaysInEnglandAndWales(2031), y2031);
  // 2032: Easter on 28 March; Christmas on a Saturday, so the substitutes are Monday 27 and
  // Tuesday 28 December.
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(2032, 3, 26)));
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(2032, 3, 29)));
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(2032, 12, 27)));
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(2032, 12, 28)));
  // 1 January 2033 is a Saturday: Monday 3 January. Christmas 2033 is a Sunday: Boxing Day on
  // Monday 26 and Christmas's substitute on Tuesday 27.
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(2033, 1, 3)));
  EXPECT_FALSE(Calendar().IsBankHoliday(CivilDay(2033, 1, 1)));
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(2033, 12, 26)));
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(2033, 12, 27)));
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(2034, 1, 2)));  // 1 January 2034 a Sunday
  EXPECT_EQ(BankHolidaysInEnglandAndWales(2035).size(), 8u);
}

TEST(BankHolidaysTest, OneOffDaysBeforeThePublishedList) {
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(1981, 7, 29)));
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(1995, 5, 8)));
  EXPECT_FALSE(Calendar().IsBankHoliday(CivilDay(1995, 5, 1)));
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(1999, 12, 31)));
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(2002, 6, 3)));
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(2002, 6, 4)));
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(2011, 4, 29)));
  EXPECT_TRUE(Calendar().IsBankHoliday(CivilDay(2012, 6, 5)));
  EXPECT_EQ(BankHolidaysInEnglandAndWales(2002).size(), 9u);
}

TEST(WorkingDayTest, WeekendsAndOrdinaryDays) {
  EXPECT_FALSE(Calendar().IsWorkingDay(CivilDay(2026, 3, 14)));  // Saturday
  EXPECT_FALSE(Calendar().IsWorkingDay(CivilDay(2026, 3, 15)));  // Sunday
  EXPECT_TRUE(Calendar().IsWorkingDay(CivilDay(2026, 3, 16)));   // Monday
  EXPECT_TRUE(Calendar().IsWorkingDay(CivilDay(2026, 3, 20)));   // Friday
  EXPECT_FALSE(Calendar().IsBankHoliday(CivilDay(2026, 3, 14)));
  EXPECT_TRUE(Calendar().Covers(CivilDay(1978, 1, 1)));
  EXPECT_TRUE(Calendar().Covers(CivilDay(2031, 1, 1)));
  EXPECT_TRUE(Calendar().Covers(CivilDay(9999, 12, 31)));
  EXPECT_FALSE(Calendar().Covers(CivilDay(1977, 12, 31)));
  EXPECT_FALSE(Calendar().Covers(CivilDay(10000, 1, 1)));
  EXPECT_EQ(Calendar().first_year(), 1978);
  EXPECT_EQ(Calendar().last_year(), 9999);
}

TEST(AddWorkingDaysTest, AcrossChristmasAndTheYearBoundary) {
  // Wed 23 Dec 2026 -> Thu 24 (1), [Fri 25 Christmas, weekend, Mon 28 Boxing Day substitute],
  // Tue 29 (2), Wed 30 (3), Thu 31 (4), [Fri 1 Jan 2027, weekend], Mon 4 Jan (5).
  const CivilDay start(2026, 12, 23);
  EXPECT_EQ(*Calendar().AddWorkingDays(start, 1), CivilDay(2026, 12, 24));
  EXPECT_EQ(*Calendar().AddWorkingDays(start, 2), CivilDay(2026, 12, 29));
  EXPECT_EQ(*Calendar().AddWorkingDays(start, 3), CivilDay(2026, 12, 30));
  EXPECT_EQ(*Calendar().AddWorkingDays(start, 4), CivilDay(2026, 12, 31));
  EXPECT_EQ(*Calendar().AddWorkingDays(start, 5), CivilDay(2027, 1, 4));
}

TEST(AddWorkingDaysTest, AcrossEaster) {
  // Thu 2 Apr 2026 -> [Good Friday 3, weekend, Easter Monday 6] -> Tue 7 Apr.
  EXPECT_EQ(*Calendar().AddWorkingDays(CivilDay(2026, 4, 2), 1), CivilDay(2026, 4, 7));
  // Mon 30 Mar: Tue 31, Wed 1, Thu 2, Tue 7, Wed 8.
  EXPECT_EQ(*Calendar().AddWorkingDays(CivilDay(2026, 3, 30), 5), CivilDay(2026, 4, 8));
}

TEST(AddWorkingDaysTest, ZeroNegativeAndNonWorkingStart) {
  EXPECT_EQ(*Calendar().AddWorkingDays(CivilDay(2026, 3, 14), 0), CivilDay(2026, 3, 14));
  EXPECT_EQ(*Calendar().AddWorkingDays(CivilDay(2026, 3, 14), 1), CivilDay(2026, 3, 16));
  EXPECT_EQ(*Calendar().AddWorkingDays(CivilDay(2026, 12, 25), 1), CivilDay(2026, 12, 29));
  EXPECT_THAT(Calendar().AddWorkingDays(CivilDay(2026, 3, 16), -1),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(AddWorkingDaysTest, PastThePublishedYears) {
  // Tue 23 Dec 2031 -> Wed 24 (1), [Thu 25, Fri 26, weekend], Mon 29 (2), Tue 30 (3), Wed 31 (4),
  // [Thu 1 Jan 2032], Fri 2 Jan (5).
  EXPECT_EQ(*Calendar().AddWorkingDays(CivilDay(2031, 12, 23), 5), CivilDay(2032, 1, 2));
  // 500 working days from 2033 end in 2035, and back again.
  const CivilDay end = *Calendar().AddWorkingDays(CivilDay(2033, 6, 1), 500);
  EXPECT_EQ(end.year(), 2035);
  EXPECT_EQ(*Calendar().WorkingDaysBetween(CivilDay(2033, 6, 1), end), 500);
}

TEST(AddWorkingDaysTest, OutOfRange) {
  EXPECT_THAT(Calendar().AddWorkingDays(CivilDay(9999, 12, 20), 10),
              StatusIs(absl::StatusCode::kOutOfRange));
  EXPECT_THAT(Calendar().AddWorkingDays(CivilDay(9999, 12, 30), 0), IsOk());
  EXPECT_THAT(Calendar().AddWorkingDays(CivilDay(9999, 12, 30), 1), IsOk());  // Fri 31 Dec
  EXPECT_THAT(Calendar().AddWorkingDays(CivilDay(9999, 12, 31), 1),
              StatusIs(absl::StatusCode::kOutOfRange));
  EXPECT_THAT(Calendar().AddWorkingDays(CivilDay(1977, 6, 3), 20),
              StatusIs(absl::StatusCode::kOutOfRange));
  EXPECT_THAT(Calendar().AddWorkingDays(CivilDay(1977, 12, 31), 0),
              StatusIs(absl::StatusCode::kOutOfRange));
  // From the last day before the calendar only days inside it are counted: 1 January 1978 was a
  // Sunday, Monday 2 January its substitute holiday.
  EXPECT_EQ(*Calendar().AddWorkingDays(CivilDay(1977, 12, 31), 1), CivilDay(1978, 1, 3));
}

TEST(WorkingDaysBetweenTest, CountsAndEdges) {
  EXPECT_EQ(*Calendar().WorkingDaysBetween(CivilDay(2026, 12, 23), CivilDay(2027, 1, 4)), 5);
  EXPECT_EQ(*Calendar().WorkingDaysBetween(CivilDay(2026, 3, 16), CivilDay(2026, 3, 16)), 0);
  EXPECT_EQ(*Calendar().WorkingDaysBetween(CivilDay(2026, 3, 20), CivilDay(2026, 3, 16)), 0);
  EXPECT_EQ(*Calendar().WorkingDaysBetween(CivilDay(2026, 3, 13), CivilDay(2026, 3, 15)), 0);
  // 2025: 365 days, 261 weekdays, 8 bank holidays.
  EXPECT_EQ(*Calendar().WorkingDaysBetween(CivilDay(2024, 12, 31), CivilDay(2025, 12, 31)), 253);
  EXPECT_EQ(*Calendar().WorkingDaysBetween(CivilDay(2030, 12, 1), CivilDay(2031, 1, 5)), 22);
  EXPECT_THAT(Calendar().WorkingDaysBetween(CivilDay(9999, 12, 1), CivilDay(10000, 1, 5)),
              StatusIs(absl::StatusCode::kOutOfRange));
  EXPECT_THAT(Calendar().WorkingDaysBetween(CivilDay(1977, 1, 1), CivilDay(1978, 1, 5)),
              StatusIs(absl::StatusCode::kOutOfRange));
}

TEST(WorkingDaysBetweenTest, IsTheInverseOfAddWorkingDays) {
  const std::vector<ClockStop> stops = {{CivilDay(2024, 12, 20), CivilDay(2025, 1, 10)},
                                        {CivilDay(2026, 4, 1), CivilDay(2026, 4, 1)}};
  for (CivilDay start = CivilDay(2024, 12, 1); start < CivilDay(2026, 6, 1); start += 11) {
    for (int n : {0, 1, 2, 5, 10, 20, 65, 250}) {
      for (const auto& s : {std::vector<ClockStop>{}, stops}) {
        absl::StatusOr<CivilDay> end = Calendar().AddWorkingDays(start, n, s);
        ASSERT_THAT(end, IsOk());
        EXPECT_EQ(*Calendar().WorkingDaysBetween(start, *end, s), n) << start << " + " << n;
        if (n > 0) {
          EXPECT_TRUE(Calendar().IsWorkingDay(*end)) << *end;
          EXPECT_EQ(*Calendar().WorkingDaysBetween(start, *end - 1, s), n - 1);
        }
      }
    }
  }
}

// Mon 2 Mar 2026 + 10 working days = Mon 16 Mar (no holidays in between).
const CivilDay kStart(2026, 3, 2);
const CivilDay kDeadline(2026, 3, 16);

TEST(ClockStopTest, NoStopsGivesThePlainDeadline) {
  EXPECT_EQ(*Calendar().AddWorkingDays(kStart, 10), kDeadline);
  EXPECT_EQ(*Calendar().AddWorkingDays(kStart, 10, {}), kDeadline);
}

TEST(ClockStopTest, StopOverAWeekendChangesNothing) {
  EXPECT_EQ(*Calendar().AddWorkingDays(kStart, 10, {{CivilDay(2026, 3, 7), CivilDay(2026, 3, 8)}}),
            kDeadline);
}

TEST(ClockStopTest, StopOfFiveWorkingDaysMovesTheDeadlineByAWeek) {
  const std::vector<ClockStop> stops = {{CivilDay(2026, 3, 9), CivilDay(2026, 3, 13)}};
  EXPECT_EQ(*Calendar().AddWorkingDays(kStart, 10, stops), kDeadline + 7);
  EXPECT_EQ(*Calendar().WorkingDaysBetween(kStart, kDeadline + 7, stops), 10);
}

TEST(ClockStopTest, OverlappingStopsCountOnce) {
  const std::vector<ClockStop> overlapping = {{CivilDay(2026, 3, 9), CivilDay(2026, 3, 11)},
                                              {CivilDay(2026, 3, 10), CivilDay(2026, 3, 13)}};
  EXPECT_EQ(*Calendar().AddWorkingDays(kStart, 10, overlapping), kDeadline + 7);
  const std::vector<ClockStop> nested = {{CivilDay(2026, 3, 7), CivilDay(2026, 3, 15)},
                                         {CivilDay(2026, 3, 10), CivilDay(2026, 3, 11)}};
  EXPECT_EQ(*Calendar().AddWorkingDays(kStart, 10, nested), kDeadline + 7);
}

TEST(ClockStopTest, StopsOutsideTheSpanAndOnTheStartChangeNothing) {
  EXPECT_EQ(*Calendar().AddWorkingDays(kStart, 10, {{CivilDay(2026, 2, 1), kStart}}), kDeadline);
  EXPECT_EQ(*Calendar().AddWorkingDays(kStart, 10, {{kDeadline + 1, kDeadline + 30}}), kDeadline);
}

TEST(ClockStopTest, StopCoveringTheDeadlinePushesItPastTheStop) {
  // Stopped Fri 13 to Wed 18 Mar: Thu 12 is the 8th working day, Thu 19 the 9th, Fri 20 the 10th.
  const std::vector<ClockStop> stops = {{CivilDay(2026, 3, 13), CivilDay(2026, 3, 18)}};
  EXPECT_EQ(*Calendar().AddWorkingDays(kStart, 10, stops), CivilDay(2026, 3, 20));
}

TEST(CustomCalendarTest, UsesItsOwnHolidaysAndYears) {
  WorkingDayCalendar calendar({CivilDay(2026, 3, 17), CivilDay(2026, 3, 17)}, 2026, 2026);
  EXPECT_TRUE(calendar.IsBankHoliday(CivilDay(2026, 3, 17)));
  EXPECT_FALSE(calendar.IsBankHoliday(CivilDay(2026, 12, 25)));
  EXPECT_EQ(*calendar.AddWorkingDays(CivilDay(2026, 3, 16), 1), CivilDay(2026, 3, 18));
  EXPECT_THAT(calendar.AddWorkingDays(CivilDay(2026, 12, 31), 1),
              StatusIs(absl::StatusCode::kOutOfRange));
}

}  // namespace
}  // namespace redress
