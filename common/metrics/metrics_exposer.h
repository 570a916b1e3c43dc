// Serves the process's metrics (metrics.h) over plain HTTP at http://<address>/metrics, for
// Prometheus to pull: prometheus-cpp's exposer (civetweb) on threads of its own. Plain HTTP on a
// port of its own, like the health port: the metrics name methods, codes and counts, never a
// case, and the NetworkPolicies let only the scraper reach it (deploy/README.md).
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace prometheus {
class Exposer;
}  // namespace prometheus

namespace redress::metrics {

class MetricsExposer {
 public:
  // Listens on `address` ("host:port"; "[::1]:port" for IPv6; port 0 picks a free port).
  // UNAVAILABLE when it cannot be bound (in use, not local, malformed).
  static absl::StatusOr<std::unique_ptr<MetricsExposer>> Start(const std::string& address);
  ~MetricsExposer();
  MetricsExposer(const MetricsExposer&) = delete;
  MetricsExposer& operator=(const MetricsExposer&) = delete;

  // The bound port.
  int port() const { return port_; }

 private:
  MetricsExposer(std::unique_ptr<prometheus::Exposer> exposer, int port);

  std::unique_ptr<prometheus::Exposer> exposer_;
  int port_;
};

}  // namespace redress::metrics
