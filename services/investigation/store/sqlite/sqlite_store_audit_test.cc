// SqliteStore's audit log against tampering: real changes through the store, then the database
// file edited directly with the sqlite3 API, and verification finding each edit (docs/audit.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "common/audit/audit_verifier.h"
#include "common/testing/audit_tampering.h"
#include "common/testing/sqlite_file_test.h"
#include "common/testing/status_matchers.h"
#include "services/investigation/store/sqlite/sqlite_store.h"
#include "services/investigation/store/store_test_data.h"

namespace redress::investigation {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::RawDb;

class SqliteStoreAuditTest : public ::redress::testing::SqliteFileTest<SqliteStore> {
 protected:
  SqliteStoreAuditTest() : SqliteFileTest("investigation.db") {}

  static absl::StatusOr<audit::AuditVerification> Verify(
      SqliteStore& store, const std::optional<audit::AuditHead>& expected) {
    return audit::VerifyAuditChain(
        [&](int64_t after, int limit) { return store.ListAuditEntries(after, limit); }, expected,
        /*page_size=*/2);
  }
};

TEST_F(SqliteStoreAuditTest, TamperingWithTheFileIsDetected) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store_testing::MakeAuditedChanges(*store), IsOk());
  ::redress::testing::ExpectTamperingDetected(
      [&](const std::string& sql) { RawDb(path_).Query(sql); },
      [&](const std::optional<audit::AuditHead>& expected) { return Verify(*store, expected); },
      /*entries=*/9);
}

TEST_F(SqliteStoreAuditTest, AChangeRolledBackAtItsAuditEntryLeavesNeither) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store_testing::MakeAuditedChanges(*store), IsOk());
  // The investigation's rows are written, then appending its entry fails: all is rolled back.
  RawDb(path_).Query(
      "CREATE TRIGGER refuse_bad BEFORE INSERT ON audit_log "
      "WHEN NEW.resource = 'investigations/bad' BEGIN SELECT RAISE(ABORT, 'refused'); END");
  EXPECT_FALSE(
      store
          ->InsertInvestigation(store_testing::MinimalInvestigation("bad"),
                                store_testing::Request("OpenInvestigation", "r-bad", "bad"))
          .ok());
  EXPECT_THAT(store->GetInvestigation("bad"),
              ::redress::testing::StatusIs(absl::StatusCode::kNotFound));
  auto request = store->FindRequest("OpenInvestigation", "r-bad");
  ASSERT_THAT(request, IsOk());
  EXPECT_FALSE(request->has_value());
  ::redress::testing::ExpectSound(
      [&](const std::optional<audit::AuditHead>& expected) { return Verify(*store, expected); },
      std::nullopt, 9);
}

TEST_F(SqliteStoreAuditTest, AnOlderDatabaseGetsAnEmptyLogThatStartsAtTheUpgrade) {
  {
    // Every migration before the audit log's (version 5).
    std::vector<Migration> before;
    for (const Migration& migration : SqliteStore::Migrations()) {
      if (migration.version < 5) before.push_back(migration);
    }
    auto older = SqliteDb::Open(path_, before);
    ASSERT_THAT(older, IsOk());
  }
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  auto empty = store->ListAuditEntries(0, 10);
  ASSERT_THAT(empty, IsOk());
  EXPECT_TRUE(empty->empty());
  ASSERT_THAT(store->InsertInvestigation(store_testing::MinimalInvestigation("i1"),
                                         store_testing::Request("OpenInvestigation", "r-1", "i1")),
              IsOk());
  auto entries = store->ListAuditEntries(0, 10);
  ASSERT_THAT(entries, IsOk());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].sequence, 1);
  EXPECT_EQ((*entries)[0].resource, "investigations/i1");
  ::redress::testing::ExpectSound(
      [&](const std::optional<audit::AuditHead>& expected) { return Verify(*store, expected); },
      std::nullopt, 1);
}

}  // namespace
}  // namespace redress::investigation
