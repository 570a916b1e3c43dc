// Verifies the bearer tokens (JWT, RFC 7519, signed RS256 or ES256) that callers present in the
// "authorization" header, and turns their claims into a Caller.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/caller.h"
#include "common/auth/jwt_key.h"
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
};

// Thread-safe; immutable after Create.
//
// Key selection: a token whose header "kid" equals a key's kid uses that key; otherwise (another
// kid, or none) it uses the key configured without kid, if there is one (a PEM key has no id, so
// it verifies whatever kid its issuer stamps); otherwise the token is refused. The key's pinned
// algorithm must equal the header's "alg": the header never chooses the algorithm, so "none",
// HS256 (whose "secret" an attacker would take from the public key) and a swap between RS256
// and ES256 are refused.
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

 private:
  TokenVerifier(TokenVerifierOptions options, const Clock& clock);
  const VerificationKey* SelectKey(std::string_view kid) const;

  TokenVerifierOptions options_;
  const Clock* clock_;
};

}  // namespace redress::auth
