// A clock for tests that moves only when told to. Thread-safe.
#pragma once

#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/clock.h"

namespace redress::testing {

class FakeClock final : public Clock {
 public:
  explicit FakeClock(absl::Time now) : now_(now) {}
  // Noon of `day` in the scheme's time zone, so that Today() is `day`.
  static absl::Time NoonOn(absl::CivilDay day) {
    return absl::FromCivil(absl::CivilSecond(day.year(), day.month(), day.day(), 12, 0, 0),
                           SchemeTimeZone());
  }
  absl::Time Now() const override {
    absl::MutexLock lock(&mu_);
    return now_;
  }
  void Set(absl::Time now) {
    absl::MutexLock lock(&mu_);
    now_ = now;
  }
  void SetToday(absl::CivilDay day) { Set(NoonOn(day)); }
  void Advance(absl::Duration d) {
    absl::MutexLock lock(&mu_);
    now_ += d;
  }

 private:
  mutable absl::Mutex mu_;
  absl::Time now_;
};

}  // namespace redress::testing
