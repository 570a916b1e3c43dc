// The letter folding table of the anonymisation guard.
//
// Why a table and not ICU: the guard needs one thing, "would a reader take these two letters
// for the same letter", for the Latin letters names are written in. ICU (libicu-dev, some 30 MB
// of data) gives NFKD and case folding, but NFKD leaves letters with a stroke or bar undivided
// ("ø", "ł", "đ", "ħ": no decomposition), so a table would be needed on top of it anyway; and
// it would add a run-time dependency to every remedy deployment for a few hundred code points.
// The table below covers the Latin blocks names are written in, one entry per code point, and
// is generated (data/make_letter_fold_table.py, from Python's unicodedata, Unicode 14) so that
// it can be checked and regenerated rather than typed: the NFKD decomposition without combining
// marks where that is ASCII letters, else the base letter the Unicode name gives ("LATIN SMALL
// LETTER O WITH STROKE" -> "o"), else a short list of ligatures and special letters (æ, œ, ß,
// ẞ, þ, ð, ĸ, ŉ, ŋ, ı, ȷ). Combining marks that follow a letter (a decomposed "e" + U+0301) are
// skipped by the matcher (text_match.h), not here.
//
// Entry legend: a lower-case ASCII letter is the fold; '.' means "compares as itself" (not a
// letter, or a letter with no Latin base such as ə or ȝ); an upper-case letter is a two-letter
// fold: A "ae", O "oe", S "ss", T "th", I "ij", D "dz", L "lj", N "nj".
#include "services/remedy/letter_fold.h"

namespace redress::remedy {
namespace {

constexpr char kLatin1Letters[] =
    "aaaaaaAceeeeiiii"   // U+00C0
    "dnooooo.ouuuuyTS"   // U+00D0
    "aaaaaaAceeeeiiii"   // U+00E0
    "dnooooo.ouuuuyTy";  // U+00F0
static_assert(sizeof(kLatin1Letters) - 1 == 0x100 - 0xC0, "one entry per code point");

constexpr char kLatinExtendedAB[] =
    "aaaaaaccccccccdd"   // U+0100
    "ddeeeeeeeeeegggg"   // U+0110
    "gggghhhhiiiiiiii"   // U+0120
    "iiIIjjkkklllllll"   // U+0130
    "lllnnnnnnnnnoooo"   // U+0140
    "ooOOrrrrrrssssss"   // U+0150
    "ssttttttuuuuuuuu"   // U+0160
    "uuuuwwyyyzzzzzzs"   // U+0170
    "bbbb...cc.ddd..."   // U+0180
    ".ffg...ikkl..nno"   // U+0190
    "oo..pp.....ttttu"   // U+01A0
    "u.vyyzz........."   // U+01B0
    "....DDDLLLNNNaai"   // U+01C0
    "ioouuuuuuuuuu.aa"   // U+01D0
    "aaAAggggkkoooo.."   // U+01E0
    "jDDDgg..nnaaAAoo"   // U+01F0
    "aaaaeeeeiiiioooo"   // U+0200
    "rrrruuuusstt..hh"   // U+0210
    "nd..zzaaeeoooooo"   // U+0220
    "ooyylntj..acclts"   // U+0230
    "z..b..eejj.qrryy";  // U+0240
static_assert(sizeof(kLatinExtendedAB) - 1 == 0x250 - 0x100, "one entry per code point");

constexpr char kLatinExtendedAdditional[] =
    "aabbbbbbccdddddd"   // U+1E00
    "ddddeeeeeeeeeeff"   // U+1E10
    "gghhhhhhhhhhiiii"   // U+1E20
    "kkkkkkllllllllmm"   // U+1E30
    "mmmmnnnnnnnnoooo"   // U+1E40
    "oooopppprrrrrrrr"   // U+1E50
    "sssssssssstttttt"   // U+1E60
    "ttuuuuuuuuuuvvvv"   // U+1E70
    "wwwwwwwwwwxxxxyy"   // U+1E80
    "zzzzzzhtwyas..S."   // U+1E90
    "aaaaaaaaaaaaaaaa"   // U+1EA0
    "aaaaaaaaeeeeeeee"   // U+1EB0
    "eeeeeeeeiiiioooo"   // U+1EC0
    "oooooooooooooooo"   // U+1ED0
    "oooouuuuuuuuuuuu"   // U+1EE0
    "uuyyyyyyyy....yy";  // U+1EF0
static_assert(sizeof(kLatinExtendedAdditional) - 1 == 0x1F00 - 0x1E00, "one entry per code point");

FoldedUnit One(char32_t unit) { return {{unit, 0}, 1}; }
FoldedUnit Two(char a, char b) { return {{static_cast<char32_t>(a), static_cast<char32_t>(b)}, 2}; }

bool InRange(char32_t unit, char32_t first, char32_t last) { return unit >= first && unit <= last; }

FoldedUnit FromEntry(char entry, char32_t unit) {
  switch (entry) {
    case '.':
      return One(unit);
    case 'A':
      return Two('a', 'e');
    case 'O':
      return Two('o', 'e');
    case 'S':
      return Two('s', 's');
    case 'T':
      return Two('t', 'h');
    case 'I':
      return Two('i', 'j');
    case 'D':
      return Two('d', 'z');
    case 'L':
      return Two('l', 'j');
    case 'N':
      return Two('n', 'j');
    default:
      return One(static_cast<char32_t>(entry));
  }
}

}  // namespace

FoldedUnit FoldForMatch(char32_t unit) {
  if (InRange(unit, U'A', U'Z')) return One(unit + 32);
  if (unit < 0xC0) return One(unit);
  if (unit < 0x100) return FromEntry(kLatin1Letters[unit - 0xC0], unit);
  if (unit < 0x250) return FromEntry(kLatinExtendedAB[unit - 0x100], unit);
  if (InRange(unit, 0x1E00, 0x1EFF))
    return FromEntry(kLatinExtendedAdditional[unit - 0x1E00], unit);
  if (InRange(unit, 0xFF21, 0xFF3A)) return One(U'a' + (unit - 0xFF21));      // fullwidth capitals
  if (InRange(unit, 0xFF41, 0xFF5A)) return One(U'a' + (unit - 0xFF41));      // fullwidth small
  if (InRange(unit, 0x391, 0x3A9) && unit != 0x3A2) return One(unit + 0x20);  // Greek capitals
  if (InRange(unit, 0x400, 0x40F)) return One(unit + 0x50);                   // Cyrillic Ѐ..Џ
  if (InRange(unit, 0x410, 0x42F)) return One(unit + 0x20);                   // Cyrillic А..Я
  return One(unit);
}

}  // namespace redress::remedy
