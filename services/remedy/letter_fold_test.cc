// The letter folding table: each block it covers, ligatures, and what it leaves alone.
#include "services/remedy/letter_fold.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace redress::remedy {
namespace {

// The fold of `unit` as a UTF-32 string.
std::u32string Fold(char32_t unit) {
  const FoldedUnit folded = FoldForMatch(unit);
  return std::u32string(folded.units, folded.count);
}

TEST(LetterFoldTest, AsciiLettersToLowerCaseOthersUnchanged) {
  EXPECT_EQ(Fold(U'A'), U"a");
  EXPECT_EQ(Fold(U'Z'), U"z");
  EXPECT_EQ(Fold(U'q'), U"q");
  EXPECT_EQ(Fold(U'7'), U"7");
  EXPECT_EQ(Fold(U'\''), U"'");
}

TEST(LetterFoldTest, Latin1LettersToTheirBaseLetter) {
  EXPECT_EQ(Fold(U'É'), U"e");
  EXPECT_EQ(Fold(U'ñ'), U"n");
  EXPECT_EQ(Fold(U'Ø'), U"o");
  EXPECT_EQ(Fold(U'ÿ'), U"y");
  EXPECT_EQ(Fold(U'Ð'), U"d");
  // Not letters: the multiplication and division signs, and punctuation below U+00C0.
  EXPECT_EQ(Fold(U'×'), U"×");
  EXPECT_EQ(Fold(U'÷'), U"÷");
  EXPECT_EQ(Fold(U'£'), U"£");
}

TEST(LetterFoldTest, LatinExtendedAAndB) {
  EXPECT_EQ(Fold(U'Ł'), U"l");
  EXPECT_EQ(Fold(U'ı'), U"i");
  EXPECT_EQ(Fold(U'Ŋ'), U"n");
  EXPECT_EQ(Fold(U'ſ'), U"s");
  EXPECT_EQ(Fold(U'Ơ'), U"o");  // Vietnamese O with horn
  EXPECT_EQ(Fold(U'ư'), U"u");
  EXPECT_EQ(Fold(U'Ș'), U"s");
  EXPECT_EQ(Fold(U'ț'), U"t");
  EXPECT_EQ(Fold(U'ƒ'), U"f");
  EXPECT_EQ(Fold(U'Ǎ'), U"a");
  EXPECT_EQ(Fold(U'Ɇ'), U"e");
  // Letters with no Latin base letter compare as themselves.
  EXPECT_EQ(Fold(U'ə'), U"ə");
  EXPECT_EQ(Fold(U'Ʒ'), U"Ʒ");
}

TEST(LetterFoldTest, LatinExtendedAdditionalVietnameseAndWelsh) {
  for (char32_t e : {U'ễ', U'Ễ', U'ệ', U'ế', U'ề', U'ể', U'ẹ', U'ẽ'}) {
    EXPECT_EQ(Fold(e), U"e") << static_cast<uint32_t>(e);
  }
  EXPECT_EQ(Fold(U'ạ'), U"a");
  EXPECT_EQ(Fold(U'Ậ'), U"a");
  EXPECT_EQ(Fold(U'ỗ'), U"o");
  EXPECT_EQ(Fold(U'ờ'), U"o");
  EXPECT_EQ(Fold(U'ự'), U"u");
  EXPECT_EQ(Fold(U'ỹ'), U"y");
  EXPECT_EQ(Fold(U'Ẁ'), U"w");  // Welsh
  EXPECT_EQ(Fold(U'ŵ'), U"w");
  EXPECT_EQ(Fold(U'ḍ'), U"d");
}

TEST(LetterFoldTest, LigaturesAndDigraphsToTwoLetters) {
  EXPECT_EQ(Fold(U'Æ'), U"ae");
  EXPECT_EQ(Fold(U'ǽ'), U"ae");
  EXPECT_EQ(Fold(U'œ'), U"oe");
  EXPECT_EQ(Fold(U'ß'), U"ss");
  EXPECT_EQ(Fold(U'ẞ'), U"ss");
  EXPECT_EQ(Fold(U'Þ'), U"th");
  EXPECT_EQ(Fold(U'Ĳ'), U"ij");
  EXPECT_EQ(Fold(U'Ǆ'), U"dz");
  EXPECT_EQ(Fold(U'ǈ'), U"lj");
  EXPECT_EQ(Fold(U'ǌ'), U"nj");
}

TEST(LetterFoldTest, FullwidthGreekAndCyrillicCapitals) {
  EXPECT_EQ(Fold(U'Ａ'), U"a");
  EXPECT_EQ(Fold(U'ｚ'), U"z");
  EXPECT_EQ(Fold(U'Σ'), U"σ");
  EXPECT_EQ(Fold(U'σ'), U"σ");
  EXPECT_EQ(Fold(U'Ж'), U"ж");
  EXPECT_EQ(Fold(U'Ё'), U"ё");
  EXPECT_EQ(Fold(U'ж'), U"ж");
}

TEST(LetterFoldTest, EveryTableEntryFoldsToALowerCaseLetterOrItself) {
  for (char32_t unit = 0xC0; unit < 0x250; ++unit) {
    const std::u32string folded = Fold(unit);
    const bool itself = folded == std::u32string(1, unit);
    const bool ascii = !folded.empty() && folded.size() <= 2 &&
                       std::all_of(folded.begin(), folded.end(),
                                   [](char32_t c) { return c >= U'a' && c <= U'z'; });
    EXPECT_TRUE(itself || ascii) << std::hex << static_cast<uint32_t>(unit);
  }
}

}  // namespace
}  // namespace redress::remedy
