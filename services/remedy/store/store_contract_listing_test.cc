// The RemedyStore contract (store.h) for listing recommendations: order, limit, after_sequence and
// every filter of RecommendationQuery, alone and combined; run over every implementation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
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

using State = RecommendationState;

// Six recommendations, a1..a6 in sequence order, received in three decisions, with different
// states, investigations, organisations and target dates.
template <typename Test>
void InsertListingFixture(Test& test) {
  const struct {
    const char* id;
    const char* investigation;
    const char* organisation;
    State state;
    absl::CivilDay target;
  } rows[] = {
      {"a1", "i1", "hmcts", State::kAwaitingResponse, absl::CivilDay(2024, 1, 31)},
      {"a2", "i1", "dwp", State::kOverdue, absl::CivilDay(2024, 2, 1)},
      {"a3", "i2", "hmcts", State::kComplied, absl::CivilDay(2024, 2, 29)},
      {"a4", "i2", "nhs-trust", State::kOverdue, absl::CivilDay(2024, 3, 1)},
      {"a5", "i3", "hmcts", State::kOverdue, absl::CivilDay(2024, 2, 1)},
      {"a6", "i3", "dwp", State::kSuperseded, absl::CivilDay(2023, 12, 31)},
  };
  std::vector<Recommendation> batch;
  int decision = 0;
  for (const auto& row : rows) {
    Recommendation r =
        MinimalRecommendation(row.id, row.investigation, row.organisation, row.target);
    r.state = row.state;
    batch.push_back(r);
    if (batch.size() == 2) {
      test.Receive(batch, ++decision);
      batch.clear();
    }
  }
}

RecommendationQuery Query() { return RecommendationQuery{}; }

TYPED_TEST(StoreContractTest, ListsInSequenceOrderWithLimitAndAfterSequence) {
  InsertListingFixture(*this);
  auto list = this->store().ListRecommendations({});
  ASSERT_THAT(list, IsOk());
  ASSERT_EQ(list->size(), 6u);
  for (size_t i = 0; i < list->size(); ++i) {
    EXPECT_EQ((*list)[i].sequence, static_cast<int64_t>(i) + 1);
  }
  RecommendationQuery q;
  EXPECT_THAT(this->ListIds(q), ElementsAre("a1", "a2", "a3", "a4", "a5", "a6"));
  q.after_sequence = 2;
  EXPECT_THAT(this->ListIds(q), ElementsAre("a3", "a4", "a5", "a6"));
  q.limit = 2;
  EXPECT_THAT(this->ListIds(q), ElementsAre("a3", "a4"));
  q.limit = 1;
  EXPECT_THAT(this->ListIds(q), ElementsAre("a3"));
  q.limit = 0;
  EXPECT_THAT(this->ListIds(q), IsEmpty());
  q.limit = -3;
  EXPECT_THAT(this->ListIds(q), IsEmpty());
  q = Query();
  q.after_sequence = 6;
  EXPECT_THAT(this->ListIds(q), IsEmpty());
  q.after_sequence = -5;
  EXPECT_THAT(this->ListIds(q), ElementsAre("a1", "a2", "a3", "a4", "a5", "a6"));
}

TYPED_TEST(StoreContractTest, ListedRecommendationsAreCompleteAndFollowUpdates) {
  const Recommendation full = this->ReceiveOne(FullRecommendation("full"));
  Recommendation minimal = this->ReceiveOne(MinimalRecommendation("min"), 2);
  EXPECT_THAT(this->All(), ElementsAre(full, minimal));
  minimal.version = 2;
  minimal.state = State::kAccepted;
  minimal.reschedules = full.reschedules;
  ASSERT_THAT(this->store().UpdateRecommendation(minimal, 1), IsOk());
  RecommendationQuery q;
  q.states = {State::kAccepted};
  auto list = this->store().ListRecommendations(q);
  ASSERT_THAT(list, IsOk());
  EXPECT_THAT(*list, ElementsAre(minimal));  // same sequence as before the update
}

TYPED_TEST(StoreContractTest, ListFiltersOnAnyOfTheStates) {
  InsertListingFixture(*this);
  RecommendationQuery q = Query();
  q.states = {State::kOverdue};
  EXPECT_THAT(this->ListIds(q), ElementsAre("a2", "a4", "a5"));
  q.states = {State::kSuperseded, State::kAwaitingResponse};
  EXPECT_THAT(this->ListIds(q), ElementsAre("a1", "a6"));
  q.states = {State::kComplied, State::kOverdue, State::kComplied};
  EXPECT_THAT(this->ListIds(q), ElementsAre("a2", "a3", "a4", "a5"));
  q.states = {State::kEscalated};
  EXPECT_THAT(this->ListIds(q), IsEmpty());
  q.states = {};
  EXPECT_THAT(this->ListIds(q), ElementsAre("a1", "a2", "a3", "a4", "a5", "a6"));
}

TYPED_TEST(StoreContractTest, ListFiltersOnOrganisationAndInvestigation) {
  InsertListingFixture(*this);
  RecommendationQuery q = Query();
  q.organisation_id = "hmcts";
  EXPECT_THAT(this->ListIds(q), ElementsAre("a1", "a3", "a5"));
  q.organisation_id = "HMCTS";
  EXPECT_THAT(this->ListIds(q), IsEmpty());
  q.organisation_id = "";
  EXPECT_THAT(this->ListIds(q), IsEmpty());
  q = Query();
  q.investigation_id = "i2";
  EXPECT_THAT(this->ListIds(q), ElementsAre("a3", "a4"));
  q.investigation_id = "i";
  EXPECT_THAT(this->ListIds(q), IsEmpty());
}

TYPED_TEST(StoreContractTest, ListFiltersOnTargetDateRangeInclusive) {
  InsertListingFixture(*this);
  RecommendationQuery q = Query();
  q.target_date_from = absl::CivilDay(2024, 2, 1);
  EXPECT_THAT(this->ListIds(q), ElementsAre("a2", "a3", "a4", "a5"));
  q = Query();
  q.target_date_to = absl::CivilDay(2024, 2, 1);
  EXPECT_THAT(this->ListIds(q), ElementsAre("a1", "a2", "a5", "a6"));
  q.target_date_from = absl::CivilDay(2024, 1, 31);
  q.target_date_to = absl::CivilDay(2024, 2, 29);
  EXPECT_THAT(this->ListIds(q), ElementsAre("a1", "a2", "a3", "a5"));
  q.target_date_from = absl::CivilDay(2024, 2, 1);
  q.target_date_to = absl::CivilDay(2024, 2, 1);
  EXPECT_THAT(this->ListIds(q), ElementsAre("a2", "a5"));
  q.target_date_from = absl::CivilDay(2024, 3, 2);
  q.target_date_to = std::nullopt;
  EXPECT_THAT(this->ListIds(q), IsEmpty());
  q.target_date_from = absl::CivilDay(2024, 3, 1);
  q.target_date_to = absl::CivilDay(2024, 2, 1);  // an empty range
  EXPECT_THAT(this->ListIds(q), IsEmpty());
  q.target_date_from = absl::CivilDay(1900, 1, 1);
  q.target_date_to = absl::CivilDay(9999, 12, 31);
  EXPECT_THAT(this->ListIds(q), ElementsAre("a1", "a2", "a3", "a4", "a5", "a6"));
}

TYPED_TEST(StoreContractTest, ListFiltersCombine) {
  InsertListingFixture(*this);
  RecommendationQuery q;
  q.states = {State::kOverdue, State::kComplied};
  q.organisation_id = "hmcts";
  EXPECT_THAT(this->ListIds(q), ElementsAre("a3", "a5"));
  q.target_date_to = absl::CivilDay(2024, 2, 28);
  EXPECT_THAT(this->ListIds(q), ElementsAre("a5"));
  q.investigation_id = "i3";
  q.target_date_from = absl::CivilDay(2024, 2, 1);
  EXPECT_THAT(this->ListIds(q), ElementsAre("a5"));
  q.after_sequence = 5;
  EXPECT_THAT(this->ListIds(q), IsEmpty());
  q.after_sequence = 4;
  q.limit = 1;
  EXPECT_THAT(this->ListIds(q), ElementsAre("a5"));
  q.investigation_id = "i2";
  EXPECT_THAT(this->ListIds(q), IsEmpty());
  // Investigation and organisation without states or dates.
  q = Query();
  q.investigation_id = "i1";
  q.organisation_id = "dwp";
  EXPECT_THAT(this->ListIds(q), ElementsAre("a2"));
}

TYPED_TEST(StoreContractTest, CountRecommendationsCountsWhatTheListWouldReturn) {
  InsertListingFixture(*this);
  auto count = [this](const RecommendationQuery& q) {
    absl::StatusOr<int64_t> counted = this->store().CountRecommendations(q);
    EXPECT_THAT(counted, IsOk());
    EXPECT_EQ(counted.value_or(-1), static_cast<int64_t>(this->ListIds(q).size()));
    return counted.value_or(-1);
  };
  RecommendationQuery q = Query();
  EXPECT_EQ(count(q), 6);
  q.states = {State::kOverdue, State::kComplied};
  EXPECT_EQ(count(q), 4);
  q.organisation_id = "hmcts";
  q.target_date_to = absl::CivilDay(2024, 2, 28);
  EXPECT_EQ(count(q), 1);
  q = Query();
  q.limit = 2;  // a cap
  EXPECT_EQ(count(q), 2);
  q.limit = 0;
  EXPECT_EQ(count(q), 0);
  q = Query();
  q.after_sequence = 4;
  EXPECT_EQ(count(q), 2);
  q.states = {State::kEscalated};
  EXPECT_EQ(count(q), 0);
}

TYPED_TEST(StoreContractTest, PagesThroughAFilteredListWithAfterSequence) {
  InsertListingFixture(*this);
  std::vector<std::string> seen;
  RecommendationQuery q;
  q.limit = 2;
  q.states = {State::kOverdue, State::kAwaitingResponse};
  while (true) {
    auto page = this->store().ListRecommendations(q);
    ASSERT_THAT(page, IsOk());
    ASSERT_LE(page->size(), 2u);
    if (page->empty()) break;
    for (const Recommendation& r : *page) seen.push_back(r.id);
    q.after_sequence = page->back().sequence;
  }
  EXPECT_THAT(seen, ElementsAre("a1", "a2", "a4", "a5"));
}

}  // namespace
}  // namespace redress::remedy
