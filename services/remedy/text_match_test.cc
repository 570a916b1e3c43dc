// FindPhrase's rules for how a name or address may be written: separators, plurals, spans, and
// the apostrophes and hyphens that are word boundaries.
#include "services/remedy/text_match.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace redress::remedy {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<size_t> Starts(std::string_view text, std::string_view phrase,
                           PhraseMode mode = PhraseMode::kWholeWords) {
  std::vector<size_t> starts;
  for (const TextSpan& span : FindPhrase(text, phrase, mode)) starts.push_back(span.start);
  return starts;
}

TEST(TextMatchSeparatorTest, ARecordedApostropheMatchesAnySeparatorOrNone) {
  for (const char* written : {"O'Neill", "O’Neill", "O‘Neill", "OʼNeill", "O′Neill", "O`Neill",
                              "O-Neill", "O Neill", "ONeill", "o’neill", "O ’ Neill"}) {
    SCOPED_TRACE(written);
    EXPECT_THAT(Starts(std::string("Mrs ") + written + " wrote", "O'Neill"), ElementsAre(4));
  }
  EXPECT_THAT(Starts("Mrs O'Neil wrote", "O'Neill"), IsEmpty());
  EXPECT_THAT(Starts("Mrs O, Neill wrote", "O'Neill"), IsEmpty());
}

TEST(TextMatchSeparatorTest, ARecordedHyphenMatchesAnyHyphenOrDashOrSpaceOrNone) {
  for (const char* written :
       {"Smith-Jones", "Smith\u2010Jones", "Smith\u2011Jones", "Smith\u2012Jones", "Smith–Jones",
        "Smith—Jones", "Smith\u2212Jones", "Smith Jones", "SmithJones", "Smith – Jones"}) {
    SCOPED_TRACE(written);
    EXPECT_THAT(Starts(std::string("Ms ") + written + ".", "Smith-Jones"), ElementsAre(3));
  }
}

TEST(TextMatchSeparatorTest, OneSeparatorInTheTextWhereTheRecordedNameHasNone) {
  EXPECT_THAT(Starts("Mrs O’Neill wrote", "ONeill"), ElementsAre(4));
  EXPECT_THAT(Starts("Mr Wren-field wrote", "Wrenfield"), ElementsAre(3));
  // Two separators, or a space, are not one word.
  EXPECT_THAT(Starts("Mr Wren--field wrote", "Wrenfield"), IsEmpty());
  EXPECT_THAT(Starts("Mr Wren field wrote", "Wrenfield"), IsEmpty());
}

TEST(TextMatchSeparatorTest, SubstringAndPostcodeModesKeepTheirSeparators) {
  EXPECT_THAT(Starts("jean–paul@example.org", "jean-paul@example.org", PhraseMode::kSubstring),
              ElementsAre(0));  // any hyphen, as before
  EXPECT_THAT(Starts("jeanpaul@example.org", "jean-paul@example.org", PhraseMode::kSubstring),
              IsEmpty());
  EXPECT_THAT(Starts("jean'paul@example.org", "jean-paul@example.org", PhraseMode::kSubstring),
              IsEmpty());
}

TEST(TextMatchBoundaryTest, EveryApostropheAndHyphenEndsAWord) {
  for (const char* after : {"'s", "’s", "ʼs", "＇s", "-", "‑", "—", "－"}) {
    const std::string text = std::string("Mr Brown") + after + " letter";
    SCOPED_TRACE(text);
    EXPECT_THAT(Starts(text, "Brown"), ElementsAre(3));
  }
}

TEST(TextMatchPluralTest, APluralEndingOnlyInPluralMode) {
  constexpr PhraseMode kPlural = PhraseMode::kWholeWordsOrPlural;
  EXPECT_THAT(Starts("the Wrenfields came", "Wrenfield", kPlural), ElementsAre(4));
  EXPECT_THAT(Starts("the Wrenfields’ house", "Wrenfield", kPlural), ElementsAre(4));
  EXPECT_THAT(Starts("the WRENFIELDS", "Wrenfield", kPlural), ElementsAre(4));
  EXPECT_THAT(Starts("the Joneses", "Jones", kPlural), ElementsAre(4));
  EXPECT_THAT(Starts("the Wrenfields came", "Wrenfield"), IsEmpty());
  // Other endings are other words.
  for (const char* text : {"Wrenfielder", "Wrenfieldss", "Jonesey", "Jonesses"}) {
    SCOPED_TRACE(text);
    EXPECT_THAT(Starts(text, "Wrenfield", kPlural), IsEmpty());
    EXPECT_THAT(Starts(text, "Jones", kPlural), IsEmpty());
  }
}

TEST(TextMatchSpanTest, SpansCoverTheMatchAsWritten) {
  const std::string text = "Mr O’Neills’ dog";  // "’" is 3 bytes
  const std::vector<TextSpan> spans = FindPhrase(text, "O'Neill", PhraseMode::kWholeWordsOrPlural);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(text.substr(spans[0].start, spans[0].end - spans[0].start), "O’Neills");
  // A name and its plural start at the same place: the shortest match that ends a word.
  const std::vector<TextSpan> plain = FindPhrase("Ms Jones", "Jones", PhraseMode::kWholeWords);
  EXPECT_THAT(plain, ElementsAre(TextSpan{3, 8}));
  // Combining marks after the last letter belong to the match.
  EXPECT_THAT(FindPhrase("Jose\u0301!", "José", PhraseMode::kWholeWords),
              ElementsAre(TextSpan{0, 6}));
}

TEST(TextMatchFoldTest, VietnameseAndOtherLatinLettersWithoutDiacritics) {
  EXPECT_THAT(Starts("Ông Nguyen và bà NGUYỄN", "Nguyễn"), ElementsAre(5, 20));
  EXPECT_THAT(Starts("Mr Nguyễn", "Nguyen"), ElementsAre(3));
  EXPECT_THAT(Starts("Mr Nguyê\u0303n", "Nguyen"), ElementsAre(3));  // decomposed
  EXPECT_THAT(Starts("Mr Đặng", "Dang"), ElementsAre(3));
}

}  // namespace
}  // namespace redress::remedy
