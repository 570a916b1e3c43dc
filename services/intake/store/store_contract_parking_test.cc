// The IntakeStore contract for parked hand-offs (store.h, docs/reliability.md), run over every
// implementation: parking takes an entry out of the pending ones and holds its complaint's later
// entries back from the claim; re-drive and discard change only a parked entry, record their
// request and are audited.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "common/testing/status_matchers.h"
#include "services/intake/store/store_contract_fixture.h"

namespace redress::intake {
namespace {

using ::redress::testing::FindsNothing;
using ::redress::testing::IsOk;
using ::redress::testing::IsOkAndHolds;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace store_testing;  // NOLINT: test data builders and the typed fixture

template <typename T>
class ParkingContractTest : public StoreContractTest<T> {
 protected:
  // Records a hand-off `key` of complaint `id` (inserting the complaint on its first), returning
  // its outbox id.
  int64_t Record(const std::string& id, const std::string& key) {
    absl::StatusOr<Complaint> complaint = this->store().GetComplaint(id);
    Complaint c = complaint.ok() ? *complaint
                                 : this->Insert(MinimalComplaint(id, absl::CivilDay(2024, 1, 2)));
    AcceptanceHandoff handoff = HandoffFor(c, TimeAt(100 + next_++));
    handoff.handoff_key = key;
    ++c.version;
    EXPECT_THAT(this->store().UpdateComplaint(c, c.version - 1, handoff, std::nullopt), IsOk());
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
  std::vector<int64_t> Pending() { return Ids(this->store().ListOutbox(false, 100)); }
  OutboxEntry Entry(int64_t id) {
    absl::StatusOr<OutboxEntry> entry = this->store().GetOutboxEntry(id);
    EXPECT_THAT(entry, IsOk());
    return entry.ok() ? *entry : OutboxEntry();
  }
  absl::Status Park(int64_t id) {
    return this->store().ParkOutboxEntry(id, TimeAt(500, 7), ParkReason::kRefused,
                                         "INVALID_ARGUMENT: refused");
  }
  // The last audit entry's resource and request id.
  std::pair<std::string, std::string> LastAudit() {
    auto entries = this->store().ListAuditEntries(0, 10000);
    EXPECT_THAT(entries, IsOk());
    if (!entries.ok() || entries->empty()) return {};
    return {entries->back().resource, entries->back().request_id};
  }

  int next_ = 0;
};

TYPED_TEST_SUITE(ParkingContractTest, StoreTypes);

TYPED_TEST(ParkingContractTest, AParkedEntryLeavesThePendingAndHoldsItsComplaintBack) {
  const int64_t c1_first = this->Record("c1", "complaints/c1/acceptance");
  const int64_t c2 = this->Record("c2", "complaints/c2/acceptance");
  const int64_t c1_second = this->Record("c1", "complaints/c1/acceptance-2");

  ASSERT_THAT(this->Park(c1_first), IsOk());

  EXPECT_THAT(this->Pending(), ElementsAre(c2, c1_second));  // held, but still pending
  EXPECT_THAT(this->Claimed(), ElementsAre(c2));
  EXPECT_THAT(this->store().CountParkedOutbox(), IsOkAndHolds(1));
  const OutboxEntry parked = this->Entry(c1_first);
  EXPECT_EQ(parked.parking.park_time, TimeAt(500, 7));
  EXPECT_EQ(parked.parking.park_reason, ParkReason::kRefused);
  EXPECT_EQ(parked.last_error, "INVALID_ARGUMENT: refused");
  EXPECT_EQ(parked.handoff.complaint_id, "c1");
  EXPECT_EQ(StateOf(parked.delivered_time, parked.parking), OutboxState::kParked);
  EXPECT_THAT(this->Ids(this->store().ListParkedOutbox(0, 10)), ElementsAre(c1_first));
}

TYPED_TEST(ParkingContractTest, ParkingIsOnceAndOnlyForPendingEntries) {
  const int64_t id = this->Record("c1", "complaints/c1/acceptance");
  const int64_t delivered = this->Record("c2", "complaints/c2/acceptance");
  ASSERT_THAT(this->Park(id), IsOk());
  ASSERT_THAT(this->store().ParkOutboxEntry(id, TimeAt(900), ParkReason::kUndecodable, "later"),
              IsOk());
  EXPECT_EQ(this->Entry(id).parking.park_time, TimeAt(500, 7));  // unchanged
  EXPECT_EQ(this->Entry(id).parking.park_reason, ParkReason::kRefused);

  ASSERT_THAT(this->store().MarkDelivered(delivered, TimeAt(600)), IsOk());
  ASSERT_THAT(this->Park(delivered), IsOk());
  EXPECT_FALSE(this->Entry(delivered).parking.park_time.has_value());
  EXPECT_THAT(this->Park(id + 1000), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->store().GetOutboxEntry(id + 1000), StatusIs(absl::StatusCode::kNotFound));
}

TYPED_TEST(ParkingContractTest, ParkedEntriesArePagedInIdOrder) {
  std::vector<int64_t> ids;
  for (const char* c : {"c1", "c2", "c3", "c4"}) {
    ids.push_back(this->Record(c, std::string("complaints/") + c + "/acceptance"));
  }
  for (int64_t id : {ids[0], ids[2], ids[3]}) ASSERT_THAT(this->Park(id), IsOk());
  EXPECT_THAT(this->Ids(this->store().ListParkedOutbox(0, 2)), ElementsAre(ids[0], ids[2]));
  EXPECT_THAT(this->Ids(this->store().ListParkedOutbox(ids[2], 2)), ElementsAre(ids[3]));
  EXPECT_THAT(this->store().ListParkedOutbox(0, 0), IsOkAndHolds(IsEmpty()));
  EXPECT_THAT(this->store().CountParkedOutbox(), IsOkAndHolds(3));
}

TYPED_TEST(ParkingContractTest, ARedrivenEntryIsPendingInItsPlaceAndAudited) {
  const int64_t first = this->Record("c1", "complaints/c1/acceptance");
  const int64_t second = this->Record("c1", "complaints/c1/acceptance-2");
  ASSERT_THAT(this->store().RecordFailedAttempt(first, TimeAt(400), "INVALID_ARGUMENT: x"), IsOk());
  ASSERT_THAT(this->Park(first), IsOk());

  const RequestRecord request = Request("RedriveHandoff@user:ops", "r1", "handoffs/1");
  ASSERT_THAT(this->store().RedriveOutboxEntry(first, request), IsOk());

  const OutboxEntry redriven = this->Entry(first);
  EXPECT_FALSE(redriven.parking.park_time.has_value());
  EXPECT_EQ(redriven.parking.park_reason, ParkReason::kUnspecified);
  EXPECT_EQ(redriven.attempts, 0);
  EXPECT_EQ(this->Pending(), (std::vector<int64_t>{first, second}));
  ASSERT_FALSE(this->Claimed().empty());
  EXPECT_EQ(this->Claimed().front(), first);  // before its complaint's later hand-off
  EXPECT_THAT(this->store().CountParkedOutbox(), IsOkAndHolds(0));
  auto found = this->store().FindRequest(request.scope, "r1");
  ASSERT_THAT(found, IsOk());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->resource_id, "handoffs/1");
  EXPECT_EQ(this->LastAudit(), std::make_pair(absl::StrCat("handoffs/", first), std::string("r1")));
}

TYPED_TEST(ParkingContractTest, OnlyAParkedEntryCanBeRedrivenOrDiscarded) {
  const int64_t pending = this->Record("c1", "complaints/c1/acceptance");
  const int64_t delivered = this->Record("c2", "complaints/c2/acceptance");
  ASSERT_THAT(this->store().MarkDelivered(delivered, TimeAt(600)), IsOk());
  const OutboxDiscard discard{TimeAt(700), "user:ops", "not wanted"};
  const auto audited = this->LastAudit();

  for (int64_t id : {pending, delivered}) {
    EXPECT_THAT(this->store().RedriveOutboxEntry(id, Request("RedriveHandoff", "r1", "")),
                StatusIs(absl::StatusCode::kFailedPrecondition));
    EXPECT_THAT(this->store().DiscardOutboxEntry(id, discard, Request("DiscardHandoff", "r2", "")),
                StatusIs(absl::StatusCode::kFailedPrecondition));
  }
  EXPECT_THAT(
      this->store().RedriveOutboxEntry(delivered + 1000, Request("RedriveHandoff", "r3", "")),
      StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->store().FindRequest("RedriveHandoff", "r1"), FindsNothing());
  EXPECT_EQ(this->LastAudit(), audited);  // nothing written
}

TYPED_TEST(ParkingContractTest, ADiscardedEntryIsNeverSentAndReleasesItsComplaint) {
  const int64_t first = this->Record("c1", "complaints/c1/acceptance");
  const int64_t second = this->Record("c1", "complaints/c1/acceptance-2");
  ASSERT_THAT(this->Park(first), IsOk());
  const OutboxDiscard discard{TimeAt(700, 1), "user:ops", "sent by hand"};

  ASSERT_THAT(this->store().DiscardOutboxEntry(first, discard, Request("DiscardHandoff", "d1", "")),
              IsOk());

  const OutboxEntry discarded = this->Entry(first);
  EXPECT_EQ(StateOf(discarded.delivered_time, discarded.parking), OutboxState::kDiscarded);
  EXPECT_EQ(discarded.parking.discard_time, TimeAt(700, 1));
  EXPECT_EQ(discarded.parking.discarded_by, "user:ops");
  EXPECT_EQ(discarded.parking.discard_reason, "sent by hand");
  EXPECT_THAT(this->Pending(), ElementsAre(second));
  EXPECT_THAT(this->Claimed(), ElementsAre(second));
  EXPECT_THAT(this->store().CountParkedOutbox(), IsOkAndHolds(0));
  EXPECT_EQ(this->LastAudit(), std::make_pair(absl::StrCat("handoffs/", first), std::string("d1")));
  // Final: neither discarded again nor re-driven.
  EXPECT_THAT(this->store().DiscardOutboxEntry(first, discard, Request("DiscardHandoff", "d2", "")),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(this->store().RedriveOutboxEntry(first, Request("RedriveHandoff", "d3", "")),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TYPED_TEST(ParkingContractTest, ATakenRequestIdChangesNothing) {
  const int64_t id = this->Record("c1", "complaints/c1/acceptance");
  ASSERT_THAT(this->Park(id), IsOk());
  const RequestRecord taken = Request("RedriveHandoff", "r1", "handoffs/99");
  Complaint c = *this->store().GetComplaint("c1");
  c.version = 3;
  ASSERT_THAT(this->store().UpdateComplaint(c, 2, std::nullopt, taken), IsOk());
  const auto audited = this->LastAudit();

  EXPECT_THAT(this->store().RedriveOutboxEntry(id, taken),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_TRUE(this->Entry(id).parking.parked());
  EXPECT_EQ(this->LastAudit(), audited);
}

// Growth (docs/reliability.md): housekeeping deletes only finished entries, and only before the
// cutoff; what is pending or parked stays, and so does every later entry's order.
TYPED_TEST(ParkingContractTest, PruningTheOutboxDeletesOnlyEntriesFinishedBeforeTheCutoff) {
  const int64_t delivered_early = this->Record("c1", "complaints/c1/acceptance");
  const int64_t delivered_late = this->Record("c2", "complaints/c2/acceptance");
  const int64_t discarded = this->Record("c3", "complaints/c3/acceptance");
  const int64_t parked = this->Record("c4", "complaints/c4/acceptance");
  const int64_t pending = this->Record("c5", "complaints/c5/acceptance");
  ASSERT_THAT(this->store().MarkDelivered(delivered_early, TimeAt(1000)), IsOk());
  ASSERT_THAT(this->store().MarkDelivered(delivered_late, TimeAt(3000)), IsOk());
  ASSERT_THAT(this->Park(discarded), IsOk());
  ASSERT_THAT(
      this->store().DiscardOutboxEntry(discarded, {TimeAt(1500), "user:ops", "sent by hand"},
                                       Request("DiscardHandoff", "d1", "")),
      IsOk());
  ASSERT_THAT(this->Park(parked), IsOk());

  EXPECT_THAT(this->store().PruneOutbox(TimeAt(2000), 100), IsOkAndHolds(2));
  EXPECT_THAT(this->Ids(this->store().ListOutbox(true, 100)),
              ElementsAre(delivered_late, parked, pending));
  EXPECT_THAT(this->store().GetOutboxEntry(delivered_early), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->Claimed(), ElementsAre(pending));
  EXPECT_THAT(this->store().CountParkedOutbox(), IsOkAndHolds(1));
  // Nothing more before the cutoff; a later cutoff takes the late delivery, by `limit` at a time.
  EXPECT_THAT(this->store().PruneOutbox(TimeAt(2000), 100), IsOkAndHolds(0));
  EXPECT_THAT(this->store().PruneOutbox(TimeAt(1'000'000), 1), IsOkAndHolds(1));
  EXPECT_THAT(this->Ids(this->store().ListOutbox(true, 100)), ElementsAre(parked, pending));
}

TYPED_TEST(ParkingContractTest, PruningRequestsForgetsOnlyRecordsMadeBeforeTheCutoff) {
  this->Insert(MinimalComplaint("old", absl::CivilDay(2024, 1, 2)));
  absl::SleepFor(absl::Milliseconds(20));  // records are dated by the wall clock
  const absl::Time cutoff = absl::Now();
  absl::SleepFor(absl::Milliseconds(20));
  this->Insert(MinimalComplaint("new", absl::CivilDay(2024, 1, 2)));

  EXPECT_THAT(this->store().PruneRequests(cutoff, 100), IsOkAndHolds(1));
  EXPECT_THAT(this->store().FindRequest("SubmitComplaint", "req-old"), FindsNothing());
  EXPECT_THAT(
      this->store().FindRequest("SubmitComplaint", "req-new"),
      IsOkAndHolds(::testing::Optional(::testing::Field(&RequestRecord::resource_id, "new"))));
  // The complaint itself stays; the key may be used again (a new request).
  EXPECT_THAT(this->store().GetComplaint("old"), IsOk());
  EXPECT_THAT(this->store().InsertComplaint(MinimalComplaint("again", absl::CivilDay(2024, 1, 2)),
                                            Request("SubmitComplaint", "req-old", "again")),
              IsOk());
  EXPECT_THAT(this->store().PruneRequests(absl::Now() + absl::Hours(1), 1), IsOkAndHolds(1));
  EXPECT_THAT(this->store().PruneRequests(absl::Now() + absl::Hours(1), 100), IsOkAndHolds(1));
  EXPECT_THAT(this->store().PruneRequests(absl::Now() + absl::Hours(1), 100), IsOkAndHolds(0));
}

}  // namespace
}  // namespace redress::intake
