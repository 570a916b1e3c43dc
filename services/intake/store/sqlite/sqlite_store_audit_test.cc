// SqliteStore's audit log against tampering: real changes through the store, then the database
// file edited directly with the sqlite3 API, and verification finding each edit (docs/audit.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "common/audit/audit_verifier.h"
#include "common/testing/audit_tampering.h"
#include "common/testing/sqlite_file_test.h"
#include "common/testing/status_matchers.h"
#include "services/intake/store/sqlite/sqlite_store.h"
#include "services/intake/store/store_test_data.h"

namespace redress::intake {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::RawDb;

class SqliteStoreAuditTest : public ::redress::testing::SqliteFileTest<SqliteStore> {
 protected:
  SqliteStoreAuditTest() : SqliteFileTest("intake.db") {}
};

TEST_F(SqliteStoreAuditTest, TamperingWithTheFileIsDetected) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store_testing::MakeAuditedChanges(*store), IsOk());
  ::redress::testing::ExpectTamperingDetected(
      [&](const std::string& sql) { RawDb(path_).Query(sql); },
      [&](const std::optional<audit::AuditHead>& expected) {
        return audit::VerifyAuditChain(
            [&](int64_t after, int limit) { return store->ListAuditEntries(after, limit); },
            expected, /*page_size=*/2);
      },
      /*entries=*/5);
}

TEST_F(SqliteStoreAuditTest, TheChainContinuesAfterReopening) {
  {
    auto store = OpenOrDie();
    ASSERT_NE(store, nullptr);
    ASSERT_THAT(store->InsertOrganisation(store_testing::FullOrganisation("a"), std::nullopt),
                IsOk());
  }
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store->InsertOrganisation(store_testing::FullOrganisation("b"), std::nullopt),
              IsOk());
  auto verification = audit::VerifyAuditChain(
      [&](int64_t after, int limit) { return store->ListAuditEntries(after, limit); },
      std::nullopt);
  ASSERT_THAT(verification, IsOk());
  EXPECT_FALSE(verification->problem.has_value());
  EXPECT_EQ(verification->entries_checked, 2);
}

TEST_F(SqliteStoreAuditTest, AChangeRolledBackAtItsAuditEntryLeavesNeither) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store_testing::MakeAuditedChanges(*store), IsOk());
  // The complaint's rows are written, then appending its entry fails: all is rolled back.
  RawDb(path_).Query(
      "CREATE TRIGGER refuse_bad BEFORE INSERT ON audit_log WHEN NEW.resource = 'complaints/bad' "
      "BEGIN SELECT RAISE(ABORT, 'refused'); END");
  EXPECT_FALSE(
      store
          ->InsertComplaint(store_testing::MinimalComplaint("bad", absl::CivilDay(2024, 1, 2)),
                            store_testing::Request("SubmitComplaint", "req-bad", "bad"))
          .ok());
  EXPECT_THAT(store->GetComplaint("bad"),
              ::redress::testing::StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store->FindRequest("SubmitComplaint", "req-bad"), IsOk());
  EXPECT_FALSE(store->FindRequest("SubmitComplaint", "req-bad")->has_value());
  auto verification = audit::VerifyAuditChain(
      [&](int64_t after, int limit) { return store->ListAuditEntries(after, limit); },
      std::nullopt);
  ASSERT_THAT(verification, IsOk());
  EXPECT_FALSE(verification->problem.has_value());
  EXPECT_EQ(verification->entries_checked, 5);
}

}  // namespace
}  // namespace redress::intake
