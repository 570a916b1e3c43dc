// InvestigationTransport against an in-process fake of redress.investigation.v1.Investigations on
// port 0: the request it sends, the deadline the server sees, the statuses it passes back
// (details included), failing fast with no server, and cancellation.
#include "services/intake/api/investigation_transport.h"

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "common/errors.h"
#include "common/peer_channel.h"
#include "common/testing/in_process_server.h"
#include "common/testing/recording_peer.h"
#include "common/testing/status_matchers.h"
#include "services/intake/handoff_outbox.h"
#include "tests/process.h"

namespace redress::intake {
namespace {

namespace inv1 = ::redress::investigation::v1;
using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;

AcceptanceHandoff SampleHandoff() {
  AcceptanceHandoff h;
  h.handoff_key = "complaints/c1/acceptance";
  h.complaint_id = "c1";
  h.complainants_reference = "Mrs B";
  h.organisation_ids = {"gp-practice-example", "manchester-university-nhs-ft"};
  h.what_went_wrong = "The practice lost my referral – twice.";
  h.injustice_claimed = "Months of pain.";
  h.outcome_wanted = "An apology.";
  h.accept_time = absl::FromUnixSeconds(1'772'000'000);
  h.jurisdiction = Jurisdiction::kHealth;
  h.organisation_published_names = {"A GP practice", "Manchester University NHS Foundation Trust"};
  h.default_location = "Greater Manchester";
  return h;
}

// The outbox record of SampleHandoff(), as IntakeOutbox lists it.
OutboxRecord SampleRecord() {
  OutboxEntry entry;
  entry.id = 7;
  entry.handoff = SampleHandoff();
  entry.create_time = entry.handoff.accept_time;
  return AcceptanceRecord(entry);
}

TEST(OpenInvestigationRequestForTest, NamesEverythingByResourceNameWithTheKeyAsRequestId) {
  const inv1::OpenInvestigationRequest request = OpenInvestigationRequestFor(SampleHandoff());
  EXPECT_EQ(request.request_id(), "complaints/c1/acceptance");
  const inv1::ComplaintSnapshot& s = request.complaint();
  EXPECT_EQ(s.complaint(), "complaints/c1");
  EXPECT_EQ(s.complainants_reference(), "Mrs B");
  EXPECT_THAT(s.organisations(),
              ::testing::ElementsAre("organisations/gp-practice-example",
                                     "organisations/manchester-university-nhs-ft"));
  EXPECT_EQ(s.what_went_wrong(), "The practice lost my referral – twice.");
  EXPECT_EQ(s.injustice_claimed(), "Months of pain.");
  EXPECT_EQ(s.outcome_wanted(), "An apology.");
  EXPECT_EQ(s.jurisdiction(), redress::common::v1::JURISDICTION_HEALTH);
  EXPECT_THAT(
      s.organisation_published_names(),
      ::testing::ElementsAre("A GP practice", "Manchester University NHS Foundation Trust"));
  EXPECT_EQ(s.default_location(), "Greater Manchester");
}

// Investigation's OpenInvestigation, recording each call (see RecordedCalls).
class FakeInvestigations final : public inv1::Investigations::Service {
 public:
  grpc::Status OpenInvestigation(grpc::ServerContext* context,
                                 const inv1::OpenInvestigationRequest* request,
                                 inv1::Investigation* response) override {
    const grpc::Status status = calls.Handle(context, *request);
    if (status.ok()) response->set_name("investigations/i1");
    return status;
  }

  redress::testing::RecordedCalls<inv1::OpenInvestigationRequest> calls{"investigation.redress"};
};

class InvestigationTransportTest
    : public redress::testing::InProcessServiceTest<inv1::Investigations> {
 protected:
  void SetUp() override {
    ASSERT_THAT(Serve(&investigations_, "fake-investigation"), IsOk());
    transport_ = std::make_unique<InvestigationTransport>(
        NewPeerChannel(address(), absl::Seconds(1), grpc::InsecureChannelCredentials()));
  }

  FakeInvestigations investigations_;
  std::unique_ptr<InvestigationTransport> transport_;
};

TEST_F(InvestigationTransportTest, SendsTheRequestWithTheDeadline) {
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  ASSERT_THAT(transport_->Deliver(SampleRecord(), deadline), IsOk());

  ASSERT_EQ(investigations_.calls.requests().size(), 1u);
  EXPECT_EQ(investigations_.calls.requests()[0].SerializeAsString(),
            OpenInvestigationRequestFor(SampleHandoff()).SerializeAsString());
  // The server sees the client's deadline (to within the clocks' rounding).
  EXPECT_LT(absl::AbsDuration(investigations_.calls.deadlines()[0] - deadline), absl::Seconds(1));
}

TEST_F(InvestigationTransportTest, ARecordWithoutAnAcceptanceHandoffIsInternalAndNotSent) {
  OutboxRecord record = SampleRecord();
  record.payload = std::string("not a hand-off");
  EXPECT_THAT(transport_->Deliver(record, absl::Now() + absl::Seconds(5)),
              StatusIs(absl::StatusCode::kInternal));
  EXPECT_TRUE(investigations_.calls.requests().empty());
}

TEST_F(InvestigationTransportTest, PassesBackTheServersStatusWithItsDetails) {
  investigations_.calls.Answer(AlreadyExists("investigations/i1"));
  absl::Status status = transport_->Deliver(SampleRecord(), absl::Now() + absl::Seconds(5));
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_EQ(ErrorReasonOf(status), "ALREADY_EXISTS");

  investigations_.calls.Answer(absl::UnavailableError("draining"));
  EXPECT_THAT(transport_->Deliver(SampleRecord(), absl::Now() + absl::Seconds(5)),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(InvestigationTransportTest, APassedDeadlineIsDeadlineExceeded) {
  EXPECT_THAT(transport_->Deliver(SampleRecord(), absl::Now() - absl::Seconds(1)),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
}

TEST_F(InvestigationTransportTest, CancelInFlightEndsACallTheServerHoldsOn) {
  investigations_.calls.Hang();
  absl::Status status;
  std::thread caller(
      [&] { status = transport_->Deliver(SampleRecord(), absl::Now() + absl::Seconds(30)); });
  ASSERT_TRUE(investigations_.calls.entered().WaitForNotificationWithTimeout(absl::Seconds(20)));
  const absl::Time before = absl::Now();
  transport_->CancelInFlight();
  caller.join();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kCancelled));
  EXPECT_LT(absl::Now() - before, absl::Seconds(5));
}

TEST(InvestigationTransportUnreachableTest, FailsFastWithUnavailableWhenNothingListens) {
  InvestigationTransport transport(
      NewPeerChannel("127.0.0.1:" + std::to_string(redress::testing::PickFreePort()),
                     absl::Seconds(1), grpc::InsecureChannelCredentials()));
  const absl::Time before = absl::Now();
  EXPECT_THAT(transport.Deliver(SampleRecord(), absl::Now() + absl::Seconds(10)),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_LT(absl::Now() - before, absl::Seconds(5));  // not waiting for the deadline
}

}  // namespace
}  // namespace redress::intake
