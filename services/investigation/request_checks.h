// The steps investigation's requests share before and after the rules: parsing resource names,
// checking etags and update masks, telling an idempotent retry from a reused request_id, and
// reading an investigation with a NOT_FOUND that carries its name.
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
#include "services/investigation/investigation.h"
#include "services/investigation/store.h"

namespace redress::investigation {

inline constexpr char kComplaintsCollection[] = "complaints/";
inline constexpr char kOrganisationsCollection[] = "organisations/";

// The clock's time truncated to the microsecond, the precision every store keeps, so that a
// resource returned by a write equals the one read back later.
absl::Time StoredNow(const Clock& clock);

// [a-z][a-z0-9-]{0,62}: the ids of every Redress resource.
bool IsValidResourceId(std::string_view id);

// The id of `name` when it is `collection` ("investigations/") followed by a valid id; otherwise
// adds a violation on `field` ("is required" when empty) and returns "".
std::string ParseResourceName(FieldViolations& v, const std::string& field, std::string_view name,
                              std::string_view collection);

// The etag of a resource at `version`.
std::string EtagOf(int64_t version);
// OK when `etag` is empty or equals EtagOf(version); otherwise ABORTED (EtagMismatch).
absl::Status CheckEtag(std::string_view etag, int64_t version, std::string_view resource_name);

// Adds a violation on "update_mask" when `mask` is empty, or on "update_mask.paths[i]" for a path
// not in `allowed`.
void CheckUpdateMask(FieldViolations& v, const std::vector<std::string>& mask,
                     const std::vector<std::string>& allowed);

// The request-record scope of `method` within one investigation: "LogEvidence:investigations/x".
std::string RequestScope(std::string_view method, const std::string& investigation_id);

// The resource id an earlier request with (`scope`, `request_id`) created, when `fingerprint`
// matches its body (a retry); nullopt when the request_id is new; INVALID_ARGUMENT on
// "request_id" with reason REQUEST_ID_REUSED when it was used for a different body.
absl::StatusOr<std::optional<std::string>> FindRetriedResource(InvestigationStore& store,
                                                               std::string_view scope,
                                                               const std::string& request_id,
                                                               std::string_view fingerprint);

// OK when `date` is on or after `earliest`; otherwise INVALID_ARGUMENT on `field`: "must not be
// before <what> on <earliest>".
absl::Status CheckNotBefore(const std::string& field, absl::CivilDay date, absl::CivilDay earliest,
                            std::string_view what);

// The stored investigation, with NOT_FOUND turned into errors.h NotFound(resource name).
absl::StatusOr<Investigation> LoadInvestigation(InvestigationStore& store, const std::string& id);

}  // namespace redress::investigation
