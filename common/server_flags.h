// Command-line flags every service's main.cc shares (--listen, --data_dir, --database_url,
// --drain_timeout, the limits on calls and requests) and the helpers that turn them into a
// ServerConfig and a database location. Link redress_common_grpc and call one of these helpers so
// the flags are defined in the binary.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "absl/flags/declare.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "common/server.h"
#include "common/store/postgres/pool.h"
#include "common/store/sqlite/sqlite.h"
#include "common/store_write_health.h"

// host:port to listen on; empty means the service's own default (ListenAddressOr).
ABSL_DECLARE_FLAG(std::string, listen);
// Directory holding each service's SQLite file when --database_url is empty.
ABSL_DECLARE_FLAG(std::string, data_dir);
// PostgreSQL connection URL; empty selects SQLite at <data_dir>/<service>.db.
ABSL_DECLARE_FLAG(std::string, database_url);
// Most connections one replica opens to --database_url (its bounded pool).
ABSL_DECLARE_FLAG(int, database_pool_size);
// How long a replica's claim on an outbox record lasts before another replica may take it over
// (PostgreSQL; it must exceed a delivery's call timeout).
ABSL_DECLARE_FLAG(absl::Duration, outbox_claim_lease);
// After how many answered failed attempts a hand-off is parked (OutboxSenderOptions::max_attempts,
// docs/reliability.md).
ABSL_DECLARE_FLAG(int, handoff_max_attempts);
// How long a replica starting with --database_url waits for the database to accept connections.
ABSL_DECLARE_FLAG(absl::Duration, database_connect_wait);
// How long in-flight calls may run after SIGTERM before they are cancelled.
ABSL_DECLARE_FLAG(absl::Duration, drain_timeout);
// Whether to serve gRPC server reflection (ServerConfig::reflection).
ABSL_DECLARE_FLAG(bool, reflection);
// Handlers running at once, and calls waiting for one (ServerConfig::handler_threads,
// max_queued_calls); RunningServer::Start refuses a thread count below 1 or a negative queue.
ABSL_DECLARE_FLAG(int, handler_threads);
ABSL_DECLARE_FLAG(int, max_queued_calls);
// The largest request message accepted, in bytes (ServerConfig::max_receive_message_bytes); 0,
// the default, uses the service's own limit. And the memory the requests of admitted calls may
// hold together (ServerConfig::request_memory_budget_bytes). RunningServer::Start refuses a
// limit below 1 or a negative budget.
ABSL_DECLARE_FLAG(int, max_request_bytes);
ABSL_DECLARE_FLAG(int64_t, request_memory_budget_bytes);
// host:port of the Prometheus metrics endpoint (ServerConfig::metrics_listen_address).
ABSL_DECLARE_FLAG(std::string, metrics_listen);
// Addresses of the peer services (DESIGN §1: intake calls investigation, investigation calls
// remedy, remedy calls investigation and intake). Defaults are the local quick-start ports; in
// Kubernetes they are the services' DNS names. Each binary reads only the peers it calls.
ABSL_DECLARE_FLAG(std::string, intake_address);
ABSL_DECLARE_FLAG(std::string, investigation_address);
ABSL_DECLARE_FLAG(std::string, remedy_address);
// An RFC 3339 instant the service's clock starts at (then runs on in real time); empty for the
// real clock. For rehearsals and end-to-end tests of dates the calendar has not reached yet.
ABSL_DECLARE_FLAG(std::string, simulated_time);

namespace redress {

// --listen if given, otherwise `fallback` (each service passes its own, e.g. "127.0.0.1:50051").
std::string ListenAddressOr(std::string fallback);

// A ServerConfig from --listen (or `default_listen`), --drain_timeout (negative counts as zero),
// --reflection, --metrics_listen, --handler_threads, --max_queued_calls, --max_request_bytes (or,
// when 0, `default_max_request_bytes`: the service's own limit) and
// --request_memory_budget_bytes, logging under `service_name`.
ServerConfig ServerConfigFromFlags(std::string_view service_name, std::string default_listen,
                                   int default_max_request_bytes);

// <data_dir>/<service_name>.db, creating --data_dir (and its parents) if missing. A directory that
// cannot be created is logged as an error; opening the database then fails with the details.
std::string SqlitePathFromFlags(std::string_view service_name);

// A pool of at most --database_pool_size connections to --database_url, its connections named
// `service_name` in pg_stat_activity. INVALID_ARGUMENT for a malformed URL or a size below 1
// (the message never quotes the URL). Opens no connection yet.
absl::StatusOr<std::unique_ptr<pg::Pool>> PostgresPoolFromFlags(std::string_view service_name);

// The service's store, as chosen by the flags: with --database_url, `PostgresStore` on a pool
// from PostgresPoolFromFlags (its schema migrated; a database that cannot be reached yet is
// retried for up to --database_connect_wait, since replicas and their database often start
// together); otherwise `SqliteStore` on SqlitePathFromFlags. Sets `where` to what the log may show
// of it: the SQLite path, or "postgresql" (never the URL, which may hold a password). A SQLite
// store reports its writes to `write_health` when given (SqliteOptions::write_health), which
// must outlive it; a PostgreSQL store does not yet (docs/reliability.md, "Storage faults").
template <typename Store, typename SqliteStore, typename PostgresStore>
absl::StatusOr<std::unique_ptr<Store>> OpenStoreFromFlags(std::string_view service_name,
                                                          std::string* where,
                                                          StoreWriteHealth* write_health = nullptr);

// A name for this process among the replicas of its service, unique across hosts and restarts
// ("<hostname>-<pid>-<random>"): who holds an outbox claim or a lease.
std::string ReplicaName();

// The service's clock: the system clock, or with --simulated_time a ShiftedClock starting at that
// instant (logged as a warning, since every date the service records is then simulated).
// INVALID_ARGUMENT when --simulated_time is not an RFC 3339 instant.
absl::StatusOr<std::unique_ptr<Clock>> ClockFromFlags();

// Implementation details.

namespace server_flags_internal {
// Calls `connect` until it is not UNAVAILABLE or --database_connect_wait has passed, logging
// each failure once per attempt.
absl::Status ConnectWithWait(std::string_view service_name,
                             const std::function<absl::Status()>& connect);
bool UsePostgres();
}  // namespace server_flags_internal

template <typename Store, typename SqliteStore, typename PostgresStore>
absl::StatusOr<std::unique_ptr<Store>> OpenStoreFromFlags(std::string_view service_name,
                                                          std::string* where,
                                                          StoreWriteHealth* write_health) {
  if (!server_flags_internal::UsePostgres()) {
    *where = SqlitePathFromFlags(service_name);
    SqliteOptions options;
    options.write_health = write_health;
    auto store = SqliteStore::Open(*where, options);
    if (!store.ok()) return store.status();
    return std::unique_ptr<Store>(*std::move(store));
  }
  *where = "postgresql";
  std::unique_ptr<Store> opened;
  absl::Status status = server_flags_internal::ConnectWithWait(service_name, [&]() -> absl::Status {
    auto pool = PostgresPoolFromFlags(service_name);
    if (!pool.ok()) return pool.status();
    auto store = PostgresStore::Connect(*std::move(pool));
    if (!store.ok()) return store.status();
    opened = *std::move(store);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return opened;
}

}  // namespace redress
