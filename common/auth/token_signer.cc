#include "common/auth/token_signer.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/auth/jws.h"
#include "nlohmann/json.hpp"

namespace redress::auth {

using Json = nlohmann::json;

TokenSigner::TokenSigner(EvpPkeyPtr key, JwtAlgorithm alg, std::string kid)
    : key_(std::move(key)), alg_(alg), kid_(std::move(kid)) {}

absl::StatusOr<TokenSigner> TokenSigner::FromPemFile(const std::string& path, JwtAlgorithm alg,
                                                     std::string kid) {
  absl::StatusOr<std::string> pem = ReadKeyFile(path);
  if (!pem.ok()) return pem.status();
  absl::StatusOr<EvpPkeyPtr> key = ParsePemPrivateKey(*pem, alg);
  if (!key.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", key.status().message()));
  }
  return TokenSigner(*std::move(key), alg, std::move(kid));
}

absl::StatusOr<std::string> TokenSigner::Sign(const TokenClaims& claims) const {
  Json payload = Json::object();
  if (!claims.issuer.empty()) payload["iss"] = claims.issuer;
  if (claims.audiences.size() == 1) {
    payload["aud"] = claims.audiences.front();
  } else if (!claims.audiences.empty()) {
    payload["aud"] = claims.audiences;
  }
  if (!claims.subject.empty()) payload["sub"] = claims.subject;
  if (!claims.roles.empty()) payload["roles"] = claims.roles;
  if (!claims.organisation.empty()) payload["organisation"] = claims.organisation;
  payload["iat"] = absl::ToUnixSeconds(claims.issued_at);
  if (claims.not_before) payload["nbf"] = absl::ToUnixSeconds(*claims.not_before);
  if (claims.expires) payload["exp"] = absl::ToUnixSeconds(*claims.expires);
  return SignPayload(payload.dump(-1, ' ', false, Json::error_handler_t::replace));
}

absl::StatusOr<std::string> TokenSigner::SignPayload(std::string_view payload_json) const {
  Json header = {{"alg", std::string(JwtAlgorithmName(alg_))}, {"typ", "JWT"}};
  if (!kid_.empty()) header["kid"] = kid_;
  std::string signing_input =
      absl::StrCat(Base64UrlEncode(header.dump()), ".", Base64UrlEncode(payload_json));
  absl::StatusOr<std::string> signature = SignJws(*key_, alg_, signing_input);
  if (!signature.ok()) return signature.status();
  return absl::StrCat(signing_input, ".", Base64UrlEncode(*signature));
}

}  // namespace redress::auth
