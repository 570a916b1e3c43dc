// The fault campaign's invariants (tests/fault_campaign.h), checked through the services' RPCs
// once the suite is quiet, across the three databases:
// - every write a client was told took effect is there (the case ledgers, tests/campaign_case.h);
// - each accepted complaint has exactly one investigation, and no investigation lacks one;
// - each decision's recommendations are in remedy exactly once;
// - every evidence item and comment logged, and every summary published, is there once;
// - no hand-off is pending or parked, and each service's audit chain verifies.
#pragma once

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "tests/campaign_case.h"
#include "tests/suite_harness.h"

namespace redress::testing {

struct CampaignTally {
  int acknowledged = 0;     // writes the clients were told took effect
  int lost = 0;             // acknowledged writes (or hand-offs owed) not found
  int duplicated = 0;       // records found more often than once
  int follow_up_steps = 0;  // taken by remedy's scheduler, each checked to be taken once
  // One line per lost or duplicated record and per other broken invariant (a hand-off stuck or
  // parked, an audit chain broken, a read that failed).
  std::vector<std::string> problems;
};

// Waits (up to `patience`) until neither intake nor investigation has a hand-off pending.
// REQUIRES: every service up.
void AwaitHandoffsDrained(Suite& suite, absl::Duration patience);

// Checks every invariant over all `ledgers`. REQUIRES: every service up, and no client running.
CampaignTally CheckInvariants(Suite& suite, const std::vector<CaseLedger>& ledgers);

}  // namespace redress::testing
