// Finding a recorded date (a date of birth) in narrative text in the ways it is commonly
// written in UK English, for the anonymisation guard. Offsets are byte offsets.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"

namespace redress::remedy {

// Byte offsets in `text` where `date` is written, each starting on a word boundary and ending
// before a letter or digit could continue it, in one of these forms (for 3 March 1980):
//   day month year:  "3 March 1980", "03 March 1980", "3rd March 1980", "3rd of March 1980",
//                    "3 Mar 1980", "3 Mar. 1980", "3 March, 1980"
//   month day year:  "March 3, 1980", "March 3 1980", "March 3rd, 1980", "Mar 3, 1980"
//   numeric, day first, one separator used twice ("/", "." or "-"), day and month with or
//   without a leading zero, four-digit year or, with "/" or ".", two-digit year:
//                    "03/03/1980", "3/3/1980", "3.3.1980", "3-3-1980", "3/3/80"
//   year first:      "1980-03-03", "1980/3/3", "1980.03.03"
// Month names are English, full or abbreviated to three letters (also "Sept"), any letter
// case; ordinal suffixes are st, nd, rd or th in any case (not checked against the day); words
// are separated by one or more spaces (including no-break spaces). Month-first numeric dates
// ("03/05/1980" for 5 March) and dates without a day ("March 1980") are not looked for.
std::vector<size_t> FindDate(std::string_view text, absl::CivilDay date);

}  // namespace redress::remedy
