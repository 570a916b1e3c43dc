// The signature layer of compact JWS (RFC 7515) over OpenSSL: base64url and signing/verifying
// the signing input with a pinned algorithm. No JSON here; see token_verifier.h and
// token_signer.h for tokens.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/auth/jwt_key.h"

namespace redress::auth {

// Base64url without padding (RFC 7515 section 2).
std::string Base64UrlEncode(std::string_view bytes);
// Strict inverse of Base64UrlEncode: nullopt for padding, other alphabets or a bad length.
std::optional<std::string> Base64UrlDecode(std::string_view text);

// Signs `signing_input` with the private `key` under `alg`; the result is the JWS signature
// bytes (for ES256 the 64-byte r||s form, not DER). REQUIRES: CheckKeyFitsAlgorithm(key, alg).
absl::StatusOr<std::string> SignJws(const EVP_PKEY& key, JwtAlgorithm alg,
                                    std::string_view signing_input);

// Whether `signature` is a valid `alg` signature of `signing_input` by `key`. Never throws or
// fails otherwise: malformed signatures are simply invalid.
bool VerifyJws(const EVP_PKEY& key, JwtAlgorithm alg, std::string_view signing_input,
               std::string_view signature);

}  // namespace redress::auth
