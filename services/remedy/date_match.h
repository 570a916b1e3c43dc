// Finding a recorded date (a date of birth) in narrative text in the ways it is commonly
// written in UK English, and telling a month name written as a time from the same word used as
// a given name ("in May" from "May said"), for the anonymisation guard. Offsets are byte
// offsets.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "services/remedy/text_match.h"

namespace redress::remedy {

// Where in `text` `date` is written, each starting on a word boundary and ending before a
// letter or digit could continue it, in one of these forms (for 3 March 1980):
//   day month year:  "3 March 1980", "03 March 1980", "3rd March 1980", "3rd of March 1980",
//                    "3 Mar 1980", "3 Mar. 1980", "3 March, 1980", "3 March 80",
//                    "3 March ’80", "3-Mar-1980", "03/Mar/80", "3.March.1980"
//   month day year:  "March 3, 1980", "March 3 1980", "March 3rd, 1980", "Mar 3, 1980",
//                    "March 3, ’80"
//   numeric, day first, one separator used twice ("/", "." or "-"), day and month with or
//   without a leading zero, four-digit year or, with "/" or ".", two-digit year:
//                    "03/03/1980", "3/3/1980", "3.3.1980", "3-3-1980", "3/3/80"
//   year first:      "1980-03-03", "1980/3/3", "1980.03.03"
// Month names are English, full or abbreviated to three letters (also "Sept"), any letter
// case; ordinal suffixes are st, nd, rd or th in any case (not checked against the day); words
// are separated by one or more spaces (including no-break spaces); a two-digit year after a
// month name may have any apostrophe before it (IsApostrophe). Month-first numeric dates
// ("03/05/1980" for 5 March), "3-3-80" (as often a range or a score as a date) and dates without
// a day ("March 1980") are not looked for.
std::vector<TextSpan> FindDate(std::string_view text, absl::CivilDay date);

// Whether `word` is an English month name as FindDate reads them ("May", "sept", "DEC").
bool IsMonthName(std::string_view word);

// Whether the month name at `month` in `text` is written as a time rather than as a person's
// name: followed by a day or a year ("May 3", "May 3rd", "May 2020", "May, 2020", "May ’20"),
// preceded by a day ("3 May", "3rd of May") or by a word that puts a month in time ("in",
// "since", "until", "till", "during", "early", "mid", "late", "last", "next", "this", "each",
// "every", "throughout": "in May", "mid-May"). Never when an apostrophe follows it ("May’s
// letter" is a person's). "To", "from", "by", "of", "before" and "after" do not count: "a
// letter from May" reads as a person as often as "from May to June" as a time.
bool IsMonthOfADate(std::string_view text, TextSpan month);

}  // namespace redress::remedy
