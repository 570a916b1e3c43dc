#!/usr/bin/env python3
"""Prints the rows of letter_fold.cc's three tables from Python's unicodedata.

For each code point of Latin-1 Supplement letters (U+00C0..U+00FF), Latin Extended-A and -B
(U+0100..U+024F) and Latin Extended Additional (U+1E00..U+1EFF): its NFKD decomposition without
combining marks when that is ASCII letters ("ễ" -> "e", "ǆ" -> "dz"), else the base letter its
Unicode name gives ("LATIN SMALL LETTER O WITH STROKE" -> "o"), else the few ligatures and
letters below; one character per code point: a lower-case letter, an upper-case code for a
two-letter fold (see TWO), or '.' for "compares as itself". Run with python3; compare its
output with the tables' rows (a blank line between the tables).
"""
import re
import unicodedata

TWO = {"ae": "A", "oe": "O", "ss": "S", "th": "T", "ij": "I", "dz": "D", "lj": "L", "nj": "N"}
MANUAL = {
    0xC6: "ae", 0xE6: "ae", 0x1E2: "ae", 0x1E3: "ae", 0x1FC: "ae", 0x1FD: "ae",  # Æ Ǣ Ǽ
    0x152: "oe", 0x153: "oe",  # Œ
    0xDF: "ss", 0x1E9E: "ss",  # ß ẞ
    0xDE: "th", 0xFE: "th",  # Þ
    0xD0: "d", 0xF0: "d",  # Ð ð (eth)
    0x138: "k",  # ĸ kra
    0x149: "n",  # ŉ
    0x14A: "n", 0x14B: "n",  # Ŋ ŋ (eng)
    0x131: "i",  # ı dotless i
    0x237: "j",  # ȷ dotless j
}
BLOCKS = [(0xC0, 0x100), (0x100, 0x250), (0x1E00, 0x1F00)]


def fold(cp):
    ch = chr(cp)
    if not unicodedata.category(ch).startswith("L"):
        return "."
    if cp in MANUAL:
        return MANUAL[cp]
    base = "".join(c for c in unicodedata.normalize("NFKD", ch)
                   if not unicodedata.category(c).startswith("M"))
    if base and base.isascii() and base.isalpha() and len(base) <= 2:
        return base.lower()
    m = re.fullmatch(r"LATIN (?:CAPITAL|SMALL) LETTER ([A-Z]) WITH .*", unicodedata.name(ch, ""))
    if m:
        return m.group(1).lower()
    return "."


for start, end in BLOCKS:
    for row in range(start, end, 16):
        cells = []
        for cp in range(row, row + 16):
            f = fold(cp)
            cells.append(f if len(f) == 1 else TWO[f])
        print('    "%s"  // U+%04X' % ("".join(cells), row))
    print()
