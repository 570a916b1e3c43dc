// The server bootstrap every service uses: listen address, transport security (TLS with bearer
// tokens and peer certificates, or an explicit insecure mode for loopback development),
// grpc.health.v1 health with a status per service (also on a plaintext port of its own, for
// Kubernetes' gRPC probes), server reflection (unless turned off), one structured log line and
// Prometheus metrics per RPC (served on a port of their own, common/metrics), and graceful shutdown
// on SIGTERM or SIGINT (report NOT_SERVING, stop accepting, drain in-flight calls within a
// deadline, exit).
#pragma once

#include <grpcpp/server.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/token_verifier.h"
#include "common/call_executor.h"
#include "common/store_write_health.h"
#include "common/tls.h"

namespace redress {

struct ServerConfig {
  // host:port; port 0 picks a free port (see RunningServer::port).
  std::string listen_address = "127.0.0.1:0";
  // How long in-flight calls may run after shutdown begins before they are cancelled.
  absl::Duration drain_timeout = absl::Seconds(10);
  // Name used in log lines ("intake").
  std::string log_name = "server";
  // Our services (CallbackServing, handler.h) run their handlers on the server's executor
  // (call_executor.h): at most `handler_threads` at once, then up to `max_queued_calls` waiting
  // in order of arrival; a call past both is refused RESOURCE_EXHAUSTED (SERVER_BUSY) with a
  // RetryInfo of `busy_retry_delay`, and a call whose deadline passes while it waits is answered
  // without being run.
  int handler_threads = CallExecutorOptions{}.threads;
  int max_queued_calls = CallExecutorOptions{}.max_queued;
  absl::Duration busy_retry_delay = CallExecutorOptions{}.retry_delay;
  // Upper bound on the threads gRPC's synchronous server uses, for the services on the
  // synchronous API (reflection; a test's fake): pollers plus running handlers. A call to one of
  // them arriving when every thread is busy fails RESOURCE_EXHAUSTED.
  int max_threads = 64;
  // Largest request message accepted, in bytes (gRPC's own default, 4 MiB); each service sets its
  // own from its largest legitimate request (docs/limits.md, --max_request_bytes). A larger one is
  // refused RESOURCE_EXHAUSTED by gRPC before it is parsed.
  int max_receive_message_bytes = 4 * 1024 * 1024;
  // How much memory the parsed requests of admitted, unfinished calls of our services may hold
  // together (request_memory_budget.h, estimated with SpaceUsedLong): a call past it is refused
  // RESOURCE_EXHAUSTED (SERVER_BUSY) with a RetryInfo of `busy_retry_delay`, unless no other call
  // holds any of it.
  int64_t request_memory_budget_bytes = int64_t{64} << 20;
  // Whether to serve gRPC server reflection (grpc.reflection.v1alpha). The contract is public, so
  // it is on by default; an operator who would rather not advertise it turns it off. Health is
  // served either way.
  bool reflection = true;

  // Transport security. With `tls`, every connection is TLS (tls.h, ServerCredentials: a client
  // certificate is verified when presented) and every call must authenticate (call_security.h):
  // a user by a bearer token that `tokens` verifies, a peer service by its certificate. Without
  // `tls` the server runs in insecure development mode: plaintext, and every caller is the
  // development caller who may do anything; Start then refuses any listen address but a
  // loopback one (127.0.0.0/8, [::1], localhost).
  std::optional<TlsFiles> tls;
  absl::Duration tls_refresh_interval = kDefaultTlsRefreshInterval;
  // With `tls`: the verifier of users' tokens. Null: no user can call (only peer services).
  std::shared_ptr<const auth::TokenVerifier> tokens;
  // host:port of a second, plaintext port serving only grpc.health.v1 (the same statuses), for
  // probes that cannot speak TLS; empty for none. Port 0 picks a free one (health_port()).
  std::string health_listen_address;
  // host:port of a plaintext HTTP port serving the process's Prometheus metrics at /metrics
  // (common/metrics); empty for none. Port 0 picks a free one (metrics_port()).
  std::string metrics_listen_address;
};

// A service to host, with the fully-qualified name health reports it under
// ("redress.intake.v1.Intake"). The service must outlive the server. A service that is also a
// CallbackServing (handler.h) is given the server's executor and request memory budget.
struct HostedService {
  grpc::Service* service;
  std::string health_name;
};

// Blocks SIGTERM and SIGINT in the calling thread. Call it first thing in main(), before anything
// starts a thread (gRPC starts several): threads inherit the mask, so the signal stays pending
// for RunningServer::WaitForTerminationSignal instead of killing the process through its default
// action in some other thread.
void BlockTerminationSignals();

// A started server. Thread-safe.
class RunningServer {
 public:
  // Builds and starts the server; every hosted service and the overall ("") health status report
  // SERVING once this returns, and reflection lists every hosted service plus
  // grpc.health.v1.Health. UNAVAILABLE if an address cannot be bound (including a port another
  // process holds: port sharing via SO_REUSEPORT is turned off). INVALID_ARGUMENT for a null
  // service, for unusable TLS files, for insecure mode on an address that is not loopback, and for
  // a message limit below 1 byte or a negative request memory budget.
  static absl::StatusOr<std::unique_ptr<RunningServer>> Start(const ServerConfig& config,
                                                              std::vector<HostedService> services);
  ~RunningServer();  // Shuts down if still running.

  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  // The bound port (useful with port 0).
  int port() const { return port_; }
  // The bound plaintext health port, or 0 when ServerConfig::health_listen_address is empty.
  int health_port() const { return health_port_; }
  // The bound metrics port, or 0 when ServerConfig::metrics_listen_address is empty.
  int metrics_port() const;
  // "127.0.0.1:<port>" style address clients can dial; a wildcard listen host (0.0.0.0, [::])
  // becomes the matching loopback address.
  std::string address() const;

  // Sets the health status of one hosted service ("" for the whole server). Ignored once
  // Shutdown has begun: a stopping server stays NOT_SERVING.
  void SetServing(const std::string& health_name, bool serving);

  // Reports NOT_SERVING everywhere, stops accepting calls, lets in-flight calls finish until the
  // drain timeout and cancels the rest, then waits for every handler to return. Handlers must
  // notice cancellation (ServerContext::IsCancelled, or the deadline they pass on) for the wait to
  // end promptly. An open health Watch stream counts as in flight, so with a watcher connected
  // shutdown takes the whole drain timeout (watchers see NOT_SERVING first). Idempotent; a
  // concurrent caller returns once shutdown is complete.
  // REQUIRES: not called from inside an RPC handler of this server (it waits for handlers).
  void Shutdown();

  // Blocks until SIGTERM or SIGINT arrives, logs "shutting down" with the signal, runs
  // `before_shutdown` when given (e.g. to stop background work that calls other services), then
  // calls Shutdown(). Call from the main thread, with BlockTerminationSignals() called first in
  // main(); otherwise (logged as a warning) a signal may reach a gRPC thread and end the process
  // abruptly.
  void WaitForTerminationSignal(const std::function<void()>& before_shutdown = nullptr);

 private:
  struct Impl;
  explicit RunningServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
  int health_port_ = 0;
  std::string host_;
};

// Reports `health_name` on `server` NOT_SERVING while `store` cannot write (store_write_health.h)
// and SERVING again once it can, starting with the store's state now, until
// store.OnChange(nullptr), which must be called before `server` is destroyed (e.g. in
// WaitForTerminationSignal's before_shutdown). The overall ("") status, which liveness probes
// read, is left SERVING: restarting the process would not give the disk space back.
void ReportStoreWriteHealth(StoreWriteHealth& store, RunningServer& server,
                            const std::string& health_name);

}  // namespace redress
