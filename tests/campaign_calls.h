// How the fault campaign's clients (tests/campaign_case.h) call the suite while services are
// killed and frozen under them, as a careful client would: every call is retried on UNAVAILABLE
// and DEADLINE_EXCEEDED with the same request (its request id or etag), with backoff; a write
// answered ABORTED (its etag is stale) or FAILED_PRECONDITION (the state has moved on) counts as
// done only when the resource, read back, shows the change; and a write that lost a race with
// another writer is tried again on the etag read back.
#pragma once

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <functional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "tests/suite_harness.h"

namespace redress::testing {

// Counts shared by every client of a campaign. Thread-safe.
struct ClientCounters {
  std::atomic<int> retries{0};     // attempts repeated after UNAVAILABLE or DEADLINE_EXCEEDED
  std::atomic<int> reconciled{0};  // writes found done by reading back
};

// One client's calls. `suite` and `counters` must outlive it; `give_up` bounds every retry.
class CarefulClient {
 public:
  using Rpc = std::function<grpc::Status(grpc::ClientContext*)>;
  using EtagRpc = std::function<grpc::Status(grpc::ClientContext*, const std::string& etag)>;

  CarefulClient(Suite& suite, ClientCounters& counters, absl::Time give_up);

  absl::Time give_up() const { return give_up_; }
  // `rpc`, each attempt with a short deadline, until it is answered otherwise than UNAVAILABLE or
  // DEADLINE_EXCEEDED or give_up passes; the last answer.
  grpc::Status Patiently(const Rpc& rpc);
  // A write to investigation `name`: OK when answered OK (`rpc` then wrote `investigation`), or
  // when refused ABORTED or FAILED_PRECONDITION and the investigation read back (then in
  // `investigation`) satisfies `done`.
  absl::Status WriteInvestigation(
      std::string_view what, const std::string& name, const Rpc& rpc,
      const std::function<bool(const redress::investigation::v1::Investigation&)>& done,
      redress::investigation::v1::Investigation& investigation);
  // The same for a recommendation of remedy, sent with `answer`'s etag; `answer` is as answered
  // or read back. A conflict with another writer (the follow-up scheduler) is tried again, a few
  // times, on the etag read back.
  absl::Status WriteRecommendation(
      std::string_view what, const EtagRpc& rpc, redress::remedy::v1::Recommendation& answer,
      const std::function<bool(const redress::remedy::v1::Recommendation&)>& done);

 private:
  Suite& suite_;
  ClientCounters& counters_;
  absl::Time give_up_;
};

}  // namespace redress::testing
