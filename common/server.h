// The server bootstrap every service uses: listen address, grpc.health.v1 health with a status per
// service, server reflection, one structured log line per RPC, and graceful shutdown on SIGTERM or
// SIGINT (stop accepting, report NOT_SERVING, drain in-flight calls within a deadline, exit).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <grpcpp/server.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace redress {

struct ServerConfig {
  // host:port; port 0 picks a free port (see RunningServer::port).
  std::string listen_address = "127.0.0.1:0";
  // How long in-flight calls may run after shutdown begins before they are cancelled.
  absl::Duration drain_timeout = absl::Seconds(10);
  // Name used in log lines ("intake").
  std::string log_name = "server";
};

// A service to host, with the fully-qualified name health reports it under
// ("redress.intake.v1.Intake"). The service must outlive the server.
struct HostedService {
  grpc::Service* service;
  std::string health_name;
};

// A started server. Thread-safe.
class RunningServer {
 public:
  // Builds and starts the server; every hosted service and the overall ("") health status report
  // SERVING once this returns. UNAVAILABLE if the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<RunningServer>> Start(const ServerConfig& config,
                                                               std::vector<HostedService> services);
  ~RunningServer();  // Shuts down if still running.

  // The bound port (useful with port 0).
  int port() const { return port_; }
  // "127.0.0.1:<port>" style address clients can dial.
  std::string address() const;

  // Sets the health status of one hosted service ("" for the whole server).
  void SetServing(const std::string& health_name, bool serving);

  // Reports NOT_SERVING everywhere, stops accepting calls, lets in-flight calls finish until the
  // drain timeout and cancels the rest. Idempotent.
  void Shutdown();

  // Blocks until SIGTERM or SIGINT arrives, then calls Shutdown(). Installs the signal handling on
  // first use; call from the main thread.
  void WaitForTerminationSignal();

 private:
  RunningServer() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
  std::string host_;
};

}  // namespace redress
