#include "services/intake/request_checks.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "services/intake/complaint_validation.h"
#include "services/intake/personal_data.h"

namespace redress::intake {

void CheckUpdateMask(FieldViolations& v, const std::vector<std::string>& mask,
                     const std::vector<std::string>& allowed) {
  const std::string updatable = absl::StrJoin(allowed, ", ");
  if (mask.empty()) {
    v.Add("update_mask", absl::StrCat("update_mask is required; updatable fields: ", updatable));
  }
  for (size_t i = 0; i < mask.size(); ++i) {
    if (std::find(allowed.begin(), allowed.end(), mask[i]) == allowed.end()) {
      v.Add(absl::StrCat("update_mask.paths[", i, "]"),
            absl::StrCat(Quoted(mask[i]), " is not an updatable field; updatable: ", updatable));
    }
  }
}

absl::StatusOr<std::optional<std::string>> FindRetriedResource(IntakeStore& store,
                                                               std::string_view scope,
                                                               const std::string& request_id,
                                                               std::string_view fingerprint,
                                                               RetryLookup lookup) {
  ASSIGN_OR_RETURN(std::optional<RequestRecord> record,
                   lookup == RetryLookup::kCommitted ? store.FindCommittedRequest(scope, request_id)
                                                     : store.FindRequest(scope, request_id));
  if (!record.has_value()) return std::optional<std::string>();
  if (record->fingerprint != fingerprint) {
    return InvalidArgument({{"request_id", absl::StrCat("request_id ", Quoted(request_id),
                                                        " was already used for a different ",
                                                        std::string(scope), " request")}},
                           reason::kRequestIdReused);
  }
  return std::optional<std::string>(record->resource_id);
}

absl::StatusOr<Complaint> LoadComplaint(IntakeStore& store, const std::string& id) {
  absl::StatusOr<Complaint> complaint = store.GetComplaint(id);
  if (absl::IsNotFound(complaint.status())) return NotFound(kComplaintsCollection + id);
  return complaint;
}

absl::StatusOr<Organisation> LoadOrganisation(IntakeStore& store, const std::string& id) {
  absl::StatusOr<Organisation> organisation = store.GetOrganisation(id);
  if (absl::IsNotFound(organisation.status())) return NotFound(kOrganisationsCollection + id);
  return organisation;
}

absl::StatusOr<std::vector<Organisation>> LookUpOrganisations(IntakeStore& store,
                                                              const std::vector<std::string>& ids) {
  std::vector<Organisation> found;
  // A complaint names at most kMaxOrganisations (validation reports a longer list), so a request
  // cannot make this query the store once per entry of a huge list.
  const size_t count = std::min(ids.size(), static_cast<size_t>(kMaxOrganisations));
  for (size_t i = 0; i < count; ++i) {
    const std::string& id = ids[i];
    if (!IsValidOrganisationId(id)) continue;
    absl::StatusOr<Organisation> organisation = store.GetOrganisation(id);
    if (absl::IsNotFound(organisation.status())) continue;
    if (!organisation.ok()) return organisation.status();
    found.push_back(*std::move(organisation));
  }
  return found;
}

absl::Status CheckNotErased(IntakeStore& store, const Complaint& complaint) {
  ASSIGN_OR_RETURN(std::optional<absl::Time> erase_time, store.GetErasureTime(complaint.id));
  if (!erase_time.has_value()) return absl::OkStatus();
  return PreconditionFailed("STATE", complaint.name(), "its personal data has been erased",
                            kReasonErased);
}

}  // namespace redress::intake
