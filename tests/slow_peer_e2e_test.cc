// A slow peer cannot take a caller's capacity (docs/reliability.md, "Deadlines, cancellation and
// retries"): the real remedy binary, with 8 handler threads, reads cases from a stand-in for
// investigation that never answers. Only a quarter of remedy's threads wait on it; the other calls
// to that peer are refused at once with UNAVAILABLE (PEER_BUSY), and remedy goes on answering
// calls that do not need it. The peer's calls carry the caller's deadline and are cancelled when
// their caller goes away. remedy runs with --insecure (plaintext on loopback), so the stand-in
// needs no certificate.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/testing/grpc_error_details.h"
#include "common/testing/status_matchers.h"
#include "redress/investigation/v1/investigation.grpc.pb.h"
#include "redress/remedy/v1/remedy.grpc.pb.h"
#include "tests/process.h"

namespace redress::testing {
namespace {

namespace inv1 = ::redress::investigation::v1;
namespace rv1 = ::redress::remedy::v1;

constexpr int kHandlerThreads = 8;
constexpr int kPeerCalls = kHandlerThreads / 4;  // remedy's limit per peer (peer_clients.h)

// Investigation as remedy reaches it: GetInvestigation never answers; it waits until its call is
// cancelled (or 30 s pass). Records how many wait at once, their deadlines and cancellations.
class HangingInvestigation final : public inv1::Investigations::Service {
 public:
  grpc::Status GetInvestigation(grpc::ServerContext* context,
                                const inv1::GetInvestigationRequest* /*request*/,
                                inv1::Investigation* /*response*/) override {
    {
      absl::MutexLock lock(&mu);
      ++waiting;
      ++calls;
      most_waiting = std::max(most_waiting, waiting);
      deadlines.push_back(absl::FromChrono(context->deadline()));
    }
    const absl::Time give_up = absl::Now() + absl::Seconds(30);
    bool cancelled = false;
    while (!(cancelled = context->IsCancelled()) && absl::Now() < give_up) {
      absl::SleepFor(absl::Milliseconds(5));
    }
    absl::MutexLock lock(&mu);
    --waiting;
    if (cancelled) ++cancellations;
    return grpc::Status(grpc::StatusCode::UNAVAILABLE, "never answers");
  }

  int Waiting() {
    absl::MutexLock lock(&mu);
    return waiting;
  }

  absl::Mutex mu;
  int waiting ABSL_GUARDED_BY(mu) = 0;
  int most_waiting ABSL_GUARDED_BY(mu) = 0;
  int calls ABSL_GUARDED_BY(mu) = 0;
  int cancellations ABSL_GUARDED_BY(mu) = 0;
  std::vector<absl::Time> deadlines ABSL_GUARDED_BY(mu);
};

bool Eventually(const std::function<bool()>& done, absl::Duration patience) {
  const absl::Time give_up = absl::Now() + patience;
  while (!done()) {
    if (absl::Now() > give_up) return false;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return true;
}

class SlowPeerEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&investigation_);
    stand_in_ = builder.BuildAndStart();
    ASSERT_GT(port, 0);
    data_dir_ = MakeTempDir("redress-slow-peer");
    const std::string address = absl::StrCat("127.0.0.1:", PickFreePort());
    ASSERT_THAT(ChildProcess::Start(
                    REDRESS_REMEDY_BINARY,
                    {"--insecure", "--listen=" + address, "--data_dir=" + data_dir_,
                     "--drain_timeout=2s", absl::StrCat("--handler_threads=", kHandlerThreads),
                     absl::StrCat("--investigation_address=127.0.0.1:", port),
                     absl::StrCat("--intake_address=127.0.0.1:", PickFreePort())},
                    data_dir_ + "/remedy.log", remedy_),
                IsOk());
    ASSERT_THAT(WaitForServing(address, "redress.remedy.v1.Remedy", absl::Seconds(30),
                               Transport::kPlaintext),
                IsOk())
        << ReadFileOrEmpty(data_dir_ + "/remedy.log");
    stub_ = rv1::Remedy::NewStub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  }

  void TearDown() override {
    remedy_.Stop(SIGTERM);
    stand_in_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
  }

  HangingInvestigation investigation_;
  std::unique_ptr<grpc::Server> stand_in_;
  std::string data_dir_;
  ChildProcess remedy_;
  std::unique_ptr<rv1::Remedy::Stub> stub_;
};

TEST_F(SlowPeerEndToEndTest, AHangingPeerHoldsAQuarterOfTheThreadsAndOtherCallsAreAnswered) {
  constexpr int kCallers = 3 * kHandlerThreads;
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<grpc::Status> statuses(kCallers);
  std::vector<absl::Duration> took(kCallers);
  std::atomic<int> answered{0};
  for (int i = 0; i < kCallers; ++i) {
    contexts.push_back(std::make_unique<grpc::ClientContext>());
    contexts.back()->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
  }
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&, i] {
      rv1::RenderCaseSummaryRequest request;
      request.set_investigation(absl::StrCat("investigations/inv", i));
      rv1::RenderCaseSummaryResponse response;
      const absl::Time start = absl::Now();
      statuses[i] = stub_->RenderCaseSummary(contexts[i].get(), request, &response);
      took[i] = absl::Now() - start;
      ++answered;
    });
  }
  ASSERT_TRUE(
      Eventually([&] { return investigation_.Waiting() == kPeerCalls; }, absl::Seconds(20)));

  // With every caller's call in flight, remedy still answers a call that does not need the peer,
  // promptly: it has threads left.
  {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(3)));
    rv1::ListRecommendationsRequest request;
    request.set_page_size(10);
    rv1::ListRecommendationsResponse response;
    const grpc::Status listed = stub_->ListRecommendations(&context, request, &response);
    EXPECT_TRUE(listed.ok()) << listed.error_code() << " " << listed.error_message();
  }

  // The callers past the limit were refused at once, retryably; the others still wait. Then they
  // give up, and the peer sees its calls cancelled.
  ASSERT_TRUE(
      Eventually([&] { return answered.load() >= kCallers - kPeerCalls; }, absl::Seconds(20)));
  for (auto& context : contexts) context->TryCancel();
  for (std::thread& caller : callers) caller.join();

  int busy = 0;
  for (int i = 0; i < kCallers; ++i) {
    if (statuses[i].error_code() == grpc::StatusCode::CANCELLED) continue;
    ++busy;
    EXPECT_EQ(statuses[i].error_code(), grpc::StatusCode::UNAVAILABLE)
        << statuses[i].error_message();
    EXPECT_EQ(DetailsOf(statuses[i]).error_info.reason(), "PEER_BUSY");
    EXPECT_LT(took[i], absl::Seconds(5));
  }
  EXPECT_EQ(busy, kCallers - kPeerCalls);
  ASSERT_TRUE(Eventually(
      [&] {
        absl::MutexLock lock(&investigation_.mu);
        return investigation_.cancellations == kPeerCalls;
      },
      absl::Seconds(5)))
      << "remedy's calls to the peer were not cancelled when their callers went away";
  absl::MutexLock lock(&investigation_.mu);
  EXPECT_EQ(investigation_.most_waiting, kPeerCalls);
}

TEST_F(SlowPeerEndToEndTest, ThePeerCallEndsBeforeItsCallersDeadline) {
  grpc::ClientContext context;
  const absl::Time deadline = absl::Now() + absl::Milliseconds(1500);
  context.set_deadline(absl::ToChronoTime(deadline));
  rv1::RenderCaseSummaryRequest request;
  request.set_investigation("investigations/inv1");
  rv1::RenderCaseSummaryResponse response;
  const grpc::Status status = stub_->RenderCaseSummary(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << status.error_message();
  EXPECT_LT(absl::Now() - deadline, absl::Seconds(2));
  absl::MutexLock lock(&investigation_.mu);
  ASSERT_EQ(investigation_.deadlines.size(), 1u);
  EXPECT_LE(investigation_.deadlines[0], deadline);
}

}  // namespace
}  // namespace redress::testing
