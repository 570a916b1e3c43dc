// A bounded cache of the bearer tokens a TokenVerifier has verified and the callers they name, so
// that a token presented again costs a lookup instead of a signature check and two JSON parses.
// A TLS server verifies each call's token twice (the token gate, then the caller interceptor:
// call_security.h), and a client sends the same token on every call until it expires.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/auth/caller.h"

namespace redress::auth {

// A token that verified: its caller and the window [not_before, expires) of times at which it is
// acceptable (its "nbf" and "exp" widened by the verifier's clock skew).
struct VerifiedToken {
  Caller caller;
  absl::Time not_before = absl::InfinitePast();
  absl::Time expires;
};

// Thread-safe. Holds at most `capacity` tokens; each for at most `ttl` after it was added, and
// only while the token itself is acceptable. Only tokens that verified are ever added: a refused
// token is never in the cache, so it is verified (and refused) again each time it is presented.
class VerifiedTokenCache {
 public:
  // `capacity` 0 or `ttl` not positive: caches nothing.
  VerifiedTokenCache(size_t capacity, absl::Duration ttl);
  VerifiedTokenCache(const VerifiedTokenCache&) = delete;
  VerifiedTokenCache& operator=(const VerifiedTokenCache&) = delete;

  // The caller `token` was added with, when it was added less than `ttl` ago and `now` lies in
  // its window [not_before, expires); otherwise nullopt (the token must be verified afresh).
  std::optional<Caller> Find(std::string_view token, absl::Time now) const;

  // Records that `token` verified at `now` as `verified`, to be used until min(verified.expires,
  // now + ttl). When the cache is full it first drops the entries no longer usable at `now`, then,
  // if still full, the entry whose use ends soonest. Replaces an entry of the same token.
  void Add(std::string_view token, const VerifiedToken& verified, absl::Time now);

  // Entries held now (usable or not yet dropped).
  size_t size() const;
  // Find calls that returned a caller, and that did not.
  uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }

 private:
  struct Entry {
    Caller caller;
    absl::Time not_before;
    absl::Time use_until;  // min(expires, time added + ttl)
  };

  void DropUnusable(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const size_t capacity_;
  const absl::Duration ttl_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, Entry> entries_ ABSL_GUARDED_BY(mu_);
  mutable std::atomic<uint64_t> hits_{0};
  mutable std::atomic<uint64_t> misses_{0};
};

}  // namespace redress::auth
