#include "services/investigation/api/investigation_reach.h"

#include <algorithm>

#include "common/errors.h"

namespace redress::investigation {
namespace {

std::string IdOf(const std::string& organisation_name) {
  return OrganisationIdOfClaim(organisation_name);
}

}  // namespace

std::vector<std::string> OrganisationIds(const Investigation& investigation) {
  std::vector<std::string> ids;
  for (const OrganisationInvestigated& o : investigation.organisations_investigated) {
    ids.push_back(IdOf(o.organisation));
  }
  return ids;
}

absl::Status CheckReaches(const CallerReach& reach, const Investigation& investigation) {
  return reach.CheckReaches(investigation.owner, OrganisationIds(investigation),
                            investigation.name());
}

absl::Status CheckSpeaksAs(const CallerReach& reach, const Investigation& investigation,
                           Party party, const std::string& organisation,
                           const std::string& party_field, const std::string& organisation_field) {
  if (reach.everything()) return absl::OkStatus();
  const std::vector<std::string> ids = OrganisationIds(investigation);
  const bool owns = reach.Reaches(investigation.owner, {});
  if (party == Party::kComplainant && owns) return absl::OkStatus();
  if (party == Party::kOrganisation && !owns) {
    // Reaches() with only the organisation named (or the only one investigated) tells whether it
    // is the liaison's own.
    const std::string named =
        organisation.empty() && ids.size() == 1 ? ids.front() : IdOf(organisation);
    if (!named.empty() && reach.Reaches("", {named}) &&
        std::find(ids.begin(), ids.end(), named) != ids.end()) {
      return absl::OkStatus();
    }
    return InvalidArgument(
        {{organisation_field, "a liaison speaks only for its own organisation"}});
  }
  return InvalidArgument({{party_field, owns ? "a complainant speaks as PARTY_COMPLAINANT"
                                             : "a liaison speaks as PARTY_ORGANISATION"}});
}

}  // namespace redress::investigation
