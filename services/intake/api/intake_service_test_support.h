// Test support for the intake service tests: an in-process server on port 0 over a FakeStore or a
// SqliteStore and a FakeClock, called through the generated stub (common/testing/
// in_process_server.h); a valid complaint to start from; and the google.rpc details every error
// carries, in intake's domain (common/testing/grpc_error_details.h).
#pragma once

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/testing/fake_clock.h"
#include "common/testing/grpc_error_details.h"
#include "common/testing/in_process_server.h"
#include "common/testing/scratch_dir.h"
#include "common/testing/sequential_ids.h"
#include "common/testing/status_matchers.h"
#include "common/testing/store_kind.h"
#include "common/working_day_calendar.h"
#include "redress/intake/v1/intake.grpc.pb.h"
#include "services/intake/api/intake_service.h"
#include "services/intake/intake_logic.h"
#include "services/intake/store/fake_store.h"
#include "services/intake/store/sqlite/sqlite_store.h"

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

using ::redress::testing::DetailsOf;
using ::redress::testing::ErrorDetails;

// Expects `status` to be `code` with the same code in its details and an ErrorInfo of `reason`
// in intake's domain; returns the details.
inline ErrorDetails ExpectError(const grpc::Status& status, grpc::StatusCode code,
                                const std::string& reason) {
  return ::redress::testing::ExpectErrorIn("intake.redress", status, code, reason);
}

// The fixture's parameter: INSTANTIATE_TEST_SUITE_P(..., ::testing::Values(StoreKind::kFake,
// StoreKind::kSqlite), StoreKindName).
using ::redress::testing::StoreKind;
using ::redress::testing::StoreKindName;

// A running intake server over the store of the test's parameter (a FakeStore, or a SqliteStore
// in a fresh file) seeded with the default register, and a stub on it.
class IntakeServiceTest
    : public redress::testing::InProcessServiceTest<v1::Intake,
                                                    ::testing::TestWithParam<StoreKind>> {
 protected:
  void SetUp() override {
    if (GetParam() == StoreKind::kSqlite) {
      auto opened = SqliteStore::Open(dir_.File("intake.db"));
      ASSERT_THAT(opened, redress::testing::IsOk());
      sqlite_store_ = *std::move(opened);
    }
    logic_ =
        std::make_unique<IntakeLogic>(store(), clock_, ids_, WorkingDayCalendar::EnglandAndWales());
    ASSERT_THAT(logic_->SeedDefaultRegister(), redress::testing::IsOk());
    service_ = std::make_unique<IntakeService>(*logic_);
    ASSERT_THAT(Serve(service_.get(), "intake-test", IntakeService::kMaxRequestBytes),
                redress::testing::IsOk());
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
  redress::testing::ScratchDir dir_;
  std::unique_ptr<SqliteStore> sqlite_store_;
  redress::testing::FakeClock clock_{redress::testing::FakeClock::NoonOn(kToday)};
  redress::testing::SequentialIdGenerator ids_{"c"};
  std::unique_ptr<IntakeLogic> logic_;
  std::unique_ptr<IntakeService> service_;
};

}  // namespace redress::intake::testing
