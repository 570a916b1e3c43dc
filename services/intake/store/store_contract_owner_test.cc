// The IntakeStore contract (store.h) for a complaint's owner (docs/security.md): the owner round
// trips, a list narrowed by owner, alone and with an organisation, pages exactly, and the
// acceptance hand-off carries the owner until it is delivered; run over every implementation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "services/intake/store/store_contract_fixture.h"

namespace redress::intake {
namespace {

using ::redress::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace store_testing;  // NOLINT: test data builders and the typed fixture

// Seven complaints, c1..c7 in sequence order: alice owns c1, c3, c6, c7; bob owns c2, c5; c4 has
// no owner (submitted by staff). Owners that are prefixes or case variants of one another, so a
// LIKE or a case-insensitive comparison would show.
template <typename Test>
void InsertOwnedComplaints(Test& test) {
  const struct {
    const char* id;
    const char* owner;
    std::vector<std::string> organisations;
  } rows[] = {
      {"c1", "alice", {"hmcts"}},   {"c2", "bob", {"hmcts", "dwp"}},
      {"c3", "alice", {"dwp"}},     {"c4", "", {"hmcts"}},
      {"c5", "bob", {"nhs-trust"}}, {"c6", "alice", {"nhs-trust", "hmcts"}},
      {"c7", "alice", {"hmcts"}},
  };
  for (const auto& row : rows) {
    Complaint c = MinimalComplaint(row.id, absl::CivilDay(2024, 1, 2), row.organisations);
    c.owner = row.owner;
    test.Insert(c);
  }
  Complaint near_miss = MinimalComplaint("c8", absl::CivilDay(2024, 1, 2), {"hmcts"});
  near_miss.owner = "Alice";
  test.Insert(near_miss);
  Complaint longer = MinimalComplaint("c9", absl::CivilDay(2024, 1, 2), {"hmcts"});
  longer.owner = "alice2";
  test.Insert(longer);
}

TYPED_TEST(StoreContractTest, OwnerRoundTripsOnGetAndList) {
  Complaint owned = FullComplaint("c1");
  owned.owner = "auth0|6571-ÿ";
  const Complaint stored = this->Insert(owned);
  auto got = this->store().GetComplaint("c1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(got->owner, "auth0|6571-ÿ");
  EXPECT_EQ(*got, stored);
  this->Insert(MinimalComplaint("c2", absl::CivilDay(2024, 1, 2)));
  got = this->store().GetComplaint("c2");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(got->owner, "");
  auto list = this->store().ListComplaints({});
  ASSERT_THAT(list, IsOk());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].owner, "auth0|6571-ÿ");
  EXPECT_EQ((*list)[1].owner, "");
}

TYPED_TEST(StoreContractTest, OwnerSurvivesAnUpdate) {
  Complaint owned = MinimalComplaint("c1", absl::CivilDay(2024, 1, 2));
  owned.owner = "alice";
  Complaint changed = this->Insert(owned);
  changed.version = 2;
  changed.what_went_wrong = "Changed.";
  ASSERT_THAT(this->store().UpdateComplaint(changed, 1, std::nullopt, std::nullopt), IsOk());
  EXPECT_THAT(this->store().GetComplaint("c1"), IsOkAndHolds(changed));
  ComplaintQuery query;
  query.owner = "alice";
  EXPECT_THAT(this->ListIds(query), ElementsAre("c1"));
}

TYPED_TEST(StoreContractTest, ListsByOwnerExactlyAcrossPages) {
  InsertOwnedComplaints(*this);
  ComplaintQuery query;
  query.owner = "alice";
  EXPECT_THAT(this->ListAllPages(query, 2), ElementsAre("c1", "c3", "c6", "c7"));
  EXPECT_THAT(this->ListAllPages(query, 1), ElementsAre("c1", "c3", "c6", "c7"));
  query.owner = "bob";
  EXPECT_THAT(this->ListAllPages(query, 2), ElementsAre("c2", "c5"));
  query.owner = "Alice";
  EXPECT_THAT(this->ListAllPages(query, 2), ElementsAre("c8"));
  // "" is the owner of complaints staff submitted: a filter for it finds only those.
  query.owner = "";
  EXPECT_THAT(this->ListAllPages(query, 2), ElementsAre("c4"));
  query.owner = "carol";
  EXPECT_THAT(this->ListAllPages(query, 2), IsEmpty());
  query.owner = "ali";
  EXPECT_THAT(this->ListAllPages(query, 2), IsEmpty());
  // No owner filter: everything.
  EXPECT_THAT(this->ListAllPages(ComplaintQuery{}, 3),
              ElementsAre("c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"));
}

TYPED_TEST(StoreContractTest, ListsByOwnerAndOrganisationAcrossPages) {
  InsertOwnedComplaints(*this);
  ComplaintQuery query;
  query.owner = "alice";
  query.organisation_id = "hmcts";
  EXPECT_THAT(this->ListAllPages(query, 2), ElementsAre("c1", "c6", "c7"));
  query.organisation_id = "dwp";
  EXPECT_THAT(this->ListAllPages(query, 1), ElementsAre("c3"));
  query.owner = "bob";
  EXPECT_THAT(this->ListAllPages(query, 1), ElementsAre("c2"));
  query.organisation_id = "nhs-trust";
  EXPECT_THAT(this->ListAllPages(query, 1), ElementsAre("c5"));
  query.organisation_id = "nobody";
  EXPECT_THAT(this->ListAllPages(query, 1), IsEmpty());
  // The organisation alone, as a liaison lists: every owner's.
  ComplaintQuery organisation_only;
  organisation_only.organisation_id = "hmcts";
  EXPECT_THAT(this->ListAllPages(organisation_only, 2),
              ElementsAre("c1", "c2", "c4", "c6", "c7", "c8", "c9"));
}

TYPED_TEST(StoreContractTest, AcceptanceHandoffCarriesTheOwnerUntilDelivered) {
  Complaint accepted = MinimalComplaint("c1", absl::CivilDay(2024, 1, 2));
  accepted.owner = "alice";
  accepted = this->Insert(accepted);
  accepted.state = ComplaintState::kAccepted;
  accepted.version = 2;
  AcceptanceHandoff handoff = HandoffFor(accepted, TimeAt(80, 42));
  handoff.owner = accepted.owner;
  ASSERT_THAT(this->store().UpdateComplaint(accepted, 1, handoff, std::nullopt), IsOk());

  std::vector<OutboxEntry> pending = this->Outbox(false);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].handoff.owner, "alice");
  EXPECT_EQ(pending[0].handoff, handoff);
  auto claimed = this->store().ClaimOutbox("replica-1", absl::Minutes(1), 10);
  ASSERT_THAT(claimed, IsOk());
  ASSERT_EQ(claimed->size(), 1u);
  EXPECT_EQ((*claimed)[0].handoff.owner, "alice");

  ASSERT_THAT(this->store().MarkDelivered(pending[0].id, TimeAt(90)), IsOk());
  const std::vector<OutboxEntry> delivered = this->Outbox(true);
  ASSERT_EQ(delivered.size(), 1u);
  EXPECT_EQ(delivered[0].handoff.owner, "");
  EXPECT_EQ(delivered[0].handoff, DeliveredHandoff(handoff));
  // The complaint keeps its owner: only the delivered row forgets it.
  auto got = this->store().GetComplaint("c1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(got->owner, "alice");
}

}  // namespace
}  // namespace redress::intake
