// RemedyTransport against an in-process fake of redress.remedy.v1.Remedy's hand-off RPCs
// (ReceiveDecision, ReceiveReopening, ReceiveInvestigationEnd) on port 0: the RPC each kind of
// hand-off goes to, the request it sends, the deadline the server sees, the statuses it passes
// back (details included), failing fast with no server, and cancellation.
#include "services/investigation/api/remedy_transport.h"

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/time/clock.h"
#include "common/errors.h"
#include "common/peer_channel.h"
#include "common/testing/in_process_server.h"
#include "common/testing/recording_peer.h"
#include "common/testing/status_matchers.h"
#include "services/investigation/api/proto_convert.h"
#include "services/investigation/handoff_outbox.h"
#include "services/investigation/store/store_test_data.h"
#include "tests/process.h"

namespace redress::investigation {
namespace {

namespace rv1 = ::redress::remedy::v1;
namespace v1 = ::redress::investigation::v1;
using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;

DecisionHandoff SampleHandoff() {
  const Investigation decided = store_testing::Decided(
      store_testing::MinimalInvestigation("i1", {"organisations/hmcts", "organisations/dvla"}),
      store_testing::TimeAt(1'772'000'000, 250), /*sequence=*/2);
  return store_testing::HandoffFor(decided);
}

// The outbox record of SampleHandoff(), as InvestigationOutbox lists it.
OutboxRecord SampleRecord() {
  OutboxEntry entry;
  entry.id = 7;
  entry.handoff = SampleHandoff();
  entry.create_time = HandoffTime(entry.handoff);
  return HandoffRecord(entry);
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

ReopeningHandoff SampleReopening() {
  ReopeningHandoff h;
  h.handoff_key = "investigations/i1/decisions/2/reopening";
  h.investigation_id = "i1";
  h.complaint = "complaints/for-i1";
  h.decision_sequence = 2;
  h.reopen_date = absl::CivilDay(2026, 5, 4);
  h.reopen_time = store_testing::TimeAt(1'772'100'000);
  return h;
}

EndHandoff SampleEnd() {
  EndHandoff h;
  h.handoff_key = "investigations/i1/end";
  h.investigation_id = "i1";
  h.complaint = "complaints/for-i1";
  h.state = InvestigationState::kWithdrawn;
  h.reason = "Mr B withdrew – he has moved abroad.";
  h.end_date = absl::CivilDay(2026, 6, 1);
  h.decisions_issued = 2;
  h.end_time = store_testing::TimeAt(1'772'200'000);
  return h;
}

// The outbox record of `handoff`, as InvestigationOutbox lists it.
OutboxRecord RecordOf(Handoff handoff) {
  OutboxEntry entry;
  entry.id = 8;
  entry.handoff = std::move(handoff);
  entry.create_time = HandoffTime(entry.handoff);
  return HandoffRecord(entry);
}

TEST(ReceiveReopeningRequestForTest, CarriesTheKeyAsRequestIdAndTheDecisionReopenedEvent) {
  const rv1::ReceiveReopeningRequest request = ReceiveReopeningRequestFor(SampleReopening());
  EXPECT_EQ(request.request_id(), "investigations/i1/decisions/2/reopening");
  EXPECT_EQ(request.event().handoff_key(), request.request_id());
  EXPECT_EQ(request.event().investigation(), "investigations/i1");
  EXPECT_EQ(request.event().complaint(), "complaints/for-i1");
  EXPECT_EQ(request.event().decision_sequence(), 2);
  EXPECT_EQ(request.event().reopen_date().year(), 2026);
  EXPECT_EQ(request.event().reopen_date().month(), 5);
  EXPECT_EQ(request.event().reopen_date().day(), 4);
}

TEST(ReceiveInvestigationEndRequestForTest, CarriesTheKeyAsRequestIdAndTheInvestigationEndedEvent) {
  const rv1::ReceiveInvestigationEndRequest request =
      ReceiveInvestigationEndRequestFor(SampleEnd());
  EXPECT_EQ(request.request_id(), "investigations/i1/end");
  EXPECT_EQ(request.event().handoff_key(), request.request_id());
  EXPECT_EQ(request.event().investigation(), "investigations/i1");
  EXPECT_EQ(request.event().complaint(), "complaints/for-i1");
  EXPECT_EQ(request.event().state(), v1::INVESTIGATION_STATE_WITHDRAWN);
  EXPECT_EQ(request.event().reason(), "Mr B withdrew – he has moved abroad.");
  EXPECT_EQ(request.event().end_date().day(), 1);
  EXPECT_EQ(request.event().decisions_issued(), 2);
  EndHandoff discontinued = SampleEnd();
  discontinued.state = InvestigationState::kDiscontinued;
  EXPECT_EQ(ReceiveInvestigationEndRequestFor(discontinued).event().state(),
            v1::INVESTIGATION_STATE_DISCONTINUED);
}

// Remedy's hand-off RPCs, each recording its calls (see RecordedCalls).
class FakeRemedy final : public rv1::Remedy::Service {
 public:
  grpc::Status ReceiveDecision(grpc::ServerContext* context,
                               const rv1::ReceiveDecisionRequest* request,
                               rv1::ReceiveDecisionResponse* /*response*/) override {
    return calls.Handle(context, *request);
  }
  grpc::Status ReceiveReopening(grpc::ServerContext* context,
                                const rv1::ReceiveReopeningRequest* request,
                                rv1::ReceiveReopeningResponse* /*response*/) override {
    return reopenings.Handle(context, *request);
  }
  grpc::Status ReceiveInvestigationEnd(
      grpc::ServerContext* context, const rv1::ReceiveInvestigationEndRequest* request,
      rv1::ReceiveInvestigationEndResponse* /*response*/) override {
    return ends.Handle(context, *request);
  }

  redress::testing::RecordedCalls<rv1::ReceiveDecisionRequest> calls{"remedy.redress"};
  redress::testing::RecordedCalls<rv1::ReceiveReopeningRequest> reopenings{"remedy.redress"};
  redress::testing::RecordedCalls<rv1::ReceiveInvestigationEndRequest> ends{"remedy.redress"};
};

class RemedyTransportTest : public redress::testing::InProcessServiceTest<rv1::Remedy> {
 protected:
  void SetUp() override {
    ASSERT_THAT(Serve(&remedy_, "fake-remedy"), IsOk());
    transport_ = std::make_unique<RemedyTransport>(
        NewPeerChannel(address(), absl::Seconds(1), grpc::InsecureChannelCredentials()));
  }

  FakeRemedy remedy_;
  std::unique_ptr<RemedyTransport> transport_;
};

TEST_F(RemedyTransportTest, SendsTheRequestWithTheDeadline) {
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  ASSERT_THAT(transport_->Deliver(SampleRecord(), deadline), IsOk());

  ASSERT_EQ(remedy_.calls.requests().size(), 1u);
  EXPECT_EQ(remedy_.calls.requests()[0].SerializeAsString(),
            ReceiveDecisionRequestFor(SampleHandoff()).SerializeAsString());
  // The server sees the client's deadline (to within the clocks' rounding).
  EXPECT_LT(absl::AbsDuration(remedy_.calls.deadlines()[0] - deadline), absl::Seconds(1));
}

TEST_F(RemedyTransportTest, AReopeningGoesToReceiveReopeningOnly) {
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  ASSERT_THAT(transport_->Deliver(RecordOf(SampleReopening()), deadline), IsOk());
  ASSERT_EQ(remedy_.reopenings.requests().size(), 1u);
  EXPECT_EQ(remedy_.reopenings.requests()[0].SerializeAsString(),
            ReceiveReopeningRequestFor(SampleReopening()).SerializeAsString());
  EXPECT_LT(absl::AbsDuration(remedy_.reopenings.deadlines()[0] - deadline), absl::Seconds(1));
  EXPECT_TRUE(remedy_.calls.requests().empty());
  EXPECT_TRUE(remedy_.ends.requests().empty());
}

TEST_F(RemedyTransportTest, AnEndGoesToReceiveInvestigationEndOnly) {
  ASSERT_THAT(transport_->Deliver(RecordOf(SampleEnd()), absl::Now() + absl::Seconds(5)), IsOk());
  ASSERT_EQ(remedy_.ends.requests().size(), 1u);
  EXPECT_EQ(remedy_.ends.requests()[0].SerializeAsString(),
            ReceiveInvestigationEndRequestFor(SampleEnd()).SerializeAsString());
  EXPECT_TRUE(remedy_.calls.requests().empty());
  EXPECT_TRUE(remedy_.reopenings.requests().empty());
}

TEST_F(RemedyTransportTest, EachKindPassesBackItsRpcsStatus) {
  // A remedy that does not know the RPC yet answers UNIMPLEMENTED: a failure the sender retries.
  remedy_.reopenings.Answer(absl::UnimplementedError("ReceiveReopening"));
  EXPECT_THAT(transport_->Deliver(RecordOf(SampleReopening()), absl::Now() + absl::Seconds(5)),
              StatusIs(absl::StatusCode::kUnimplemented));
  remedy_.ends.Answer(AlreadyExists("investigations/i1/end"));
  absl::Status status = transport_->Deliver(RecordOf(SampleEnd()), absl::Now() + absl::Seconds(5));
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_EQ(ErrorReasonOf(status), "ALREADY_EXISTS");
  EXPECT_THAT(transport_->Deliver(SampleRecord(), absl::Now() + absl::Seconds(5)), IsOk());
}

TEST_F(RemedyTransportTest, ARepeatSendsTheSameRequestIdForRemedyToRecognise) {
  ASSERT_THAT(transport_->Deliver(SampleRecord(), absl::Now() + absl::Seconds(5)), IsOk());
  ASSERT_THAT(transport_->Deliver(SampleRecord(), absl::Now() + absl::Seconds(5)), IsOk());
  ASSERT_EQ(remedy_.calls.requests().size(), 2u);
  EXPECT_EQ(remedy_.calls.requests()[0].request_id(), remedy_.calls.requests()[1].request_id());
}

TEST_F(RemedyTransportTest, ARecordWithoutAHandoffIsInternalAndNotSent) {
  OutboxRecord record = SampleRecord();
  record.payload = std::string("not a hand-off");
  EXPECT_THAT(transport_->Deliver(record, absl::Now() + absl::Seconds(5)),
              StatusIs(absl::StatusCode::kInternal));
  EXPECT_TRUE(remedy_.calls.requests().empty());
}

TEST_F(RemedyTransportTest, PassesBackTheServersStatusWithItsDetails) {
  remedy_.calls.Answer(AlreadyExists("recommendations/r1"));
  absl::Status status = transport_->Deliver(SampleRecord(), absl::Now() + absl::Seconds(5));
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_EQ(ErrorReasonOf(status), "ALREADY_EXISTS");

  remedy_.calls.Answer(absl::InvalidArgumentError("request_id must equal event.handoff_key"));
  EXPECT_THAT(transport_->Deliver(SampleRecord(), absl::Now() + absl::Seconds(5)),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(RemedyTransportTest, APassedDeadlineIsDeadlineExceeded) {
  EXPECT_THAT(transport_->Deliver(SampleRecord(), absl::Now() - absl::Seconds(1)),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
}

TEST_F(RemedyTransportTest, CancelInFlightEndsACallTheServerHoldsOn) {
  remedy_.calls.Hang();
  absl::Status status;
  std::thread caller(
      [&] { status = transport_->Deliver(SampleRecord(), absl::Now() + absl::Seconds(30)); });
  ASSERT_TRUE(remedy_.calls.entered().WaitForNotificationWithTimeout(absl::Seconds(20)));
  const absl::Time before = absl::Now();
  transport_->CancelInFlight();
  caller.join();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kCancelled));
  EXPECT_LT(absl::Now() - before, absl::Seconds(5));
}

TEST(RemedyTransportUnreachableTest, FailsFastWithUnavailableWhenNothingListens) {
  RemedyTransport transport(
      NewPeerChannel("127.0.0.1:" + std::to_string(redress::testing::PickFreePort()),
                     absl::Seconds(1), grpc::InsecureChannelCredentials()));
  const absl::Time before = absl::Now();
  EXPECT_THAT(transport.Deliver(SampleRecord(), absl::Now() + absl::Seconds(10)),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_LT(absl::Now() - before, absl::Seconds(5));  // not waiting for the deadline
}

}  // namespace
}  // namespace redress::investigation
