// The bank holidays of England and Wales for any year from 1978: the standing rules of the Banking
// and Financial Dealings Act 1971 and the Royal Proclamations made under it, computed, with the
// one-off days proclaimed for particular years (a coronation, a jubilee, a state funeral) kept as
// data that takes precedence over the rules.
#pragma once

#include <vector>

#include "absl/time/civil_time.h"

namespace redress {

// The first year the rules describe: the early May bank holiday was first held in 1978, so the
// set of standing holidays has been the same since then. Earlier years had other holidays
// (Whit Monday) and are not modelled.
inline constexpr int kEnglandAndWalesFirstYear = 1978;

// Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian algorithm, as
// published by Meeus). REQUIRES: year >= 1583.
absl::CivilDay EasterSunday(int year);

// Whether `day` is a bank holiday in England and Wales. A day the one-off table names is decided
// by the table (a holiday added, or a standing holiday moved away); any other day by the standing
// rules: New Year's Day, Good Friday, Easter Monday, the first and last Mondays in May, the last
// Monday in August, Christmas Day and Boxing Day, with substitute weekdays when 1 January, 25 or
// 26 December falls at a weekend. REQUIRES: day.year() >= kEnglandAndWalesFirstYear. No
// allocation; thread-safe.
bool IsBankHolidayInEnglandAndWales(absl::CivilDay day);

// The bank holidays of `year`, in date order. REQUIRES: year >= kEnglandAndWalesFirstYear.
std::vector<absl::CivilDay> BankHolidaysInEnglandAndWales(int year);

}  // namespace redress
