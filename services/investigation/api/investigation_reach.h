// Investigation's part of scoping within an allowed call (common/caller_reach.h): whether a caller
// reaches an investigation (a complainant the one of their own complaint, a liaison those of its
// organisation), and the party a complainant or a liaison may speak as (docs/security.md).
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/caller_reach.h"
#include "services/investigation/investigation.h"

namespace redress::investigation {

// The ids ("cafcass") of the organisations investigated, for CallerReach.
std::vector<std::string> OrganisationIds(const Investigation& investigation);

// OK when `reach` reaches `investigation`; PERMISSION_DENIED with reason OUT_OF_SCOPE otherwise.
absl::Status CheckReaches(const CallerReach& reach, const Investigation& investigation);

// The party a caller speaks as is who it is, not what the request says. A caller who reaches
// every case (a caseworker logs what either party sent by post) may name either party. Otherwise
// a caller who owns the complaint speaks as PARTY_COMPLAINANT only, and a liaison as
// PARTY_ORGANISATION for its own organisation only (`organisation` "organisations/{id}", or ""
// when that is the only organisation investigated). INVALID_ARGUMENT on `party_field` (or
// `organisation_field`) for any other party.
absl::Status CheckSpeaksAs(const CallerReach& reach, const Investigation& investigation,
                           Party party, const std::string& organisation,
                           const std::string& party_field, const std::string& organisation_field);

}  // namespace redress::investigation
