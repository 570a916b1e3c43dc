// redress_token: signs a JWT (RS256 or ES256) with a PEM private key, for tests and development
// (scripts/dev-tokens). Or, with --jwks, prints the JWKS of the key's public half for the
// services' --jwks_file. Production tokens come from the identity provider, never from this.
#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/auth/jwks.h"
#include "common/auth/token_signer.h"

ABSL_FLAG(std::string, key, "", "PEM private key file (RSA >= 2048 bits, or EC P-256); required");
ABSL_FLAG(std::string, alg, "RS256", "RS256 or ES256; must fit --key");
ABSL_FLAG(std::string, kid, "", "key id for the token header (and the JWKS); none when empty");
ABSL_FLAG(std::string, iss, "", "issuer (\"iss\"); required for a token");
ABSL_FLAG(std::string, aud, "", "audience (\"aud\"); comma-separated for several; required");
ABSL_FLAG(std::string, sub, "", "subject (\"sub\"); required for a token");
ABSL_FLAG(std::string, roles, "", "comma-separated roles (\"roles\"), e.g. caseworker,assessor");
ABSL_FLAG(std::string, organisation, "", "organisation id (\"organisation\") of a liaison");
ABSL_FLAG(absl::Duration, ttl, absl::Hours(1), "lifetime: \"exp\" is now + ttl");
ABSL_FLAG(bool, jwks, false, "print the JWKS of the key's public half instead of a token");

namespace {

constexpr char kUsage[] = R"(signs a development JWT, or prints the JWKS of a key.

Usage:
  redress_token --key=private.pem [--alg=RS256|ES256] [--kid=ID] --iss=ISSUER --aud=AUDIENCE
                --sub=SUBJECT [--roles=a,b] [--organisation=ORG] [--ttl=1h]
      prints the token (one line)
  redress_token --key=private.pem [--alg=RS256|ES256] [--kid=ID] --jwks
      prints a JWKS holding the key's public half, with "kid", "alg" and "use": "sig"

Exit codes: 0 printed; 1 usage error; 2 the key could not be read or used.)";

std::vector<std::string> CommaList(const std::string& text) {
  return absl::StrSplit(text, ',', absl::SkipEmpty());
}

int Fail(int code, const std::string& message) {
  std::fprintf(stderr, "redress_token: %s\n", message.c_str());
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(kUsage);
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  if (args.size() > 1) return Fail(1, "unexpected argument " + std::string(args[1]));
  if (absl::GetFlag(FLAGS_key).empty()) return Fail(1, "--key is required");
  absl::StatusOr<redress::auth::JwtAlgorithm> alg =
      redress::auth::ParseJwtAlgorithm(absl::GetFlag(FLAGS_alg));
  if (!alg.ok()) return Fail(1, std::string(alg.status().message()));
  absl::StatusOr<redress::auth::TokenSigner> signer = redress::auth::TokenSigner::FromPemFile(
      absl::GetFlag(FLAGS_key), *alg, absl::GetFlag(FLAGS_kid));
  if (!signer.ok()) return Fail(2, std::string(signer.status().message()));

  if (absl::GetFlag(FLAGS_jwks)) {
    absl::StatusOr<std::string> jwks =
        redress::auth::ToJwks(signer->key(), absl::GetFlag(FLAGS_kid), *alg);
    if (!jwks.ok()) return Fail(2, std::string(jwks.status().message()));
    std::fputs(jwks->c_str(), stdout);
    return 0;
  }
  redress::auth::TokenClaims claims;
  claims.issuer = absl::GetFlag(FLAGS_iss);
  claims.audiences = CommaList(absl::GetFlag(FLAGS_aud));
  claims.subject = absl::GetFlag(FLAGS_sub);
  if (claims.issuer.empty() || claims.audiences.empty() || claims.subject.empty()) {
    return Fail(1, "--iss, --aud and --sub are required for a token");
  }
  if (absl::GetFlag(FLAGS_ttl) <= absl::ZeroDuration()) return Fail(1, "--ttl must be positive");
  claims.roles = CommaList(absl::GetFlag(FLAGS_roles));
  claims.organisation = absl::GetFlag(FLAGS_organisation);
  claims.issued_at = absl::Now();
  claims.expires = claims.issued_at + absl::GetFlag(FLAGS_ttl);
  absl::StatusOr<std::string> token = signer->Sign(claims);
  if (!token.ok()) return Fail(2, std::string(token.status().message()));
  std::printf("%s\n", token->c_str());
  return 0;
}
