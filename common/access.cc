#include "common/access.h"

#include <algorithm>
#include <utility>

#include "common/errors.h"

namespace redress {

CallPolicy::CallPolicy(std::string error_domain, std::vector<MethodAccess> methods)
    : error_domain_(std::move(error_domain)), methods_(std::move(methods)) {}

const MethodAccess* CallPolicy::Find(std::string_view method) const {
  for (const MethodAccess& entry : methods_) {
    if (entry.method == method) return &entry;
  }
  return nullptr;
}

absl::Status CallPolicy::Authorize(const Principal& caller, std::string_view method) const {
  if (caller.kind == Principal::Kind::kDevelopment) return absl::OkStatus();
  const MethodAccess* entry = Find(method);
  if (entry != nullptr) {
    switch (caller.kind) {
      case Principal::Kind::kUser:
        for (auth::Role role : entry->roles) {
          if (caller.HasRole(role)) return absl::OkStatus();
        }
        break;
      case Principal::Kind::kService:
        if (std::find(entry->services.begin(), entry->services.end(), caller.subject) !=
            entry->services.end()) {
          return absl::OkStatus();
        }
        break;
      case Principal::Kind::kDevelopment:
        break;
    }
  }
  std::string message = caller.Actor() + " may not call " + std::string(method);
  if (caller.kind == Principal::Kind::kUser) {
    message += ": no role of the token allows it (docs/security.md)";
  }
  return WithErrorInfo(absl::PermissionDeniedError(message), kPermissionDeniedReason,
                       {{"method", std::string(method)}});
}

std::vector<auth::Role> AllRolesExcept(std::initializer_list<auth::Role> excluded) {
  std::vector<auth::Role> roles;
  for (auth::Role role : auth::kAllRoles) {
    if (std::find(excluded.begin(), excluded.end(), role) == excluded.end()) roles.push_back(role);
  }
  return roles;
}

}  // namespace redress
