#include "common/server_flags.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/log.h"

ABSL_FLAG(std::string, listen, "",
          "host:port to listen on, e.g. 0.0.0.0:50051 in a container; empty uses the service's "
          "default (127.0.0.1 and its port)");
ABSL_FLAG(std::string, data_dir, "./data",
          "directory for the SQLite database file <data_dir>/<service>.db, created if missing");
ABSL_FLAG(std::string, database_url, "",
          "PostgreSQL connection URL (postgresql://user@host/db, or several hosts, "
          "postgresql://h1,h2/db?target_session_attrs=read-write, to follow a failover); empty "
          "uses SQLite in --data_dir");
ABSL_FLAG(int, database_pool_size, 8,
          "most connections this replica opens to --database_url; size it with the server's "
          "max_connections (or PgBouncer's pool) and the number of replicas in mind");
ABSL_FLAG(absl::Duration, outbox_claim_lease, absl::Seconds(30),
          "with --database_url: how long a replica's claim on an outbox record lasts before "
          "another replica may take the record over (longer than a delivery's 5 s deadline)");
ABSL_FLAG(int, handoff_max_attempts, 50,
          "park a hand-off after this many failed attempts that the receiving service answered "
          "(a permanent refusal parks at once; an unreachable receiver never parks one); 0 never "
          "parks for that reason (docs/reliability.md)");
ABSL_FLAG(absl::Duration, database_connect_wait, absl::Seconds(60),
          "With --database_url: how long a starting replica keeps trying to reach the database "
          "before it gives up and exits");
ABSL_FLAG(absl::Duration, drain_timeout, absl::Seconds(10),
          "on SIGTERM/SIGINT, how long in-flight calls may finish before they are cancelled");

ABSL_FLAG(int, handler_threads, redress::CallExecutorOptions{}.threads,
          "how many calls' handlers run at once; the calls beyond wait (--max_queued_calls)");
ABSL_FLAG(int, max_queued_calls, redress::CallExecutorOptions{}.max_queued,
          "how many calls may wait for a handler thread; a call beyond them is refused "
          "RESOURCE_EXHAUSTED (SERVER_BUSY) with a retry delay");
ABSL_FLAG(int, max_request_bytes, 0,
          "largest request message accepted, in bytes; a larger one is refused RESOURCE_EXHAUSTED "
          "before it is parsed; 0 uses the service's own limit, which its largest legitimate "
          "request fits (docs/limits.md)");
ABSL_FLAG(int64_t, request_memory_budget_bytes, int64_t{64} << 20,
          "memory the parsed requests of calls waiting or running may hold together (estimated); "
          "a call beyond it is refused RESOURCE_EXHAUSTED (SERVER_BUSY) with a retry delay, "
          "unless no other call holds any (docs/reliability.md)");
ABSL_FLAG(std::string, metrics_listen, "",
          "host:port serving Prometheus metrics over plain HTTP at /metrics (e.g. 0.0.0.0:9464); "
          "empty for none");
ABSL_FLAG(bool, reflection, true,
          "serve gRPC server reflection (the API contract is public; --noreflection turns it off)");

ABSL_FLAG(std::string, intake_address, "127.0.0.1:50051",
          "address of the intake service, for the services that call it");
ABSL_FLAG(std::string, investigation_address, "127.0.0.1:50052",
          "address of the investigation service, for the services that call it");
ABSL_FLAG(std::string, remedy_address, "127.0.0.1:50053",
          "address of the remedy service, for the services that call it");
ABSL_FLAG(std::string, simulated_time, "",
          "for rehearsals and tests only: an RFC 3339 instant (2031-03-03T10:00:00Z) the service's "
          "clock starts at, running on in real time; empty uses the real clock");

namespace redress {

std::string ListenAddressOr(std::string fallback) {
  std::string listen = absl::GetFlag(FLAGS_listen);
  return listen.empty() ? std::move(fallback) : listen;
}

ServerConfig ServerConfigFromFlags(std::string_view service_name, std::string default_listen,
                                   int default_max_request_bytes) {
  ServerConfig config;
  config.listen_address = ListenAddressOr(std::move(default_listen));
  config.drain_timeout = std::max(absl::GetFlag(FLAGS_drain_timeout), absl::ZeroDuration());
  config.log_name = std::string(service_name);
  config.reflection = absl::GetFlag(FLAGS_reflection);
  config.metrics_listen_address = absl::GetFlag(FLAGS_metrics_listen);
  config.handler_threads = absl::GetFlag(FLAGS_handler_threads);
  config.max_queued_calls = absl::GetFlag(FLAGS_max_queued_calls);
  const int max_request_bytes = absl::GetFlag(FLAGS_max_request_bytes);
  config.max_receive_message_bytes =
      max_request_bytes == 0 ? default_max_request_bytes : max_request_bytes;
  config.request_memory_budget_bytes = absl::GetFlag(FLAGS_request_memory_budget_bytes);
  return config;
}

std::string SqlitePathFromFlags(std::string_view service_name) {
  namespace fs = std::filesystem;
  const fs::path dir(absl::GetFlag(FLAGS_data_dir));
  std::error_code error;
  const bool existed = fs::is_directory(dir, error);
  fs::create_directories(dir, error);
  if (error) {
    Log(LogLevel::kError, "cannot create data directory",
        {{"data_dir", dir.string()}, {"error", error.message()}});
  } else if (!existed) {
    // A directory we create is the owner's alone (parents made on the way keep the umask's mode).
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, error);
  } else if ((fs::status(dir, error).permissions() &
              (fs::perms::group_all | fs::perms::others_all)) != fs::perms::none) {
    // An existing directory may be shared on purpose (a mount point, /tmp): say so, change nothing.
    // The database files in it are created 0600 whatever the directory's mode.
    Log(LogLevel::kWarning, "data directory is accessible to other users; chmod 700 it",
        {{"data_dir", dir.string()}});
  }
  return (dir / (std::string(service_name) + ".db")).string();
}

absl::StatusOr<std::unique_ptr<Clock>> ClockFromFlags() {
  const std::string simulated = absl::GetFlag(FLAGS_simulated_time);
  if (simulated.empty()) return std::make_unique<SystemClock>();
  absl::Time start;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, simulated, &start, &error)) {
    return absl::InvalidArgumentError(absl::StrCat("--simulated_time=", simulated,
                                                   " is not an RFC 3339 instant such as "
                                                   "2031-03-03T10:00:00Z: ",
                                                   error));
  }
  Log(LogLevel::kWarning,
      "the clock is simulated: every date and time this service records follows it",
      {{"simulated_time", simulated}});
  return std::make_unique<ShiftedClock>(start);
}

absl::StatusOr<std::unique_ptr<pg::Pool>> PostgresPoolFromFlags(std::string_view service_name) {
  pg::PoolOptions options;
  options.size = absl::GetFlag(FLAGS_database_pool_size);
  options.connect.application_name = std::string(service_name);
  return pg::Pool::Create(absl::GetFlag(FLAGS_database_url), options);
}

std::string ReplicaName() {
  char host[256] = {};
  if (gethostname(host, sizeof(host) - 1) != 0) host[0] = '\0';
  absl::BitGen bits;
  return absl::StrCat(host[0] == '\0' ? "host" : host, "-", getpid(), "-",
                      absl::Hex(absl::Uniform<uint32_t>(bits), absl::kZeroPad8));
}

namespace server_flags_internal {

bool UsePostgres() { return !absl::GetFlag(FLAGS_database_url).empty(); }

absl::Status ConnectWithWait(std::string_view service_name,
                             const std::function<absl::Status()>& connect) {
  const absl::Time give_up = absl::Now() + absl::GetFlag(FLAGS_database_connect_wait);
  while (true) {
    absl::Status status = connect();
    if (!absl::IsUnavailable(status) || absl::Now() >= give_up) return status;
    Log(LogLevel::kWarning, "the database is not reachable yet; trying again",
        {{"service", std::string(service_name)}, {"error", status.ToString()}});
    absl::SleepFor(absl::Seconds(1));
  }
}

}  // namespace server_flags_internal

}  // namespace redress
