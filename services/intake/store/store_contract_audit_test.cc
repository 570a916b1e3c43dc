// The IntakeStore contract (store.h) for the audit log, run over every implementation: each write
// appends one entry to one sound chain, naming the current call; a failed write and the outbox's
// bookkeeping append nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/audit/audit_scope.h"
#include "common/audit/audit_verifier.h"
#include "common/testing/status_matchers.h"
#include "services/intake/store/store_contract_fixture.h"

namespace redress::intake {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace store_testing;  // NOLINT: test data builders and the typed fixture

template <typename Store>
std::vector<audit::AuditEntry> Entries(Store& store) {
  auto entries = store.ListAuditEntries(0, 1000);
  EXPECT_THAT(entries, IsOk());
  return entries.ok() ? *entries : std::vector<audit::AuditEntry>();
}

template <typename Store>
std::vector<std::string> Resources(Store& store) {
  std::vector<std::string> resources;
  for (const audit::AuditEntry& entry : Entries(store)) resources.push_back(entry.resource);
  return resources;
}

TYPED_TEST(StoreContractTest, AnEmptyLogHasNoEntries) {
  EXPECT_THAT(Entries(this->store()), IsEmpty());
}

TYPED_TEST(StoreContractTest, EveryWriteAppendsOneEntryToOneSoundChain) {
  Organisation organisation = FullOrganisation("hmcts");
  ASSERT_THAT(this->store().InsertOrganisation(organisation,
                                               Request("CreateOrganisation", "req-org", "hmcts")),
              IsOk());
  organisation.display_name = "Renamed";
  organisation.version = 2;
  ASSERT_THAT(this->store().UpdateOrganisation(organisation, 1), IsOk());
  Complaint complaint = this->Insert(MinimalComplaint("c1", absl::CivilDay(2024, 1, 2)));
  complaint.state = ComplaintState::kAccepted;
  complaint.version = 2;
  ASSERT_THAT(this->store().UpdateComplaint(complaint, 1, HandoffFor(complaint, TimeAt(30)),
                                            Request("AssessComplaint", "req-assess", "c1")),
              IsOk());

  const std::vector<audit::AuditEntry> entries = Entries(this->store());
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_THAT(Resources(this->store()), ElementsAre("organisations/hmcts", "organisations/hmcts",
                                                    "complaints/c1", "complaints/c1"));
  EXPECT_EQ(entries[0].request_id, "req-org");
  EXPECT_EQ(entries[1].request_id, "");
  EXPECT_EQ(entries[2].request_id, "req-c1");
  EXPECT_EQ(entries[3].request_id, "req-assess");
  // A creation has no before digest; a change's before is the previous after.
  EXPECT_EQ(entries[0].before_digest, "");
  EXPECT_EQ(entries[1].before_digest, entries[0].after_digest);
  EXPECT_NE(entries[1].after_digest, entries[0].after_digest);
  EXPECT_EQ(entries[2].before_digest, "");
  EXPECT_EQ(entries[3].before_digest, entries[2].after_digest);
  EXPECT_NE(entries[3].after_digest, entries[2].after_digest);
  for (const audit::AuditEntry& entry : entries) {
    EXPECT_EQ(entry.after_digest.size(), 64u);
    EXPECT_EQ(entry.time.size(), std::string("2026-12-05T14:06:08.123456Z").size());
  }

  auto verification = audit::VerifyAuditChain(
      [&](int64_t after, int limit) { return this->store().ListAuditEntries(after, limit); },
      std::nullopt, /*page_size=*/3);
  ASSERT_THAT(verification, IsOk());
  EXPECT_FALSE(verification->problem.has_value());
  EXPECT_EQ(verification->entries_checked, 4);
  EXPECT_EQ(verification->head.sequence, 4);
  EXPECT_EQ(verification->head.hash, entries[3].hash);
}

TYPED_TEST(StoreContractTest, AnEntryNamesTheCurrentCallOrTheSystem) {
  {
    audit::ScopedAuditCall call("user:alice", "intake.SubmitComplaint");
    this->Insert(MinimalComplaint("c1", absl::CivilDay(2024, 1, 2)));
  }
  ASSERT_THAT(this->store().InsertOrganisation(FullOrganisation("hmcts"), std::nullopt), IsOk());
  const std::vector<audit::AuditEntry> entries = Entries(this->store());
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].actor, "user:alice");
  EXPECT_EQ(entries[0].rpc, "intake.SubmitComplaint");
  EXPECT_EQ(entries[1].actor, "system:intake");
  EXPECT_EQ(entries[1].rpc, "intake.system");
}

TYPED_TEST(StoreContractTest, AFailedWriteAppendsNoEntry) {
  ASSERT_THAT(this->store().InsertOrganisation(FullOrganisation("hmcts"), std::nullopt), IsOk());
  Complaint complaint = this->Insert(MinimalComplaint("c1", absl::CivilDay(2024, 1, 2)));
  ASSERT_EQ(Entries(this->store()).size(), 2u);

  EXPECT_THAT(this->store().InsertOrganisation(FullOrganisation("hmcts"), std::nullopt),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(this->store().UpdateOrganisation(FullOrganisation("hmcts"), 7),
              StatusIs(absl::StatusCode::kAborted));
  complaint.version = 2;
  EXPECT_THAT(this->store().UpdateComplaint(complaint, 7, std::nullopt, std::nullopt),
              StatusIs(absl::StatusCode::kAborted));
  // Rolled back after its rows were written: the request record is taken.
  EXPECT_THAT(this->store().UpdateComplaint(complaint, 1, std::nullopt,
                                            Request("SubmitComplaint", "req-c1", "c1")),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_EQ(Entries(this->store()).size(), 2u);
}

TYPED_TEST(StoreContractTest, OutboxBookkeepingAppendsNoEntry) {
  Complaint complaint = this->Insert(MinimalComplaint("c1", absl::CivilDay(2024, 1, 2)));
  complaint.version = 2;
  ASSERT_THAT(
      this->store().UpdateComplaint(complaint, 1, HandoffFor(complaint, TimeAt(30)), std::nullopt),
      IsOk());
  const std::vector<OutboxEntry> outbox = this->Outbox(false);
  ASSERT_EQ(outbox.size(), 1u);
  ASSERT_THAT(this->store().RecordFailedAttempt(outbox[0].id, TimeAt(31), "down"), IsOk());
  ASSERT_THAT(this->store().MarkDelivered(outbox[0].id, TimeAt(32)), IsOk());
  EXPECT_EQ(Entries(this->store()).size(), 2u);
}

TYPED_TEST(StoreContractTest, AuditEntriesArePaged) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_THAT(
        this->store().InsertOrganisation(FullOrganisation("o" + std::to_string(i)), std::nullopt),
        IsOk());
  }
  auto page = this->store().ListAuditEntries(2, 2);
  ASSERT_THAT(page, IsOk());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].sequence, 3);
  EXPECT_EQ((*page)[1].sequence, 4);
  EXPECT_THAT(this->store().ListAuditEntries(5, 10), ::redress::testing::IsOk());
  EXPECT_THAT(*this->store().ListAuditEntries(5, 10), IsEmpty());
  EXPECT_THAT(*this->store().ListAuditEntries(0, 0), IsEmpty());
}

}  // namespace
}  // namespace redress::intake
