// Test support for the intake service tests: an in-process server on port 0 over a FakeStore or a
// SqliteStore and a FakeClock, called through the generated stub; a valid complaint to start from;
// and a decoder of the google.rpc details every error carries.
#pragma once

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <system_error>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/server.h"
#include "common/testing/fake_clock.h"
#include "common/testing/sequential_ids.h"
#include "common/testing/status_matchers.h"
#include "common/working_day_calendar.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "redress/intake/v1/intake.grpc.pb.h"
#include "services/intake/fake_store.h"
#include "services/intake/intake_logic.h"
#include "services/intake/intake_service.h"
#include "services/intake/sqlite_store.h"

namespace redress::intake::testing {

namespace v1 = ::redress::intake::v1;

// The day the fake clock shows unless a test moves it.
inline constexpr absl::CivilDay kToday(2026, 3, 2);

inline redress::common::v1::Date Date(int year, int month, int day) {
  redress::common::v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

// A complaint that passes every assessment check on kToday: Mrs Brown about Cafcass, online, with
// the organisation's final response, within time, with an injustice and an outcome.
inline v1::Complaint ValidComplaint() {
  v1::Complaint complaint;
  v1::Person* person = complaint.add_people();
  person->set_role(v1::PERSON_ROLE_COMPLAINANT);
  person->mutable_details()->set_title("Mrs");
  person->mutable_details()->set_given_name("Ann");
  person->mutable_details()->set_family_name("Brown");
  person->mutable_details()->set_email("ann.brown@example.org");
  complaint.add_organisations("organisations/cafcass");
  complaint.set_channel(v1::SUBMISSION_CHANNEL_ONLINE_FORM);
  complaint.set_what_went_wrong("The family court adviser's report was filed late.");
  complaint.set_injustice_claimed("The hearing was adjourned for three months.");
  complaint.set_outcome_wanted("An apology and an explanation.");
  *complaint.mutable_aware_date() = Date(2025, 11, 3);
  *complaint.mutable_complained_to_organisation_date() = Date(2025, 11, 10);
  *complaint.mutable_final_response_date() = Date(2026, 1, 15);
  return complaint;
}

inline v1::SubmitComplaintRequest SubmitRequest(const std::string& request_id,
                                                v1::Complaint complaint = ValidComplaint()) {
  v1::SubmitComplaintRequest request;
  request.set_request_id(request_id);
  *request.mutable_complaint() = std::move(complaint);
  return request;
}

// The google.rpc details of an error, decoded from grpc::Status::error_details().
struct ErrorDetails {
  int code = -1;  // google.rpc.Status.code
  google::rpc::BadRequest bad_request;
  google::rpc::PreconditionFailure precondition_failure;
  google::rpc::ErrorInfo error_info;

  // The field of every BadRequest violation, in order.
  std::vector<std::string> fields() const {
    std::vector<std::string> out;
    for (const auto& violation : bad_request.field_violations()) out.push_back(violation.field());
    return out;
  }
};

inline ErrorDetails DetailsOf(const grpc::Status& status) {
  ErrorDetails details;
  google::rpc::Status rpc;
  if (!rpc.ParseFromString(status.error_details())) {
    ADD_FAILURE() << "error_details is not a google.rpc.Status";
    return details;
  }
  details.code = rpc.code();
  for (const google::protobuf::Any& any : rpc.details()) {
    if (any.Is<google::rpc::BadRequest>()) any.UnpackTo(&details.bad_request);
    if (any.Is<google::rpc::PreconditionFailure>()) any.UnpackTo(&details.precondition_failure);
    if (any.Is<google::rpc::ErrorInfo>()) any.UnpackTo(&details.error_info);
  }
  return details;
}

// Which IntakeStore a test's server runs on.
enum class StoreKind { kFake, kSqlite };

inline void PrintTo(StoreKind kind, std::ostream* os) {
  *os << (kind == StoreKind::kFake ? "FakeStore" : "SqliteStore");
}

inline std::string StoreKindName(const ::testing::TestParamInfo<StoreKind>& info) {
  return info.param == StoreKind::kFake ? "FakeStore" : "SqliteStore";
}

// A running intake server over the store of the test's parameter (a FakeStore, or a SqliteStore
// in a fresh file) seeded with the default register, and a stub on it.
class IntakeServiceTest : public ::testing::TestWithParam<StoreKind> {
 protected:
  void SetUp() override {
    if (GetParam() == StoreKind::kSqlite) {
      db_path_ = std::filesystem::path(::testing::TempDir()) /
                 absl::StrCat("intake_service_test_", getpid(), "_", ++db_counter_, ".db");
      auto opened = SqliteStore::Open(db_path_.string());
      ASSERT_THAT(opened, redress::testing::IsOk());
      sqlite_store_ = *std::move(opened);
    }
    logic_ =
        std::make_unique<IntakeLogic>(store(), clock_, ids_, WorkingDayCalendar::EnglandAndWales());
    ASSERT_THAT(logic_->SeedDefaultRegister(), redress::testing::IsOk());
    service_ = std::make_unique<IntakeService>(*logic_);
    ServerConfig config;
    config.listen_address = "127.0.0.1:0";
    config.drain_timeout = absl::Seconds(1);
    config.log_name = "intake-test";
    auto server = RunningServer::Start(config, {{service_.get(), "redress.intake.v1.Intake"}});
    ASSERT_THAT(server, redress::testing::IsOk());
    server_ = *std::move(server);
    stub_ = v1::Intake::NewStub(
        grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
  }

  void TearDown() override {
    server_.reset();
    sqlite_store_.reset();
    if (db_path_.empty()) return;
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(db_path_.string() + suffix, ignored);
    }
  }

  IntakeStore& store() {
    if (sqlite_store_ != nullptr) return *sqlite_store_;
    return fake_store_;
  }

  // Every hand-off written to the outbox, delivered or not.
  std::vector<OutboxEntry> Outbox() {
    auto outbox = store().ListOutbox(/*include_delivered=*/true, /*limit=*/1000);
    EXPECT_THAT(outbox, redress::testing::IsOk());
    return outbox.ok() ? *outbox : std::vector<OutboxEntry>();
  }

  // Calls `method` on the stub with a generous deadline.
  template <typename Request, typename Response>
  grpc::Status Call(grpc::Status (v1::Intake::Stub::*method)(grpc::ClientContext*, const Request&,
                                                             Response*),
                    const Request& request, Response* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    return (stub_.get()->*method)(&context, request, response);
  }

  // Submits `complaint`, expecting success.
  v1::Complaint Submit(const std::string& request_id, v1::Complaint complaint = ValidComplaint()) {
    v1::Complaint response;
    grpc::Status status = Call(&v1::Intake::Stub::SubmitComplaint,
                               SubmitRequest(request_id, std::move(complaint)), &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  v1::Complaint Get(const std::string& name) {
    v1::GetComplaintRequest request;
    request.set_name(name);
    v1::Complaint response;
    grpc::Status status = Call(&v1::Intake::Stub::GetComplaint, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  v1::AssessComplaintRequest AssessRequest(const std::string& name, const std::string& request_id) {
    v1::AssessComplaintRequest request;
    request.set_name(name);
    request.set_request_id(request_id);
    request.set_assessor("caseworker-17");
    return request;
  }

  grpc::Status Assess(const v1::AssessComplaintRequest& request, v1::Complaint* response) {
    return Call(&v1::Intake::Stub::AssessComplaint, request, response);
  }

  // Only tests instantiated with StoreKind::kFake may use its failure hooks.
  FakeStore fake_store_;
  std::unique_ptr<SqliteStore> sqlite_store_;
  std::filesystem::path db_path_;
  inline static int db_counter_ = 0;
  redress::testing::FakeClock clock_{redress::testing::FakeClock::NoonOn(kToday)};
  redress::testing::SequentialIdGenerator ids_{"c"};
  std::unique_ptr<IntakeLogic> logic_;
  std::unique_ptr<IntakeService> service_;
  std::unique_ptr<RunningServer> server_;
  std::unique_ptr<v1::Intake::Stub> stub_;
};

}  // namespace redress::intake::testing
