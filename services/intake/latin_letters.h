// Latin letters folded to their base letter, for the capital letter of an anonymised reference
// ("Ólafsson" gives "O"). Data, not rules: anonymised_reference.h says how the letter is chosen.
#pragma once

namespace redress::intake {

// The base letter of a Latin letter, upper case: 'B' for 'b' and 'B'; 'O' for 'Ó', 'ø', 'Ǫ' and
// 'Ờ'; 'L' for 'Ł'; 'S' for 'ß'; ... for every letter of Unicode's Latin-1 Supplement, Latin
// Extended-A and -B and Latin Extended Additional blocks that has an evident one. 0 for any
// other code point (digits, punctuation, other scripts).
char LatinBaseLetter(char32_t code_point);

}  // namespace redress::intake
