// The RemedyStore contract (store.h) for the audit log, run over every implementation: each write
// appends one entry per resource it changes to one sound chain, naming the current call; a failed
// write and the follow-up lease append nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/audit/audit_scope.h"
#include "common/audit/audit_verifier.h"
#include "common/testing/status_matchers.h"
#include "services/remedy/store/store_contract_fixture.h"

namespace redress::remedy {
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

TYPED_TEST(StoreContractTest, EveryWriteAppendsAnEntryPerResourceToOneSoundChain) {
  ASSERT_THAT(MakeAuditedChanges(this->store()), IsOk());

  const std::vector<audit::AuditEntry> entries = Entries(this->store());
  ASSERT_EQ(entries.size(), 10u);
  std::vector<std::string> resources;
  for (const audit::AuditEntry& entry : entries) {
    resources.push_back(entry.resource);
    EXPECT_EQ(entry.request_id, "");
    // A digest of rows that exist: every entry's resource was found by its key.
    EXPECT_EQ(entry.after_digest.size(), 64u) << entry.resource;
  }
  EXPECT_THAT(resources, ElementsAre("investigations/i1/decisions/1", "recommendations/r1",
                                     "recommendations/r2", "recommendations/r1", "caseSummaries/i1",
                                     "caseSummaries/i1/issues/abcd", "caseSummaries/i1",
                                     "investigations/i1/decisions/2", "recommendations/r3",
                                     "recommendations/r2"));
  // Creations have no before digest; a change's before is the resource's previous after.
  for (int creation : {0, 1, 2, 4, 5, 7, 8}) EXPECT_EQ(entries[creation].before_digest, "");
  EXPECT_EQ(entries[3].before_digest, entries[1].after_digest);
  EXPECT_NE(entries[3].after_digest, entries[1].after_digest);
  EXPECT_EQ(entries[6].before_digest, entries[4].after_digest);
  EXPECT_NE(entries[6].after_digest, entries[4].after_digest);
  EXPECT_EQ(entries[9].before_digest, entries[2].after_digest);
  EXPECT_NE(entries[9].after_digest, entries[2].after_digest);

  auto verification = audit::VerifyAuditChain(
      [&](int64_t after, int limit) { return this->store().ListAuditEntries(after, limit); },
      std::nullopt, /*page_size=*/3);
  ASSERT_THAT(verification, IsOk());
  EXPECT_FALSE(verification->problem.has_value());
  EXPECT_EQ(verification->entries_checked, 10);
  EXPECT_EQ(verification->head.sequence, 10);
  EXPECT_EQ(verification->head.hash, entries[9].hash);
}

TYPED_TEST(StoreContractTest, AnEntryNamesTheCurrentCallOrTheSystem) {
  {
    audit::ScopedAuditCall call("service:investigation", "remedy.ReceiveDecision");
    this->ReceiveOne(MinimalRecommendation("r1"));
  }
  Recommendation changed = MinimalRecommendation("r1");
  changed.version = 2;
  ASSERT_THAT(this->store().UpdateRecommendation(changed, 1), IsOk());
  const std::vector<audit::AuditEntry> entries = Entries(this->store());
  ASSERT_EQ(entries.size(), 3u);
  for (int i : {0, 1}) {
    EXPECT_EQ(entries[i].actor, "service:investigation");
    EXPECT_EQ(entries[i].rpc, "remedy.ReceiveDecision");
  }
  EXPECT_EQ(entries[2].actor, "system:remedy");
  EXPECT_EQ(entries[2].rpc, "remedy.system");
}

TYPED_TEST(StoreContractTest, AFailedWriteAppendsNoEntry) {
  ASSERT_THAT(MakeAuditedChanges(this->store()), IsOk());
  ASSERT_EQ(Entries(this->store()).size(), 10u);

  EXPECT_THAT(
      this->store().ReceiveHandoff(Receipt("i1", 1, {"r9"}), {MinimalRecommendation("r9")}, {}),
      StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(this->store().ReceiveHandoff(Receipt("i2", 1, {"r1"}),
                                           {MinimalRecommendation("r1", "i2")}, {}),
              StatusIs(absl::StatusCode::kAlreadyExists));
  Recommendation stale = MinimalRecommendation("r1");
  stale.version = 9;
  EXPECT_THAT(this->store().UpdateRecommendation(stale, 8), StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(this->store().UpdateRecommendation(MinimalRecommendation("nope"), 1),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->store().InsertCaseSummary(FullSummary("i1", 2)),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(this->store().InsertIssueAcknowledgement(AcknowledgementOf("i1", "abcd")),
              StatusIs(absl::StatusCode::kAlreadyExists));
  ASSERT_THAT(this->store().AcquireFollowUpLease("replica-a", absl::Seconds(30)), IsOk());
  EXPECT_EQ(Entries(this->store()).size(), 10u);
}

TYPED_TEST(StoreContractTest, AuditEntriesArePaged) {
  ASSERT_THAT(MakeAuditedChanges(this->store()), IsOk());
  auto page = this->store().ListAuditEntries(2, 2);
  ASSERT_THAT(page, IsOk());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].sequence, 3);
  EXPECT_EQ((*page)[1].sequence, 4);
  auto end = this->store().ListAuditEntries(10, 10);
  ASSERT_THAT(end, IsOk());
  EXPECT_THAT(*end, IsEmpty());
  auto none = this->store().ListAuditEntries(0, 0);
  ASSERT_THAT(none, IsOk());
  EXPECT_THAT(*none, IsEmpty());
}

}  // namespace
}  // namespace redress::remedy
