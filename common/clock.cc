// The system clock and the scheme's time zone.

#include "common/clock.h"

#include "absl/time/clock.h"
#include "common/log.h"

namespace redress {
namespace {

absl::TimeZone LoadSchemeTimeZone() {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Europe/London", &zone)) {
    Log(LogLevel::kWarning, "time zone Europe/London not available; using UTC for dates",
        {{"hint", "install the tzdata package"}});
    return absl::UTCTimeZone();
  }
  return zone;
}

}  // namespace

absl::Time SystemClock::Now() const { return absl::Now(); }

ShiftedClock::ShiftedClock(absl::Time start) : offset_(start - absl::Now()) {}

absl::Time ShiftedClock::Now() const { return absl::Now() + offset_; }

absl::TimeZone SchemeTimeZone() {
  // Loaded (and any fallback logged) once; thread-safe initialisation of a function-local static.
  static const absl::TimeZone zone = LoadSchemeTimeZone();
  return zone;
}

absl::CivilDay Today(const Clock& clock) { return absl::ToCivilDay(clock.Now(), SchemeTimeZone()); }

}  // namespace redress
