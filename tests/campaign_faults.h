// The fault campaign's controller (tests/fault_campaign.h): from a seeded random sequence, it
// SIGKILLs a random service at a random moment and starts it again at once (a crash and its
// restart by the orchestrator; sometimes killed again while starting), or takes a downstream
// service (investigation or remedy) away for a few seconds -- frozen with SIGSTOP, or killed and
// started again only later -- so that the hand-offs to it queue and then drain. A test may add its
// own fault (the PostgreSQL primary's crash and the standby's promotion), which the controller runs
// once, at a random moment of the campaign's middle third.
#pragma once

#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "tests/suite_harness.h"

namespace redress::testing {

struct FaultCounts {
  int kills = 0;           // SIGKILL and immediate restart
  int start_up_kills = 0;  // of those, SIGKILL again before the restarted service was SERVING
  int outages = 0;         // a downstream service away for a while (frozen or down)
  int database_failovers = 0;
  // Faults whose recovery failed (a service that would not start again), described.
  std::vector<std::string> failures;
};

// Not thread-safe: one thread runs it, and nothing else starts or stops the suite's processes
// meanwhile. The suite must outlive it.
class FaultController {
 public:
  FaultController(Suite& suite, uint64_t seed);
  // A fault of the test's own, run once mid-campaign (e.g. a database failover).
  void AddDatabaseFailover(std::function<absl::Status()> failover);
  // Injects faults until `duration` has passed; on return every service runs (not frozen) and
  // reports SERVING, or counts().failures says which did not.
  void Run(absl::Duration duration);
  const FaultCounts& counts() const { return counts_; }

 private:
  absl::Duration Between(absl::Duration low, absl::Duration high);
  ServiceProcess& Pick(const std::vector<std::string>& services);
  // Starts `process` again, a few tries over a few seconds (its port may still be held briefly).
  void StartAgain(ServiceProcess& process);
  void Crash();
  void Outage();

  Suite& suite_;
  std::mt19937_64 random_;
  std::function<absl::Status()> failover_;
  FaultCounts counts_;
};

}  // namespace redress::testing
