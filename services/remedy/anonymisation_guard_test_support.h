// Helpers shared by the anonymisation guard tests: one-paragraph checks and readable hits.
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "services/remedy/anonymisation_guard.h"

namespace redress::remedy {

inline void PrintTo(const PersonalDataHit& hit, std::ostream* os) {
  *os << "{" << hit.field << ", " << hit.offset << ", " << hit.kind << ", " << hit.person_role
      << "}";
}

namespace guard_testing {

inline constexpr char kField[] = "narrative.what_happened[0]";

inline PersonOnCase Person(std::string role, std::string given, std::string family) {
  PersonOnCase person;
  person.role = std::move(role);
  person.title = "Mr";
  person.given_name = std::move(given);
  person.family_name = std::move(family);
  return person;
}

inline PersonOnCase Complainant(std::string given, std::string family) {
  return Person("complainant", std::move(given), std::move(family));
}

// The hits in a single paragraph (field kField).
inline std::vector<PersonalDataHit> FindIn(const std::string& text,
                                           const std::vector<PersonOnCase>& people) {
  return FindPersonalData({{kField, text}}, people);
}

inline PersonalDataHit Hit(int offset, std::string kind, std::string role = "complainant") {
  return {kField, offset, std::move(kind), std::move(role)};
}

}  // namespace guard_testing
}  // namespace redress::remedy
