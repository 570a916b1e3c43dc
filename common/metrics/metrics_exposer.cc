#include "common/metrics/metrics_exposer.h"

#include <prometheus/exposer.h>

#include <exception>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/metrics/metrics.h"

namespace redress::metrics {

absl::StatusOr<std::unique_ptr<MetricsExposer>> MetricsExposer::Start(const std::string& address) {
  std::unique_ptr<prometheus::Exposer> exposer;
  try {
    // One thread: a scrape every few seconds from one or two Prometheus servers.
    exposer = std::make_unique<prometheus::Exposer>(address, 1);
  } catch (const std::exception& error) {  // civetweb's CivetException: the port is not bound
    return absl::UnavailableError(absl::StrCat("cannot serve metrics on ", address, " (",
                                               error.what(), "; address in use or malformed)"));
  }
  const std::vector<int> ports = exposer->GetListeningPorts();
  if (ports.empty()) {
    return absl::UnavailableError(absl::StrCat("cannot serve metrics on ", address));
  }
  exposer->RegisterCollectable(ScrapeCollectable());
  return std::unique_ptr<MetricsExposer>(new MetricsExposer(std::move(exposer), ports.front()));
}

MetricsExposer::MetricsExposer(std::unique_ptr<prometheus::Exposer> exposer, int port)
    : exposer_(std::move(exposer)), port_(port) {}

MetricsExposer::~MetricsExposer() = default;

}  // namespace redress::metrics
