#include "services/investigation/request_checks.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "common/store/request_record.h"
#include "services/investigation/personal_data.h"

namespace redress::investigation {

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

std::string RequestScope(std::string_view method, const std::string& investigation_id) {
  return CallerScope(absl::StrCat(absl::string_view(method.data(), method.size()), ":",
                                  kInvestigationsCollection, investigation_id));
}

absl::StatusOr<std::optional<std::string>> FindRetriedResource(InvestigationStore& store,
                                                               std::string_view scope,
                                                               const std::string& request_id,
                                                               std::string_view fingerprint,
                                                               RetryLookup lookup) {
  ASSIGN_OR_RETURN(std::optional<RequestRecord> record,
                   lookup == RetryLookup::kCommitted ? store.FindCommittedRequest(scope, request_id)
                                                     : store.FindRequest(scope, request_id));
  if (!record.has_value()) return std::optional<std::string>();
  if (record->fingerprint != fingerprint) {
    return InvalidArgument(
        {{"request_id", absl::StrCat("request_id ", Quoted(request_id),
                                     " was already used for a different request (",
                                     absl::string_view(scope.data(), scope.size()), ")")}},
        reason::kRequestIdReused);
  }
  return std::optional<std::string>(record->resource_id);
}

absl::Status CheckNotBefore(const std::string& field, absl::CivilDay date, absl::CivilDay earliest,
                            std::string_view what) {
  if (date >= earliest) return absl::OkStatus();
  return InvalidArgument(
      {{field, absl::StrCat("must not be before ", absl::string_view(what.data(), what.size()),
                            " on ", absl::FormatCivilTime(earliest))}});
}

absl::StatusOr<Investigation> LoadInvestigation(InvestigationStore& store, const std::string& id) {
  absl::StatusOr<Investigation> investigation = store.GetInvestigation(id);
  if (absl::IsNotFound(investigation.status())) return NotFound(kInvestigationsCollection + id);
  return investigation;
}

absl::Status CheckNotErased(InvestigationStore& store, const Investigation& investigation) {
  ASSIGN_OR_RETURN(std::optional<absl::Time> erase_time, store.GetErasureTime(investigation.id));
  if (!erase_time.has_value()) return absl::OkStatus();
  return PreconditionFailed("STATE", investigation.name(), "its personal data has been erased",
                            kReasonErased);
}

}  // namespace redress::investigation
