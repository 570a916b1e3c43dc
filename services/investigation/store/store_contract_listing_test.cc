// The InvestigationStore contract (store.h) for listing investigations (order, paging and every
// filter) and for concurrent writers; run over every implementation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <thread>
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

// Five investigations, i1..i5 in sequence order, with different states, caseworkers,
// organisations investigated and scope target dates (i3 has no scope).
template <typename Test>
void InsertListingFixture(Test& test) {
  const struct {
    const char* id;
    InvestigationState state;
    const char* caseworker;
    std::vector<std::string> organisations;
    std::optional<absl::CivilDay> target;
  } rows[] = {
      {"i1",
       InvestigationState::kInvestigating,
       "alice",
       {"organisations/hmcts"},
       absl::CivilDay(2024, 1, 31)},
      {"i2",
       InvestigationState::kOnHold,
       "bob",
       {"organisations/dwp", "organisations/hmcts"},
       absl::CivilDay(2024, 2, 1)},
      {"i3", InvestigationState::kUnassigned, "", {"organisations/dwp"}, std::nullopt},
      {"i4",
       InvestigationState::kInvestigating,
       "bob",
       {"organisations/nhs-trust"},
       absl::CivilDay(2024, 2, 29)},
      {"i5",
       InvestigationState::kInvestigating,
       "alice",
       {"organisations/hmcts", "organisations/nhs-trust"},
       absl::CivilDay(2024, 3, 1)},
  };
  for (const auto& row : rows) {
    // The snapshot names hmcts for every one: the filter is on organisations investigated.
    Investigation i = MinimalInvestigation(row.id, {"organisations/hmcts"});
    i.organisations_investigated.clear();
    for (const std::string& o : row.organisations) i.organisations_investigated.push_back({o, o});
    i.state = row.state;
    i.caseworker = row.caseworker;
    if (row.target.has_value()) {
      i.scope = Scope{"scope", absl::CivilDay(2023, 10, 2), 65, *row.target};
    }
    test.Insert(i);
  }
}

InvestigationQuery Query() { return InvestigationQuery{}; }

TYPED_TEST(StoreContractTest, ListsInvestigationsInSequenceOrderWithPaging) {
  InsertListingFixture(*this);
  auto list = this->store().ListInvestigations({});
  ASSERT_THAT(list, IsOk());
  ASSERT_EQ(list->size(), 5u);
  for (size_t i = 0; i < list->size(); ++i) {
    EXPECT_EQ((*list)[i].sequence, static_cast<int64_t>(i) + 1);
  }
  InvestigationQuery q;
  EXPECT_THAT(this->ListIds(q), ElementsAre("i1", "i2", "i3", "i4", "i5"));
  q.after_sequence = 2;
  EXPECT_THAT(this->ListIds(q), ElementsAre("i3", "i4", "i5"));
  q.limit = 2;
  EXPECT_THAT(this->ListIds(q), ElementsAre("i3", "i4"));
  q.limit = 0;
  EXPECT_THAT(this->ListIds(q), IsEmpty());
  q.limit = -3;
  EXPECT_THAT(this->ListIds(q), IsEmpty());
  q = Query();
  q.after_sequence = 5;
  EXPECT_THAT(this->ListIds(q), IsEmpty());
}

TYPED_TEST(StoreContractTest, ListFiltersOnStateCaseworkerAndOrganisation) {
  InsertListingFixture(*this);
  InvestigationQuery q = Query();
  q.state = InvestigationState::kInvestigating;
  EXPECT_THAT(this->ListIds(q), ElementsAre("i1", "i4", "i5"));
  q.state = InvestigationState::kDecided;
  EXPECT_THAT(this->ListIds(q), IsEmpty());
  q = Query();
  q.caseworker = "bob";
  EXPECT_THAT(this->ListIds(q), ElementsAre("i2", "i4"));
  q.caseworker = "";
  EXPECT_THAT(this->ListIds(q), ElementsAre("i3"));
  q.caseworker = "Bob";
  EXPECT_THAT(this->ListIds(q), IsEmpty());
  q = Query();
  q.organisation = "organisations/hmcts";
  EXPECT_THAT(this->ListIds(q), ElementsAre("i1", "i2", "i5"));
  q.organisation = "organisations/nobody";
  EXPECT_THAT(this->ListIds(q), IsEmpty());
}

TYPED_TEST(StoreContractTest, ListFiltersOnComplaint) {
  InsertListingFixture(*this);
  InvestigationQuery q = Query();
  q.complaint = "complaints/for-i4";  // MinimalInvestigation's complaint
  EXPECT_THAT(this->ListIds(q), ElementsAre("i4"));
  q.state = InvestigationState::kUnassigned;
  EXPECT_THAT(this->ListIds(q), IsEmpty());
  q = Query();
  q.complaint = "complaints/for-i";
  EXPECT_THAT(this->ListIds(q), IsEmpty());
}

TYPED_TEST(StoreContractTest, ListFiltersOnTargetDateRange) {
  InsertListingFixture(*this);
  InvestigationQuery q = Query();
  q.target_date_from = absl::CivilDay(2024, 2, 1);
  EXPECT_THAT(this->ListIds(q), ElementsAre("i2", "i4", "i5"));
  q = Query();
  q.target_date_to = absl::CivilDay(2024, 2, 1);
  EXPECT_THAT(this->ListIds(q), ElementsAre("i1", "i2"));
  q.target_date_from = absl::CivilDay(2024, 1, 31);
  q.target_date_to = absl::CivilDay(2024, 2, 29);
  EXPECT_THAT(this->ListIds(q), ElementsAre("i1", "i2", "i4"));
  q.target_date_from = absl::CivilDay(2024, 3, 2);
  q.target_date_to = std::nullopt;
  EXPECT_THAT(this->ListIds(q), IsEmpty());
  q.target_date_from = absl::CivilDay(1900, 1, 1);
  EXPECT_THAT(this->ListIds(q), ElementsAre("i1", "i2", "i4", "i5"));  // i3 has no scope
}

TYPED_TEST(StoreContractTest, ListFiltersCombine) {
  InsertListingFixture(*this);
  InvestigationQuery q;
  q.after_sequence = 1;
  q.limit = 1;
  q.state = InvestigationState::kInvestigating;
  q.caseworker = "alice";
  q.organisation = "organisations/hmcts";
  q.target_date_from = absl::CivilDay(2024, 1, 1);
  q.target_date_to = absl::CivilDay(2024, 12, 31);
  q.complaint = "complaints/for-i5";
  EXPECT_THAT(this->ListIds(q), ElementsAre("i5"));
  q.caseworker = "bob";
  EXPECT_THAT(this->ListIds(q), IsEmpty());
}

TYPED_TEST(StoreContractTest, PagesThroughAFilteredListWithAfterSequence) {
  InsertListingFixture(*this);
  std::vector<std::string> seen;
  InvestigationQuery q;
  q.limit = 2;
  q.state = InvestigationState::kInvestigating;
  while (true) {
    auto page = this->store().ListInvestigations(q);
    ASSERT_THAT(page, IsOk());
    if (page->empty()) break;
    for (const Investigation& i : *page) seen.push_back(i.id);
    q.after_sequence = page->back().sequence;
  }
  EXPECT_THAT(seen, ElementsAre("i1", "i4", "i5"));
}

TYPED_TEST(StoreContractTest, ListedInvestigationsAreCompleteAndFollowUpdates) {
  const Investigation full = this->Insert(FullInvestigation("i1"));
  Investigation minimal = this->Insert(MinimalInvestigation("i2"));
  auto list = this->store().ListInvestigations({});
  ASSERT_THAT(list, IsOk());
  EXPECT_THAT(*list, ElementsAre(full, minimal));

  minimal.version = 2;
  minimal.state = InvestigationState::kAssigned;
  minimal.caseworker = "carol";
  this->Update(minimal);
  InvestigationQuery q;
  q.caseworker = "carol";
  list = this->store().ListInvestigations(q);
  ASSERT_THAT(list, IsOk());
  EXPECT_THAT(*list, ElementsAre(minimal));  // same sequence as before the update
}

TYPED_TEST(StoreContractTest, ConcurrentUpdatesOfOneVersionHaveOneWinner) {
  const Investigation stored = this->Insert(MinimalInvestigation("i1"));
  constexpr int kWriters = 8;
  std::vector<absl::Status> results(kWriters);
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      Investigation changed = Decided(stored, TimeAt(i));
      changed.caseworker = "writer " + std::to_string(i);
      results[i] = this->store().UpdateInvestigation(changed, 1, HandoffFor(changed), std::nullopt);
    });
  }
  for (auto& thread : threads) thread.join();
  int winner = -1;
  for (int i = 0; i < kWriters; ++i) {
    if (results[i].ok()) {
      EXPECT_EQ(winner, -1) << "writers " << winner << " and " << i << " both won";
      winner = i;
    } else {
      EXPECT_THAT(results[i], StatusIs(absl::StatusCode::kAborted));
    }
  }
  ASSERT_NE(winner, -1);
  auto got = this->store().GetInvestigation("i1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(got->caseworker, "writer " + std::to_string(winner));
  EXPECT_EQ(this->Outbox(true).size(), 1u);
}

}  // namespace
}  // namespace redress::investigation
