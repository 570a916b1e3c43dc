// Issues signed JWTs (compact JWS, RS256 or ES256) for tests and the dev tooling
// (tools/redress_token, scripts/dev-tokens). Production tokens come from the identity provider;
// nothing in a service signs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/jwt_key.h"

namespace redress::auth {

// The claims TokenVerifier reads. An empty string or vector leaves its claim out.
struct TokenClaims {
  std::string issuer;                    // "iss"
  std::vector<std::string> audiences;    // "aud": a string when one, an array when several
  std::string subject;                   // "sub"
  std::vector<std::string> roles;        // "roles", as given (unknown names are allowed)
  std::string organisation;              // "organisation"
  absl::Time issued_at;                  // "iat"
  std::optional<absl::Time> not_before;  // "nbf"
  std::optional<absl::Time> expires;     // "exp"
};

class TokenSigner {
 public:
  // A signer with the private `key` (which must fit `alg`); `kid` (may be empty, then no "kid"
  // header) names the verification key.
  TokenSigner(EvpPkeyPtr key, JwtAlgorithm alg, std::string kid);
  // From a PEM private key file.
  static absl::StatusOr<TokenSigner> FromPemFile(const std::string& path, JwtAlgorithm alg,
                                                 std::string kid);

  // The compact token "<header>.<payload>.<signature>" for `claims`.
  absl::StatusOr<std::string> Sign(const TokenClaims& claims) const;
  // The token for an arbitrary JSON payload (tests build malformed claims with it). The header
  // is {"alg", "typ": "JWT", "kid"}.
  absl::StatusOr<std::string> SignPayload(std::string_view payload_json) const;

  const EVP_PKEY& key() const { return *key_; }
  JwtAlgorithm alg() const { return alg_; }

 private:
  std::shared_ptr<EVP_PKEY> key_;
  JwtAlgorithm alg_;
  std::string kid_;
};

}  // namespace redress::auth
