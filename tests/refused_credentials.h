// Credentials a Redress server must refuse, made from the development ones (dev_credentials.h)
// for the end-to-end tests of issue 13: bearer tokens that are expired, not yet valid, for
// another audience or issuer, forged with HS256 keyed by the RSA public key's PEM, unsigned
// ("alg": "none") or signed by another key; and client certificates that name no Redress service
// or come from another CA (tests/make-stranger-certificates).
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/tls.h"
#include "tests/dev_credentials.h"

namespace redress::testing {

struct RefusedToken {
  std::string name;   // "expired", "wrong audience", ...
  std::string token;  // the compact JWT
  // What the server's refusal says (the verifier's message, common/auth/token_verifier.cc).
  std::string refusal;
};

// One token per way a token can be wrong. Each claims every role, so that a server accepting it
// by mistake would let it call anything.
absl::StatusOr<std::vector<RefusedToken>> MakeRefusedTokens(const DevCredentials& credentials);

struct StrangerCertificates {
  // Signed by the development CA, naming spiffe://redress/reporting: authenticated, but no
  // service any table lists.
  TlsFiles unknown_service;
  // Signed by the development CA, naming spiffe://other.example/remedy: a Redress service's name
  // in another trust domain, so no Redress service at all.
  TlsFiles foreign_domain;
  // Signed by another CA, naming spiffe://redress/remedy.
  TlsFiles other_ca;
};

// Makes them in `credentials.dir()`/strangers once per process (openssl takes seconds).
absl::StatusOr<StrangerCertificates> MakeStrangerCertificates(const DevCredentials& credentials);

}  // namespace redress::testing
