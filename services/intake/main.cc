// The intake server: flags -> config -> store -> logic -> server, and the sender that delivers
// acceptances to investigation (--investigation_address), and the retention job that erases
// complaints closed longer than --retention_period; then wait for SIGTERM/SIGINT, stop both and
// drain. Exit codes: 0 after a clean shutdown, 1 when start-up fails, 2 for a
// configuration not yet supported.

#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "common/audit/audit_scope.h"
#include "common/clock.h"
#include "common/housekeeping.h"
#include "common/id_generator.h"
#include "common/log.h"
#include "common/outbox_sender.h"
#include "common/parked_handoffs.h"
#include "common/peer_channel.h"
#include "common/periodic_job.h"
#include "common/security_flags.h"
#include "common/server.h"
#include "common/server_flags.h"
#include "common/service_usage.h"
#include "common/store_write_health.h"
#include "common/working_day_calendar.h"
#include "services/intake/api/intake_service.h"
#include "services/intake/api/investigation_transport.h"
#include "services/intake/handoff_outbox.h"
#include "services/intake/intake_logic.h"
#include "services/intake/store/postgres/postgres_store.h"
#include "services/intake/store/sqlite/sqlite_store.h"

ABSL_FLAG(absl::Duration, retention_period, absl::Hours(52596),
          "erase the personal data of complaints closed longer ago than this (docs/privacy.md; "
          "default six years of 365.25 days); 0 disables erasure by retention");
ABSL_FLAG(absl::Duration, retention_interval, absl::Hours(1),
          "how often the retention job looks for complaints past the retention period");

namespace {

// The first lines of --help (common/service_usage.h lists the flags after them).
constexpr char kUsage[] =
    R"(the Redress intake service (redress.intake.v1): receives complaints, keeps the
organisation register, makes the initial assessment, and hands accepted complaints to
investigation (--investigation_address).

Usage:
  intake --tls_cert_file=F --tls_key_file=F --tls_ca_file=F --jwks_file=F --jwt_issuer=I
         --jwt_audience=A [--listen=0.0.0.0:50051] [--health_listen=0.0.0.0:8081]
         [--data_dir=D | --database_url=postgresql://...] [--investigation_address=A]
  intake --insecure      (development only: plaintext on loopback, every caller allowed)

Exit codes: 0 after a clean shutdown (SIGTERM or SIGINT, then --drain_timeout); 1 when start-up
fails.)";
constexpr char kServiceName[] = "intake";
// Complaints erased per retention pass at most; the next pass goes on from there.
constexpr int kRetentionBatch = 500;
constexpr char kDefaultListen[] = "127.0.0.1:50051";
constexpr char kHealthName[] = "redress.intake.v1.Intake";
// Investigation is retried at least this often once reachable again (gRPC's reconnection backoff
// would otherwise grow to 120 s); the same cap as the sender's own backoff.
constexpr absl::Duration kMaxReconnectBackoff = absl::Seconds(30);

int StartupFailed(const char* what, const absl::Status& status) {
  redress::Log(redress::LogLevel::kError, what, {{"error", status.ToString()}});
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  redress::BlockTerminationSignals();  // before gRPC starts any thread
  redress::ParseServiceCommandLine(argc, argv, kUsage);

  redress::ServerConfig config = redress::ServerConfigFromFlags(
      kServiceName, kDefaultListen, redress::intake::IntakeService::kMaxRequestBytes);
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> peer_credentials =
      redress::ApplySecurityFlagsWithPeers(config);
  if (!peer_credentials.ok()) {
    return StartupFailed("invalid transport security", peer_credentials.status());
  }
  std::string database;
  // Declared before the store, which reports to it until destroyed.
  redress::StoreWriteHealth store_health(kServiceName);
  auto store =
      redress::OpenStoreFromFlags<redress::intake::IntakeStore, redress::intake::SqliteStore,
                                  redress::intake::PostgresStore>(kServiceName, &database,
                                                                  &store_health);
  if (!store.ok()) return StartupFailed("cannot open the database", store.status());
  absl::StatusOr<std::unique_ptr<redress::Clock>> chosen_clock = redress::ClockFromFlags();
  if (!chosen_clock.ok()) return StartupFailed("invalid --simulated_time", chosen_clock.status());
  redress::Clock& clock = **chosen_clock;
  redress::RandomIdGenerator ids;
  redress::intake::IntakeLogic logic(**store, clock, ids,
                                     redress::WorkingDayCalendar::EnglandAndWales());
  {
    const redress::audit::ScopedAuditCall seeding("system:intake", "intake.seed-register");
    if (absl::Status seeded = logic.SeedDefaultRegister(); !seeded.ok()) {
      return StartupFailed("cannot seed the organisation register", seeded);
    }
  }
  const std::string investigation = absl::GetFlag(FLAGS_investigation_address);
  redress::intake::IntakeOutbox outbox(**store, redress::ReplicaName(),
                                       absl::GetFlag(FLAGS_outbox_claim_lease));
  redress::intake::InvestigationTransport transport(
      redress::NewPeerChannel(investigation, kMaxReconnectBackoff, *peer_credentials));
  redress::RandomJitter jitter;
  redress::OutboxSenderOptions sender_options;
  sender_options.max_attempts = absl::GetFlag(FLAGS_handoff_max_attempts);
  sender_options.metrics_name = "intake_to_investigation";
  redress::OutboxSender sender(outbox, clock, transport, jitter, sender_options);
  redress::ParkedHandoffs parked(outbox, clock);
  redress::intake::IntakeService service(logic, &sender, &parked);

  // Retention (docs/privacy.md). Replicas sharing a database may run it together: an erasure
  // another replica made first is skipped, never repeated. It reads the logic's clock, so
  // --simulated_time moves it too.
  const absl::Duration retention_period = absl::GetFlag(FLAGS_retention_period);
  const absl::Duration retention_interval = absl::GetFlag(FLAGS_retention_interval);
  if (retention_period < absl::ZeroDuration() || retention_interval <= absl::ZeroDuration()) {
    return StartupFailed("invalid retention flags",
                         absl::InvalidArgumentError("--retention_period must be 0 or more and "
                                                    "--retention_interval more than 0"));
  }
  redress::PeriodicJob retention(
      "retention",
      [&logic, retention_period]() -> absl::StatusOr<int> {
        const redress::audit::ScopedAuditCall job("system:intake", "intake.retention");
        return logic.EraseExpired(retention_period, kRetentionBatch);
      },
      retention_interval);

  // Growth (docs/reliability.md): old idempotency records and delivered hand-offs are deleted.
  absl::StatusOr<redress::HousekeepingOptions> housekeeping_options =
      redress::HousekeepingOptionsFromFlags();
  if (!housekeeping_options.ok()) {
    return StartupFailed("invalid housekeeping flags", housekeeping_options.status());
  }
  auto& pruned_store = **store;
  const std::unique_ptr<redress::PeriodicJob> housekeeping = redress::NewHousekeepingJob(
      [&pruned_store](absl::Time cutoff, int limit) {
        return pruned_store.PruneRequests(cutoff, limit);
      },
      [&pruned_store](absl::Time cutoff, int limit) {
        return pruned_store.PruneOutbox(cutoff, limit);
      },
      clock, *housekeeping_options);

  auto server = redress::RunningServer::Start(config, {{&service, kHealthName}});
  if (!server.ok()) return StartupFailed("cannot start the server", server.status());
  // NOT_SERVING on the service's name (readiness) while the database cannot write.
  redress::ReportStoreWriteHealth(store_health, **server, kHealthName);
  sender.Start();
  if (retention_period > absl::ZeroDuration()) retention.Start();
  housekeeping->Start();
  redress::Log(redress::LogLevel::kInfo, "listening",
               {{"service", kServiceName},
                {"address", (*server)->address()},
                {"database", database},
                {"investigation_address", investigation}});
  // No new hand-off is attempted once shutdown begins; what is pending stays in the outbox.
  (*server)->WaitForTerminationSignal([&store_health, &sender, &retention, &housekeeping] {
    store_health.OnChange(nullptr);  // before the server goes
    housekeeping->Stop();
    retention.Stop();
    sender.Stop();
  });
  return 0;
}
