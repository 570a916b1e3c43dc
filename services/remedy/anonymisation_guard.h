// The anonymisation guard (DESIGN §3): finds where a case narrative names a person recorded on
// the complaint — their given or family name, email, phone number, postal address or date of
// birth — so that publication can be refused with the field and offset of each hit. Pure: the
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
  std::string role;  // "complainant", "representative" or "other"
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

struct PersonalDataHit {
  std::string field;  // the paragraph's field path
  int offset = 0;     // byte offset of the match in the paragraph
  std::string kind;   // "given_name", "family_name", "email", "phone", "postal_address",
                      // "postal_code", "date_of_birth"
  std::string person_role;
  bool operator==(const PersonalDataHit&) const;
};

// Every hit of any person's details in any paragraph, ordered by paragraph (in the given order),
// then offset, then kind; the same paragraph, offset, kind and role only once. In brief (the
// full rules are at the top of anonymisation_guard.cc): text compares without case or Latin
// accents ("José" = "Jose"), skipping invisible characters and combining marks ("Wren\u00ADfield"
// = "Wrenfield"), with offsets in bytes of the text as written; names as whole words, each
// given-name token and the family name with its parts, tokens under two characters skipped (so
// "Mr B" is never a name); email as a substring; phone by its digits, +44 = 0, at least 7
// digits, groups split by spaces and at most one dash or dot; postcode ignoring spaces; each
// address line as a phrase, with its comma-separated parts and its street without the house
// number when distinctive, never the locality alone; the date of birth in its common written
// forms. Never fails, whatever the bytes.
std::vector<PersonalDataHit> FindPersonalData(const std::vector<NarrativeParagraph>& paragraphs,
                                              const std::vector<PersonOnCase>& people);

}  // namespace redress::remedy
