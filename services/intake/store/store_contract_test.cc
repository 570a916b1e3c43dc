// The IntakeStore contract (store.h) for organisations, idempotency request records and the
// outbox, run over every implementation. The complaints' contract is in
// store_contract_complaints_test.cc.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "services/intake/store/store_contract_fixture.h"

namespace redress::intake {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace store_testing;  // NOLINT: test data builders and the typed fixture

// --- Organisations. ---

TYPED_TEST(StoreContractTest, OrganisationRoundTrips) {
  const Organisation organisation = FullOrganisation("hmcts");
  ASSERT_THAT(this->store().InsertOrganisation(organisation, std::nullopt), IsOk());
  EXPECT_THAT(this->store().GetOrganisation("hmcts"), IsOkAndHolds(organisation));
  EXPECT_THAT(this->store().CountOrganisations(), IsOkAndHolds(1));
}

TYPED_TEST(StoreContractTest, MissingOrganisationIsNotFound) {
  EXPECT_THAT(this->store().GetOrganisation("nobody"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->store().UpdateOrganisation(FullOrganisation("nobody"), 1),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->store().CountOrganisations(), IsOkAndHolds(0));
}

TYPED_TEST(StoreContractTest, DuplicateOrganisationIdIsAlreadyExistsAndWritesNothing) {
  ASSERT_THAT(this->store().InsertOrganisation(FullOrganisation("hmcts"), std::nullopt), IsOk());
  Organisation again = FullOrganisation("hmcts");
  again.display_name = "Another";
  EXPECT_THAT(
      this->store().InsertOrganisation(again, Request("CreateOrganisation", "req-2", "hmcts")),
      StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(this->store().GetOrganisation("hmcts"), IsOkAndHolds(FullOrganisation("hmcts")));
  EXPECT_THAT(this->store().FindRequest("CreateOrganisation", "req-2"), FindsNothing());
}

TYPED_TEST(StoreContractTest, OrganisationWithTakenRequestIsAlreadyExistsAndWritesNothing) {
  const RequestRecord request = Request("CreateOrganisation", "req-1", "hmcts");
  ASSERT_THAT(this->store().InsertOrganisation(FullOrganisation("hmcts"), request), IsOk());
  EXPECT_THAT(this->store().InsertOrganisation(FullOrganisation("dwp"), request),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(this->store().GetOrganisation("dwp"), StatusIs(absl::StatusCode::kNotFound));
  auto found = this->store().FindRequest("CreateOrganisation", "req-1");
  ASSERT_THAT(found, IsOk());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->resource_id, "hmcts");
}

TYPED_TEST(StoreContractTest, UpdateOrganisationChecksVersion) {
  ASSERT_THAT(this->store().InsertOrganisation(FullOrganisation("hmcts"), std::nullopt), IsOk());
  Organisation changed = FullOrganisation("hmcts");
  changed.in_remit = false;
  changed.version = 2;
  changed.update_time = TimeAt(99, 5);
  EXPECT_THAT(this->store().UpdateOrganisation(changed, 2), StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(this->store().GetOrganisation("hmcts"), IsOkAndHolds(FullOrganisation("hmcts")));
  ASSERT_THAT(this->store().UpdateOrganisation(changed, 1), IsOk());
  EXPECT_THAT(this->store().GetOrganisation("hmcts"), IsOkAndHolds(changed));
}

TYPED_TEST(StoreContractTest, ListsOrganisationsInIdOrderWithFilters) {
  for (const char* id : {"nhs-trust", "dwp", "gp-1", "hmcts"}) {
    Organisation o = FullOrganisation(id);
    o.jurisdiction = std::string(id) == "nhs-trust" || std::string(id) == "gp-1"
                         ? Jurisdiction::kHealth
                         : Jurisdiction::kParliamentary;
    o.in_remit = std::string(id) != "gp-1";
    ASSERT_THAT(this->store().InsertOrganisation(o, std::nullopt), IsOk());
  }
  auto ids = [this](const OrganisationQuery& query) {
    std::vector<std::string> result;
    auto list = this->store().ListOrganisations(query);
    EXPECT_THAT(list, IsOk());
    if (list.ok()) {
      for (const Organisation& o : *list) result.push_back(o.id);
    }
    return result;
  };
  EXPECT_THAT(ids({}), ElementsAre("dwp", "gp-1", "hmcts", "nhs-trust"));
  EXPECT_THAT(ids({"gp-1", 100, {}, {}}), ElementsAre("hmcts", "nhs-trust"));
  EXPECT_THAT(ids({"", 2, {}, {}}), ElementsAre("dwp", "gp-1"));
  EXPECT_THAT(ids({"", 0, {}, {}}), IsEmpty());
  EXPECT_THAT(ids({"", 100, false, {}}), ElementsAre("gp-1"));
  EXPECT_THAT(ids({"", 100, true, {}}), ElementsAre("dwp", "hmcts", "nhs-trust"));
  EXPECT_THAT(ids({"", 100, {}, Jurisdiction::kHealth}), ElementsAre("gp-1", "nhs-trust"));
  EXPECT_THAT(ids({"", 100, true, Jurisdiction::kHealth}), ElementsAre("nhs-trust"));
  EXPECT_THAT(ids({"dwp", 1, true, {}}), ElementsAre("hmcts"));
}

// --- Idempotency records. ---

TYPED_TEST(StoreContractTest, FindsRequestRecordsByScopeAndId) {
  this->Insert(FullComplaint("c1"));
  auto found = this->store().FindRequest("SubmitComplaint", "req-c1");
  ASSERT_THAT(found, IsOk());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->scope, "SubmitComplaint");
  EXPECT_EQ((*found)->request_id, "req-c1");
  EXPECT_EQ((*found)->fingerprint, "fingerprint-of-req-c1");
  EXPECT_EQ((*found)->resource_id, "c1");
  EXPECT_THAT(this->store().FindRequest("AssessComplaint", "req-c1"), FindsNothing());
  EXPECT_THAT(this->store().FindRequest("SubmitComplaint", "req-c2"), FindsNothing());
}

// --- Outbox. ---

TYPED_TEST(StoreContractTest, OutboxListsUndeliveredOrAllInIdOrder) {
  std::vector<AcceptanceHandoff> handoffs;
  for (const char* id : {"c1", "c2", "c3"}) {
    Complaint c = this->Insert(MinimalComplaint(id, absl::CivilDay(2024, 1, 2)));
    c.version = 2;
    handoffs.push_back(HandoffFor(c, TimeAt(100 + static_cast<int>(handoffs.size()))));
    ASSERT_THAT(this->store().UpdateComplaint(c, 1, handoffs.back(), std::nullopt), IsOk());
  }
  std::vector<OutboxEntry> all = this->Outbox(false);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_LT(all[0].id, all[1].id);
  EXPECT_LT(all[1].id, all[2].id);
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].handoff, handoffs[i]);

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

  auto limited = this->store().ListOutbox(true, 1);
  ASSERT_THAT(limited, IsOk());
  ASSERT_EQ(limited->size(), 1u);
  EXPECT_EQ((*limited)[0].id, all[0].id);
  EXPECT_THAT(this->store().ListOutbox(true, 0), IsOkAndHolds(IsEmpty()));
}

TYPED_TEST(StoreContractTest, MarkDeliveredIsIdempotentAndKnowsItsEntries) {
  Complaint c = this->Insert(MinimalComplaint("c1", absl::CivilDay(2024, 1, 2)));
  c.version = 2;
  ASSERT_THAT(this->store().UpdateComplaint(c, 1, HandoffFor(c, TimeAt(1)), std::nullopt), IsOk());
  const int64_t id = this->Outbox(false).at(0).id;
  ASSERT_THAT(this->store().MarkDelivered(id, TimeAt(5)), IsOk());
  ASSERT_THAT(this->store().MarkDelivered(id, TimeAt(9)), IsOk());
  const std::vector<OutboxEntry> entries = this->Outbox(true);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].delivered_time, TimeAt(5));
  EXPECT_EQ(entries[0].attempts, 1);
  EXPECT_THAT(this->store().MarkDelivered(id + 1000, TimeAt(5)),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace redress::intake
