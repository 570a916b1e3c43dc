// Line breaks inside narrative paragraphs (DESIGN §3: "A paragraph holds no line break"). The
// published text is one paragraph per line, so a paragraph holding a line break would publish
// as two lines: not the text the caseworker wrote, and not the paragraphs of the structured
// summary. Investigation refuses them on input; remedy looks again at every render and
// publication, since older records or other writers may hold them.
#pragma once

#include <string>
#include <vector>

#include "services/remedy/case_summary.h"

namespace redress::remedy {

struct LineBreak {
  std::string field;  // the paragraph's field path
  int offset = 0;     // byte offset of the character in the paragraph
  char32_t code_point = 0;
  bool operator==(const LineBreak& o) const {
    return field == o.field && offset == o.offset && code_point == o.code_point;
  }
};

// Every line-break character in `paragraphs`: the mandatory breaks of Unicode's line breaking
// algorithm (UAX #14 classes BK, CR, LF, NL): LF U+000A, VT U+000B, FF U+000C, CR U+000D, NEL
// U+0085, LINE SEPARATOR U+2028 and PARAGRAPH SEPARATOR U+2029; each character once (a CR LF
// pair is two), ordered by paragraph (in the given order) then offset. Invalid UTF-8 is read as
// the guard reads it (text_match.h) and is never a line break.
std::vector<LineBreak> FindLineBreaks(const std::vector<NarrativeParagraph>& paragraphs);

// "offset 12: line break U+2028", for a PreconditionFailure violation (the character is not
// personal data, so it is named).
std::string Describe(const LineBreak& line_break);

}  // namespace redress::remedy
