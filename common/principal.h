// Who is making a call, as the server established it (authentication, not authorisation): a user
// with a verified bearer token, a Redress peer service with a verified client certificate, or,
// only on a server running in insecure development mode, the development caller.
#pragma once

#include <set>
#include <string>

#include "common/auth/role.h"

namespace redress {

struct Principal {
  enum class Kind {
    // A person (or a system acting for one) with a verified bearer token.
    kUser,
    // Another Redress service, named by the spiffe://redress/<service> SAN of its certificate.
    kService,
    // Any caller of a server in insecure (loopback development) mode: no credentials exist, so
    // it may do everything.
    kDevelopment,
  };

  Kind kind = Kind::kDevelopment;
  // The token's subject (kUser), the service's name (kService), "developer" (kDevelopment).
  std::string subject;
  // The token's roles (kUser); every role (kDevelopment); none (kService).
  std::set<auth::Role> roles;
  // The organisation id of an organisation liaison's token; empty otherwise.
  std::string organisation;

  bool HasRole(auth::Role role) const { return roles.count(role) != 0; }
  bool IsService(const std::string& name) const {
    return kind == Kind::kService && subject == name;
  }

  // How records of who did what name this caller: "user:<subject>", "service:<name>" or
  // "development:<subject>". Never chosen by a field of the request.
  std::string Actor() const;
};

// The caller of a development-mode server.
Principal DevelopmentPrincipal();

}  // namespace redress
