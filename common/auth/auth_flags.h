// The command-line flags that configure a service's TokenVerifier, and their translation into
// TokenVerifierOptions. Link redress_auth_flags and call TokenVerifierFlagsFromCommandLine so the
// flags are defined in the binary.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/token_verifier.h"

// PEM public key files (comma-separated), each pinned to its --jwt_algorithm.
ABSL_DECLARE_FLAG(std::vector<std::string>, jwt_public_key_file);
// RS256 or ES256: one for every --jwt_public_key_file, or one per file in the same order.
ABSL_DECLARE_FLAG(std::vector<std::string>, jwt_algorithm);
// Key ids of the --jwt_public_key_file keys, one per file; none (empty kids) when not given.
ABSL_DECLARE_FLAG(std::vector<std::string>, jwt_key_id);
// A JWKS file (RFC 7517) instead of --jwt_public_key_file; each key's "alg" is pinned.
ABSL_DECLARE_FLAG(std::string, jwks_file);
// The "iss" and an "aud" every token must carry.
ABSL_DECLARE_FLAG(std::string, jwt_issuer);
ABSL_DECLARE_FLAG(std::string, jwt_audience);
// How far "exp" and "nbf" may be off the clock.
ABSL_DECLARE_FLAG(absl::Duration, jwt_clock_skew);

namespace redress::auth {

// The flags' values, so that their translation is testable without the global flags.
struct TokenVerifierFlags {
  std::vector<std::string> public_key_files;
  std::vector<std::string> algorithms;
  std::vector<std::string> key_ids;
  std::string jwks_file;
  std::string issuer;
  std::string audience;
  absl::Duration clock_skew = absl::Seconds(60);
};

TokenVerifierFlags TokenVerifierFlagsFromCommandLine();

// The verifier options `flags` describe, with the keys loaded; nullopt when neither key source
// is given (tokens are not configured: the caller decides whether that is allowed).
// INVALID_ARGUMENT when both sources are given, the lists' lengths disagree, an algorithm is
// unknown, a key file is malformed or does not fit its algorithm, or --jwt_issuer /
// --jwt_audience is missing; NOT_FOUND when a file cannot be read.
absl::StatusOr<std::optional<TokenVerifierOptions>> TokenVerifierOptionsFrom(
    const TokenVerifierFlags& flags);

}  // namespace redress::auth
