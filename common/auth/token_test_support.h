// The fixture of the token verifier's tests: keys generated once per test binary, a fake clock, a
// verifier over chosen keys and a signer of tokens with chosen claims. Test-only.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "common/auth/test_keys.h"
#include "common/auth/token_signer.h"
#include "common/auth/token_verifier.h"
#include "common/testing/fake_clock.h"

namespace redress::auth::testing {

inline constexpr char kIssuer[] = "https://idp.example";
inline constexpr char kAudience[] = "redress";

// Keys shared by every test of the binary (RSA generation is slow): two RSA and two EC keys.
inline const EVP_PKEY& SharedKey(JwtAlgorithm alg, int index) {
  static EvpPkeyPtr* keys =
      new EvpPkeyPtr[4]{GenerateKey(JwtAlgorithm::kRS256), GenerateKey(JwtAlgorithm::kRS256),
                        GenerateKey(JwtAlgorithm::kES256), GenerateKey(JwtAlgorithm::kES256)};
  return *keys[(alg == JwtAlgorithm::kRS256 ? 0 : 2) + index];
}

class TokenTest : public ::testing::Test {
 protected:
  const absl::Time now_ = absl::FromUnixSeconds(1767225600);  // 2026-01-01T00:00:00Z
  redress::testing::FakeClock clock_{now_};

  // Valid claims for a caseworker and assessor, issued a minute ago, expiring in an hour.
  TokenClaims GoodClaims() const {
    TokenClaims claims;
    claims.issuer = kIssuer;
    claims.audiences = {kAudience};
    claims.subject = "user-1";
    claims.roles = {"caseworker", "assessor"};
    claims.issued_at = now_ - absl::Minutes(1);
    claims.expires = now_ + absl::Hours(1);
    return claims;
  }

  TokenVerifier Verifier(std::vector<VerificationKey> keys) const {
    TokenVerifierOptions options;
    options.keys = std::move(keys);
    options.issuer = kIssuer;
    options.audience = kAudience;
    absl::StatusOr<TokenVerifier> verifier = TokenVerifier::Create(std::move(options), clock_);
    if (!verifier.ok()) ADD_FAILURE() << verifier.status();
    return *std::move(verifier);
  }

  // A verifier of the first RSA key, kid "rsa-0".
  TokenVerifier RsaVerifier() const {
    return Verifier(
        {PublicHalf(SharedKey(JwtAlgorithm::kRS256, 0), "rsa-0", JwtAlgorithm::kRS256)});
  }

  // "Bearer <token>" of `claims` signed by `key` under `alg` with header `kid`.
  static std::string Bearer(const EVP_PKEY& key, JwtAlgorithm alg, std::string kid,
                            const TokenClaims& claims) {
    absl::StatusOr<std::string> token = TokenSigner(Share(key), alg, std::move(kid)).Sign(claims);
    if (!token.ok()) ADD_FAILURE() << token.status();
    return "Bearer " + token.value_or("");
  }

  // The first RSA key's bearer token for `claims`, kid "rsa-0".
  static std::string RsaBearer(const TokenClaims& claims) {
    return Bearer(SharedKey(JwtAlgorithm::kRS256, 0), JwtAlgorithm::kRS256, "rsa-0", claims);
  }

  // The first RSA key's bearer token for an arbitrary JSON payload, kid "rsa-0".
  static std::string RsaBearerOfPayload(std::string_view payload_json) {
    absl::StatusOr<std::string> token =
        TokenSigner(Share(SharedKey(JwtAlgorithm::kRS256, 0)), JwtAlgorithm::kRS256, "rsa-0")
            .SignPayload(payload_json);
    if (!token.ok()) ADD_FAILURE() << token.status();
    return "Bearer " + token.value_or("");
  }
};

}  // namespace redress::auth::testing
