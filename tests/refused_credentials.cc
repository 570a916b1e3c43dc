#include "tests/refused_credentials.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdlib>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/auth/jws.h"
#include "common/auth/role.h"
#include "common/auth/test_keys.h"
#include "common/auth/token_signer.h"
#include "common/status_macros.h"

namespace redress::testing {
namespace {

using auth::JwtAlgorithm;
using auth::TokenClaims;
using auth::TokenSigner;

// The key id scripts/dev-tokens gives the development key: a forged token names it so that the
// server picks that key and must then refuse the token on its merits.
constexpr char kDevKeyId[] = "dev-1";

// Claims the development server would accept: every role, valid for an hour.
TokenClaims GoodClaims(absl::Time now) {
  TokenClaims claims;
  claims.issuer = kDevIssuer;
  claims.audiences = {kDevAudience};
  claims.subject = "intruder";
  for (auth::Role role : auth::kAllRoles) claims.roles.emplace_back(auth::RoleName(role));
  claims.organisation = "dev-organisation";
  claims.issued_at = now - absl::Minutes(1);
  claims.expires = now + absl::Hours(1);
  return claims;
}

std::string HmacSha256(std::string_view secret, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &length);
  return std::string(reinterpret_cast<char*>(mac), length);
}

// The base64url payload of a compact token.
std::string PayloadPart(const std::string& token) {
  const size_t first = token.find('.');
  const size_t second = token.find('.', first + 1);
  return token.substr(first + 1, second - first - 1);
}

}  // namespace

absl::StatusOr<std::vector<RefusedToken>> MakeRefusedTokens(const DevCredentials& credentials) {
  ASSIGN_OR_RETURN(TokenSigner dev_key, TokenSigner::FromPemFile(credentials.jwt_private_key_file(),
                                                                 JwtAlgorithm::kRS256, kDevKeyId));
  const absl::Time now = absl::Now();
  std::vector<RefusedToken> tokens;
  auto sign = [&](std::string name, const TokenSigner& signer, const TokenClaims& claims,
                  std::string refusal) -> absl::Status {
    ASSIGN_OR_RETURN(std::string token, signer.Sign(claims));
    tokens.push_back({std::move(name), std::move(token), std::move(refusal)});
    return absl::OkStatus();
  };

  // Past the verifier's clock skew allowance (a minute) in every case.
  TokenClaims expired = GoodClaims(now - absl::Hours(2));
  RETURN_IF_ERROR(sign("expired an hour ago", dev_key, expired, "token expired"));
  TokenClaims early = GoodClaims(now);
  early.not_before = now + absl::Hours(1);
  early.expires = now + absl::Hours(2);
  RETURN_IF_ERROR(sign("not valid for another hour", dev_key, early, "token not yet valid"));
  TokenClaims elsewhere = GoodClaims(now);
  elsewhere.audiences = {"another-system"};
  RETURN_IF_ERROR(sign("for another audience", dev_key, elsewhere, "token audience not accepted"));
  TokenClaims stranger = GoodClaims(now);
  stranger.issuer = "https://idp.example";
  RETURN_IF_ERROR(sign("from another issuer", dev_key, stranger, "token issuer not accepted"));
  const TokenSigner other_key(auth::testing::GenerateKey(JwtAlgorithm::kRS256),
                              JwtAlgorithm::kRS256, kDevKeyId);
  RETURN_IF_ERROR(
      sign("signed by another RSA key", other_key, GoodClaims(now), "invalid token signature"));

  // The payload of a token the server would accept, under forged headers and signatures.
  ASSIGN_OR_RETURN(std::string good, dev_key.Sign(GoodClaims(now)));
  const std::string payload = PayloadPart(good);
  // The classic forgery: the public key is public, so sign with HMAC keyed by its PEM text and
  // hope the server lets the header choose the algorithm.
  const std::string public_pem = ReadFileOrEmpty(credentials.jwt_public_key_file());
  if (public_pem.empty()) return absl::InternalError("no development public key");
  const std::string hs256_input =
      auth::Base64UrlEncode(R"({"alg":"HS256","typ":"JWT","kid":"dev-1"})") + "." + payload;
  tokens.push_back({"HS256 keyed by the RSA public key's PEM",
                    hs256_input + "." + auth::Base64UrlEncode(HmacSha256(public_pem, hs256_input)),
                    "token algorithm not accepted"});
  tokens.push_back(
      {"unsigned, alg none",
       auth::Base64UrlEncode(R"({"alg":"none","typ":"JWT","kid":"dev-1"})") + "." + payload + ".",
       "token algorithm not accepted"});
  return tokens;
}

absl::StatusOr<StrangerCertificates> MakeStrangerCertificates(const DevCredentials& credentials) {
  static const std::optional<std::string>* const made = [&] {
    // Per process: ctest runs tests in parallel, and the shared credentials directory would have
    // two processes writing the same files at once.
    const std::string dir = MakeTempDir("redress-strangers-");
    const std::string command =
        absl::StrCat(REDRESS_MAKE_STRANGER_CERTIFICATES, " ", dir, " ", credentials.ca_file(), " ",
                     credentials.ca_key_file(), " >/dev/null");
    return new std::optional<std::string>(
        std::system(command.c_str()) == 0 ? std::optional<std::string>(dir) : std::nullopt);
  }();
  if (!made->has_value()) {
    return absl::InternalError("tests/make-stranger-certificates failed");
  }
  const std::string& dir = **made;
  auto files = [&](const std::string& name, const std::string& ca) {
    return TlsFiles{dir + "/" + name + ".pem", dir + "/" + name + ".key", ca};
  };
  // The CA file of each is the development CA: the client verifies the server with it.
  return StrangerCertificates{files("unknown-service", credentials.ca_file()),
                              files("foreign-domain", credentials.ca_file()),
                              files("other-ca-remedy", credentials.ca_file())};
}

}  // namespace redress::testing
