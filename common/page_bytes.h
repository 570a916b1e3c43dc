// A page of a List method that stays under a byte budget: gRPC refuses a message over 4 MiB
// (RESOURCE_EXHAUSTED at the client), and a page of 500 long resources could pass it. The page
// stops before the resource that would take it past the budget, and the next page starts after
// the last one it kept. Investigation's lists bound the size before conversion
// (services/investigation/case_limits.h); intake's and remedy's measure each converted message.
#pragma once

#include <cstddef>
#include <vector>

namespace redress {

// The most one page may weigh: half gRPC's default 4 MiB limit, leaving room for the page's
// other fields and the framing.
inline constexpr size_t kMaxPageBytes = size_t{2} << 20;

// Adds `to_proto(item)` for each of `items` to `page` through `add` (`*add(page) = message`),
// stopping before the first message that would take the total past `max_bytes`; the first item
// is always added. Returns how many were added.
template <typename T, typename Page, typename ToProto, typename Add>
size_t AddWithinBytes(const std::vector<T>& items, Page& page, ToProto to_proto, Add add,
                      size_t max_bytes = kMaxPageBytes) {
  size_t bytes = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    auto message = to_proto(items[i]);
    const size_t size = message.ByteSizeLong();
    if (i > 0 && bytes + size > max_bytes) return i;
    bytes += size;
    *add(page) = std::move(message);
  }
  return items.size();
}

}  // namespace redress
