// One entry of a service's append-only, hash-chained audit log (docs/audit.md): who changed which
// resource in which call, when, and digests of the resource before and after, linked to the entry
// before it by that entry's hash. The stores write entries (common/store/*/audit_log.h); the
// verifier (audit_verifier.h) checks a chain.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"

namespace redress::audit {

// The previous hash of the first entry: 64 zeros.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct AuditEntry {
  int64_t sequence = 0;    // 1, 2, 3, ... with no gaps
  std::string time;        // RFC 3339, UTC, microseconds (FormatAuditTime)
  std::string actor;       // Principal::Actor(), or "system:<service>" outside any call
  std::string rpc;         // "intake.SubmitComplaint", or the background job ("remedy.follow-up")
  std::string resource;    // "complaints/c-123"
  std::string request_id;  // the call's idempotency key where the store has one, else ""
  std::string before_digest;  // hex SHA-256 of the stored state before; "" for a creation
  std::string after_digest;   // hex SHA-256 of the stored state after
  std::string previous_hash;  // the previous entry's hash; kGenesisHash for the first
  std::string hash;           // AuditEntryHash(*this)

  bool operator==(const AuditEntry& other) const;
};

// What a store records of one change, the rest of the entry coming from the current call
// (audit_scope.h), the clock and the chain.
struct AuditChange {
  std::string resource;      // "complaints/c-123"
  std::string request_id;    // the idempotency key, or ""
  std::string after_digest;  // StateDigest of the resource as the change leaves it
};

// The lowercase hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

// The hex SHA-256 over a canonical encoding of every field of `entry` but `hash`: a version tag,
// then each field (sequence as decimal text) as an 8-byte big-endian length and its bytes, in the
// order declared above. Length prefixes make the encoding unambiguous, so no two different
// entries share it.
std::string AuditEntryHash(const AuditEntry& entry);

// `time` as the entry's time: "2026-12-05T14:06:08.123456Z".
std::string FormatAuditTime(absl::Time time);

// Builds the "after digest" of a resource: feed it the resource's stored rows in any order (each
// row as its column names and values); Digest() sorts the rows, so the result does not depend on
// the order a query returned them in.
class StateDigest {
 public:
  // Starts a row (every row of every table of the resource, child rows included).
  void BeginRow(std::string_view table);
  // Adds a column of the current row; `is_null` distinguishes NULL from "".
  void AddColumn(std::string_view name, std::string_view value, bool is_null = false);
  // The hex SHA-256 of the sorted rows; "" when no row was added (the resource does not exist).
  std::string Digest() const;

 private:
  std::vector<std::string> rows_;
};

}  // namespace redress::audit
