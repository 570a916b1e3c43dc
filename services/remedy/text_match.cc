#include "services/remedy/text_match.h"

#include <optional>

namespace redress::remedy {
namespace {

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

TextUnit Invalid(unsigned char byte) { return {kInvalidUnitBase + byte, 1}; }

bool IsApostrophe(char32_t unit) {
  return unit == U'\'' || unit == 0x2018 || unit == 0x2019 || unit == 0x02BC;
}

bool IsHyphen(char32_t unit) { return unit == U'-' || unit == 0x2010 || unit == 0x2011; }

bool InRange(char32_t unit, char32_t first, char32_t last) { return unit >= first && unit <= last; }

// A phrase compiled for matching: each element is a space run, an apostrophe, a hyphen or one
// case-folded unit.
enum class PatternKind { kSpace, kApostrophe, kHyphen, kUnit };
struct PatternUnit {
  PatternKind kind;
  char32_t folded = 0;
};

std::vector<PatternUnit> Compile(std::string_view phrase, bool keep_spaces) {
  std::vector<PatternUnit> pattern;
  for (size_t pos = 0; pos < phrase.size();) {
    TextUnit unit = DecodeAt(phrase, pos);
    pos += unit.length;
    if (IsSpaceUnit(unit.code_point)) {
      if (keep_spaces && !pattern.empty() && pattern.back().kind != PatternKind::kSpace) {
        pattern.push_back({PatternKind::kSpace});
      }
    } else if (IsApostrophe(unit.code_point)) {
      pattern.push_back({PatternKind::kApostrophe});
    } else if (IsHyphen(unit.code_point)) {
      pattern.push_back({PatternKind::kHyphen});
    } else {
      pattern.push_back({PatternKind::kUnit, FoldCase(unit.code_point)});
    }
  }
  if (!pattern.empty() && pattern.back().kind == PatternKind::kSpace) pattern.pop_back();
  return pattern;
}

size_t SkipSpaces(std::string_view text, size_t pos) {
  while (pos < text.size()) {
    TextUnit unit = DecodeAt(text, pos);
    if (!IsSpaceUnit(unit.code_point)) break;
    pos += unit.length;
  }
  return pos;
}

// The end of a match of `pattern` starting at `pos`, if there is one.
std::optional<size_t> MatchAt(std::string_view text, size_t pos,
                              const std::vector<PatternUnit>& pattern, bool spaces_anywhere) {
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (spaces_anywhere && i > 0) pos = SkipSpaces(text, pos);
    const PatternUnit& expected = pattern[i];
    if (expected.kind == PatternKind::kSpace) {
      size_t after = SkipSpaces(text, pos);
      if (after == pos) return std::nullopt;
      pos = after;
      continue;
    }
    TextUnit unit = DecodeAt(text, pos);
    if (unit.length == 0) return std::nullopt;
    bool same = false;
    switch (expected.kind) {
      case PatternKind::kApostrophe:
        same = IsApostrophe(unit.code_point);
        break;
      case PatternKind::kHyphen:
        same = IsHyphen(unit.code_point);
        break;
      case PatternKind::kUnit:
        same = FoldCase(unit.code_point) == expected.folded;
        break;
      case PatternKind::kSpace:
        break;
    }
    if (!same) return std::nullopt;
    pos += unit.length;
  }
  return pos;
}

}  // namespace

TextUnit DecodeAt(std::string_view text, size_t pos) {
  if (pos >= text.size()) return {0, 0};
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {lead, 1};
  size_t length = 0;
  char32_t value = 0;
  unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    value = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    value = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    value = lead & 0x07;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // past U+10FFFF
  } else {
    return Invalid(lead);
  }
  if (pos + length > text.size()) return Invalid(lead);
  if (byte(1) < low || byte(1) > high) return Invalid(lead);
  for (size_t i = 1; i < length; ++i) {
    if (!IsContinuation(byte(i))) return Invalid(lead);
    value = (value << 6) | (byte(i) & 0x3F);
  }
  return {value, length};
}

TextUnit DecodeBefore(std::string_view text, size_t pos) {
  if (pos == 0 || pos > text.size()) return {0, 0};
  for (size_t length = 2; length <= 4 && length <= pos; ++length) {
    TextUnit unit = DecodeAt(text, pos - length);
    if (unit.length == length) return unit;
  }
  TextUnit last = DecodeAt(text, pos - 1);
  return last.length == 1 ? last : Invalid(static_cast<unsigned char>(text[pos - 1]));
}

bool IsWordUnit(char32_t unit) {
  if (unit < 0x80) {
    return (unit >= U'a' && unit <= U'z') || (unit >= U'A' && unit <= U'Z') ||
           (unit >= U'0' && unit <= U'9');
  }
  if (unit >= kInvalidUnitBase) return true;  // an invalid byte: assume part of a word
  const bool punctuation_or_symbol =
      InRange(unit, 0x80, 0xBF) || unit == 0xD7 || unit == 0xF7 || unit == 0x1680 ||
      InRange(unit, 0x2000, 0x206F) || InRange(unit, 0x20A0, 0x20CF) ||
      InRange(unit, 0x2190, 0x2BFF) || InRange(unit, 0x3000, 0x303F) ||
      InRange(unit, 0xFE10, 0xFE1F) || InRange(unit, 0xFE30, 0xFE6F) || unit == 0xFEFF ||
      InRange(unit, 0xFF01, 0xFF0F) || InRange(unit, 0xFF1A, 0xFF20) ||
      InRange(unit, 0xFF3B, 0xFF40) || InRange(unit, 0xFF5B, 0xFF65);
  return !punctuation_or_symbol;
}

bool IsSpaceUnit(char32_t unit) {
  return unit == U' ' || InRange(unit, 0x09, 0x0D) || unit == 0xA0 || unit == 0x1680 ||
         InRange(unit, 0x2000, 0x200A) || unit == 0x2028 || unit == 0x2029 || unit == 0x202F ||
         unit == 0x205F || unit == 0x3000;
}

char32_t FoldCase(char32_t unit) {
  if (InRange(unit, U'A', U'Z')) return unit + 32;
  if (InRange(unit, 0xC0, 0xDE) && unit != 0xD7) return unit + 32;  // À..Þ, not ×
  // Latin Extended-A pairs upper/lower case on alternate code points.
  if (InRange(unit, 0x100, 0x137) && unit != 0x130 && unit != 0x131 && unit % 2 == 0) {
    return unit + 1;
  }
  if (InRange(unit, 0x139, 0x148) && unit % 2 == 1) return unit + 1;
  if (InRange(unit, 0x14A, 0x177) && unit % 2 == 0) return unit + 1;
  if (unit == 0x178) return 0xFF;  // Ÿ
  if (InRange(unit, 0x179, 0x17E) && unit % 2 == 1) return unit + 1;
  return unit;
}

bool AtWordStart(std::string_view text, size_t pos) {
  TextUnit before = DecodeBefore(text, pos);
  return before.length == 0 || !IsWordUnit(before.code_point);
}

bool AtWordEnd(std::string_view text, size_t end) {
  TextUnit after = DecodeAt(text, end);
  return after.length == 0 || !IsWordUnit(after.code_point);
}

std::vector<size_t> FindPhrase(std::string_view text, std::string_view phrase, PhraseMode mode) {
  const bool spaces_anywhere = mode == PhraseMode::kWholeWordsIgnoringSpaces;
  const bool whole_words = mode != PhraseMode::kSubstring;
  const std::vector<PatternUnit> pattern = Compile(phrase, !spaces_anywhere);
  std::vector<size_t> offsets;
  if (pattern.empty()) return offsets;
  for (size_t pos = 0; pos < text.size(); pos += DecodeAt(text, pos).length) {
    if (whole_words && !AtWordStart(text, pos)) continue;
    std::optional<size_t> end = MatchAt(text, pos, pattern, spaces_anywhere);
    if (!end) continue;
    if (whole_words && !AtWordEnd(text, *end)) continue;
    offsets.push_back(pos);
  }
  return offsets;
}

size_t UnitCount(std::string_view text) {
  size_t count = 0;
  for (size_t pos = 0; pos < text.size(); pos += DecodeAt(text, pos).length) ++count;
  return count;
}

std::string_view TrimToWord(std::string_view text) {
  size_t start = 0;
  while (start < text.size()) {
    TextUnit unit = DecodeAt(text, start);
    if (IsWordUnit(unit.code_point)) break;
    start += unit.length;
  }
  size_t end = text.size();
  while (end > start) {
    TextUnit unit = DecodeBefore(text, end);
    if (IsWordUnit(unit.code_point)) break;
    end -= unit.length;
  }
  return text.substr(start, end - start);
}

std::vector<std::string_view> SpaceSeparated(std::string_view text) {
  std::vector<std::string_view> pieces;
  size_t start = 0;
  for (size_t pos = 0; pos <= text.size();) {
    TextUnit unit = DecodeAt(text, pos);
    if (unit.length == 0 || IsSpaceUnit(unit.code_point)) {
      std::string_view piece = TrimToWord(text.substr(start, pos - start));
      if (!piece.empty()) pieces.push_back(piece);
      if (unit.length == 0) break;
      start = pos + unit.length;
    }
    pos += unit.length;
  }
  return pieces;
}

std::vector<std::string_view> WordsOf(std::string_view text) {
  std::vector<std::string_view> words;
  size_t start = 0;
  bool in_word = false;
  for (size_t pos = 0; pos <= text.size();) {
    TextUnit unit = DecodeAt(text, pos);
    const bool word_unit = unit.length > 0 && IsWordUnit(unit.code_point);
    if (word_unit && !in_word) start = pos;
    if (!word_unit && in_word) words.push_back(text.substr(start, pos - start));
    in_word = word_unit;
    if (unit.length == 0) break;
    pos += unit.length;
  }
  return words;
}

}  // namespace redress::remedy
