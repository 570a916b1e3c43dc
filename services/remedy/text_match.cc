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

// The phrase's elements to look for: spaces collapsed into one (or, without `keep_spaces`,
// dropped) and none at either end.
std::vector<Element> Compile(std::string_view phrase, bool keep_spaces) {
  std::vector<Element> pattern;
  for (const Element& element : ElementsOf(phrase)) {
    if (element.kind == ElementKind::kSpace) {
      if (keep_spaces && !pattern.empty() && pattern.back().kind != ElementKind::kSpace) {
        pattern.push_back(element);
      }
    } else {
      pattern.push_back(element);
    }
  }
  if (!pattern.empty() && pattern.back().kind == ElementKind::kSpace) pattern.pop_back();
  return pattern;
}

size_t SkipSpaces(const std::vector<Element>& text, size_t i) {
  while (i < text.size() && text[i].kind == ElementKind::kSpace) ++i;
  return i;
}

// The index just past a match of `pattern` starting at element `i` of `text`, if there is one.
std::optional<size_t> MatchAt(const std::vector<Element>& text, size_t i,
                              const std::vector<Element>& pattern, bool spaces_anywhere) {
  for (size_t p = 0; p < pattern.size(); ++p) {
    if (spaces_anywhere && p > 0) i = SkipSpaces(text, i);
    const Element& expected = pattern[p];
    if (expected.kind == ElementKind::kSpace) {
      const size_t after = SkipSpaces(text, i);
      if (after == i) return std::nullopt;
      i = after;
      continue;
    }
    if (i >= text.size() || text[i].kind != expected.kind) return std::nullopt;
    if (expected.kind == ElementKind::kUnit && text[i].folded != expected.folded) {
      return std::nullopt;
    }
    ++i;
  }
  return i;
}

// The base letters of U+00C0..U+017F, lower case: '.' for a non-letter, '2' for a letter
// folding to two (FoldForMatch).
constexpr char kLatinBase[] =
    "aaaaaa2ceeeeiiiidnooooo.ouuuuy22"  // U+00C0
    "aaaaaa2ceeeeiiiidnooooo.ouuuuy2y"  // U+00E0
    "aaaaaaccccccccdd"                  // U+0100
    "ddeeeeeeeeeegggg"                  // U+0110
    "gggghhhhiiiiiiii"                  // U+0120
    "ii22jjkkklllllll"                  // U+0130
    "lllnnnnnnnnnoooo"                  // U+0140
    "oo22rrrrrrssssss"                  // U+0150
    "ssttttttuuuuuuuu"                  // U+0160
    "uuuuwwyyyzzzzzzs";                 // U+0170
static_assert(sizeof(kLatinBase) - 1 == 0x180 - 0xC0, "one letter per code point");

FoldedUnit Two(char a, char b) { return {{static_cast<char32_t>(a), static_cast<char32_t>(b)}, 2}; }

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
  if (IsIgnorableUnit(unit)) return false;
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

FoldedUnit FoldForMatch(char32_t unit) {
  if (InRange(unit, U'A', U'Z')) return {{unit + 32}, 1};
  if (InRange(unit, 0x218, 0x21B)) return {{unit < 0x21A ? U's' : U't'}, 1};  // Ș ș Ț ț
  if (!InRange(unit, 0xC0, 0x17F)) return {{unit}, 1};
  switch (kLatinBase[unit - 0xC0]) {
    case '.':
      return {{unit}, 1};
    case '2':
      switch (unit) {
        case 0xC6:
        case 0xE6:
          return Two('a', 'e');
        case 0xDE:
        case 0xFE:
          return Two('t', 'h');
        case 0xDF:
          return Two('s', 's');
        case 0x132:
        case 0x133:
          return Two('i', 'j');
        default:  // Œ œ
          return Two('o', 'e');
      }
    default:
      return {{static_cast<char32_t>(kLatinBase[unit - 0xC0])}, 1};
  }
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
  const std::vector<Element> pattern = Compile(phrase, !spaces_anywhere);
  std::vector<size_t> offsets;
  if (pattern.empty()) return offsets;
  const std::vector<Element> elements = ElementsOf(text);
  for (size_t i = 0; i < elements.size(); ++i) {
    const Element& first = elements[i];
    if (!first.first) continue;
    if (whole_words && !AtWordStart(text, first.start)) continue;
    const std::optional<size_t> past = MatchAt(elements, i, pattern, spaces_anywhere);
    if (!past) continue;
    if (*past < elements.size() && !elements[*past].first) continue;  // half of an "æ"
    if (whole_words && !AtWordEnd(text, elements[*past - 1].end)) continue;
    offsets.push_back(first.start);
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
