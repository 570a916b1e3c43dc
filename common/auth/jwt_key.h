// Signing algorithms and public keys for JSON Web Tokens (RFC 7518): a key is always used with the
// one algorithm it was configured with, whatever a token's header claims.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace redress::auth {

// The algorithms we accept. Symmetric (HS*) and "none" are deliberately absent.
enum class JwtAlgorithm {
  kRS256,  // RSASSA-PKCS1-v1_5 with SHA-256; RSA keys of at least 2048 bits
  kES256,  // ECDSA on P-256 with SHA-256; signature is r||s, 32 bytes each
};

// "RS256" or "ES256".
std::string_view JwtAlgorithmName(JwtAlgorithm alg);
// The algorithm named exactly `name`; INVALID_ARGUMENT otherwise (HS256, none, ...).
absl::StatusOr<JwtAlgorithm> ParseJwtAlgorithm(std::string_view name);

// Owns an OpenSSL key (public, or private for signing).
struct EvpPkeyDeleter {
  void operator()(EVP_PKEY* key) const;
};
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyDeleter>;

// A public key with its key id and the algorithm pinned to it. Immutable after construction;
// shareable across threads.
struct VerificationKey {
  std::string kid;  // may be empty: see TokenVerifier for how keys are selected
  JwtAlgorithm alg;
  std::shared_ptr<EVP_PKEY> key;
};

// OK when `key`'s type suits `alg` (RSA of >= 2048 bits for RS256, EC P-256 for ES256);
// INVALID_ARGUMENT otherwise.
absl::Status CheckKeyFitsAlgorithm(const EVP_PKEY& key, JwtAlgorithm alg);

// Parses a PEM SubjectPublicKeyInfo ("-----BEGIN PUBLIC KEY-----") and pins `alg` to it.
// INVALID_ARGUMENT when the text is no such key or the key does not fit `alg`.
absl::StatusOr<VerificationKey> ParsePemPublicKey(std::string_view pem, std::string kid,
                                                  JwtAlgorithm alg);
// The same, read from the file at `path` (NOT_FOUND when it cannot be read).
absl::StatusOr<VerificationKey> LoadPemPublicKeyFile(const std::string& path, std::string kid,
                                                     JwtAlgorithm alg);

// Parses a PEM private key (PKCS#8 or the traditional RSA/EC forms) that must fit `alg`.
absl::StatusOr<EvpPkeyPtr> ParsePemPrivateKey(std::string_view pem, JwtAlgorithm alg);

// The PEM SubjectPublicKeyInfo of `key` (public or private).
absl::StatusOr<std::string> PublicKeyPem(const EVP_PKEY& key);

// The whole content of the file at `path`; NOT_FOUND when it cannot be read.
absl::StatusOr<std::string> ReadKeyFile(const std::string& path);

}  // namespace redress::auth
