#include "common/metrics/metrics.h"

#include <prometheus/collectable.h>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/metric_family.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"
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
                            .Help("Hand-offs recorded and not yet delivered, parked ones apart, "
                                  "by route (counted up to the sender's batch size).")
                            .Register(registry)),
        handoff_oldest_age(prometheus::BuildGauge()
                               .Name("redress_handoff_oldest_pending_age_seconds")
                               .Help("Age of the oldest undelivered hand-off, by route; 0 when "
                                     "none is pending.")
                               .Register(registry)),
        handoff_parked(prometheus::BuildGauge()
                           .Name("redress_handoff_parked")
                           .Help("Hand-offs parked now (set aside until an operator re-drives "
                                 "or discards them), by route.")
                           .Register(registry)),
        handoff_parkings(prometheus::BuildCounter()
                             .Name("redress_handoff_parkings_total")
                             .Help("Hand-offs this process parked, by route and reason.")
                             .Register(registry)) {}

  prometheus::Family<prometheus::Counter>& handled;
  prometheus::Family<prometheus::Histogram>& handling_seconds;
  prometheus::Family<prometheus::Counter>& store_errors;
  prometheus::Family<prometheus::Counter>& handoff_attempts;
  prometheus::Family<prometheus::Counter>& handoff_refused;
  prometheus::Family<prometheus::Gauge>& handoff_pending;
  prometheus::Family<prometheus::Gauge>& handoff_oldest_age;
  prometheus::Family<prometheus::Gauge>& handoff_parked;
  prometheus::Family<prometheus::Counter>& handoff_parkings;
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

namespace {

// The metrics of one (grpc_type, full method), looked up once and kept: a served call then costs
// a hash lookup under a reader lock and two atomic loads, not two label maps (eight strings and
// as many tree nodes) built and hashed by prometheus-cpp on every call.
struct ServedMethod {
  // grpc::StatusCode runs from 0 (OK) to 16 (UNAUTHENTICATED); any other code is counted
  // through the family directly.
  static constexpr int kCodes = 17;
  std::string type, full_method;
  std::string service, method;  // the labels: full_method split at its slashes
  prometheus::Histogram* seconds = nullptr;
  std::array<std::atomic<prometheus::Counter*>, kCodes> handled{};
};

// A (type, full method) pair as the map's key, looked up without building strings.
struct MethodKey {
  absl::string_view type, full_method;
  bool operator==(const MethodKey& other) const {
    return type == other.type && full_method == other.full_method;
  }
  template <typename H>
  friend H AbslHashValue(H state, const MethodKey& key) {
    return H::combine(std::move(state), key.type, key.full_method);
  }
};

class ServedMethods {
 public:
  ServedMethod& Get(std::string_view type, std::string_view full_method) {
    const MethodKey key{absl::string_view(type.data(), type.size()),
                        absl::string_view(full_method.data(), full_method.size())};
    {
      absl::ReaderMutexLock lock(&mu_);
      if (auto it = methods_.find(key); it != methods_.end()) return *it->second;
    }
    absl::MutexLock lock(&mu_);
    if (auto it = methods_.find(key); it != methods_.end()) return *it->second;
    auto method = std::make_unique<ServedMethod>();
    method->type = std::string(type);
    method->full_method = std::string(full_method);
    // "/package.Service/Method" -> "package.Service", "Method"; anything else is counted whole.
    method->method = std::string(full_method);
    if (full_method.size() > 1 && full_method.front() == '/') {
      const size_t slash = full_method.find('/', 1);
      if (slash != std::string_view::npos) {
        method->service = std::string(full_method.substr(1, slash - 1));
        method->method = std::string(full_method.substr(slash + 1));
      }
    }
    method->seconds = &TheFamilies().handling_seconds.Add({{"grpc_type", method->type},
                                                           {"grpc_service", method->service},
                                                           {"grpc_method", method->method}},
                                                          LatencyBuckets());
    // The key views the entry's own strings, which never move: the entry is on the heap and
    // never erased.
    const MethodKey stored{method->type, method->full_method};
    return *methods_.emplace(stored, std::move(method)).first->second;
  }

 private:
  absl::Mutex mu_;
  absl::flat_hash_map<MethodKey, std::unique_ptr<ServedMethod>> methods_ ABSL_GUARDED_BY(mu_);
};

ServedMethods& TheServedMethods() {
  static ServedMethods& methods = *new ServedMethods;
  return methods;
}

prometheus::Counter& HandledCounter(const ServedMethod& method, int code) {
  return TheFamilies().handled.Add({{"grpc_type", method.type},
                                    {"grpc_service", method.service},
                                    {"grpc_method", method.method},
                                    {"grpc_code", CodeName(code)}});
}

}  // namespace

void ObserveServedCall(std::string_view full_method, std::string_view type, int code,
                       double seconds) {
  ServedMethod& method = TheServedMethods().Get(type, full_method);
  if (code >= 0 && code < ServedMethod::kCodes) {
    prometheus::Counter* handled = method.handled[code].load(std::memory_order_acquire);
    if (handled == nullptr) {
      // Family::Add returns the one counter of these labels, so a race here stores the same
      // pointer twice.
      handled = &HandledCounter(method, code);
      method.handled[code].store(handled, std::memory_order_release);
    }
    handled->Increment();
  } else {
    HandledCounter(method, code).Increment();
  }
  method.seconds->Observe(seconds);
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
      oldest_age_(&TheFamilies().handoff_oldest_age.Add({{"handoff", handoff_}})),
      parked_(&TheFamilies().handoff_parked.Add({{"handoff", handoff_}})) {}

void HandoffMetrics::CountAttempt(absl::StatusCode code) {
  const std::string name = absl::StatusCodeToString(code);
  Families& families = TheFamilies();
  families.handoff_attempts.Add({{"handoff", handoff_}, {"code", name}}).Increment();
  if (IsRefusal(code)) {
    families.handoff_refused.Add({{"handoff", handoff_}, {"code", name}}).Increment();
  }
}

void HandoffMetrics::SetBacklog(int64_t pending, double oldest_age_seconds, int64_t parked) {
  pending_->Set(static_cast<double>(pending));
  oldest_age_->Set(oldest_age_seconds);
  parked_->Set(static_cast<double>(parked));
}

void HandoffMetrics::CountParking(std::string_view reason) {
  TheFamilies()
      .handoff_parkings.Add({{"handoff", handoff_}, {"reason", std::string(reason)}})
      .Increment();
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
