// What a caller may reach and see within an RPC its service's table (access.h) lets it call:
// staff and peer services reach every case; a complainant only the cases they own; an
// organisation's liaison only its organisation's. And who sees personal details. The rules are
// docs/security.md's ("Within an allowed call"); every service's adapter applies them through this
// one class, so they cannot drift apart.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "common/principal.h"

namespace redress {

// The ErrorInfo reason of a call refused because the resource is not the caller's (another
// complainant's complaint, another organisation's case): PERMISSION_DENIED, told apart from the
// table's refusal (kPermissionDeniedReason) by this reason. It says no more than "not yours".
inline constexpr std::string_view kOutOfScopeReason = "OUT_OF_SCOPE";

// Immutable once made; cheap to copy.
class CallerReach {
 public:
  explicit CallerReach(const Principal& caller);

  // Whether the caller reaches every case: the development caller, a peer service, and a user
  // holding a staff role (caseworker, assessor, auditor, publisher, administrator).
  bool everything() const { return everything_; }

  // Whether a case owned by `owner` (a token subject; "" for none) and concerning the organisations
  // `organisation_ids` (ids: "cafcass", not "organisations/cafcass") is within reach: everything();
  // or a complainant who is its (non-empty) owner; or a liaison whose organisation is among them.
  bool Reaches(std::string_view owner, const std::vector<std::string>& organisation_ids) const;

  // OK when Reaches; otherwise PERMISSION_DENIED with ErrorInfo reason OUT_OF_SCOPE and metadata
  // {"resource": resource_name}.
  absl::Status CheckReaches(std::string_view owner,
                            const std::vector<std::string>& organisation_ids,
                            std::string_view resource_name) const;

  // How a list narrows for a caller who does not reach everything. At most one is set: `owner`
  // for a complainant (the token's subject), else `organisation_id` for a liaison (its
  // organisation's id, "" when the token names none, which matches nothing). A caller holding
  // both narrow roles lists as a complainant (Reaches still lets it open its organisation's
  // cases one by one). Both unset when everything().
  std::optional<std::string> owner_filter() const;
  std::optional<std::string> organisation_filter() const;

  // Whether personal details (names, contact details, address, date of birth) of a case owned by
  // `owner` may be shown: to the development caller, a peer service, a caseworker or assessor,
  // and the complainant who owns it; not to a liaison, an auditor or a publisher, who see the
  // anonymised reference instead.
  bool SeesPersonalDetails(std::string_view owner) const;

  // The owner to record on a case this caller submits: the token's subject when the caller is a
  // complainant (and no caseworker or assessor, who submit on someone's behalf); "" otherwise,
  // including in development mode.
  std::string OwnerOfNewCase() const;

 private:
  bool everything_ = false;
  bool staff_with_personal_details_ = false;  // development, service, caseworker, assessor
  bool complainant_ = false;
  bool liaison_ = false;
  std::string subject_;
  std::string organisation_id_;
};

// Who a change is recorded as made by, for the request fields in which a client names who is
// acting (intake's AssessComplaintRequest.assessor, DecideAssessmentReviewRequest.reviewer,
// remedy's AcknowledgeAnonymisationIssueRequest.caseworker): the authenticated caller's Actor()
// ("user:alice"), whatever the field says (it is ignored: docs/security.md says why). Only the
// development caller, who has no identity to record, keeps what it `sent` (validated as before),
// so the quick start's walkthrough still names its people.
std::string RecordedActor(const Principal& caller, std::string_view sent);

// The organisation id a liaison token's "organisation" claim names: "cafcass" for "cafcass" or
// "organisations/cafcass".
std::string OrganisationIdOfClaim(std::string_view claim);

}  // namespace redress
