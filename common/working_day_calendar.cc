// Working-day arithmetic over weekends, bank holidays and clock stops. Deadlines span weeks to a
// few years, so a day-by-day walk (a binary search per day) is simple and fast enough.

#include "common/working_day_calendar.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/bank_holidays_england_wales.h"

namespace redress {
namespace {

bool InClockStop(absl::CivilDay day, const std::vector<ClockStop>& stops) {
  return std::any_of(stops.begin(), stops.end(), [day](const ClockStop& stop) {
    return stop.first <= day && day <= stop.last;
  });
}

}  // namespace

WorkingDayCalendar::WorkingDayCalendar(BankHolidayRule is_bank_holiday, int first_year,
                                       int last_year)
    : is_bank_holiday_(std::move(is_bank_holiday)),
      first_year_(first_year),
      last_year_(last_year) {}

WorkingDayCalendar::WorkingDayCalendar(std::vector<absl::CivilDay> holidays, int first_year,
                                       int last_year)
    : first_year_(first_year), last_year_(last_year) {
  std::sort(holidays.begin(), holidays.end());
  is_bank_holiday_ = [sorted = std::move(holidays)](absl::CivilDay day) {
    return std::binary_search(sorted.begin(), sorted.end(), day);
  };
}

const WorkingDayCalendar& WorkingDayCalendar::EnglandAndWales() {
  static const WorkingDayCalendar* const calendar = new WorkingDayCalendar(
      BankHolidayRule(IsBankHolidayInEnglandAndWales), kEnglandAndWalesFirstYear, 9999);
  return *calendar;
}

bool WorkingDayCalendar::Covers(absl::CivilDay day) const {
  return day.year() >= first_year_ && day.year() <= last_year_;
}

bool WorkingDayCalendar::IsBankHoliday(absl::CivilDay day) const {
  return Covers(day) && is_bank_holiday_(day);
}

bool WorkingDayCalendar::IsWorkingDay(absl::CivilDay day) const {
  const absl::Weekday weekday = absl::GetWeekday(day);
  return weekday != absl::Weekday::saturday && weekday != absl::Weekday::sunday &&
         !IsBankHoliday(day);
}

absl::StatusOr<absl::CivilDay> WorkingDayCalendar::AddWorkingDays(
    absl::CivilDay start, int n, const std::vector<ClockStop>& stops) const {
  if (n < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot add a negative number of working days (", n, ")"));
  }
  absl::CivilDay day = start;
  for (int counted = 0; counted < n;) {
    ++day;
    if (!Covers(day)) {
      return absl::OutOfRangeError(
          absl::StrCat(n, " working days after ", absl::FormatCivilTime(start),
                       " fall outside the calendar's years ", first_year_, "-", last_year_));
    }
    if (IsWorkingDay(day) && !InClockStop(day, stops)) ++counted;
  }
  if (!Covers(day)) {
    return absl::OutOfRangeError(absl::StrCat(absl::FormatCivilTime(day),
                                              " is outside the calendar's years ", first_year_, "-",
                                              last_year_));
  }
  return day;
}

absl::StatusOr<int> WorkingDayCalendar::WorkingDaysBetween(
    absl::CivilDay from, absl::CivilDay to, const std::vector<ClockStop>& stops) const {
  int count = 0;
  for (absl::CivilDay day = from + 1; day <= to; ++day) {
    if (!Covers(day)) {
      return absl::OutOfRangeError(absl::StrCat(
          "the days from ", absl::FormatCivilTime(from), " to ", absl::FormatCivilTime(to),
          " leave the calendar's years ", first_year_, "-", last_year_));
    }
    if (IsWorkingDay(day) && !InClockStop(day, stops)) ++count;
  }
  return count;
}

}  // namespace redress
