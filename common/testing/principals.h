// Users to call a service as in tests (InProcessServiceTest::CallAs): a token's subject, roles and
// organisation, as the server would establish them.
#pragma once

#include <initializer_list>
#include <string>
#include <utility>

#include "common/auth/role.h"
#include "common/principal.h"

namespace redress::testing {

inline Principal User(std::string subject, std::initializer_list<auth::Role> roles,
                      std::string organisation = "") {
  Principal user;
  user.kind = Principal::Kind::kUser;
  user.subject = std::move(subject);
  user.roles.insert(roles.begin(), roles.end());
  user.organisation = std::move(organisation);
  return user;
}

inline Principal Complainant(std::string subject) {
  return User(std::move(subject), {auth::Role::kComplainant});
}
inline Principal Liaison(std::string subject, std::string organisation) {
  return User(std::move(subject), {auth::Role::kOrganisationLiaison}, std::move(organisation));
}
inline Principal Caseworker(std::string subject) {
  return User(std::move(subject), {auth::Role::kCaseworker});
}
inline Principal Assessor(std::string subject) {
  return User(std::move(subject), {auth::Role::kAssessor});
}
inline Principal Auditor(std::string subject) {
  return User(std::move(subject), {auth::Role::kAuditor});
}
inline Principal Publisher(std::string subject) {
  return User(std::move(subject), {auth::Role::kPublisher});
}

}  // namespace redress::testing
