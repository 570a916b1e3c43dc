#include "common/principal.h"

#include "absl/strings/str_cat.h"

namespace redress {

std::string Principal::Actor() const {
  switch (kind) {
    case Kind::kUser:
      return absl::StrCat("user:", subject);
    case Kind::kService:
      return absl::StrCat("service:", subject);
    case Kind::kDevelopment:
      break;
  }
  return absl::StrCat("development:", subject);
}

Principal DevelopmentPrincipal() {
  Principal principal;
  principal.kind = Principal::Kind::kDevelopment;
  principal.subject = "developer";
  for (auth::Role role : auth::kAllRoles) principal.roles.insert(role);
  return principal;
}

}  // namespace redress
