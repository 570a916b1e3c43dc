// The bank holidays of England and Wales: the standing rules, computed for any year, and the
// one-off changes proclaimed for particular years, as data.
//
// Source: the Banking and Financial Dealings Act 1971 (Schedule 1) with the Royal Proclamations
// that add the early May holiday (since 1978) and fix the late May and August holidays, and the
// list the UK Government publishes (https://www.gov.uk/bank-holidays). The rules reproduce every
// year gov.uk has published once the one-off table below is applied; working_day_calendar_test
// checks 2020-2030 against that list day by day.
//
// A future proclamation (a holiday added or a standing one moved for a particular year) is a row
// in kOneOffs: add it when it is announced, with its reason. Nothing else needs to change for the
// calendar to stay right in years no one has listed yet.

#include "common/bank_holidays_england_wales.h"

#include <algorithm>
#include <iterator>

namespace redress {
namespace {

using absl::CivilDay;
using absl::Weekday;

// One day whose status a proclamation fixed for a particular year: a holiday added (`holiday`
// true), or a standing holiday moved away from it (`holiday` false; its new date is its own row).
struct OneOff {
  int year;
  int month;
  int day;
  bool holiday;
};

// Sorted by date. Each row's comment gives the reason.
// clang-format off
constexpr OneOff kOneOffs[] = {
    {1981, 7, 29, true},   // Wedding of the Prince of Wales and Lady Diana Spencer
    {1995, 5, 1, false},   // early May holiday moved to 8 May for the 50th anniversary of VE Day
    {1995, 5, 8, true},
    {1999, 12, 31, true},  // the Millennium
    {2002, 5, 27, false},  // spring holiday moved to 4 June for the Golden Jubilee
    {2002, 6, 3, true},    // Golden Jubilee
    {2002, 6, 4, true},
    {2011, 4, 29, true},   // Wedding of Prince William and Catherine Middleton
    {2012, 5, 28, false},  // spring holiday moved to 4 June for the Diamond Jubilee
    {2012, 6, 4, true},
    {2012, 6, 5, true},    // Diamond Jubilee
    {2020, 5, 4, false},   // early May holiday moved to 8 May for the 75th anniversary of VE Day
    {2020, 5, 8, true},
    {2022, 5, 30, false},  // spring holiday moved to 2 June for the Platinum Jubilee
    {2022, 6, 2, true},
    {2022, 6, 3, true},    // Platinum Jubilee
    {2022, 9, 19, true},   // State Funeral of Queen Elizabeth II
    {2023, 5, 8, true},    // Coronation of King Charles III
};
// clang-format on

const OneOff* FindOneOff(CivilDay day) {
  auto before = [](const OneOff& o, CivilDay d) { return CivilDay(o.year, o.month, o.day) < d; };
  const OneOff* it = std::lower_bound(std::begin(kOneOffs), std::end(kOneOffs), day, before);
  if (it != std::end(kOneOffs) && CivilDay(it->year, it->month, it->day) == day) return it;
  return nullptr;
}

bool IsWeekend(CivilDay day) {
  const Weekday weekday = absl::GetWeekday(day);
  return weekday == Weekday::saturday || weekday == Weekday::sunday;
}

CivilDay FirstWeekdayOnOrAfter(CivilDay day) {
  while (IsWeekend(day)) ++day;
  return day;
}

CivilDay FirstMondayOf(int year, int month) {
  return absl::NextWeekday(CivilDay(year, month, 1) - 1, Weekday::monday);
}

CivilDay LastMondayOf(int year, int month) {
  return absl::PrevWeekday(CivilDay(year, month + 1, 1), Weekday::monday);
}

// The standing rules alone.
bool IsStandingHoliday(CivilDay day) {
  const int year = static_cast<int>(day.year());
  switch (day.month()) {
    case 1:
      // New Year's Day, or the Monday after it when it falls at a weekend.
      return day.day() <= 3 && day == FirstWeekdayOnOrAfter(CivilDay(year, 1, 1));
    case 3:
    case 4: {
      const CivilDay easter = EasterSunday(year);
      return day == easter - 2 || day == easter + 1;  // Good Friday, Easter Monday
    }
    case 5:
      return day == FirstMondayOf(year, 5) || day == LastMondayOf(year, 5);
    case 8:
      return day == LastMondayOf(year, 8);
    case 12: {
      // Christmas Day and Boxing Day are the first two weekdays from 25 December: at a weekend,
      // the substitute days are the next weekdays (25 on a Saturday gives 27 and 28).
      if (day.day() < 25) return false;
      const CivilDay christmas = FirstWeekdayOnOrAfter(CivilDay(year, 12, 25));
      return day == christmas || day == FirstWeekdayOnOrAfter(christmas + 1);
    }
    default:
      return false;
  }
}

}  // namespace

CivilDay EasterSunday(int year) {
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

bool IsBankHolidayInEnglandAndWales(CivilDay day) {
  if (const OneOff* one_off = FindOneOff(day)) return one_off->holiday;
  return IsStandingHoliday(day);
}

std::vector<CivilDay> BankHolidaysInEnglandAndWales(int year) {
  std::vector<CivilDay> days;
  for (CivilDay day(year, 1, 1); day.year() == year; ++day) {
    if (IsBankHolidayInEnglandAndWales(day)) days.push_back(day);
  }
  return days;
}

}  // namespace redress
