#include "common/metrics/metrics.h"

#include <prometheus/collectable.h>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/metric_family.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <map>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/synchronization/mutex.h"

namespace redress::metrics {
namespace {

// The families are made once, on first use, and live for the process: metrics are recorded from
// every thread until exit, so nothing here is ever destroyed.
struct Families {
  explicit Families(prometheus::Registry& registry)
      : handled(prometheus::BuildCounter()
                    .Name("grpc_server_handled_total")
                    .Help("Calls completed by the server, by method and status code.")
                    .Register(registry)),
        handling_seconds(
            prometheus::BuildHistogram()
                .Name("grpc_server_handling_seconds")
                .Help("Time from a call's arrival to its status, by method, in seconds.")
                .Register(registry)),
        store_errors(prometheus::BuildCounter()
                         .Name("redress_store_errors_total")
                         .Help("Errors the database returned, by store and status code.")
                         .Register(registry)),
        handoff_attempts(prometheus::BuildCounter()
                             .Name("redress_handoff_attempts_total")
                             .Help("Hand-off delivery attempts, by route and result code.")
                             .Register(registry)),
        handoff_refused(
            prometheus::BuildCounter()
                .Name("redress_handoff_refused_total")
                .Help("Hand-off attempts the receiver refused on their merits (not retryable "
                      "by waiting), by route and code.")
                .Register(registry)),
        handoff_pending(prometheus::BuildGauge()
                            .Name("redress_handoff_pending")
                            .Help("Hand-offs recorded and not yet delivered, by route (counted "
                                  "up to the sender's batch size).")
                            .Register(registry)),
        handoff_oldest_age(prometheus::BuildGauge()
                               .Name("redress_handoff_oldest_pending_age_seconds")
                               .Help("Age of the oldest undelivered hand-off, by route; 0 when "
                                     "none is pending.")
                               .Register(registry)) {}

  prometheus::Family<prometheus::Counter>& handled;
  prometheus::Family<prometheus::Histogram>& handling_seconds;
  prometheus::Family<prometheus::Counter>& store_errors;
  prometheus::Family<prometheus::Counter>& handoff_attempts;
  prometheus::Family<prometheus::Counter>& handoff_refused;
  prometheus::Family<prometheus::Gauge>& handoff_pending;
  prometheus::Family<prometheus::Gauge>& handoff_oldest_age;
};

Families& TheFamilies() {
  static Families& families = *new Families(Registry());
  return families;
}

// Latency buckets from a millisecond to ten seconds: our calls are database writes of a few
// milliseconds, and anything past the clients' usual 10 s deadline has failed anyway.
const prometheus::Histogram::BucketBoundaries& LatencyBuckets() {
  static const auto& buckets = *new prometheus::Histogram::BucketBoundaries{
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  return buckets;
}

// grpc::StatusCode's names, as gRPC and go-grpc-prometheus spell them (absl's are the same
// words: absl::StatusCode mirrors gRPC's codes one to one).
std::string CodeName(int code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

// The scrape hooks, run in id order at each scrape. A scrape holds `mu` while they run, so a
// hook's destructor waits for a scrape in progress.
struct Hooks {
  absl::Mutex mu;
  uint64_t next_id ABSL_GUARDED_BY(mu) = 1;
  std::map<uint64_t, std::function<void()>> hooks ABSL_GUARDED_BY(mu);
};

Hooks& TheHooks() {
  static Hooks& hooks = *new Hooks;
  return hooks;
}

class HookedRegistry final : public prometheus::Collectable {
 public:
  std::vector<prometheus::MetricFamily> Collect() const override {
    {
      Hooks& hooks = TheHooks();
      absl::MutexLock lock(&hooks.mu);
      for (const auto& [id, refresh] : hooks.hooks) refresh();
    }
    return Registry().Collect();
  }
};

}  // namespace

prometheus::Registry& Registry() {
  static prometheus::Registry& registry = *new prometheus::Registry;
  return registry;
}

std::shared_ptr<prometheus::Collectable> ScrapeCollectable() {
  static const auto& collectable =
      *new std::shared_ptr<prometheus::Collectable>(std::make_shared<HookedRegistry>());
  return collectable;
}

std::string TextExposition() {
  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, ScrapeCollectable()->Collect());
  return out.str();
}

void ObserveServedCall(std::string_view full_method, std::string_view type, int code,
                       double seconds) {
  // "/package.Service/Method" -> "package.Service", "Method"; anything else is counted whole.
  std::string service, method(full_method);
  if (full_method.size() > 1 && full_method.front() == '/') {
    const size_t slash = full_method.find('/', 1);
    if (slash != std::string_view::npos) {
      service = std::string(full_method.substr(1, slash - 1));
      method = std::string(full_method.substr(slash + 1));
    }
  }
  Families& families = TheFamilies();
  families.handled
      .Add({{"grpc_type", std::string(type)},
            {"grpc_service", service},
            {"grpc_method", method},
            {"grpc_code", CodeName(code)}})
      .Increment();
  families.handling_seconds
      .Add({{"grpc_type", std::string(type)}, {"grpc_service", service}, {"grpc_method", method}},
           LatencyBuckets())
      .Observe(seconds);
}

void CountStoreError(std::string_view store, absl::StatusCode code) {
  TheFamilies()
      .store_errors.Add({{"store", std::string(store)}, {"code", absl::StatusCodeToString(code)}})
      .Increment();
}

bool IsRefusal(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kCancelled:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kAborted:
      return false;
    default:
      return true;
  }
}

HandoffMetrics::HandoffMetrics(std::string handoff)
    : handoff_(std::move(handoff)),
      pending_(&TheFamilies().handoff_pending.Add({{"handoff", handoff_}})),
      oldest_age_(&TheFamilies().handoff_oldest_age.Add({{"handoff", handoff_}})) {}

void HandoffMetrics::CountAttempt(absl::StatusCode code) {
  const std::string name = absl::StatusCodeToString(code);
  Families& families = TheFamilies();
  families.handoff_attempts.Add({{"handoff", handoff_}, {"code", name}}).Increment();
  if (IsRefusal(code)) {
    families.handoff_refused.Add({{"handoff", handoff_}, {"code", name}}).Increment();
  }
}

void HandoffMetrics::SetBacklog(int64_t pending, double oldest_age_seconds) {
  pending_->Set(static_cast<double>(pending));
  oldest_age_->Set(oldest_age_seconds);
}

prometheus::Gauge& Gauge(const std::string& name, const std::string& help) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(Registry()).Add({});
}

prometheus::Gauge& Gauge(const std::string& name, const std::string& help, const std::string& label,
                         const std::string& value) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(Registry()).Add({{label, value}});
}

ScrapeHook::ScrapeHook(std::function<void()> refresh) {
  Hooks& hooks = TheHooks();
  absl::MutexLock lock(&hooks.mu);
  id_ = hooks.next_id++;
  hooks.hooks.emplace(id_, std::move(refresh));
}

ScrapeHook::~ScrapeHook() {
  Hooks& hooks = TheHooks();
  absl::MutexLock lock(&hooks.mu);
  hooks.hooks.erase(id_);
}

namespace {

std::function<void()> SetFrom(prometheus::Gauge& gauge,
                              std::function<std::optional<double>()> read) {
  return [&gauge, read = std::move(read)] {
    if (std::optional<double> value = read(); value.has_value()) gauge.Set(*value);
  };
}

}  // namespace

ScrapedGauge::ScrapedGauge(const std::string& name, const std::string& help,
                           std::function<std::optional<double>()> read)
    : hook_(SetFrom(Gauge(name, help), std::move(read))) {}

ScrapedGauge::ScrapedGauge(const std::string& name, const std::string& help,
                           const std::string& label, const std::string& value,
                           std::function<std::optional<double>()> read)
    : hook_(SetFrom(Gauge(name, help, label, value), std::move(read))) {}

}  // namespace redress::metrics
