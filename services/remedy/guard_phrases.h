// What the anonymisation guard looks for, as phrases for FindPhrase (text_match.h): the names
// and contact details of a person on the case, the referring MP's name, and the register names
// of an organisation published anonymously. The rules and their reasons are at the top of
// anonymisation_guard.cc. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "services/remedy/anonymisation_guard.h"
#include "services/remedy/text_match.h"

namespace redress::remedy {

// The kinds of hit (PersonalDataHit::kind).
inline constexpr char kGivenName[] = "given_name";
inline constexpr char kFamilyName[] = "family_name";
inline constexpr char kEmail[] = "email";
inline constexpr char kPhone[] = "phone";
inline constexpr char kPostalAddress[] = "postal_address";
inline constexpr char kPostalCode[] = "postal_code";
inline constexpr char kDateOfBirth[] = "date_of_birth";
inline constexpr char kDisplayName[] = "display_name";
inline constexpr char kShortName[] = "short_name";

// The role of the referring MP's hits.
inline constexpr char kReferringMpRole[] = "referring_mp";

// One thing to look for.
struct GuardPhrase {
  std::string text;
  PhraseMode mode = PhraseMode::kWholeWords;
  const char* kind = kGivenName;
  // A given name that is also an ordinary word (IsOrdinaryWordGivenName): a match is a hit only
  // where StandsAsName says so.
  bool ordinary_word = false;
};

// The phrases of `person`'s given and family names, each at most once (name_phrases.cc).
std::vector<GuardPhrase> NamePhrases(const PersonOnCase& person);

// The referring MP as a person with role kReferringMpRole, from the name intake records ("Jane
// Smith MP", "The Rt Hon Sir John Smith KC MP"): forms of address and honorifics before the
// name and post-nominal letters after it are left out; of what remains the last word is the
// family name and the others the given names (name_phrases.cc).
PersonOnCase ReferringMp(std::string_view mp_name);

// The phrases of an organisation published anonymously: its display and short names, and each
// without a leading "The" and its trailing generic words ("Medical Centre", "Surgery",
// "Practice", "Dental Care", "MC", "and Partners", ...) when what remains is distinctive; a
// name of generic words only ("The Surgery") names no practice and is not looked for
// (name_phrases.cc).
std::vector<GuardPhrase> OrganisationPhrases(const AnonymousOrganisation& organisation);

// The phrases of `person`'s email, address lines and postcode, each at most once
// (contact_phrases.cc).
std::vector<GuardPhrase> ContactPhrases(const PersonOnCase& person);

// `phrase` with each of its street words written in full and in each usual abbreviation
// ("Mill Lane" -> "Mill Lane", "Mill Ln"; "St John's Rd" -> ..., "Saint John's Road", "St.
// John's Road", ...), the phrase as given first; at most kMaxStreetVariants (contact_phrases.cc).
inline constexpr size_t kMaxStreetVariants = 32;
std::vector<std::string> StreetWordVariants(std::string_view phrase);

// Whether `part` is long enough to be a street, building or organisation rather than a lone
// common word: at least two words or at least 6 characters ("Mill" is not, "Mill Lane" and
// "Highfield" are).
bool IsDistinctive(std::string_view part);

}  // namespace redress::remedy
