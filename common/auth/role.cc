#include "common/auth/role.h"

namespace redress::auth {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kComplainant:
      return "complainant";
    case Role::kCaseworker:
      return "caseworker";
    case Role::kAssessor:
      return "assessor";
    case Role::kOrganisationLiaison:
      return "organisation_liaison";
    case Role::kPublisher:
      return "publisher";
    case Role::kAuditor:
      return "auditor";
    case Role::kAdministrator:
      return "administrator";
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role role : kAllRoles) {
    if (RoleName(role) == name) return role;
  }
  return std::nullopt;
}

}  // namespace redress::auth
