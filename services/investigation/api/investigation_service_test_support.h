// Test support for the investigation service tests: an in-process server on port 0 over a
// FakeStore or a SqliteStore and a FakeClock, called through the generated stub (common/testing/
// in_process_server.h); the google.rpc details every error carries, in investigation's domain
// (common/testing/grpc_error_details.h); and helpers that take an investigation through its
// steps. The requests they send are built by investigation_service_test_requests.h.
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
#include "redress/investigation/v1/investigation.grpc.pb.h"
#include "services/investigation/api/investigation_service.h"
#include "services/investigation/api/investigation_service_test_requests.h"
#include "services/investigation/investigation_logic.h"
#include "services/investigation/store/fake_store.h"
#include "services/investigation/store/sqlite/sqlite_store.h"

namespace redress::investigation::testing {

using ::redress::testing::DetailsOf;
using ::redress::testing::ErrorDetails;

// Expects `status` to be `code` with the same code in its details and an ErrorInfo of `reason`
// in investigation's domain; returns the details.
inline ErrorDetails ExpectError(const grpc::Status& status, grpc::StatusCode code,
                                const std::string& reason) {
  return ::redress::testing::ExpectErrorIn("investigation.redress", status, code, reason);
}

// The fixture's parameter: INSTANTIATE_TEST_SUITE_P(..., ::testing::Values(StoreKind::kFake,
// StoreKind::kSqlite), StoreKindName).
using ::redress::testing::StoreKind;
using ::redress::testing::StoreKindName;

// A running investigation server over the store of the test's parameter (a FakeStore, or a
// SqliteStore in a fresh file), a stub on it, and the steps of an investigation.
class InvestigationServiceTest
    : public redress::testing::InProcessServiceTest<v1::Investigations,
                                                    ::testing::TestWithParam<StoreKind>> {
 protected:
  void SetUp() override {
    if (GetParam() == StoreKind::kSqlite) {
      auto opened = SqliteStore::Open(dir_.File("investigation.db"));
      ASSERT_THAT(opened, redress::testing::IsOk());
      sqlite_store_ = *std::move(opened);
    }
    logic_ = std::make_unique<InvestigationLogic>(store(), clock_, ids_,
                                                  WorkingDayCalendar::EnglandAndWales(), Policy());
    service_ = std::make_unique<InvestigationService>(*logic_);
    ASSERT_THAT(Serve(service_.get(), "investigation-test", InvestigationService::kMaxRequestBytes),
                redress::testing::IsOk());
  }

  // The policy the logic runs with: the scheme's defaults unless a fixture lowers them.
  virtual InvestigationPolicy Policy() const { return {}; }

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

  // WithFindings() with a narrative stating its decision (partly upheld), and the provisional
  // view shared and commented on by both parties, so the final decision can be issued today.
  v1::Investigation ReadyToDecide(const std::string& request_id = "complaints/c1/acceptance") {
    const std::string name = WithFindings(request_id).name();
    Ok(kUpdate, NarrativeRequest(name, "We partly upheld this complaint."));
    Ok(kShare, ShareRequest(name));
    Ok(kLogComment, CommentRequest(name, "comment-1", common_v1::PARTY_COMPLAINANT));
    return Ok(kLogComment, CommentRequest(name, "comment-2", common_v1::PARTY_ORGANISATION));
  }

  // Only tests instantiated with StoreKind::kFake may use its failure hooks.
  FakeStore fake_store_;
  redress::testing::ScratchDir dir_;
  std::unique_ptr<SqliteStore> sqlite_store_;
  redress::testing::FakeClock clock_{redress::testing::FakeClock::NoonOn(kToday)};
  redress::testing::SequentialIdGenerator ids_{"inv-"};
  std::unique_ptr<InvestigationLogic> logic_;
  std::unique_ptr<InvestigationService> service_;
};

}  // namespace redress::investigation::testing
