// Where a given name that is also an ordinary word ("May", "Will", "Grace") stands as a name in
// a narrative, for the anonymisation guard. The words are data
// (data/ordinary_word_given_names.txt); every other given name is a hit wherever it appears.
#pragma once

#include <string_view>
#include <vector>

#include "services/remedy/text_match.h"

namespace redress::remedy {

// Whether `word` (a given name, or a word of one) is on the list of given names that are also
// ordinary words, compared as FindPhrase compares ("GRACE", "Grâce" and "grace" alike).
bool IsOrdinaryWordGivenName(std::string_view word);

// Whether the occurrence `word` in `text` of a given name on that list stands as the person's
// name, so that the guard reports it. It does when
// - it is next to another part of the person's name: a span of `name_parts` (the hits of the
//   person's family name and other given names in `text`) starts after it, or ends before it,
//   with only spaces between (before it, also a comma: "Wrenfield, May"), whatever the case; or
// - it follows a title (Mr, Mrs, Ms, Miss, Mx, Dr, Prof, Sir, Dame, Lady, Lord, Rev, or
//   `title`, the person's own, with or without a full stop), whatever the case; or
// - it is capitalised (its first letter is not a lower-case ASCII letter) and is not the
//   ordinary word in its place: a month name written as a time (IsMonthOfADate: "in May", "May
//   2020") is the month; any other capitalised occurrence, a sentence's first word included, is
//   taken for the name, since the two cannot be told apart there and a false alarm is cheaper
//   than a leak.
bool StandsAsName(std::string_view text, TextSpan word, const std::vector<TextSpan>& name_parts,
                  std::string_view title);

}  // namespace redress::remedy
