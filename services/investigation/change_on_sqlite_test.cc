// Changes on a real SQLite file with many calls at once, as a busy server makes them. ApplyChange's
// first retry check sees committed records only (FindCommittedRequest), so that concurrent changes
// share group commits; this shows that a retry racing its first attempt still gets the first
// attempt's result and the change is made once.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "common/testing/scratch_dir.h"
#include "common/testing/status_matchers.h"
#include "services/investigation/investigation_logic.h"
#include "services/investigation/investigation_logic_test_support.h"
#include "services/investigation/store/sqlite/sqlite_store.h"

namespace redress::investigation {
namespace {

using redress::testing::IsOk;
using testing::kToday;
using testing::ValidSnapshot;

class ChangeOnSqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<SqliteStore>> store =
        SqliteStore::Open(scratch_.File("investigation.db"));
    ASSERT_THAT(store, IsOk());
    store_ = *std::move(store);
    logic_ = std::make_unique<InvestigationLogic>(*store_, clock_, ids_,
                                                  WorkingDayCalendar::EnglandAndWales());
  }

  // An INVESTIGATING investigation of its own complaint, or "" (and a test failure).
  std::string Investigating(int n) {
    const std::string complaint = absl::StrCat("complaints/c", n);
    const std::string key = complaint + "/acceptance";
    absl::StatusOr<Investigation> opened =
        logic_->OpenInvestigation(key, "fp-" + key, ValidSnapshot(complaint));
    EXPECT_THAT(opened, IsOk());
    if (!opened.ok()) return "";
    EXPECT_THAT(logic_->AssignCaseworker(opened->name(), "cw-1", ""), IsOk());
    AgreeScopeCommand scope;
    scope.name = opened->name();
    scope.summary = "Whether Cafcass's report was complete.";
    scope.agreed_date = kToday;
    scope.timescale_working_days = 60;
    scope.points = {"The report left out what Mr B said."};
    EXPECT_THAT(logic_->AgreeScope(scope), IsOk());
    return opened->name();
  }

  redress::testing::ScratchDir scratch_;
  redress::testing::FakeClock clock_{redress::testing::FakeClock::NoonOn(kToday)};
  redress::testing::SequentialIdGenerator ids_;
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<InvestigationLogic> logic_;
};

TEST_F(ChangeOnSqliteTest, RetriesRacingTheirFirstAttemptOnOtherCasesChangesMakeEachChangeOnce) {
  // Each round, on each investigation, kRetries calls logging one piece of evidence under one
  // request_id, all released together so that they meet in the same group-committed batches.
  constexpr int kInvestigations = 6;
  constexpr int kRetries = 3;
  constexpr int kRounds = 15;
  constexpr int kThreads = kInvestigations * kRetries;
  std::vector<std::string> names;
  for (int n = 1; n <= kInvestigations; ++n) names.push_back(Investigating(n));
  for (int round = 0; round < kRounds; ++round) {
    std::vector<absl::StatusOr<Investigation>> results(kThreads, absl::UnknownError("not run"));
    absl::Barrier* start = new absl::Barrier(kThreads);  // deleted by the last to pass it
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t, start] {
        LogEvidenceCommand command;
        command.name = names[t / kRetries];
        command.request_id = absl::StrCat("evidence-", round);
        command.fingerprint = "fp-" + command.request_id;
        command.description = absl::StrCat("Letter ", round, ".");
        command.source = Party::kComplainant;
        if (start->Block()) delete start;
        results[t] = logic_->LogEvidence(command);
      });
    }
    for (std::thread& thread : threads) thread.join();
    for (int t = 0; t < kThreads; ++t) {
      ASSERT_THAT(results[t], IsOk()) << "round " << round << ", call " << t;
      EXPECT_EQ(results[t]->evidence_count, round + 1) << "round " << round << ", call " << t;
      EXPECT_EQ(results[t]->version, results[t - t % kRetries]->version) << "round " << round;
    }
  }
  for (const std::string& name : names) {
    absl::StatusOr<Investigation> stored = logic_->GetInvestigation(name);
    ASSERT_THAT(stored, IsOk());
    EXPECT_EQ(stored->evidence_count, kRounds) << name;
  }
}

}  // namespace
}  // namespace redress::investigation
