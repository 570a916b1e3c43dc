// StoreWriteHealth: which results make a store unwritable and writable again, that a stall holds
// it unwritable whatever writes succeed, and that the listener hears each change once.
#include "common/store_write_health.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "common/errors.h"

namespace redress {
namespace {

using ::testing::ElementsAre;

class StoreWriteHealthTest : public ::testing::Test {
 protected:
  StoreWriteHealthTest() {
    health_.OnChange([this](bool writable) { changes_.push_back(writable); });
  }
  StoreWriteHealth health_{"test"};
  std::vector<bool> changes_;
};

absl::Status DiskFull() {
  return StoreCannotWrite("database or disk is full", kStoreFaultDiskFull);
}

TEST_F(StoreWriteHealthTest, AFaultMakesItUnwritableUntilAWriteSucceedsAndEachChangeIsHeardOnce) {
  EXPECT_TRUE(health_.writable());
  health_.Observe(DiskFull());
  health_.Observe(DiskFull());
  health_.Observe(StoreCannotWrite("disk I/O error", kStoreFaultIoError));
  EXPECT_FALSE(health_.writable());
  EXPECT_TRUE(health_.faulted());
  health_.Observe(absl::OkStatus());
  health_.Observe(absl::OkStatus());
  EXPECT_TRUE(health_.writable());
  EXPECT_THAT(changes_, ElementsAre(false, true));
}

TEST_F(StoreWriteHealthTest, OtherErrorsChangeNothing) {
  health_.Observe(absl::UnavailableError("database is locked"));
  health_.Observe(absl::AlreadyExistsError("taken"));
  health_.Observe(absl::InternalError("constraint"));
  EXPECT_TRUE(health_.writable());
  health_.Observe(DiskFull());
  health_.Observe(absl::UnavailableError("database is locked"));
  EXPECT_FALSE(health_.writable());
  EXPECT_THAT(changes_, ElementsAre(false));
}

TEST_F(StoreWriteHealthTest, AStallHoldsItUnwritableWhateverWritesSucceed) {
  health_.SetStalled(true);
  EXPECT_FALSE(health_.writable());
  EXPECT_FALSE(health_.faulted());
  health_.Observe(DiskFull());
  health_.Observe(absl::OkStatus());
  EXPECT_FALSE(health_.writable());
  health_.SetStalled(false);
  EXPECT_TRUE(health_.writable());
  EXPECT_THAT(changes_, ElementsAre(false, true));
}

TEST_F(StoreWriteHealthTest, AClearedListenerHearsNothing) {
  health_.OnChange(nullptr);
  health_.Observe(DiskFull());
  EXPECT_FALSE(health_.writable());
  EXPECT_THAT(changes_, ElementsAre());
}

}  // namespace
}  // namespace redress
