// housekeeping.h: a pass prunes each table batch by batch up to its cutoff, stops a table at a
// short batch or after max_batches, and stops at the first error.
#include "common/housekeeping.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "common/testing/status_matchers.h"

namespace redress {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;

// A table of `rows` rows all older than any cutoff; records each call's cutoff and limit.
struct FakeTable {
  explicit FakeTable(int64_t initial_rows) : rows(initial_rows) {}
  int64_t rows;
  std::vector<absl::Time> cutoffs;
  std::vector<int> limits;
  absl::Status failure;
  PruneFn Fn() {
    return [this](absl::Time cutoff, int limit) -> absl::StatusOr<int64_t> {
      if (!failure.ok()) return failure;
      cutoffs.push_back(cutoff);
      limits.push_back(limit);
      const int64_t pruned = std::min<int64_t>(rows, limit);
      rows -= pruned;
      return pruned;
    };
  }
};

void ExpectPruned(const absl::StatusOr<int>& result, int expected) {
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(*result, expected);
}

const absl::Time kWallNow = absl::FromUnixSeconds(2'000'000'000);
const absl::Time kServiceNow = absl::FromUnixSeconds(1'800'000'000);

TEST(HousekeepingTest, EachTableIsPrunedUpToItsOwnCutoffInBatches) {
  FakeTable requests{25}, outbox{7};
  HousekeepingOptions options;
  options.batch = 10;
  ExpectPruned(HousekeepingPass(requests.Fn(), outbox.Fn(), kWallNow, kServiceNow, options), 32);
  EXPECT_EQ(requests.rows, 0);
  EXPECT_EQ(outbox.rows, 0);
  // 10, 10, 5: the short batch ends the table.
  EXPECT_THAT(requests.limits, ElementsAre(10, 10, 10));
  EXPECT_EQ(requests.cutoffs.front(), kWallNow - options.request_retention);
  EXPECT_THAT(outbox.limits, ElementsAre(10));
  EXPECT_EQ(outbox.cutoffs.front(), kServiceNow - options.handoff_retention);
}

TEST(HousekeepingTest, APassStopsAfterMaxBatchesAndTheNextGoesOn) {
  FakeTable requests{1000}, outbox{0};
  HousekeepingOptions options;
  options.batch = 100;
  options.max_batches = 3;
  ExpectPruned(HousekeepingPass(requests.Fn(), outbox.Fn(), kWallNow, kServiceNow, options), 300);
  EXPECT_EQ(requests.rows, 700);
  ExpectPruned(HousekeepingPass(requests.Fn(), outbox.Fn(), kWallNow, kServiceNow, options), 300);
  EXPECT_EQ(requests.rows, 400);
}

TEST(HousekeepingTest, AnErrorStopsThePass) {
  FakeTable requests{5}, outbox{5};
  requests.failure = absl::UnavailableError("database is locked");
  EXPECT_THAT(HousekeepingPass(requests.Fn(), outbox.Fn(), kWallNow, kServiceNow, {}),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(outbox.rows, 5);
}

}  // namespace
}  // namespace redress
