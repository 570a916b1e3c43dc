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

// Whether the text between two digit groups keeps them in one number: the separators people
// write inside a phone number, in any number and order — spaces (IsSpaceUnit) and invisible
// units (IsIgnorableUnit), hyphens and dashes (IsHyphen), dots, slashes and brackets — and
// nothing else. A letter or a comma (which separates the items of a list) ends the number.
bool JoinsGroups(std::string_view gap) {
  for (size_t pos = 0; pos < gap.size();) {
    const TextUnit unit = DecodeAt(gap, pos);
    pos += unit.length;
    const char32_t c = unit.code_point;
    if (IsSpaceUnit(c) || IsIgnorableUnit(c) || IsHyphen(c)) continue;
    if (c == U'.' || c == U'/' || c == U'(' || c == U')') continue;
    return false;
  }
  return true;
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

std::vector<TextSpan> FindPhoneNumber(std::string_view text, std::string_view phone) {
  std::vector<TextSpan> spans;
  const std::string target = CanonicalPhoneDigits(phone);
  if (target.size() < 7) return spans;
  const size_t longest_written = target.size() + 4;  // "0044" for "0", "(0)"

  const std::vector<DigitGroup> groups = DigitGroups(text);
  for (size_t first = 0; first < groups.size(); ++first) {
    size_t offset = groups[first].start;
    if (offset > 0 && text[offset - 1] == '(') --offset;
    const bool plus = offset > 0 && text[offset - 1] == '+';
    if (plus) --offset;
    if (plus && offset > 0 && text[offset - 1] == '(') --offset;  // "(+44) 7700 ..."

    std::string digits;
    for (size_t last = first; last < groups.size(); ++last) {
      const DigitGroup& group = groups[last];
      digits.append(text.substr(group.start, group.end - group.start));
      if (digits.size() > longest_written) break;
      if (Canonical(digits, plus) == target) {
        spans.push_back({offset, group.end});
        first = last;  // a later group of the same written number is not another hit
        break;
      }
      if (last + 1 == groups.size() ||
          !JoinsGroups(text.substr(group.end, groups[last + 1].start - group.end))) {
        break;
      }
    }
  }
  return spans;
}

}  // namespace redress::remedy
