// How letters compare in the anonymisation guard: without case, and Latin letters without their
// diacritics ("Nguyễn" = "Nguyen", "Łukasz" = "Lukasz", "STRAUß" = "Strauss"). A fixed table
// (letter_fold.cc) rather than ICU; the reasons are given there.
#pragma once

#include <cstddef>

namespace redress::remedy {

// What one code point compares as: one or two code points.
struct FoldedUnit {
  char32_t units[2] = {0, 0};
  size_t count = 0;
};

// The folded form of `unit`:
// - ASCII and fullwidth (U+FF21..U+FF5A) letters: lower-case ASCII;
// - the letters of Latin-1 Supplement (U+00C0..U+00FF), Latin Extended-A and -B
//   (U+0100..U+024F) and Latin Extended Additional (U+1E00..U+1EFF, Vietnamese and Welsh among
//   them): their lower-case ASCII base letter ("É" -> "e", "ễ" -> "e", "Ø" -> "o", "Ł" -> "l",
//   "ı" -> "i", "Ơ" -> "o"), ligatures and digraphs two letters ("Æ" -> "ae", "Œ" -> "oe", "ß"
//   and "ẞ" -> "ss", "Þ" -> "th", "Ĳ" -> "ij", "Ǆ" -> "dz", "ǈ" -> "lj", "ǋ" -> "nj"); a
//   letter of those blocks with no base letter (ə, ʒ, ȝ, ...) folds to itself;
// - Greek (U+0391..U+03A9) and Cyrillic (U+0400..U+042F) capitals: their small letter;
// - any other unit: itself.
FoldedUnit FoldForMatch(char32_t unit);

}  // namespace redress::remedy
