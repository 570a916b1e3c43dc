// The matching rules of the anonymisation guard.
//
// A published narrative refers to people only by anonymised references ("Mr B", "Mrs A's
// mother") and to staff by role, so any of the following, for any person recorded on the
// complaint (complainant, representative, other people), is a hit:
//
// Words and boundaries. Text is UTF-8 read unit by unit; an invalid byte is a unit of its own
// and never makes the guard fail. A word character is an ASCII letter or digit or a non-ASCII
// letter-like unit (an invalid byte counts as one); spaces, punctuation (curly quotes, dashes,
// "£", "€", ...) are boundaries. "Whole word" means a match neither preceded nor followed by a
// word character: "Brown" is found in "Mr Brown’s", never in "Brownlow" or "Brownée". Letters
// compare without case, and Latin letters without accents, on both sides: ASCII, Latin-1 and
// Latin Extended-A letters fold to their ASCII base letter ("ØDEGAARD" = "Ødegaard" =
// "Odegaard", "José" = "Jose"; "Æ" = "ae", "ß" = "ss"). Invisible format characters (soft
// hyphen, zero-width spaces and joiners, direction marks, word joiner, byte order mark, ...;
// text_match.h) are skipped inside a match, and combining marks (U+0300..U+036F and the like)
// are skipped as part of the letter before them: "Wren\u00ADfield" and "Wren\u200Bfield" are
// "Wrenfield", the decomposed "Jose\u0301" is "José". At the edges of a match an invisible
// character still counts as a boundary, as it did before, so "Wren" is found there too. A run
// of spaces matches any run of spaces (no-break spaces included); any apostrophe (' ‘ ’ ʼ)
// matches any other, any hyphen (- ‐ U+2011) any other. Offsets are those of the first byte
// of the match in the paragraph as written.
//
// given_name: each space-separated token of the given name, and each word of a hyphenated or
//   apostrophised token ("Mary-Jane" -> "Mary-Jane", "Mary", "Jane"), as whole words.
// family_name: the whole family name as a phrase, each of its space-separated tokens except
//   particles (de, van, von, la, ...), and each word of a hyphenated or apostrophised token
//   ("O'Neill" -> "O'Neill", "Neill"; "Smith-Jones" -> "Smith-Jones", "Smith", "Jones").
//   For both names a token or word shorter than two characters is skipped: initials, and the
//   letter of an anonymised reference ("Mr B"), are not names.
// email: the address anywhere, as a case-insensitive substring.
// phone: the number however grouped, compared as digits, "+44"/"0044" equal to a leading "0";
//   between digit groups any run of spaces with at most one dash or dot (and brackets) among
//   them ("07700  900123", "07700 - 900123"; phone_match.h); numbers with fewer than 7 digits
//   are ignored.
// postal_code: the postcode as whole words, case-insensitive, spaces ignored ("SW1A 1AA" finds
//   "sw1a1aa"); postcodes with fewer than 4 characters are ignored.
// postal_address: each address line (trimmed of punctuation) as a whole-word phrase; also
//   each comma-separated part of a line, and the street name of the line and of each part
//   without its leading house number (digits and an optional letter: "12", "12a"), each when
//   it is distinctive: at least two words or at least 6 characters ("Flat 2, 14 Mill Lane" ->
//   "Flat 2", "14 Mill Lane", "Mill Lane"; "12 Acacia Avenue" -> "Acacia Avenue"; but "3
//   Mill" gives no "Mill"). The locality is not looked for on its own, nor is a line or part
//   that is just the locality: a town is not personal data by itself.
// date_of_birth: the date in the common written forms of date_match.h ("3 March 1980",
//   "March 3, 1980", "03/03/1980", "1980-03-03", ...).
//
// Every hit is reported, overlapping ones of different kinds included; the same paragraph,
// offset, kind and role is reported once (two people of one role share a hit). Order:
// paragraph (as given), offset, kind, then person.
#include "services/remedy/anonymisation_guard.h"

#include <algorithm>
#include <climits>
#include <set>
#include <string_view>
#include <tuple>

#include "services/remedy/date_match.h"
#include "services/remedy/phone_match.h"
#include "services/remedy/text_match.h"

namespace redress::remedy {
namespace {

constexpr char kGivenName[] = "given_name";
constexpr char kFamilyName[] = "family_name";
constexpr char kEmail[] = "email";
constexpr char kPhone[] = "phone";
constexpr char kPostalAddress[] = "postal_address";
constexpr char kPostalCode[] = "postal_code";
constexpr char kDateOfBirth[] = "date_of_birth";

constexpr size_t kMinNameUnits = 2;
constexpr size_t kMinPostalCodeUnits = 4;
constexpr size_t kMinEmailUnits = 3;
constexpr size_t kMinAddressWords = 2;
constexpr size_t kMinAddressUnits = 6;

// One thing to look for, as a phrase.
struct Phrase {
  std::string text;
  PhraseMode mode;
  const char* kind;
};

bool IsParticle(std::string_view token) {
  static constexpr std::string_view kParticles[] = {
      "al",  "ap", "bin", "da",  "das", "de",  "del", "della", "den", "der",
      "des", "di", "do",  "dos", "du",  "el",  "ibn", "la",    "las", "le",
      "les", "lo", "los", "st",  "ten", "ter", "van", "von",   "y"};
  std::string lower(token);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return std::find(std::begin(kParticles), std::end(kParticles), lower) != std::end(kParticles);
}

void AddName(std::vector<Phrase>& phrases, std::string_view name, const char* kind) {
  if (UnitCount(name) < kMinNameUnits) return;
  for (const Phrase& known : phrases) {
    if (std::string_view(known.kind) == kind && known.text == name) return;
  }
  phrases.push_back({std::string(name), PhraseMode::kWholeWords, kind});
}

void AddNamePhrases(std::vector<Phrase>& phrases, const PersonOnCase& person) {
  for (std::string_view token : SpaceSeparated(person.given_name)) {
    AddName(phrases, token, kGivenName);
    for (std::string_view word : WordsOf(token)) AddName(phrases, word, kGivenName);
  }
  const std::vector<std::string_view> tokens = SpaceSeparated(person.family_name);
  AddName(phrases, TrimToWord(person.family_name), kFamilyName);
  for (std::string_view token : tokens) {
    if (tokens.size() > 1 && IsParticle(token)) continue;
    AddName(phrases, token, kFamilyName);
    for (std::string_view word : WordsOf(token)) {
      if (!IsParticle(word)) AddName(phrases, word, kFamilyName);
    }
  }
}

// True when `a` and `b` are the same words, compared as FindPhrase compares.
bool SamePhrase(std::string_view a, std::string_view b) {
  const std::vector<size_t> a_in_b = FindPhrase(b, a, PhraseMode::kWholeWords);
  const std::vector<size_t> b_in_a = FindPhrase(a, b, PhraseMode::kWholeWords);
  return !a_in_b.empty() && a_in_b.front() == 0 && !b_in_a.empty() && b_in_a.front() == 0;
}

// Long enough to be a street or building rather than a lone common word ("Mill" is not,
// "Mill Lane" and "Highfield" are).
bool IsDistinctive(std::string_view part) {
  return SpaceSeparated(part).size() >= kMinAddressWords || UnitCount(part) >= kMinAddressUnits;
}

// A house number: ASCII digits, optionally followed by one ASCII letter ("12", "12a").
bool IsHouseNumber(std::string_view token) {
  size_t digits = 0;
  while (digits < token.size() && token[digits] >= '0' && token[digits] <= '9') ++digits;
  if (digits == 0) return false;
  const std::string_view rest = token.substr(digits);
  return rest.empty() || (rest.size() == 1 && ((rest[0] >= 'a' && rest[0] <= 'z') ||
                                               (rest[0] >= 'A' && rest[0] <= 'Z')));
}

// `part` without its leading house number ("12a Acacia Avenue" -> "Acacia Avenue"); empty when
// it has none or what remains is not distinctive.
std::string_view StreetName(std::string_view part) {
  const std::vector<std::string_view> tokens = SpaceSeparated(part);
  if (tokens.size() < 2 || !IsHouseNumber(tokens[0])) return {};
  const std::string_view rest =
      TrimToWord(part.substr(static_cast<size_t>(tokens[1].data() - part.data())));
  return IsDistinctive(rest) ? rest : std::string_view();
}

// The phrases of one address line: the line, each distinctive comma-separated part of it, and
// the street name of the line and of each part.
std::vector<std::string_view> AddressPhrases(std::string_view line) {
  std::vector<std::string_view> out = {TrimToWord(line)};
  std::vector<std::string_view> parts = {out.front()};
  for (size_t start = 0; start <= line.size();) {
    const size_t comma = std::min(line.find(',', start), line.size());
    const std::string_view part = TrimToWord(line.substr(start, comma - start));
    if (part != out.front() && IsDistinctive(part)) {
      out.push_back(part);
      parts.push_back(part);
    }
    start = comma + 1;
  }
  for (std::string_view part : parts) {
    const std::string_view street = StreetName(part);
    if (!street.empty()) out.push_back(street);
  }
  return out;
}

void AddContactPhrases(std::vector<Phrase>& phrases, const PersonOnCase& person) {
  std::string_view email = TrimToWord(person.email);
  if (UnitCount(email) >= kMinEmailUnits) {
    phrases.push_back({std::string(email), PhraseMode::kSubstring, kEmail});
  }
  std::string_view locality = TrimToWord(person.locality);
  for (const std::string& line : person.address_lines) {
    for (std::string_view phrase : AddressPhrases(line)) {
      if (UnitCount(phrase) < kMinNameUnits) continue;
      if (!locality.empty() && SamePhrase(phrase, locality)) continue;
      const bool known = std::any_of(phrases.begin(), phrases.end(), [&](const Phrase& p) {
        return std::string_view(p.kind) == kPostalAddress && p.text == phrase;
      });
      if (!known) phrases.push_back({std::string(phrase), PhraseMode::kWholeWords, kPostalAddress});
    }
  }
  std::string postal_code;
  for (std::string_view piece : SpaceSeparated(person.postal_code)) postal_code.append(piece);
  if (UnitCount(postal_code) >= kMinPostalCodeUnits) {
    phrases.push_back({postal_code, PhraseMode::kWholeWordsIgnoringSpaces, kPostalCode});
  }
}

struct Hit {
  size_t paragraph;
  size_t offset;
  std::string kind;
  size_t person;
};

void AddHits(std::vector<Hit>& hits, size_t paragraph, size_t person, const char* kind,
             const std::vector<size_t>& offsets) {
  for (size_t offset : offsets) hits.push_back({paragraph, offset, kind, person});
}

}  // namespace

bool PersonalDataHit::operator==(const PersonalDataHit& o) const {
  return std::tie(field, offset, kind, person_role) ==
         std::tie(o.field, o.offset, o.kind, o.person_role);
}

std::vector<PersonalDataHit> FindPersonalData(const std::vector<NarrativeParagraph>& paragraphs,
                                              const std::vector<PersonOnCase>& people) {
  std::vector<std::vector<Phrase>> phrases(people.size());
  for (size_t p = 0; p < people.size(); ++p) {
    AddNamePhrases(phrases[p], people[p]);
    AddContactPhrases(phrases[p], people[p]);
  }

  std::vector<Hit> hits;
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    const std::string& text = paragraphs[i].text;
    for (size_t p = 0; p < people.size(); ++p) {
      for (const Phrase& phrase : phrases[p]) {
        AddHits(hits, i, p, phrase.kind, FindPhrase(text, phrase.text, phrase.mode));
      }
      AddHits(hits, i, p, kPhone, FindPhoneNumber(text, people[p].phone));
      if (people[p].date_of_birth) {
        AddHits(hits, i, p, kDateOfBirth, FindDate(text, *people[p].date_of_birth));
      }
    }
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return std::tie(a.paragraph, a.offset, a.kind, a.person) <
           std::tie(b.paragraph, b.offset, b.kind, b.person);
  });

  std::vector<PersonalDataHit> out;
  std::set<std::tuple<size_t, size_t, std::string, std::string>> seen;
  for (const Hit& hit : hits) {
    const std::string& role = people[hit.person].role;
    if (!seen.insert({hit.paragraph, hit.offset, hit.kind, role}).second) continue;
    const int offset = static_cast<int>(std::min<size_t>(hit.offset, INT_MAX));
    out.push_back({paragraphs[hit.paragraph].field, offset, hit.kind, role});
  }
  return out;
}

}  // namespace redress::remedy
