// The process's Prometheus metrics (docs/operations.md, "Metrics and alerts"): one registry per
// process, the families every service shares, and scrape hooks for values read only when scraped
// (an outbox's backlog, a pool's connections, remedy's overdue recommendations). The server
// exposes them on --metrics_listen (metrics_exposer.h). Recording is cheap and thread-safe;
// nothing here blocks on the network.
//
// Names follow Prometheus' conventions: counters end in _total, durations are in seconds, and the
// RPC families use the names of go-grpc-prometheus, so existing gRPC dashboards work unchanged.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace prometheus {
class Collectable;
class Counter;
class Gauge;
class Registry;
}  // namespace prometheus

namespace redress::metrics {

// The process-wide registry every family below lives in.
prometheus::Registry& Registry();

// What the exposer serves: runs every scrape hook, then collects the registry. Process-wide.
std::shared_ptr<prometheus::Collectable> ScrapeCollectable();

// The exposition of ScrapeCollectable() in Prometheus' text format (what /metrics serves).
std::string TextExposition();

// A served call: grpc_server_handled_total{grpc_type, grpc_service, grpc_method, grpc_code} and
// grpc_server_handling_seconds{grpc_type, grpc_service, grpc_method}. `full_method` is gRPC's
// "/package.Service/Method"; `type` "unary", "client_stream", "server_stream" or "bidi_stream";
// `code` a grpc::StatusCode as an int.
void ObserveServedCall(std::string_view full_method, std::string_view type, int code,
                       double seconds);

// A database error as the store reports it: redress_store_errors_total{store, code}, `store`
// "sqlite" or "postgres".
void CountStoreError(std::string_view store, absl::StatusCode code);

// Whether a hand-off attempt's result is the receiver refusing the record (as opposed to the
// receiver being unreachable, busy or slow, which a retry may cure): a code other than OK,
// ALREADY_EXISTS, UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, RESOURCE_EXHAUSTED and ABORTED.
bool IsRefusal(absl::StatusCode code);

// One hand-off route's delivery ("intake_to_investigation", "investigation_to_remedy"):
// redress_handoff_attempts_total{handoff, code}, redress_handoff_refused_total{handoff, code},
// redress_handoff_parkings_total{handoff, reason}, and the backlog gauges
// redress_handoff_pending{handoff}, redress_handoff_oldest_pending_age_seconds{handoff} and
// redress_handoff_parked{handoff} (docs/reliability.md).
class HandoffMetrics {
 public:
  explicit HandoffMetrics(std::string handoff);
  // An attempt's result (OK or ALREADY_EXISTS when delivered).
  void CountAttempt(absl::StatusCode code);
  // The backlog now: pending records, the age of the oldest (0 when none is pending), and the
  // records parked.
  void SetBacklog(int64_t pending, double oldest_age_seconds, int64_t parked);
  // A record parked for `reason` (ParkReasonName, common/outbox.h).
  void CountParking(std::string_view reason);

 private:
  std::string handoff_;
  prometheus::Gauge* pending_;
  prometheus::Gauge* oldest_age_;
  prometheus::Gauge* parked_;
};

// A gauge of the process-wide registry without labels, made on first use:
// e.g. Gauge("redress_remedy_overdue_recommendations", "...").
prometheus::Gauge& Gauge(const std::string& name, const std::string& help);
// A labelled gauge of the family `name`.
prometheus::Gauge& Gauge(const std::string& name, const std::string& help, const std::string& label,
                         const std::string& value);

// Runs `refresh` at each scrape, before the registry is collected, for as long as it lives: for
// gauges whose value is read from elsewhere (a database count, a pool). Scrapes run `refresh` on
// the exposer's thread, one scrape at a time; the destructor waits for a running one, so
// whatever `refresh` uses need only outlive the hook. A refresh that cannot read its value leaves
// the gauge as it was (its failure is counted where it happened, e.g. as a store error).
class ScrapeHook {
 public:
  explicit ScrapeHook(std::function<void()> refresh);
  ~ScrapeHook();
  ScrapeHook(const ScrapeHook&) = delete;
  ScrapeHook& operator=(const ScrapeHook&) = delete;

 private:
  uint64_t id_;
};

// A gauge whose value `read` returns at each scrape, as long as this object lives (a ScrapeHook
// on Gauge(name, help[, label, value])). `read` returning nullopt (the value cannot be read now,
// e.g. the database is unreachable) leaves the gauge as it was.
class ScrapedGauge {
 public:
  ScrapedGauge(const std::string& name, const std::string& help,
               std::function<std::optional<double>()> read);
  ScrapedGauge(const std::string& name, const std::string& help, const std::string& label,
               const std::string& value, std::function<std::optional<double>()> read);

 private:
  ScrapeHook hook_;
};

}  // namespace redress::metrics
