// The anonymisation guard (DESIGN §3): finds where a case narrative names a person recorded on
// the complaint — their given or family name, email, phone number, postal address or date of
// birth —, the referring MP, or an organisation that is published anonymously (a GP or dental
// practice), so that publication can be refused with the field and offset of each hit. Pure: the
// personal details come from intake for each check and are not kept.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "services/remedy/case_summary.h"

namespace redress::remedy {

// A person on the complaint, as intake reports them for the check.
struct PersonOnCase {
  std::string role;  // "complainant", "representative", "other" or "referring_mp"
  std::string title;
  std::string given_name;
  std::string family_name;
  std::string email;
  std::string phone;
  std::vector<std::string> address_lines;
  std::string locality;
  std::string postal_code;
  std::optional<absl::CivilDay> date_of_birth;
};

// An organisation complained about that is published anonymously (DESIGN §3: "A GP practice",
// "A dental practice"), with the names the register holds for it.
struct AnonymousOrganisation {
  std::string kind;  // "gp_practice" or "dental_practice": the hits' person_role
  std::string display_name;
  std::string short_name;
};

// Everything a narrative is checked against, as intake reports it for one check.
struct PersonalDataOnCase {
  std::vector<PersonOnCase> people;  // in the order recorded
  std::string referring_mp_name;     // "Jane Smith MP"; "" when no MP referred the complaint
  std::vector<AnonymousOrganisation> anonymous_organisations;
};

struct PersonalDataHit {
  std::string field;        // the paragraph's field path
  int offset = 0;           // byte offset of the match in the paragraph
  std::string kind;         // "given_name", "family_name", "email", "phone", "postal_address",
                            // "postal_code", "date_of_birth"; for an organisation "display_name" or
                            // "short_name"
  std::string person_role;  // the person's role, or the organisation's kind
  // Bytes matched from `offset` (the longest match of this kind there). Follows from the other
  // fields and the texts, so operator== leaves it out.
  int length = 0;
  bool operator==(const PersonalDataHit&) const;
};

// Every hit of anything in `on_case` in any paragraph, ordered by paragraph (in the given
// order), then offset, then kind; the same paragraph, offset, kind and role only once. In brief
// (the full rules are at the top of anonymisation_guard.cc): text compares without case or
// Latin accents ("Nguyễn" = "Nguyen"), skipping invisible characters and combining marks, with
// offsets in bytes of the text as written; names as whole words, a name's apostrophes and
// hyphens written any way or left out ("ONeill" = "O’Neill"), a family name also in the plural
// ("the Wrenfields"), each given-name token and the family name with its parts, tokens under
// two characters skipped (so "Mr B" is never a name); a given name that is also an ordinary
// word ("May", "Will") only where it stands as a name (name_context.h); email as a substring;
// phone by its digits, +44 = 0, whatever the separators; postcode ignoring spaces; each address
// line as a phrase, with its comma-separated parts and its street without the house number when
// distinctive, street words full or abbreviated ("Rd" = "Road"), never the locality alone; the
// date of birth in its common written forms; the referring MP's name as a person's; an
// anonymous organisation's display and short names, and each without its generic words ("Beech
// Grove" of "Beech Grove Medical Centre"). Never fails, whatever the bytes.
std::vector<PersonalDataHit> FindPersonalData(const std::vector<NarrativeParagraph>& paragraphs,
                                              const PersonalDataOnCase& on_case);
// The same with only `people` on the case.
std::vector<PersonalDataHit> FindPersonalData(const std::vector<NarrativeParagraph>& paragraphs,
                                              const std::vector<PersonOnCase>& people);

}  // namespace redress::remedy
