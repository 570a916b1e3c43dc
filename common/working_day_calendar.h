// Working days for deadlines: weekends and the bank holidays of England and Wales (computed by
// their rules for any year from 1978, with one-off proclamations as data), with clock-stop periods
// that move deadlines.
#pragma once

#include <functional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace redress {

// A period during which the clock is stopped (for example, a case on hold waiting for a party).
// Both ends are inclusive. Working days inside a stop do not count towards a deadline.
struct ClockStop {
  absl::CivilDay first;
  absl::CivilDay last;
};

// Whether a day is a bank holiday. Must be thread-safe and cheap: it is asked once per day walked.
using BankHolidayRule = std::function<bool(absl::CivilDay)>;

// Immutable, thread-safe.
class WorkingDayCalendar {
 public:
  // A calendar whose bank holidays are the days `is_bank_holiday` says, valid for dates in
  // [first_year, last_year].
  WorkingDayCalendar(BankHolidayRule is_bank_holiday, int first_year, int last_year);
  // A calendar whose bank holidays are exactly `holidays`, valid for dates in
  // [first_year, last_year].
  WorkingDayCalendar(std::vector<absl::CivilDay> holidays, int first_year, int last_year);

  // England and Wales (bank_holidays_england_wales.h), for the years 1978 to 9999: the rules hold
  // for every year from 1978, and 9999 is the last year a date of the API can have. No service
  // refuses a date because nobody has listed its year's holidays yet.
  static const WorkingDayCalendar& EnglandAndWales();

  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }
  bool Covers(absl::CivilDay day) const;
  bool IsBankHoliday(absl::CivilDay day) const;
  // Not a Saturday, Sunday or bank holiday.
  bool IsWorkingDay(absl::CivilDay day) const;

  // The date `n` (>= 0) working days after `start`: the n-th working day strictly after `start`
  // that is outside every clock stop. n == 0 returns `start`. OUT_OF_RANGE when the result would
  // fall outside the calendar's years (for England and Wales: before 1978 or after 9999);
  // INVALID_ARGUMENT when n < 0.
  absl::StatusOr<absl::CivilDay> AddWorkingDays(absl::CivilDay start, int n,
                                                const std::vector<ClockStop>& stops = {}) const;

  // Number of working days d, outside every clock stop, with from < d <= to. Zero when to <= from.
  // OUT_OF_RANGE when the span leaves the calendar's years.
  absl::StatusOr<int> WorkingDaysBetween(absl::CivilDay from, absl::CivilDay to,
                                         const std::vector<ClockStop>& stops = {}) const;

 private:
  BankHolidayRule is_bank_holiday_;
  int first_year_;
  int last_year_;
};

}  // namespace redress
