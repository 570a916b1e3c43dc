// The roles a caller's token can grant (the "roles" claim), and their names on the wire.
#pragma once

#include <optional>
#include <string_view>

namespace redress::auth {

enum class Role {
  kComplainant,
  kCaseworker,
  kAssessor,
  kOrganisationLiaison,
  kPublisher,
  kAuditor,
  kAdministrator,
};

// Every role, in declaration order.
inline constexpr Role kAllRoles[] = {
    Role::kComplainant, Role::kCaseworker, Role::kAssessor,      Role::kOrganisationLiaison,
    Role::kPublisher,   Role::kAuditor,    Role::kAdministrator,
};

// The claim's name of `role`: "complainant", "caseworker", "assessor", "organisation_liaison",
// "publisher", "auditor", "administrator".
std::string_view RoleName(Role role);

// The role named `name` (exactly, case-sensitive), or nullopt for any other string.
std::optional<Role> ParseRole(std::string_view name);

}  // namespace redress::auth
