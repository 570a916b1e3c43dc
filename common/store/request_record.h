// The record of an idempotent request, which every service's store keeps in a `requests` table
// keyed by (scope, request_id): which resource the first call with `request_id` created, and a
// fingerprint of that call's body, to tell a retry (same fingerprint) from a reuse of the key.
// A key a person (or a client system) chooses is theirs alone: CallerScope puts the caller into
// the scope, so two callers choosing the same request_id never meet.
#pragma once

#include <string>
#include <string_view>

#include "common/audit/audit_scope.h"

namespace redress {

struct RequestRecord {
  // The method, e.g. "SubmitComplaint"; for requests within one resource the method and the
  // resource, e.g. "LogEvidence:investigations/{id}", so that ids need be unique only there.
  std::string scope;
  std::string request_id;
  std::string fingerprint;
  std::string resource_id;  // the resource the first call created
};

// The scope of a request record `method_scope` (a RequestRecord::scope as above) made by the
// caller of this thread's current call: "<method_scope>@<actor>", the actor being
// Principal::Actor() of the authenticated caller ("user:alice"), which ServeCall installs as the
// current audit call (common/audit/audit_scope.h). So two callers sending the same request_id get
// a record each (neither sees the other's resource, neither is told the key is taken), and the
// same caller retrying finds its own. Work outside any call uses "system". Every lookup and every
// record of a key a client chooses goes through this one function.
inline std::string CallerScope(std::string_view method_scope) {
  static const audit::AuditCall kOutsideAnyCall{"system", ""};
  return std::string(method_scope) + "@" + audit::CurrentAuditCall(kOutsideAnyCall).actor;
}

// "requests/{scope}/{request_id}": the name an ALREADY_EXISTS for a taken key gives.
inline std::string RequestName(const RequestRecord& request) {
  return "requests/" + request.scope + "/" + request.request_id;
}

}  // namespace redress
