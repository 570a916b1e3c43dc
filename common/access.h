// Authorisation: one table per service says which roles and which peer services may call each of
// its RPCs (docs/security.md prints them). ServeCall (handler.h) checks it before any handler
// body runs; what a role may see or change within an allowed call (a complainant's own
// complaints, a liaison's own organisation) is the handler's to enforce.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "common/auth/role.h"
#include "common/principal.h"

namespace redress {

// The ErrorInfo reason of a refused call.
inline constexpr std::string_view kPermissionDeniedReason = "PERMISSION_DENIED";

// Who may call one RPC: users holding any of `roles`, and the Redress services in `services`.
struct MethodAccess {
  std::string method;  // "SubmitComplaint"
  std::vector<auth::Role> roles;
  std::vector<std::string> services;  // "intake", "investigation", "remedy"
};

// A service's table. Immutable; thread-safe.
class CallPolicy {
 public:
  // `error_domain` is the ErrorInfo domain of the service's errors ("intake.redress").
  CallPolicy(std::string error_domain, std::vector<MethodAccess> methods);

  std::string_view error_domain() const { return error_domain_; }
  const std::vector<MethodAccess>& methods() const { return methods_; }

  // The entry for `method`, or null when the table does not list it.
  const MethodAccess* Find(std::string_view method) const;

  // OK when `caller` may call `method`: the development caller always; a user holding one of the
  // method's roles; a service the method lists. Otherwise PERMISSION_DENIED, with ErrorInfo
  // reason PERMISSION_DENIED and metadata {"method": ...}; a method the table does not list is
  // refused to everyone but the development caller.
  absl::Status Authorize(const Principal& caller, std::string_view method) const;

 private:
  std::string error_domain_;
  std::vector<MethodAccess> methods_;
};

// Every role except those listed: for the RPCs that are open to any signed-in user.
std::vector<auth::Role> AllRolesExcept(std::initializer_list<auth::Role> excluded = {});

}  // namespace redress
