// The real intake binary on a real file system that fills up: a 4 MiB tmpfs mounted for the test
// (skipped where the test may not mount one) holding its data directory. Once a filler file has
// taken every free block, SubmitComplaint is answered UNAVAILABLE with reason STORE_UNAVAILABLE
// (never INTERNAL) and the service reports NOT_SERVING on its name while the overall status stays
// SERVING; the filler removed, health returns to SERVING with no call made (the store's probe),
// the refused request's retry succeeds, and the database holds exactly the acknowledged
// complaints and passes integrity_check.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/testing/status_matchers.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "redress/intake/v1/intake.grpc.pb.h"
#include "tests/complaints.h"
#include "tests/process.h"

namespace redress::testing {
namespace {

namespace iv1 = ::redress::intake::v1;
using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;

constexpr char kIntakeService[] = "redress.intake.v1.Intake";

class StorageFullTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("redress_storage_full");
    data_dir_ = dir_ + "/data";
    std::filesystem::create_directories(data_dir_);
    const auto [status, output] =
        RunShell(absl::StrCat("mount -t tmpfs -o size=4m,mode=0700 tmpfs ", data_dir_, " 2>&1"));
    if (status != 0) GTEST_SKIP() << "cannot mount a small tmpfs here: " << output;
    mounted_ = true;
    const int port = PickFreePort();
    const int health_port = PickFreePort();
    address_ = absl::StrCat("127.0.0.1:", port);
    health_address_ = absl::StrCat("127.0.0.1:", health_port);
    ASSERT_THAT(ChildProcess::Start(
                    REDRESS_INTAKE_BINARY,
                    {"--insecure", "--listen=" + address_, "--health_listen=" + health_address_,
                     "--data_dir=" + data_dir_, "--drain_timeout=2s",
                     absl::StrCat("--investigation_address=127.0.0.1:", PickFreePort())},
                    dir_ + "/intake.log", process_),
                IsOk());
    ASSERT_THAT(WaitForServing(address_, kIntakeService, absl::Seconds(30), Transport::kPlaintext),
                IsOk())
        << Log();
    stub_ = iv1::Intake::NewStub(grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
    health_ = grpc::health::v1::Health::NewStub(
        grpc::CreateChannel(health_address_, grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    if (process_.running()) process_.Stop(SIGTERM);
    if (mounted_) RunShell("umount " + data_dir_ + " 2>&1");
    std::filesystem::remove_all(dir_);
  }

  grpc::Status Submit(const std::string& request_id, iv1::Complaint* out) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    return stub_->SubmitComplaint(&context, AcceptableComplaint(request_id), out);
  }

  std::string Health(const std::string& service) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
    HealthCheckRequest request;
    request.set_service(service);
    HealthCheckResponse response;
    const grpc::Status status = health_->Check(&context, request, &response);
    if (!status.ok()) return "RPC failed: " + status.error_message();
    return HealthCheckResponse::ServingStatus_Name(response.status());
  }

  // Polls the health of the intake service until it is `wanted`, for at most 30 s.
  std::string AwaitHealth(const std::string& wanted) {
    const absl::Time give_up = absl::Now() + absl::Seconds(30);
    std::string health = Health(kIntakeService);
    while (health != wanted && absl::Now() < give_up) {
      absl::SleepFor(absl::Milliseconds(100));
      health = Health(kIntakeService);
    }
    return health;
  }

  // Writes zeros to a filler file until the file system refuses more.
  void FillTheDisk() {
    std::ofstream filler(Filler(), std::ios::binary);
    const std::string block(16 * 1024, '\0');
    for (int i = 0; i < 1024 && filler.write(block.data(), block.size()); ++i) filler.flush();
  }
  std::string Filler() const { return data_dir_ + "/filler"; }
  std::string Log() const { return ReadFileOrEmpty(dir_ + "/intake.log"); }

  std::string dir_;
  std::string data_dir_;
  bool mounted_ = false;
  std::string address_;
  std::string health_address_;
  ChildProcess process_;
  std::unique_ptr<iv1::Intake::Stub> stub_;
  std::unique_ptr<grpc::health::v1::Health::Stub> health_;
};

TEST_F(StorageFullTest, AFullDiskIsRetryableNotServingAndRecoversByItselfOnceSpaceReturns) {
  iv1::Complaint before;
  ASSERT_TRUE(Submit("before", &before).ok()) << Log();
  FillTheDisk();

  // The log may still have room for a few: submit until the disk refuses one.
  grpc::Status refused;
  std::string refused_id;
  for (int i = 0; i < 200 && refused.ok(); ++i) {
    refused_id = absl::StrCat("while-full-", i);
    iv1::Complaint out;
    refused = Submit(refused_id, &out);
  }
  ASSERT_FALSE(refused.ok()) << "the disk never filled";
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAVAILABLE) << refused.error_message();
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(refused.error_details()));
  std::string reason;
  bool retry_info = false;
  for (const auto& detail : details.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::RetryInfo retry;
    if (detail.UnpackTo(&info)) reason = info.reason();
    if (detail.UnpackTo(&retry)) retry_info = true;
  }
  EXPECT_EQ(reason, "STORE_UNAVAILABLE");
  EXPECT_TRUE(retry_info);
  EXPECT_EQ(AwaitHealth("NOT_SERVING"), "NOT_SERVING") << Log();
  EXPECT_EQ(Health(""), "SERVING");

  ASSERT_EQ(std::remove(Filler().c_str()), 0);
  EXPECT_EQ(AwaitHealth("SERVING"), "SERVING") << Log();
  iv1::Complaint retried;
  const grpc::Status retry = Submit(refused_id, &retried);
  EXPECT_TRUE(retry.ok()) << retry.error_message();
  EXPECT_EQ(process_.Stop(SIGTERM), 0);

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((data_dir_ + "/intake.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
  auto text = [db](const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    std::string value;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return value;
  };
  EXPECT_EQ(text("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(text("SELECT COUNT(*) FROM complaints WHERE id IN ('" +
                 before.name().substr(before.name().find('/') + 1) + "', '" +
                 retried.name().substr(retried.name().find('/') + 1) + "')"),
            "2");
  sqlite3_close(db);
}

}  // namespace
}  // namespace redress::testing
