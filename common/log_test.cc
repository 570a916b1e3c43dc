// Log's timestamp: the same text as absl::FormatTime's RFC 3339 with milliseconds, whatever order
// the times come in on a thread.
#include "common/log.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace redress {
namespace {

std::string Expected(absl::Time time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", time, absl::UTCTimeZone());
}

std::string Timestamp(absl::Time time) {
  std::string out = "prefix:";
  log_internal::AppendTimestamp(out, time);
  return out.substr(7);
}

TEST(LogTimestampTest, IsRfc3339InUtcWithMilliseconds) {
  EXPECT_EQ(Timestamp(absl::FromUnixMillis(1767225600123)), "2026-01-01T00:00:00.123Z");
  EXPECT_EQ(Timestamp(absl::FromUnixMillis(1767225600000)), "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(Timestamp(absl::FromUnixMicros(1767225600999999)), "2026-01-01T00:00:00.999Z");
}

TEST(LogTimestampTest, MatchesFormatTimeAcrossSecondsInAnyOrder) {
  const absl::Time start = absl::FromUnixMillis(1767225599990);
  // Forwards over a second's end, backwards, repeated, far apart and before 1970.
  for (absl::Duration offset :
       {absl::ZeroDuration(), absl::Milliseconds(9), absl::Milliseconds(10), absl::Milliseconds(11),
        absl::Milliseconds(5), absl::Milliseconds(1010), absl::Milliseconds(10),
        absl::Hours(24 * 400), absl::Hours(-24 * 365 * 60) - absl::Milliseconds(1),
        absl::Hours(-24 * 365 * 60) - absl::Milliseconds(1001), absl::ZeroDuration()}) {
    const absl::Time time = start + offset;
    EXPECT_EQ(Timestamp(time), Expected(time)) << offset;
  }
}

TEST(LogTimestampTest, EachThreadKeepsItsOwnSecond) {
  const absl::Time a = absl::FromUnixMillis(1767225600500);
  const absl::Time b = absl::FromUnixMillis(1767225700250);
  std::string first, second;
  std::thread one([&] {
    Timestamp(a);
    first = Timestamp(a + absl::Milliseconds(100));
  });
  std::thread two([&] {
    Timestamp(b);
    second = Timestamp(b + absl::Milliseconds(100));
  });
  one.join();
  two.join();
  EXPECT_EQ(first, Expected(a + absl::Milliseconds(100)));
  EXPECT_EQ(second, Expected(b + absl::Milliseconds(100)));
}

TEST(LogTimestampTest, AYearBeyond9999IsStillFormatted) {
  const absl::Time far =
      absl::FromCivil(absl::CivilSecond(12345, 6, 7, 8, 9, 10), absl::UTCTimeZone()) +
      absl::Milliseconds(42);
  EXPECT_EQ(Timestamp(far), Expected(far));
}

}  // namespace
}  // namespace redress
