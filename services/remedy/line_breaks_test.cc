// Line breaks in narrative paragraphs: every line-break character, where it is, and what is not
// one.
#include "services/remedy/line_breaks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace redress::remedy {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char kField[] = "narrative.what_happened[1]";

std::vector<LineBreak> In(const std::string& text) { return FindLineBreaks({{kField, text}}); }

TEST(LineBreaksTest, EveryLineBreakCharacter) {
  const std::pair<const char*, char32_t> breaks[] = {
      {"\n", 0x0A},     {"\r", 0x0D},       {"\v", 0x0B},      {"\f", 0x0C},
      {"\u0085", 0x85}, {"\u2028", 0x2028}, {"\u2029", 0x2029}};
  for (const auto& [written, code_point] : breaks) {
    SCOPED_TRACE(static_cast<uint32_t>(code_point));
    EXPECT_THAT(In(std::string("Mr B £5") + written + "then"),
                ElementsAre(LineBreak{kField, 8, code_point}));  // "£" is 2 bytes
  }
}

TEST(LineBreaksTest, ACrLfPairIsTwoCharactersAndEveryParagraphIsChecked) {
  EXPECT_THAT(FindLineBreaks({{"narrative.introduction[0]", "fine"},
                              {kField, "a\r\nb"},
                              {"narrative.what_we_found[0]", "\u2029"}}),
              ElementsAre(LineBreak{kField, 1, 0x0D}, LineBreak{kField, 2, 0x0A},
                          LineBreak{"narrative.what_we_found[0]", 0, 0x2029}));
}

TEST(LineBreaksTest, SpacesTabsAndInvalidBytesAreNotLineBreaks) {
  EXPECT_THAT(In("a\tb\u00A0c\u2007d\u200Be"), IsEmpty());
}

TEST(LineBreaksTest, TruncatedOrInvalidSequencesAreNotLineBreaks) {
  // A lone continuation byte 0x85 and a truncated U+2028 are invalid bytes, never line breaks.
  EXPECT_THAT(In("a\x85 b\xE2\x80"), IsEmpty());
}

TEST(LineBreaksTest, DescribedByOffsetAndCodePointOnly) {
  EXPECT_EQ(Describe(LineBreak{kField, 12, 0x2028}), "offset 12: line break U+2028");
  EXPECT_EQ(Describe(LineBreak{kField, 0, 0x0A}), "offset 0: line break U+000A");
}

}  // namespace
}  // namespace redress::remedy
