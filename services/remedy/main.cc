// The remedy server: flags -> config -> store -> peers -> logic -> server, the follow-up
// scheduler, and the retention job that erases cases closed longer than --retention_period; then
// wait for SIGTERM or SIGINT, stop both and drain. Exit codes: 0 after a clean shutdown, 1 when
// start-up fails, 2 for a configuration it cannot run with.

#include <algorithm>
#include <memory>
#include <optional>
#include <string>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/audit/audit_scope.h"
#include "common/clock.h"
#include "common/id_generator.h"
#include "common/log.h"
#include "common/metrics/metrics.h"
#include "common/peer_channel.h"
#include "common/periodic_job.h"
#include "common/security_flags.h"
#include "common/server.h"
#include "common/server_flags.h"
#include "common/service_usage.h"
#include "common/store_write_health.h"
#include "common/working_day_calendar.h"
#include "services/remedy/api/peer_clients.h"
#include "services/remedy/api/remedy_service.h"
#include "services/remedy/follow_up.h"
#include "services/remedy/follow_up_scheduler.h"
#include "services/remedy/remedy_logic.h"
#include "services/remedy/store/postgres/postgres_store.h"
#include "services/remedy/store/sqlite/sqlite_store.h"

ABSL_FLAG(int, chase_after_working_days, 10,
          "working days after a recommendation's target date when an unevidenced one is chased");
ABSL_FLAG(int, escalate_after_working_days, 10,
          "working days after the chase when a recommendation still unevidenced is escalated");
ABSL_FLAG(int, not_complied_after_working_days, 20,
          "working days after the escalation when it is recorded as not complied");
ABSL_FLAG(absl::Duration, follow_up_interval, absl::Seconds(60),
          "how often the follow-up scheduler takes the steps that have fallen due");
ABSL_FLAG(absl::Duration, retention_period, absl::Hours(52596),
          "erase the personal data of cases closed longer ago than this (docs/privacy.md; "
          "default six years of 365.25 days); 0 disables erasure by retention");
ABSL_FLAG(absl::Duration, retention_interval, absl::Hours(1),
          "how often the retention job looks for cases past the retention period");

namespace {

// The first lines of --help (common/service_usage.h lists the flags after them).
constexpr char kUsage[] =
    R"(the Redress remedy service (redress.remedy.v1): recommendations from investigation's
decisions and their compliance, chasing and escalation, and the published case summary (read
from investigation, --investigation_address, and intake, --intake_address).

Usage:
  remedy --tls_cert_file=F --tls_key_file=F --tls_ca_file=F --jwks_file=F --jwt_issuer=I
         --jwt_audience=A [--listen=0.0.0.0:50053] [--health_listen=0.0.0.0:8081]
         [--data_dir=D | --database_url=postgresql://...] [--investigation_address=A]
         [--intake_address=A]
  remedy --insecure      (development only: plaintext on loopback, every caller allowed)

Exit codes: 0 after a clean shutdown (SIGTERM or SIGINT, then --drain_timeout); 1 when start-up
fails; 2 for a follow-up policy out of range.)";
constexpr char kServiceName[] = "remedy";
constexpr char kDefaultListen[] = "127.0.0.1:50053";
constexpr char kHealthName[] = "redress.remedy.v1.Remedy";
// Cases erased per retention pass at most; the next pass goes on from there.
constexpr int kRetentionBatch = 500;
// Overdue recommendations are counted for the metrics up to this many: a count past it already
// says what the alert needs to say, without reading the whole table at every scrape.
constexpr int kOverdueCountCap = 100000;
// A peer that comes back is reached again within about this long (gRPC's reconnection backoff
// would otherwise grow to 120 s).
constexpr absl::Duration kMaxReconnectBackoff = absl::Seconds(30);

int StartupFailed(const char* what, const absl::Status& status) {
  redress::Log(redress::LogLevel::kError, what, {{"error", status.ToString()}});
  return 1;
}

int BadConfiguration(const std::string& message) {
  redress::Log(redress::LogLevel::kError, message);
  return 2;
}

// The follow-up policy from the flags; an error names the first flag out of range.
absl::Status PolicyFromFlags(redress::remedy::FollowUpPolicy& policy) {
  policy.chase_after_working_days = absl::GetFlag(FLAGS_chase_after_working_days);
  policy.escalate_after_working_days = absl::GetFlag(FLAGS_escalate_after_working_days);
  policy.not_complied_after_working_days = absl::GetFlag(FLAGS_not_complied_after_working_days);
  for (const auto& [flag, value] :
       {std::pair<const char*, int>{"--chase_after_working_days", policy.chase_after_working_days},
        {"--escalate_after_working_days", policy.escalate_after_working_days},
        {"--not_complied_after_working_days", policy.not_complied_after_working_days}}) {
    if (value < 1 || value > 250) {
      return absl::InvalidArgumentError(
          absl::StrCat(flag, " must be from 1 to 250 working days, not ", value));
    }
  }
  if (absl::GetFlag(FLAGS_follow_up_interval) <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--follow_up_interval must be positive");
  }
  if (absl::GetFlag(FLAGS_retention_period) < absl::ZeroDuration() ||
      absl::GetFlag(FLAGS_retention_interval) <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        "--retention_period must be 0 or more and --retention_interval more than 0");
  }
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  redress::BlockTerminationSignals();  // before gRPC starts any thread
  redress::ParseServiceCommandLine(argc, argv, kUsage);

  redress::remedy::FollowUpPolicy policy;
  if (absl::Status valid = PolicyFromFlags(policy); !valid.ok()) {
    return BadConfiguration(std::string(valid.message()));
  }
  redress::ServerConfig config = redress::ServerConfigFromFlags(
      kServiceName, kDefaultListen, redress::remedy::RemedyService::kMaxRequestBytes);
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> peer_credentials =
      redress::ApplySecurityFlagsWithPeers(config);
  if (!peer_credentials.ok()) {
    return StartupFailed("invalid transport security", peer_credentials.status());
  }
  std::string database;
  // Declared before the store, which reports to it until destroyed.
  redress::StoreWriteHealth store_health(kServiceName);
  auto store =
      redress::OpenStoreFromFlags<redress::remedy::RemedyStore, redress::remedy::SqliteStore,
                                  redress::remedy::PostgresStore>(kServiceName, &database,
                                                                  &store_health);
  if (!store.ok()) return StartupFailed("cannot open the database", store.status());
  absl::StatusOr<std::unique_ptr<redress::Clock>> chosen_clock = redress::ClockFromFlags();
  if (!chosen_clock.ok()) return StartupFailed("invalid --simulated_time", chosen_clock.status());
  redress::Clock& clock = **chosen_clock;
  redress::RandomIdGenerator ids;
  const std::string investigation = absl::GetFlag(FLAGS_investigation_address);
  const std::string intake = absl::GetFlag(FLAGS_intake_address);
  // A slow peer may hold at most a quarter of the handler threads (peer_clients.h).
  const int peer_calls = std::max(1, config.handler_threads / 4);
  redress::remedy::InvestigationCaseReader cases(
      redress::NewPeerChannel(investigation, kMaxReconnectBackoff, *peer_credentials,
                              redress::remedy::kInvestigationReads),
      peer_calls);
  redress::remedy::IntakePersonalDetails people(
      redress::NewPeerChannel(intake, kMaxReconnectBackoff, *peer_credentials,
                              redress::remedy::kIntakeReads),
      peer_calls);
  redress::remedy::RemedyLogic logic(
      **store, clock, ids, redress::WorkingDayCalendar::EnglandAndWales(), cases, people, policy);
  redress::remedy::RemedyService service(logic);
  // Read from the database at each scrape, so every replica reports the same shared count,
  // whichever holds the follow-up lease.
  const redress::metrics::ScrapedGauge overdue(
      "redress_remedy_overdue_recommendations",
      absl::StrCat("Followed-up recommendations past the target date in force (counted up to ",
                   kOverdueCountCap, ")."),
      [&logic]() -> std::optional<double> {
        absl::StatusOr<int> count = logic.CountOverdue(kOverdueCountCap);
        if (!count.ok()) return std::nullopt;
        return *count;
      });
  // Replicas sharing a database take turns: a pass runs only in the replica holding the follow-up
  // lease, which it renews each pass and loses to another replica three intervals after it dies.
  const absl::Duration interval = absl::GetFlag(FLAGS_follow_up_interval);
  const std::string replica = redress::ReplicaName();
  redress::remedy::RemedyStore& shared = **store;
  redress::remedy::FollowUpScheduler scheduler(
      [&]() -> absl::StatusOr<int> {
        absl::StatusOr<bool> held = shared.AcquireFollowUpLease(replica, 3 * interval);
        if (!held.ok()) return held.status();
        if (!*held) return 0;
        return logic.RunFollowUp();
      },
      interval);

  // Retention (docs/privacy.md). Replicas sharing a database may run it together: an erasure
  // another replica made first is skipped, never repeated. It reads the logic's clock, so
  // --simulated_time moves it too.
  const absl::Duration retention_period = absl::GetFlag(FLAGS_retention_period);
  redress::PeriodicJob retention(
      "retention",
      [&logic, retention_period]() -> absl::StatusOr<int> {
        const redress::audit::ScopedAuditCall job("system:remedy", "remedy.retention");
        return logic.EraseExpired(retention_period, kRetentionBatch);
      },
      absl::GetFlag(FLAGS_retention_interval));

  auto server = redress::RunningServer::Start(config, {{&service, kHealthName}});
  if (!server.ok()) return StartupFailed("cannot start the server", server.status());
  // NOT_SERVING on the service's name (readiness) while the database cannot write.
  redress::ReportStoreWriteHealth(store_health, **server, kHealthName);
  scheduler.Start();
  if (retention_period > absl::ZeroDuration()) retention.Start();
  redress::Log(
      redress::LogLevel::kInfo, "listening",
      {{"service", kServiceName},
       {"address", (*server)->address()},
       {"database", database},
       {"investigation_address", investigation},
       {"intake_address", intake},
       {"follow_up_interval", absl::FormatDuration(absl::GetFlag(FLAGS_follow_up_interval))}});
  // No follow-up or retention pass begins once shutdown does; one under way finishes first.
  (*server)->WaitForTerminationSignal([&store_health, &scheduler, &retention] {
    store_health.OnChange(nullptr);  // before the server goes
    retention.Stop();
    scheduler.Stop();
  });
  return 0;
}
