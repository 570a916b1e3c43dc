// End-to-end tests of the hand-off from intake to investigation with both real binaries: an
// accepted complaint becomes exactly one investigation, also when investigation is down at
// acceptance, when intake is killed before delivering, and when intake delivers again because
// it never recorded investigation's answer; and a complaint accepted for some of its
// organisations opens an investigation of those only.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/testing/status_matchers.h"
#include "redress/intake/v1/intake.grpc.pb.h"
#include "redress/investigation/v1/investigation.grpc.pb.h"
#include "tests/complaints.h"
#include "tests/process.h"
#include "tests/test_security.h"

namespace redress::testing {
namespace {

namespace iv1 = ::redress::intake::v1;
namespace inv1 = ::redress::investigation::v1;
namespace cv1 = ::redress::common::v1;

// Every wait for the other process is bounded by this.
constexpr absl::Duration kPatience = absl::Seconds(30);

std::string NewAddress() { return absl::StrCat("127.0.0.1:", PickFreePort()); }

template <typename Service>
std::unique_ptr<typename Service::Stub> NewStub(const std::string& address) {
  return Service::NewStub(grpc::CreateChannel(address, TestChannelCredentials()));
}

void WithDeadline(grpc::ClientContext& context) {
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
}

// Polls `done` every 100 ms until it holds or kPatience passes; whether it held.
bool Eventually(const std::function<bool()>& done) {
  const absl::Time give_up = absl::Now() + kPatience;
  while (!done()) {
    if (absl::Now() > give_up) return false;
    absl::SleepFor(absl::Milliseconds(100));
  }
  return true;
}

// A service binary with its data directory and a fixed address across restarts.
class Service {
 public:
  Service(std::string binary, std::string name, std::string health_name, std::string data_dir,
          std::string address, std::vector<std::string> flags = {})
      : binary_(std::move(binary)),
        name_(std::move(name)),
        health_name_(std::move(health_name)),
        data_dir_(std::move(data_dir)),
        address_(std::move(address)),
        flags_(std::move(flags)) {}

  void Start() {
    std::vector<std::string> args = {"--listen=" + address_, "--data_dir=" + data_dir_,
                                     "--drain_timeout=2s"};
    for (const std::string& flag : ServiceSecurityFlags(name_)) args.push_back(flag);
    args.insert(args.end(), flags_.begin(), flags_.end());
    ASSERT_THAT(ChildProcess::Start(binary_, args, log_path(), process_), IsOk());
    ASSERT_THAT(WaitForServing(address_, health_name_, kPatience), IsOk()) << log();
  }
  int Stop(int signal) { return process_.Stop(signal); }

  const std::string& address() const { return address_; }
  const std::string& data_dir() const { return data_dir_; }
  std::string log() const { return ReadFileOrEmpty(log_path()); }

 private:
  std::string log_path() const { return data_dir_ + "/" + name_ + ".log"; }

  std::string binary_, name_, health_name_, data_dir_, address_;
  std::vector<std::string> flags_;
  ChildProcess process_;
};

class HandoffEndToEndTest : public ::testing::Test {
 protected:
  HandoffEndToEndTest()
      : data_dir_(MakeTempDir("handoff_e2e")),
        investigation_(REDRESS_INVESTIGATION_BINARY, "investigation",
                       "redress.investigation.v1.Investigations", data_dir_, NewAddress()),
        intake_(REDRESS_INTAKE_BINARY, "intake", "redress.intake.v1.Intake", data_dir_,
                NewAddress(), {"--investigation_address=" + investigation_.address()}) {}
  ~HandoffEndToEndTest() override {
    std::error_code ignored;
    if (!HasFailure()) std::filesystem::remove_all(data_dir_, ignored);  // kept for diagnosis
  }

  // Submits and assesses `request`'s complaint, which is accepted; returns its name ("" on
  // failure).
  std::string Accept(const std::string& request_id) {
    return Accept(AcceptableComplaint(request_id));
  }
  std::string Accept(const iv1::SubmitComplaintRequest& submission) {
    const std::string& request_id = submission.request_id();
    auto stub = NewStub<iv1::Intake>(intake_.address());
    iv1::Complaint submitted, assessed;
    grpc::ClientContext submit;
    WithDeadline(submit);
    grpc::Status status = stub->SubmitComplaint(&submit, submission, &submitted);
    EXPECT_TRUE(status.ok()) << status.error_message();
    iv1::AssessComplaintRequest request;
    request.set_name(submitted.name());
    request.set_request_id("assess-" + request_id);
    request.set_assessor("caseworker-1");
    grpc::ClientContext assess;
    WithDeadline(assess);
    status = stub->AssessComplaint(&assess, request, &assessed);
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(assessed.state(), iv1::COMPLAINT_STATE_ACCEPTED);
    return status.ok() ? submitted.name() : "";
  }

  // complaint name -> investigations opened for it, read through ListInvestigations.
  std::map<std::string, int> InvestigationsByComplaint() {
    auto stub = NewStub<inv1::Investigations>(investigation_.address());
    std::map<std::string, int> counts;
    inv1::ListInvestigationsRequest request;
    request.set_page_size(500);
    do {
      inv1::ListInvestigationsResponse response;
      grpc::ClientContext context;
      WithDeadline(context);
      grpc::Status status = stub->ListInvestigations(&context, request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      for (const inv1::Investigation& i : response.investigations())
        ++counts[i.complaint().complaint()];
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
    return counts;
  }

  // Whether each of `names` has exactly one investigation and no other complaint has any.
  bool ExactlyOneEach(const std::vector<std::string>& names) {
    std::map<std::string, int> expected;
    for (const std::string& name : names) expected[name] = 1;
    return InvestigationsByComplaint() == expected;
  }

  cv1::HandoffStatus HandoffStatus() {
    auto stub = NewStub<iv1::Intake>(intake_.address());
    cv1::HandoffStatus status;
    grpc::ClientContext context;
    WithDeadline(context);
    grpc::Status result = stub->GetHandoffStatus(&context, cv1::GetHandoffStatusRequest(), &status);
    EXPECT_TRUE(result.ok()) << result.error_message();
    return status;
  }
  bool NothingPending() { return HandoffStatus().pending_count() == 0; }

  std::string Logs() {
    return "intake:\n" + intake_.log() + "\ninvestigation:\n" + investigation_.log();
  }

  std::string data_dir_;
  Service investigation_;
  Service intake_;
};

TEST_F(HandoffEndToEndTest, AnAcceptedComplaintBecomesExactlyOneInvestigation) {
  investigation_.Start();
  intake_.Start();
  const std::string name = Accept("c1");

  ASSERT_TRUE(Eventually([&] { return InvestigationsByComplaint()[name] >= 1; })) << Logs();
  ASSERT_TRUE(Eventually([&] { return NothingPending(); })) << Logs();
  EXPECT_TRUE(ExactlyOneEach({name})) << Logs();

  // What intake handed over, including the register's publication defaults.
  auto stub = NewStub<inv1::Investigations>(investigation_.address());
  inv1::ListInvestigationsResponse response;
  grpc::ClientContext context;
  WithDeadline(context);
  ASSERT_TRUE(
      stub->ListInvestigations(&context, inv1::ListInvestigationsRequest(), &response).ok());
  ASSERT_EQ(response.investigations_size(), 1);
  const inv1::ComplaintSnapshot& snapshot = response.investigations(0).complaint();
  EXPECT_EQ(snapshot.complainants_reference(), "Mrs B");
  EXPECT_THAT(snapshot.organisations(), ::testing::ElementsAre("organisations/cafcass"));
  EXPECT_THAT(
      snapshot.organisation_published_names(),
      ::testing::ElementsAre("Children and Family Court Advisory and Support Service (Cafcass)"));
  EXPECT_EQ(snapshot.jurisdiction(), redress::common::v1::JURISDICTION_PARLIAMENTARY);
  EXPECT_EQ(snapshot.default_location(), "UK");
}

TEST_F(HandoffEndToEndTest, OnlyTheOrganisationsAComplaintWasAcceptedForAreInvestigated) {
  investigation_.Start();
  intake_.Start();
  // Cafcass is in remit; Example Borough Council belongs to another ombudsman.
  iv1::SubmitComplaintRequest submission = AcceptableComplaint("c1");
  submission.mutable_complaint()->add_organisations("organisations/example-borough-council");
  const std::string name = Accept(submission);

  ASSERT_TRUE(Eventually([&] { return NothingPending(); })) << Logs();
  EXPECT_TRUE(ExactlyOneEach({name})) << Logs();
  auto stub = NewStub<inv1::Investigations>(investigation_.address());
  inv1::ListInvestigationsResponse response;
  grpc::ClientContext context;
  WithDeadline(context);
  ASSERT_TRUE(
      stub->ListInvestigations(&context, inv1::ListInvestigationsRequest(), &response).ok());
  ASSERT_EQ(response.investigations_size(), 1);
  const inv1::Investigation& investigation = response.investigations(0);
  EXPECT_THAT(investigation.complaint().organisations(),
              ::testing::ElementsAre("organisations/cafcass"));
  ASSERT_EQ(investigation.organisations_investigated_size(), 1);
  EXPECT_EQ(investigation.organisations_investigated(0).organisation(), "organisations/cafcass");
  EXPECT_EQ(investigation.organisations_investigated(0).published_name(),
            "Children and Family Court Advisory and Support Service (Cafcass)");
}

TEST_F(HandoffEndToEndTest, AcceptancesWhileInvestigationIsDownAreDeliveredWhenItIsBack) {
  investigation_.Start();
  intake_.Start();
  investigation_.Stop(SIGTERM);
  const std::vector<std::string> names = {Accept("c1"), Accept("c2"), Accept("c3")};

  cv1::HandoffStatus status = HandoffStatus();
  EXPECT_EQ(status.pending_count(), 3);
  EXPECT_TRUE(status.has_oldest_pending_create_time());
  ASSERT_TRUE(Eventually([&] { return !HandoffStatus().last_error().empty(); })) << Logs();
  EXPECT_EQ(HandoffStatus().pending_count(), 3);

  investigation_.Start();
  ASSERT_TRUE(Eventually([&] { return NothingPending(); })) << Logs();
  EXPECT_TRUE(ExactlyOneEach(names)) << Logs();
  EXPECT_EQ(HandoffStatus().last_error(), "");
}

TEST_F(HandoffEndToEndTest, AHandOffCommittedBeforeSigkillIsDeliveredOnceAfterRestart) {
  intake_.Start();  // investigation not started: nothing can be delivered
  const std::string name = Accept("c1");
  intake_.Stop(SIGKILL);

  intake_.Start();
  EXPECT_EQ(HandoffStatus().pending_count(), 1);
  investigation_.Start();
  ASSERT_TRUE(Eventually([&] { return NothingPending(); })) << Logs();
  EXPECT_TRUE(ExactlyOneEach({name})) << Logs();

  // Restarted again, intake has nothing left to deliver and opens nothing more.
  intake_.Stop(SIGTERM);
  intake_.Start();
  EXPECT_EQ(HandoffStatus().pending_count(), 0);
  EXPECT_TRUE(ExactlyOneEach({name})) << Logs();
}

TEST_F(HandoffEndToEndTest, DeliveringAgainAfterALostAnswerOpensNothingNew) {
  // The hand-off waits in intake's outbox while investigation is down; intake's database is kept
  // as it is then, before delivery.
  intake_.Start();
  const std::string name = Accept("c1");
  intake_.Stop(SIGKILL);
  const std::string intake_db = absl::StrCat(data_dir_, "/intake.db");
  const std::string saved = absl::StrCat(data_dir_, "/intake-before-delivery");
  std::filesystem::create_directory(saved);
  for (const char* suffix : {"", "-wal", "-shm"}) {
    if (std::filesystem::exists(intake_db + suffix)) {
      std::filesystem::copy_file(intake_db + suffix, absl::StrCat(saved, "/intake.db", suffix));
    }
  }

  investigation_.Start();
  intake_.Start();
  ASSERT_TRUE(Eventually([&] { return NothingPending(); })) << Logs();
  intake_.Stop(SIGKILL);

  // As if intake had died after investigation opened the case but before recording that: the
  // delivery (and the payload minimised with it) is lost, the full hand-off is sent again.
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(intake_db + suffix);
    const std::string copy = absl::StrCat(saved, "/intake.db", suffix);
    if (std::filesystem::exists(copy)) std::filesystem::copy_file(copy, intake_db + suffix);
  }

  intake_.Start();
  ASSERT_TRUE(Eventually([&] { return NothingPending(); })) << Logs();
  EXPECT_EQ(HandoffStatus().delivered_count(), 1);  // delivered again, answered with the case
  EXPECT_TRUE(ExactlyOneEach({name})) << Logs();
}

}  // namespace
}  // namespace redress::testing
