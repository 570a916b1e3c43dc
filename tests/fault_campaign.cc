#include "tests/fault_campaign.h"

#include <cstdlib>
#include <deque>
#include <random>
#include <thread>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/clock.h"
#include "tests/campaign_case.h"

namespace redress::testing {
namespace {

namespace iv1 = ::redress::intake::v1;

// How long a case begun during the campaign may take beyond its end, and how long the hand-offs
// may take to drain once every client has finished.
constexpr absl::Duration kFinishPatience = absl::Seconds(90);
constexpr absl::Duration kDrainPatience = absl::Seconds(60);

absl::Status RegisterOrganisations(Suite& suite, const std::vector<LoadedCase>& cases) {
  for (const LoadedCase& loaded : cases) {
    for (const iv1::CreateOrganisationRequest& request : loaded.fixture.new_organisations()) {
      iv1::Organisation created;
      const grpc::Status status = Call([&](grpc::ClientContext* context) {
        return suite.intake().CreateOrganisation(context, request, &created);
      });
      if (!status.ok()) return Checked("CreateOrganisation", status);
    }
  }
  return absl::OkStatus();
}

// One client: case after case until the campaign ends, each in a ledger of its own.
void DriveCases(Suite& suite, const std::vector<LoadedCase>& cases, int client, absl::Time end,
                ClientCounters& counters, std::deque<CaseLedger>& ledgers) {
  for (int n = 0; absl::Now() < end; ++n) {
    CaseLedger& ledger = ledgers.emplace_back();
    ledger.tag = absl::StrCat("w", client, "-c", n);
    ledger.loaded = &cases[(client + n) % cases.size()];
    CampaignCase(suite, counters, ledger, std::max(end, absl::Now()) + kFinishPatience)
        .Run()
        .IgnoreError();  // kept in ledger.failure
  }
}

}  // namespace

absl::StatusOr<std::vector<LoadedCase>> LoadCampaignCases(const std::string& directory) {
  std::vector<LoadedCase> cases;
  for (const char* name : {"2-cafcass-apology", "1-hmcts-declined-apology", "3-dwp-not-upheld",
                           "4-trust-and-gp-practice"}) {
    absl::StatusOr<LoadedCase> loaded =
        LoadCase(directory, name, redress::Today(redress::SystemClock()));
    if (!loaded.ok()) return loaded.status();
    cases.push_back(*std::move(loaded));
  }
  return cases;
}

std::map<std::string, std::vector<std::string>> CampaignServiceFlags() {
  const absl::Time remedy_now = absl::Now() + absl::Hours(24 * 100);
  return {
      {"remedy",
       {"--simulated_time=" + absl::FormatTime(absl::RFC3339_sec, remedy_now, absl::UTCTimeZone()),
        "--follow_up_interval=1s"}}};
}

CampaignOptions CampaignOptionsFromEnvironment(int default_seconds) {
  CampaignOptions options;
  const char* seed = std::getenv("REDRESS_CAMPAIGN_SEED");
  if (seed == nullptr || !absl::SimpleAtoi(seed, &options.seed)) {
    options.seed = (static_cast<uint64_t>(std::random_device()()) << 32) | std::random_device()();
  }
  int seconds = default_seconds;
  const char* env_seconds = std::getenv("REDRESS_CAMPAIGN_SECONDS");
  if (env_seconds != nullptr && absl::SimpleAtoi(env_seconds, &seconds) && seconds > 0) {
    options.duration = absl::Seconds(seconds);
  } else {
    options.duration = absl::Seconds(default_seconds);
  }
  const char* clients = std::getenv("REDRESS_CAMPAIGN_CLIENTS");
  int count = 0;
  if (clients != nullptr && absl::SimpleAtoi(clients, &count) && count > 0) options.clients = count;
  return options;
}

std::string CampaignReport::Line() const {
  return absl::StrCat(
      "campaign: seed=", options.seed, " seconds=", absl::ToInt64Seconds(options.duration),
      " cases=", cases, " kills=", faults.kills, " outages=", faults.outages,
      " acknowledged=", tally.acknowledged, " lost=", tally.lost, " duplicated=", tally.duplicated,
      " start_up_kills=", faults.start_up_kills, " follow_up_steps=", tally.follow_up_steps,
      " database_failovers=", faults.database_failovers, " unfinished=", unfinished,
      " retries=", retries, " reconciled=", reconciled, " problems=", tally.problems.size());
}

CampaignReport RunCampaign(Suite& suite, const std::vector<LoadedCase>& cases,
                           const CampaignOptions& options) {
  CampaignReport report;
  report.options = options;
  if (absl::Status registered = RegisterOrganisations(suite, cases); !registered.ok()) {
    report.failures.push_back(registered.ToString());
    return report;
  }
  FaultController controller(suite, options.seed);
  if (options.database_failover) controller.AddDatabaseFailover(options.database_failover);
  const absl::Time end = absl::Now() + options.duration;
  ClientCounters counters;
  std::vector<std::deque<CaseLedger>> per_client(options.clients);
  std::vector<std::thread> clients;
  for (int c = 0; c < options.clients; ++c) {
    clients.emplace_back([&, c] { DriveCases(suite, cases, c, end, counters, per_client[c]); });
  }
  controller.Run(options.duration);
  for (std::thread& client : clients) client.join();

  AwaitHandoffsDrained(suite, kDrainPatience);
  std::vector<CaseLedger> ledgers;
  for (std::deque<CaseLedger>& client : per_client) {
    for (CaseLedger& ledger : client) {
      if (!ledger.summary.empty()) ++report.cases;
      if (!ledger.failure.empty()) {
        ++report.unfinished;
        report.failures.push_back(absl::StrCat(ledger.tag, ": ", ledger.failure));
      }
      ledgers.push_back(std::move(ledger));
    }
  }
  report.tally = CheckInvariants(suite, ledgers);
  report.faults = controller.counts();
  for (const std::string& failure : report.faults.failures) report.failures.push_back(failure);
  report.retries = counters.retries;
  report.reconciled = counters.reconciled;
  return report;
}

}  // namespace redress::testing
