// VerifiedTokenCache on its own: a hit, the TTL and the token's window, the bound on its size,
// and concurrent use. TokenVerifier's use of it is in token_verifier_cache_test.cc.
#include "common/auth/verified_token_cache.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"

namespace redress::auth {
namespace {

using ::testing::Field;
using ::testing::Optional;

const absl::Time kNow = absl::FromUnixSeconds(1767225600);

VerifiedToken TokenOf(std::string subject, absl::Time expires,
                      absl::Time not_before = absl::InfinitePast()) {
  VerifiedToken verified;
  verified.caller.subject = std::move(subject);
  verified.caller.roles = {Role::kCaseworker};
  verified.caller.organisation = "org-1";
  verified.not_before = not_before;
  verified.expires = expires;
  return verified;
}

TEST(VerifiedTokenCacheTest, AnAddedTokenIsFoundWithItsCaller) {
  VerifiedTokenCache cache(8, absl::Minutes(1));
  EXPECT_EQ(cache.Find("token-a", kNow), std::nullopt);
  cache.Add("token-a", TokenOf("user-a", kNow + absl::Hours(1)), kNow);
  std::optional<Caller> caller = cache.Find("token-a", kNow + absl::Seconds(1));
  ASSERT_TRUE(caller.has_value());
  EXPECT_EQ(caller->subject, "user-a");
  EXPECT_THAT(caller->roles, ::testing::ElementsAre(Role::kCaseworker));
  EXPECT_EQ(caller->organisation, "org-1");
  EXPECT_EQ(cache.Find("token-b", kNow), std::nullopt);
  EXPECT_EQ(cache.Find("token-", kNow), std::nullopt);  // the whole string, not a prefix
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(cache.misses(), 3u);
}

TEST(VerifiedTokenCacheTest, AnEntryIsUsedOnlyWithinTheTtl) {
  VerifiedTokenCache cache(8, absl::Minutes(1));
  cache.Add("token-a", TokenOf("user-a", kNow + absl::Hours(1)), kNow);
  EXPECT_THAT(cache.Find("token-a", kNow + absl::Seconds(59)),
              Optional(Field(&Caller::subject, "user-a")));
  EXPECT_EQ(cache.Find("token-a", kNow + absl::Minutes(1)), std::nullopt);
}

TEST(VerifiedTokenCacheTest, AnEntryIsNeverUsedAtOrAfterTheTokensExpiry) {
  VerifiedTokenCache cache(8, absl::Minutes(5));
  cache.Add("token-a", TokenOf("user-a", kNow + absl::Seconds(10)), kNow);
  EXPECT_TRUE(cache.Find("token-a", kNow + absl::Seconds(9)).has_value());
  EXPECT_EQ(cache.Find("token-a", kNow + absl::Seconds(10)), std::nullopt);
  EXPECT_EQ(cache.Find("token-a", kNow + absl::Minutes(2)), std::nullopt);
}

TEST(VerifiedTokenCacheTest, AnEntryIsNotUsedBeforeTheTokensNotBefore) {
  // A clock set back after the token verified: the cache answers as a fresh check would.
  VerifiedTokenCache cache(8, absl::Minutes(1));
  cache.Add("token-a", TokenOf("user-a", kNow + absl::Hours(1), kNow - absl::Seconds(5)), kNow);
  EXPECT_TRUE(cache.Find("token-a", kNow - absl::Seconds(5)).has_value());
  EXPECT_EQ(cache.Find("token-a", kNow - absl::Seconds(6)), std::nullopt);
}

TEST(VerifiedTokenCacheTest, AnExpiredTokenIsNotAdded) {
  VerifiedTokenCache cache(8, absl::Minutes(1));
  cache.Add("token-a", TokenOf("user-a", kNow), kNow);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(VerifiedTokenCacheTest, AddingATokenAgainReplacesItsEntry) {
  VerifiedTokenCache cache(8, absl::Minutes(1));
  cache.Add("token-a", TokenOf("user-a", kNow + absl::Hours(1)), kNow);
  cache.Add("token-a", TokenOf("user-a", kNow + absl::Hours(1)), kNow + absl::Seconds(50));
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_TRUE(cache.Find("token-a", kNow + absl::Seconds(100)).has_value());
}

TEST(VerifiedTokenCacheTest, ItNeverHoldsMoreThanItsCapacity) {
  VerifiedTokenCache cache(4, absl::Minutes(1));
  for (int i = 0; i < 100; ++i) {
    cache.Add(absl::StrCat("token-", i), TokenOf("user", kNow + absl::Hours(1)),
              kNow + absl::Milliseconds(i));
    EXPECT_LE(cache.size(), 4u);
  }
  // The newest are kept: the one evicted each time was the one whose use ended soonest.
  EXPECT_TRUE(cache.Find("token-99", kNow + absl::Seconds(1)).has_value());
  EXPECT_TRUE(cache.Find("token-96", kNow + absl::Seconds(1)).has_value());
  EXPECT_EQ(cache.Find("token-95", kNow + absl::Seconds(1)), std::nullopt);
}

TEST(VerifiedTokenCacheTest, AFullCacheDropsEveryUnusableEntryFirst) {
  VerifiedTokenCache cache(3, absl::Minutes(1));
  cache.Add("short-1", TokenOf("user", kNow + absl::Seconds(1)), kNow);
  cache.Add("short-2", TokenOf("user", kNow + absl::Seconds(1)), kNow);
  cache.Add("token-a", TokenOf("user", kNow + absl::Hours(1)), kNow);
  const absl::Time later = kNow + absl::Seconds(2);
  cache.Add("token-b", TokenOf("user", kNow + absl::Hours(1)), later);
  EXPECT_EQ(cache.size(), 2u);  // both short-lived entries went, not only the one needed
  EXPECT_TRUE(cache.Find("token-a", later).has_value());
  EXPECT_TRUE(cache.Find("token-b", later).has_value());
}

TEST(VerifiedTokenCacheTest, ZeroCapacityOrTtlCachesNothing) {
  VerifiedTokenCache no_room(0, absl::Minutes(1));
  VerifiedTokenCache no_time(8, absl::ZeroDuration());
  for (VerifiedTokenCache* cache : {&no_room, &no_time}) {
    cache->Add("token-a", TokenOf("user-a", kNow + absl::Hours(1)), kNow);
    EXPECT_EQ(cache->size(), 0u);
    EXPECT_EQ(cache->Find("token-a", kNow), std::nullopt);
  }
}

TEST(VerifiedTokenCacheTest, ConcurrentFindsAndAddsStayWithinCapacity) {
  VerifiedTokenCache cache(16, absl::Minutes(1));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string token = absl::StrCat("token-", (i * 7 + t) % 40);
        if (std::optional<Caller> caller = cache.Find(token, kNow)) {
          EXPECT_EQ(caller->subject, "user-" + token);
        } else {
          cache.Add(token, TokenOf("user-" + token, kNow + absl::Hours(1)), kNow);
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_LE(cache.size(), 16u);
  EXPECT_EQ(cache.hits() + cache.misses(), 8000u);
}

}  // namespace
}  // namespace redress::auth
