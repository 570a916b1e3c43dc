#include "services/remedy/line_breaks.h"

#include <algorithm>
#include <climits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/remedy/text_match.h"

namespace redress::remedy {
namespace {

bool IsLineBreak(char32_t unit) {
  return (unit >= 0x0A && unit <= 0x0D) || unit == 0x85 || unit == 0x2028 || unit == 0x2029;
}

}  // namespace

std::vector<LineBreak> FindLineBreaks(const std::vector<NarrativeParagraph>& paragraphs) {
  std::vector<LineBreak> found;
  for (const NarrativeParagraph& paragraph : paragraphs) {
    const std::string& text = paragraph.text;
    for (size_t pos = 0; pos < text.size();) {
      const TextUnit unit = DecodeAt(text, pos);
      if (IsLineBreak(unit.code_point)) {
        found.push_back(
            {paragraph.field, static_cast<int>(std::min<size_t>(pos, INT_MAX)), unit.code_point});
      }
      pos += unit.length;
    }
  }
  return found;
}

std::string Describe(const LineBreak& line_break) {
  return absl::StrCat("offset ", line_break.offset, ": line break ",
                      absl::StrFormat("U+%04X", static_cast<uint32_t>(line_break.code_point)));
}

}  // namespace redress::remedy
