// Who is calling, as established by a verified bearer token (token_verifier.h).
#pragma once

#include <set>
#include <string>

#include "common/auth/role.h"

namespace redress::auth {

struct Caller {
  // The token's "sub" claim; never empty.
  std::string subject;
  // The known roles of the token's "roles" claim; unknown names are dropped, so this may be empty
  // (deciding what an empty set may do is the authoriser's job, not the verifier's).
  std::set<Role> roles;
  // The token's "organisation" claim (the organisation id of a liaison), or empty.
  std::string organisation;
};

}  // namespace redress::auth
