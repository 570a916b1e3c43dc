// The attacks on a JWT's "alg" header: tokens the verifier must refuse however well formed, because
// the algorithm is pinned per key and never taken from the token.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "common/auth/jws.h"
#include "common/auth/token_test_support.h"
#include "common/auth/token_verifier.h"
#include "common/testing/status_matchers.h"
#include "nlohmann/json.hpp"

namespace redress::auth::testing {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::HasSubstr;
using Json = nlohmann::json;

constexpr auto kUnauthenticated = absl::StatusCode::kUnauthenticated;

// Good claims, as the JSON payload of a hand-made token.
std::string GoodPayload(absl::Time now) {
  return Json{{"iss", kIssuer},
              {"aud", kAudience},
              {"sub", "attacker"},
              {"roles", {"administrator"}},
              {"exp", absl::ToUnixSeconds(now + absl::Hours(1))}}
      .dump();
}

std::string SigningInput(const Json& header, const std::string& payload) {
  return Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(payload);
}

std::string HmacSha256(std::string_view secret, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &length);
  return std::string(reinterpret_cast<char*>(mac), length);
}

// The classic forgery: the verifier's RSA public key is public, so an attacker signs with HMAC
// using its PEM text as the secret and says "HS256", hoping the library lets the header pick the
// algorithm and treats the key bytes as the secret.
TEST_F(TokenTest, AnHs256TokenKeyedWithTheRsaPublicKeyPemIsRefused) {
  absl::StatusOr<std::string> pem = PublicKeyPem(SharedKey(JwtAlgorithm::kRS256, 0));
  ASSERT_THAT(pem, IsOk());
  for (const char* kid : {"rsa-0", ""}) {
    Json header = {{"alg", "HS256"}, {"typ", "JWT"}};
    if (*kid != '\0') header["kid"] = kid;
    std::string input = SigningInput(header, GoodPayload(now_));
    std::string forged = "Bearer " + input + "." + Base64UrlEncode(HmacSha256(*pem, input));
    // One verifier whose key has the token's kid, and one whose only key has no kid.
    TokenVerifier verifier =
        Verifier({PublicHalf(SharedKey(JwtAlgorithm::kRS256, 0), kid, JwtAlgorithm::kRS256)});
    EXPECT_THAT(verifier.Verify(forged),
                StatusIs(kUnauthenticated, HasSubstr("token algorithm not accepted")))
        << "kid " << kid;
  }
}

TEST_F(TokenTest, AnUnsignedAlgNoneTokenIsRefused) {
  for (const char* alg : {"none", "None", "NONE"}) {
    std::string input = SigningInput({{"alg", alg}, {"kid", "rsa-0"}}, GoodPayload(now_));
    EXPECT_THAT(RsaVerifier().Verify("Bearer " + input + "."),
                StatusIs(kUnauthenticated, HasSubstr("token algorithm not accepted")))
        << alg;
    // Nor with a genuine signature of the same input attached.
    absl::StatusOr<std::string> signature =
        SignJws(SharedKey(JwtAlgorithm::kRS256, 0), JwtAlgorithm::kRS256, input);
    ASSERT_THAT(signature, IsOk());
    EXPECT_THAT(RsaVerifier().Verify("Bearer " + input + "." + Base64UrlEncode(*signature)),
                StatusIs(kUnauthenticated, HasSubstr("token algorithm not accepted")))
        << alg;
  }
}

TEST_F(TokenTest, AHeaderWithoutAlgOrWithAnUnknownCriticalExtensionIsRefused) {
  const EVP_PKEY& rsa = SharedKey(JwtAlgorithm::kRS256, 0);
  auto signed_with_header = [&](const Json& header) {
    std::string input = SigningInput(header, GoodPayload(now_));
    return "Bearer " + input + "." +
           Base64UrlEncode(SignJws(rsa, JwtAlgorithm::kRS256, input).value_or(""));
  };
  // The control: this hand-made token is accepted when its header is plain.
  EXPECT_THAT(RsaVerifier().Verify(signed_with_header({{"alg", "RS256"}, {"kid", "rsa-0"}})),
              IsOk());
  EXPECT_THAT(RsaVerifier().Verify(signed_with_header({{"kid", "rsa-0"}})),
              StatusIs(kUnauthenticated, HasSubstr("token algorithm not accepted")));
  EXPECT_THAT(RsaVerifier().Verify(signed_with_header({{"alg", 256}, {"kid", "rsa-0"}})),
              StatusIs(kUnauthenticated, HasSubstr("malformed token header")));
  EXPECT_THAT(RsaVerifier().Verify(signed_with_header(
                  {{"alg", "RS256"}, {"kid", "rsa-0"}, {"crit", {"exp"}}, {"exp", 1}})),
              StatusIs(kUnauthenticated, HasSubstr("unsupported token header")));
}

}  // namespace
}  // namespace redress::auth::testing
