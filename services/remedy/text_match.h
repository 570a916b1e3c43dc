// Byte-safe UTF-8 scanning and phrase search for the anonymisation guard: decoding that never
// fails (an invalid byte is a unit of its own), word boundaries, simple case folding, and a
// phrase matcher that tolerates the ways a caseworker may type the same words (spacing, curly
// apostrophes, non-breaking hyphens). Offsets are byte offsets.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

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

// A word character: an ASCII letter or digit, or any non-ASCII unit (including invalid bytes)
// except spaces, punctuation and symbols (Latin-1 punctuation, General Punctuation such as
// curly quotes and dashes, currency signs, arrows and mathematical symbols, CJK punctuation).
bool IsWordUnit(char32_t unit);
// Space, tab, line breaks, no-break space (U+00A0), U+2000..U+200A, U+202F, U+205F, U+3000.
bool IsSpaceUnit(char32_t unit);
// ASCII and Latin-1 / Latin Extended-A letters to lower case; anything else unchanged.
char32_t FoldCase(char32_t unit);

// True when `pos` is not preceded (resp. `end` not followed) by a word character.
bool AtWordStart(std::string_view text, size_t pos);
bool AtWordEnd(std::string_view text, size_t end);

// How FindPhrase compares.
enum class PhraseMode {
  // Whole words: a start and end on word boundaries. A run of spaces in the phrase matches any
  // run of space units; an apostrophe (' ‘ ’ ʼ) matches any apostrophe; a hyphen (- U+2010
  // U+2011) any hyphen; letters compare case-folded.
  kWholeWords,
  // As kWholeWords, but spaces are ignored: the phrase's non-space units in order, with any
  // run of spaces allowed between any two of them in the text ("SW1A 1AA" finds "sw1a1aa").
  kWholeWordsIgnoringSpaces,
  // A case-folded substring anywhere, no boundaries.
  kSubstring,
};

// Byte offsets in `text` where `phrase` matches, ascending. An empty or all-space phrase
// matches nowhere.
std::vector<size_t> FindPhrase(std::string_view text, std::string_view phrase, PhraseMode mode);

// Number of units (code points, invalid bytes counting one each) in `text`.
size_t UnitCount(std::string_view text);

// `text` without the non-word units at its start and end ("'Neill," -> "Neill").
std::string_view TrimToWord(std::string_view text);
// The pieces of `text` between runs of space units, each trimmed with TrimToWord, empty ones
// left out ("  de  Souza-Lima " -> "de", "Souza-Lima").
std::vector<std::string_view> SpaceSeparated(std::string_view text);
// The maximal runs of word units in `text` ("O'Neill" -> "O", "Neill").
std::vector<std::string_view> WordsOf(std::string_view text);

}  // namespace redress::remedy
