// SubmitComplaint through intake's real SQLite store across a power failure: many submissions at
// once (sharing group commits, as on a busy server), the power cut while they run, every write
// not synced by then lost (common/store/sqlite/power_loss_vfs.h). Every complaint whose
// submission was acknowledged before the cut is there when the store is opened again, with its
// hand-off, and the file passes integrity_check.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/store/sqlite/power_loss_vfs.h"
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

TEST(SubmitPowerLossTest, EveryComplaintAcknowledgedBeforeThePowerWentIsThereAfterwards) {
  ASSERT_TRUE(redress::testing::InstallPowerLossVfs());
  redress::testing::ScratchDir scratch;
  const std::string path = scratch.File("intake.db");
  redress::testing::FakeClock clock{redress::testing::FakeClock::NoonOn(kToday)};
  redress::testing::SequentialIdGenerator ids;

  absl::StatusOr<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path);
  ASSERT_THAT(store, IsOk());
  IntakeLogic logic(**store, clock, ids, WorkingDayCalendar::EnglandAndWales());
  ASSERT_THAT(logic.SeedDefaultRegister(), IsOk());

  constexpr int kClients = 8;
  constexpr size_t kAcknowledgedBeforeCut = 150;
  absl::Mutex mu;
  std::vector<std::string> acknowledged;  // complaint ids; guarded by mu
  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; !stop.load(); ++i) {
        const std::string request_id = absl::StrCat("client-", c, "-", i);
        absl::StatusOr<Complaint> complaint =
            logic.SubmitComplaint(request_id, "fp-" + request_id, ValidDraft());
        // An answer after the cut never reaches the client: a machine without power sends none.
        if (!complaint.ok() || redress::testing::PowerIsCut()) continue;
        absl::MutexLock lock(&mu);
        acknowledged.push_back(complaint->id);
      }
    });
  }
  {
    absl::MutexLock lock(&mu);
    auto enough = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
      return acknowledged.size() >= kAcknowledgedBeforeCut;
    };
    mu.Await(absl::Condition(&enough));
  }
  redress::testing::CutPower();
  stop = true;
  for (std::thread& client : clients) client.join();
  store->reset();  // nothing it does now reaches the disk
  redress::testing::RestorePower();

  {
    redress::testing::RawDb raw(path);
    EXPECT_EQ(raw.Query("PRAGMA integrity_check"), (std::vector<std::vector<std::string>>{{"ok"}}));
  }
  absl::StatusOr<std::unique_ptr<SqliteStore>> reopened = SqliteStore::Open(path);
  ASSERT_THAT(reopened, IsOk());
  int lost = 0;
  for (const std::string& id : acknowledged) {
    absl::StatusOr<Complaint> complaint = (*reopened)->GetComplaint(id);
    if (!complaint.ok()) ++lost;
  }
  EXPECT_EQ(lost, 0) << "of " << acknowledged.size() << " acknowledged submissions";
  EXPECT_GE(acknowledged.size(), kAcknowledgedBeforeCut);
}

}  // namespace
}  // namespace redress::intake
