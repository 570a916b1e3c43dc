// The InvestigationStore contract (store.h) for an investigation's owner, the complaint's owner in
// intake (docs/security.md): the owner round trips, a list narrowed by owner, alone and with an
// organisation, pages exactly, and a decision's hand-off carries it as complaint_owner until it is
// delivered; run over every implementation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "common/testing/status_matchers.h"
#include "services/investigation/store/store_contract_fixture.h"

namespace redress::investigation {
namespace {

using ::redress::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace store_testing;  // NOLINT: test data builders and the typed fixture

// Every page of `query` with `limit` per page, the ids in the order listed; stops at the first
// short page, so paging neither skips nor repeats.
template <typename Test>
std::vector<std::string> ListAllPages(Test& test, InvestigationQuery query, int limit) {
  std::vector<std::string> seen;
  query.limit = limit;
  for (int page_number = 0; page_number < 20; ++page_number) {
    auto page = test.store().ListInvestigations(query);
    EXPECT_THAT(page, IsOk());
    if (!page.ok() || page->empty()) break;
    EXPECT_LE(page->size(), static_cast<size_t>(limit));
    for (const Investigation& i : *page) seen.push_back(i.id);
    if (page->size() < static_cast<size_t>(limit)) break;
    query.after_sequence = page->back().sequence;
  }
  return seen;
}

// Nine investigations, i1..i9 in sequence order: alice owns i1, i3, i6, i7; bob i2, i5; i4 none
// (a complaint staff submitted); "Alice" i8 and "alice2" i9, so a case-insensitive or prefix
// comparison would show.
template <typename Test>
void InsertOwnedInvestigations(Test& test) {
  const struct {
    const char* id;
    const char* owner;
    std::vector<std::string> organisations;
  } rows[] = {
      {"i1", "alice", {"organisations/hmcts"}},
      {"i2", "bob", {"organisations/hmcts", "organisations/dwp"}},
      {"i3", "alice", {"organisations/dwp"}},
      {"i4", "", {"organisations/hmcts"}},
      {"i5", "bob", {"organisations/nhs-trust"}},
      {"i6", "alice", {"organisations/nhs-trust", "organisations/hmcts"}},
      {"i7", "alice", {"organisations/hmcts"}},
      {"i8", "Alice", {"organisations/hmcts"}},
      {"i9", "alice2", {"organisations/hmcts"}},
  };
  for (const auto& row : rows) {
    Investigation i = MinimalInvestigation(row.id, row.organisations);
    i.owner = row.owner;
    test.Insert(i);
  }
}

TYPED_TEST(StoreContractTest, OwnerRoundTripsOnGetListAndUpdate) {
  Investigation owned = FullInvestigation("i1");
  owned.owner = "auth0|6571-ÿ";
  Investigation stored = this->Insert(owned);
  auto got = this->store().GetInvestigation("i1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(got->owner, "auth0|6571-ÿ");
  EXPECT_EQ(*got, stored);
  this->Insert(MinimalInvestigation("i2"));
  auto list = this->store().ListInvestigations({});
  ASSERT_THAT(list, IsOk());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].owner, "auth0|6571-ÿ");
  EXPECT_EQ((*list)[1].owner, "");

  stored.version += 1;
  stored.caseworker = "caseworker-9";
  this->Update(stored);
  EXPECT_THAT(this->store().GetInvestigation("i1"), IsOkAndHolds(stored));
}

TYPED_TEST(StoreContractTest, ListsByOwnerExactlyAcrossPages) {
  InsertOwnedInvestigations(*this);
  InvestigationQuery query;
  query.owner = "alice";
  EXPECT_THAT(ListAllPages(*this, query, 2), ElementsAre("i1", "i3", "i6", "i7"));
  EXPECT_THAT(ListAllPages(*this, query, 1), ElementsAre("i1", "i3", "i6", "i7"));
  query.owner = "bob";
  EXPECT_THAT(ListAllPages(*this, query, 2), ElementsAre("i2", "i5"));
  query.owner = "Alice";
  EXPECT_THAT(ListAllPages(*this, query, 2), ElementsAre("i8"));
  query.owner = "";
  EXPECT_THAT(ListAllPages(*this, query, 2), ElementsAre("i4"));
  query.owner = "carol";
  EXPECT_THAT(ListAllPages(*this, query, 2), IsEmpty());
  query.owner = "ali";
  EXPECT_THAT(ListAllPages(*this, query, 2), IsEmpty());
  EXPECT_THAT(ListAllPages(*this, InvestigationQuery{}, 4),
              ElementsAre("i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9"));
}

TYPED_TEST(StoreContractTest, ListsByOwnerAndOrganisationAcrossPages) {
  InsertOwnedInvestigations(*this);
  InvestigationQuery query;
  query.owner = "alice";
  query.organisation = "organisations/hmcts";
  EXPECT_THAT(ListAllPages(*this, query, 2), ElementsAre("i1", "i6", "i7"));
  query.organisation = "organisations/dwp";
  EXPECT_THAT(ListAllPages(*this, query, 1), ElementsAre("i3"));
  query.owner = "bob";
  EXPECT_THAT(ListAllPages(*this, query, 1), ElementsAre("i2"));
  query.organisation = "organisations/nhs-trust";
  EXPECT_THAT(ListAllPages(*this, query, 1), ElementsAre("i5"));
  query.organisation = "organisations/nobody";
  EXPECT_THAT(ListAllPages(*this, query, 1), IsEmpty());
  // The organisation alone, as a liaison lists: every owner's.
  InvestigationQuery organisation_only;
  organisation_only.organisation = "organisations/hmcts";
  EXPECT_THAT(ListAllPages(*this, organisation_only, 2),
              ElementsAre("i1", "i2", "i4", "i6", "i7", "i8", "i9"));
}

TYPED_TEST(StoreContractTest, DecisionHandoffCarriesTheComplaintOwnerUntilDelivered) {
  Investigation investigation = MinimalInvestigation("i1");
  investigation.owner = "alice";
  investigation = Decided(this->Insert(investigation), TimeAt(40, 7));
  DecisionHandoff handoff = HandoffFor(investigation);
  handoff.complaint_owner = investigation.owner;
  this->Update(investigation, handoff);

  std::vector<OutboxEntry> pending = this->Outbox(false);
  ASSERT_EQ(pending.size(), 1u);
  ASSERT_TRUE(std::holds_alternative<DecisionHandoff>(pending[0].handoff));
  EXPECT_EQ(std::get<DecisionHandoff>(pending[0].handoff).complaint_owner, "alice");
  EXPECT_EQ(pending[0].handoff, Handoff(handoff));
  auto claimed = this->store().ClaimOutbox("replica-1", absl::Minutes(1), 10);
  ASSERT_THAT(claimed, IsOk());
  ASSERT_EQ(claimed->size(), 1u);
  ASSERT_TRUE(std::holds_alternative<DecisionHandoff>((*claimed)[0].handoff));
  EXPECT_EQ(std::get<DecisionHandoff>((*claimed)[0].handoff).complaint_owner, "alice");

  ASSERT_THAT(this->store().MarkDelivered(pending[0].id, TimeAt(50)), IsOk());
  const std::vector<OutboxEntry> delivered = this->Outbox(true);
  ASSERT_EQ(delivered.size(), 1u);
  ASSERT_TRUE(std::holds_alternative<DecisionHandoff>(delivered[0].handoff));
  EXPECT_EQ(std::get<DecisionHandoff>(delivered[0].handoff).complaint_owner, "");
  EXPECT_EQ(delivered[0].handoff, DeliveredHandoff(handoff));
  // The investigation keeps its owner: only the delivered row forgets it.
  auto got = this->store().GetInvestigation("i1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(got->owner, "alice");
}

}  // namespace
}  // namespace redress::investigation
