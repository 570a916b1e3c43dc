// The fault campaign (issue 16, docs/reliability.md): a few concurrent clients drive whole cases
// through the three real binaries (tests/campaign_case.h) while a controller crashes services and
// takes downstream ones away (tests/campaign_faults.h); once the campaign is over and the suite
// quiet, the invariants are checked across the three databases (tests/campaign_check.h).
// REDRESS_CAMPAIGN_SEED, REDRESS_CAMPAIGN_SECONDS and REDRESS_CAMPAIGN_CLIENTS override the seed,
// the duration and the number of clients.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tests/campaign_check.h"
#include "tests/campaign_faults.h"
#include "tests/case_fixture.h"
#include "tests/suite_harness.h"

namespace redress::testing {

struct CampaignOptions {
  uint64_t seed = 0;
  absl::Duration duration = absl::Seconds(60);
  int clients = 3;
  // The test's own fault, run once mid-campaign: e.g. the database primary's crash and the
  // standby's promotion. None when empty.
  std::function<absl::Status()> database_failover;
};

// The flags the campaign gives each service, by name (SuiteOptions::service_flags): remedy's
// clock runs 100 days ahead, so that every recommendation it receives is past its target date
// and its follow-up scheduler, run every second, marks it overdue while the clients answer it.
std::map<std::string, std::vector<std::string>> CampaignServiceFlags();

// The cases the clients take in turn: every fixture of `directory` (tests/fixtures/cases), with
// dates filled for today.
absl::StatusOr<std::vector<LoadedCase>> LoadCampaignCases(const std::string& directory);

// REDRESS_CAMPAIGN_SEED if set, else a fresh random seed; REDRESS_CAMPAIGN_SECONDS if set, else
// `default_seconds`; REDRESS_CAMPAIGN_CLIENTS if set, else 3.
CampaignOptions CampaignOptionsFromEnvironment(int default_seconds);

struct CampaignReport {
  CampaignOptions options;
  int cases = 0;       // published
  int unfinished = 0;  // stopped short; their failures are in `failures`
  int retries = 0;     // calls repeated by the clients
  int reconciled = 0;  // retried writes found done by reading back
  FaultCounts faults;
  CampaignTally tally;
  std::vector<std::string> failures;  // unfinished cases' errors, and faults not recovered
  // "campaign: seed=... seconds=... cases=... kills=... outages=... acknowledged=... lost=...
  // duplicated=..." and then the other figures.
  std::string Line() const;
};

// Runs the campaign on `suite` (started; every service SERVING) with `cases` as the fixtures the
// clients take in turn, then waits for the hand-offs to drain and checks the invariants.
CampaignReport RunCampaign(Suite& suite, const std::vector<LoadedCase>& cases,
                           const CampaignOptions& options);

}  // namespace redress::testing
