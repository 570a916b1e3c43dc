// Working days for deadlines: weekends and the bank holidays of England and Wales (kept as data,
// 2020-2030), with clock-stop periods that move deadlines.
#pragma once

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

// Immutable, thread-safe.
class WorkingDayCalendar {
 public:
  // A calendar whose bank holidays are `holidays`, valid for dates in [first_year, last_year].
  WorkingDayCalendar(std::vector<absl::CivilDay> holidays, int first_year, int last_year);

  // England and Wales, 2020-2030, from bank_holidays_england_wales.cc.
  static const WorkingDayCalendar& EnglandAndWales();

  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }
  bool Covers(absl::CivilDay day) const;
  bool IsBankHoliday(absl::CivilDay day) const;
  // Not a Saturday, Sunday or bank holiday.
  bool IsWorkingDay(absl::CivilDay day) const;

  // The date `n` (>= 0) working days after `start`: the n-th working day strictly after `start`
  // that is outside every clock stop. n == 0 returns `start`. OUT_OF_RANGE when the result would
  // fall outside the calendar's years; INVALID_ARGUMENT when n < 0.
  absl::StatusOr<absl::CivilDay> AddWorkingDays(absl::CivilDay start, int n,
                                                const std::vector<ClockStop>& stops = {}) const;

  // Number of working days d, outside every clock stop, with from < d <= to. Zero when to <= from.
  // OUT_OF_RANGE when the span leaves the calendar's years.
  absl::StatusOr<int> WorkingDaysBetween(absl::CivilDay from, absl::CivilDay to,
                                         const std::vector<ClockStop>& stops = {}) const;

 private:
  std::vector<absl::CivilDay> holidays_;  // sorted
  int first_year_;
  int last_year_;
};

// Bank holidays of England and Wales, sorted (bank_holidays_england_wales.cc).
const std::vector<absl::CivilDay>& BankHolidaysEnglandAndWales();

}  // namespace redress
