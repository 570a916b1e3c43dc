// The name phrases of the anonymisation guard: a person's given and family names, the referring
// MP's name, and the register names of an organisation published anonymously.
#include <algorithm>
#include <set>
#include <string>

#include "services/remedy/guard_phrases.h"
#include "services/remedy/name_context.h"

namespace redress::remedy {
namespace {

constexpr size_t kMinNameUnits = 2;

std::string LowerAscii(std::string_view token) {
  std::string lower(token);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return lower;
}

bool IsOneOf(std::string_view token, const std::set<std::string>& words) {
  return words.count(LowerAscii(TrimToWord(token))) > 0;
}

bool IsParticle(std::string_view token) {
  static const auto* const kParticles = new std::set<std::string>{
      "al",  "ap", "bin", "da",  "das", "de",  "del", "della", "den", "der",
      "des", "di", "do",  "dos", "du",  "el",  "ibn", "la",    "las", "le",
      "les", "lo", "los", "st",  "ten", "ter", "van", "von",   "y"};
  return IsOneOf(token, *kParticles);
}

// The parts of a double-barrelled token between its hyphens, each trimmed ("O'Neill-Nguyen" ->
// "O'Neill", "Nguyen"); none when it has no hyphen. A part may be written alone, and written
// with its own separators dropped ("ONeill"), which its words alone would not catch.
std::vector<std::string_view> HyphenatedParts(std::string_view token) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t pos = 0; pos <= token.size();) {
    const TextUnit unit = DecodeAt(token, pos);
    if (unit.length == 0 || IsHyphen(unit.code_point)) {
      if (start > 0 || unit.length > 0) {
        const std::string_view part = TrimToWord(token.substr(start, pos - start));
        if (!part.empty()) parts.push_back(part);
      }
      if (unit.length == 0) break;
      start = pos + unit.length;
    }
    pos += unit.length;
  }
  return parts;
}

void AddName(std::vector<GuardPhrase>& phrases, std::string_view name, const char* kind,
             PhraseMode mode) {
  if (UnitCount(name) < kMinNameUnits) return;
  for (const GuardPhrase& known : phrases) {
    if (std::string_view(known.kind) == kind && known.text == name) return;
  }
  const bool ordinary_word = std::string_view(kind) == kGivenName && IsOrdinaryWordGivenName(name);
  phrases.push_back({std::string(name), mode, kind, ordinary_word});
}

}  // namespace

std::vector<GuardPhrase> NamePhrases(const PersonOnCase& person) {
  std::vector<GuardPhrase> phrases;
  for (std::string_view token : SpaceSeparated(person.given_name)) {
    AddName(phrases, token, kGivenName, PhraseMode::kWholeWords);
    for (std::string_view part : HyphenatedParts(token)) {
      AddName(phrases, part, kGivenName, PhraseMode::kWholeWords);
    }
    for (std::string_view word : WordsOf(token)) {
      AddName(phrases, word, kGivenName, PhraseMode::kWholeWords);
    }
  }
  // A family name is also recognised in the plural: "the Wrenfields", "the Wrenfields’ house".
  const PhraseMode family = PhraseMode::kWholeWordsOrPlural;
  const std::vector<std::string_view> tokens = SpaceSeparated(person.family_name);
  AddName(phrases, TrimToWord(person.family_name), kFamilyName, family);
  for (std::string_view token : tokens) {
    if (tokens.size() > 1 && IsParticle(token)) continue;
    AddName(phrases, token, kFamilyName, family);
    for (std::string_view part : HyphenatedParts(token)) {
      if (!IsParticle(part)) AddName(phrases, part, kFamilyName, family);
    }
    for (std::string_view word : WordsOf(token)) {
      if (!IsParticle(word)) AddName(phrases, word, kFamilyName, family);
    }
  }
  return phrases;
}

PersonOnCase ReferringMp(std::string_view mp_name) {
  // What may be written before an MP's name (styles, then a form of address) and after it
  // (post-nominal letters), House of Commons style: "The Rt Hon Dame Jane Smith DBE KC MP".
  static const auto* const kStyles =
      new std::set<std::string>{"the", "rt", "right", "hon", "honourable"};
  static const auto* const kTitles =
      new std::set<std::string>{"sir",  "dame", "dr",   "mr",  "mrs",  "ms",       "miss",     "mx",
                                "lord", "lady", "prof", "rev", "revd", "reverend", "professor"};
  static const auto* const kPostNominals = new std::set<std::string>{
      "mp", "kc", "qc", "pc", "obe", "cbe", "mbe", "kbe", "dbe", "kcb", "cb", "frs", "jp", "dl"};
  const std::vector<std::string_view> words = SpaceSeparated(mp_name);
  PersonOnCase mp;
  mp.role = kReferringMpRole;
  size_t first = 0;
  while (first < words.size() &&
         (IsOneOf(words[first], *kStyles) || IsOneOf(words[first], *kTitles))) {
    if (mp.title.empty() && IsOneOf(words[first], *kTitles)) {
      mp.title = std::string(TrimToWord(words[first]));
    }
    ++first;
  }
  size_t last = words.size();
  while (last > first && IsOneOf(words[last - 1], *kPostNominals)) --last;
  if (last == first) return mp;
  mp.family_name = std::string(words[last - 1]);
  for (size_t i = first; i + 1 < last; ++i) {
    if (!mp.given_name.empty()) mp.given_name += ' ';
    mp.given_name += words[i];
  }
  return mp;
}

namespace {

// The words that say what kind of practice a name is, not which one: "Beech Grove Medical
// Centre" is recognised by "Beech Grove" as well, and "The Surgery" names no practice.
bool IsGenericWord(std::string_view word) {
  static const auto* const kGeneric = new std::set<std::string>{
      "the",      "medical",     "health", "centre", "center",      "surgery",  "surgeries",
      "practice", "group",       "family", "dental", "dentist",     "dentists", "dentistry",
      "care",     "clinic",      "mc",     "hc",     "gp",          "gps",      "doctors",
      "partners", "partnership", "and",    "&",      "orthodontics"};
  return IsOneOf(word, *kGeneric);
}

// `name` without a leading "The" and its trailing generic words ("Beech Grove" of "Beech Grove
// Medical Centre"); empty when nothing but generic words remains.
std::string_view WithoutGenericWords(std::string_view name) {
  const std::vector<std::string_view> words = SpaceSeparated(name);
  size_t first = 0;
  size_t last = words.size();
  if (first < last && LowerAscii(words[first]) == "the") ++first;
  while (last > first && IsGenericWord(words[last - 1])) --last;
  if (last == first) return {};
  const char* begin = words[first].data();
  const char* end = words[last - 1].data() + words[last - 1].size();
  return std::string_view(begin, static_cast<size_t>(end - begin));
}

// Adds the register name `name`, unless it is only generic words ("The Surgery"), and the part
// of it that WithoutGenericWords leaves when that is distinctive.
void AddOrganisationName(std::vector<GuardPhrase>& phrases, std::string_view name,
                         const char* kind) {
  const std::string_view whole = TrimToWord(name);
  const std::string_view part = WithoutGenericWords(whole);
  if (UnitCount(whole) < kMinNameUnits || part.empty()) return;
  for (std::string_view phrase : {whole, IsDistinctive(part) ? part : std::string_view()}) {
    const bool known = std::any_of(phrases.begin(), phrases.end(),
                                   [&](const GuardPhrase& p) { return p.text == phrase; });
    if (!phrase.empty() && !known) {
      phrases.push_back({std::string(phrase), PhraseMode::kWholeWords, kind});
    }
  }
}

}  // namespace

std::vector<GuardPhrase> OrganisationPhrases(const AnonymousOrganisation& organisation) {
  std::vector<GuardPhrase> phrases;
  AddOrganisationName(phrases, organisation.display_name, kDisplayName);
  AddOrganisationName(phrases, organisation.short_name, kShortName);
  return phrases;
}

}  // namespace redress::remedy
