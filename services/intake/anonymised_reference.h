// Anonymised references: how the people on a complaint appear in published text ("Mr B",
// "Mr and Mrs B", "Mrs A's mother"). Derived from titles and family names; a caseworker's
// override replaces the derived value.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/person.h"
#include "services/intake/complaint.h"

namespace redress::intake {

// The title used when a person has none.
inline constexpr std::string_view kDefaultTitle = "Mx";

// The first character of `family_name` (leading ASCII white space skipped): an ASCII letter
// upper-cased, any other code point as it is. "" for an empty name.
std::string InitialOf(std::string_view family_name);

// Title (or kDefaultTitle) and initial: "Mr B". Just the title when there is no family name.
std::string PersonReference(const PersonalDetails& details);

// The complainants together, in the order given: one -> "Mr B"; several sharing an initial ->
// their titles joined, "Mr and Mrs B", "Mr, Mrs and Miss B"; different initials -> each group
// joined, "Mr B and Ms F". A complainant with an override contributes the override as it is.
std::string DeriveComplainantsReference(const std::vector<const Person*>& complainants);

// Sets `complainants_reference` and every person's `anonymised_reference`: the override when
// set, otherwise derived. Others with a relationship become "<complainants' reference>'s
// <relationship>"; everyone else gets their own PersonReference.
void DeriveReferences(Complaint& complaint);

}  // namespace redress::intake
