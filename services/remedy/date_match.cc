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

  // A month name, full or abbreviated, with an optional "." after an abbreviation.
  std::optional<int> Month() {
    static constexpr std::array<const char*, 12> kNames = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    DateReader saved = *this;
    const std::string word = Word();
    for (int i = 0; i < 12; ++i) {
      const std::string name = kNames[i];
      if (word == name || word == name.substr(0, 3) || (i == 8 && word == "sept")) {
        if (word != name) Char('.');
        return i + 1;
      }
    }
    *this = saved;
    return std::nullopt;
  }

  bool AtEnd() const { return AtWordEnd(text_, pos_); }

 private:
  std::string_view text_;
  size_t pos_;
};

bool Is(const std::optional<int>& value, int64_t expected) {
  return value.has_value() && *value == expected;
}

// "3rd of March, 1980" and its variants.
bool DayMonthYear(DateReader r, absl::CivilDay date) {
  std::optional<int> day = r.Number(1, 2);
  if (!Is(day, date.day())) return false;
  r.Ordinal();
  if (!r.Spaces()) return false;
  DateReader before_of = r;
  if (!(r.Word() == "of" && r.Spaces())) r = before_of;
  if (!Is(r.Month(), date.month())) return false;
  r.Char(',');
  if (!r.Spaces()) return false;
  return Is(r.Number(4, 4), date.year()) && r.AtEnd();
}

// "March 3rd, 1980" and its variants.
bool MonthDayYear(DateReader r, absl::CivilDay date) {
  if (!Is(r.Month(), date.month())) return false;
  if (!r.Spaces()) return false;
  if (!Is(r.Number(1, 2), date.day())) return false;
  r.Ordinal();
  const bool comma = r.Char(',');
  const bool spaces = r.Spaces();
  if (!comma && !spaces) return false;
  return Is(r.Number(4, 4), date.year()) && r.AtEnd();
}

std::optional<char> Separator(DateReader& r) {
  for (char c : {'/', '.', '-'}) {
    if (r.Char(c)) return c;
  }
  return std::nullopt;
}

// "03/03/1980", "3.3.80" and the like.
bool NumericDayFirst(DateReader r, absl::CivilDay date) {
  if (!Is(r.Number(1, 2), date.day())) return false;
  std::optional<char> separator = Separator(r);
  if (!separator) return false;
  if (!Is(r.Number(1, 2), date.month()) || !r.Char(*separator)) return false;
  DateReader two_digits = r;
  if (Is(r.Number(4, 4), date.year()) && r.AtEnd()) return true;
  return *separator != '-' && Is(two_digits.Number(2, 2), date.year() % 100) && two_digits.AtEnd();
}

// "1980-03-03" and the like.
bool NumericYearFirst(DateReader r, absl::CivilDay date) {
  if (!Is(r.Number(4, 4), date.year())) return false;
  std::optional<char> separator = Separator(r);
  if (!separator) return false;
  if (!Is(r.Number(1, 2), date.month()) || !r.Char(*separator)) return false;
  return Is(r.Number(1, 2), date.day()) && r.AtEnd();
}

}  // namespace

std::vector<size_t> FindDate(std::string_view text, absl::CivilDay date) {
  std::vector<size_t> offsets;
  for (size_t pos = 0; pos < text.size(); pos += DecodeAt(text, pos).length) {
    if (!AtWordStart(text, pos)) continue;
    const DateReader reader(text, pos);
    bool found = false;
    if (IsDigit(text[pos])) {
      found = DayMonthYear(reader, date) || NumericDayFirst(reader, date) ||
              NumericYearFirst(reader, date);
    } else if (IsAsciiLetter(text[pos])) {
      found = MonthDayYear(reader, date);
    }
    if (found) offsets.push_back(pos);
  }
  return offsets;
}

}  // namespace redress::remedy
