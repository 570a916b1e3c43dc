// The InvestigationStore contract (store.h) for idempotency request records and the outbox, run
// over every implementation. The investigations' contract is in
// store_contract_investigations_test.cc and store_contract_listing_test.cc.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "services/investigation/store/store_contract_fixture.h"

namespace redress::investigation {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::IsEmpty;
using namespace store_testing;  // NOLINT: test data builders and the typed fixture

// --- Idempotency records. ---

TYPED_TEST(StoreContractTest, FindsRequestRecordsByScopeAndId) {
  this->Insert(MinimalInvestigation("i1"));
  auto found = this->store().FindRequest("OpenInvestigation", "req-i1");
  ASSERT_THAT(found, IsOk());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->scope, "OpenInvestigation");
  EXPECT_EQ((*found)->request_id, "req-i1");
  EXPECT_EQ((*found)->fingerprint, "fingerprint-of-req-i1");
  EXPECT_EQ((*found)->resource_id, "i1");
  EXPECT_THAT(this->store().FindRequest("LogEvidence:investigations/i1", "req-i1"), FindsNothing());
  EXPECT_THAT(this->store().FindRequest("OpenInvestigation", "req-i2"), FindsNothing());
}

TYPED_TEST(StoreContractTest, RequestRecordsAreScopedSoIdsMayRepeatAcrossScopes) {
  Investigation i1 = this->Insert(MinimalInvestigation("i1"));
  i1.version = 2;
  const RequestRecord evidence = Request("LogEvidence:investigations/i1", "req-i1", "e1");
  ASSERT_THAT(this->store().UpdateInvestigation(i1, 1, std::nullopt, evidence), IsOk());
  auto found = this->store().FindRequest("LogEvidence:investigations/i1", "req-i1");
  ASSERT_THAT(found, IsOk());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->resource_id, "e1");
  found = this->store().FindRequest("OpenInvestigation", "req-i1");
  ASSERT_THAT(found, IsOk());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->resource_id, "i1");
}

// --- Outbox. ---

TYPED_TEST(StoreContractTest, OutboxListsUndeliveredOrAllInIdOrder) {
  std::vector<DecisionHandoff> handoffs;
  for (const char* id : {"i1", "i2", "i3"}) {
    const Investigation decided = Decided(this->Insert(MinimalInvestigation(id)),
                                          TimeAt(100 + static_cast<int64_t>(handoffs.size())));
    handoffs.push_back(HandoffFor(decided));
    this->Update(decided, handoffs.back());
  }
  std::vector<OutboxEntry> all = this->Outbox(false);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_LT(all[0].id, all[1].id);
  EXPECT_LT(all[1].id, all[2].id);
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].handoff, Handoff(handoffs[i]));

  ASSERT_THAT(this->store().MarkDelivered(all[1].id, TimeAt(200, 3)), IsOk());
  std::vector<OutboxEntry> pending = this->Outbox(false);
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].id, all[0].id);
  EXPECT_EQ(pending[1].id, all[2].id);

  std::vector<OutboxEntry> everything = this->Outbox(true);
  ASSERT_EQ(everything.size(), 3u);
  EXPECT_EQ(everything[1].delivered_time, TimeAt(200, 3));
  EXPECT_EQ(everything[1].attempts, 1);
  EXPECT_FALSE(everything[0].delivered_time.has_value());
  EXPECT_EQ(everything[0].attempts, 0);

  auto limited = this->store().ListOutbox(true, 1);
  ASSERT_THAT(limited, IsOk());
  ASSERT_EQ(limited->size(), 1u);
  EXPECT_EQ((*limited)[0].id, all[0].id);
  auto limited_pending = this->store().ListOutbox(false, 1);
  ASSERT_THAT(limited_pending, IsOk());
  ASSERT_EQ(limited_pending->size(), 1u);
  EXPECT_EQ((*limited_pending)[0].id, all[0].id);
  EXPECT_THAT(this->store().ListOutbox(true, 0), IsOkAndHolds(IsEmpty()));
  EXPECT_THAT(this->store().ListOutbox(false, -1), IsOkAndHolds(IsEmpty()));
}

TYPED_TEST(StoreContractTest, OutboxEntryCarriesTheWholeHandoff) {
  Investigation full = this->Insert(FullInvestigation("i1"));
  full.version = 10;
  full.state = InvestigationState::kDecided;
  const DecisionHandoff handoff = HandoffFor(full);
  ASSERT_EQ(handoff.recommendations.size(), 3u);  // with and without amount and target date
  this->Update(full, handoff);
  const std::vector<OutboxEntry> outbox = this->Outbox(false);
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].handoff, Handoff(handoff));
  EXPECT_EQ(std::get<DecisionHandoff>(outbox[0].handoff).recommendations, full.recommendations);
  EXPECT_EQ(std::get<DecisionHandoff>(outbox[0].handoff).organisations,
            full.organisations_investigated);
  EXPECT_EQ(outbox[0].create_time, full.final_decision->issue_time);
}

TYPED_TEST(StoreContractTest, EveryKindOfHandoffRoundTripsWithItsTime) {
  const Investigation decided = Decided(this->Insert(MinimalInvestigation("i1")), TimeAt(10, 1));
  this->Update(decided, HandoffFor(decided));
  Investigation reopened = decided;
  reopened.state = InvestigationState::kInvestigating;
  reopened.previous_decisions = {*decided.final_decision};
  reopened.final_decision.reset();
  reopened.version += 1;
  const ReopeningHandoff reopening = ReopeningFor(reopened, 1, TimeAt(20, 2));
  this->Update(reopened, reopening);
  const Investigation ended = Withdrawn(reopened, TimeAt(30, 3));
  const EndHandoff end = EndFor(ended, 1);
  this->Update(ended, end);

  const std::vector<OutboxEntry> outbox = this->Outbox(false);
  ASSERT_EQ(outbox.size(), 3u);
  EXPECT_EQ(outbox[0].handoff, Handoff(HandoffFor(decided)));
  EXPECT_EQ(outbox[1].handoff, Handoff(reopening));
  EXPECT_EQ(outbox[1].create_time, TimeAt(20, 2));
  EXPECT_EQ(outbox[2].handoff, Handoff(end));
  EXPECT_EQ(outbox[2].create_time, TimeAt(30, 3));
  EXPECT_EQ(std::get<EndHandoff>(outbox[2].handoff).reason, "Mr O withdrew – he “has had enough”.");
  EXPECT_THAT(this->store().GetInvestigation("i1"), IsOkAndHolds(ended));

  // Delivery is recorded the same way whatever the kind.
  ASSERT_THAT(this->store().RecordFailedAttempt(outbox[1].id, TimeAt(40), "UNIMPLEMENTED: x"),
              IsOk());
  ASSERT_THAT(this->store().MarkDelivered(outbox[2].id, TimeAt(41)), IsOk());
  const std::vector<OutboxEntry> pending = this->Outbox(false);
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[1].handoff, Handoff(reopening));
  EXPECT_EQ(pending[1].last_error, "UNIMPLEMENTED: x");
}

TYPED_TEST(StoreContractTest, AHandoffKeyIsTakenWhateverTheKind) {
  const Investigation decided = Decided(this->Insert(MinimalInvestigation("i1")), TimeAt(10));
  const ReopeningHandoff reopening = ReopeningFor(decided, 1, TimeAt(11));
  this->Update(decided, reopening);
  Investigation again = decided;
  again.version += 1;
  EndHandoff clash = EndFor(Withdrawn(decided, TimeAt(12)), 1);
  clash.handoff_key = reopening.handoff_key;
  EXPECT_THAT(this->store().UpdateInvestigation(again, decided.version, clash, std::nullopt),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_EQ(this->Outbox(true).size(), 1u);
}

TYPED_TEST(StoreContractTest, MarkDeliveredIsIdempotentAndKnowsItsEntries) {
  const Investigation decided = Decided(this->Insert(MinimalInvestigation("i1")), TimeAt(1));
  this->Update(decided, HandoffFor(decided));
  const int64_t id = this->Outbox(false).at(0).id;
  ASSERT_THAT(this->store().MarkDelivered(id, TimeAt(5)), IsOk());
  ASSERT_THAT(this->store().MarkDelivered(id, TimeAt(9)), IsOk());
  const std::vector<OutboxEntry> entries = this->Outbox(true);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].delivered_time, TimeAt(5));
  EXPECT_EQ(entries[0].attempts, 1);
  EXPECT_THAT(this->Outbox(false), IsEmpty());
  EXPECT_THAT(this->store().MarkDelivered(id + 1000, TimeAt(5)),
              StatusIs(absl::StatusCode::kNotFound));
}

TYPED_TEST(StoreContractTest, RecordFailedAttemptKeepsTheLastAttemptUntilDelivered) {
  const Investigation decided = Decided(this->Insert(MinimalInvestigation("i1")), TimeAt(1));
  this->Update(decided, HandoffFor(decided));
  const int64_t id = this->Outbox(false).at(0).id;
  EXPECT_FALSE(this->Outbox(false).at(0).last_attempt_time.has_value());
  EXPECT_EQ(this->Outbox(false).at(0).last_error, "");

  ASSERT_THAT(this->store().RecordFailedAttempt(id, TimeAt(50, 1), "UNAVAILABLE: down"), IsOk());
  ASSERT_THAT(this->store().RecordFailedAttempt(id, TimeAt(51, 2), "DEADLINE_EXCEEDED: slow"),
              IsOk());
  OutboxEntry entry = this->Outbox(false).at(0);  // still pending
  EXPECT_EQ(entry.attempts, 2);
  EXPECT_EQ(entry.last_attempt_time, TimeAt(51, 2));
  EXPECT_EQ(entry.last_error, "DEADLINE_EXCEEDED: slow");
  EXPECT_FALSE(entry.delivered_time.has_value());
  EXPECT_EQ(entry.handoff, Handoff(HandoffFor(decided)));

  ASSERT_THAT(this->store().MarkDelivered(id, TimeAt(60)), IsOk());
  // A late report of a failure after the delivery changes nothing.
  ASSERT_THAT(this->store().RecordFailedAttempt(id, TimeAt(61), "CANCELLED: late"), IsOk());
  entry = this->Outbox(true).at(0);
  EXPECT_EQ(entry.attempts, 3);
  EXPECT_EQ(entry.delivered_time, TimeAt(60));
  EXPECT_EQ(entry.last_attempt_time, TimeAt(51, 2));
  EXPECT_EQ(entry.last_error, "DEADLINE_EXCEEDED: slow");
  EXPECT_THAT(this->store().RecordFailedAttempt(id + 1000, TimeAt(5), "x"),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace redress::investigation
