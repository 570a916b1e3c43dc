#include "tests/campaign_faults.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace redress::testing {
namespace {

// The pause between two faults, the time a crashed service stays down before its restart, and
// how long an outage lasts.
constexpr absl::Duration kQuietLow = absl::Milliseconds(500);
constexpr absl::Duration kQuietHigh = absl::Seconds(4);
constexpr absl::Duration kCrashDownHigh = absl::Milliseconds(500);
// One crash in this many is followed by another within kStartUpHigh of the restart.
constexpr int kCrashInStartUpOneIn = 4;
constexpr absl::Duration kStartUpHigh = absl::Milliseconds(150);
constexpr absl::Duration kOutageLow = absl::Seconds(2);
constexpr absl::Duration kOutageHigh = absl::Seconds(7);
// One fault in this many is an outage; the others are crashes.
constexpr int kOutageOneIn = 3;

}  // namespace

FaultController::FaultController(Suite& suite, uint64_t seed) : suite_(suite), random_(seed) {}

void FaultController::AddDatabaseFailover(std::function<absl::Status()> failover) {
  failover_ = std::move(failover);
}

absl::Duration FaultController::Between(absl::Duration low, absl::Duration high) {
  std::uniform_int_distribution<int64_t> ms(absl::ToInt64Milliseconds(low),
                                            absl::ToInt64Milliseconds(high));
  return absl::Milliseconds(ms(random_));
}

ServiceProcess& FaultController::Pick(const std::vector<std::string>& services) {
  std::uniform_int_distribution<size_t> which(0, services.size() - 1);
  return suite_.process(services[which(random_)], 0);
}

void FaultController::StartAgain(ServiceProcess& process) {
  absl::Status started;
  for (int attempt = 0; attempt < 5; ++attempt) {
    started = process.Start();
    if (started.ok()) return;
    process.Kill();
    absl::SleepFor(absl::Seconds(1));
  }
  counts_.failures.push_back(
      absl::StrCat(process.name(), " did not start again: ", started.message()));
}

void FaultController::Crash() {
  ServiceProcess& victim = Pick({"intake", "investigation", "remedy"});
  victim.Kill();
  ++counts_.kills;
  absl::SleepFor(Between(absl::ZeroDuration(), kCrashDownHigh));
  if (std::uniform_int_distribution<int>(1, kCrashInStartUpOneIn)(random_) == 1) {
    // Killed again while it starts: opening its database, recovering, taking its first pass.
    if (victim.Launch().ok()) {
      absl::SleepFor(Between(absl::ZeroDuration(), kStartUpHigh));
      victim.Kill();
      ++counts_.kills;
      ++counts_.start_up_kills;
    }
  }
  StartAgain(victim);
}

void FaultController::Outage() {
  ServiceProcess& victim = Pick({"investigation", "remedy"});
  const absl::Duration away = Between(kOutageLow, kOutageHigh);
  ++counts_.outages;
  if (std::bernoulli_distribution(0.5)(random_)) {
    victim.Pause();
    absl::SleepFor(away);
    victim.Resume();
    return;
  }
  victim.Kill();
  absl::SleepFor(away);
  StartAgain(victim);
}

void FaultController::Run(absl::Duration duration) {
  const absl::Time start = absl::Now();
  const absl::Time end = start + duration;
  // The test's own fault, if any, somewhere in the middle third.
  absl::Time failover_at = absl::InfiniteFuture();
  if (failover_) failover_at = start + duration / 3 + Between(absl::ZeroDuration(), duration / 3);
  while (true) {
    absl::SleepFor(Between(kQuietLow, kQuietHigh));
    if (absl::Now() >= end) break;
    if (absl::Now() >= failover_at) {
      failover_at = absl::InfiniteFuture();
      if (absl::Status done = failover_(); done.ok()) {
        ++counts_.database_failovers;
      } else {
        counts_.failures.push_back(absl::StrCat("database failover: ", done.ToString()));
      }
      continue;
    }
    // Each kind at least once: the second fault is an outage if the first was not.
    const bool outage = counts_.kills > 0 && counts_.outages == 0
                            ? true
                            : std::uniform_int_distribution<int>(1, kOutageOneIn)(random_) == 1;
    if (outage) {
      Outage();
    } else {
      Crash();
    }
  }
}

}  // namespace redress::testing
