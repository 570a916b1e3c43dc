// PostgresStore's audit log: tampering with the database directly is detected, and replicas
// appending at the same time keep one unbroken chain (docs/audit.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "common/audit/audit_verifier.h"
#include "common/testing/audit_tampering.h"
#include "services/investigation/store/postgres/postgres_store_test_fixture.h"

namespace redress::investigation {
namespace {

using ::redress::testing::IsOk;

class PostgresStoreAuditTest : public PostgresStoreTest {
 protected:
  static absl::StatusOr<audit::AuditVerification> Verify(
      PostgresStore& store, const std::optional<audit::AuditHead>& expected) {
    return audit::VerifyAuditChain(
        [&](int64_t after, int limit) { return store.ListAuditEntries(after, limit); }, expected,
        /*page_size=*/2);
  }
};

TEST_F(PostgresStoreAuditTest, TamperingWithTheDatabaseIsDetected) {
  auto store = ConnectReplica();
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store_testing::MakeAuditedChanges(*store), IsOk());
  ::redress::testing::ExpectTamperingDetected(
      [&](const std::string& sql) { ASSERT_THAT(server().Execute(sql), IsOk()); },
      [&](const std::optional<audit::AuditHead>& expected) { return Verify(*store, expected); },
      /*entries=*/9);
}

TEST_F(PostgresStoreAuditTest, ReplicasAppendingAtOnceKeepOneUnbrokenChain) {
  ConnectReplicas();
  constexpr int kThreads = 4;
  constexpr int kWritesPerThread = 4;
  absl::Barrier start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      PostgresStore& store = Replica(t);
      start.Block();
      for (int i = 0; i < kWritesPerThread; ++i) {
        const std::string id = absl::StrCat("i", t, "-", i);
        EXPECT_THAT(
            store.InsertInvestigation(store_testing::MinimalInvestigation(id),
                                      store_testing::Request("OpenInvestigation", "r-" + id, id)),
            IsOk());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  auto verification = Verify(Replica(1), std::nullopt);
  ASSERT_THAT(verification, IsOk());
  EXPECT_FALSE(verification->problem.has_value());
  EXPECT_EQ(verification->entries_checked, kThreads * kWritesPerThread);
}

TEST_F(PostgresStoreAuditTest, AChangeRolledBackAtItsAuditEntryLeavesNeither) {
  auto store = ConnectReplica();
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store_testing::MakeAuditedChanges(*store), IsOk());
  // The investigation's rows are written, then appending its entry fails: all is rolled back.
  ASSERT_THAT(
      server().Execute("CREATE FUNCTION refuse_bad() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                       "IF NEW.resource = 'investigations/bad' THEN RAISE EXCEPTION 'refused'; "
                       "END IF; RETURN NEW; END $$;"
                       "CREATE TRIGGER refuse_bad BEFORE INSERT ON audit_log FOR EACH ROW "
                       "EXECUTE FUNCTION refuse_bad();"),
      IsOk());
  EXPECT_FALSE(
      store
          ->InsertInvestigation(store_testing::MinimalInvestigation("bad"),
                                store_testing::Request("OpenInvestigation", "r-bad", "bad"))
          .ok());
  EXPECT_THAT(store->GetInvestigation("bad"),
              ::redress::testing::StatusIs(absl::StatusCode::kNotFound));
  auto verification = Verify(*store, std::nullopt);
  ASSERT_THAT(verification, IsOk());
  EXPECT_FALSE(verification->problem.has_value());
  EXPECT_EQ(verification->entries_checked, 9);
}

}  // namespace
}  // namespace redress::investigation
