#include "services/remedy/text_match.h"

#include <optional>

namespace redress::remedy {
namespace {

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

TextUnit Invalid(unsigned char byte) { return {kInvalidUnitBase + byte, 1}; }

bool InRange(char32_t unit, char32_t first, char32_t last) { return unit >= first && unit <= last; }

// A phrase or text as compared: each element is a space, an apostrophe, a hyphen or one folded
// unit, with the bytes of the unit it comes from ([start, end), combining marks after the unit
// included). A unit folding to two units ("æ" -> "ae") gives two elements with the same bytes,
// the second not `first`. Ignorable units give none.
enum class ElementKind { kSpace, kApostrophe, kHyphen, kUnit };
struct Element {
  ElementKind kind;
  char32_t folded = 0;
  size_t start = 0;
  size_t end = 0;
  bool first = true;
};

std::vector<Element> ElementsOf(std::string_view text) {
  std::vector<Element> elements;
  for (size_t pos = 0; pos < text.size();) {
    const TextUnit unit = DecodeAt(text, pos);
    const size_t start = pos;
    pos += unit.length;
    const char32_t c = unit.code_point;
    if (IsIgnorableUnit(c)) continue;
    if (IsCombiningMark(c)) {
      // Part of the unit before; a mark with nothing before it is dropped.
      for (auto it = elements.rbegin(); it != elements.rend(); ++it) {
        it->end = pos;
        if (it->first) break;
      }
      continue;
    }
    if (IsSpaceUnit(c)) {
      elements.push_back({ElementKind::kSpace, 0, start, pos});
    } else if (IsApostrophe(c)) {
      elements.push_back({ElementKind::kApostrophe, 0, start, pos});
    } else if (IsHyphen(c)) {
      elements.push_back({ElementKind::kHyphen, 0, start, pos});
    } else {
      const FoldedUnit folded = FoldForMatch(c);
      for (size_t i = 0; i < folded.count; ++i) {
        elements.push_back({ElementKind::kUnit, folded.units[i], start, pos, i == 0});
      }
    }
  }
  return elements;
}

bool IsSeparator(const Element& element) {
  return element.kind == ElementKind::kApostrophe || element.kind == ElementKind::kHyphen;
}

bool IsSpace(const Element& element) { return element.kind == ElementKind::kSpace; }

// How MatchAt compares, by PhraseMode.
struct MatchRules {
  bool whole_words = true;
  bool spaces_anywhere = false;      // kWholeWordsIgnoringSpaces
  bool flexible_separators = false;  // kWholeWords, kWholeWordsOrPlural
  bool plural = false;               // kWholeWordsOrPlural
};

MatchRules RulesFor(PhraseMode mode) {
  MatchRules rules;
  rules.whole_words = mode != PhraseMode::kSubstring;
  rules.spaces_anywhere = mode == PhraseMode::kWholeWordsIgnoringSpaces;
  rules.flexible_separators =
      mode == PhraseMode::kWholeWords || mode == PhraseMode::kWholeWordsOrPlural;
  rules.plural = mode == PhraseMode::kWholeWordsOrPlural;
  return rules;
}

// The phrase's elements to look for: spaces collapsed into one (or, with `spaces_anywhere`,
// dropped) and none at either end. With `flexible_separators` a run of spaces, apostrophes and
// hyphens holding at least one apostrophe or hyphen becomes one separator (MatchAt matches it
// however the text separates), and separators at either end are dropped.
std::vector<Element> Compile(std::string_view phrase, const MatchRules& rules) {
  std::vector<Element> pattern;
  for (const Element& element : ElementsOf(phrase)) {
    const bool after_separator = !pattern.empty() && IsSeparator(pattern.back());
    if (IsSpace(element)) {
      if (rules.spaces_anywhere || pattern.empty() || IsSpace(pattern.back())) continue;
      if (rules.flexible_separators && after_separator) continue;
      pattern.push_back(element);
    } else if (rules.flexible_separators && IsSeparator(element)) {
      if (pattern.empty() || after_separator) continue;
      if (IsSpace(pattern.back())) pattern.pop_back();
      pattern.push_back(element);
    } else {
      pattern.push_back(element);
    }
  }
  while (!pattern.empty() &&
         (IsSpace(pattern.back()) || (rules.flexible_separators && IsSeparator(pattern.back())))) {
    pattern.pop_back();
  }
  return pattern;
}

size_t SkipSpaces(const std::vector<Element>& text, size_t i) {
  while (i < text.size() && IsSpace(text[i])) ++i;
  return i;
}

bool IsUnit(const std::vector<Element>& text, size_t i) {
  return i < text.size() && text[i].kind == ElementKind::kUnit;
}

// The index just past a match of `pattern` starting at element `i` of `text`, if there is one.
std::optional<size_t> MatchAt(const std::vector<Element>& text, size_t i,
                              const std::vector<Element>& pattern, const MatchRules& rules) {
  for (size_t p = 0; p < pattern.size(); ++p) {
    if (rules.spaces_anywhere && p > 0) i = SkipSpaces(text, i);
    const Element& expected = pattern[p];
    if (rules.flexible_separators && IsSeparator(expected)) {
      // Any run of spaces, apostrophes and hyphens, or none.
      while (i < text.size() && (IsSpace(text[i]) || IsSeparator(text[i]))) ++i;
      continue;
    }
    if (IsSpace(expected)) {
      const size_t after = SkipSpaces(text, i);
      if (after == i) return std::nullopt;
      i = after;
      continue;
    }
    if (rules.flexible_separators && p > 0 && pattern[p - 1].kind == ElementKind::kUnit &&
        i < text.size() && IsSeparator(text[i]) && IsUnit(text, i + 1)) {
      ++i;  // one apostrophe or hyphen inside a word of the text, where the phrase has none
    }
    if (i >= text.size() || text[i].kind != expected.kind) return std::nullopt;
    if (expected.kind == ElementKind::kUnit && text[i].folded != expected.folded) {
      return std::nullopt;
    }
    ++i;
  }
  return i;
}

bool IsFolded(const std::vector<Element>& text, size_t i, char32_t folded) {
  return IsUnit(text, i) && text[i].folded == folded;
}

// The end in bytes of a match whose elements end just before element `past`, if it ends there:
// on a whole unit (not half of an "æ") and, for whole words, at a word boundary.
std::optional<size_t> MatchEnd(std::string_view text_bytes, const std::vector<Element>& text,
                               size_t past, const MatchRules& rules) {
  if (past < text.size() && !text[past].first) return std::nullopt;
  const size_t end = text[past - 1].end;
  if (rules.whole_words && !AtWordEnd(text_bytes, end)) return std::nullopt;
  return end;
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

bool IsApostrophe(char32_t unit) {
  return unit == U'\'' || unit == U'`' || unit == 0xB4 || unit == 0x2018 || unit == 0x2019 ||
         unit == 0x201B || unit == 0x2032 || unit == 0x02BC || unit == 0xFF07;
}

bool IsHyphen(char32_t unit) {
  return unit == U'-' || InRange(unit, 0x2010, 0x2015) || unit == 0x2212 || unit == 0xFE58 ||
         unit == 0xFE63 || unit == 0xFF0D;
}

bool IsWordUnit(char32_t unit) {
  if (unit < 0x80) {
    return (unit >= U'a' && unit <= U'z') || (unit >= U'A' && unit <= U'Z') ||
           (unit >= U'0' && unit <= U'9');
  }
  if (unit >= kInvalidUnitBase) return true;  // an invalid byte: assume part of a word
  if (IsIgnorableUnit(unit) || IsApostrophe(unit) || IsHyphen(unit)) return false;
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

bool IsIgnorableUnit(char32_t unit) {
  return unit == 0xAD || unit == 0x61C || InRange(unit, 0x180B, 0x180F) ||
         InRange(unit, 0x200B, 0x200F) || InRange(unit, 0x202A, 0x202E) ||
         InRange(unit, 0x2060, 0x2064) || InRange(unit, 0x2066, 0x2069) ||
         InRange(unit, 0xFE00, 0xFE0F) || unit == 0xFEFF || InRange(unit, 0xE0000, 0xE0FFF);
}

bool IsCombiningMark(char32_t unit) {
  return InRange(unit, 0x300, 0x36F) || InRange(unit, 0x1AB0, 0x1AFF) ||
         InRange(unit, 0x1DC0, 0x1DFF) || InRange(unit, 0x20D0, 0x20FF) ||
         InRange(unit, 0xFE20, 0xFE2F);
}

bool AtWordStart(std::string_view text, size_t pos) {
  TextUnit before = DecodeBefore(text, pos);
  return before.length == 0 || !IsWordUnit(before.code_point);
}

bool AtWordEnd(std::string_view text, size_t end) {
  TextUnit after = DecodeAt(text, end);
  return after.length == 0 || !IsWordUnit(after.code_point);
}

std::vector<TextSpan> FindPhrase(std::string_view text, std::string_view phrase, PhraseMode mode) {
  const MatchRules rules = RulesFor(mode);
  const std::vector<Element> pattern = Compile(phrase, rules);
  std::vector<TextSpan> spans;
  if (pattern.empty()) return spans;
  const std::vector<Element> elements = ElementsOf(text);
  for (size_t i = 0; i < elements.size(); ++i) {
    const Element& first = elements[i];
    if (!first.first) continue;
    if (rules.whole_words && !AtWordStart(text, first.start)) continue;
    const std::optional<size_t> past = MatchAt(elements, i, pattern, rules);
    if (!past) continue;
    std::optional<size_t> end = MatchEnd(text, elements, *past, rules);
    if (!end && rules.plural) {
      // "Wrenfields", "Joneses": the name with a plural ending.
      if (IsFolded(elements, *past, U's')) {
        end = MatchEnd(text, elements, *past + 1, rules);
      } else if (IsFolded(elements, *past, U'e') && IsFolded(elements, *past + 1, U's')) {
        end = MatchEnd(text, elements, *past + 2, rules);
      }
    }
    if (end) spans.push_back({first.start, *end});
  }
  return spans;
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
    const bool word_unit = unit.length > 0 && (IsWordUnit(unit.code_point) ||
                                               (in_word && IsIgnorableUnit(unit.code_point)));
    if (word_unit && !in_word) start = pos;
    if (!word_unit && in_word) words.push_back(text.substr(start, pos - start));
    in_word = word_unit;
    if (unit.length == 0) break;
    pos += unit.length;
  }
  return words;
}

}  // namespace redress::remedy
