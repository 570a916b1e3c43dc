// TokenVerifier's verified-token cache: a token presented again is answered from it, with the
// same caller, only while a fresh verification would accept it; a refused token is never cached;
// the cache stays within its capacity.
#include "common/auth/token_test_support.h"
#include "common/auth/token_verifier.h"
#include "common/testing/status_matchers.h"

namespace redress::auth::testing {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr auto kUnauthenticated = absl::StatusCode::kUnauthenticated;

class TokenCacheTest : public TokenTest {
 protected:
  // A verifier of the first RSA key (kid "rsa-0") with the given cache.
  TokenVerifier CachingVerifier(size_t capacity, absl::Duration ttl) const {
    TokenVerifierOptions options;
    options.keys = {PublicHalf(SharedKey(JwtAlgorithm::kRS256, 0), "rsa-0", JwtAlgorithm::kRS256)};
    options.issuer = kIssuer;
    options.audience = kAudience;
    options.verified_cache_capacity = capacity;
    options.verified_cache_ttl = ttl;
    absl::StatusOr<TokenVerifier> verifier = TokenVerifier::Create(std::move(options), clock_);
    if (!verifier.ok()) ADD_FAILURE() << verifier.status();
    return *std::move(verifier);
  }
};

TEST_F(TokenCacheTest, ATokenPresentedAgainIsAnsweredFromTheCacheWithTheSameCaller) {
  TokenVerifier verifier = CachingVerifier(16, absl::Minutes(1));
  TokenClaims claims = GoodClaims();
  claims.organisation = "org-7";
  const std::string bearer = RsaBearer(claims);
  absl::StatusOr<Caller> first = verifier.Verify(bearer);
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ(verifier.CacheStats().hits, 0u);
  // The scheme's spelling does not matter: the cache is keyed by the token.
  absl::StatusOr<Caller> second = verifier.Verify("bearer  " + bearer.substr(7));
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(verifier.CacheStats().hits, 1u);
  EXPECT_EQ(verifier.CacheStats().misses, 1u);
  EXPECT_EQ(second->subject, first->subject);
  EXPECT_THAT(second->roles, ElementsAre(Role::kCaseworker, Role::kAssessor));
  EXPECT_EQ(second->organisation, "org-7");
}

TEST_F(TokenCacheTest, ACachedTokenIsRefusedOnceItHasExpired) {
  TokenVerifier verifier = CachingVerifier(16, absl::Minutes(5));
  TokenClaims claims = GoodClaims();
  claims.expires = now_ + absl::Seconds(30);  // accepted until 30 s + 60 s of skew from now
  const std::string bearer = RsaBearer(claims);
  ASSERT_THAT(verifier.Verify(bearer), IsOk());
  clock_.Advance(absl::Seconds(89));
  EXPECT_THAT(verifier.Verify(bearer), IsOk());
  EXPECT_EQ(verifier.CacheStats().hits, 1u);
  clock_.Advance(absl::Seconds(1));
  EXPECT_THAT(verifier.Verify(bearer), StatusIs(kUnauthenticated, HasSubstr("token expired")));
  EXPECT_EQ(verifier.CacheStats().hits, 1u);
}

TEST_F(TokenCacheTest, AfterTheTtlATokenIsVerifiedAgain) {
  TokenVerifier verifier = CachingVerifier(16, absl::Minutes(1));
  const std::string bearer = RsaBearer(GoodClaims());
  ASSERT_THAT(verifier.Verify(bearer), IsOk());
  clock_.Advance(absl::Minutes(1));
  EXPECT_THAT(verifier.Verify(bearer), IsOk());
  EXPECT_EQ(verifier.CacheStats().hits, 0u);
  EXPECT_EQ(verifier.CacheStats().misses, 2u);
  EXPECT_THAT(verifier.Verify(bearer), IsOk());
  EXPECT_EQ(verifier.CacheStats().hits, 1u);
}

TEST_F(TokenCacheTest, ARefusedTokenIsNeverCached) {
  TokenVerifier verifier = CachingVerifier(16, absl::Minutes(1));
  // Signed by another key under the verifier's kid.
  const std::string forged =
      Bearer(SharedKey(JwtAlgorithm::kRS256, 1), JwtAlgorithm::kRS256, "rsa-0", GoodClaims());
  TokenClaims other_audience = GoodClaims();
  other_audience.audiences = {"other"};
  for (const std::string& bearer : {forged, RsaBearer(other_audience)}) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      EXPECT_THAT(verifier.Verify(bearer), StatusIs(kUnauthenticated));
    }
  }
  EXPECT_EQ(verifier.CacheStats().hits, 0u);
  EXPECT_EQ(verifier.CacheStats().size, 0u);
}

TEST_F(TokenCacheTest, ACachedTokensClaimsUnderAnotherSignatureAreStillRefused) {
  TokenVerifier verifier = CachingVerifier(16, absl::Minutes(1));
  const std::string genuine = RsaBearer(GoodClaims());
  ASSERT_THAT(verifier.Verify(genuine), IsOk());
  const std::string unsigned_part = genuine.substr(0, genuine.rfind('.') + 1);
  const std::string forged_signature =
      Bearer(SharedKey(JwtAlgorithm::kRS256, 1), JwtAlgorithm::kRS256, "rsa-0", GoodClaims());
  const std::string other_first_byte = unsigned_part +
                                       (genuine[unsigned_part.size()] == 'A' ? "B" : "A") +
                                       genuine.substr(unsigned_part.size() + 1);
  for (const std::string& bearer :
       {unsigned_part, unsigned_part + "AAAA", other_first_byte, forged_signature}) {
    EXPECT_THAT(verifier.Verify(bearer),
                StatusIs(kUnauthenticated, HasSubstr("invalid token signature")))
        << bearer;
  }
  EXPECT_EQ(verifier.CacheStats().size, 1u);
}

TEST_F(TokenCacheTest, ATokenNotYetValidIsNotCachedAndIsAcceptedOnceValid) {
  TokenVerifier verifier = CachingVerifier(16, absl::Minutes(1));
  TokenClaims claims = GoodClaims();
  claims.not_before = now_ + absl::Minutes(2);
  const std::string bearer = RsaBearer(claims);
  EXPECT_THAT(verifier.Verify(bearer), StatusIs(kUnauthenticated, HasSubstr("not yet valid")));
  EXPECT_EQ(verifier.CacheStats().size, 0u);
  clock_.Advance(absl::Minutes(1));
  EXPECT_THAT(verifier.Verify(bearer), IsOk());
}

TEST_F(TokenCacheTest, TheCacheHoldsNoMoreTokensThanItsCapacity) {
  TokenVerifier verifier = CachingVerifier(3, absl::Minutes(1));
  for (int i = 0; i < 10; ++i) {
    TokenClaims claims = GoodClaims();
    claims.subject = "user-" + std::to_string(i);
    ASSERT_THAT(verifier.Verify(RsaBearer(claims)), IsOk());
    EXPECT_LE(verifier.CacheStats().size, 3u);
  }
}

TEST_F(TokenCacheTest, ACapacityOrTtlOfZeroTurnsTheCacheOff) {
  std::vector<TokenVerifier> verifiers;
  verifiers.push_back(CachingVerifier(0, absl::Minutes(1)));
  verifiers.push_back(CachingVerifier(16, absl::ZeroDuration()));
  for (const TokenVerifier& verifier : verifiers) {
    const std::string bearer = RsaBearer(GoodClaims());
    EXPECT_THAT(verifier.Verify(bearer), IsOk());
    EXPECT_THAT(verifier.Verify(bearer), IsOk());
    EXPECT_EQ(verifier.CacheStats().hits, 0u);
    EXPECT_EQ(verifier.CacheStats().size, 0u);
  }
}

TEST_F(TokenCacheTest, CreateRefusesANegativeTtl) {
  TokenVerifierOptions options;
  options.keys = {PublicHalf(SharedKey(JwtAlgorithm::kRS256, 0), "rsa-0", JwtAlgorithm::kRS256)};
  options.issuer = kIssuer;
  options.audience = kAudience;
  options.verified_cache_ttl = -absl::Seconds(1);
  EXPECT_THAT(TokenVerifier::Create(std::move(options), clock_),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace redress::auth::testing
