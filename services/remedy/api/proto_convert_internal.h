// Helpers that the proto_convert*.cc files share and proto_convert.h does not export: building a
// request field path ("event.recommendations[2].target_date") and telling an unset time.
#pragma once

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace redress::remedy::proto_convert_internal {

inline std::string Indexed(const std::string& field, int index) {
  return absl::StrCat(field, "[", index, "]");
}

inline std::string Child(const std::string& field, absl::string_view child) {
  return field.empty() ? std::string(child) : absl::StrCat(field, ".", child);
}

// InfinitePast() is the domain's "never": its Timestamp field stays unset.
inline bool IsNever(absl::Time time) {
  return time == absl::InfinitePast() || time == absl::InfiniteFuture();
}

}  // namespace redress::remedy::proto_convert_internal
