// The RemedyStore contract (store.h) for personal data, run over every implementation: finding a
// complaint's cases, erasing a case in one audited transaction (refusals in the contract's order,
// each writing nothing; the published summary untouched), and retention's scan of closed cases.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/audit/audit_verifier.h"
#include "common/testing/status_matchers.h"
#include "services/remedy/personal_data.h"
#include "services/remedy/store/store_contract_fixture.h"

namespace redress::remedy {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::IsOkAndHolds;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;
using namespace store_testing;  // NOLINT: test data builders and the typed fixture

// A closed recommendation of `investigation` from `complaint`, last changed at TimeAt(seconds).
Recommendation Closed(const std::string& id, const std::string& investigation,
                      const std::string& complaint, int64_t seconds = 20) {
  Recommendation r = MinimalRecommendation(id, investigation);
  r.complaint = complaint;
  r.state = RecommendationState::kComplied;
  r.compliance = ComplianceEvidence{"Wrote to Mrs Ann Brown.", absl::CivilDay(2024, 9, 1),
                                    "Letter to 1 High Street", TimeAt(seconds)};
  r.reschedules = {{absl::CivilDay(2024, 9, 30), absl::CivilDay(2024, 10, 7),
                    "Ann Brown was in hospital.", TimeAt(15)}};
  r.update_time = TimeAt(seconds);
  return r;
}

template <typename Store>
int64_t AuditCount(Store& store) {
  auto entries = store.ListAuditEntries(0, 1000);
  EXPECT_THAT(entries, IsOk());
  return entries.ok() ? static_cast<int64_t>(entries->size()) : -1;
}

template <typename Store>
std::vector<Recommendation> ErasedOf(Store& store, const std::vector<std::string>& ids,
                                     absl::Time now) {
  std::vector<Recommendation> erased;
  for (const std::string& id : ids) {
    auto r = store.GetRecommendation(id);
    EXPECT_THAT(r, IsOk());
    if (r.ok()) erased.push_back(ErasedRecommendation(*r, now));
  }
  return erased;
}

TYPED_TEST(StoreContractTest, FindsTheCasesOfAComplaintInTheOrderFirstReceived) {
  this->ReceiveOne(Closed("r1", "i2", "complaints/c1"));
  this->ReceiveOne(Closed("r2", "i1", "complaints/c1"));
  this->ReceiveOne(Closed("r3", "i2", "complaints/c1"), 2);
  this->ReceiveOne(Closed("r4", "i3", "complaints/c2"));
  EXPECT_THAT(this->store().FindCasesByComplaint("complaints/c1"),
              IsOkAndHolds(ElementsAre("i2", "i1")));
  EXPECT_THAT(this->store().FindCasesByComplaint("complaints/c9"), IsOkAndHolds(IsEmpty()));
}

TYPED_TEST(StoreContractTest, HoldsACaseWithAnyOfItsRecords) {
  this->ReceiveOne(Closed("r1", "with-recommendation", "complaints/c1"));
  ASSERT_THAT(this->store().ReceiveHandoff(Receipt("receipt-only", 1, {}), {}, {}), IsOk());
  ASSERT_THAT(this->store().InsertIssueAcknowledgement(AcknowledgementOf("ack-only", "abcd")),
              IsOk());
  ASSERT_THAT(this->store().InsertCaseSummary(FullSummary("summary-only", 1)), IsOk());
  for (const char* held : {"with-recommendation", "receipt-only", "ack-only", "summary-only"}) {
    EXPECT_THAT(this->store().HoldsCase(held), IsOkAndHolds(true)) << held;
  }
  EXPECT_THAT(this->store().HoldsCase("unknown"), IsOkAndHolds(false));
  EXPECT_THAT(this->store().GetCaseErasureTime("with-recommendation"), IsOkAndHolds(std::nullopt));
}

TYPED_TEST(StoreContractTest, ErasureRewritesTheCaseAndKeepsItsSummaryAndOtherCases) {
  this->Receive({Closed("r1", "i1", "complaints/c1"), Closed("r2", "i1", "complaints/c1")});
  this->ReceiveOne(Closed("r3", "i2", "complaints/c1"));
  ASSERT_THAT(this->store().InsertCaseSummary(FullSummary("i1", 1)), IsOk());
  ASSERT_THAT(this->store().InsertIssueAcknowledgement(AcknowledgementOf("i1", "abcd")), IsOk());
  ASSERT_THAT(this->store().InsertIssueAcknowledgement(AcknowledgementOf("i2", "abcd")), IsOk());
  auto summary_before = this->store().GetCaseSummary("i1", 1);
  ASSERT_THAT(summary_before, IsOk());
  const int64_t entries_before = AuditCount(this->store());

  const absl::Time now = TimeAt(500, 5);
  const std::vector<Recommendation> erased = ErasedOf(this->store(), {"r1", "r2"}, now);
  ASSERT_THAT(this->store().EraseCase("i1", erased, now), IsOk());

  for (const Recommendation& expected : erased) {
    auto got = this->store().GetRecommendation(expected.id);
    ASSERT_THAT(got, IsOk());
    Recommendation want = expected;
    want.sequence = got->sequence;
    EXPECT_EQ(*got, want);
    EXPECT_EQ(got->compliance->action_taken, kErasedText);
    EXPECT_EQ(got->reschedules.at(0).reason, kErasedText);
  }
  auto untouched = this->store().GetRecommendation("r3");
  ASSERT_THAT(untouched, IsOk());
  EXPECT_EQ(untouched->compliance->action_taken, "Wrote to Mrs Ann Brown.");
  auto acknowledgements = this->store().ListIssueAcknowledgements("i1");
  ASSERT_THAT(acknowledgements, IsOk());
  ASSERT_EQ(acknowledgements->size(), 1u);
  IssueAcknowledgement want = AcknowledgementOf("i1", "abcd");
  want.reason = kErasedText;
  EXPECT_EQ(acknowledgements->at(0), want);
  auto other = this->store().ListIssueAcknowledgements("i2");
  ASSERT_THAT(other, IsOk());
  EXPECT_EQ(other->at(0).reason, AcknowledgementOf("i2", "abcd").reason);
  EXPECT_THAT(this->store().GetCaseSummary("i1", 1), IsOkAndHolds(*summary_before));
  EXPECT_THAT(this->store().GetCaseErasureTime("i1"), IsOkAndHolds(Optional(now)));
  EXPECT_THAT(this->store().GetCaseErasureTime("i2"), IsOkAndHolds(std::nullopt));

  auto entries = this->store().ListAuditEntries(entries_before, 100);
  ASSERT_THAT(entries, IsOk());
  std::vector<std::string> resources;
  for (const audit::AuditEntry& entry : *entries) resources.push_back(entry.resource);
  EXPECT_THAT(resources, ElementsAre("recommendations/r1", "recommendations/r2",
                                     "caseSummaries/i1/issues/abcd", "investigations/i1/erasure"));
  auto verification = audit::VerifyAuditChain(
      [&](int64_t after, int limit) { return this->store().ListAuditEntries(after, limit); },
      std::nullopt, /*page_size=*/4);
  ASSERT_THAT(verification, IsOk());
  EXPECT_FALSE(verification->problem.has_value());
}

TYPED_TEST(StoreContractTest, ErasureRefusalsComeInTheContractsOrderAndWriteNothing) {
  this->Receive({Closed("r1", "i1", "complaints/c1"), Closed("r2", "i1", "complaints/c1")});
  const absl::Time now = TimeAt(500);
  const std::vector<Recommendation> both = ErasedOf(this->store(), {"r1", "r2"}, now);
  const int64_t entries_before = AuditCount(this->store());

  EXPECT_THAT(this->store().EraseCase("unknown", {}, now), StatusIs(absl::StatusCode::kNotFound));
  Recommendation ghost = both[0];
  ghost.id = "ghost";
  EXPECT_THAT(this->store().EraseCase("i1", {both[0], ghost}, now),
              StatusIs(absl::StatusCode::kNotFound));
  Recommendation stale = both[1];
  stale.version = 1;
  EXPECT_THAT(this->store().EraseCase("i1", {both[0], stale}, now),
              StatusIs(absl::StatusCode::kAborted));
  // One recommendation of the case left out (as if received since it was read).
  EXPECT_THAT(this->store().EraseCase("i1", {both[0]}, now), StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(this->store().EraseCase("i1", {both[0], both[0]}, now),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(AuditCount(this->store()), entries_before);
  EXPECT_THAT(this->store().GetCaseErasureTime("i1"), IsOkAndHolds(std::nullopt));
  auto r1 = this->store().GetRecommendation("r1");
  ASSERT_THAT(r1, IsOk());
  EXPECT_EQ(r1->version, 1);

  ASSERT_THAT(this->store().EraseCase("i1", both, now), IsOk());
  const int64_t entries_after = AuditCount(this->store());
  // Again, computed from the erased rows: the case is erased already.
  EXPECT_THAT(this->store().EraseCase("i1", ErasedOf(this->store(), {"r1", "r2"}, now), now),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_EQ(AuditCount(this->store()), entries_after);
}

TYPED_TEST(StoreContractTest, AnErasedCaseTakesNoHandoffThatWritesARecommendation) {
  const Recommendation r1 = this->ReceiveOne(Closed("r1", "i1", "complaints/c1"));
  ASSERT_THAT(
      this->store().EraseCase("i1", ErasedOf(this->store(), {"r1"}, TimeAt(500)), TimeAt(500)),
      IsOk());
  const int64_t entries = AuditCount(this->store());
  auto stored = this->store().GetRecommendation(r1.id);
  ASSERT_THAT(stored, IsOk());
  Recommendation changed = *stored;  // as a later decision would carry it over
  changed.version += 1;
  changed.state = RecommendationState::kHeld;
  EXPECT_THAT(this->store().ReceiveHandoff(Receipt("i1", 2, {"r2"}),
                                           {MinimalRecommendation("r2", "i1")}, {}),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(this->store().ReceiveHandoff(Receipt("i1", 3, {}), {}, {changed}),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(AuditCount(this->store()), entries);
  EXPECT_THAT(this->store().FindDecisionReceipt("investigations/i1/decisions/2"),
              IsOkAndHolds(std::nullopt));
  // A receipt that writes no recommendation (a reopening or an end with nothing to hold) is taken.
  EXPECT_THAT(this->store().ReceiveHandoff(Receipt("i1", 4, {}), {}, {}), IsOk());
  // Other cases are not concerned.
  EXPECT_THAT(this->store().ReceiveHandoff(Receipt("i2", 1, {"r3"}),
                                           {MinimalRecommendation("r3", "i2")}, {}),
              IsOk());
}

TYPED_TEST(StoreContractTest, ACaseWithoutRecommendationsIsErasedByItsRecord) {
  ASSERT_THAT(this->store().InsertIssueAcknowledgement(AcknowledgementOf("i1", "abcd")), IsOk());
  ASSERT_THAT(this->store().EraseCase("i1", {}, TimeAt(500)), IsOk());
  auto acknowledgements = this->store().ListIssueAcknowledgements("i1");
  ASSERT_THAT(acknowledgements, IsOk());
  EXPECT_EQ(acknowledgements->at(0).reason, kErasedText);
}

TYPED_TEST(StoreContractTest, RetentionListsCasesClosedBeforeTheCutOff) {
  this->Receive(
      {Closed("r1", "old", "complaints/c1", 10), Closed("r2", "old", "complaints/c1", 30)});
  this->ReceiveOne(Closed("r3", "recent", "complaints/c2", 200));
  Recommendation open = MinimalRecommendation("r4", "open");
  open.update_time = TimeAt(5);
  this->ReceiveOne(open);
  this->Receive({Closed("r5", "mixed", "complaints/c3", 10), MinimalRecommendation("r6", "mixed")});
  this->ReceiveOne(Closed("r7", "older", "complaints/c4", 5));
  this->ReceiveOne(Closed("r8", "erased", "complaints/c5", 5));
  ASSERT_THAT(
      this->store().EraseCase("erased", ErasedOf(this->store(), {"r8"}, TimeAt(40)), TimeAt(40)),
      IsOk());

  // "old" last changed at 30: before a cut-off of 31, not of 30.
  EXPECT_THAT(this->store().ListErasableCases(TimeAt(31), 10),
              IsOkAndHolds(ElementsAre("old", "older")));
  EXPECT_THAT(this->store().ListErasableCases(TimeAt(30), 10), IsOkAndHolds(ElementsAre("older")));
  EXPECT_THAT(this->store().ListErasableCases(TimeAt(1000), 2),
              IsOkAndHolds(ElementsAre("old", "recent")));
  EXPECT_THAT(this->store().ListErasableCases(TimeAt(1000), 0), IsOkAndHolds(IsEmpty()));
}

}  // namespace
}  // namespace redress::remedy
