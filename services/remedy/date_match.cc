#include "services/remedy/date_match.h"

#include <array>
#include <optional>
#include <string>

#include "services/remedy/text_match.h"

namespace redress::remedy {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

// Reads forward through a text; every Read* leaves `pos` unchanged when it fails.
class DateReader {
 public:
  DateReader(std::string_view text, size_t pos) : text_(text), pos_(pos) {}

  size_t pos() const { return pos_; }

  // A maximal run of `min_digits` to `max_digits` ASCII digits.
  std::optional<int> Number(size_t min_digits, size_t max_digits) {
    size_t end = pos_;
    while (end < text_.size() && IsDigit(text_[end])) ++end;
    const size_t count = end - pos_;
    if (count < min_digits || count > max_digits) return std::nullopt;
    int value = 0;
    for (size_t i = pos_; i < end; ++i) value = value * 10 + (text_[i] - '0');
    pos_ = end;
    return value;
  }

  // A whole word of ASCII letters, lower-cased; empty when there is none.
  std::string Word() {
    size_t end = pos_;
    while (end < text_.size() && IsAsciiLetter(text_[end])) ++end;
    if (end == pos_ || !AtWordEnd(text_, end)) return "";
    std::string word = LowerAscii(text_.substr(pos_, end - pos_));
    pos_ = end;
    return word;
  }

  // One or more space units.
  bool Spaces() {
    size_t end = pos_;
    while (end < text_.size()) {
      TextUnit unit = DecodeAt(text_, end);
      if (!IsSpaceUnit(unit.code_point)) break;
      end += unit.length;
    }
    if (end == pos_) return false;
    pos_ = end;
    return true;
  }

  bool Char(char c) {
    if (pos_ >= text_.size() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }

  // "st", "nd", "rd" or "th", as a whole-word suffix of the number just read.
  bool Ordinal() {
    if (pos_ + 2 > text_.size()) return false;
    const std::string suffix = LowerAscii(text_.substr(pos_, 2));
    if (suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return false;
    if (!AtWordEnd(text_, pos_ + 2)) return false;
    pos_ += 2;
    return true;
  }

  // A month name, full or abbreviated, with an optional "." after an abbreviation unless
  // `dot_separates` (in "3.Mar.1980" the dot is the date's separator).
  std::optional<int> Month(bool dot_separates = false) {
    static constexpr std::array<const char*, 12> kNames = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    DateReader saved = *this;
    const std::string word = Word();
    for (int i = 0; i < 12; ++i) {
      const std::string name = kNames[i];
      if (word == name || word == name.substr(0, 3) || (i == 8 && word == "sept")) {
        if (word != name && !dot_separates) Char('.');
        return i + 1;
      }
    }
    *this = saved;
    return std::nullopt;
  }

  // An apostrophe of any kind (IsApostrophe).
  bool Apostrophe() {
    const TextUnit unit = DecodeAt(text_, pos_);
    if (unit.length == 0 || !IsApostrophe(unit.code_point)) return false;
    pos_ += unit.length;
    return true;
  }

  bool AtEnd() const { return AtWordEnd(text_, pos_); }

 private:
  std::string_view text_;
  size_t pos_;
};

bool Is(const std::optional<int>& value, int64_t expected) {
  return value.has_value() && *value == expected;
}

// Where a date form read to: the end of the date, or nothing when the text is not that form.
using DateEnd = std::optional<size_t>;

DateEnd EndIf(bool matched, const DateReader& r) {
  return matched ? DateEnd(r.pos()) : std::nullopt;
}

std::optional<char> Separator(DateReader& r) {
  for (char c : {'/', '.', '-'}) {
    if (r.Char(c)) return c;
  }
  return std::nullopt;
}

// The year after a month name: four digits, or two with an optional apostrophe before them
// ("80", "’80"), ending a word.
DateEnd YearAfterMonth(DateReader r, absl::CivilDay date) {
  DateReader four_digits = r;
  if (Is(four_digits.Number(4, 4), date.year()) && four_digits.AtEnd()) return four_digits.pos();
  r.Apostrophe();
  return EndIf(Is(r.Number(2, 2), date.year() % 100) && r.AtEnd(), r);
}

// "3rd of March, 1980", "3-Mar-80" and their variants.
DateEnd DayMonthYear(DateReader r, absl::CivilDay date) {
  if (!Is(r.Number(1, 2), date.day())) return std::nullopt;
  r.Ordinal();
  DateReader separated = r;
  if (std::optional<char> separator = Separator(separated)) {
    // "3-Mar-1980", "03/Mar/80", "3.March.1980": one separator, used twice.
    if (!Is(separated.Month(*separator == '.'), date.month())) return std::nullopt;
    if (!separated.Char(*separator)) return std::nullopt;
    return YearAfterMonth(separated, date);
  }
  if (!r.Spaces()) return std::nullopt;
  DateReader before_of = r;
  if (!(r.Word() == "of" && r.Spaces())) r = before_of;
  if (!Is(r.Month(), date.month())) return std::nullopt;
  r.Char(',');
  if (!r.Spaces()) return std::nullopt;
  return YearAfterMonth(r, date);
}

// "March 3rd, 1980" and its variants.
DateEnd MonthDayYear(DateReader r, absl::CivilDay date) {
  if (!Is(r.Month(), date.month())) return std::nullopt;
  if (!r.Spaces()) return std::nullopt;
  if (!Is(r.Number(1, 2), date.day())) return std::nullopt;
  r.Ordinal();
  const bool comma = r.Char(',');
  const bool spaces = r.Spaces();
  if (!comma && !spaces) return std::nullopt;
  return YearAfterMonth(r, date);
}

// "03/03/1980", "3.3.80" and the like.
DateEnd NumericDayFirst(DateReader r, absl::CivilDay date) {
  if (!Is(r.Number(1, 2), date.day())) return std::nullopt;
  std::optional<char> separator = Separator(r);
  if (!separator) return std::nullopt;
  if (!Is(r.Number(1, 2), date.month()) || !r.Char(*separator)) return std::nullopt;
  DateReader two_digits = r;
  if (Is(r.Number(4, 4), date.year()) && r.AtEnd()) return r.pos();
  return EndIf(
      *separator != '-' && Is(two_digits.Number(2, 2), date.year() % 100) && two_digits.AtEnd(),
      two_digits);
}

// "1980-03-03" and the like.
DateEnd NumericYearFirst(DateReader r, absl::CivilDay date) {
  if (!Is(r.Number(4, 4), date.year())) return std::nullopt;
  std::optional<char> separator = Separator(r);
  if (!separator) return std::nullopt;
  if (!Is(r.Number(1, 2), date.month()) || !r.Char(*separator)) return std::nullopt;
  return EndIf(Is(r.Number(1, 2), date.day()) && r.AtEnd(), r);
}

// The words after which a month name is a time, not a person: "in May", "since May", "until
// May", "early May", "mid-May", "last May"... Not "to", "from", "by", "of", "before" or
// "after": "a letter from May" and "the end of May" read alike, and a name missed is a leak.
bool IsTimeWord(std::string_view lower) {
  static constexpr std::string_view kTimeWords[] = {
      "in",   "since", "until", "till", "during", "early", "mid",
      "late", "last",  "next",  "this", "each",   "every", "throughout"};
  for (std::string_view word : kTimeWords) {
    if (lower == word) return true;
  }
  return false;
}

// The position before the run of space units and hyphens that ends at `pos`.
size_t SkipBackOver(std::string_view text, size_t pos) {
  while (pos > 0) {
    const TextUnit unit = DecodeBefore(text, pos);
    if (!IsSpaceUnit(unit.code_point) && !IsHyphen(unit.code_point)) break;
    pos -= unit.length;
  }
  return pos;
}

// The word written before `pos` (across spaces and hyphens): the run of ASCII letters and
// digits there, lower-cased, with where it starts; empty when there is none.
struct WordBefore {
  size_t start = 0;
  std::string lower;
};
WordBefore AsciiWordBefore(std::string_view text, size_t pos) {
  const size_t end = SkipBackOver(text, pos);
  size_t start = end;
  while (start > 0 && (IsAsciiLetter(text[start - 1]) || IsDigit(text[start - 1]))) --start;
  if (start == end || !AtWordStart(text, start)) return {end, ""};
  return {start, LowerAscii(text.substr(start, end - start))};
}

// "3", "03", "3rd", "21st": a day of the month as written before a month name.
bool IsDayWord(std::string_view lower) {
  size_t digits = 0;
  while (digits < lower.size() && IsDigit(lower[digits])) ++digits;
  if (digits == 0 || digits > 2) return false;
  const std::string_view suffix = lower.substr(digits);
  return suffix.empty() || suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th";
}

// Whether a day or a year follows the month name ending at `end`: "May 3", "May 3rd", "May
// 2020", "May, 2020", "May ’20".
bool DayOrYearAfter(std::string_view text, size_t end) {
  DateReader r(text, end);
  r.Char(',');
  if (!r.Spaces()) return false;
  DateReader day = r;
  if (day.Number(1, 2).has_value()) {
    day.Ordinal();
    return day.AtEnd();
  }
  DateReader year = r;
  if (year.Number(4, 4).has_value() && year.AtEnd()) return true;
  return r.Apostrophe() && r.Number(2, 2).has_value() && r.AtEnd();
}

}  // namespace

std::vector<TextSpan> FindDate(std::string_view text, absl::CivilDay date) {
  std::vector<TextSpan> spans;
  for (size_t pos = 0; pos < text.size(); pos += DecodeAt(text, pos).length) {
    if (!AtWordStart(text, pos)) continue;
    const DateReader reader(text, pos);
    DateEnd end;
    if (IsDigit(text[pos])) {
      end = DayMonthYear(reader, date);
      if (!end) end = NumericDayFirst(reader, date);
      if (!end) end = NumericYearFirst(reader, date);
    } else if (IsAsciiLetter(text[pos])) {
      end = MonthDayYear(reader, date);
    }
    if (end) spans.push_back({pos, *end});
  }
  return spans;
}

bool IsMonthName(std::string_view word) {
  DateReader reader(word, 0);
  return reader.Month(/*dot_separates=*/true).has_value() && reader.pos() == word.size();
}

bool IsMonthOfADate(std::string_view text, TextSpan month) {
  const TextUnit after = DecodeAt(text, month.end);
  if (after.length > 0 && IsApostrophe(after.code_point)) return false;  // "May’s": a person's
  if (DayOrYearAfter(text, month.end)) return true;
  const WordBefore before = AsciiWordBefore(text, month.start);
  if (IsDayWord(before.lower) || IsTimeWord(before.lower)) return true;  // "3 May", "in May"
  return before.lower == "of" && IsDayWord(AsciiWordBefore(text, before.start).lower);
}

}  // namespace redress::remedy
