// The steps investigation's requests share before and after the rules: checking update masks,
// telling an idempotent retry from a reused request_id, and reading an investigation with a
// NOT_FOUND that carries its name. Resource names, etags and StoredNow are common's
// (common/resource_names.h), re-exported here for the service's files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/clock.h"
#include "common/errors.h"
#include "common/resource_names.h"  // StoredNow, ParseResourceName, EtagOf, CheckEtag
#include "services/investigation/investigation.h"
#include "services/investigation/store/store.h"

namespace redress::investigation {

inline constexpr char kComplaintsCollection[] = "complaints/";
inline constexpr char kOrganisationsCollection[] = "organisations/";

// Adds a violation on "update_mask" when `mask` is empty, or on "update_mask.paths[i]" for a path
// not in `allowed`.
void CheckUpdateMask(FieldViolations& v, const std::vector<std::string>& mask,
                     const std::vector<std::string>& allowed);

// The request-record scope of `method` within one investigation for the current caller:
// "LogEvidence:investigations/x@user:alice" (CallerScope, common/store/request_record.h), so a
// request_id is the caller's own.
std::string RequestScope(std::string_view method, const std::string& investigation_id);

// The resource id an earlier request with (`scope`, `request_id`) created, when `fingerprint`
// matches its body (a retry); nullopt when the request_id is new; INVALID_ARGUMENT on
// "request_id" with reason REQUEST_ID_REUSED when it was used for a different body. kCommitted
// looks up with FindCommittedRequest (store.h): only where the write that follows checks the
// request record again and looks again with kLatest when it finds it taken.
enum class RetryLookup { kLatest, kCommitted };
absl::StatusOr<std::optional<std::string>> FindRetriedResource(
    InvestigationStore& store, std::string_view scope, const std::string& request_id,
    std::string_view fingerprint, RetryLookup lookup = RetryLookup::kLatest);

// OK when `date` is on or after `earliest`; otherwise INVALID_ARGUMENT on `field`: "must not be
// before <what> on <earliest>".
absl::Status CheckNotBefore(const std::string& field, absl::CivilDay date, absl::CivilDay earliest,
                            std::string_view what);

// FAILED_PRECONDITION (reason ERASED) if the investigation's personal data was erased
// (docs/privacy.md): an erased investigation takes no change that could bring personal text back.
absl::Status CheckNotErased(InvestigationStore& store, const Investigation& investigation);

// The stored investigation, with NOT_FOUND turned into errors.h NotFound(resource name).
absl::StatusOr<Investigation> LoadInvestigation(InvestigationStore& store, const std::string& id);

}  // namespace redress::investigation
