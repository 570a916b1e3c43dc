// Anonymised references: how the people on a complaint appear in published text ("Mr B",
// "Mr and Mrs B", "Mrs A's mother"). Derived from titles, family names and relationships, unique
// on the complaint; a caseworker's override replaces the derived value.
//
// The rule. DESIGN §3 asks for "title and one capital letter" and a reference of their own for
// everyone named; where it is silent we follow the PHSO's published summaries, in which different
// people always have different references ("Mr B and Mr C", never "Mr and Mr B"):
// 1. A person's override is their reference, as written. Overrides are placed first, and derived
//    references avoid them.
// 2. A representative or other person with a relationship is "<complainants' reference>'s
//    <relationship>" ("Mrs A's son"). A second person with the same relationship (ignoring ASCII
//    case), or one whose relationship reference a caseworker gave someone else as an override,
//    gets a letter reference as in 3 instead.
// 3. Everyone else -- every complainant -- is their title ("Mx" when none) and one capital letter:
//    the initial of their family name (InitialOf), or, when that title and letter are already
//    someone's on the complaint, the next free letter after it for that title, going round from Z
//    to A. A family name with no Latin initial starts at A. Titles compare ignoring ASCII case.
// 4. The complainants together: their references grouped by letter in order of first appearance,
//    with the titles sharing a letter joined ("Mr and Mrs B", "Mr B and Ms F"), unless the
//    complaint has a complainants' override.
//
// Determinism and stability: the references are a function of the people in the order recorded,
// their details and the overrides; letters are handed out in that order (step 3, then any step 2
// fallback to a letter), so an earlier person never loses a letter to a later one. Adding a person
// therefore never changes anyone's reference recorded before (unless the new person brings an
// override equal to it). Removing or reordering people, correcting a title or family name, or
// setting an override can move the letter of a person recorded after the change, since a letter
// they went round may come free or be taken. A reference already handed to investigation is not
// changed by any of this: investigation keeps the one it received.
#pragma once

#include <string>
#include <string_view>

#include "common/person.h"
#include "services/intake/complaint.h"

namespace redress::intake {

// The title used when a person has none.
inline constexpr std::string_view kDefaultTitle = "Mx";

// The capital letter a family name gives: the first letter of its first word (words separated by
// ASCII white space) that begins with a Latin letter, folded to its base letter and upper-cased
// ("bloggs" B, "Ólafsson" O, "Øvergaard" O, "O'Neill" O, "de Souza" D). So a word that begins with
// punctuation, such as the elided article of "'t Hooft", is skipped (H). When no word begins with
// a Latin letter, the first Latin letter anywhere ("(Smith)" S). "" when there is none (an empty
// name, or one in another script).
std::string InitialOf(std::string_view family_name);

// The reference a person has when no one else on the complaint shares it: title (or
// kDefaultTitle) and InitialOf, or "A" for a name with no Latin initial. "Mr B", "Mx Y".
std::string PersonReference(const PersonalDetails& details);

// Sets `complainants_reference` and every person's `anonymised_reference` by the rule above.
void DeriveReferences(Complaint& complaint);

}  // namespace redress::intake
