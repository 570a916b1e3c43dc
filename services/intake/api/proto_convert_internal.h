// Helpers that the proto_convert*.cc files share and proto_convert.h does not export: telling an
// unset time, building a request field path ("complaint.people[2].role") and checking a repeated
// field's length before any of its entries is decoded.
#pragma once

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/errors.h"

namespace redress::intake::proto_convert_internal {

// InfinitePast() is the domain's "never": its Timestamp field stays unset.
inline bool IsNever(absl::Time time) {
  return time == absl::InfinitePast() || time == absl::InfiniteFuture();
}

inline std::string Indexed(const std::string& field, int index) {
  return absl::StrCat(field, "[", index, "]");
}

inline std::string Child(const std::string& field, absl::string_view child) {
  return field.empty() ? std::string(child) : absl::StrCat(field, ".", child);
}

// Whether `size`, the length of the list at `field`, is at most `max`; if not, adds one violation
// on the list, and the caller decodes none of its entries (so none is reported on its own, and a
// huge list costs nothing more).
inline bool CheckListSize(int size, int max, const char* what, const std::string& field,
                          FieldViolations& violations) {
  if (size <= max) return true;
  violations.Add(field, absl::StrCat("at most ", max, " ", what, " are allowed, not ", size));
  return false;
}

}  // namespace redress::intake::proto_convert_internal
