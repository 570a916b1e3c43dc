// Intake on a database whose disk fills up, served in process as main.cc serves it: the store
// reports to a StoreWriteHealth and ReportStoreWriteHealth (common/server.h) turns that into the
// service's health. A write while the log cannot be written (the faulty VFS: SQLITE_FULL) is
// answered UNAVAILABLE with reason STORE_UNAVAILABLE and a RetryInfo, never INTERNAL; the service
// reports NOT_SERVING (the overall status, for liveness, stays SERVING) and still answers reads;
// once the disk has space the store's probe finds it, health returns to SERVING without any call,
// and the client's retry of the same request stores the complaint once.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "absl/time/clock.h"
#include "common/errors.h"
#include "common/server.h"
#include "common/store/sqlite/faulty_log_vfs.h"
#include "common/store_write_health.h"
#include "common/testing/sqlite_file_test.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "services/intake/api/intake_service_test_support.h"

namespace redress::intake::testing {
namespace {

using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;
using ::redress::testing::IsOk;

constexpr char kHealthName[] = "redress.intake.v1.Intake";

class IntakeStorageFaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(redress::testing::InstallFaultyLogVfs());
    SqliteOptions options;
    options.write_health = &health_;
    options.write_probe_interval = absl::Milliseconds(50);
    auto opened = SqliteStore::Open(path_, options);
    ASSERT_THAT(opened, IsOk());
    store_ = *std::move(opened);
    logic_ =
        std::make_unique<IntakeLogic>(*store_, clock_, ids_, WorkingDayCalendar::EnglandAndWales());
    ASSERT_THAT(logic_->SeedDefaultRegister(), IsOk());
    service_ = std::make_unique<IntakeService>(*logic_);
    ServerConfig config;
    config.drain_timeout = absl::Seconds(1);
    config.log_name = "intake-test";
    auto server = RunningServer::Start(config, {{service_.get(), kHealthName}});
    ASSERT_THAT(server, IsOk());
    server_ = *std::move(server);
    ReportStoreWriteHealth(health_, *server_, kHealthName);  // as main.cc does
    channel_ = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
    stub_ = v1::Intake::NewStub(channel_);
  }
  void TearDown() override {
    redress::testing::FailLogWrites(false);
    health_.OnChange(nullptr);
    server_.reset();
  }

  grpc::Status Submit(const std::string& request_id, v1::Complaint* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    return stub_->SubmitComplaint(&context, SubmitRequest(request_id), response);
  }

  // The health status of `service` ("SERVING", "NOT_SERVING"), or the RPC's error code.
  std::string Health(const std::string& service) {
    auto stub = grpc::health::v1::Health::NewStub(channel_);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    HealthCheckRequest request;
    request.set_service(service);
    HealthCheckResponse response;
    grpc::Status status = stub->Check(&context, request, &response);
    if (!status.ok()) return "RPC failed: " + status.error_message();
    return HealthCheckResponse::ServingStatus_Name(response.status());
  }

  // Polls the health of kHealthName until it is `wanted`, for at most 20 s; what it was last.
  std::string AwaitHealth(const std::string& wanted) {
    const absl::Time give_up = absl::Now() + absl::Seconds(20);
    std::string health = Health(kHealthName);
    while (health != wanted && absl::Now() < give_up) {
      absl::SleepFor(absl::Milliseconds(10));
      health = Health(kHealthName);
    }
    return health;
  }

  redress::testing::ScratchDir dir_;
  const std::string path_ = dir_.File("intake.db");
  StoreWriteHealth health_{"intake"};
  std::unique_ptr<SqliteStore> store_;
  redress::testing::FakeClock clock_{redress::testing::FakeClock::NoonOn(kToday)};
  redress::testing::SequentialIdGenerator ids_{"c"};
  std::unique_ptr<IntakeLogic> logic_;
  std::unique_ptr<IntakeService> service_;
  std::unique_ptr<RunningServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::Intake::Stub> stub_;
};

TEST_F(IntakeStorageFaultTest, AFullDiskIsRetryableAndNotServingUntilSpaceReturns) {
  v1::Complaint before;
  ASSERT_TRUE(Submit("before", &before).ok());
  ASSERT_EQ(Health(kHealthName), "SERVING");

  redress::testing::FailLogWrites(true);
  v1::Complaint refused;
  const grpc::Status full = Submit("during", &refused);
  ExpectError(full, grpc::StatusCode::UNAVAILABLE, std::string(reason::kStoreUnavailable));
  EXPECT_THAT(full.error_message(), ::testing::HasSubstr("cannot write"));
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(full.error_details()));
  bool has_retry_info = false;
  for (const auto& detail : details.details()) {
    google::rpc::RetryInfo retry;
    if (detail.UnpackTo(&retry)) {
      has_retry_info = true;
      EXPECT_EQ(retry.retry_delay().seconds(), absl::ToInt64Seconds(kStoreFaultRetryDelay));
    }
  }
  EXPECT_TRUE(has_retry_info);
  EXPECT_EQ(AwaitHealth("NOT_SERVING"), "NOT_SERVING");
  EXPECT_EQ(Health(""), "SERVING");  // liveness: a restart would not free the disk
  {
    // Reads are still answered.
    grpc::ClientContext context;
    v1::GetComplaintRequest request;
    request.set_name(before.name());
    v1::Complaint got;
    EXPECT_TRUE(stub_->GetComplaint(&context, request, &got).ok());
    EXPECT_EQ(got.name(), before.name());
  }

  // Space returns; nobody calls; the probe notices.
  redress::testing::FailLogWrites(false);
  EXPECT_EQ(AwaitHealth("SERVING"), "SERVING");
  v1::Complaint retried;
  ASSERT_TRUE(Submit("during", &retried).ok());
  EXPECT_NE(retried.name(), before.name());

  server_.reset();
  store_.reset();
  redress::testing::RawDb raw(path_);
  EXPECT_EQ(raw.Query("SELECT COUNT(*) FROM complaints"),
            (std::vector<std::vector<std::string>>{{"2"}}));
  EXPECT_EQ(raw.Query("PRAGMA integrity_check"), (std::vector<std::vector<std::string>>{{"ok"}}));
}

}  // namespace
}  // namespace redress::intake::testing
