// SubmitComplaint on a real SQLite file with many calls at once, as a busy server makes them. The
// retry check before the insert sees committed records only (FindCommittedRequest), so that
// concurrent submissions share group commits; these tests show that a retry racing its first
// attempt still returns the first attempt's complaint and never stores a second one.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "common/testing/scratch_dir.h"
#include "common/testing/sqlite_file_test.h"
#include "common/testing/status_matchers.h"
#include "services/intake/intake_logic.h"
#include "services/intake/intake_logic_test_support.h"
#include "services/intake/store/sqlite/sqlite_store.h"

namespace redress::intake {
namespace {

using redress::testing::IsOk;
using testing::kToday;
using testing::ValidDraft;

class SubmitOnSqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<SqliteStore>> store =
        SqliteStore::Open(scratch_.File("intake.db"));
    ASSERT_THAT(store, IsOk());
    store_ = *std::move(store);
    logic_ =
        std::make_unique<IntakeLogic>(*store_, clock_, ids_, WorkingDayCalendar::EnglandAndWales());
    ASSERT_THAT(logic_->SeedDefaultRegister(), IsOk());
  }

  redress::testing::ScratchDir scratch_;
  redress::testing::FakeClock clock_{redress::testing::FakeClock::NoonOn(kToday)};
  redress::testing::SequentialIdGenerator ids_;
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<IntakeLogic> logic_;
};

TEST_F(SubmitOnSqliteTest, RetriesRacingTheirFirstAttemptAmongOtherSubmissionsStoreOneComplaint) {
  // Each round: kRetries calls with one request_id and kOthers with their own, released together
  // so that they meet in the same group-committed batches.
  constexpr int kRounds = 20;
  constexpr int kRetries = 4;
  constexpr int kOthers = 8;
  constexpr int kThreads = kRetries + kOthers;
  std::vector<std::vector<absl::StatusOr<Complaint>>> results(
      kRounds, std::vector<absl::StatusOr<Complaint>>(kThreads, absl::UnknownError("not run")));
  for (int round = 0; round < kRounds; ++round) {
    absl::Barrier* start = new absl::Barrier(kThreads);  // deleted by the last to pass it
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, round, t, start] {
        const std::string request_id =
            t < kRetries ? absl::StrCat("retried-", round) : absl::StrCat("other-", round, "-", t);
        if (start->Block()) delete start;
        results[round][t] = logic_->SubmitComplaint(request_id, "fp-" + request_id, ValidDraft());
      });
    }
    for (std::thread& thread : threads) thread.join();
  }

  std::set<std::string> ids;
  for (int round = 0; round < kRounds; ++round) {
    for (int t = 0; t < kThreads; ++t) {
      ASSERT_THAT(results[round][t], IsOk()) << "round " << round << ", call " << t;
      ids.insert(results[round][t]->id);
    }
    for (int t = 1; t < kRetries; ++t) {
      EXPECT_EQ(results[round][t]->id, results[round][0]->id) << "round " << round;
      EXPECT_EQ(results[round][t]->sequence, results[round][0]->sequence) << "round " << round;
    }
  }
  EXPECT_EQ(ids.size(), static_cast<size_t>(kRounds * (1 + kOthers)));
  redress::testing::RawDb raw(scratch_.File("intake.db"));
  EXPECT_EQ(raw.Query("SELECT COUNT(*) FROM complaints"),
            (std::vector<std::vector<std::string>>{{absl::StrCat(kRounds * (1 + kOthers))}}));
}

TEST_F(SubmitOnSqliteTest, ARetryAfterTheFirstAttemptReturnedFindsItsComplaint) {
  absl::StatusOr<Complaint> first = logic_->SubmitComplaint("req-1", "fp-1", ValidDraft());
  ASSERT_THAT(first, IsOk());
  absl::StatusOr<Complaint> retry = logic_->SubmitComplaint("req-1", "fp-1", ValidDraft());
  ASSERT_THAT(retry, IsOk());
  EXPECT_EQ(*retry, *first);
}

}  // namespace
}  // namespace redress::intake
