#include "common/auth/token_verifier.h"

#include <cmath>
#include <optional>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "common/auth/jws.h"
#include "nlohmann/json.hpp"

namespace redress::auth {
namespace {

using Json = nlohmann::json;

// Tokens longer than this are refused before any decoding, bounding the work a request can cause.
constexpr size_t kMaxTokenLength = 8192;

absl::Status Unauthenticated(std::string_view message) {
  return absl::UnauthenticatedError(std::string(message));
}

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

// The token of "Bearer <token>": the scheme is case-insensitive, then one or more spaces.
std::optional<std::string_view> BearerToken(std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size()) return std::nullopt;
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (absl::ascii_tolower(static_cast<unsigned char>(authorization[i])) != kScheme[i]) {
      return std::nullopt;
    }
  }
  std::string_view token = authorization.substr(kScheme.size());
  while (!token.empty() && IsSpace(token.front())) token.remove_prefix(1);
  while (!token.empty() && IsSpace(token.back())) token.remove_suffix(1);
  if (token.empty()) return std::nullopt;
  return token;
}

// `token` split at every '.'.
std::vector<std::string_view> SplitDots(std::string_view token) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t dot; (dot = token.find('.', start)) != std::string_view::npos; start = dot + 1) {
    parts.push_back(token.substr(start, dot - start));
  }
  parts.push_back(token.substr(start));
  return parts;
}

// The JSON object that `part` encodes, or nullopt.
std::optional<Json> DecodeObject(std::string_view part) {
  std::optional<std::string> text = Base64UrlDecode(part);
  if (!text) return std::nullopt;
  Json object = Json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded() || !object.is_object()) return std::nullopt;
  return object;
}

// The string member `name`: nullopt when absent, an error when not a string.
absl::StatusOr<std::optional<std::string>> OptionalString(const Json& object, const char* name,
                                                          std::string_view error) {
  auto it = object.find(name);
  if (it == object.end()) return std::optional<std::string>();
  if (!it->is_string()) return Unauthenticated(error);
  return std::optional<std::string>(it->get<std::string>());
}

// The NumericDate member `name` (seconds since the epoch, possibly fractional): nullopt when
// absent, an error when not a number of a sane size.
absl::StatusOr<std::optional<absl::Time>> OptionalDate(const Json& claims, const char* name) {
  auto it = claims.find(name);
  if (it == claims.end()) return std::optional<absl::Time>();
  if (!it->is_number()) return Unauthenticated("malformed token time claim");
  double seconds = it->get<double>();
  if (!std::isfinite(seconds) || std::fabs(seconds) > 1e11) {
    return Unauthenticated("malformed token time claim");
  }
  return std::optional<absl::Time>(absl::FromUnixSeconds(static_cast<int64_t>(seconds)));
}

bool AudienceContains(const Json& aud, std::string_view audience) {
  if (aud.is_string()) return aud.get_ref<const std::string&>() == audience;
  if (!aud.is_array()) return false;
  for (const Json& entry : aud) {
    if (entry.is_string() && entry.get_ref<const std::string&>() == audience) return true;
  }
  return false;
}

// The known roles of the "roles" claim (an array of strings when present).
absl::StatusOr<std::set<Role>> Roles(const Json& claims) {
  std::set<Role> roles;
  auto it = claims.find("roles");
  if (it == claims.end()) return roles;
  if (!it->is_array()) return Unauthenticated("malformed token roles claim");
  for (const Json& name : *it) {
    if (!name.is_string()) return Unauthenticated("malformed token roles claim");
    if (std::optional<Role> role = ParseRole(name.get_ref<const std::string&>())) {
      roles.insert(*role);
    }
  }
  return roles;
}

// Checks the verified `claims` against `options` at `now` and reads the caller from them, and the
// window of times in which the same checks pass.
absl::StatusOr<VerifiedToken> CallerOf(const Json& claims, const TokenVerifierOptions& options,
                                       absl::Time now) {
  absl::StatusOr<std::optional<std::string>> iss =
      OptionalString(claims, "iss", "token issuer not accepted");
  if (!iss.ok()) return iss.status();
  if (*iss != options.issuer) return Unauthenticated("token issuer not accepted");
  auto aud = claims.find("aud");
  if (aud == claims.end() || !AudienceContains(*aud, options.audience)) {
    return Unauthenticated("token audience not accepted");
  }
  absl::StatusOr<std::optional<absl::Time>> exp = OptionalDate(claims, "exp");
  if (!exp.ok()) return exp.status();
  if (!exp->has_value()) return Unauthenticated("token has no expiry");
  // RFC 7519 4.1.4: the token must not be accepted on or after "exp".
  if (now >= **exp + options.clock_skew) return Unauthenticated("token expired");
  absl::StatusOr<std::optional<absl::Time>> nbf = OptionalDate(claims, "nbf");
  if (!nbf.ok()) return nbf.status();
  if (nbf->has_value() && now + options.clock_skew < **nbf) {
    return Unauthenticated("token not yet valid");
  }
  VerifiedToken verified;
  verified.expires = **exp + options.clock_skew;
  if (nbf->has_value()) verified.not_before = **nbf - options.clock_skew;
  Caller& caller = verified.caller;
  absl::StatusOr<std::optional<std::string>> sub =
      OptionalString(claims, "sub", "token has no subject");
  if (!sub.ok()) return sub.status();
  if (!sub->has_value() || (*sub)->empty()) return Unauthenticated("token has no subject");
  caller.subject = **sub;
  absl::StatusOr<std::set<Role>> roles = Roles(claims);
  if (!roles.ok()) return roles.status();
  caller.roles = *std::move(roles);
  absl::StatusOr<std::optional<std::string>> organisation =
      OptionalString(claims, "organisation", "malformed token organisation claim");
  if (!organisation.ok()) return organisation.status();
  caller.organisation = organisation->value_or("");
  return verified;
}

}  // namespace

TokenVerifier::TokenVerifier(TokenVerifierOptions options, const Clock& clock)
    : options_(std::move(options)),
      clock_(&clock),
      cache_(std::make_unique<VerifiedTokenCache>(options_.verified_cache_capacity,
                                                  options_.verified_cache_ttl)) {}

absl::StatusOr<TokenVerifier> TokenVerifier::Create(TokenVerifierOptions options,
                                                    const Clock& clock) {
  if (options.keys.empty()) return absl::InvalidArgumentError("no token verification key");
  std::set<std::string> kids;
  for (const VerificationKey& key : options.keys) {
    if (key.key == nullptr) return absl::InvalidArgumentError("a verification key is empty");
    if (!kids.insert(key.kid).second) {
      return absl::InvalidArgumentError("two token verification keys have the same kid");
    }
    if (absl::Status fits = CheckKeyFitsAlgorithm(*key.key, key.alg); !fits.ok()) return fits;
  }
  if (options.issuer.empty()) return absl::InvalidArgumentError("no expected token issuer");
  if (options.audience.empty()) return absl::InvalidArgumentError("no expected token audience");
  if (options.clock_skew < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("token clock skew is negative");
  }
  if (options.verified_cache_ttl < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("verified-token cache TTL is negative");
  }
  return TokenVerifier(std::move(options), clock);
}

const VerificationKey* TokenVerifier::SelectKey(std::string_view kid) const {
  const VerificationKey* without_kid = nullptr;
  for (const VerificationKey& key : options_.keys) {
    if (!kid.empty() && key.kid == kid) return &key;
    if (key.kid.empty()) without_kid = &key;
  }
  return without_kid;
}

absl::StatusOr<Caller> TokenVerifier::Verify(std::string_view authorization) const {
  std::optional<std::string_view> token = BearerToken(authorization);
  if (!token) return Unauthenticated("missing bearer token");
  if (token->size() > kMaxTokenLength) return Unauthenticated("bearer token too long");
  const absl::Time now = clock_->Now();
  if (std::optional<Caller> cached = cache_->Find(*token, now)) return *std::move(cached);
  absl::StatusOr<VerifiedToken> verified = VerifyToken(*token, now);
  if (!verified.ok()) return verified.status();
  cache_->Add(*token, *verified, now);
  return std::move(verified->caller);
}

TokenCacheStats TokenVerifier::CacheStats() const {
  return {cache_->hits(), cache_->misses(), cache_->size()};
}

absl::StatusOr<VerifiedToken> TokenVerifier::VerifyToken(std::string_view token,
                                                         absl::Time now) const {
  std::vector<std::string_view> parts = SplitDots(token);
  if (parts.size() != 3) return Unauthenticated("malformed bearer token");
  std::optional<Json> header = DecodeObject(parts[0]);
  if (!header) return Unauthenticated("malformed token header");
  // RFC 7515 4.1.11: extensions marked critical must be understood; we understand none.
  if (header->contains("crit")) return Unauthenticated("unsupported token header");
  absl::StatusOr<std::optional<std::string>> alg =
      OptionalString(*header, "alg", "malformed token header");
  if (!alg.ok()) return alg.status();
  absl::StatusOr<std::optional<std::string>> kid =
      OptionalString(*header, "kid", "malformed token header");
  if (!kid.ok()) return kid.status();

  const VerificationKey* key = SelectKey(kid->value_or(""));
  if (key == nullptr) return Unauthenticated("unknown token signing key");
  if (!alg->has_value() || **alg != JwtAlgorithmName(key->alg)) {
    return Unauthenticated("token algorithm not accepted");
  }
  std::optional<std::string> signature = Base64UrlDecode(parts[2]);
  std::string_view signing_input = token.substr(0, parts[0].size() + 1 + parts[1].size());
  if (!signature || !VerifyJws(*key->key, key->alg, signing_input, *signature)) {
    return Unauthenticated("invalid token signature");
  }
  std::optional<Json> claims = DecodeObject(parts[1]);
  if (!claims) return Unauthenticated("malformed token claims");
  return CallerOf(*claims, options_, now);
}

}  // namespace redress::auth
