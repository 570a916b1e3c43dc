// Key pairs for the auth tests, generated fresh with OpenSSL (no private key is committed), and
// the public half as the verifier takes it. Test-only.
#pragma once

#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <string>
#include <utility>

#include "common/auth/jwt_key.h"

namespace redress::auth::testing {

// A new RSA key pair of `bits` bits, or an EC P-256 key pair. Aborts the test binary on failure
// (OpenSSL cannot generate keys only when broken).
inline EvpPkeyPtr GenerateKey(JwtAlgorithm alg, int bits = 2048) {
  EVP_PKEY_CTX* ctx =
      EVP_PKEY_CTX_new_from_name(nullptr, alg == JwtAlgorithm::kRS256 ? "RSA" : "EC", nullptr);
  EVP_PKEY* key = nullptr;
  bool ok = ctx != nullptr && EVP_PKEY_keygen_init(ctx) == 1 &&
            (alg == JwtAlgorithm::kRS256 ? EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, bits)
                                         : EVP_PKEY_CTX_set_group_name(ctx, "P-256")) == 1 &&
            EVP_PKEY_keygen(ctx, &key) == 1;
  EVP_PKEY_CTX_free(ctx);
  if (!ok) std::abort();
  return EvpPkeyPtr(key);
}

// The public half of `key` with `kid`, pinned to `alg`, loaded through its PEM (as an operator's
// --jwt_public_key_file would be).
inline VerificationKey PublicHalf(const EVP_PKEY& key, std::string kid, JwtAlgorithm alg) {
  absl::StatusOr<std::string> pem = PublicKeyPem(key);
  if (!pem.ok()) std::abort();
  absl::StatusOr<VerificationKey> public_key = ParsePemPublicKey(*pem, std::move(kid), alg);
  if (!public_key.ok()) std::abort();
  return *std::move(public_key);
}

// A copy of `key` (EVP keys are reference counted).
inline EvpPkeyPtr Share(const EVP_PKEY& key) {
  EVP_PKEY_up_ref(const_cast<EVP_PKEY*>(&key));
  return EvpPkeyPtr(const_cast<EVP_PKEY*>(&key));
}

}  // namespace redress::auth::testing
