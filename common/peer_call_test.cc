// peer_call.h: a call made to a peer while serving one is its child (the caller's deadline and
// cancellation reach the peer), and PeerCallLimit bounds the calls waiting on one peer. Real
// servers on loopback ports: a "front" service whose handler calls a "back" one, as remedy calls
// investigation.
#include "common/peer_call.h"

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/errors.h"
#include "common/testing/status_matchers.h"
#include "redress/testing/echo.grpc.pb.h"

namespace redress {
namespace {

namespace echo = ::redress::testing;
using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;

// The back: sleeps as asked unless its call is cancelled first; records what it saw.
class BackEcho final : public echo::Echo::Service {
 public:
  grpc::Status Sleep(grpc::ServerContext* context, const echo::SleepRequest* request,
                     echo::SleepResponse* response) override {
    {
      absl::MutexLock lock(&mu);
      deadline = absl::FromChrono(context->deadline());
    }
    started.Notify();
    const absl::Time until = absl::Now() + absl::Milliseconds(request->duration_ms());
    while (absl::Now() < until) {
      if (context->IsCancelled()) {
        absl::MutexLock lock(&mu);
        cancelled_at = absl::Now();
        response->set_cancelled(true);
        return grpc::Status(grpc::StatusCode::CANCELLED, "cancelled");
      }
      absl::SleepFor(absl::Milliseconds(5));
    }
    return grpc::Status::OK;
  }
  absl::Mutex mu;
  absl::Time deadline = absl::InfinitePast();
  std::optional<absl::Time> cancelled_at;
  absl::Notification started;
};

// The front, served with the callback API as the services are: on another thread (as the call
// executor runs a handler body), within a ScopedServerCall, it calls the back with a context from
// NewPeerCallContext and a deadline of its own `peer_wait` away.
class FrontEcho final : public echo::Echo::CallbackService {
 public:
  FrontEcho(std::shared_ptr<grpc::Channel> back, absl::Duration peer_wait)
      : back_(echo::Echo::NewStub(std::move(back))), peer_wait_(peer_wait) {}
  ~FrontEcho() override {
    for (std::thread& thread : threads_) thread.join();
  }

  grpc::ServerUnaryReactor* Sleep(grpc::CallbackServerContext* context,
                                  const echo::SleepRequest* request,
                                  echo::SleepResponse* response) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    absl::MutexLock lock(&mu_);
    threads_.emplace_back([this, context, request, response, reactor] {
      const ScopedServerCall served(context);
      std::unique_ptr<grpc::ClientContext> peer = NewPeerCallContext(absl::Now() + peer_wait_);
      reactor->Finish(back_->Sleep(peer.get(), *request, response));
    });
    return reactor;
  }

 private:
  std::unique_ptr<echo::Echo::Stub> back_;
  const absl::Duration peer_wait_;
  absl::Mutex mu_;
  std::vector<std::thread> threads_;
};

std::unique_ptr<grpc::Server> Serve(grpc::Service* service, int& port) {
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(service);
  return builder.BuildAndStart();
}

class PeerCallTest : public ::testing::Test {
 protected:
  void Start(absl::Duration peer_wait) {
    back_server_ = Serve(&back_, back_port_);
    ASSERT_GT(back_port_, 0);
    front_ = std::make_unique<FrontEcho>(grpc::CreateChannel(absl::StrCat("127.0.0.1:", back_port_),
                                                             grpc::InsecureChannelCredentials()),
                                         peer_wait);
    front_server_ = Serve(front_.get(), front_port_);
    ASSERT_GT(front_port_, 0);
    stub_ = echo::Echo::NewStub(grpc::CreateChannel(absl::StrCat("127.0.0.1:", front_port_),
                                                    grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    if (front_server_ != nullptr) front_server_->Shutdown();
    front_server_.reset();
    front_.reset();
    if (back_server_ != nullptr) back_server_->Shutdown();
  }

  BackEcho back_;
  std::unique_ptr<FrontEcho> front_;
  std::unique_ptr<grpc::Server> back_server_, front_server_;
  int back_port_ = 0, front_port_ = 0;
  std::unique_ptr<echo::Echo::Stub> stub_;
};

TEST_F(PeerCallTest, ThePeerCallEndsNoLaterThanItsCaller) {
  Start(/*peer_wait=*/absl::Seconds(60));
  grpc::ClientContext context;
  const absl::Time caller_deadline = absl::Now() + absl::Seconds(5);
  context.set_deadline(absl::ToChronoTime(caller_deadline));
  echo::SleepRequest request;
  echo::SleepResponse response;
  ASSERT_TRUE(stub_->Sleep(&context, request, &response).ok());
  absl::MutexLock lock(&back_.mu);
  EXPECT_LE(back_.deadline, caller_deadline + absl::Milliseconds(50));
  EXPECT_GT(back_.deadline, caller_deadline - absl::Seconds(1));
}

TEST_F(PeerCallTest, ItsOwnDeadlineHoldsWhenEarlierThanTheCallers) {
  Start(/*peer_wait=*/absl::Milliseconds(300));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  echo::SleepRequest request;
  request.set_duration_ms(20'000);
  echo::SleepResponse response;
  const absl::Time start = absl::Now();
  EXPECT_EQ(stub_->Sleep(&context, request, &response).error_code(),
            grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
}

TEST_F(PeerCallTest, ThePeerCallIsCancelledWhenItsCallerGoesAway) {
  Start(/*peer_wait=*/absl::Seconds(60));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
  echo::SleepRequest request;
  request.set_duration_ms(30'000);
  echo::SleepResponse response;
  std::thread canceller([&] {
    back_.started.WaitForNotificationWithTimeout(absl::Seconds(10));
    context.TryCancel();
  });
  const grpc::Status status = stub_->Sleep(&context, request, &response);
  const absl::Time cancelled = absl::Now();
  canceller.join();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::CANCELLED);
  // The back sees it within a poll or two, not when its 30 s are over.
  for (int i = 0; i < 200; ++i) {
    {
      absl::MutexLock lock(&back_.mu);
      if (back_.cancelled_at.has_value()) break;
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
  absl::MutexLock lock(&back_.mu);
  ASSERT_TRUE(back_.cancelled_at.has_value());
  EXPECT_LT(*back_.cancelled_at - cancelled, absl::Seconds(2));
}

TEST(NewPeerCallContextTest, OutsideAHandlerItIsAPlainCallWithTheDeadline) {
  ASSERT_EQ(CurrentServerCall(), nullptr);
  const absl::Time deadline = absl::Now() + absl::Seconds(7);
  std::unique_ptr<grpc::ClientContext> context = NewPeerCallContext(deadline);
  EXPECT_LT(absl::AbsDuration(absl::FromChrono(context->deadline()) - deadline),
            absl::Milliseconds(1));
}

TEST(PeerCallLimitTest, RefusesAtOnceBeyondItsLimitAndTakesCallsAgainWhenOneEnds) {
  PeerCallLimit limit("investigation", 2, absl::Milliseconds(250));
  absl::StatusOr<PeerCallLimit::Slot> first = limit.Acquire();
  ASSERT_THAT(first, IsOk());
  std::optional<absl::StatusOr<PeerCallLimit::Slot>> second = limit.Acquire();
  ASSERT_THAT(*second, IsOk());
  EXPECT_EQ(limit.in_flight(), 2);

  const absl::StatusOr<PeerCallLimit::Slot> third = limit.Acquire();
  EXPECT_THAT(third, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(RetryDelayOf(third.status()), absl::Milliseconds(250));
  EXPECT_NE(third.status().message().find("investigation"), std::string::npos);

  second.reset();
  EXPECT_EQ(limit.in_flight(), 1);
  EXPECT_THAT(limit.Acquire(), IsOk());  // taken and given back at once
  EXPECT_EQ(limit.in_flight(), 1);
}

TEST(PeerCallLimitTest, AMovedSlotIsGivenBackOnce) {
  PeerCallLimit limit("intake", 1);
  {
    absl::StatusOr<PeerCallLimit::Slot> slot = limit.Acquire();
    ASSERT_THAT(slot, IsOk());
    PeerCallLimit::Slot moved = std::move(*slot);
    EXPECT_EQ(limit.in_flight(), 1);
  }
  EXPECT_EQ(limit.in_flight(), 0);
}

TEST(PeerCallLimitTest, ConcurrentCallersNeverExceedTheLimit) {
  PeerCallLimit limit("investigation", 3);
  std::atomic<int> most{0}, now{0}, refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        absl::StatusOr<PeerCallLimit::Slot> slot = limit.Acquire();
        if (!slot.ok()) {
          ++refused;
          continue;
        }
        const int running = ++now;
        int seen = most.load();
        while (running > seen && !most.compare_exchange_weak(seen, running)) {
        }
        --now;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_LE(most.load(), 3);
  EXPECT_EQ(limit.in_flight(), 0);
}

}  // namespace
}  // namespace redress
