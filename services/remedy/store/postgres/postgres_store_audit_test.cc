// PostgresStore's audit log: tampering with the database directly is detected, replicas
// appending at the same time keep one unbroken chain, and a change whose entry cannot be
// appended is rolled back whole (docs/audit.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "common/audit/audit_verifier.h"
#include "common/store/postgres/postgres_test_support.h"
#include "common/testing/audit_tampering.h"
#include "common/testing/status_matchers.h"
#include "services/remedy/store/postgres/postgres_store.h"
#include "services/remedy/store/store_test_data.h"

namespace redress::remedy {
namespace {

using ::redress::testing::IsOk;

class PostgresStoreAuditTest : public pg::PostgresTest {
 protected:
  std::unique_ptr<PostgresStore> Replica() {
    auto store = PostgresStore::Connect(NewPool());
    EXPECT_THAT(store, IsOk());
    return store.ok() ? *std::move(store) : nullptr;
  }
  static absl::StatusOr<audit::AuditVerification> Verify(
      PostgresStore& store, const std::optional<audit::AuditHead>& expected) {
    return audit::VerifyAuditChain(
        [&](int64_t after, int limit) { return store.ListAuditEntries(after, limit); }, expected,
        /*page_size=*/3);
  }
};

TEST_F(PostgresStoreAuditTest, TamperingWithTheDatabaseIsDetected) {
  auto store = Replica();
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store_testing::MakeAuditedChanges(*store), IsOk());
  ::redress::testing::ExpectTamperingDetected(
      [&](const std::string& sql) { ASSERT_THAT(server().Execute(sql), IsOk()); },
      [&](const std::optional<audit::AuditHead>& expected) { return Verify(*store, expected); },
      /*entries=*/10);
}

TEST_F(PostgresStoreAuditTest, ReplicasAppendingAtOnceKeepOneUnbrokenChain) {
  auto a = Replica();
  auto b = Replica();
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  constexpr int kThreads = 4;
  constexpr int kHandoffsPerThread = 3;
  absl::Barrier start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      PostgresStore& store = t % 2 == 0 ? *a : *b;
      start.Block();
      for (int i = 0; i < kHandoffsPerThread; ++i) {
        const std::string investigation = absl::StrCat("i", t, "-", i);
        const std::string id = absl::StrCat("r", t, "-", i);
        EXPECT_THAT(
            store.ReceiveHandoff(store_testing::Receipt(investigation, 1, {id}),
                                 {store_testing::MinimalRecommendation(id, investigation)}, {}),
            IsOk());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  auto verification = Verify(*b, std::nullopt);
  ASSERT_THAT(verification, IsOk());
  EXPECT_FALSE(verification->problem.has_value());
  // Each hand-off: its receipt and its recommendation.
  EXPECT_EQ(verification->entries_checked, 2 * kThreads * kHandoffsPerThread);
}

TEST_F(PostgresStoreAuditTest, AChangeRolledBackAtItsAuditEntryLeavesNeither) {
  auto store = Replica();
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store_testing::MakeAuditedChanges(*store), IsOk());
  // The hand-off's rows are written, then appending its recommendation's entry fails: all is
  // rolled back, the receipt and its entry too.
  ASSERT_THAT(
      server().Execute("CREATE FUNCTION refuse_bad() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                       "IF NEW.resource = 'recommendations/bad' THEN RAISE EXCEPTION 'refused'; "
                       "END IF; RETURN NEW; END $$;"
                       "CREATE TRIGGER refuse_bad BEFORE INSERT ON audit_log FOR EACH ROW "
                       "EXECUTE FUNCTION refuse_bad();"),
      IsOk());
  EXPECT_FALSE(store
                   ->ReceiveHandoff(store_testing::Receipt("i9", 1, {"bad"}),
                                    {store_testing::MinimalRecommendation("bad", "i9")}, {})
                   .ok());
  EXPECT_THAT(store->GetRecommendation("bad"),
              ::redress::testing::StatusIs(absl::StatusCode::kNotFound));
  auto receipt = store->FindDecisionReceipt("investigations/i9/decisions/1");
  ASSERT_THAT(receipt, IsOk());
  EXPECT_FALSE(receipt->has_value());
  auto verification = Verify(*store, std::nullopt);
  ASSERT_THAT(verification, IsOk());
  EXPECT_FALSE(verification->problem.has_value());
  EXPECT_EQ(verification->entries_checked, 10);
}

}  // namespace
}  // namespace redress::remedy
