// Finding a recorded phone number in narrative text, however it is grouped or written
// (national "020 7946 0000" or international "+44 (0)20 7946-0000"), for the anonymisation
// guard. Offsets are byte offsets.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "services/remedy/text_match.h"

namespace redress::remedy {

// The comparable digits of a phone number: its ASCII digits, where an international prefix "+"
// or "00" followed by the UK code 44 becomes the national trunk "0" (and a written trunk
// "(0)" after +44 is dropped). Other international numbers keep their digits without the
// prefix. "+44 (0)20 7946 0000", "0044 20 7946 0000" and "020 7946 0000" all give
// "02079460000".
std::string CanonicalPhoneDigits(std::string_view phone);

// Where in `text` `phone` is written (from its first byte to just past its last digit): a sequence
// of digit groups whose canonical digits equal those of `phone`, in national or international form
// (+44 7700 900123 = 07700 900123), whatever the separators. Between two groups: any run of the
// separators people write inside a phone number — spaces (IsSpaceUnit, so no-break and thin spaces
// too), invisible units (IsIgnorableUnit), hyphens and dashes (IsHyphen, the minus sign among
// them), dots, slashes and brackets — in any number and order ("07700  900123", "07700 - 900123",
// "07700/900123", "07700 -- 900123", "+44 (0)7700.900.123"); any other character, a comma or a
// letter, ends the number ("07700, 900123" is two numbers). The sequence starts and ends with whole
// digit groups (a digit next to it ends the match), and may be part of a longer run of groups. The
// offset is that of its first digit, or of a "+", "(" or "(+" written just before it; the groups of
// a number found do not start another ("+44 (0)7700 ..." is one hit, not two). A phone with fewer
// than 7 canonical digits is never found.
std::vector<TextSpan> FindPhoneNumber(std::string_view text, std::string_view phone);

}  // namespace redress::remedy
