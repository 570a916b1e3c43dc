// The record of an idempotent request, which every service's store keeps in a `requests` table
// keyed by (scope, request_id): which resource the first call with `request_id` created, and a
// fingerprint of that call's body, to tell a retry (same fingerprint) from a reuse of the key.
#pragma once

#include <string>

namespace redress {

struct RequestRecord {
  // The method, e.g. "SubmitComplaint"; for requests within one resource the method and the
  // resource, e.g. "LogEvidence:investigations/{id}", so that ids need be unique only there.
  std::string scope;
  std::string request_id;
  std::string fingerprint;
  std::string resource_id;  // the resource the first call created
};

// "requests/{scope}/{request_id}": the name an ALREADY_EXISTS for a taken key gives.
inline std::string RequestName(const RequestRecord& request) {
  return "requests/" + request.scope + "/" + request.request_id;
}

}  // namespace redress
