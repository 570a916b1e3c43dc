// VerifyAuditLog on investigation, through the stub, over each store: the RPC reports the chain
// the service's own changes built, with each entry naming the caller and the method; on SQLite,
// edits made to the database file come back as the response's problem (docs/audit.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/testing/sqlite_file_test.h"
#include "common/testing/verify_audit_log_rpc.h"
#include "services/investigation/api/investigation_service_test_support.h"

namespace redress::investigation::testing {
namespace {

namespace cv1 = ::redress::common::v1;
using ::testing::ElementsAre;

class InvestigationAuditServiceTest : public InvestigationServiceTest {
 protected:
  redress::testing::VerifyAuditLogCall Verify() {
    return
        [this](const cv1::VerifyAuditLogRequest& request, cv1::VerifyAuditLogResponse* response) {
          return Call(&v1::Investigations::Stub::VerifyAuditLog, request, response);
        };
  }

  std::vector<audit::AuditEntry> Entries() {
    auto entries = store().ListAuditEntries(0, 100);
    EXPECT_THAT(entries, redress::testing::IsOk());
    return entries.ok() ? *entries : std::vector<audit::AuditEntry>();
  }
};

TEST_P(InvestigationAuditServiceTest, AnEmptyLogIsSoundWithTheGenesisHead) {
  const cv1::VerifyAuditLogResponse response = redress::testing::VerifyOk(Verify());
  EXPECT_EQ(response.entries_checked(), 0);
  EXPECT_EQ(response.head().sequence(), 0);
  EXPECT_EQ(response.head().hash(), std::string(64, '0'));
  EXPECT_FALSE(response.has_problem());
}

TEST_P(InvestigationAuditServiceTest, EachChangeIsAnEntryNamingTheCallerAndMethod) {
  const std::string name = Investigating().name();  // open, assign, agree the scope
  std::vector<std::string> rpcs;
  for (const audit::AuditEntry& entry : Entries()) {
    EXPECT_EQ(entry.actor, "development:developer");
    EXPECT_EQ(entry.resource, name);
    rpcs.push_back(entry.rpc);
  }
  EXPECT_THAT(rpcs, ElementsAre("investigation.OpenInvestigation", "investigation.AssignCaseworker",
                                "investigation.AgreeScope"));
  redress::testing::ExpectVerifyAuditLogAnswers(Verify(), 3, "investigation.redress");
}

TEST_P(InvestigationAuditServiceTest, EditsToTheDatabaseAreReported) {
  if (GetParam() != StoreKind::kSqlite) GTEST_SKIP() << "only a database file can be edited";
  Investigating();
  redress::testing::ExpectVerifyAuditLogFindsTampering(
      Verify(),
      [&](const std::string& sql) {
        redress::testing::RawDb(dir_.File("investigation.db")).Query(sql);
      },
      3);
}

INSTANTIATE_TEST_SUITE_P(Stores, InvestigationAuditServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

}  // namespace
}  // namespace redress::investigation::testing
