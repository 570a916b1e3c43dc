// FakeStore's test hooks (the store contract itself is in store_contract_*_test.cc).
#include "services/remedy/store/fake_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/testing/status_matchers.h"
#include "services/remedy/store/store_test_data.h"

namespace redress::remedy {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using namespace store_testing;  // NOLINT: test data builders

absl::Status ReceiveOne(FakeStore& store, const Recommendation& r, int decision = 1) {
  return store.ReceiveHandoff(Receipt(r.investigation_id, decision, {r.id}), {r}, {});
}

TEST(FakeStoreTest, FailNextWriteFailsOneWriteAndChangesNothing) {
  FakeStore store;
  store.FailNextWrite(absl::UnavailableError("disk unplugged"));
  EXPECT_THAT(ReceiveOne(store, MinimalRecommendation("rec-1")),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(store.recommendation_count(), 0);
  EXPECT_EQ(store.receipt_count(), 0);
  EXPECT_THAT(ReceiveOne(store, MinimalRecommendation("rec-1")), IsOk());
  EXPECT_EQ(store.recommendation_count(), 1);
  EXPECT_EQ(store.receipt_count(), 1);

  store.FailNextWrite(absl::InternalError("boom"));
  EXPECT_THAT(store.InsertCaseSummary(FullSummary("i1", 1)), StatusIs(absl::StatusCode::kInternal));
  EXPECT_EQ(store.case_summary_count(), 0);
  EXPECT_EQ(store.write_calls(), 3);
  EXPECT_EQ(store.successful_writes(), 1);
}

TEST(FakeStoreTest, FailReadsFailsEveryReadUntilCleared) {
  FakeStore store;
  ASSERT_THAT(ReceiveOne(store, MinimalRecommendation("rec-1")), IsOk());
  store.FailReads(absl::UnavailableError("down"));
  EXPECT_THAT(store.GetRecommendation("rec-1"), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(store.ListRecommendations({}), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(store.FindDecisionReceipt("investigations/i1/decisions/1"),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(store.GetCaseSummary("i1", 0), StatusIs(absl::StatusCode::kUnavailable));
  store.FailReads(absl::OkStatus());
  EXPECT_THAT(store.GetRecommendation("rec-1"), IsOk());
}

TEST(FakeStoreTest, RunBeforeNextWriteLetsAConcurrentUpdateWin) {
  FakeStore store;
  ASSERT_THAT(ReceiveOne(store, MinimalRecommendation("rec-1")), IsOk());
  Recommendation theirs = MinimalRecommendation("rec-1");
  theirs.version = 2;
  theirs.description = "theirs";
  store.RunBeforeNextWrite([&] { EXPECT_THAT(store.UpdateRecommendation(theirs, 1), IsOk()); });
  Recommendation mine = theirs;
  mine.description = "mine";
  EXPECT_THAT(store.UpdateRecommendation(mine, 1), StatusIs(absl::StatusCode::kAborted));
  auto got = store.GetRecommendation("rec-1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(got->description, "theirs");
  // The hook ran once.
  mine.version = 3;
  EXPECT_THAT(store.UpdateRecommendation(mine, 2), IsOk());
}

}  // namespace
}  // namespace redress::remedy
