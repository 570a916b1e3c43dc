#include "common/auth/jwks.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/auth/jws.h"
#include "nlohmann/json.hpp"

namespace redress::auth {
namespace {

using Json = nlohmann::json;

struct BnDeleter {
  void operator()(BIGNUM* bn) const { BN_free(bn); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnDeleter>;
struct ParamBldDeleter {
  void operator()(OSSL_PARAM_BLD* bld) const { OSSL_PARAM_BLD_free(bld); }
};
struct ParamDeleter {
  void operator()(OSSL_PARAM* params) const { OSSL_PARAM_free(params); }
};
struct PkeyCtxDeleter {
  void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};

// The base64url-decoded string member `name` of `jwk`, or an error naming it.
absl::StatusOr<std::string> Member(const Json& jwk, const char* name) {
  auto it = jwk.find(name);
  if (it == jwk.end() || !it->is_string()) {
    return absl::InvalidArgumentError(absl::StrCat("\"", name, "\" missing or not a string"));
  }
  std::optional<std::string> bytes = Base64UrlDecode(it->get_ref<const std::string&>());
  if (!bytes || bytes->empty()) {
    return absl::InvalidArgumentError(absl::StrCat("\"", name, "\" is not base64url"));
  }
  return *bytes;
}

absl::StatusOr<std::shared_ptr<EVP_PKEY>> FromParams(const char* type, OSSL_PARAM_BLD* bld) {
  std::unique_ptr<OSSL_PARAM, ParamDeleter> params(OSSL_PARAM_BLD_to_param(bld));
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter> ctx(
      EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* key = nullptr;
  if (params == nullptr || ctx == nullptr || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return absl::InvalidArgumentError("not a valid public key");
  }
  return std::shared_ptr<EVP_PKEY>(key, EvpPkeyDeleter());
}

absl::StatusOr<std::shared_ptr<EVP_PKEY>> RsaKey(const Json& jwk) {
  absl::StatusOr<std::string> n = Member(jwk, "n");
  if (!n.ok()) return n.status();
  absl::StatusOr<std::string> e = Member(jwk, "e");
  if (!e.ok()) return e.status();
  auto to_bn = [](const std::string& bytes) {
    return BnPtr(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                           static_cast<int>(bytes.size()), nullptr));
  };
  BnPtr bn_n = to_bn(*n), bn_e = to_bn(*e);
  std::unique_ptr<OSSL_PARAM_BLD, ParamBldDeleter> bld(OSSL_PARAM_BLD_new());
  if (bn_n == nullptr || bn_e == nullptr || bld == nullptr ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1) {
    return absl::InternalError("cannot build the RSA key");
  }
  return FromParams("RSA", bld.get());
}

absl::StatusOr<std::shared_ptr<EVP_PKEY>> EcKey(const Json& jwk) {
  auto crv = jwk.find("crv");
  if (crv == jwk.end() || *crv != "P-256") {
    return absl::InvalidArgumentError("\"crv\" must be \"P-256\"");
  }
  absl::StatusOr<std::string> x = Member(jwk, "x");
  if (!x.ok()) return x.status();
  absl::StatusOr<std::string> y = Member(jwk, "y");
  if (!y.ok()) return y.status();
  if (x->size() != 32 || y->size() != 32) {
    return absl::InvalidArgumentError("\"x\" and \"y\" must be 32 bytes each");
  }
  std::string point = "\x04" + *x + *y;  // uncompressed SEC1 point
  std::unique_ptr<OSSL_PARAM_BLD, ParamBldDeleter> bld(OSSL_PARAM_BLD_new());
  if (bld == nullptr ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) !=
          1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    return absl::InternalError("cannot build the EC key");
  }
  return FromParams("EC", bld.get());  // refuses a point that is not on the curve
}

absl::StatusOr<VerificationKey> ParseJwk(const Json& jwk) {
  if (!jwk.is_object()) return absl::InvalidArgumentError("not a JSON object");
  auto kty = jwk.find("kty");
  auto alg_member = jwk.find("alg");
  if (kty == jwk.end() || !kty->is_string()) {
    return absl::InvalidArgumentError("\"kty\" missing or not a string");
  }
  if (alg_member == jwk.end() || !alg_member->is_string()) {
    return absl::InvalidArgumentError("\"alg\" missing or not a string");
  }
  absl::StatusOr<JwtAlgorithm> alg = ParseJwtAlgorithm(alg_member->get<std::string>());
  if (!alg.ok()) return alg.status();
  std::string kid;
  if (auto it = jwk.find("kid"); it != jwk.end()) {
    if (!it->is_string()) return absl::InvalidArgumentError("\"kid\" is not a string");
    kid = it->get<std::string>();
  }
  absl::StatusOr<std::shared_ptr<EVP_PKEY>> key;
  if (*kty == "RSA" && *alg == JwtAlgorithm::kRS256) {
    key = RsaKey(jwk);
  } else if (*kty == "EC" && *alg == JwtAlgorithm::kES256) {
    key = EcKey(jwk);
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("\"kty\" ", kty->dump(), " does not fit \"alg\" ", alg_member->dump()));
  }
  if (!key.ok()) return key.status();
  if (absl::Status fits = CheckKeyFitsAlgorithm(**key, *alg); !fits.ok()) return fits;
  return VerificationKey{std::move(kid), *alg, *std::move(key)};
}

}  // namespace

absl::StatusOr<std::vector<VerificationKey>> ParseJwks(std::string_view json) {
  Json doc = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return absl::InvalidArgumentError("JWKS is not a JSON object");
  }
  auto keys = doc.find("keys");
  if (keys == doc.end() || !keys->is_array()) {
    return absl::InvalidArgumentError("JWKS has no \"keys\" array");
  }
  std::vector<VerificationKey> result;
  std::set<std::string> kids;
  for (size_t i = 0; i < keys->size(); ++i) {
    const Json& jwk = (*keys)[i];
    if (jwk.is_object()) {
      auto use = jwk.find("use");
      if (use != jwk.end() && *use != "sig") continue;
    }
    absl::StatusOr<VerificationKey> key = ParseJwk(jwk);
    if (!key.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("JWKS key ", i, ": ", key.status().message()));
    }
    if (!kids.insert(key->kid).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("JWKS key ", i, ": kid \"", key->kid, "\" appears twice"));
    }
    result.push_back(*std::move(key));
  }
  if (result.empty()) return absl::InvalidArgumentError("JWKS has no signing key");
  return result;
}

absl::StatusOr<std::vector<VerificationKey>> LoadJwksFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadKeyFile(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<std::vector<VerificationKey>> keys = ParseJwks(*text);
  if (!keys.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", keys.status().message()));
  }
  return keys;
}

absl::StatusOr<std::string> ToJwks(const EVP_PKEY& key, std::string_view kid, JwtAlgorithm alg) {
  Json jwk = {{"use", "sig"}, {"alg", std::string(JwtAlgorithmName(alg))}};
  if (!kid.empty()) jwk["kid"] = std::string(kid);
  auto bn_bytes = [&](const char* param, int pad) -> std::optional<std::string> {
    BIGNUM* bn = nullptr;
    if (EVP_PKEY_get_bn_param(&key, param, &bn) != 1) return std::nullopt;
    BnPtr owned(bn);
    int size = pad > 0 ? pad : BN_num_bytes(bn);
    std::string bytes(static_cast<size_t>(size), '\0');
    if (BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(bytes.data()), size) < 0) {
      return std::nullopt;
    }
    return Base64UrlEncode(bytes);
  };
  std::optional<std::string> a, b;
  if (alg == JwtAlgorithm::kRS256) {
    a = bn_bytes(OSSL_PKEY_PARAM_RSA_N, 0);
    b = bn_bytes(OSSL_PKEY_PARAM_RSA_E, 0);
    if (a && b) jwk.update({{"kty", "RSA"}, {"n", *a}, {"e", *b}});
  } else {
    a = bn_bytes(OSSL_PKEY_PARAM_EC_PUB_X, 32);
    b = bn_bytes(OSSL_PKEY_PARAM_EC_PUB_Y, 32);
    if (a && b) jwk.update({{"kty", "EC"}, {"crv", "P-256"}, {"x", *a}, {"y", *b}});
  }
  if (!a || !b) return absl::InternalError("cannot read the public key's parameters");
  return Json{{"keys", Json::array({jwk})}}.dump(2) + "\n";
}

}  // namespace redress::auth
