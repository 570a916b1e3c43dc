// The InvestigationStore contract (store.h) for investigations: round trips of every field,
// NOT_FOUND / ABORTED / ALREADY_EXISTS writing nothing, and versioned updates with their decision
// hand-off and request record; run over every implementation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "services/investigation/store/store_contract_fixture.h"

namespace redress::investigation {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace store_testing;  // NOLINT: test data builders and the typed fixture

TYPED_TEST(StoreContractTest, FullyPopulatedInvestigationRoundTrips) {
  const Investigation stored = this->Insert(FullInvestigation("i1"));
  EXPECT_EQ(stored.sequence, 1);
  auto got = this->store().GetInvestigation("i1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(*got, stored);
  // Spot checks that say what went wrong if the whole-object comparison fails.
  EXPECT_EQ(got->complaint, stored.complaint);
  EXPECT_EQ(got->scope, stored.scope);
  EXPECT_EQ(got->points, stored.points);
  EXPECT_EQ(got->evidence, stored.evidence);
  EXPECT_EQ(got->holds, stored.holds);
  EXPECT_EQ(got->complaint_handling_findings, stored.complaint_handling_findings);
  EXPECT_EQ(got->complaint_types, stored.complaint_types);
  EXPECT_EQ(got->organisations_investigated, stored.organisations_investigated);
  EXPECT_EQ(got->recommendations, stored.recommendations);
  ASSERT_EQ(got->recommendations.size(), 3u);
  EXPECT_EQ(got->recommendations[0].organisation, "organisations/gp-1");
  EXPECT_EQ(got->recommendations[2].organisation, "");
  EXPECT_EQ(got->provisional_view, stored.provisional_view);
  EXPECT_EQ(got->final_decision, stored.final_decision);
  EXPECT_EQ(got->previous_decisions, stored.previous_decisions);
  EXPECT_EQ(got->reviews, stored.reviews);
  EXPECT_EQ(got->narrative, stored.narrative);
  ASSERT_EQ(got->narrative.what_happened.size(), 3u);
  EXPECT_EQ(got->narrative.what_happened[0],
            "what_happened: Mrs O complained that the court lost her \xC2\xA3"
            "250 fee \xE2\x80\x93 twice.");
  EXPECT_EQ(got->holds[1].resume_state, InvestigationState::kProvisionalViewShared);
  EXPECT_EQ(got->update_time, TimeAt(95, 654321));
}

TYPED_TEST(StoreContractTest, InvestigationWithOptionalPartsUnsetRoundTrips) {
  const Investigation stored = this->Insert(MinimalInvestigation("i1", {}));
  auto got = this->store().GetInvestigation("i1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(*got, stored);
  EXPECT_FALSE(got->scope.has_value());
  EXPECT_FALSE(got->provisional_view.has_value());
  EXPECT_FALSE(got->final_decision.has_value());
  EXPECT_THAT(got->points, IsEmpty());
  EXPECT_THAT(got->complaint.organisations, IsEmpty());
  EXPECT_THAT(got->narrative.introduction, IsEmpty());
  EXPECT_EQ(got->caseworker, "");
  EXPECT_EQ(got->location, "");
}

TYPED_TEST(StoreContractTest, EmptyPartsAndUnevenSnapshotListsRoundTrip) {
  Investigation i = MinimalInvestigation("i1", {"organisations/a", "organisations/b"});
  i.complaint.organisation_published_names = {"Only the first has a name"};
  // Shared, no comments yet, the fingerprint not recorded.
  i.provisional_view =
      ProvisionalView{absl::CivilDay(2024, 1, 2), 5, absl::CivilDay(2024, 1, 9), {}, 1, "", 0, {}};
  i.scope = Scope{"", absl::CivilDay(2024, 1, 1), 1, absl::CivilDay(2024, 1, 2)};
  i.narrative.what_we_found = {"", "Second paragraph after an empty one."};
  i.points = {{"cp1", "", std::nullopt, Outcome::kUnspecified}};
  i.complaint_types = {""};
  const Investigation stored = this->Insert(i);
  EXPECT_THAT(this->store().GetInvestigation("i1"), IsOkAndHolds(stored));

  Investigation names_longer = MinimalInvestigation("i2", {"organisations/a"});
  names_longer.complaint.organisation_published_names = {"A", "B without an organisation"};
  const Investigation stored_2 = this->Insert(names_longer);
  EXPECT_THAT(this->store().GetInvestigation("i2"), IsOkAndHolds(stored_2));
}

TYPED_TEST(StoreContractTest, MissingInvestigationIsNotFoundAndWritesNothing) {
  EXPECT_THAT(this->store().GetInvestigation("nope"), StatusIs(absl::StatusCode::kNotFound));
  const Investigation decided = Decided(MinimalInvestigation("nope"), TimeAt(5));
  EXPECT_THAT(this->store().UpdateInvestigation(decided, 1, HandoffFor(decided),
                                                Request("IssueFinalDecision", "d1", "nope")),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->Outbox(true), IsEmpty());
  EXPECT_THAT(this->store().FindRequest("IssueFinalDecision", "d1"), FindsNothing());
  EXPECT_THAT(this->ListIds({}), IsEmpty());
}

TYPED_TEST(StoreContractTest, DuplicateInvestigationIdIsAlreadyExistsAndWritesNothing) {
  const Investigation first = this->Insert(FullInvestigation("i1"));
  Investigation again = MinimalInvestigation("i1");
  again.version = 7;
  EXPECT_THAT(this->store().InsertInvestigation(again, Request("OpenInvestigation", "other", "i1")),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(this->store().GetInvestigation("i1"), IsOkAndHolds(first));
  EXPECT_THAT(this->store().FindRequest("OpenInvestigation", "other"), FindsNothing());
  EXPECT_THAT(this->ListIds({}), ElementsAre("i1"));
}

TYPED_TEST(StoreContractTest, TakenRequestIsAlreadyExistsAndUsesNoSequence) {
  this->Insert(MinimalInvestigation("i1"));
  EXPECT_THAT(this->store().InsertInvestigation(MinimalInvestigation("i2"),
                                                Request("OpenInvestigation", "req-i1", "i2")),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(this->store().GetInvestigation("i2"), StatusIs(absl::StatusCode::kNotFound));
  auto found = this->store().FindRequest("OpenInvestigation", "req-i1");
  ASSERT_THAT(found, IsOk());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->resource_id, "i1");
  EXPECT_EQ(this->Insert(MinimalInvestigation("i3")).sequence, 2);
}

TYPED_TEST(StoreContractTest, StaleVersionIsAbortedAndWritesNothing) {
  const Investigation stored = this->Insert(MinimalInvestigation("i1"));
  Investigation decided = Decided(stored, TimeAt(60));
  decided.version = 3;
  EXPECT_THAT(this->store().UpdateInvestigation(decided, 2, HandoffFor(decided),
                                                Request("IssueFinalDecision", "d1", "i1")),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(this->store().GetInvestigation("i1"), IsOkAndHolds(stored));
  EXPECT_THAT(this->Outbox(true), IsEmpty());
  EXPECT_THAT(this->store().FindRequest("IssueFinalDecision", "d1"), FindsNothing());
}

TYPED_TEST(StoreContractTest, ChecksNotFoundThenAbortedThenAlreadyExists) {
  const Investigation stored = this->Insert(MinimalInvestigation("i1"));
  const RequestRecord taken = Request("OpenInvestigation", "req-i1", "i1");
  EXPECT_THAT(this->store().UpdateInvestigation(MinimalInvestigation("i2"), 1, std::nullopt, taken),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->store().UpdateInvestigation(stored, 5, std::nullopt, taken),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(this->store().UpdateInvestigation(stored, 1, std::nullopt, taken),
              StatusIs(absl::StatusCode::kAlreadyExists));
}

TYPED_TEST(StoreContractTest, UpdateReplacesTheRowAndEveryListItNames) {
  const Investigation stored = this->Insert(FullInvestigation("i1"));
  Investigation changed = stored;
  changed.version = 10;
  changed.points.erase(changed.points.begin());
  changed.points[0].finding = Finding{false, false, CausalLink::kUnspecified, "None.", TimeAt(3)};
  changed.evidence.push_back(
      {"e3", "Another", Party::kOther, absl::CivilDay(2024, 12, 1), TimeAt(99)});
  changed.evidence_count = 3;
  changed.holds[1].end_date = absl::CivilDay(2024, 8, 9);
  changed.recommendations.pop_back();
  changed.recommendations[0].organisation = "organisations/hmcts";
  changed.recommendations[1].organisation.clear();
  changed.provisional_view->commenters.clear();
  changed.narrative.introduction = {"Rewritten – once."};
  changed.narrative.putting_it_right.clear();
  changed.final_decision.reset();
  changed.scope->target_date = absl::CivilDay(2024, 12, 20);
  changed.update_time = TimeAt(100, 1);
  this->Update(changed);
  EXPECT_THAT(this->store().GetInvestigation("i1"), IsOkAndHolds(changed));

  // Every list emptied; evidence and comments are never removed.
  Investigation emptied = MinimalInvestigation("i1", {});
  emptied.sequence = stored.sequence;
  emptied.version = 11;
  emptied.evidence = changed.evidence;
  emptied.evidence_count = changed.evidence_count;
  ProvisionalView view_without_commenters = *changed.provisional_view;
  view_without_commenters.commenters.clear();
  emptied.provisional_view = view_without_commenters;
  this->Update(emptied);
  EXPECT_THAT(this->store().GetInvestigation("i1"), IsOkAndHolds(emptied));

  Investigation refilled = stored;
  refilled.version = 12;
  refilled.evidence = changed.evidence;
  refilled.evidence_count = changed.evidence_count;
  this->Update(refilled);
  EXPECT_THAT(this->store().GetInvestigation("i1"), IsOkAndHolds(refilled));
}

TYPED_TEST(StoreContractTest, AnEndedInvestigationKeepsItsEndingAndIsListedByItsState) {
  const Investigation opened = this->Insert(MinimalInvestigation("i1"));
  this->Insert(MinimalInvestigation("i2"));
  Investigation discontinued = Withdrawn(opened, TimeAt(50, 5));
  discontinued.state = InvestigationState::kDiscontinued;
  this->Update(discontinued);
  EXPECT_THAT(this->store().GetInvestigation("i1"), IsOkAndHolds(discontinued));
  InvestigationQuery query;
  query.state = InvestigationState::kDiscontinued;
  EXPECT_THAT(this->ListIds(query), ElementsAre("i1"));
  query.state = InvestigationState::kWithdrawn;
  EXPECT_THAT(this->ListIds(query), IsEmpty());
}

TYPED_TEST(StoreContractTest, UpdateWithHandoffWritesInvestigationOutboxAndRequestTogether) {
  const Investigation decided = Decided(this->Insert(MinimalInvestigation("i1")), TimeAt(80, 42));
  const DecisionHandoff handoff = HandoffFor(decided);
  const RequestRecord request = Request("IssueFinalDecision:investigations/i1", "d-1", "i1");
  ASSERT_THAT(this->store().UpdateInvestigation(decided, 1, handoff, request), IsOk());

  EXPECT_THAT(this->store().GetInvestigation("i1"), IsOkAndHolds(decided));
  const std::vector<OutboxEntry> outbox = this->Outbox(false);
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_GT(outbox[0].id, 0);
  EXPECT_EQ(outbox[0].handoff, Handoff(handoff));
  EXPECT_EQ(outbox[0].attempts, 0);
  EXPECT_EQ(outbox[0].create_time, TimeAt(80, 42));
  EXPECT_FALSE(outbox[0].delivered_time.has_value());
  auto found = this->store().FindRequest(request.scope, "d-1");
  ASSERT_THAT(found, IsOk());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->fingerprint, request.fingerprint);
}

TYPED_TEST(StoreContractTest, DuplicateHandoffKeyIsAlreadyExistsAndWritesNothing) {
  const Investigation decided = Decided(this->Insert(MinimalInvestigation("i1")), TimeAt(80));
  const DecisionHandoff handoff = HandoffFor(decided);
  this->Update(decided, handoff);

  Investigation again = decided;
  again.version = 3;
  again.caseworker = "should not be written";
  EXPECT_THAT(this->store().UpdateInvestigation(again, 2, handoff,
                                                Request("IssueFinalDecision", "x", "i1")),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(this->store().GetInvestigation("i1"), IsOkAndHolds(decided));
  EXPECT_EQ(this->Outbox(true).size(), 1u);
  EXPECT_THAT(this->store().FindRequest("IssueFinalDecision", "x"), FindsNothing());
}

TYPED_TEST(StoreContractTest, UpdateWithTakenRequestIsAlreadyExistsAndWritesNothing) {
  const Investigation stored = this->Insert(MinimalInvestigation("i1"));
  const Investigation decided = Decided(stored, TimeAt(1));
  EXPECT_THAT(this->store().UpdateInvestigation(decided, 1, HandoffFor(decided),
                                                Request("OpenInvestigation", "req-i1", "i1")),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(this->store().GetInvestigation("i1"), IsOkAndHolds(stored));
  EXPECT_THAT(this->Outbox(true), IsEmpty());
}

TYPED_TEST(StoreContractTest, SecondDecisionOfAReopenedInvestigationIsASecondHandoff) {
  const Investigation first = Decided(this->Insert(MinimalInvestigation("i1")), TimeAt(10), 1);
  this->Update(first, HandoffFor(first));
  Investigation reopened = first;
  reopened.state = InvestigationState::kInvestigating;
  reopened.previous_decisions = {*first.final_decision};
  reopened.final_decision.reset();
  reopened.version = 3;
  this->Update(reopened);
  const Investigation second = Decided(reopened, TimeAt(20), 2);
  this->Update(second, HandoffFor(second));
  const std::vector<OutboxEntry> outbox = this->Outbox(false);
  ASSERT_EQ(outbox.size(), 2u);
  EXPECT_EQ(HandoffKey(outbox[0].handoff), "investigations/i1/decisions/1");
  EXPECT_EQ(HandoffKey(outbox[1].handoff), "investigations/i1/decisions/2");
  EXPECT_EQ(std::get<DecisionHandoff>(outbox[1].handoff).decision.sequence, 2);
  EXPECT_THAT(this->store().GetInvestigation("i1"), IsOkAndHolds(second));
}

}  // namespace
}  // namespace redress::investigation
