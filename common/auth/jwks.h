// JSON Web Key Sets (RFC 7517) of public verification keys: reading one for the verifier, and
// writing one for the dev tooling (tools/redress_token --jwks).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/auth/jwt_key.h"

namespace redress::auth {

// Parses a JWKS document {"keys": [...]}. Each key needs "kty" RSA (with "n", "e") or EC (with
// "crv" "P-256", "x", "y"), an "alg" (RS256 for RSA, ES256 for EC) that is pinned to the key, and
// may have a "kid" (a string). A key with "use" other than "sig" is skipped. Any malformed key, a
// set with no usable key, or two keys with the same kid -> INVALID_ARGUMENT naming the key's
// index; a malformed set is refused whole rather than partly loaded.
absl::StatusOr<std::vector<VerificationKey>> ParseJwks(std::string_view json);
// The same, read from the file at `path` (NOT_FOUND when it cannot be read).
absl::StatusOr<std::vector<VerificationKey>> LoadJwksFile(const std::string& path);

// A JWKS document holding the public part of `key` (public or private) with "kid", "alg" and
// "use": "sig". REQUIRES: CheckKeyFitsAlgorithm(key, alg).
absl::StatusOr<std::string> ToJwks(const EVP_PKEY& key, std::string_view kid, JwtAlgorithm alg);

}  // namespace redress::auth
