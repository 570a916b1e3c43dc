// The InvestigationStore contract for parked hand-offs (store.h, docs/reliability.md), run over
// every implementation: a parked decision holds back its investigation's reopening and no other
// investigation's hand-offs; re-drive and discard change only a parked entry, record their
// request and are audited.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/testing/status_matchers.h"
#include "services/investigation/store/store_contract_fixture.h"

namespace redress::investigation {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::IsOkAndHolds;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using namespace store_testing;  // NOLINT: test data builders and the typed fixture

template <typename T>
class ParkingContractTest : public StoreContractTest<T> {
 protected:
  // Decides investigation `id` (inserted), recording its decision's hand-off; its outbox id.
  int64_t Decide(const std::string& id) {
    decided_[id] = Decided(this->Insert(MinimalInvestigation(id)), TimeAt(100 + next_++));
    this->Update(decided_[id], HandoffFor(decided_[id]));
    return this->Outbox(true).back().id;
  }
  // Records the reopening of `id`'s decision; its outbox id.
  int64_t Reopen(const std::string& id) {
    Investigation& i = decided_[id];
    i.version += 1;
    this->Update(i, ReopeningFor(i, 1, TimeAt(200 + next_++)));
    return this->Outbox(true).back().id;
  }
  std::vector<int64_t> Ids(absl::StatusOr<std::vector<OutboxEntry>> entries) {
    EXPECT_THAT(entries, IsOk());
    std::vector<int64_t> ids;
    if (entries.ok()) {
      for (const OutboxEntry& entry : *entries) ids.push_back(entry.id);
    }
    return ids;
  }
  std::vector<int64_t> Claimed() {
    return Ids(this->store().ClaimOutbox("me", absl::Seconds(30), 100));
  }
  OutboxEntry Entry(int64_t id) {
    absl::StatusOr<OutboxEntry> entry = this->store().GetOutboxEntry(id);
    EXPECT_THAT(entry, IsOk());
    return entry.ok() ? *entry : OutboxEntry();
  }
  absl::Status Park(int64_t id) {
    return this->store().ParkOutboxEntry(id, TimeAt(500, 7), ParkReason::kAttemptsExhausted,
                                         "PERMISSION_DENIED: no");
  }
  std::pair<std::string, std::string> LastAudit() {
    auto entries = this->store().ListAuditEntries(0, 10000);
    EXPECT_THAT(entries, IsOk());
    if (!entries.ok() || entries->empty()) return {};
    return {entries->back().resource, entries->back().request_id};
  }

  std::map<std::string, Investigation> decided_;
  int next_ = 0;
};

TYPED_TEST_SUITE(ParkingContractTest, StoreTypes);

TYPED_TEST(ParkingContractTest, AParkedDecisionHoldsBackItsReopeningOnly) {
  const int64_t decision = this->Decide("i1");
  const int64_t other = this->Decide("i2");
  const int64_t reopening = this->Reopen("i1");

  ASSERT_THAT(this->Park(decision), IsOk());

  EXPECT_THAT(this->Ids(this->store().ListOutbox(false, 100)), ElementsAre(other, reopening));
  EXPECT_THAT(this->Claimed(), ElementsAre(other));
  EXPECT_THAT(this->store().CountParkedOutbox(), IsOkAndHolds(1));
  const OutboxEntry parked = this->Entry(decision);
  EXPECT_EQ(parked.parking.park_time, TimeAt(500, 7));
  EXPECT_EQ(parked.parking.park_reason, ParkReason::kAttemptsExhausted);
  EXPECT_EQ(parked.last_error, "PERMISSION_DENIED: no");
  EXPECT_EQ(HandoffInvestigationId(parked.handoff), "i1");
  EXPECT_THAT(this->Ids(this->store().ListParkedOutbox(0, 10)), ElementsAre(decision));
  EXPECT_THAT(this->Park(decision + 1000), StatusIs(absl::StatusCode::kNotFound));
}

TYPED_TEST(ParkingContractTest, ARedrivenDecisionGoesBeforeItsReopening) {
  const int64_t decision = this->Decide("i1");
  const int64_t reopening = this->Reopen("i1");
  ASSERT_THAT(this->Park(decision), IsOk());

  ASSERT_THAT(this->store().RedriveOutboxEntry(decision, Request("RedriveHandoff", "r1", "")),
              IsOk());

  EXPECT_FALSE(this->Entry(decision).parking.park_time.has_value());
  EXPECT_EQ(this->Entry(decision).attempts, 0);
  EXPECT_THAT(this->Ids(this->store().ListOutbox(false, 100)), ElementsAre(decision, reopening));
  ASSERT_FALSE(this->Claimed().empty());
  EXPECT_EQ(this->Claimed().front(), decision);
  EXPECT_EQ(this->LastAudit(),
            std::make_pair(absl::StrCat("handoffs/", decision), std::string("r1")));
}

TYPED_TEST(ParkingContractTest, ADiscardedDecisionReleasesItsReopeningAndIsFinal) {
  const int64_t decision = this->Decide("i1");
  const int64_t reopening = this->Reopen("i1");
  ASSERT_THAT(this->Park(decision), IsOk());
  const OutboxDiscard discard{TimeAt(700, 1), "user:ops", "remedy has it from elsewhere"};

  ASSERT_THAT(
      this->store().DiscardOutboxEntry(decision, discard, Request("DiscardHandoff", "d1", "")),
      IsOk());

  const OutboxEntry discarded = this->Entry(decision);
  EXPECT_EQ(StateOf(discarded.delivered_time, discarded.parking), OutboxState::kDiscarded);
  EXPECT_EQ(discarded.parking.discarded_by, "user:ops");
  EXPECT_EQ(discarded.parking.discard_reason, "remedy has it from elsewhere");
  EXPECT_THAT(this->Claimed(), ElementsAre(reopening));
  EXPECT_EQ(this->LastAudit(),
            std::make_pair(absl::StrCat("handoffs/", decision), std::string("d1")));
  EXPECT_THAT(
      this->store().DiscardOutboxEntry(decision, discard, Request("DiscardHandoff", "d2", "")),
      StatusIs(absl::StatusCode::kFailedPrecondition));
}

TYPED_TEST(ParkingContractTest, OnlyAParkedEntryCanBeRedrivenOrDiscarded) {
  const int64_t pending = this->Decide("i1");
  const int64_t delivered = this->Decide("i2");
  ASSERT_THAT(this->store().MarkDelivered(delivered, TimeAt(600)), IsOk());
  const OutboxDiscard discard{TimeAt(700), "user:ops", "why"};
  const auto audited = this->LastAudit();
  for (int64_t id : {pending, delivered}) {
    EXPECT_THAT(this->store().RedriveOutboxEntry(id, Request("RedriveHandoff", "r1", "")),
                StatusIs(absl::StatusCode::kFailedPrecondition));
    EXPECT_THAT(this->store().DiscardOutboxEntry(id, discard, Request("DiscardHandoff", "r2", "")),
                StatusIs(absl::StatusCode::kFailedPrecondition));
  }
  EXPECT_THAT(this->store().GetOutboxEntry(delivered + 1000),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(this->LastAudit(), audited);
}

// Growth (docs/reliability.md): housekeeping deletes only finished entries before the cutoff.
TYPED_TEST(ParkingContractTest, PruningTheOutboxDeletesOnlyEntriesFinishedBeforeTheCutoff) {
  const int64_t delivered = this->Decide("i1");
  const int64_t parked = this->Decide("i2");
  const int64_t held = this->Reopen("i2");
  const int64_t pending = this->Decide("i3");
  ASSERT_THAT(this->store().MarkDelivered(delivered, TimeAt(1000)), IsOk());
  ASSERT_THAT(this->Park(parked), IsOk());

  EXPECT_THAT(this->store().PruneOutbox(TimeAt(2000), 100), IsOkAndHolds(1));
  EXPECT_THAT(this->Ids(this->store().ListOutbox(true, 100)), ElementsAre(parked, held, pending));
  EXPECT_THAT(this->Claimed(),
              ElementsAre(pending));  // the reopening still waits behind i2's decision
  EXPECT_THAT(this->store().PruneOutbox(TimeAt(1'000'000), 100), IsOkAndHolds(0));
}

// The records of OpenInvestigation are intake's hand-off keys: kept whatever their age.
TYPED_TEST(ParkingContractTest, PruningRequestsKeepsTheHandoffKeysOfOpenInvestigation) {
  this->Insert(MinimalInvestigation("opened"));  // recorded as OpenInvestigation
  Investigation i = this->Insert(MinimalInvestigation("changed"));
  i.version += 1;
  ASSERT_THAT(this->store().UpdateInvestigation(
                  i, i.version - 1, std::nullopt,
                  Request("AssignCaseworker", "req-assign", "changed"), ListsToWrite::All()),
              IsOk());
  ASSERT_THAT(this->store().InsertInvestigation(MinimalInvestigation("by-intake"),
                                                Request("OpenInvestigation@service:intake",
                                                        "complaints/c9/acceptance", "by-intake")),
              IsOk());

  EXPECT_THAT(this->store().PruneRequests(absl::Now() + absl::Hours(1), 100), IsOkAndHolds(1));
  EXPECT_THAT(this->store().FindRequest("AssignCaseworker", "req-assign"),
              ::redress::testing::FindsNothing());
  EXPECT_THAT(this->store().FindRequest("OpenInvestigation", "req-opened"),
              IsOkAndHolds(::testing::Optional(::testing::_)));
  EXPECT_THAT(
      this->store().FindRequest("OpenInvestigation@service:intake", "complaints/c9/acceptance"),
      IsOkAndHolds(::testing::Optional(::testing::_)));
}

}  // namespace
}  // namespace redress::investigation
