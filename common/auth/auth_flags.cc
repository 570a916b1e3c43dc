#include "common/auth/auth_flags.h"

#include <utility>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/auth/jwks.h"

ABSL_FLAG(std::vector<std::string>, jwt_public_key_file, {},
          "PEM public key files (comma-separated) that verify callers' bearer tokens");
ABSL_FLAG(std::vector<std::string>, jwt_algorithm, {"RS256"},
          "RS256 or ES256, pinned to the --jwt_public_key_file keys: one for all or one per file");
ABSL_FLAG(std::vector<std::string>, jwt_key_id, {},
          "key ids of the --jwt_public_key_file keys, one per file; none by default");
ABSL_FLAG(std::string, jwks_file, "",
          "JWKS file (RFC 7517) of the keys that verify callers' bearer tokens");
ABSL_FLAG(std::string, jwt_issuer, "", "the \"iss\" callers' bearer tokens must carry");
ABSL_FLAG(std::string, jwt_audience, "", "an \"aud\" callers' bearer tokens must carry");
ABSL_FLAG(absl::Duration, jwt_clock_skew, absl::Seconds(60),
          "how far a bearer token's exp and nbf may be off the clock");

namespace redress::auth {
namespace {

absl::StatusOr<std::vector<VerificationKey>> PemKeys(const TokenVerifierFlags& flags) {
  const size_t n = flags.public_key_files.size();
  if (flags.algorithms.size() != 1 && flags.algorithms.size() != n) {
    return absl::InvalidArgumentError(
        "--jwt_algorithm needs one value, or one per --jwt_public_key_file");
  }
  if (!flags.key_ids.empty() && flags.key_ids.size() != n) {
    return absl::InvalidArgumentError("--jwt_key_id needs one value per --jwt_public_key_file");
  }
  std::vector<VerificationKey> keys;
  for (size_t i = 0; i < n; ++i) {
    absl::StatusOr<JwtAlgorithm> alg =
        ParseJwtAlgorithm(flags.algorithms[flags.algorithms.size() == 1 ? 0 : i]);
    if (!alg.ok()) return alg.status();
    std::string kid = flags.key_ids.empty() ? "" : flags.key_ids[i];
    absl::StatusOr<VerificationKey> key =
        LoadPemPublicKeyFile(flags.public_key_files[i], std::move(kid), *alg);
    if (!key.ok()) return key.status();
    keys.push_back(*std::move(key));
  }
  return keys;
}

}  // namespace

TokenVerifierFlags TokenVerifierFlagsFromCommandLine() {
  TokenVerifierFlags flags;
  flags.public_key_files = absl::GetFlag(FLAGS_jwt_public_key_file);
  flags.algorithms = absl::GetFlag(FLAGS_jwt_algorithm);
  flags.key_ids = absl::GetFlag(FLAGS_jwt_key_id);
  flags.jwks_file = absl::GetFlag(FLAGS_jwks_file);
  flags.issuer = absl::GetFlag(FLAGS_jwt_issuer);
  flags.audience = absl::GetFlag(FLAGS_jwt_audience);
  flags.clock_skew = absl::GetFlag(FLAGS_jwt_clock_skew);
  return flags;
}

absl::StatusOr<std::optional<TokenVerifierOptions>> TokenVerifierOptionsFrom(
    const TokenVerifierFlags& flags) {
  const bool pem = !flags.public_key_files.empty();
  const bool jwks = !flags.jwks_file.empty();
  if (!pem && !jwks) return std::optional<TokenVerifierOptions>();
  if (pem && jwks) {
    return absl::InvalidArgumentError("give --jwt_public_key_file or --jwks_file, not both");
  }
  if (flags.issuer.empty() || flags.audience.empty()) {
    return absl::InvalidArgumentError("bearer tokens need --jwt_issuer and --jwt_audience");
  }
  absl::StatusOr<std::vector<VerificationKey>> keys =
      pem ? PemKeys(flags) : LoadJwksFile(flags.jwks_file);
  if (!keys.ok()) return keys.status();
  TokenVerifierOptions options;
  options.keys = *std::move(keys);
  options.issuer = flags.issuer;
  options.audience = flags.audience;
  options.clock_skew = flags.clock_skew;
  return std::optional<TokenVerifierOptions>(std::move(options));
}

}  // namespace redress::auth
