// Resource names and etags as every service uses them (AIP-122, AIP-154): ids of the form
// [a-z][a-z0-9-]{0,62}, names "collection/{id}", etags that are the resource's version, and the
// store's time precision.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "common/errors.h"

namespace redress {

// The clock's time truncated to the microsecond, the precision every store keeps, so that a
// resource returned by a write equals the one read back later.
absl::Time StoredNow(const Clock& clock);

// [a-z][a-z0-9-]{0,62}: the ids of every Redress resource.
bool IsValidResourceId(std::string_view id);

// The id of `name` when it is `collection` ("recommendations/") followed by a valid id; otherwise
// adds a violation on `field` ("is required" when empty) and returns "".
std::string ParseResourceName(FieldViolations& v, const std::string& field, std::string_view name,
                              std::string_view collection);

// The etag of a resource at `version`.
std::string EtagOf(int64_t version);
// OK when `etag` is empty or equals EtagOf(version); otherwise ABORTED (EtagMismatch).
absl::Status CheckEtag(std::string_view etag, int64_t version, std::string_view resource_name);

}  // namespace redress
