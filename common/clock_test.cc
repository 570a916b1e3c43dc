#include "common/clock.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "common/testing/fake_clock.h"

namespace redress {
namespace {

TEST(SystemClockTest, IsTheWallClock) {
  SystemClock clock;
  const absl::Time before = absl::Now();
  const absl::Time now = clock.Now();
  EXPECT_GE(now, before);
  EXPECT_LE(now, absl::Now());
}

TEST(SchemeTimeZoneTest, IsLondonWhenTheSystemHasIt) {
  absl::TimeZone london;
  if (absl::LoadTimeZone("Europe/London", &london)) {
    EXPECT_EQ(SchemeTimeZone().name(), "Europe/London");
  } else {
    EXPECT_EQ(SchemeTimeZone().name(), "UTC");
  }
}

TEST(TodayTest, UsesTheSchemeTimeZone) {
  absl::TimeZone london;
  if (!absl::LoadTimeZone("Europe/London", &london)) GTEST_SKIP() << "no tz database";
  // 23:30 UTC on 30 June is 00:30 BST on 1 July; in January London is on UTC.
  testing::FakeClock clock(
      absl::FromCivil(absl::CivilSecond(2026, 6, 30, 23, 30, 0), absl::UTCTimeZone()));
  EXPECT_EQ(Today(clock), absl::CivilDay(2026, 7, 1));
  clock.Set(absl::FromCivil(absl::CivilSecond(2026, 1, 31, 23, 30, 0), absl::UTCTimeZone()));
  EXPECT_EQ(Today(clock), absl::CivilDay(2026, 1, 31));
}

TEST(TodayTest, FakeClockNoonIsThatDay) {
  testing::FakeClock clock(testing::FakeClock::NoonOn(absl::CivilDay(2026, 3, 29)));
  EXPECT_EQ(Today(clock), absl::CivilDay(2026, 3, 29));
  clock.SetToday(absl::CivilDay(2026, 10, 25));
  EXPECT_EQ(Today(clock), absl::CivilDay(2026, 10, 25));
}

}  // namespace
}  // namespace redress
