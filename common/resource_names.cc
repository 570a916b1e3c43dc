#include "common/resource_names.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace redress {

absl::Time StoredNow(const Clock& clock) {
  return absl::FromUnixMicros(absl::ToUnixMicros(clock.Now()));
}

bool IsValidResourceId(std::string_view id) {
  if (id.empty() || id.size() > 63 || !absl::ascii_islower(id.front())) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-';
  });
}

std::string ParseResourceName(FieldViolations& v, const std::string& field, std::string_view name,
                              std::string_view collection) {
  // Our Abseil has its own string_view type.
  absl::string_view id(name.data(), name.size());
  absl::string_view prefix(collection.data(), collection.size());
  if (absl::ConsumePrefix(&id, prefix) &&
      IsValidResourceId(std::string_view(id.data(), id.size()))) {
    return std::string(id);
  }
  v.Add(field, name.empty() ? absl::StrCat(field, " is required")
                            : absl::StrCat(Quoted(name), " is not a resource name of the form ",
                                           prefix, "{id}"));
  return "";
}

std::string EtagOf(int64_t version) { return std::to_string(version); }

absl::Status CheckEtag(std::string_view etag, int64_t version, std::string_view resource_name) {
  if (etag.empty() || etag == EtagOf(version)) return absl::OkStatus();
  return EtagMismatch(resource_name);
}

}  // namespace redress
