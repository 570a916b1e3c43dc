// TokenVerifier: valid tokens, each reason to refuse one, and key selection. The attacks on the
// algorithm are in token_verifier_attack_test.cc.
#include "common/auth/token_verifier.h"

#include "common/auth/jws.h"
#include "common/auth/token_test_support.h"
#include "common/testing/status_matchers.h"

namespace redress::auth::testing {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr auto kUnauthenticated = absl::StatusCode::kUnauthenticated;

TEST_F(TokenTest, AValidRs256TokenGivesItsCaller) {
  absl::StatusOr<Caller> caller = RsaVerifier().Verify(RsaBearer(GoodClaims()));
  ASSERT_THAT(caller, IsOk());
  EXPECT_EQ(caller->subject, "user-1");
  EXPECT_THAT(caller->roles, ElementsAre(Role::kCaseworker, Role::kAssessor));
  EXPECT_EQ(caller->organisation, "");
}

TEST_F(TokenTest, AValidEs256TokenGivesItsCallerWithOrganisation) {
  const EVP_PKEY& ec = SharedKey(JwtAlgorithm::kES256, 0);
  TokenClaims claims = GoodClaims();
  claims.roles = {"organisation_liaison"};
  claims.organisation = "org-42";
  absl::StatusOr<Caller> caller = Verifier({PublicHalf(ec, "ec-0", JwtAlgorithm::kES256)})
                                      .Verify(Bearer(ec, JwtAlgorithm::kES256, "ec-0", claims));
  ASSERT_THAT(caller, IsOk());
  EXPECT_THAT(caller->roles, ElementsAre(Role::kOrganisationLiaison));
  EXPECT_EQ(caller->organisation, "org-42");
}

TEST_F(TokenTest, UnknownRolesAreDroppedAndNoRolesIsAnEmptySet) {
  TokenClaims claims = GoodClaims();
  claims.roles = {"superuser", "publisher", "Auditor"};
  absl::StatusOr<Caller> caller = RsaVerifier().Verify(RsaBearer(claims));
  ASSERT_THAT(caller, IsOk());
  EXPECT_THAT(caller->roles, ElementsAre(Role::kPublisher));
  claims.roles.clear();
  caller = RsaVerifier().Verify(RsaBearer(claims));
  ASSERT_THAT(caller, IsOk());
  EXPECT_THAT(caller->roles, IsEmpty());
}

TEST_F(TokenTest, TheSchemeIsCaseInsensitiveAndAnAudienceArrayMayHoldOurs) {
  TokenClaims claims = GoodClaims();
  claims.audiences = {"other", kAudience};
  std::string bearer = RsaBearer(claims);
  EXPECT_THAT(RsaVerifier().Verify("bearer " + bearer.substr(7)), IsOk());
  EXPECT_THAT(RsaVerifier().Verify("BEARER  " + bearer.substr(7)), IsOk());
}

TEST_F(TokenTest, AMissingOrNonBearerHeaderIsRefused) {
  std::string token = RsaBearer(GoodClaims()).substr(7);
  for (std::string header : {std::string(), std::string("Bearer"), std::string("Bearer  "),
                             std::string("Basic dXNlcjpwYXNz"), token, "Token " + token}) {
    EXPECT_THAT(RsaVerifier().Verify(header),
                StatusIs(kUnauthenticated, HasSubstr("missing bearer token")))
        << header;
  }
}

TEST_F(TokenTest, AMalformedTokenIsRefused) {
  std::string token = RsaBearer(GoodClaims()).substr(7);
  std::string payload_and_signature = token.substr(token.find('.'));
  EXPECT_THAT(RsaVerifier().Verify("Bearer abc"),
              StatusIs(kUnauthenticated, HasSubstr("malformed bearer token")));
  EXPECT_THAT(RsaVerifier().Verify("Bearer " + token + ".x"),
              StatusIs(kUnauthenticated, HasSubstr("malformed bearer token")));
  EXPECT_THAT(RsaVerifier().Verify("Bearer " + std::string(9000, 'a')),
              StatusIs(kUnauthenticated, HasSubstr("too long")));
  for (std::string header : {std::string("e30=" /* padded */), std::string("!!!!"),
                             Base64UrlEncode("{\"alg\": \"RS256\""), Base64UrlEncode("[]"),
                             Base64UrlEncode("\"RS256\"")}) {
    EXPECT_THAT(RsaVerifier().Verify("Bearer " + header + payload_and_signature),
                StatusIs(kUnauthenticated, HasSubstr("malformed token header")))
        << header;
  }
}

TEST_F(TokenTest, ClaimsThatAreNotAJsonObjectAreRefused) {
  for (std::string payload :
       {std::string("not json"), std::string("[1]"), std::string("{\"sub\": ")}) {
    EXPECT_THAT(RsaVerifier().Verify(RsaBearerOfPayload(payload)),
                StatusIs(kUnauthenticated, HasSubstr("malformed token claims")))
        << payload;
  }
}

TEST_F(TokenTest, AnUnknownKidIsRefused) {
  EXPECT_THAT(RsaVerifier().Verify(Bearer(SharedKey(JwtAlgorithm::kRS256, 0), JwtAlgorithm::kRS256,
                                          "rsa-9", GoodClaims())),
              StatusIs(kUnauthenticated, HasSubstr("unknown token signing key")));
  EXPECT_THAT(RsaVerifier().Verify(Bearer(SharedKey(JwtAlgorithm::kRS256, 0), JwtAlgorithm::kRS256,
                                          "", GoodClaims())),
              StatusIs(kUnauthenticated, HasSubstr("unknown token signing key")));
}

TEST_F(TokenTest, AHeaderAlgOtherThanTheKeysIsRefused) {
  // Signed by an EC key under the RSA key's kid: the header says ES256, the key is pinned RS256.
  EXPECT_THAT(RsaVerifier().Verify(Bearer(SharedKey(JwtAlgorithm::kES256, 0), JwtAlgorithm::kES256,
                                          "rsa-0", GoodClaims())),
              StatusIs(kUnauthenticated, HasSubstr("token algorithm not accepted")));
}

TEST_F(TokenTest, ABadSignatureIsRefused) {
  // Another key under the same kid.
  EXPECT_THAT(RsaVerifier().Verify(Bearer(SharedKey(JwtAlgorithm::kRS256, 1), JwtAlgorithm::kRS256,
                                          "rsa-0", GoodClaims())),
              StatusIs(kUnauthenticated, HasSubstr("invalid token signature")));
  // Claims swapped for others under a genuine signature.
  TokenClaims admin = GoodClaims();
  admin.roles = {"administrator"};
  std::string genuine = RsaBearer(GoodClaims());
  std::string other = RsaBearer(admin);
  size_t dot1 = genuine.find('.'), dot2 = genuine.rfind('.');
  std::string spliced =
      genuine.substr(0, dot1) + other.substr(dot1, other.rfind('.') - dot1) + genuine.substr(dot2);
  EXPECT_THAT(RsaVerifier().Verify(spliced),
              StatusIs(kUnauthenticated, HasSubstr("invalid token signature")));
  EXPECT_THAT(RsaVerifier().Verify(genuine.substr(0, dot2) + ".!!"),
              StatusIs(kUnauthenticated, HasSubstr("invalid token signature")));
  EXPECT_THAT(RsaVerifier().Verify(genuine.substr(0, dot2) + "."),
              StatusIs(kUnauthenticated, HasSubstr("invalid token signature")));
}

TEST_F(TokenTest, AWrongOrMissingIssuerIsRefused) {
  TokenClaims claims = GoodClaims();
  for (std::string issuer : {"https://evil.example", "https://idp.example/", ""}) {
    claims.issuer = issuer;
    EXPECT_THAT(RsaVerifier().Verify(RsaBearer(claims)),
                StatusIs(kUnauthenticated, HasSubstr("token issuer not accepted")))
        << issuer;
  }
  EXPECT_THAT(RsaVerifier().Verify(RsaBearerOfPayload(
                  R"({"iss": 7, "aud": "redress", "sub": "u", "exp": 1900000000})")),
              StatusIs(kUnauthenticated, HasSubstr("token issuer not accepted")));
}

TEST_F(TokenTest, AMissingOrWrongAudienceIsRefused) {
  TokenClaims claims = GoodClaims();
  for (std::vector<std::string> audiences : std::vector<std::vector<std::string>>{
           {}, {"other"}, {"other", "redress-admin"}, {"Redress"}}) {
    claims.audiences = audiences;
    EXPECT_THAT(RsaVerifier().Verify(RsaBearer(claims)),
                StatusIs(kUnauthenticated, HasSubstr("token audience not accepted")));
  }
}

TEST_F(TokenTest, AnExpiredTokenIsRefusedBeyondTheClockSkew) {
  TokenClaims claims = GoodClaims();
  claims.expires = now_ - absl::Seconds(59);
  EXPECT_THAT(RsaVerifier().Verify(RsaBearer(claims)), IsOk());
  claims.expires = now_ - absl::Seconds(60);
  EXPECT_THAT(RsaVerifier().Verify(RsaBearer(claims)),
              StatusIs(kUnauthenticated, HasSubstr("token expired")));
  claims.expires = now_ + absl::Hours(1);
  std::string bearer = RsaBearer(claims);
  TokenVerifier verifier = RsaVerifier();
  EXPECT_THAT(verifier.Verify(bearer), IsOk());
  clock_.Advance(absl::Hours(1) + absl::Seconds(60));
  EXPECT_THAT(verifier.Verify(bearer), StatusIs(kUnauthenticated, HasSubstr("token expired")));
}

TEST_F(TokenTest, ATokenWithoutExpiryIsRefused) {
  TokenClaims claims = GoodClaims();
  claims.expires.reset();
  EXPECT_THAT(RsaVerifier().Verify(RsaBearer(claims)),
              StatusIs(kUnauthenticated, HasSubstr("token has no expiry")));
  EXPECT_THAT(RsaVerifier().Verify(RsaBearerOfPayload(
                  R"({"iss": "https://idp.example", "aud": "redress", "sub": "u", "exp": "x"})")),
              StatusIs(kUnauthenticated, HasSubstr("malformed token time claim")));
}

TEST_F(TokenTest, ATokenNotYetValidIsRefusedBeyondTheClockSkew) {
  TokenClaims claims = GoodClaims();
  claims.not_before = now_ + absl::Seconds(60);
  EXPECT_THAT(RsaVerifier().Verify(RsaBearer(claims)), IsOk());
  claims.not_before = now_ + absl::Seconds(61);
  EXPECT_THAT(RsaVerifier().Verify(RsaBearer(claims)),
              StatusIs(kUnauthenticated, HasSubstr("token not yet valid")));
}

TEST_F(TokenTest, ATokenWithoutSubjectIsRefused) {
  TokenClaims claims = GoodClaims();
  claims.subject.clear();
  EXPECT_THAT(RsaVerifier().Verify(RsaBearer(claims)),
              StatusIs(kUnauthenticated, HasSubstr("token has no subject")));
  EXPECT_THAT(
      RsaVerifier().Verify(RsaBearerOfPayload(
          R"({"iss": "https://idp.example", "aud": "redress", "sub": "", "exp": 1900000000})")),
      StatusIs(kUnauthenticated, HasSubstr("token has no subject")));
}

TEST_F(TokenTest, RolesAndOrganisationOfTheWrongTypeAreRefused) {
  constexpr char kBase[] = R"("iss": "https://idp.example", "aud": "redress", "sub": "u", )"
                           R"("exp": 1900000000, )";
  EXPECT_THAT(RsaVerifier().Verify(
                  RsaBearerOfPayload(std::string("{") + kBase + R"("roles": "caseworker"})")),
              StatusIs(kUnauthenticated, HasSubstr("roles")));
  EXPECT_THAT(RsaVerifier().Verify(
                  RsaBearerOfPayload(std::string("{") + kBase + R"("roles": ["caseworker", 1]})")),
              StatusIs(kUnauthenticated, HasSubstr("roles")));
  EXPECT_THAT(
      RsaVerifier().Verify(RsaBearerOfPayload(std::string("{") + kBase + R"("organisation": 42})")),
      StatusIs(kUnauthenticated, HasSubstr("organisation")));
}

TEST_F(TokenTest, TheKidSelectsAmongSeveralKeys) {
  const EVP_PKEY& rsa = SharedKey(JwtAlgorithm::kRS256, 0);
  const EVP_PKEY& ec = SharedKey(JwtAlgorithm::kES256, 0);
  TokenVerifier verifier = Verifier({PublicHalf(rsa, "rsa-0", JwtAlgorithm::kRS256),
                                     PublicHalf(ec, "ec-0", JwtAlgorithm::kES256)});
  EXPECT_THAT(verifier.Verify(Bearer(rsa, JwtAlgorithm::kRS256, "rsa-0", GoodClaims())), IsOk());
  EXPECT_THAT(verifier.Verify(Bearer(ec, JwtAlgorithm::kES256, "ec-0", GoodClaims())), IsOk());
  // Each key's token under the other's kid.
  EXPECT_THAT(verifier.Verify(Bearer(rsa, JwtAlgorithm::kRS256, "ec-0", GoodClaims())),
              StatusIs(kUnauthenticated, HasSubstr("token algorithm not accepted")));
  EXPECT_THAT(verifier.Verify(Bearer(ec, JwtAlgorithm::kES256, "rsa-0", GoodClaims())),
              StatusIs(kUnauthenticated, HasSubstr("token algorithm not accepted")));
  // Two keys of one algorithm: the kid, not trial and error, picks the key.
  const EVP_PKEY& rsa1 = SharedKey(JwtAlgorithm::kRS256, 1);
  TokenVerifier two_rsa = Verifier({PublicHalf(rsa, "rsa-0", JwtAlgorithm::kRS256),
                                    PublicHalf(rsa1, "rsa-1", JwtAlgorithm::kRS256)});
  EXPECT_THAT(two_rsa.Verify(Bearer(rsa1, JwtAlgorithm::kRS256, "rsa-1", GoodClaims())), IsOk());
  EXPECT_THAT(two_rsa.Verify(Bearer(rsa1, JwtAlgorithm::kRS256, "rsa-0", GoodClaims())),
              StatusIs(kUnauthenticated, HasSubstr("invalid token signature")));
}

TEST_F(TokenTest, AKeyWithoutKidVerifiesTokensWhoseKidMatchesNoOtherKey) {
  const EVP_PKEY& rsa = SharedKey(JwtAlgorithm::kRS256, 0);
  const EVP_PKEY& ec = SharedKey(JwtAlgorithm::kES256, 0);
  TokenVerifier verifier = Verifier(
      {PublicHalf(rsa, "", JwtAlgorithm::kRS256), PublicHalf(ec, "ec-0", JwtAlgorithm::kES256)});
  EXPECT_THAT(verifier.Verify(Bearer(rsa, JwtAlgorithm::kRS256, "", GoodClaims())), IsOk());
  EXPECT_THAT(verifier.Verify(Bearer(rsa, JwtAlgorithm::kRS256, "dev-1", GoodClaims())), IsOk());
  EXPECT_THAT(verifier.Verify(Bearer(ec, JwtAlgorithm::kES256, "ec-0", GoodClaims())), IsOk());
  EXPECT_THAT(verifier.Verify(Bearer(ec, JwtAlgorithm::kES256, "ec-1", GoodClaims())),
              StatusIs(kUnauthenticated, HasSubstr("token algorithm not accepted")));
}

TEST_F(TokenTest, CreateRefusesIncompleteOptions) {
  VerificationKey key = PublicHalf(SharedKey(JwtAlgorithm::kRS256, 0), "k", JwtAlgorithm::kRS256);
  auto options = [&] {
    TokenVerifierOptions o;
    o.keys = {key};
    o.issuer = kIssuer;
    o.audience = kAudience;
    return o;
  };
  EXPECT_THAT(TokenVerifier::Create(options(), clock_), IsOk());
  TokenVerifierOptions no_keys = options(), no_issuer = options(), no_audience = options(),
                       same_kid = options(), negative_skew = options(), mismatched = options();
  no_keys.keys.clear();
  no_issuer.issuer.clear();
  no_audience.audience.clear();
  same_kid.keys.push_back(key);
  negative_skew.clock_skew = -absl::Seconds(1);
  mismatched.keys[0].alg = JwtAlgorithm::kES256;
  for (TokenVerifierOptions* o :
       {&no_keys, &no_issuer, &no_audience, &same_kid, &negative_skew, &mismatched}) {
    EXPECT_THAT(TokenVerifier::Create(*o, clock_), StatusIs(absl::StatusCode::kInvalidArgument));
  }
}

}  // namespace
}  // namespace redress::auth::testing
