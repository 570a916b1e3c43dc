// High availability (issue 12): the three services on a PostgreSQL primary with a synchronous
// streaming standby, each reaching its database through a multi-host URL with
// target_session_attrs=read-write. A case runs to its decision; the primary is killed (an
// immediate shutdown, as a crash) and the standby promoted. Meanwhile, calls get UNAVAILABLE or
// the right answer, never a wrong one; afterwards the services have reconnected by themselves,
// everything acknowledged before the crash is there, and cases run on to publication.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/clock.h"
#include "common/testing/postgres_server.h"
#include "common/testing/status_matchers.h"
#include "tests/case_fixture.h"
#include "tests/case_run.h"
#include "tests/process.h"
#include "tests/suite_harness.h"
#include "tests/test_security.h"

namespace redress::testing {
namespace {

namespace iv1 = ::redress::intake::v1;
namespace inv1 = ::redress::investigation::v1;
namespace rv1 = ::redress::remedy::v1;

class FailoverEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PostgresServerOptions options;
    options.fsync = false;  // the server process is killed, not the machine
    auto primary = PostgresServer::Start(options);
    ASSERT_THAT(primary, IsOk());
    primary_ = *std::move(primary);
    for (const char* database : {"intake", "investigation", "remedy"}) {
      ASSERT_THAT(primary_->CreateDatabase(database), IsOk());
    }
    auto standby = primary_->StartStandby();
    ASSERT_THAT(standby, IsOk());
    standby_ = *std::move(standby);
    // From now on a commit returns only once the standby has it: nothing acknowledged is lost
    // when the primary dies.
    ASSERT_THAT(primary_->Execute("ALTER SYSTEM SET synchronous_standby_names = '*'"), IsOk());
    ASSERT_THAT(primary_->Execute("SELECT pg_reload_conf()"), IsOk());

    SuiteOptions suite_options;
    for (const char* service : {"intake", "investigation", "remedy"}) {
      suite_options.service_flags[service] = {
          absl::StrCat("--database_url=postgresql://postgres@", primary_->host_and_port(), ",",
                       standby_->host_and_port(), "/", service,
                       "?target_session_attrs=read-write&connect_timeout=2")};
    }
    data_dir_ = MakeTempDir("failover_e2e");
    suite_ = std::make_unique<Suite>(
        SuiteBinaries{REDRESS_INTAKE_BINARY, REDRESS_INVESTIGATION_BINARY, REDRESS_REMEDY_BINARY},
        data_dir_, suite_options);
    ASSERT_THAT(suite_->Start(), IsOk()) << suite_->Logs();
  }

  void TearDown() override {
    suite_.reset();
    std::error_code ignored;
    if (!HasFailure()) std::filesystem::remove_all(data_dir_, ignored);  // kept for diagnosis
  }

  LoadedCase Load(const std::string& name) {
    absl::StatusOr<LoadedCase> loaded =
        LoadCase(REDRESS_CASES_DIR, name, redress::Today(redress::SystemClock()));
    EXPECT_THAT(loaded, IsOk());
    return loaded.ok() ? *std::move(loaded) : LoadedCase{};
  }

  std::unique_ptr<PostgresServer> primary_, standby_;
  std::string data_dir_;
  std::unique_ptr<Suite> suite_;
};

TEST_F(FailoverEndToEndTest, ServicesFollowAPromotedStandbyWithNothingAcknowledgedLost) {
  const LoadedCase first = Load("2-cafcass-apology");
  const LoadedCase second = Load("3-dwp-not-upheld");
  ASSERT_FALSE(first.name.empty());
  ASSERT_FALSE(second.name.empty());
  CaseRun before(*suite_, first);
  ASSERT_THAT(before.RunToDecision(), IsOk()) << suite_->Logs();
  const inv1::Investigation decided = before.investigation();

  // Plain stubs, without the suite's retries, to see what a caller sees during the switch.
  auto intake =
      iv1::Intake::NewStub(grpc::CreateChannel(suite_->intake_address(), TestChannelCredentials()));
  auto investigation = inv1::Investigations::NewStub(
      grpc::CreateChannel(suite_->investigation_address(), TestChannelCredentials()));
  int answered = 0, unavailable = 0;
  auto probe = [&] {
    iv1::GetComplaintRequest get_complaint;
    get_complaint.set_name(before.complaint_name());
    iv1::Complaint complaint;
    grpc::Status status = Call([&](grpc::ClientContext* context) {
      return intake->GetComplaint(context, get_complaint, &complaint);
    });
    if (status.ok()) {
      ++answered;
      EXPECT_EQ(complaint.SerializeAsString(), before.complaint().SerializeAsString());
    } else {
      ++unavailable;
      EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
    }
    inv1::GetInvestigationRequest get_investigation;
    get_investigation.set_name(before.investigation_name());
    inv1::Investigation got;
    status = Call([&](grpc::ClientContext* context) {
      return investigation->GetInvestigation(context, get_investigation, &got);
    });
    if (status.ok()) {
      ++answered;
      EXPECT_EQ(got.etag(), decided.etag());
      EXPECT_EQ(got.state(), inv1::INVESTIGATION_STATE_DECIDED);
    } else {
      ++unavailable;
      EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
    }
  };

  ASSERT_THAT(primary_->Stop(), IsOk());  // a crash of the primary
  for (int i = 0; i < 3; ++i) probe();    // no primary at all
  EXPECT_GT(unavailable, 0);
  ASSERT_THAT(standby_->Promote(), IsOk());

  // The services find the new primary by themselves: the case goes on to publication, and
  // another runs from the start.
  ASSERT_THAT(before.SettleRecommendations(), IsOk()) << suite_->Logs();
  rv1::CaseSummary published;
  ASSERT_THAT(before.Publish(published), IsOk()) << suite_->Logs();
  EXPECT_EQ(published.text(), first.expected_text);
  CaseRun after(*suite_, second);
  ASSERT_THAT(after.RunToDecision(), IsOk()) << suite_->Logs();
  ASSERT_THAT(after.SettleRecommendations(), IsOk()) << suite_->Logs();
  const int unavailable_before = unavailable;
  probe();
  EXPECT_EQ(unavailable, unavailable_before) << "still unavailable after the promotion";
  EXPECT_GT(answered, 0);
}

}  // namespace
}  // namespace redress::testing
