// Page sizes and page tokens. A token is base64url (no padding) of
//   "v1" <16 hex digits: Fingerprint(filter)> <cursor bytes>
// so that it is opaque to clients, versioned, and refused when replayed with another filter.

#include "common/paging.h"

#include <cstdint>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"

namespace redress {
namespace {

// Our Abseil is built with its own string_view type; our interfaces use std::string_view.
absl::string_view AsAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

constexpr absl::string_view kTokenVersion = "v1";
constexpr size_t kFingerprintLength = 16;

absl::Status BadPageToken(std::string description) {
  return InvalidArgument({{"page_token", std::move(description)}});
}

}  // namespace

absl::StatusOr<int> ResolvePageSize(int requested, int default_size, int max_size) {
  if (requested < 0) return InvalidArgument({{"page_size", "must not be negative"}});
  if (requested == 0) return default_size;
  return requested > max_size ? max_size : requested;
}

std::string EncodePageToken(std::string_view cursor, std::string_view filter) {
  return absl::WebSafeBase64Escape(
      absl::StrCat(kTokenVersion, Fingerprint(filter), AsAbsl(cursor)));
}

absl::StatusOr<std::string> DecodePageToken(std::string_view token, std::string_view filter) {
  if (token.empty()) return std::string();
  std::string payload;
  if (!absl::WebSafeBase64Unescape(AsAbsl(token), &payload) ||
      payload.size() < kTokenVersion.size() + kFingerprintLength ||
      !absl::StartsWith(payload, kTokenVersion)) {
    return BadPageToken(
        "is not a valid page token (send the next_page_token of a previous response unchanged)");
  }
  const std::string_view fingerprint =
      std::string_view(payload).substr(kTokenVersion.size(), kFingerprintLength);
  if (fingerprint != Fingerprint(filter)) {
    return BadPageToken(
        "belongs to another filter (send the same filter as the request that returned it, or "
        "start again without a page_token)");
  }
  return payload.substr(kTokenVersion.size() + kFingerprintLength);
}

std::string Fingerprint(std::string_view bytes) {
  uint64_t hash = 14695981039346656037ULL;  // FNV-1a 64 offset basis
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;  // FNV-1a 64 prime
  }
  return absl::StrCat(absl::Hex(hash, absl::kZeroPad16));
}

}  // namespace redress
