// Internal to the stores: which evidence items or comments a write adds (store.h: they are
// append-only). An investigation carries the most recent `count` items' last few as `window`; the
// store holds `stored` of them; the write adds those numbered stored + 1 .. count.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace redress::investigation {

// An item a write adds and its number (1 for e1 or c1).
template <typename T>
struct AppendedEntry {
  int number;
  const T* entry;
};

// The entries of `window` numbered past `stored`, in order. INTERNAL when `count` is below
// `stored` (items are never removed), when `window` holds more than `count`, or when it does not
// reach back to number stored + 1 (an added item would be lost). `what` names them ("evidence").
template <typename T>
absl::StatusOr<std::vector<AppendedEntry<T>>> AppendedEntries(const std::vector<T>& window,
                                                              int count, int stored,
                                                              std::string_view what) {
  const int first = count - static_cast<int>(window.size()) + 1;  // number of window[0]
  if (count < stored || first < 1 || first > stored + 1) {
    return absl::InternalError(absl::StrCat(
        "cannot write ", std::string(what), ": ", count, " in all, ", window.size(), " carried, ",
        stored, " stored; items are only appended, and each added one must be carried"));
  }
  std::vector<AppendedEntry<T>> added;
  for (int number = stored + 1; number <= count; ++number) {
    added.push_back({number, &window[number - first]});
  }
  return added;
}

}  // namespace redress::investigation
