// PostgresStore's outbox shared by replicas: two stores claim hand-offs of several investigations
// (ClaimOutbox over pg::ClaimOutboxHeads), never both the same one, only the oldest undelivered
// one of an investigation, and a claim whose lease lapsed passes to the other replica.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "absl/time/clock.h"
#include "common/testing/status_matchers.h"
#include "services/investigation/store/postgres/postgres_store.h"
#include "services/investigation/store/postgres/postgres_store_test_fixture.h"
#include "services/investigation/store/store_test_data.h"

namespace redress::investigation {
namespace {

using ::redress::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using namespace store_testing;  // NOLINT: the contract suite's test data

TEST_F(PostgresStoreTest, ReplicasClaimOnlyHeadsAndNeverTheSameEntry) {
  ConnectReplicas();
  OpenWithHandoffs("i1", 3);
  OpenWithHandoffs("i2", 2);
  OpenWithHandoffs("i3", 1);
  OpenWithHandoffs("i4", 2);
  auto a = replica_a_->ClaimOutbox("replica-a", absl::Seconds(30), 2);
  auto b = replica_b_->ClaimOutbox("replica-b", absl::Seconds(30), 10);
  ASSERT_THAT(a, IsOk());
  ASSERT_THAT(b, IsOk());
  // Only each investigation's first hand-off, and each to one replica.
  EXPECT_THAT(Keys(a), ElementsAre(DecisionKey("i1", 1), DecisionKey("i2", 1)));
  EXPECT_THAT(Keys(b), ElementsAre(DecisionKey("i3", 1), DecisionKey("i4", 1)));
  // Claiming again renews a replica's own claims and takes nothing of the other's.
  EXPECT_THAT(Keys(replica_b_->ClaimOutbox("replica-b", absl::Seconds(30), 10)),
              ElementsAre(DecisionKey("i3", 1), DecisionKey("i4", 1)));
  // Delivering i1's first hand-off makes its second the head, free for any replica.
  ASSERT_THAT(replica_a_->MarkDelivered(OutboxId(DecisionKey("i1", 1)), TimeAt(500)), IsOk());
  EXPECT_THAT(Keys(replica_b_->ClaimOutbox("replica-b", absl::Seconds(30), 10)),
              ElementsAre(DecisionKey("i1", 2), DecisionKey("i3", 1), DecisionKey("i4", 1)));
  EXPECT_THAT(Keys(replica_a_->ClaimOutbox("replica-a", absl::Seconds(30), 10)),
              ElementsAre(DecisionKey("i2", 1)));
  // The claimed entries carry their whole hand-off.
  auto claimed = replica_a_->ClaimOutbox("replica-a", absl::Seconds(30), 10);
  ASSERT_THAT(claimed, IsOk());
  ASSERT_THAT(*claimed, SizeIs(1));
  EXPECT_EQ(HandoffInvestigationId((*claimed)[0].handoff), "i2");
  EXPECT_EQ((*claimed)[0].create_time, TimeAt(101));
  EXPECT_EQ((*claimed)[0].handoff,
            Handoff(HandoffFor(Decided(MinimalInvestigation("i2"), TimeAt(101), 1))));
}

TEST_F(PostgresStoreTest, AClaimWhoseLeaseLapsedIsTakenOverByTheOtherReplica) {
  ConnectReplicas();
  OpenWithHandoffs("i1", 2);
  EXPECT_THAT(Keys(replica_a_->ClaimOutbox("replica-a", absl::Seconds(1), 10)),
              ElementsAre(DecisionKey("i1", 1)));
  ASSERT_THAT(
      replica_a_->RecordFailedAttempt(OutboxId(DecisionKey("i1", 1)), TimeAt(300), "unavailable"),
      IsOk());
  EXPECT_THAT(Keys(replica_b_->ClaimOutbox("replica-b", absl::Seconds(30), 10)), IsEmpty());
  absl::SleepFor(absl::Milliseconds(1300));  // replica-a stops renewing: its lease lapses
  auto taken = replica_b_->ClaimOutbox("replica-b", absl::Seconds(30), 10);
  EXPECT_THAT(Keys(taken), ElementsAre(DecisionKey("i1", 1)));
  ASSERT_THAT(taken, IsOk());
  ASSERT_THAT(*taken, SizeIs(1));
  EXPECT_EQ((*taken)[0].attempts, 1);
  EXPECT_EQ((*taken)[0].last_error, "unavailable");
  // Now replica-a gets nothing, even its old entry's successor: it waits for the head.
  EXPECT_THAT(Keys(replica_a_->ClaimOutbox("replica-a", absl::Seconds(30), 10)), IsEmpty());
}

}  // namespace
}  // namespace redress::investigation
