// VerifyAuditLog on remedy, through the stub, over each store: the RPC reports the chain built by
// hand-offs, calls and the follow-up scheduler, each entry naming who made the change and how; on
// SQLite, edits made to the database file come back as the response's problem (docs/audit.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "common/testing/scratch_dir.h"
#include "common/testing/sqlite_file_test.h"
#include "common/testing/store_kind.h"
#include "common/testing/verify_audit_log_rpc.h"
#include "services/remedy/api/remedy_service_test_support.h"
#include "services/remedy/store/sqlite/sqlite_store.h"

namespace redress::remedy::testing {
namespace {

namespace cv1 = ::redress::common::v1;
using ::redress::testing::StoreKind;
using ::redress::testing::StoreKindName;
using ::testing::ElementsAre;

// RemedyServiceTest's server, over the store of the test's parameter.
class RemedyAuditServiceTest
    : public redress::testing::InProcessServiceTest<v1::Remedy,
                                                    ::testing::TestWithParam<StoreKind>> {
 protected:
  void SetUp() override {
    if (GetParam() == StoreKind::kSqlite) {
      auto opened = SqliteStore::Open(dir_.File("remedy.db"));
      ASSERT_THAT(opened, redress::testing::IsOk());
      sqlite_store_ = *std::move(opened);
    }
    logic_ = std::make_unique<RemedyLogic>(store(), clock_, ids_,
                                           WorkingDayCalendar::EnglandAndWales(), cases_, people_);
    service_ = std::make_unique<RemedyService>(*logic_);
    ASSERT_THAT(Serve(service_.get(), "remedy-test"), redress::testing::IsOk());
  }

  RemedyStore& store() {
    if (sqlite_store_ != nullptr) return *sqlite_store_;
    return fake_store_;
  }

  redress::testing::VerifyAuditLogCall Verify() {
    return
        [this](const cv1::VerifyAuditLogRequest& request, cv1::VerifyAuditLogResponse* response) {
          return Call(&v1::Remedy::Stub::VerifyAuditLog, request, response);
        };
  }

  // Each entry as "actor rpc resource".
  std::vector<std::string> Entries() {
    auto entries = store().ListAuditEntries(0, 100);
    EXPECT_THAT(entries, redress::testing::IsOk());
    std::vector<std::string> described;
    if (entries.ok()) {
      for (const audit::AuditEntry& e : *entries) {
        described.push_back(e.actor + " " + e.rpc + " " + e.resource);
      }
    }
    return described;
  }

  // A decision with r1 and r2 received, and r1 accepted by a call: four entries.
  void ReceiveAndAccept() {
    const v1::ReceiveDecisionResponse received =
        Ok(&v1::Remedy::Stub::ReceiveDecision, DecisionRequest());
    ASSERT_EQ(received.recommendations_size(), 2);
    Ok(&v1::Remedy::Stub::AcceptRecommendation,
       AcceptRequest(received.recommendations(0).name(), received.recommendations(0).etag()));
  }

  FakeStore fake_store_;
  redress::testing::ScratchDir dir_;
  std::unique_ptr<SqliteStore> sqlite_store_;
  redress::testing::FakeClock clock_{redress::testing::FakeClock::NoonOn(kToday)};
  redress::testing::SequentialIdGenerator ids_{"rec"};
  FakeCaseReader cases_;
  FakePeople people_;
  std::unique_ptr<RemedyLogic> logic_;
  std::unique_ptr<RemedyService> service_;
};

TEST_P(RemedyAuditServiceTest, CallsAndTheSchedulerAreEntriesNamingWhoChangedWhat) {
  ReceiveAndAccept();
  clock_.SetToday(kTargetDay + 1);  // both overdue: the scheduler marks them
  ASSERT_THAT(logic_->RunFollowUp(), redress::testing::IsOk());
  const std::string caller = "development:developer ";
  EXPECT_THAT(Entries(),
              ElementsAre(caller + "remedy.ReceiveDecision investigations/inv1/decisions/1",
                          caller + "remedy.ReceiveDecision recommendations/rec1",
                          caller + "remedy.ReceiveDecision recommendations/rec2",
                          caller + "remedy.AcceptRecommendation recommendations/rec1",
                          "system:remedy remedy.follow-up recommendations/rec1",
                          "system:remedy remedy.follow-up recommendations/rec2"));
  redress::testing::ExpectVerifyAuditLogAnswers(Verify(), 6, "remedy.redress");
}

TEST_P(RemedyAuditServiceTest, EditsToTheDatabaseAreReported) {
  if (GetParam() != StoreKind::kSqlite) GTEST_SKIP() << "only a database file can be edited";
  ReceiveAndAccept();
  redress::testing::ExpectVerifyAuditLogFindsTampering(
      Verify(),
      [&](const std::string& sql) { redress::testing::RawDb(dir_.File("remedy.db")).Query(sql); },
      4);
}

INSTANTIATE_TEST_SUITE_P(Stores, RemedyAuditServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

}  // namespace
}  // namespace redress::remedy::testing
