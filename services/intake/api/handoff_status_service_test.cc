// The service's side of hand-off delivery, through an in-process server on port 0:
// GetHandoffStatus reports the sender's backlog, and an acceptance by AssessComplaint wakes the
// sender at once.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/outbox_sender.h"
#include "common/testing/in_process_server.h"
#include "common/testing/outbox_fakes.h"
#include "common/testing/status_matchers.h"
#include "redress/intake/v1/intake.grpc.pb.h"
#include "services/intake/api/intake_service.h"
#include "services/intake/handoff_outbox.h"
#include "services/intake/intake_logic_test_support.h"

namespace redress::intake::testing {
namespace {

namespace v1 = ::redress::intake::v1;
namespace common_v1 = ::redress::common::v1;
using ::redress::testing::FractionJitter;
using ::redress::testing::ScriptedTransport;

class HandoffStatusServiceTest
    : public ::redress::testing::InProcessServiceTest<v1::Intake, IntakeLogicTest> {
 protected:
  void StartServer(OutboxSender* sender) {
    service_ = std::make_unique<IntakeService>(logic_, sender);
    ASSERT_THAT(Serve(service_.get(), "intake-test"), ::redress::testing::IsOk());
  }
  grpc::Status GetStatus(common_v1::HandoffStatus* status) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    return stub().GetHandoffStatus(&context, common_v1::GetHandoffStatusRequest(), status);
  }

  IntakeOutbox outbox_{store_};
  ScriptedTransport transport_;
  FractionJitter jitter_;
  std::unique_ptr<IntakeService> service_;
};

TEST_F(HandoffStatusServiceTest, ReportsTheBacklogAndTheLastAttempt) {
  OutboxSender sender(outbox_, clock_, transport_, jitter_);
  StartServer(&sender);
  common_v1::HandoffStatus status;
  ASSERT_TRUE(GetStatus(&status).ok());
  EXPECT_EQ(status.pending_count(), 0);
  EXPECT_FALSE(status.has_oldest_pending_create_time());
  EXPECT_FALSE(status.has_oldest_pending_age());
  EXPECT_FALSE(status.has_last_attempt_time());

  const absl::Time accepted_at = clock_.Now();
  const Complaint complaint = Accepted();
  transport_.Script(complaint.name() + "/acceptance", {absl::UnavailableError("down")});
  ASSERT_TRUE(sender.RunOnce().ok());
  clock_.Advance(absl::Seconds(90) + absl::Milliseconds(250));

  ASSERT_TRUE(GetStatus(&status).ok());
  EXPECT_EQ(status.pending_count(), 1);
  EXPECT_EQ(status.oldest_pending_create_time().seconds(), absl::ToUnixSeconds(accepted_at));
  EXPECT_EQ(status.oldest_pending_age().seconds(), 90);
  EXPECT_EQ(status.oldest_pending_age().nanos(), 250'000'000);
  EXPECT_EQ(status.last_error(), "UNAVAILABLE: down");
  EXPECT_EQ(status.last_attempt_time().seconds(), absl::ToUnixSeconds(accepted_at));
  EXPECT_EQ(status.delivered_count(), 0);

  ASSERT_TRUE(sender.RunOnce().ok());
  ASSERT_TRUE(GetStatus(&status).ok());
  EXPECT_EQ(status.pending_count(), 0);
  EXPECT_FALSE(status.has_oldest_pending_age());
  EXPECT_EQ(status.last_error(), "");
  EXPECT_EQ(status.delivered_count(), 1);
}

TEST_F(HandoffStatusServiceTest, AnAcceptanceWakesTheSender) {
  OutboxSenderOptions options;
  options.idle_poll_interval = absl::Hours(1);  // only a notice can explain a prompt delivery
  OutboxSender sender(outbox_, clock_, transport_, jitter_, options);
  StartServer(&sender);
  const Complaint first = Accepted();
  sender.Start();
  // The first pass delivered `first`, and read the outbox before the acceptance below.
  ASSERT_TRUE(transport_.AwaitCalls(1, absl::Seconds(20)));

  const Complaint submitted = Submit(ValidDraft());
  v1::AssessComplaintRequest request;
  request.set_name(submitted.name());
  request.set_request_id("assess-2");
  request.set_assessor("caseworker-1");
  v1::Complaint assessed;
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  ASSERT_TRUE(stub().AssessComplaint(&context, request, &assessed).ok());
  ASSERT_EQ(assessed.state(), v1::COMPLAINT_STATE_ACCEPTED);

  ASSERT_TRUE(transport_.AwaitCalls(2, absl::Seconds(20)));
  EXPECT_THAT(transport_.keys(), ::testing::ElementsAre(first.name() + "/acceptance",
                                                        submitted.name() + "/acceptance"));
  sender.Stop();
}

TEST_F(HandoffStatusServiceTest, WithoutASenderTheStatusIsUnimplemented) {
  StartServer(nullptr);
  common_v1::HandoffStatus status;
  EXPECT_EQ(GetStatus(&status).error_code(), grpc::StatusCode::UNIMPLEMENTED);
}

}  // namespace
}  // namespace redress::intake::testing
