// The steps intake's requests share before any rule applies: checking update masks, telling an
// idempotent retry from a reused request_id, and reading the resources a request names with
// NOT_FOUND errors that carry their details. Resource names, etags and StoredNow are common's
// (common/resource_names.h), re-exported here for the service's files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/clock.h"
#include "common/errors.h"
#include "common/resource_names.h"  // StoredNow, ParseResourceName, EtagOf, CheckEtag
#include "services/intake/complaint.h"
#include "services/intake/organisation.h"
#include "services/intake/store/store.h"

namespace redress::intake {

// Adds a violation on "update_mask" when `mask` is empty or names a path not in `allowed`.
void CheckUpdateMask(FieldViolations& v, const std::vector<std::string>& mask,
                     const std::vector<std::string>& allowed);

// The resource id an earlier request with (`scope`, `request_id`) created, when `fingerprint`
// matches its body (a retry); nullopt when the request_id is new; INVALID_ARGUMENT on
// "request_id" with reason REQUEST_ID_REUSED when it was used for a different body. kCommitted
// looks up with FindCommittedRequest (store.h): only where the write that follows checks the
// request record again and looks again with kLatest when it finds it taken.
enum class RetryLookup { kLatest, kCommitted };
absl::StatusOr<std::optional<std::string>> FindRetriedResource(
    IntakeStore& store, std::string_view scope, const std::string& request_id,
    std::string_view fingerprint, RetryLookup lookup = RetryLookup::kLatest);

// Store reads with NOT_FOUND turned into errors.h NotFound(resource name).
absl::StatusOr<Complaint> LoadComplaint(IntakeStore& store, const std::string& id);
absl::StatusOr<Organisation> LoadOrganisation(IntakeStore& store, const std::string& id);

// FAILED_PRECONDITION (reason ERASED) if the complaint's personal data was erased
// (docs/privacy.md): an erased complaint takes no change that could bring personal data back.
absl::Status CheckNotErased(IntakeStore& store, const Complaint& complaint);

// The register entries of those `ids` that exist, in order; unknown or malformed ids are skipped
// (validation reports them), and so are ids after the first kMaxOrganisations (a longer list is
// invalid), so that the store is queried at most kMaxOrganisations times.
absl::StatusOr<std::vector<Organisation>> LookUpOrganisations(IntakeStore& store,
                                                              const std::vector<std::string>& ids);

}  // namespace redress::intake
