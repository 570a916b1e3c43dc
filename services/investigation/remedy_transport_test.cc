// RemedyTransport against an in-process fake of redress.remedy.v1.Remedy (ReceiveDecision only) on
// port 0: the request it sends, the deadline the server sees, the statuses it passes back
// (details included), failing fast with no server, and cancellation.
#include "services/investigation/remedy_transport.h"

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/errors.h"
#include "common/grpc_status.h"
#include "common/peer_channel.h"
#include "common/server.h"
#include "common/testing/status_matchers.h"
#include "services/investigation/decision_outbox.h"
#include "services/investigation/proto_convert.h"
#include "services/investigation/store_test_data.h"
#include "tests/process.h"

namespace redress::investigation {
namespace {

namespace rv1 = ::redress::remedy::v1;
using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;

DecisionHandoff SampleHandoff() {
  const Investigation decided = store_testing::Decided(
      store_testing::MinimalInvestigation("i1", {"organisations/hmcts", "organisations/dvla"}),
      store_testing::TimeAt(1'772'000'000, 250), /*sequence=*/2);
  return store_testing::HandoffFor(decided);
}

// The outbox record of SampleHandoff(), as DecisionOutbox lists it.
OutboxRecord SampleRecord() {
  OutboxEntry entry;
  entry.id = 7;
  entry.handoff = SampleHandoff();
  entry.create_time = entry.handoff.decision.issue_time;
  return DecisionRecord(entry);
}

TEST(ReceiveDecisionRequestForTest, CarriesTheKeyAsRequestIdAndTheDecisionIssuedEvent) {
  const DecisionHandoff handoff = SampleHandoff();
  ASSERT_FALSE(handoff.recommendations.empty());
  const rv1::ReceiveDecisionRequest request = ReceiveDecisionRequestFor(handoff);
  EXPECT_EQ(request.request_id(), "investigations/i1/decisions/2");
  EXPECT_EQ(request.event().handoff_key(), request.request_id());  // as remedy requires
  EXPECT_EQ(request.event().investigation(), "investigations/i1");
  EXPECT_EQ(request.event().complaint(), "complaints/for-i1");
  EXPECT_EQ(request.event().decision().sequence(), 2);
  EXPECT_EQ(request.event().recommendations_size(),
            static_cast<int>(handoff.recommendations.size()));
  EXPECT_EQ(request.event().organisations_size(), static_cast<int>(handoff.organisations.size()));
  EXPECT_EQ(request.event().SerializeAsString(),
            DecisionHandoffToProto(handoff).SerializeAsString());
}

// Records each ReceiveDecision and answers with the next scripted status (OK when none); with
// `hang` set, waits until the client cancels.
class FakeRemedy final : public rv1::Remedy::Service {
 public:
  grpc::Status ReceiveDecision(grpc::ServerContext* context,
                               const rv1::ReceiveDecisionRequest* request,
                               rv1::ReceiveDecisionResponse* /*response*/) override {
    {
      absl::MutexLock lock(&mu_);
      requests_.push_back(*request);
      deadlines_.push_back(absl::FromChrono(context->deadline()));
    }
    if (!entered_.HasBeenNotified()) entered_.Notify();
    if (hang_) {
      const absl::Time give_up = absl::Now() + absl::Seconds(20);
      while (!context->IsCancelled() && absl::Now() < give_up) {
        absl::SleepFor(absl::Milliseconds(5));
      }
      return grpc::Status::CANCELLED;
    }
    absl::MutexLock lock(&mu_);
    return answer_;
  }

  void Answer(absl::Status status) {
    absl::MutexLock lock(&mu_);
    answer_ = ToGrpcStatus(status, "remedy.redress");
  }
  void Hang() { hang_ = true; }
  absl::Notification& entered() { return entered_; }
  std::vector<rv1::ReceiveDecisionRequest> requests() {
    absl::MutexLock lock(&mu_);
    return requests_;
  }
  std::vector<absl::Time> deadlines() {
    absl::MutexLock lock(&mu_);
    return deadlines_;
  }

 private:
  absl::Mutex mu_;
  grpc::Status answer_ ABSL_GUARDED_BY(mu_);
  std::vector<rv1::ReceiveDecisionRequest> requests_ ABSL_GUARDED_BY(mu_);
  std::vector<absl::Time> deadlines_ ABSL_GUARDED_BY(mu_);
  std::atomic<bool> hang_{false};
  absl::Notification entered_;
};

class RemedyTransportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerConfig config;
    config.listen_address = "127.0.0.1:0";
    config.drain_timeout = absl::Seconds(1);
    auto server = RunningServer::Start(config, {{&remedy_, "redress.remedy.v1.Remedy"}});
    ASSERT_THAT(server, IsOk());
    server_ = *std::move(server);
    transport_ =
        std::make_unique<RemedyTransport>(NewPeerChannel(server_->address(), absl::Seconds(1)));
  }

  FakeRemedy remedy_;
  std::unique_ptr<RunningServer> server_;
  std::unique_ptr<RemedyTransport> transport_;
};

TEST_F(RemedyTransportTest, SendsTheRequestWithTheDeadline) {
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  ASSERT_THAT(transport_->Deliver(SampleRecord(), deadline), IsOk());

  ASSERT_EQ(remedy_.requests().size(), 1u);
  EXPECT_EQ(remedy_.requests()[0].SerializeAsString(),
            ReceiveDecisionRequestFor(SampleHandoff()).SerializeAsString());
  // The server sees the client's deadline (to within the clocks' rounding).
  EXPECT_LT(absl::AbsDuration(remedy_.deadlines()[0] - deadline), absl::Seconds(1));
}

TEST_F(RemedyTransportTest, ARepeatSendsTheSameRequestIdForRemedyToRecognise) {
  ASSERT_THAT(transport_->Deliver(SampleRecord(), absl::Now() + absl::Seconds(5)), IsOk());
  ASSERT_THAT(transport_->Deliver(SampleRecord(), absl::Now() + absl::Seconds(5)), IsOk());
  ASSERT_EQ(remedy_.requests().size(), 2u);
  EXPECT_EQ(remedy_.requests()[0].request_id(), remedy_.requests()[1].request_id());
}

TEST_F(RemedyTransportTest, ARecordWithoutADecisionHandoffIsInternalAndNotSent) {
  OutboxRecord record = SampleRecord();
  record.payload = std::string("not a hand-off");
  EXPECT_THAT(transport_->Deliver(record, absl::Now() + absl::Seconds(5)),
              StatusIs(absl::StatusCode::kInternal));
  EXPECT_TRUE(remedy_.requests().empty());
}

TEST_F(RemedyTransportTest, PassesBackTheServersStatusWithItsDetails) {
  remedy_.Answer(AlreadyExists("recommendations/r1"));
  absl::Status status = transport_->Deliver(SampleRecord(), absl::Now() + absl::Seconds(5));
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_EQ(ErrorReasonOf(status), "ALREADY_EXISTS");

  remedy_.Answer(absl::InvalidArgumentError("request_id must equal event.handoff_key"));
  EXPECT_THAT(transport_->Deliver(SampleRecord(), absl::Now() + absl::Seconds(5)),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(RemedyTransportTest, APassedDeadlineIsDeadlineExceeded) {
  EXPECT_THAT(transport_->Deliver(SampleRecord(), absl::Now() - absl::Seconds(1)),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
}

TEST_F(RemedyTransportTest, CancelInFlightEndsACallTheServerHoldsOn) {
  remedy_.Hang();
  absl::Status status;
  std::thread caller(
      [&] { status = transport_->Deliver(SampleRecord(), absl::Now() + absl::Seconds(30)); });
  ASSERT_TRUE(remedy_.entered().WaitForNotificationWithTimeout(absl::Seconds(20)));
  const absl::Time before = absl::Now();
  transport_->CancelInFlight();
  caller.join();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kCancelled));
  EXPECT_LT(absl::Now() - before, absl::Seconds(5));
}

TEST(RemedyTransportUnreachableTest, FailsFastWithUnavailableWhenNothingListens) {
  RemedyTransport transport(NewPeerChannel(
      "127.0.0.1:" + std::to_string(redress::testing::PickFreePort()), absl::Seconds(1)));
  const absl::Time before = absl::Now();
  EXPECT_THAT(transport.Deliver(SampleRecord(), absl::Now() + absl::Seconds(10)),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_LT(absl::Now() - before, absl::Seconds(5));  // not waiting for the deadline
}

}  // namespace
}  // namespace redress::investigation
