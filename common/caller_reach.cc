#include "common/caller_reach.h"

#include <algorithm>

#include "common/errors.h"

namespace redress {
namespace {

using auth::Role;

constexpr std::string_view kOrganisationsPrefix = "organisations/";

bool IsUser(const Principal& caller) { return caller.kind == Principal::Kind::kUser; }

}  // namespace

std::string RecordedActor(const Principal& caller, std::string_view sent) {
  if (caller.kind == Principal::Kind::kDevelopment) return std::string(sent);
  return caller.Actor();
}

std::string OrganisationIdOfClaim(std::string_view claim) {
  if (claim.substr(0, kOrganisationsPrefix.size()) == kOrganisationsPrefix)
    claim.remove_prefix(kOrganisationsPrefix.size());
  return std::string(claim);
}

CallerReach::CallerReach(const Principal& caller) {
  if (!IsUser(caller)) {
    // The development caller may do everything; a peer service only calls what its table entry
    // allows and needs whole cases (remedy reads an investigation to publish it).
    everything_ = true;
    staff_with_personal_details_ = true;
    return;
  }
  staff_with_personal_details_ =
      caller.HasRole(Role::kCaseworker) || caller.HasRole(Role::kAssessor);
  everything_ = staff_with_personal_details_ || caller.HasRole(Role::kAuditor) ||
                caller.HasRole(Role::kPublisher) || caller.HasRole(Role::kAdministrator);
  complainant_ = caller.HasRole(Role::kComplainant);
  liaison_ = caller.HasRole(Role::kOrganisationLiaison);
  subject_ = caller.subject;
  organisation_id_ = OrganisationIdOfClaim(caller.organisation);
}

bool CallerReach::Reaches(std::string_view owner,
                          const std::vector<std::string>& organisation_ids) const {
  if (everything_) return true;
  if (complainant_ && !owner.empty() && owner == subject_) return true;
  return liaison_ && !organisation_id_.empty() &&
         std::find(organisation_ids.begin(), organisation_ids.end(), organisation_id_) !=
             organisation_ids.end();
}

absl::Status CallerReach::CheckReaches(std::string_view owner,
                                       const std::vector<std::string>& organisation_ids,
                                       std::string_view resource_name) const {
  if (Reaches(owner, organisation_ids)) return absl::OkStatus();
  return WithErrorInfo(absl::PermissionDeniedError(std::string(resource_name) +
                                                   " is not within this caller's reach"),
                       kOutOfScopeReason, {{"resource", std::string(resource_name)}});
}

std::optional<std::string> CallerReach::owner_filter() const {
  if (everything_ || !complainant_) return std::nullopt;
  return subject_;
}

std::optional<std::string> CallerReach::organisation_filter() const {
  if (everything_ || complainant_) return std::nullopt;
  // A liaison without an organisation, or (past the table) a user with no narrow role at all:
  // "" matches no case.
  return liaison_ ? organisation_id_ : std::string();
}

bool CallerReach::SeesPersonalDetails(std::string_view owner) const {
  if (staff_with_personal_details_) return true;
  return complainant_ && !owner.empty() && owner == subject_;
}

std::string CallerReach::OwnerOfNewCase() const {
  if (everything_ || !complainant_) return "";
  return subject_;
}

}  // namespace redress
