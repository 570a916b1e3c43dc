// The contact phrases of the anonymisation guard: a person's email, address lines (with their
// parts, street names and street-word abbreviations) and postcode.
#include <algorithm>
#include <set>
#include <string>

#include "services/remedy/guard_phrases.h"

namespace redress::remedy {
namespace {

constexpr size_t kMinPhraseUnits = 2;
constexpr size_t kMinPostalCodeUnits = 4;
constexpr size_t kMinEmailUnits = 3;
constexpr size_t kMinDistinctiveWords = 2;
constexpr size_t kMinDistinctiveUnits = 6;

// Street words and their usual abbreviations (Royal Mail and common usage), the full word
// first. "St" is both Street and Saint.
const std::vector<std::vector<std::string>>& StreetWords() {
  static const auto* const kWords =
      new std::vector<std::vector<std::string>>{{"road", "rd"},
                                                {"street", "st"},
                                                {"saint", "st"},
                                                {"lane", "ln"},
                                                {"avenue", "ave", "av"},
                                                {"close", "cl"},
                                                {"crescent", "cres", "cresc"},
                                                {"drive", "dr"},
                                                {"court", "ct"},
                                                {"place", "pl"},
                                                {"square", "sq"},
                                                {"terrace", "terr", "ter"},
                                                {"gardens", "gdns"},
                                                {"grove", "gr", "gro"},
                                                {"park", "pk"},
                                                {"mount", "mt"},
                                                {"parade", "pde"},
                                                {"walk", "wlk"},
                                                {"green", "grn"},
                                                {"heights", "hts"},
                                                {"cottages", "cotts"},
                                                {"boulevard", "blvd"},
                                                {"highway", "hwy"},
                                                {"great", "gt"},
                                                {"upper", "upr"},
                                                {"lower", "lwr"},
                                                {"apartment", "apt"},
                                                {"building", "bldg"},
                                                {"buildings", "bldgs"},
                                                {"estate", "est"}};
  return *kWords;
}

std::string LowerAscii(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return lower;
}

// How `token` may be written: itself, and every form of each street word it is; with
// `dotted`, each abbreviation with a full stop too ("St." before "John's").
std::vector<std::string> Spellings(std::string_view token, bool dotted) {
  std::vector<std::string> out = {std::string(token)};
  const std::string lower = LowerAscii(token);
  for (const std::vector<std::string>& forms : StreetWords()) {
    if (std::find(forms.begin(), forms.end(), lower) == forms.end()) continue;
    for (size_t i = 0; i < forms.size(); ++i) {
      out.push_back(forms[i]);
      if (dotted && i > 0) out.push_back(forms[i] + ".");
    }
  }
  return out;
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

// True when `a` and `b` are the same words, compared as FindPhrase compares.
bool SamePhrase(std::string_view a, std::string_view b) {
  const std::vector<TextSpan> a_in_b = FindPhrase(b, a, PhraseMode::kWholeWords);
  const std::vector<TextSpan> b_in_a = FindPhrase(a, b, PhraseMode::kWholeWords);
  return !a_in_b.empty() && a_in_b.front().start == 0 && !b_in_a.empty() &&
         b_in_a.front().start == 0;
}

void AddAddressPhrase(std::vector<GuardPhrase>& phrases, std::string_view phrase,
                      std::string_view locality) {
  if (UnitCount(phrase) < kMinPhraseUnits) return;
  if (!locality.empty() && SamePhrase(phrase, locality)) return;
  for (std::string& variant : StreetWordVariants(phrase)) {
    const bool known = std::any_of(phrases.begin(), phrases.end(), [&](const GuardPhrase& p) {
      return std::string_view(p.kind) == kPostalAddress && p.text == variant;
    });
    if (!known) phrases.push_back({std::move(variant), PhraseMode::kWholeWords, kPostalAddress});
  }
}

}  // namespace

bool IsDistinctive(std::string_view part) {
  return SpaceSeparated(part).size() >= kMinDistinctiveWords ||
         UnitCount(part) >= kMinDistinctiveUnits;
}

std::vector<std::string> StreetWordVariants(std::string_view phrase) {
  std::vector<std::string> variants = {std::string(phrase)};
  std::set<std::string> seen = {variants.front()};
  const std::vector<std::string_view> tokens = SpaceSeparated(phrase);
  // Every combination of the tokens' spellings, in order, until the limit.
  std::vector<std::string> partial = {""};
  for (size_t t = 0; t < tokens.size(); ++t) {
    std::vector<std::string> longer;
    for (const std::string& start : partial) {
      for (const std::string& spelling : Spellings(tokens[t], t + 1 < tokens.size())) {
        if (longer.size() == kMaxStreetVariants) break;
        longer.push_back(start.empty() ? spelling : start + " " + spelling);
      }
    }
    partial = std::move(longer);
  }
  for (std::string& variant : partial) {
    if (variants.size() == kMaxStreetVariants) break;
    if (seen.insert(variant).second) variants.push_back(std::move(variant));
  }
  return variants;
}

std::vector<GuardPhrase> ContactPhrases(const PersonOnCase& person) {
  std::vector<GuardPhrase> phrases;
  const std::string_view email = TrimToWord(person.email);
  if (UnitCount(email) >= kMinEmailUnits) {
    phrases.push_back({std::string(email), PhraseMode::kSubstring, kEmail});
  }
  const std::string_view locality = TrimToWord(person.locality);
  for (const std::string& line : person.address_lines) {
    for (std::string_view phrase : AddressPhrases(line)) {
      AddAddressPhrase(phrases, phrase, locality);
    }
  }
  std::string postal_code;
  for (std::string_view piece : SpaceSeparated(person.postal_code)) postal_code.append(piece);
  if (UnitCount(postal_code) >= kMinPostalCodeUnits) {
    phrases.push_back({postal_code, PhraseMode::kWholeWordsIgnoringSpaces, kPostalCode});
  }
  return phrases;
}

}  // namespace redress::remedy
