// The parked hand-off methods through an in-process server on port 0 (docs/reliability.md):
// ListParkedHandoffs, GetHandoff, RedriveHandoff and DiscardHandoff over a hand-off that the
// sender parked, each method's invalid inputs, and the transitions a hand-off's state forbids.
// The rules are common (common/parked_handoffs.h); investigation's adapter is the same code.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/outbox_sender.h"
#include "common/parked_handoffs.h"
#include "common/testing/grpc_error_details.h"
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
namespace cv1 = ::redress::common::v1;
using ::redress::testing::DetailsOf;
using ::redress::testing::ExpectErrorIn;
using ::redress::testing::FractionJitter;
using ::redress::testing::ScriptedTransport;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kDomain[] = "intake.redress";

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  return context;
}

class ParkedHandoffsServiceTest
    : public ::redress::testing::InProcessServiceTest<v1::Intake, IntakeLogicTest> {
 protected:
  void SetUp() override {
    InProcessServiceTest::SetUp();  // seeds the register
    service_ = std::make_unique<IntakeService>(logic_, &sender_, &parked_);
    ASSERT_THAT(Serve(service_.get(), "intake-test"), ::redress::testing::IsOk());
  }

  // Accepts a complaint whose hand-off investigation refuses for good; the sender parks it.
  // Returns the complaint.
  Complaint Refused() {
    const Complaint complaint = Accepted();
    transport_.Script(complaint.name() + "/acceptance",
                      {absl::InvalidArgumentError("request_id was already used")});
    EXPECT_TRUE(sender_.RunOnce().ok());
    return complaint;
  }
  cv1::ListParkedHandoffsResponse List(int page_size = 0, const std::string& token = "") {
    cv1::ListParkedHandoffsRequest request;
    request.set_page_size(page_size);
    request.set_page_token(token);
    cv1::ListParkedHandoffsResponse response;
    const grpc::Status status = stub().ListParkedHandoffs(Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
  grpc::Status Get(const std::string& name, cv1::Handoff* handoff) {
    cv1::GetHandoffRequest request;
    request.set_name(name);
    return stub().GetHandoff(Context().get(), request, handoff);
  }
  grpc::Status Redrive(const std::string& name, const std::string& request_id,
                       cv1::Handoff* handoff) {
    cv1::RedriveHandoffRequest request;
    request.set_name(name);
    request.set_request_id(request_id);
    return stub().RedriveHandoff(Context().get(), request, handoff);
  }
  grpc::Status Discard(const std::string& name, const std::string& request_id,
                       const std::string& reason, cv1::Handoff* handoff) {
    cv1::DiscardHandoffRequest request;
    request.set_name(name);
    request.set_request_id(request_id);
    request.set_reason(reason);
    return stub().DiscardHandoff(Context().get(), request, handoff);
  }

  IntakeOutbox outbox_{store_};
  ScriptedTransport transport_;
  FractionJitter jitter_;
  OutboxSender sender_{outbox_, clock_, transport_, jitter_};
  ParkedHandoffs parked_{outbox_, clock_};
  std::unique_ptr<IntakeService> service_;
};

TEST_F(ParkedHandoffsServiceTest, AParkedHandoffIsListedAndShownWithWhyItWasParked) {
  const Complaint complaint = Refused();

  const cv1::ListParkedHandoffsResponse page = List();
  ASSERT_EQ(page.handoffs_size(), 1);
  EXPECT_EQ(page.total_size(), 1);
  EXPECT_EQ(page.next_page_token(), "");
  const cv1::Handoff& listed = page.handoffs(0);
  EXPECT_THAT(listed.name(), ::testing::StartsWith("handoffs/"));
  EXPECT_EQ(listed.handoff_key(), complaint.name() + "/acceptance");
  EXPECT_EQ(listed.case_name(), complaint.name());
  EXPECT_EQ(listed.state(), cv1::Handoff::STATE_PARKED);
  EXPECT_EQ(listed.park_reason(), cv1::Handoff::PARK_REASON_REFUSED);
  EXPECT_EQ(listed.attempts(), 1);
  EXPECT_EQ(listed.last_error(), "INVALID_ARGUMENT: request_id was already used");
  EXPECT_EQ(listed.summary(), "acceptance of " + complaint.name() + " (1 organisations)");
  EXPECT_EQ(listed.park_time().seconds(), absl::ToUnixSeconds(clock_.Now()));
  EXPECT_FALSE(listed.has_deliver_time());

  cv1::Handoff got;
  ASSERT_TRUE(Get(listed.name(), &got).ok());
  EXPECT_EQ(got.SerializeAsString(), listed.SerializeAsString());

  cv1::HandoffStatus status;
  ASSERT_TRUE(
      stub().GetHandoffStatus(Context().get(), cv1::GetHandoffStatusRequest(), &status).ok());
  EXPECT_EQ(status.parked_count(), 1);
  EXPECT_EQ(status.pending_count(), 0);
}

TEST_F(ParkedHandoffsServiceTest, ListPagesInIdOrder) {
  const Complaint first = Refused();
  const Complaint second = Refused();
  const cv1::ListParkedHandoffsResponse one = List(1);
  ASSERT_EQ(one.handoffs_size(), 1);
  EXPECT_EQ(one.handoffs(0).case_name(), first.name());
  EXPECT_EQ(one.total_size(), 2);
  ASSERT_NE(one.next_page_token(), "");
  const cv1::ListParkedHandoffsResponse two = List(1, one.next_page_token());
  ASSERT_EQ(two.handoffs_size(), 1);
  EXPECT_EQ(two.handoffs(0).case_name(), second.name());
  EXPECT_EQ(two.next_page_token(), "");
}

TEST_F(ParkedHandoffsServiceTest, InvalidNamesPageSizesAndTokensAreFieldViolations) {
  cv1::Handoff handoff;
  for (const char* name : {"", "handoffs/", "handoffs/abc", "handoffs/0", "handoffs/-1",
                           "handoffs/01", "complaints/c-1", "handoffs/1/x"}) {
    const grpc::Status status = Get(name, &handoff);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << name;
    EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("name")) << name;
  }
  EXPECT_EQ(Get("handoffs/999", &handoff).error_code(), grpc::StatusCode::NOT_FOUND);

  cv1::ListParkedHandoffsRequest request;
  cv1::ListParkedHandoffsResponse response;
  request.set_page_size(-1);
  grpc::Status status = stub().ListParkedHandoffs(Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("page_size"));
  request.set_page_size(0);
  request.set_page_token("not-a-token");
  status = stub().ListParkedHandoffs(Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("page_token"));

  status = Redrive("handoffs/x", "", &handoff);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("name", "request_id"));
  status = Discard("handoffs/1", "bad id!", "", &handoff);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("request_id", "reason"));
  status = Discard("handoffs/1", "d1", std::string(1001, 'x'), &handoff);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("reason"));
}

TEST_F(ParkedHandoffsServiceTest, ARedriveIsDeliveredInItsPlaceAndARetryChangesNothing) {
  const Complaint complaint = Refused();
  const std::string name = List().handoffs(0).name();

  cv1::Handoff redriven;
  ASSERT_TRUE(Redrive(name, "redrive-1", &redriven).ok());
  EXPECT_EQ(redriven.state(), cv1::Handoff::STATE_PENDING);
  EXPECT_EQ(redriven.attempts(), 0);
  EXPECT_EQ(redriven.park_reason(), cv1::Handoff::PARK_REASON_UNSPECIFIED);
  EXPECT_EQ(List().handoffs_size(), 0);

  // The same request again: the same answer, no second change.
  cv1::Handoff retried;
  ASSERT_TRUE(Redrive(name, "redrive-1", &retried).ok());
  EXPECT_EQ(retried.state(), cv1::Handoff::STATE_PENDING);
  // The same request_id for another hand-off is a reuse.
  ExpectErrorIn(kDomain, Redrive("handoffs/999", "redrive-1", &retried),
                grpc::StatusCode::INVALID_ARGUMENT, "REQUEST_ID_REUSED");
  // A new re-drive of a hand-off that is not parked is refused.
  const auto details =
      ExpectErrorIn(kDomain, Redrive(name, "redrive-2", &retried),
                    grpc::StatusCode::FAILED_PRECONDITION, "INVALID_STATE_TRANSITION");
  EXPECT_THAT(details.precondition_failure.violations(0).description(), HasSubstr("PENDING"));

  ASSERT_TRUE(sender_.RunOnce().ok());
  EXPECT_THAT(transport_.keys(),
              ElementsAre(complaint.name() + "/acceptance", complaint.name() + "/acceptance"));
  cv1::Handoff delivered;
  ASSERT_TRUE(Get(name, &delivered).ok());
  EXPECT_EQ(delivered.state(), cv1::Handoff::STATE_DELIVERED);
  EXPECT_TRUE(delivered.has_deliver_time());
  EXPECT_EQ(Redrive(name, "redrive-3", &retried).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Discard(name, "discard-1", "too late", &retried).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Redrive("handoffs/999", "redrive-4", &retried).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(ParkedHandoffsServiceTest, ADiscardIsFinalAndRecordsWhoAndWhy) {
  Refused();
  const std::string name = List().handoffs(0).name();

  cv1::Handoff discarded;
  ASSERT_TRUE(Discard(name, "discard-1", "sent to investigation by hand", &discarded).ok());
  EXPECT_EQ(discarded.state(), cv1::Handoff::STATE_DISCARDED);
  EXPECT_EQ(discarded.discard_reason(), "sent to investigation by hand");
  EXPECT_FALSE(discarded.discarded_by().empty());
  EXPECT_TRUE(discarded.has_discard_time());

  cv1::Handoff again;
  ASSERT_TRUE(Discard(name, "discard-1", "sent to investigation by hand", &again).ok());
  EXPECT_EQ(again.state(), cv1::Handoff::STATE_DISCARDED);
  ExpectErrorIn(kDomain, Discard(name, "discard-1", "another reason", &again),
                grpc::StatusCode::INVALID_ARGUMENT, "REQUEST_ID_REUSED");
  EXPECT_EQ(Discard(name, "discard-2", "again", &again).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Redrive(name, "redrive-1", &again).error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  const size_t calls = transport_.calls().size();
  ASSERT_TRUE(sender_.RunOnce().ok());
  EXPECT_EQ(transport_.calls().size(), calls);  // never sent
}

class WithoutParkedHandoffsTest
    : public ::redress::testing::InProcessServiceTest<v1::Intake, IntakeLogicTest> {};

TEST_F(WithoutParkedHandoffsTest, TheMethodsAreUnimplemented) {
  IntakeService service(logic_);
  ASSERT_THAT(Serve(&service, "intake-test"), ::redress::testing::IsOk());
  cv1::ListParkedHandoffsResponse response;
  EXPECT_EQ(stub()
                .ListParkedHandoffs(Context().get(), cv1::ListParkedHandoffsRequest(), &response)
                .error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
  StopServing();
}

}  // namespace
}  // namespace redress::intake::testing
