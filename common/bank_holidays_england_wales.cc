// The bank holidays of England and Wales, 2020-2030, as data.
//
// Source: the list published by the UK Government (https://www.gov.uk/bank-holidays) for the
// years it covers. The standing rules (Banking and Financial Dealings Act 1971 and the Royal
// Proclamations made under it) are: New Year's Day, Good Friday, Easter Monday, the first and last
// Mondays in May, the last Monday in August, Christmas Day and Boxing Day; when 1 January, 25 or
// 26 December falls on a weekend, the next weekday(s) are the substitute days. One-off changes are
// kept as listed: VE Day 75 (2020-05-08, replacing 2020-05-04), the Platinum Jubilee (spring bank
// holiday moved to 2022-06-02, plus 2022-06-03), the State Funeral of Queen Elizabeth II
// (2022-09-19) and the Coronation of King Charles III (2023-05-08).
//
// 2027-2030 follow the standing rules only; they must be updated here if a holiday is added or
// moved by proclamation, and the table extended (with WorkingDayCalendar::EnglandAndWales's
// years) before 2030 runs out.

#include <algorithm>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/working_day_calendar.h"

namespace redress {
namespace {

struct MonthDay {
  int month = 0;  // 0 marks an unused slot
  int day = 0;
};

struct YearHolidays {
  int year;
  MonthDay days[10];  // at most 10 a year so far (2022)
};

// One row per year of {month, day}, in date order.
// clang-format off
constexpr YearHolidays kBankHolidays[] = {
  // 8 May: VE Day 75 (the early May holiday moved from 4 May).
  {2020, {{1, 1}, {4, 10}, {4, 13}, {5, 8}, {5, 25}, {8, 31}, {12, 25}, {12, 28}}},
  {2021, {{1, 1}, {4, 2}, {4, 5}, {5, 3}, {5, 31}, {8, 30}, {12, 27}, {12, 28}}},
  // 2 Jun: spring holiday moved; 3 Jun: Platinum Jubilee; 19 Sep: State Funeral.
  {2022, {{1, 3}, {4, 15}, {4, 18}, {5, 2}, {6, 2}, {6, 3}, {8, 29}, {9, 19}, {12, 26}, {12, 27}}},
  // 8 May: Coronation of King Charles III.
  {2023, {{1, 2}, {4, 7}, {4, 10}, {5, 1}, {5, 8}, {5, 29}, {8, 28}, {12, 25}, {12, 26}}},
  {2024, {{1, 1}, {3, 29}, {4, 1}, {5, 6}, {5, 27}, {8, 26}, {12, 25}, {12, 26}}},
  {2025, {{1, 1}, {4, 18}, {4, 21}, {5, 5}, {5, 26}, {8, 25}, {12, 25}, {12, 26}}},
  {2026, {{1, 1}, {4, 3}, {4, 6}, {5, 4}, {5, 25}, {8, 31}, {12, 25}, {12, 28}}},
  // 2027-2030: standing rules only (see the top of this file).
  {2027, {{1, 1}, {3, 26}, {3, 29}, {5, 3}, {5, 31}, {8, 30}, {12, 27}, {12, 28}}},
  {2028, {{1, 3}, {4, 14}, {4, 17}, {5, 1}, {5, 29}, {8, 28}, {12, 25}, {12, 26}}},
  {2029, {{1, 1}, {3, 30}, {4, 2}, {5, 7}, {5, 28}, {8, 27}, {12, 25}, {12, 26}}},
  {2030, {{1, 1}, {4, 19}, {4, 22}, {5, 6}, {5, 27}, {8, 26}, {12, 25}, {12, 26}}},
};
// clang-format on

}  // namespace

const std::vector<absl::CivilDay>& BankHolidaysEnglandAndWales() {
  static const std::vector<absl::CivilDay>* const holidays = [] {
    auto* days = new std::vector<absl::CivilDay>;
    for (const YearHolidays& year : kBankHolidays) {
      for (const MonthDay& d : year.days) {
        if (d.month != 0) days->emplace_back(year.year, d.month, d.day);
      }
    }
    std::sort(days->begin(), days->end());
    return days;
  }();
  return *holidays;
}

}  // namespace redress
