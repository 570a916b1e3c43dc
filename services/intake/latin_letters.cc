// Generated with Python's unicodedata (Unicode 14): each code point's canonical decomposition's
// first character, upper-cased, where that is an ASCII letter; by hand for the Latin letters that
// have no decomposition but an evident base letter (Ø O, Ł L, Đ Ð D, Æ A, Œ O, Þ T, ß S, Ħ H, ı I,
// Ŋ N, the digraphs DŽ LJ NJ by their first letter, ...). '.' marks a code point with no base
// letter (× ÷, and letters such as schwa or ezh).
#include "services/intake/latin_letters.h"

#include <cstddef>

namespace redress::intake {
namespace {

// U+00C0 to U+024F: the letters of Latin-1 Supplement, Latin Extended-A and Latin Extended-B.
constexpr char32_t kLatinFirst = 0x00C0;
constexpr char kLatin[] =
    "AAAAAAACEEEEIIIIDNOOOOO.OUUUUYTSAAAAAAACEEEEIIIIDNOOOOO.OUUUUYTY"
    "AAAAAACCCCCCCCDDDDEEEEEEEEEEGGGGGGGGHHHHIIIIIIIIIIIIJJKKKLLLLLLL"
    "LLLNNNNNNNNNOOOOOOOORRRRRRSSSSSSSSTTTTTTUUUUUUUUUUUUWWYYYZZZZZZS"
    "BBBB..OCCDDDD.E.EFFG...IKKL..NNOOO..PP.....TTTTUU.VYYZZ........."
    "....DDDLLLNNNAAIIOOUUUUUUUUUU.AAAAAAGGGGKKOOOO..JDDDGG..NNAAAAOO"
    "AAAAEEEEIIIIOOOORRRRUUUUSSTT..HHNDOOZZAAEEOOOOOOOOYYLNTJ..ACCLTS"
    "Z..BU.EEJJ.QRRYY";

// U+1E00 to U+1EFF: Latin Extended Additional (Vietnamese, Welsh, and letters with dots below).
constexpr char32_t kAdditionalFirst = 0x1E00;
constexpr char kAdditional[] =
    "AABBBBBBCCDDDDDDDDDDEEEEEEEEEEFFGGHHHHHHHHHHIIIIKKKKKKLLLLLLLLMM"
    "MMMMNNNNNNNNOOOOOOOOPPPPRRRRRRRRSSSSSSSSSSTTTTTTTTUUUUUUUUUUVVVV"
    "WWWWWWWWWWXXXXYYZZZZZZHTWYASSSS.AAAAAAAAAAAAAAAAAAAAAAAAEEEEEEEE"
    "EEEEEEEEIIIIOOOOOOOOOOOOOOOOOOOOOOOOUUUUUUUUUUUUUUYYYYYYYYLLVVYY";

// The table entry for `code_point` in `table` (starting at `first`), or 0 outside it.
template <size_t N>
char Lookup(const char (&table)[N], char32_t first, char32_t code_point) {
  if (code_point < first || code_point - first >= N - 1) return 0;
  const char letter = table[code_point - first];
  return letter == '.' ? 0 : letter;
}

}  // namespace

char LatinBaseLetter(char32_t code_point) {
  if (code_point >= 'A' && code_point <= 'Z') return static_cast<char>(code_point);
  if (code_point >= 'a' && code_point <= 'z') return static_cast<char>(code_point - 'a' + 'A');
  if (char letter = Lookup(kLatin, kLatinFirst, code_point)) return letter;
  return Lookup(kAdditional, kAdditionalFirst, code_point);
}

}  // namespace redress::intake
