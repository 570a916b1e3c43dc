// HandoffStatusToProto: the backlog as every service's GetHandoffStatus reports it.
#include "common/handoff_status.h"

#include <gtest/gtest.h>

namespace redress {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1'772'000'000);

TEST(HandoffStatusToProtoTest, AnEmptyBacklogLeavesTheTimesUnset) {
  OutboxBacklog backlog;
  backlog.as_of = kNow;
  backlog.delivered_total = 4;
  const redress::common::v1::HandoffStatus status = HandoffStatusToProto(backlog);
  EXPECT_EQ(status.pending_count(), 0);
  EXPECT_FALSE(status.has_oldest_pending_create_time());
  EXPECT_FALSE(status.has_oldest_pending_age());
  EXPECT_FALSE(status.has_last_attempt_time());
  EXPECT_EQ(status.last_error(), "");
  EXPECT_EQ(status.delivered_count(), 4);
}

TEST(HandoffStatusToProtoTest, ReportsTheOldestAgeAsOfTheReadingAndTheLastAttempt) {
  OutboxBacklog backlog;
  backlog.as_of = kNow;
  backlog.pending = 3;
  backlog.oldest_create_time = kNow - absl::Seconds(90) - absl::Milliseconds(250);
  backlog.last_error = "UNAVAILABLE: down";
  backlog.last_attempt = kNow - absl::Seconds(2);
  const redress::common::v1::HandoffStatus status = HandoffStatusToProto(backlog);
  EXPECT_EQ(status.pending_count(), 3);
  EXPECT_EQ(status.oldest_pending_create_time().seconds(), absl::ToUnixSeconds(kNow) - 91);
  EXPECT_EQ(status.oldest_pending_create_time().nanos(), 750'000'000);
  EXPECT_EQ(status.oldest_pending_age().seconds(), 90);
  EXPECT_EQ(status.oldest_pending_age().nanos(), 250'000'000);
  EXPECT_EQ(status.last_error(), "UNAVAILABLE: down");
  EXPECT_EQ(status.last_attempt_time().seconds(), absl::ToUnixSeconds(kNow) - 2);
}

TEST(HandoffStatusToProtoTest, AnAgeIsNeverNegative) {
  OutboxBacklog backlog;
  backlog.as_of = kNow;
  backlog.pending = 1;
  backlog.oldest_create_time = kNow + absl::Seconds(5);  // recorded by a clock a little ahead
  const redress::common::v1::HandoffStatus status = HandoffStatusToProto(backlog);
  ASSERT_TRUE(status.has_oldest_pending_age());
  EXPECT_EQ(status.oldest_pending_age().seconds(), 0);
  EXPECT_EQ(status.oldest_pending_age().nanos(), 0);
}

}  // namespace
}  // namespace redress
