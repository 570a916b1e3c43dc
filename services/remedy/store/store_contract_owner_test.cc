// The RemedyStore contract (store.h) for a recommendation's owner, the complaint's owner handed on
// by investigation (docs/security.md): the owner round trips through a hand-off and an update,
// and a list narrowed by owner, alone and with an organisation, pages exactly; run over every
// implementation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "services/remedy/store/store_contract_fixture.h"

namespace redress::remedy {
namespace {

using ::redress::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace store_testing;  // NOLINT: test data builders and the typed fixture

// Every page of `query` with `limit` per page, the ids in the order listed; stops at the first
// short page, so paging neither skips nor repeats.
template <typename Test>
std::vector<std::string> ListAllPages(Test& test, RecommendationQuery query, int limit) {
  std::vector<std::string> seen;
  query.limit = limit;
  for (int page_number = 0; page_number < 20; ++page_number) {
    auto page = test.store().ListRecommendations(query);
    EXPECT_THAT(page, IsOk());
    if (!page.ok() || page->empty()) break;
    EXPECT_LE(page->size(), static_cast<size_t>(limit));
    for (const Recommendation& r : *page) seen.push_back(r.id);
    if (page->size() < static_cast<size_t>(limit)) break;
    query.after_sequence = page->back().sequence;
  }
  return seen;
}

// Nine recommendations, a1..a9 in sequence order, each received on its own investigation: alice
// owns a1, a3, a6, a7; bob a2, a5; a4 none (a complaint staff submitted); "Alice" a8 and "alice2"
// a9, so a case-insensitive or prefix comparison would show.
template <typename Test>
void InsertOwnedRecommendations(Test& test) {
  const struct {
    const char* id;
    const char* owner;
    const char* organisation;
  } rows[] = {
      {"a1", "alice", "hmcts"}, {"a2", "bob", "hmcts"},     {"a3", "alice", "dwp"},
      {"a4", "", "hmcts"},      {"a5", "bob", "nhs-trust"}, {"a6", "alice", "hmcts"},
      {"a7", "alice", "hmcts"}, {"a8", "Alice", "hmcts"},   {"a9", "alice2", "hmcts"},
  };
  for (const auto& row : rows) {
    Recommendation r =
        MinimalRecommendation(row.id, std::string("inv-") + row.id, row.organisation);
    r.owner = row.owner;
    test.ReceiveOne(r);
  }
}

TYPED_TEST(StoreContractTest, OwnerRoundTripsThroughAHandoffAndAnUpdate) {
  Recommendation owned = FullRecommendation("a1");
  owned.owner = "auth0|6571-ÿ";
  Recommendation stored = this->ReceiveOne(owned);
  EXPECT_EQ(stored.owner, "auth0|6571-ÿ");
  const Recommendation unowned = this->ReceiveOne(MinimalRecommendation("a2", "inv-2"));
  EXPECT_EQ(unowned.owner, "");
  const std::vector<Recommendation> all = this->All();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].owner, "auth0|6571-ÿ");
  EXPECT_EQ(all[1].owner, "");

  Recommendation changed = stored;
  changed.version += 1;
  changed.description = "Apologise in writing.";
  ASSERT_THAT(this->store().UpdateRecommendation(changed, stored.version), IsOk());
  EXPECT_THAT(this->store().GetRecommendation("a1"), IsOkAndHolds(changed));
}

TYPED_TEST(StoreContractTest, ListsByOwnerExactlyAcrossPages) {
  InsertOwnedRecommendations(*this);
  RecommendationQuery query;
  query.owner = "alice";
  EXPECT_THAT(ListAllPages(*this, query, 2), ElementsAre("a1", "a3", "a6", "a7"));
  EXPECT_THAT(ListAllPages(*this, query, 1), ElementsAre("a1", "a3", "a6", "a7"));
  query.owner = "bob";
  EXPECT_THAT(ListAllPages(*this, query, 2), ElementsAre("a2", "a5"));
  query.owner = "Alice";
  EXPECT_THAT(ListAllPages(*this, query, 2), ElementsAre("a8"));
  query.owner = "";
  EXPECT_THAT(ListAllPages(*this, query, 2), ElementsAre("a4"));
  query.owner = "carol";
  EXPECT_THAT(ListAllPages(*this, query, 2), IsEmpty());
  query.owner = "ali";
  EXPECT_THAT(ListAllPages(*this, query, 2), IsEmpty());
  EXPECT_THAT(ListAllPages(*this, RecommendationQuery{}, 4),
              ElementsAre("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9"));
}

TYPED_TEST(StoreContractTest, ListsByOwnerAndOrganisationAcrossPages) {
  InsertOwnedRecommendations(*this);
  RecommendationQuery query;
  query.owner = "alice";
  query.organisation_id = "hmcts";
  EXPECT_THAT(ListAllPages(*this, query, 2), ElementsAre("a1", "a6", "a7"));
  query.organisation_id = "dwp";
  EXPECT_THAT(ListAllPages(*this, query, 1), ElementsAre("a3"));
  query.owner = "bob";
  EXPECT_THAT(ListAllPages(*this, query, 1), IsEmpty());
  query.organisation_id = "nhs-trust";
  EXPECT_THAT(ListAllPages(*this, query, 1), ElementsAre("a5"));
  // With a state filter too, as a complainant's list of what is still open.
  query.states = {RecommendationState::kAwaitingResponse};
  EXPECT_THAT(ListAllPages(*this, query, 1), ElementsAre("a5"));
  query.states = {RecommendationState::kComplied};
  EXPECT_THAT(ListAllPages(*this, query, 1), IsEmpty());
  // The organisation alone, as a liaison lists: every owner's.
  RecommendationQuery organisation_only;
  organisation_only.organisation_id = "hmcts";
  EXPECT_THAT(ListAllPages(*this, organisation_only, 2),
              ElementsAre("a1", "a2", "a4", "a6", "a7", "a8", "a9"));
}

}  // namespace
}  // namespace redress::remedy
