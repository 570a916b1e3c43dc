// Test support for the investigation service tests: an in-process server on port 0 over a
// FakeStore or a SqliteStore and a FakeClock, called through the generated stub; a decoder of the
// google.rpc details every error carries; and helpers that take an investigation through its
// steps. The requests they send are built by investigation_service_test_requests.h.
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
#include <utility>
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
#include "redress/investigation/v1/investigation.grpc.pb.h"
#include "services/investigation/fake_store.h"
#include "services/investigation/investigation_logic.h"
#include "services/investigation/investigation_service.h"
#include "services/investigation/investigation_service_test_requests.h"
#include "services/investigation/sqlite_store.h"

namespace redress::investigation::testing {

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

  // The description of the violation on `field`; fails the test when there is none.
  std::string DescriptionOf(const std::string& field) const {
    for (const auto& violation : bad_request.field_violations()) {
      if (violation.field() == field) return violation.description();
    }
    ADD_FAILURE() << "no violation on " << field;
    return "";
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

// Expects `status` to be `code` with the same code in its details and an ErrorInfo of `reason`
// in investigation's domain; returns the details.
inline ErrorDetails ExpectError(const grpc::Status& status, grpc::StatusCode code,
                                const std::string& reason) {
  EXPECT_EQ(status.error_code(), code) << status.error_message();
  ErrorDetails details = DetailsOf(status);
  EXPECT_EQ(details.code, code);
  EXPECT_EQ(details.error_info.reason(), reason);
  EXPECT_EQ(details.error_info.domain(), "investigation.redress");
  return details;
}

// Which InvestigationStore a test's server runs on.
enum class StoreKind { kFake, kSqlite };

inline void PrintTo(StoreKind kind, std::ostream* os) {
  *os << (kind == StoreKind::kFake ? "FakeStore" : "SqliteStore");
}

inline std::string StoreKindName(const ::testing::TestParamInfo<StoreKind>& info) {
  return info.param == StoreKind::kFake ? "FakeStore" : "SqliteStore";
}

// A running investigation server over the store of the test's parameter (a FakeStore, or a
// SqliteStore in a fresh file), a stub on it, and the steps of an investigation.
class InvestigationServiceTest : public ::testing::TestWithParam<StoreKind> {
 protected:
  void SetUp() override {
    if (GetParam() == StoreKind::kSqlite) {
      db_path_ = std::filesystem::path(::testing::TempDir()) /
                 absl::StrCat("investigation_service_test_", getpid(), "_", ++db_counter_, ".db");
      auto opened = SqliteStore::Open(db_path_.string());
      ASSERT_THAT(opened, redress::testing::IsOk());
      sqlite_store_ = *std::move(opened);
    }
    logic_ = std::make_unique<InvestigationLogic>(store(), clock_, ids_,
                                                  WorkingDayCalendar::EnglandAndWales());
    service_ = std::make_unique<InvestigationService>(*logic_);
    ServerConfig config;
    config.listen_address = "127.0.0.1:0";
    config.drain_timeout = absl::Seconds(1);
    config.log_name = "investigation-test";
    auto server =
        RunningServer::Start(config, {{service_.get(), "redress.investigation.v1.Investigations"}});
    ASSERT_THAT(server, redress::testing::IsOk());
    server_ = *std::move(server);
    stub_ = v1::Investigations::NewStub(
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

  InvestigationStore& store() {
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
  grpc::Status Call(grpc::Status (v1::Investigations::Stub::*method)(grpc::ClientContext*,
                                                                     const Request&, Response*),
                    const Request& request, Response* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    return (stub_.get()->*method)(&context, request, response);
  }

  // Calls `method`, expecting success, and returns the investigation it answered.
  template <typename Request>
  v1::Investigation Ok(grpc::Status (v1::Investigations::Stub::*method)(grpc::ClientContext*,
                                                                        const Request&,
                                                                        v1::Investigation*),
                       const Request& request) {
    v1::Investigation response;
    grpc::Status status = Call(method, request, &response);
    EXPECT_TRUE(status.ok()) << request.GetDescriptor()->name() << ": " << status.error_message();
    return response;
  }

  // Calls `method`, expecting it to fail, and returns its status.
  template <typename Request>
  grpc::Status Fails(grpc::Status (v1::Investigations::Stub::*method)(grpc::ClientContext*,
                                                                      const Request&,
                                                                      v1::Investigation*),
                     const Request& request) {
    v1::Investigation response;
    grpc::Status status = Call(method, request, &response);
    EXPECT_FALSE(status.ok()) << request.GetDescriptor()->name() << " succeeded";
    return status;
  }

  v1::Investigation Open(const std::string& request_id = "complaints/c1/acceptance",
                         v1::ComplaintSnapshot snapshot = ValidSnapshot()) {
    return Ok(kOpen, OpenRequest(request_id, std::move(snapshot)));
  }

  v1::Investigation Get(const std::string& name) {
    v1::GetInvestigationRequest request;
    request.set_name(name);
    return Ok(kGet, request);
  }

  // An investigation opened, assigned and scoped with two points: INVESTIGATING.
  v1::Investigation Investigating(const std::string& request_id = "complaints/c1/acceptance") {
    const std::string name = Open(request_id).name();
    Ok(kAssign, AssignRequest(name));
    return Ok(kAgreeScope, ScopeRequest(name));
  }

  // Investigating() with a finding on both points: cp1 upheld, cp2 partly upheld.
  v1::Investigation WithFindings(const std::string& request_id = "complaints/c1/acceptance") {
    const std::string name = Investigating(request_id).name();
    Ok(kRecordFinding, FindingRequest(name, "cp1", true, true));
    return Ok(kRecordFinding, FindingRequest(name, "cp2", true, false));
  }

  // WithFindings() with the provisional view shared and commented on by both parties, so the
  // final decision can be issued today.
  v1::Investigation ReadyToDecide(const std::string& request_id = "complaints/c1/acceptance") {
    const std::string name = WithFindings(request_id).name();
    Ok(kShare, ShareRequest(name));
    Ok(kLogComment, CommentRequest(name, "comment-1", common_v1::PARTY_COMPLAINANT));
    return Ok(kLogComment, CommentRequest(name, "comment-2", common_v1::PARTY_ORGANISATION));
  }

  // Only tests instantiated with StoreKind::kFake may use its failure hooks.
  FakeStore fake_store_;
  std::unique_ptr<SqliteStore> sqlite_store_;
  std::filesystem::path db_path_;
  inline static int db_counter_ = 0;
  redress::testing::FakeClock clock_{redress::testing::FakeClock::NoonOn(kToday)};
  redress::testing::SequentialIdGenerator ids_{"inv-"};
  std::unique_ptr<InvestigationLogic> logic_;
  std::unique_ptr<InvestigationService> service_;
  std::unique_ptr<RunningServer> server_;
  std::unique_ptr<v1::Investigations::Stub> stub_;
};

}  // namespace redress::investigation::testing
