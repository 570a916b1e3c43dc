// Byte-safe UTF-8 scanning and phrase search for the anonymisation guard: decoding that never
// fails (an invalid byte is a unit of its own), word boundaries, case and accent folding, and a
// phrase matcher that tolerates the ways a caseworker may type the same words (spacing, curly
// apostrophes, non-breaking hyphens, invisible characters, decomposed accents). Offsets are
// byte offsets.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "services/remedy/letter_fold.h"

namespace redress::remedy {

// One decoded unit of text. A byte that does not start a valid UTF-8 sequence (or a truncated
// or overlong one) decodes as `kInvalidUnitBase + byte`, length 1, so that it equals only itself.
struct TextUnit {
  char32_t code_point = 0;
  size_t length = 0;  // 0 only at or past the end of the text
};
inline constexpr char32_t kInvalidUnitBase = 0x110000;

// The unit starting at `pos` (length 0 when pos >= text.size()).
TextUnit DecodeAt(std::string_view text, size_t pos);
// The unit ending just before `pos` (length 0 when pos == 0).
TextUnit DecodeBefore(std::string_view text, size_t pos);

// A word character: an ASCII letter or digit, or any non-ASCII unit (including invalid bytes
// and combining marks) except spaces, apostrophes and hyphens (IsApostrophe, IsHyphen: "ʼ" ends
// a word as "'" does), punctuation, symbols (Latin-1 punctuation, General Punctuation such as
// curly quotes and dashes, currency signs, arrows and mathematical symbols, CJK punctuation)
// and ignorable units.
bool IsWordUnit(char32_t unit);
// Space, tab, line breaks, no-break space (U+00A0), U+2000..U+200A, U+202F, U+205F, U+3000.
bool IsSpaceUnit(char32_t unit);
// An invisible format character that may sit anywhere in a word: soft hyphen U+00AD, Arabic
// letter mark U+061C, Mongolian vowel separator and variation selectors U+180B..U+180F,
// zero-width space, non-joiner, joiner and direction marks U+200B..U+200F, bidirectional
// embeddings and isolates U+202A..U+202E and U+2066..U+2069, word joiner and invisible
// operators U+2060..U+2064, variation selectors U+FE00..U+FE0F, byte order mark / zero-width
// no-break space U+FEFF, tags and supplementary variation selectors U+E0000..U+E0FFF.
bool IsIgnorableUnit(char32_t unit);
// A combining mark that decorates the unit before it: U+0300..U+036F (combining diacritical
// marks, as in a decomposed "e" + U+0301), U+1AB0..U+1AFF, U+1DC0..U+1DFF, U+20D0..U+20FF,
// U+FE20..U+FE2F.
bool IsCombiningMark(char32_t unit);

// An apostrophe as a name may be written with: ' ` ´ ‘ ’ ‛ ′ ʼ ＇ (U+0027, U+0060, U+00B4,
// U+2018, U+2019, U+201B, U+2032, U+02BC, U+FF07).
bool IsApostrophe(char32_t unit);
// A hyphen or dash as a name may be written with: - ‐ ‑ ‒ – — ― − ﹘ ﹣ － (U+002D,
// U+2010..U+2015, U+2212, U+FE58, U+FE63, U+FF0D).
bool IsHyphen(char32_t unit);

// True when `pos` is not preceded (resp. `end` not followed) by a word character.
bool AtWordStart(std::string_view text, size_t pos);
bool AtWordEnd(std::string_view text, size_t end);

// How FindPhrase compares. In every mode, in both the text and the phrase, ignorable units
// (IsIgnorableUnit) are skipped and combining marks (IsCombiningMark) belong to the unit before
// them and are otherwise skipped, and units compare as FoldForMatch folds them: "José",
// "Jose\u0301", "JOSE" and "Jo\u00ADse" are all the same word, and so are "Nguyễn" and "Nguyen".
// A match starts and ends on whole units of the text (never on half of an "æ"); its end
// includes the combining marks after it.
enum class PhraseMode {
  // Whole words: a start and end on word boundaries, judged on the units just before and after
  // the match as written (an ignorable unit there is a boundary, so "Wren" is found in
  // "Wren\u00ADfield" as well as "Wrenfield"). A run of spaces in the phrase matches any run of
  // space units. An apostrophe or hyphen inside the phrase (IsApostrophe, IsHyphen) separates
  // its parts however the text separates them: with any apostrophe or hyphen, with spaces, or
  // not at all ("O'Neill" finds "O’Neill", "O Neill" and "ONeill"; "Smith-Jones" finds
  // "Smith–Jones" and "Smith Jones"). The other way round, one apostrophe or hyphen between two
  // letters of the text may stand where the phrase has none ("ONeill" finds "O’Neill",
  // "Wrenfield" finds "Wren-field"): people write a name's separators as they remember them.
  kWholeWords,
  // As kWholeWords, and the last word may also be followed by a plural ending "s" or "es"
  // before the word boundary ("Wrenfield" finds "the Wrenfields" and "Wrenfields’"; "Jones"
  // finds "the Joneses"). The match then includes the ending.
  kWholeWordsOrPlural,
  // As kWholeWords, but spaces are ignored: the phrase's non-space units in order, with any
  // run of spaces allowed between any two of them in the text ("SW1A 1AA" finds "sw1a1aa").
  // Apostrophes and hyphens compare as in kSubstring.
  kWholeWordsIgnoringSpaces,
  // A folded substring anywhere, no boundaries; an apostrophe matches any apostrophe, a hyphen
  // any hyphen, and nothing else.
  kSubstring,
};

// Where a phrase matched: bytes [start, end) of the text.
struct TextSpan {
  size_t start = 0;
  size_t end = 0;
  bool operator==(const TextSpan& o) const { return start == o.start && end == o.end; }
};

// Where in `text` `phrase` matches, ascending by start: `start` is the match's first unit
// (never an ignorable unit or combining mark before it), `end` is just past its last unit and
// the combining marks after it. At most one match per start (the shortest; a plural ending only
// when the name alone does not end a word). A phrase with nothing to compare (empty, all spaces
// or all ignorable) matches nowhere.
std::vector<TextSpan> FindPhrase(std::string_view text, std::string_view phrase, PhraseMode mode);

// Number of units (code points, invalid bytes counting one each) in `text`.
size_t UnitCount(std::string_view text);

// `text` without the non-word units at its start and end ("'Neill," -> "Neill").
std::string_view TrimToWord(std::string_view text);
// The pieces of `text` between runs of space units, each trimmed with TrimToWord, empty ones
// left out ("  de  Souza-Lima " -> "de", "Souza-Lima").
std::vector<std::string_view> SpaceSeparated(std::string_view text);
// The maximal runs of word units in `text` ("O'Neill" -> "O", "Neill"); an ignorable unit
// inside a run does not end it ("Wren\u200Bfield" is one word).
std::vector<std::string_view> WordsOf(std::string_view text);

}  // namespace redress::remedy
