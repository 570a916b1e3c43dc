// The InvestigationStore contract (store.h) for personal data (docs/privacy.md), run over every
// implementation: finding a complaint's investigations, erasure in one audited transaction with
// the outbox's payloads rewritten, and the retention scan.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/audit/audit_verifier.h"
#include "common/errors.h"
#include "common/testing/status_matchers.h"
#include "services/investigation/personal_data.h"
#include "services/investigation/store/store_contract_fixture.h"

namespace redress::investigation {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::IsOkAndHolds;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;
using ::testing::SizeIs;
using namespace store_testing;  // NOLINT: test data builders and the typed fixture

TYPED_TEST(StoreContractTest, FindsTheInvestigationsOpenedFromAComplaint) {
  Investigation first = MinimalInvestigation("i1");
  first.complaint.complaint = "complaints/c-1";
  this->Insert(first);
  this->Insert(MinimalInvestigation("i2"));  // complaints/for-i2
  Investigation again = MinimalInvestigation("i3");
  again.complaint.complaint = "complaints/c-1";
  this->Insert(again);

  EXPECT_THAT(this->store().FindInvestigationsByComplaint("complaints/c-1"),
              IsOkAndHolds(ElementsAre("i1", "i3")));
  EXPECT_THAT(this->store().FindInvestigationsByComplaint("complaints/for-i2"),
              IsOkAndHolds(ElementsAre("i2")));
  EXPECT_THAT(this->store().FindInvestigationsByComplaint("complaints/none"),
              IsOkAndHolds(IsEmpty()));
  // The name as the snapshot holds it, not the bare id.
  EXPECT_THAT(this->store().FindInvestigationsByComplaint("c-1"), IsOkAndHolds(IsEmpty()));
}

TYPED_TEST(StoreContractTest, EraseReplacesTheInvestigationRewritesDeliveredHandoffsAndAudits) {
  Investigation investigation = this->Insert(MinimalInvestigation("i1"));
  investigation = Decided(investigation, TimeAt(30));
  this->Update(investigation, HandoffFor(investigation));
  ASSERT_THAT(this->store().MarkDelivered(this->Outbox(true).front().id, TimeAt(31)), IsOk());
  EXPECT_THAT(this->store().GetErasureTime("i1"), IsOkAndHolds(std::nullopt));

  const Investigation erased = ErasedInvestigation(investigation, TimeAt(40));
  ASSERT_THAT(this->store().EraseInvestigation(erased, 2, TimeAt(40)), IsOk());

  Investigation expected = erased;
  expected.sequence = investigation.sequence;
  EXPECT_THAT(this->store().GetInvestigation("i1"), IsOkAndHolds(expected));
  EXPECT_THAT(this->store().GetErasureTime("i1"), IsOkAndHolds(Optional(TimeAt(40))));
  const std::vector<OutboxEntry> outbox = this->Outbox(true);
  ASSERT_EQ(outbox.size(), 1u);
  const Handoff delivered = DeliveredHandoff(HandoffFor(investigation));
  EXPECT_EQ(outbox[0].handoff, ErasedHandoff(delivered));
  // The recommendations' descriptions are gone; the decision and the rest stay.
  const auto& rewritten = std::get<DecisionHandoff>(outbox[0].handoff);
  EXPECT_EQ(rewritten.recommendations[0].description, kErasedText);
  EXPECT_EQ(rewritten.recommendations[1].amount, FullRecommendations()[1].amount);
  EXPECT_EQ(rewritten.decision, *investigation.final_decision);
  EXPECT_TRUE(outbox[0].delivered_time.has_value());

  auto entries = this->store().ListAuditEntries(0, 100);
  ASSERT_THAT(entries, IsOk());
  ASSERT_EQ(entries->size(), 3u);  // open, decision, erasure
  EXPECT_EQ(entries->back().resource, "investigations/i1");
  EXPECT_EQ(entries->back().before_digest, (*entries)[1].after_digest);
  auto verification = audit::VerifyAuditChain(
      [&](int64_t after, int limit) { return this->store().ListAuditEntries(after, limit); },
      std::nullopt);
  ASSERT_THAT(verification, IsOk());
  EXPECT_FALSE(verification->problem.has_value());
  EXPECT_EQ(verification->entries_checked, 3);
}

TYPED_TEST(StoreContractTest, EraseRewritesAnEndsReasonAndKeepsAReopening) {
  Investigation investigation = this->Insert(FullInvestigation("i1"));
  investigation.state = InvestigationState::kInvestigating;
  investigation.version += 1;
  this->Update(investigation, ReopeningFor(investigation, 2, TimeAt(100)));
  investigation = Withdrawn(investigation, TimeAt(110));
  this->Update(investigation, EndFor(investigation, 2));
  for (const OutboxEntry& entry : this->Outbox(false)) {
    ASSERT_THAT(this->store().MarkDelivered(entry.id, TimeAt(120)), IsOk());
  }
  ASSERT_THAT(this->store().EraseInvestigation(ErasedInvestigation(investigation, TimeAt(130)),
                                               investigation.version, TimeAt(130)),
              IsOk());

  const std::vector<OutboxEntry> outbox = this->Outbox(true);
  ASSERT_EQ(outbox.size(), 2u);
  EXPECT_EQ(outbox[0].handoff, Handoff(ReopeningFor(investigation, 2, TimeAt(100))));
  EndHandoff end = EndFor(investigation, 2);
  end.reason = kErasedText;
  EXPECT_EQ(outbox[1].handoff, Handoff(end));
  auto stored = this->store().GetInvestigation("i1");
  ASSERT_THAT(stored, IsOk());
  EXPECT_EQ(stored->ending->reason, kErasedText);
  EXPECT_EQ(stored->complaint.what_went_wrong, kErasedText);
  EXPECT_EQ(stored->narrative, investigation.narrative);  // what the published summary rests on
}

TYPED_TEST(StoreContractTest, EraseChecksInOrderAndWritesNothingWhenRefused) {
  EXPECT_THAT(this->store().EraseInvestigation(
                  ErasedInvestigation(MinimalInvestigation("nope"), TimeAt(40)), 1, TimeAt(40)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->store().GetErasureTime("nope"), StatusIs(absl::StatusCode::kNotFound));

  Investigation investigation = this->Insert(MinimalInvestigation("i1"));
  EXPECT_THAT(this->store().EraseInvestigation(ErasedInvestigation(investigation, TimeAt(40)), 7,
                                               TimeAt(40)),
              StatusIs(absl::StatusCode::kAborted));

  investigation = Decided(investigation, TimeAt(30));
  this->Update(investigation, HandoffFor(investigation));
  const absl::Status pending = this->store().EraseInvestigation(
      ErasedInvestigation(investigation, TimeAt(40)), 2, TimeAt(40));
  EXPECT_THAT(pending, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(pending), kReasonHandoffPending);
  EXPECT_THAT(this->store().GetErasureTime("i1"), IsOkAndHolds(std::nullopt));
  EXPECT_EQ(this->Outbox(true).front().handoff, Handoff(HandoffFor(investigation)));
  EXPECT_THAT(this->store().GetInvestigation("i1"), IsOkAndHolds(investigation));
  EXPECT_THAT(this->store().ListAuditEntries(0, 100), IsOkAndHolds(SizeIs(2)));

  ASSERT_THAT(this->store().MarkDelivered(this->Outbox(true).front().id, TimeAt(31)), IsOk());
  const Investigation erased = ErasedInvestigation(investigation, TimeAt(40));
  ASSERT_THAT(this->store().EraseInvestigation(erased, 2, TimeAt(40)), IsOk());
  // Erased before: ALREADY_EXISTS, even with the right version.
  EXPECT_THAT(
      this->store().EraseInvestigation(ErasedInvestigation(erased, TimeAt(50)), 3, TimeAt(50)),
      StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(this->store().GetErasureTime("i1"), IsOkAndHolds(Optional(TimeAt(40))));
  EXPECT_THAT(this->store().ListAuditEntries(0, 100), IsOkAndHolds(SizeIs(3)));
}

TYPED_TEST(StoreContractTest, ListsEndedInvestigationsLastChangedBeforeTheCutOffAndNotErased) {
  Investigation open = MinimalInvestigation("i1");
  open.update_time = TimeAt(10);
  this->Insert(open);
  Investigation decided_old = Decided(MinimalInvestigation("i2"), TimeAt(10));
  this->Insert(decided_old);
  Investigation withdrawn_old = Withdrawn(MinimalInvestigation("i3"), TimeAt(20));
  this->Insert(withdrawn_old);
  Investigation discontinued_recent = Withdrawn(MinimalInvestigation("i4"), TimeAt(100));
  discontinued_recent.state = InvestigationState::kDiscontinued;
  this->Insert(discontinued_recent);
  Investigation under_review = Decided(MinimalInvestigation("i5"), TimeAt(10));
  under_review.state = InvestigationState::kUnderReview;
  this->Insert(under_review);

  EXPECT_THAT(this->store().ListErasableInvestigations(TimeAt(50), 10),
              IsOkAndHolds(ElementsAre("i2", "i3")));
  EXPECT_THAT(this->store().ListErasableInvestigations(TimeAt(50), 1),
              IsOkAndHolds(ElementsAre("i2")));
  EXPECT_THAT(this->store().ListErasableInvestigations(TimeAt(50), 0), IsOkAndHolds(IsEmpty()));
  EXPECT_THAT(this->store().ListErasableInvestigations(TimeAt(101), 10),
              IsOkAndHolds(ElementsAre("i2", "i3", "i4")));
  // Exclusive: last changed exactly at the cut-off is not yet due.
  EXPECT_THAT(this->store().ListErasableInvestigations(TimeAt(20), 10),
              IsOkAndHolds(ElementsAre("i2")));

  ASSERT_THAT(this->store().EraseInvestigation(ErasedInvestigation(decided_old, TimeAt(60)),
                                               decided_old.version, TimeAt(60)),
              IsOk());
  EXPECT_THAT(this->store().ListErasableInvestigations(TimeAt(50), 10),
              IsOkAndHolds(ElementsAre("i3")));
}

}  // namespace
}  // namespace redress::investigation
