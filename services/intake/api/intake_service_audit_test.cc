// VerifyAuditLog on intake, through the stub, over each store: the RPC reports the chain the
// service's own changes built, each entry naming the caller and the method; on SQLite, edits made
// to the database file come back as the response's problem (docs/audit.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/testing/sqlite_file_test.h"
#include "common/testing/verify_audit_log_rpc.h"
#include "services/intake/api/intake_service_test_support.h"

namespace redress::intake::testing {
namespace {

namespace cv1 = ::redress::common::v1;
using ::testing::ElementsAre;

class IntakeAuditServiceTest : public IntakeServiceTest {
 protected:
  redress::testing::VerifyAuditLogCall Verify() {
    return
        [this](const cv1::VerifyAuditLogRequest& request, cv1::VerifyAuditLogResponse* response) {
          return Call(&v1::Intake::Stub::VerifyAuditLog, request, response);
        };
  }

  int64_t EntryCount() {
    auto entries = store().ListAuditEntries(0, 10000);
    EXPECT_THAT(entries, redress::testing::IsOk());
    return entries.ok() ? static_cast<int64_t>(entries->size()) : 0;
  }
};

TEST_P(IntakeAuditServiceTest, EachChangeIsAnEntryNamingTheCallerAndMethod) {
  // The fixture's set-up (the organisation register) made entries of its own, outside any call.
  const int64_t before = EntryCount();
  const std::vector<std::string> names = {Submit("req-1").name(), Submit("req-2").name(),
                                          Submit("req-3").name()};
  auto entries = store().ListAuditEntries(before, 100);
  ASSERT_THAT(entries, redress::testing::IsOk());
  std::vector<std::string> resources;
  for (const audit::AuditEntry& entry : *entries) {
    EXPECT_EQ(entry.actor, "development:developer");
    EXPECT_EQ(entry.rpc, "intake.SubmitComplaint");
    resources.push_back(entry.resource);
  }
  EXPECT_THAT(resources, ElementsAre(names[0], names[1], names[2]));
  redress::testing::ExpectVerifyAuditLogAnswers(Verify(), before + 3, "intake.redress");
}

TEST_P(IntakeAuditServiceTest, EditsToTheDatabaseAreReported) {
  if (GetParam() != StoreKind::kSqlite) GTEST_SKIP() << "only a database file can be edited";
  Submit("req-1");
  Submit("req-2");
  Submit("req-3");
  redress::testing::ExpectVerifyAuditLogFindsTampering(
      Verify(),
      [&](const std::string& sql) { redress::testing::RawDb(dir_.File("intake.db")).Query(sql); },
      EntryCount());
}

INSTANTIATE_TEST_SUITE_P(Stores, IntakeAuditServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

}  // namespace
}  // namespace redress::intake::testing
