// End-to-end test of parked hand-offs (docs/reliability.md) with the real intake and
// investigation binaries: investigation, reached through a stand-in that refuses one complaint's
// acceptance for good (as a receiver of an incompatible version would), makes intake park that
// hand-off after one attempt while other complaints still flow; once the fault is gone, a re-drive
// delivers it exactly once, and the transitions a delivered hand-off does not allow are refused.
// Both binaries run with --insecure (plaintext on loopback), so the stand-in needs no certificate.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/testing/status_matchers.h"
#include "redress/intake/v1/intake.grpc.pb.h"
#include "redress/investigation/v1/investigation.grpc.pb.h"
#include "tests/complaints.h"
#include "tests/process.h"

namespace redress::testing {
namespace {

namespace iv1 = ::redress::intake::v1;
namespace inv1 = ::redress::investigation::v1;
namespace cv1 = ::redress::common::v1;

constexpr absl::Duration kPatience = absl::Seconds(30);

std::string NewAddress() { return absl::StrCat("127.0.0.1:", PickFreePort()); }

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  return context;
}

bool Eventually(const std::function<bool()>& done) {
  const absl::Time give_up = absl::Now() + kPatience;
  while (!done()) {
    if (absl::Now() > give_up) return false;
    absl::SleepFor(absl::Milliseconds(100));
  }
  return true;
}

// Investigation as intake reaches it: every OpenInvestigation is passed on to the real service,
// except the one whose request_id (the hand-off key) is refused, which is answered
// INVALID_ARGUMENT without reaching it. Counts the calls per hand-off key.
class RefusingInvestigation final : public inv1::Investigations::Service {
 public:
  explicit RefusingInvestigation(const std::string& real_address)
      : real_(inv1::Investigations::NewStub(
            grpc::CreateChannel(real_address, grpc::InsecureChannelCredentials()))) {}

  void Refuse(std::string handoff_key) {
    absl::MutexLock lock(&mu_);
    refused_ = std::move(handoff_key);
  }
  // How many calls carried `handoff_key`, and how many of them were passed on.
  std::pair<int, int> Calls(const std::string& handoff_key) {
    absl::MutexLock lock(&mu_);
    return {calls_[handoff_key], passed_[handoff_key]};
  }

  grpc::Status OpenInvestigation(grpc::ServerContext* /*context*/,
                                 const inv1::OpenInvestigationRequest* request,
                                 inv1::Investigation* response) override {
    {
      absl::MutexLock lock(&mu_);
      ++calls_[request->request_id()];
      if (request->request_id() == refused_) {
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                            "this version cannot take the hand-off");
      }
      ++passed_[request->request_id()];
    }
    return real_->OpenInvestigation(Context().get(), *request, response);
  }

 private:
  std::unique_ptr<inv1::Investigations::Stub> real_;
  absl::Mutex mu_;
  std::string refused_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, int> calls_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, int> passed_ ABSL_GUARDED_BY(mu_);
};

class ParkedHandoffEndToEndTest : public ::testing::Test {
 protected:
  ParkedHandoffEndToEndTest()
      : data_dir_(MakeTempDir("parked_handoff_e2e")),
        investigation_address_(NewAddress()),
        intake_address_(NewAddress()),
        standin_(investigation_address_) {}
  ~ParkedHandoffEndToEndTest() override {
    intake_.Stop(SIGTERM);
    if (standin_server_ != nullptr) standin_server_->Shutdown();
    investigation_.Stop(SIGTERM);
    std::error_code ignored;
    if (!HasFailure()) std::filesystem::remove_all(data_dir_, ignored);  // kept for diagnosis
  }

  void SetUp() override {
    ASSERT_THAT(Start(REDRESS_INVESTIGATION_BINARY, "investigation", investigation_address_, {},
                      investigation_),
                IsOk());
    ASSERT_THAT(WaitForServing(investigation_address_, "redress.investigation.v1.Investigations",
                               kPatience, Transport::kPlaintext),
                IsOk())
        << Logs();
    int port = 0;
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&standin_);
    standin_server_ = builder.BuildAndStart();
    ASSERT_NE(standin_server_, nullptr);
    ASSERT_THAT(Start(REDRESS_INTAKE_BINARY, "intake", intake_address_,
                      {absl::StrCat("--investigation_address=127.0.0.1:", port),
                       "--handoff_max_attempts=3"},
                      intake_),
                IsOk());
    ASSERT_THAT(WaitForServing(intake_address_, "redress.intake.v1.Intake", kPatience,
                               Transport::kPlaintext),
                IsOk())
        << Logs();
    intake_stub_ = iv1::Intake::NewStub(
        grpc::CreateChannel(intake_address_, grpc::InsecureChannelCredentials()));
    investigation_stub_ = inv1::Investigations::NewStub(
        grpc::CreateChannel(investigation_address_, grpc::InsecureChannelCredentials()));
  }

  absl::Status Start(const std::string& binary, const std::string& name, const std::string& address,
                     std::vector<std::string> flags, ChildProcess& process) {
    std::vector<std::string> args = {"--insecure", "--listen=" + address, "--data_dir=" + data_dir_,
                                     "--drain_timeout=2s"};
    args.insert(args.end(), flags.begin(), flags.end());
    return ChildProcess::Start(binary, args, data_dir_ + "/" + name + ".log", process);
  }

  // Submits complaint `request_id`; its name.
  std::string Submit(const std::string& request_id) {
    iv1::Complaint submitted;
    const grpc::Status status =
        intake_stub_->SubmitComplaint(Context().get(), AcceptableComplaint(request_id), &submitted);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return submitted.name();
  }
  void Accept(const std::string& name) {
    iv1::AssessComplaintRequest request;
    request.set_name(name);
    request.set_request_id("assess-" + name.substr(name.find('/') + 1));
    request.set_assessor("caseworker-1");
    iv1::Complaint assessed;
    const grpc::Status status = intake_stub_->AssessComplaint(Context().get(), request, &assessed);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_EQ(assessed.state(), iv1::COMPLAINT_STATE_ACCEPTED);
  }

  // complaint name -> investigations opened for it.
  std::map<std::string, int> InvestigationsByComplaint() {
    inv1::ListInvestigationsRequest request;
    request.set_page_size(500);
    inv1::ListInvestigationsResponse response;
    const grpc::Status status =
        investigation_stub_->ListInvestigations(Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::map<std::string, int> counts;
    for (const inv1::Investigation& i : response.investigations()) {
      ++counts[i.complaint().complaint()];
    }
    return counts;
  }

  cv1::HandoffStatus Status() {
    cv1::HandoffStatus status;
    const grpc::Status result =
        intake_stub_->GetHandoffStatus(Context().get(), cv1::GetHandoffStatusRequest(), &status);
    EXPECT_TRUE(result.ok()) << result.error_message();
    return status;
  }
  cv1::Handoff Get(const std::string& name) {
    cv1::GetHandoffRequest request;
    request.set_name(name);
    cv1::Handoff handoff;
    const grpc::Status status = intake_stub_->GetHandoff(Context().get(), request, &handoff);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return handoff;
  }
  grpc::Status Redrive(const std::string& name, const std::string& request_id,
                       cv1::Handoff* handoff) {
    cv1::RedriveHandoffRequest request;
    request.set_name(name);
    request.set_request_id(request_id);
    return intake_stub_->RedriveHandoff(Context().get(), request, handoff);
  }

  std::string Logs() {
    return "intake:\n" + ReadFileOrEmpty(data_dir_ + "/intake.log") + "\ninvestigation:\n" +
           ReadFileOrEmpty(data_dir_ + "/investigation.log");
  }

  std::string data_dir_;
  std::string investigation_address_, intake_address_;
  RefusingInvestigation standin_;
  std::unique_ptr<grpc::Server> standin_server_;
  ChildProcess investigation_, intake_;
  std::unique_ptr<iv1::Intake::Stub> intake_stub_;
  std::unique_ptr<inv1::Investigations::Stub> investigation_stub_;
};

TEST_F(ParkedHandoffEndToEndTest, ARefusedHandoffIsParkedOthersFlowAndARedriveDeliversItOnce) {
  const std::string refused = Submit("refused-1");
  const std::string key = refused + "/acceptance";
  standin_.Refuse(key);
  Accept(refused);
  const std::string other = Submit("other-1");
  Accept(other);

  // Parked after one attempt; the other complaint's hand-off goes on.
  ASSERT_TRUE(Eventually([&] {
    const cv1::HandoffStatus status = Status();
    return status.parked_count() == 1 && status.pending_count() == 0;
  })) << Logs();
  EXPECT_EQ(InvestigationsByComplaint(), (std::map<std::string, int>{{other, 1}})) << Logs();
  EXPECT_EQ(standin_.Calls(key), std::make_pair(1, 0));

  cv1::ListParkedHandoffsResponse parked;
  ASSERT_TRUE(
      intake_stub_->ListParkedHandoffs(Context().get(), cv1::ListParkedHandoffsRequest(), &parked)
          .ok());
  ASSERT_EQ(parked.handoffs_size(), 1);
  EXPECT_EQ(parked.total_size(), 1);
  const cv1::Handoff& handoff = parked.handoffs(0);
  EXPECT_EQ(handoff.handoff_key(), key);
  EXPECT_EQ(handoff.case_name(), refused);
  EXPECT_EQ(handoff.state(), cv1::Handoff::STATE_PARKED);
  EXPECT_EQ(handoff.park_reason(), cv1::Handoff::PARK_REASON_REFUSED);
  EXPECT_EQ(handoff.attempts(), 1);
  EXPECT_THAT(handoff.last_error(), ::testing::HasSubstr("INVALID_ARGUMENT"));
  EXPECT_THAT(handoff.summary(), ::testing::HasSubstr("acceptance of " + refused));
  EXPECT_TRUE(handoff.has_park_time());
  // Logged once, not once per retry.
  const std::string intake_log = ReadFileOrEmpty(data_dir_ + "/intake.log");
  EXPECT_EQ(absl::StrContains(intake_log, "handoff parked"), true);
  EXPECT_EQ(intake_log.find("handoff parked"), intake_log.rfind("handoff parked"));

  // The fault is gone: a re-drive delivers it, once.
  standin_.Refuse("");
  cv1::Handoff redriven;
  ASSERT_TRUE(Redrive(handoff.name(), "redrive-1", &redriven).ok());
  EXPECT_NE(redriven.state(), cv1::Handoff::STATE_PARKED);
  ASSERT_TRUE(Eventually([&] {
    return Get(handoff.name()).state() == cv1::Handoff::STATE_DELIVERED;
  })) << Logs();
  EXPECT_EQ(InvestigationsByComplaint(), (std::map<std::string, int>{{refused, 1}, {other, 1}}));
  EXPECT_EQ(Status().parked_count(), 0);

  // A retry of the re-drive answers as the first did, without another delivery; a new re-drive
  // of a delivered hand-off, or its discard, is refused.
  cv1::Handoff retried;
  ASSERT_TRUE(Redrive(handoff.name(), "redrive-1", &retried).ok());
  EXPECT_EQ(retried.state(), cv1::Handoff::STATE_DELIVERED);
  EXPECT_EQ(Redrive(handoff.name(), "redrive-2", &retried).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  cv1::DiscardHandoffRequest discard;
  discard.set_name(handoff.name());
  discard.set_request_id("discard-1");
  discard.set_reason("too late");
  EXPECT_EQ(intake_stub_->DiscardHandoff(Context().get(), discard, &retried).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  absl::SleepFor(absl::Seconds(1));  // time for a second delivery, were one to happen
  EXPECT_EQ(standin_.Calls(key), std::make_pair(2, 1));
  EXPECT_EQ(InvestigationsByComplaint(), (std::map<std::string, int>{{refused, 1}, {other, 1}}));
}

}  // namespace
}  // namespace redress::testing
