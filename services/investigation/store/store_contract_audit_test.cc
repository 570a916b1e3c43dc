// The InvestigationStore contract (store.h) for the audit log, run over every implementation: each
// write appends one entry to one sound chain, naming the current call; a failed write and the
// outbox's bookkeeping append nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/audit/audit_scope.h"
#include "common/audit/audit_verifier.h"
#include "common/testing/status_matchers.h"
#include "services/investigation/store/store_contract_fixture.h"

namespace redress::investigation {
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

TYPED_TEST(StoreContractTest, AnEmptyLogHasNoEntries) {
  EXPECT_THAT(Entries(this->store()), IsEmpty());
}

TYPED_TEST(StoreContractTest, EveryWriteAppendsItsEntriesToOneSoundChain) {
  ASSERT_THAT(MakeAuditedChanges(this->store()), IsOk());

  // i2 opens with two evidence items and two comments: each has an entry of its own after i2's.
  const std::vector<audit::AuditEntry> entries = Entries(this->store());
  ASSERT_EQ(entries.size(), 9u);
  std::vector<std::string> resources;
  std::vector<std::string> request_ids;
  for (const audit::AuditEntry& entry : entries) {
    resources.push_back(entry.resource);
    request_ids.push_back(entry.request_id);
    EXPECT_EQ(entry.after_digest.size(), 64u);
  }
  EXPECT_THAT(resources,
              ElementsAre("investigations/i1", "investigations/i1", "investigations/i2",
                          "investigations/i2/evidence/e1", "investigations/i2/evidence/e2",
                          "investigations/i2/comments/c1", "investigations/i2/comments/c2",
                          "investigations/i1", "investigations/i2"));
  EXPECT_THAT(request_ids, ElementsAre("req-i1", "", "req-i2", "req-i2", "req-i2", "req-i2",
                                       "req-i2", "req-decide", ""));
  // A creation has no before digest; a change's before is the resource's previous after.
  EXPECT_EQ(entries[0].before_digest, "");
  EXPECT_EQ(entries[1].before_digest, entries[0].after_digest);
  EXPECT_NE(entries[1].after_digest, entries[0].after_digest);
  EXPECT_EQ(entries[2].before_digest, "");
  EXPECT_EQ(entries[3].before_digest, "");
  EXPECT_EQ(entries[7].before_digest, entries[1].after_digest);
  EXPECT_EQ(entries[8].before_digest, entries[2].after_digest);
  EXPECT_NE(entries[8].after_digest, entries[2].after_digest);

  auto verification = audit::VerifyAuditChain(
      [&](int64_t after, int limit) { return this->store().ListAuditEntries(after, limit); },
      std::nullopt, /*page_size=*/2);
  ASSERT_THAT(verification, IsOk());
  EXPECT_FALSE(verification->problem.has_value());
  EXPECT_EQ(verification->entries_checked, 9);
  EXPECT_EQ(verification->head.sequence, 9);
  EXPECT_EQ(verification->head.hash, entries[8].hash);
}

TYPED_TEST(StoreContractTest, AnEntryNamesTheCurrentCallOrTheSystem) {
  Investigation investigation = MinimalInvestigation("i1");
  {
    audit::ScopedAuditCall call("service:intake", "investigation.OpenInvestigation");
    investigation = this->Insert(investigation);
  }
  investigation.version = 2;
  this->Update(investigation);
  const std::vector<audit::AuditEntry> entries = Entries(this->store());
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].actor, "service:intake");
  EXPECT_EQ(entries[0].rpc, "investigation.OpenInvestigation");
  EXPECT_EQ(entries[1].actor, "system:investigation");
  EXPECT_EQ(entries[1].rpc, "investigation.system");
}

TYPED_TEST(StoreContractTest, AFailedWriteAppendsNoEntry) {
  Investigation investigation = this->Insert(MinimalInvestigation("i1"));
  investigation = Decided(investigation, TimeAt(40));
  this->Update(investigation, HandoffFor(investigation));
  ASSERT_EQ(Entries(this->store()).size(), 2u);

  EXPECT_THAT(this->store().InsertInvestigation(MinimalInvestigation("i1"),
                                                Request("OpenInvestigation", "req-other", "i1")),
              StatusIs(absl::StatusCode::kAlreadyExists));
  investigation.version += 1;
  EXPECT_THAT(this->store().UpdateInvestigation(investigation, 7, std::nullopt, std::nullopt),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(this->store().UpdateInvestigation(MinimalInvestigation("missing"), 1, std::nullopt,
                                                std::nullopt),
              StatusIs(absl::StatusCode::kNotFound));
  // The same hand-off again, and a taken request record: refused after the version check.
  EXPECT_THAT(this->store().UpdateInvestigation(investigation, investigation.version - 1,
                                                HandoffFor(investigation), std::nullopt),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(
      this->store().UpdateInvestigation(investigation, investigation.version - 1, std::nullopt,
                                        Request("OpenInvestigation", "req-i1", "i1")),
      StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_EQ(Entries(this->store()).size(), 2u);
}

TYPED_TEST(StoreContractTest, OutboxBookkeepingAppendsNoEntry) {
  Investigation investigation = this->Insert(MinimalInvestigation("i1"));
  investigation = Decided(investigation, TimeAt(40));
  this->Update(investigation, HandoffFor(investigation));
  const std::vector<OutboxEntry> outbox = this->Outbox(false);
  ASSERT_EQ(outbox.size(), 1u);
  ASSERT_THAT(this->store().ClaimOutbox("replica-a", absl::Seconds(30), 10), IsOk());
  ASSERT_THAT(this->store().RecordFailedAttempt(outbox[0].id, TimeAt(41), "down"), IsOk());
  ASSERT_THAT(this->store().MarkDelivered(outbox[0].id, TimeAt(42)), IsOk());
  EXPECT_EQ(Entries(this->store()).size(), 2u);
}

TYPED_TEST(StoreContractTest, AuditEntriesArePaged) {
  ASSERT_THAT(MakeAuditedChanges(this->store()), IsOk());
  auto page = this->store().ListAuditEntries(2, 2);
  ASSERT_THAT(page, IsOk());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].sequence, 3);
  EXPECT_EQ((*page)[1].sequence, 4);
  auto end = this->store().ListAuditEntries(9, 10);
  ASSERT_THAT(end, IsOk());
  EXPECT_THAT(*end, IsEmpty());
  auto none = this->store().ListAuditEntries(0, 0);
  ASSERT_THAT(none, IsOk());
  EXPECT_THAT(*none, IsEmpty());
}

}  // namespace
}  // namespace redress::investigation
