// The source of the current time, injected into logic so that tests control it, and the scheme's
// calendar date derived from it.
#pragma once

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace redress {

// Thread-safe source of the current time.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

// The real wall clock.
class SystemClock final : public Clock {
 public:
  absl::Time Now() const override;
};

// The wall clock moved by a fixed offset: it reads `start` at construction and runs on in real
// time. For rehearsals and tests of dates the real calendar has not reached (--simulated_time).
class ShiftedClock final : public Clock {
 public:
  explicit ShiftedClock(absl::Time start);
  absl::Time Now() const override;

 private:
  absl::Duration offset_;
};

// The scheme's time zone, Europe/London, used for every calendar date (receipt, deadlines). Falls
// back to UTC when the system has no tz database (logged once).
absl::TimeZone SchemeTimeZone();

// Today's date in the scheme's time zone according to `clock`.
absl::CivilDay Today(const Clock& clock);

}  // namespace redress
