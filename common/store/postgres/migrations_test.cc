// Migrate (migrations.h): order, version record, concurrent start-ups, newer-database refusal.
#include "common/store/postgres/migrations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "common/store/postgres/postgres_test_support.h"

namespace redress::pg {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::HasSubstr;

// Migration 1 is slow, so that concurrent starts overlap; neither migration may run twice
// (CREATE TABLE without IF NOT EXISTS; the seed row would be duplicated).
const std::vector<Migration> kSchema = {
    {1,
     "SELECT pg_sleep(0.3);"
     "CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT NOT NULL UNIQUE);"},
    {2,
     "CREATE TABLE tags (note_id BIGINT NOT NULL REFERENCES notes (id), tag TEXT NOT NULL);"
     "INSERT INTO notes (id, body) VALUES (1, 'seeded by migration 2');"},
};

using MigrationsTest = PostgresTest;

TEST_F(MigrationsTest, AppliesTheMigrationsInOrderAndRecordsEachVersion) {
  auto pool = NewPool(2);
  ASSERT_THAT(Migrate(*pool, "redress.test", kSchema), IsOk());
  EXPECT_THAT(QueryInt(*pool, "SELECT count(*) AS value FROM notes"), IsOkAndHolds(1));
  EXPECT_THAT(QueryInt(*pool, "SELECT count(*) AS value FROM tags"), IsOkAndHolds(0));
  EXPECT_THAT(QueryInt(*pool,
                       "SELECT count(*) AS value FROM schema_migrations "
                       "WHERE version IN (1, 2) AND applied_at <= now()"),
              IsOkAndHolds(2));
}

TEST_F(MigrationsTest, ApplyingAgainChangesNothingAndANewMigrationAppliesAlone) {
  auto pool = NewPool(2);
  ASSERT_THAT(Migrate(*pool, "redress.test", kSchema), IsOk());
  ASSERT_THAT(Migrate(*pool, "redress.test", kSchema), IsOk());
  EXPECT_THAT(QueryInt(*pool, "SELECT count(*) AS value FROM notes"), IsOkAndHolds(1));

  std::vector<Migration> extended = kSchema;
  extended.push_back({3, "INSERT INTO notes (id, body) VALUES (2, 'seeded by migration 3')"});
  ASSERT_THAT(Migrate(*pool, "redress.test", extended), IsOk());
  EXPECT_THAT(QueryInt(*pool, "SELECT count(*) AS value FROM notes"), IsOkAndHolds(2));
  EXPECT_THAT(QueryInt(*pool, "SELECT max(version) AS value FROM schema_migrations"),
              IsOkAndHolds(3));
}

TEST_F(MigrationsTest, ReplicasStartingTogetherApplyEachMigrationOnce) {
  constexpr int kReplicas = 4;
  std::vector<std::unique_ptr<Pool>> pools;
  for (int i = 0; i < kReplicas; ++i) pools.push_back(NewPool(1));
  std::vector<absl::Status> results(kReplicas);
  std::vector<std::thread> replicas;
  for (int i = 0; i < kReplicas; ++i) {
    replicas.emplace_back([&, i] { results[i] = Migrate(*pools[i], "redress.test", kSchema); });
  }
  for (std::thread& replica : replicas) replica.join();
  for (const absl::Status& result : results) EXPECT_THAT(result, IsOk());
  EXPECT_THAT(QueryInt(*pools[0], "SELECT count(*) AS value FROM notes"), IsOkAndHolds(1));
  EXPECT_THAT(QueryInt(*pools[0], "SELECT count(*) AS value FROM schema_migrations"),
              IsOkAndHolds(2));
}

TEST_F(MigrationsTest, RefusesADatabaseNewerThanTheProgram) {
  auto pool = NewPool(2);
  ASSERT_THAT(Migrate(*pool, "redress.test", kSchema), IsOk());
  EXPECT_THAT(Migrate(*pool, "redress.test", {kSchema[0]}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("newer")));
  ASSERT_THAT(Exec(*pool, "INSERT INTO schema_migrations (version) VALUES (7)"), IsOk());
  EXPECT_THAT(Migrate(*pool, "redress.test", kSchema),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("7")));
  EXPECT_THAT(Migrate(*pool, "redress.test", {}), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(MigrationsTest, AFailingMigrationIsRolledBackAndLeavesTheEarlierOnesApplied) {
  auto pool = NewPool(2);
  std::vector<Migration> broken = kSchema;
  broken.push_back({3, "CREATE TABLE half (x int); INSERT INTO missing_table VALUES (1);"});
  EXPECT_THAT(Migrate(*pool, "redress.test", broken),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("missing_table")));
  EXPECT_THAT(QueryInt(*pool, "SELECT max(version) AS value FROM schema_migrations"),
              IsOkAndHolds(2));
  EXPECT_THAT(QueryInt(*pool, "SELECT count(*) AS value FROM pg_tables WHERE tablename = 'half'"),
              IsOkAndHolds(0));
}

TEST(MigrationOrderTest, RefusesVersionsThatDoNotIncreaseBeforeConnecting) {
  auto pool = Pool::Create("postgresql://postgres@127.0.0.1:1/unreachable");
  ASSERT_THAT(pool, IsOk());
  EXPECT_THAT(Migrate(**pool, "redress.test", {{1, "SELECT 1"}, {1, "SELECT 2"}}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Migrate(**pool, "redress.test", {{0, "SELECT 1"}}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(MigrationLockKeyTest, IsStableAndDistinguishesServices) {
  // FNV-1a 64 of "" is its offset basis; the key must never change between builds.
  EXPECT_EQ(MigrationLockKey(""), static_cast<int64_t>(14695981039346656037ull));
  EXPECT_EQ(MigrationLockKey("redress.intake"), MigrationLockKey("redress.intake"));
  EXPECT_NE(MigrationLockKey("redress.intake"), MigrationLockKey("redress.remedy"));
}

}  // namespace
}  // namespace redress::pg
