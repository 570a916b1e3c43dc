// List paging as in AIP-158: page sizes with a default and a maximum, and opaque page tokens that
// carry a cursor and are bound to the filter they were issued for.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace redress {

// 0 -> `default_size`; above `max_size` -> `max_size`; negative -> INVALID_ARGUMENT on
// "page_size".
absl::StatusOr<int> ResolvePageSize(int requested, int default_size, int max_size);

// An opaque, URL-safe token holding `cursor` (any bytes) and a fingerprint of `filter`.
std::string EncodePageToken(std::string_view cursor, std::string_view filter);

// The cursor of a token from EncodePageToken. An empty token gives an empty cursor. A token that
// is malformed, or was issued for a different filter, is INVALID_ARGUMENT on "page_token".
absl::StatusOr<std::string> DecodePageToken(std::string_view token, std::string_view filter);

// For a list fetched with a limit of `page_size + 1`: trims `items` to `page_size` and returns the
// token of the next page (from `cursor_of(last item kept)`), or "" when `items` held no more than
// one page. Fetching one extra row tells whether another page follows without counting.
template <typename T, typename CursorOf>
std::string TakePage(std::vector<T>& items, int page_size, std::string_view filter,
                     CursorOf cursor_of) {
  if (static_cast<int>(items.size()) <= page_size) return "";
  items.resize(page_size);
  return EncodePageToken(cursor_of(items.back()), filter);
}

// 64-bit FNV-1a of `bytes` as 16 lower-case hex digits: a stable fingerprint (same on every run
// and machine), used for idempotency and token binding. Not for security.
std::string Fingerprint(std::string_view bytes);

}  // namespace redress
