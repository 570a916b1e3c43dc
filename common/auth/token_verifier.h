// Verifies the bearer tokens (JWT, RFC 7519, signed RS256 or ES256) that callers present in the
// "authorization" header, and turns their claims into a Caller.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/caller.h"
#include "common/auth/jwt_key.h"
#include "common/auth/verified_token_cache.h"
#include "common/clock.h"

namespace redress::auth {

struct TokenVerifierOptions {
  // The keys whose signatures are accepted, each pinned to its algorithm. Non-empty; kids unique
  // (at most one key has an empty kid).
  std::vector<VerificationKey> keys;
  // The "iss" a token must carry, exactly. Non-empty.
  std::string issuer;
  // A value the token's "aud" (a string, or an array of strings) must contain. Non-empty.
  std::string audience;
  // How far "exp" and "nbf" may be off the clock in the token's favour. Not negative.
  absl::Duration clock_skew = absl::Seconds(60);
  // The verified-token cache (see TokenVerifier): at most this many tokens, each kept at most
  // this long. 0 entries or a zero TTL caches nothing; the TTL is not negative.
  size_t verified_cache_capacity = 1024;
  absl::Duration verified_cache_ttl = absl::Minutes(1);
};

// How the verified-token cache has served: Verify calls answered from it, calls that verified
// the token (refused ones included), and tokens held now.
struct TokenCacheStats {
  uint64_t hits = 0;
  uint64_t misses = 0;
  size_t size = 0;
};

// Thread-safe; its configuration is immutable after Create. Move-only.
//
// Key selection: a token whose header "kid" equals a key's kid uses that key; otherwise (another
// kid, or none) it uses the key configured without kid, if there is one (a PEM key has no id, so
// it verifies whatever kid its issuer stamps); otherwise the token is refused. The key's pinned
// algorithm must equal the header's "alg": the header never chooses the algorithm, so "none",
// HS256 (whose "secret" an attacker would take from the public key) and a swap between RS256
// and ES256 are refused.
//
// Verified-token cache: a token that verified is remembered (verified_token_cache.h), keyed by
// the whole token string, with its caller and the window [nbf - skew, exp + skew) in which a
// fresh verification would accept it; presented again within `verified_cache_ttl` and inside that
// window, it is answered from the cache without checking the signature again. A token that
// failed is never cached, so a bad token costs a full verification every time, as before. The
// answers do not change: verification depends only on the token string, the options (fixed for
// the verifier's life) and the time, and the cache is used only at times when a fresh check of
// the same string would give the same caller. Redress has no revocation list today: a token is
// good until its "exp" (plus skew) under the keys the service started with, and that stays so; a
// key taken out of service means a restart with new keys, hence a new verifier and an empty cache.
// The TTL only bounds how long a token string stays in memory after its last verification. The
// cache holds at most `verified_cache_capacity` tokens of at most 8 KiB each (the default: at most
// 8 MiB, about 1.5 MiB for tokens of an ordinary 1 KiB).
class TokenVerifier {
 public:
  // INVALID_ARGUMENT when `options` break the rules above. `clock` must outlive the verifier.
  static absl::StatusOr<TokenVerifier> Create(TokenVerifierOptions options, const Clock& clock);

  // The caller of a request whose authorization header is `authorization` ("Bearer <jwt>"; the
  // scheme is case-insensitive). UNAUTHENTICATED, with a short message safe to return to the
  // client, when the header is missing or malformed, the token is not base64url/JSON, its key is
  // unknown, its alg is not the key's, its signature is bad, its "iss" or "aud" is not the
  // expected one, "exp" is missing or past, "nbf" is in the future, "sub" is missing or empty, or
  // "roles" / "organisation" have the wrong JSON type. Never throws.
  absl::StatusOr<Caller> Verify(std::string_view authorization) const;

  TokenCacheStats CacheStats() const;

 private:
  TokenVerifier(TokenVerifierOptions options, const Clock& clock);
  const VerificationKey* SelectKey(std::string_view kid) const;
  // The full check of `token` at `now`, without the cache.
  absl::StatusOr<VerifiedToken> VerifyToken(std::string_view token, absl::Time now) const;

  TokenVerifierOptions options_;
  const Clock* clock_;
  std::unique_ptr<VerifiedTokenCache> cache_;
};

}  // namespace redress::auth
