#include "common/audit/audit_entry.h"

#include <openssl/sha.h>

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace redress::audit {
namespace {

// Appends `field` as an 8-byte big-endian length and its bytes.
void AppendField(std::string& out, std::string_view field) {
  const uint64_t size = field.size();
  for (int shift = 56; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((size >> shift) & 0xff));
  }
  out.append(field.data(), field.size());
}

}  // namespace

bool AuditEntry::operator==(const AuditEntry& other) const {
  return sequence == other.sequence && time == other.time && actor == other.actor &&
         rpc == other.rpc && resource == other.resource && request_id == other.request_id &&
         before_digest == other.before_digest && after_digest == other.after_digest &&
         previous_hash == other.previous_hash && hash == other.hash;
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * SHA256_DIGEST_LENGTH);
  for (unsigned char byte : digest) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 0xf]);
  }
  return hex;
}

std::string AuditEntryHash(const AuditEntry& entry) {
  std::string encoded;
  AppendField(encoded, "redress.audit.v1");
  AppendField(encoded, absl::StrCat(entry.sequence));
  for (const std::string* field :
       {&entry.time, &entry.actor, &entry.rpc, &entry.resource, &entry.request_id,
        &entry.before_digest, &entry.after_digest, &entry.previous_hash}) {
    AppendField(encoded, *field);
  }
  return Sha256Hex(encoded);
}

std::string FormatAuditTime(absl::Time time) {
  return absl::FormatTime("%Y-%m-%d%ET%H:%M:%E6SZ", time, absl::UTCTimeZone());
}

void StateDigest::BeginRow(std::string_view table) {
  rows_.emplace_back();
  AppendField(rows_.back(), table);
}

void StateDigest::AddColumn(std::string_view name, std::string_view value, bool is_null) {
  if (rows_.empty()) BeginRow("");
  AppendField(rows_.back(), name);
  AppendField(rows_.back(), is_null ? "N" : "V");
  AppendField(rows_.back(), value);
}

std::string StateDigest::Digest() const {
  if (rows_.empty()) return "";
  std::vector<std::string> sorted = rows_;
  std::sort(sorted.begin(), sorted.end());
  std::string encoded;
  for (const std::string& row : sorted) AppendField(encoded, row);
  return Sha256Hex(encoded);
}

}  // namespace redress::audit
