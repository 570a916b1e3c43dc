#include "tests/campaign_calls.h"

#include <algorithm>
#include <utility>

#include "absl/time/clock.h"

namespace redress::testing {
namespace {

namespace inv1 = ::redress::investigation::v1;
namespace rv1 = ::redress::remedy::v1;

// One attempt's deadline: short, so that a frozen service costs a client little.
constexpr absl::Duration kAttemptTimeout = absl::Seconds(4);
constexpr absl::Duration kFirstBackoff = absl::Milliseconds(100);
constexpr absl::Duration kMaxBackoff = absl::Seconds(2);
// How often a write to a recommendation is tried again on a newer etag after a conflict.
constexpr int kMaxConflicts = 5;

bool Retryable(const grpc::Status& status) {
  return status.error_code() == grpc::StatusCode::UNAVAILABLE ||
         status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED;
}

bool MayHaveTakenEffect(const grpc::Status& status) {
  return status.error_code() == grpc::StatusCode::ABORTED ||
         status.error_code() == grpc::StatusCode::FAILED_PRECONDITION;
}

}  // namespace

CarefulClient::CarefulClient(Suite& suite, ClientCounters& counters, absl::Time give_up)
    : suite_(suite), counters_(counters), give_up_(give_up) {}

grpc::Status CarefulClient::Patiently(const Rpc& rpc) {
  absl::Duration backoff = kFirstBackoff;
  for (;;) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + kAttemptTimeout));
    grpc::Status status = rpc(&context);
    if (!Retryable(status) || absl::Now() + backoff > give_up_) return status;
    ++counters_.retries;
    absl::SleepFor(backoff);
    backoff = std::min(backoff * 2, kMaxBackoff);
  }
}

absl::Status CarefulClient::WriteInvestigation(
    std::string_view what, const std::string& name, const Rpc& rpc,
    const std::function<bool(const inv1::Investigation&)>& done,
    inv1::Investigation& investigation) {
  const grpc::Status status = Patiently(rpc);
  if (!status.ok() && MayHaveTakenEffect(status)) {
    inv1::GetInvestigationRequest get;
    get.set_name(name);
    inv1::Investigation read;
    const grpc::Status got = Patiently([&](grpc::ClientContext* context) {
      return suite_.investigation().GetInvestigation(context, get, &read);
    });
    if (got.ok() && done(read)) {
      investigation = std::move(read);
      ++counters_.reconciled;
      return absl::OkStatus();
    }
  }
  return Checked(what, status);
}

absl::Status CarefulClient::WriteRecommendation(
    std::string_view what, const EtagRpc& rpc, rv1::Recommendation& answer,
    const std::function<bool(const rv1::Recommendation&)>& done) {
  rv1::GetRecommendationRequest get;
  get.set_name(answer.name());
  std::string etag = answer.etag();
  grpc::Status status;
  for (int conflicts = 0; conflicts < kMaxConflicts; ++conflicts) {
    status = Patiently([&](grpc::ClientContext* context) { return rpc(context, etag); });
    if (status.ok()) return absl::OkStatus();
    if (!MayHaveTakenEffect(status)) break;
    rv1::Recommendation read;
    const grpc::Status got = Patiently([&](grpc::ClientContext* context) {
      return suite_.remedy().GetRecommendation(context, get, &read);
    });
    if (!got.ok()) break;
    if (done(read)) {
      answer = std::move(read);
      ++counters_.reconciled;
      return absl::OkStatus();
    }
    // Changed meanwhile (by the follow-up scheduler): try again on what is there now.
    if (status.error_code() != grpc::StatusCode::ABORTED) break;
    etag = read.etag();
  }
  return Checked(what, status);
}

}  // namespace redress::testing
