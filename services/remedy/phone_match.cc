#include "services/remedy/phone_match.h"

#include "services/remedy/text_match.h"

namespace redress::remedy {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string Canonical(std::string digits, bool international) {
  if (!international && StartsWith(digits, "00")) {
    digits.erase(0, 2);
    international = true;
  }
  if (international && StartsWith(digits, "44")) {
    digits.replace(0, 2, "0");
    if (StartsWith(digits, "00")) digits.erase(0, 1);  // "+44 (0)20 ..."
  }
  return digits;
}

// A maximal run of ASCII digits: [start, end).
struct DigitGroup {
  size_t start;
  size_t end;
};

std::vector<DigitGroup> DigitGroups(std::string_view text) {
  std::vector<DigitGroup> groups;
  for (size_t pos = 0; pos < text.size();) {
    if (!IsDigit(text[pos])) {
      ++pos;
      continue;
    }
    size_t end = pos;
    while (end < text.size() && IsDigit(text[end])) ++end;
    groups.push_back({pos, end});
    pos = end;
  }
  return groups;
}

bool IsDash(char32_t unit) {
  return unit == U'-' || (unit >= 0x2010 && unit <= 0x2013) || unit == 0x2212;
}

// Whether the text between two digit groups keeps them in one number: any run of spaces and
// ignorable units with, among them, at most one dash or dot, at most one "(" and at most one
// ")".
bool JoinsGroups(std::string_view gap) {
  int dashes_or_dots = 0, opening = 0, closing = 0;
  for (size_t pos = 0; pos < gap.size();) {
    const TextUnit unit = DecodeAt(gap, pos);
    pos += unit.length;
    const char32_t c = unit.code_point;
    if (IsSpaceUnit(c) || IsIgnorableUnit(c)) continue;
    if (IsDash(c) || c == U'.') {
      ++dashes_or_dots;
    } else if (c == U'(') {
      ++opening;
    } else if (c == U')') {
      ++closing;
    } else {
      return false;
    }
  }
  return dashes_or_dots <= 1 && opening <= 1 && closing <= 1;
}

}  // namespace

std::string CanonicalPhoneDigits(std::string_view phone) {
  std::string digits;
  bool plus = false;
  bool seen_any = false;
  for (char c : phone) {
    if (!seen_any && c == '+') plus = true;
    if (c != ' ') seen_any = true;
    if (IsDigit(c)) digits.push_back(c);
  }
  return Canonical(std::move(digits), plus);
}

std::vector<size_t> FindPhoneNumber(std::string_view text, std::string_view phone) {
  std::vector<size_t> offsets;
  const std::string target = CanonicalPhoneDigits(phone);
  if (target.size() < 7) return offsets;
  const size_t longest_written = target.size() + 4;  // "0044" for "0", "(0)"

  const std::vector<DigitGroup> groups = DigitGroups(text);
  for (size_t first = 0; first < groups.size(); ++first) {
    size_t offset = groups[first].start;
    if (offset > 0 && text[offset - 1] == '(') --offset;
    const bool plus = offset > 0 && text[offset - 1] == '+';
    if (plus) --offset;

    std::string digits;
    for (size_t last = first; last < groups.size(); ++last) {
      const DigitGroup& group = groups[last];
      digits.append(text.substr(group.start, group.end - group.start));
      if (digits.size() > longest_written) break;
      if (Canonical(digits, plus) == target) {
        offsets.push_back(offset);
        first = last;  // a later group of the same written number is not another hit
        break;
      }
      if (last + 1 == groups.size() ||
          !JoinsGroups(text.substr(group.end, groups[last + 1].start - group.end))) {
        break;
      }
    }
  }
  return offsets;
}

}  // namespace redress::remedy
