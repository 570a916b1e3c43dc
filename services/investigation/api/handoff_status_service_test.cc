// The service's side of hand-off delivery to remedy, through an in-process server on port 0 over
// each store: GetHandoffStatus reports the sender's backlog, and IssueFinalDecision, a reopening
// DecideReview and the end of a reopened investigation wake the sender at once.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/outbox_sender.h"
#include "common/parked_handoffs.h"
#include "common/testing/outbox_fakes.h"
#include "services/investigation/api/investigation_service.h"
#include "services/investigation/api/investigation_service_test_support.h"
#include "services/investigation/handoff_outbox.h"

namespace redress::investigation::testing {
namespace {

namespace common_v1 = ::redress::common::v1;
using ::redress::testing::FractionJitter;
using ::redress::testing::ScriptedTransport;

class HandoffStatusServiceTest : public InvestigationServiceTest {
 protected:
  // Serves again, now with a sender over this test's store (made with `options`), or none.
  void Serve(bool with_sender, OutboxSenderOptions options = {}) {
    StopServing();
    outbox_ = std::make_unique<InvestigationOutbox>(store());
    parked_ = std::make_unique<ParkedHandoffs>(*outbox_, clock_);
    if (with_sender) {
      sender_ = std::make_unique<OutboxSender>(*outbox_, clock_, transport_, jitter_, options);
    }
    service_ = std::make_unique<InvestigationService>(*logic_, sender_.get(),
                                                      with_sender ? parked_.get() : nullptr);
    ASSERT_THAT(InvestigationServiceTest::Serve(service_.get(), "investigation-test"),
                redress::testing::IsOk());
  }
  void TearDown() override {
    if (sender_ != nullptr) sender_->Stop();
    InvestigationServiceTest::TearDown();
  }

  grpc::Status GetStatus(common_v1::HandoffStatus* status) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    return stub().GetHandoffStatus(&context, common_v1::GetHandoffStatusRequest(), status);
  }

  // An investigation of complaint `complaint` ready for its final decision today; its name.
  std::string ReadyToDecideAbout(const std::string& complaint) {
    const std::string name =
        Ok(kOpen, OpenRequest(complaint + "/acceptance", ValidSnapshot(complaint))).name();
    Ok(kAssign, AssignRequest(name));
    Ok(kAgreeScope, ScopeRequest(name));
    Ok(kRecordFinding, FindingRequest(name, "cp1", true, true));
    Ok(kRecordFinding, FindingRequest(name, "cp2", true, false));
    Ok(kUpdate, NarrativeRequest(name, "We partly upheld this complaint."));
    Ok(kShare, ShareRequest(name));
    Ok(kLogComment, CommentRequest(name, "comment-1", common_v1::PARTY_COMPLAINANT));
    Ok(kLogComment, CommentRequest(name, "comment-2", common_v1::PARTY_ORGANISATION));
    return name;
  }

  ScriptedTransport transport_;
  FractionJitter jitter_;
  std::unique_ptr<InvestigationOutbox> outbox_;
  std::unique_ptr<OutboxSender> sender_;
  std::unique_ptr<ParkedHandoffs> parked_;
};

TEST_P(HandoffStatusServiceTest, ReportsTheBacklogAndTheLastAttempt) {
  Serve(/*with_sender=*/true);
  common_v1::HandoffStatus status;
  ASSERT_TRUE(GetStatus(&status).ok());
  EXPECT_EQ(status.pending_count(), 0);
  EXPECT_FALSE(status.has_oldest_pending_create_time());
  EXPECT_FALSE(status.has_last_attempt_time());

  const std::string name = ReadyToDecideAbout("complaints/c1");
  const absl::Time decided_at = clock_.Now();
  Ok(kIssueDecision, DecisionRequest(name));
  const std::string key = name + "/decisions/1";
  transport_.Script(key, {absl::UnavailableError("remedy is down")});
  ASSERT_TRUE(sender_->RunOnce().ok());
  clock_.Advance(absl::Seconds(90) + absl::Milliseconds(250));

  ASSERT_TRUE(GetStatus(&status).ok());
  EXPECT_EQ(status.pending_count(), 1);
  EXPECT_EQ(status.oldest_pending_create_time().seconds(), absl::ToUnixSeconds(decided_at));
  EXPECT_EQ(status.oldest_pending_age().seconds(), 90);
  EXPECT_EQ(status.oldest_pending_age().nanos(), 250'000'000);
  EXPECT_EQ(status.last_error(), "UNAVAILABLE: remedy is down");
  EXPECT_EQ(status.last_attempt_time().seconds(), absl::ToUnixSeconds(decided_at));
  EXPECT_EQ(status.delivered_count(), 0);
  EXPECT_EQ(Outbox().at(0).last_error, "UNAVAILABLE: remedy is down");  // kept in the store

  ASSERT_TRUE(sender_->RunOnce().ok());
  ASSERT_TRUE(GetStatus(&status).ok());
  EXPECT_EQ(status.pending_count(), 0);
  EXPECT_FALSE(status.has_oldest_pending_age());
  EXPECT_EQ(status.last_error(), "");
  EXPECT_EQ(status.delivered_count(), 1);
  EXPECT_THAT(transport_.keys(), ::testing::ElementsAre(key, key));
  EXPECT_EQ(Outbox().at(0).attempts, 2);
  EXPECT_TRUE(Outbox().at(0).delivered_time.has_value());
}

TEST_P(HandoffStatusServiceTest, AFinalDecisionWakesTheSender) {
  OutboxSenderOptions options;
  options.idle_poll_interval = absl::Hours(1);  // only a notice can explain a prompt delivery
  Serve(/*with_sender=*/true, options);
  const std::string first = ReadyToDecideAbout("complaints/c1");
  Ok(kIssueDecision, DecisionRequest(first));
  const std::string second = ReadyToDecideAbout("complaints/c2");
  sender_->Start();
  // The first pass delivered `first`'s decision, and read the outbox before the decision below.
  ASSERT_TRUE(transport_.AwaitCalls(1, absl::Seconds(20)));

  Ok(kIssueDecision, DecisionRequest(second));

  ASSERT_TRUE(transport_.AwaitCalls(2, absl::Seconds(20)));
  EXPECT_THAT(transport_.keys(),
              ::testing::ElementsAre(first + "/decisions/1", second + "/decisions/1"));
  sender_->Stop();
}

TEST_P(HandoffStatusServiceTest, AReopeningAndAnEndWakeTheSender) {
  OutboxSenderOptions options;
  options.idle_poll_interval = absl::Hours(1);  // only a notice can explain a prompt delivery
  Serve(/*with_sender=*/true, options);
  const std::string name = ReadyToDecideAbout("complaints/c1");
  Ok(kIssueDecision, DecisionRequest(name));
  Ok(kRequestReview, ReviewRequest(name, "review-1"));
  sender_->Start();
  ASSERT_TRUE(transport_.AwaitCalls(1, absl::Seconds(20)));

  Ok(kDecideReview, DecideReviewRequest(name, v1::REVIEW_OUTCOME_REOPENED));
  ASSERT_TRUE(transport_.AwaitCalls(2, absl::Seconds(20)));
  Ok(kWithdraw, WithdrawRequest(name));
  ASSERT_TRUE(transport_.AwaitCalls(3, absl::Seconds(20)));
  EXPECT_THAT(transport_.keys(),
              ::testing::ElementsAre(name + "/decisions/1", name + "/decisions/1/reopening",
                                     name + "/end"));
  sender_->Stop();
}

TEST_P(HandoffStatusServiceTest, WithoutASenderTheStatusIsUnimplemented) {
  Serve(/*with_sender=*/false);
  common_v1::HandoffStatus status;
  EXPECT_EQ(GetStatus(&status).error_code(), grpc::StatusCode::UNIMPLEMENTED);
}

// Investigation's wiring of the parked hand-off methods (their rules are tested on intake's,
// parked_handoffs_service_test.cc): a decision remedy refuses for good is parked, listed, and
// delivered by a re-drive.
TEST_P(HandoffStatusServiceTest, ARefusedDecisionIsParkedListedAndRedriven) {
  Serve(/*with_sender=*/true);
  const std::string name = ReadyToDecideAbout("complaints/c1");
  Ok(kIssueDecision, DecisionRequest(name));
  transport_.Script(name + "/decisions/1",
                    {absl::FailedPreconditionError("remedy cannot take it")});
  ASSERT_TRUE(sender_->RunOnce().ok());

  common_v1::HandoffStatus status;
  ASSERT_TRUE(GetStatus(&status).ok());
  EXPECT_EQ(status.parked_count(), 1);
  common_v1::ListParkedHandoffsResponse parked;
  grpc::ClientContext list;
  list.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  ASSERT_TRUE(
      stub().ListParkedHandoffs(&list, common_v1::ListParkedHandoffsRequest(), &parked).ok());
  ASSERT_EQ(parked.handoffs_size(), 1);
  EXPECT_EQ(parked.handoffs(0).case_name(), name);
  EXPECT_THAT(parked.handoffs(0).summary(), ::testing::StartsWith("decision of " + name + " ("));

  common_v1::RedriveHandoffRequest redrive;
  redrive.set_name(parked.handoffs(0).name());
  redrive.set_request_id("redrive-1");
  common_v1::Handoff redriven;
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  ASSERT_TRUE(stub().RedriveHandoff(&context, redrive, &redriven).ok());
  EXPECT_EQ(redriven.state(), common_v1::Handoff::STATE_PENDING);
  ASSERT_TRUE(sender_->RunOnce().ok());
  ASSERT_TRUE(GetStatus(&status).ok());
  EXPECT_EQ(status.parked_count(), 0);
  EXPECT_EQ(status.delivered_count(), 1);
}

INSTANTIATE_TEST_SUITE_P(Stores, HandoffStatusServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

}  // namespace
}  // namespace redress::investigation::testing
