// The RemedyStore contract (store.h) for reading and updating recommendations, decision receipts
// and case summaries, run over every implementation. ReceiveHandoff's atomicity is in
// store_contract_decision_test.cc; listing in store_contract_listing_test.cc.
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
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Optional;
using namespace store_testing;  // NOLINT: test data builders and the typed fixture

// --- Recommendations: every field round-trips. ---

TYPED_TEST(StoreContractTest, EveryFieldOfAFullRecommendationRoundTrips) {
  const Recommendation full = FullRecommendation("rec-1");
  const Recommendation stored = this->ReceiveOne(full);
  EXPECT_EQ(stored.sequence, 1);
  Recommendation expected = full;
  expected.sequence = stored.sequence;
  EXPECT_EQ(stored, expected);
  // Spot checks, so that a broken operator== could not hide a lost field.
  EXPECT_THAT(stored.amount, Optional(Money{25001, "GBP"}));
  ASSERT_TRUE(stored.compliance.has_value());
  EXPECT_EQ(stored.compliance->record_time, TimeAt(80, 800001));
  ASSERT_EQ(stored.steps_taken.size(), 3u);
  EXPECT_EQ(stored.steps_taken[1].action, FollowUpAction::kChase);
  ASSERT_EQ(stored.history.size(), 5u);
  EXPECT_EQ(stored.history[1].state, RecommendationState::kHeld);
  EXPECT_EQ(stored.history[2].change_time, TimeAt(45, 999998));
  EXPECT_EQ(stored.history[3].target_date, absl::CivilDay(2024, 10, 15));
  EXPECT_EQ(stored.history[3].decision_sequence, 2);
  EXPECT_THAT(stored.steps_taken[1].take_time, Optional(TimeAt(61, 999999)));
  ASSERT_EQ(stored.reschedules.size(), 2u);
  EXPECT_EQ(stored.reschedules[1].reason, "Postal strike \u2013 again.");
  EXPECT_EQ(stored.reschedules[0].record_time, TimeAt(50, 5));
  EXPECT_EQ(stored.description, full.description);
  EXPECT_EQ(stored.update_time, TimeAt(95, 654321));
}

TYPED_TEST(StoreContractTest, AMinimalRecommendationRoundTripsWithOptionalsUnset) {
  const Recommendation minimal = MinimalRecommendation("rec-1");
  const Recommendation stored = this->ReceiveOne(minimal);
  Recommendation expected = minimal;
  expected.sequence = stored.sequence;
  EXPECT_EQ(stored, expected);
  EXPECT_FALSE(stored.amount.has_value());
  EXPECT_FALSE(stored.response.has_value());
  EXPECT_FALSE(stored.compliance.has_value());
  EXPECT_FALSE(stored.decline.has_value());
  EXPECT_TRUE(stored.steps_taken.empty());
  EXPECT_TRUE(stored.reschedules.empty());
  EXPECT_TRUE(stored.history.empty());
}

TYPED_TEST(StoreContractTest, EachEnumValueRoundTrips) {
  std::vector<Recommendation> created;
  const RecommendationType types[] = {
      RecommendationType::kApology, RecommendationType::kFinancialLoss,
      RecommendationType::kNonFinancialLoss, RecommendationType::kPutThingsRight,
      RecommendationType::kLearnLessons};
  const Beneficiary beneficiaries[] = {Beneficiary::kComplainant, Beneficiary::kOtherPerson,
                                       Beneficiary::kServiceUsers};
  const FollowUpAction actions[] = {FollowUpAction::kMarkOverdue, FollowUpAction::kChase,
                                    FollowUpAction::kEscalate, FollowUpAction::kRecordNotComplied};
  for (int s = 1; s <= 12; ++s) {
    Recommendation r = MinimalRecommendation("rec-" + std::to_string(s));
    r.state = static_cast<RecommendationState>(s);
    r.type = types[s % 5];
    r.beneficiary = beneficiaries[s % 3];
    r.response = OrganisationResponse{
        s % 2 == 0 ? OrganisationPosition::kAccepted : OrganisationPosition::kDisputed, "",
        absl::CivilDay(2024, 1, s)};
    r.steps_taken = {{actions[s % 4], absl::CivilDay(2024, 2, s), TimeAt(s)}};
    r.history = {{r.state, TimeAt(s), absl::CivilDay(2024, 3, s), s}};
    created.push_back(r);
  }
  const std::vector<Recommendation> stored = this->Receive(created);
  ASSERT_EQ(stored.size(), created.size());
  for (size_t i = 0; i < created.size(); ++i) {
    Recommendation expected = created[i];
    expected.sequence = stored[i].sequence;
    EXPECT_EQ(stored[i], expected);
  }
}

TYPED_TEST(StoreContractTest, GetUnknownRecommendationIsNotFound) {
  this->ReceiveOne(MinimalRecommendation("rec-1"));
  EXPECT_THAT(this->store().GetRecommendation("rec-2"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->store().GetRecommendation(""), StatusIs(absl::StatusCode::kNotFound));
}

// --- UpdateRecommendation. ---

TYPED_TEST(StoreContractTest, UpdateReplacesEveryFieldAndKeepsTheSequence) {
  this->ReceiveOne(MinimalRecommendation("rec-0"));
  const Recommendation stored = this->ReceiveOne(MinimalRecommendation("rec-1"), 2);
  // Set every part ...
  Recommendation full = FullRecommendation("rec-1");
  full.version = 2;
  ASSERT_THAT(this->store().UpdateRecommendation(full, 1), IsOk());
  Recommendation expected = full;
  expected.sequence = stored.sequence;
  EXPECT_THAT(this->store().GetRecommendation("rec-1"), IsOkAndHolds(expected));
  // ... then unset them and shorten the lists: nothing of the old value is left.
  Recommendation cleared = MinimalRecommendation("rec-1");
  cleared.version = 3;
  cleared.steps_taken = {full.steps_taken[2]};
  cleared.history = {full.history[4]};
  ASSERT_THAT(this->store().UpdateRecommendation(cleared, 2), IsOk());
  expected = cleared;
  expected.sequence = stored.sequence;
  EXPECT_THAT(this->store().GetRecommendation("rec-1"), IsOkAndHolds(expected));
  // The other recommendation is untouched.
  EXPECT_THAT(this->ListIds({}), ElementsAre("rec-0", "rec-1"));
  EXPECT_THAT(this->store().GetRecommendation("rec-0"),
              IsOkAndHolds(::testing::Field(&Recommendation::version, 1)));
}

TYPED_TEST(StoreContractTest, UpdateOfAnUnknownRecommendationIsNotFound) {
  this->ReceiveOne(MinimalRecommendation("rec-1"));
  Recommendation unknown = MinimalRecommendation("rec-2");
  unknown.version = 2;
  EXPECT_THAT(this->store().UpdateRecommendation(unknown, 1),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->store().GetRecommendation("rec-2"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->ListIds({}), ElementsAre("rec-1"));
}

TYPED_TEST(StoreContractTest, UpdateFromAStaleOrFutureVersionIsAbortedAndChangesNothing) {
  const Recommendation stored = this->ReceiveOne(MinimalRecommendation("rec-1"));
  Recommendation changed = FullRecommendation("rec-1");
  changed.version = 2;
  EXPECT_THAT(this->store().UpdateRecommendation(changed, 0), StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(this->store().UpdateRecommendation(changed, 2), StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(this->store().GetRecommendation("rec-1"), IsOkAndHolds(stored));
  // After one update succeeds, its version is the one to name.
  ASSERT_THAT(this->store().UpdateRecommendation(changed, 1), IsOk());
  changed.version = 3;
  EXPECT_THAT(this->store().UpdateRecommendation(changed, 1), StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(this->store().UpdateRecommendation(changed, 2), IsOk());
}

// --- Decision receipts. ---

TYPED_TEST(StoreContractTest, FindsDecisionReceiptsByHandoffKey) {
  this->Receive({MinimalRecommendation("rec-1"), MinimalRecommendation("rec-2")});
  auto found = this->store().FindDecisionReceipt("investigations/i1/decisions/1");
  ASSERT_THAT(found, IsOk());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, Receipt("i1", 1, {"rec-1", "rec-2"}));
  EXPECT_EQ((*found)->receive_time, TimeAt(30, 300003));
  EXPECT_THAT((*found)->recommendation_ids, ElementsAre("rec-1", "rec-2"));
  EXPECT_THAT(this->store().FindDecisionReceipt("investigations/i1/decisions/2"), FindsNothing());
  EXPECT_THAT(this->store().FindDecisionReceipt("investigations/i1/decisions/1 "), FindsNothing());
}

TYPED_TEST(StoreContractTest, AReceiptThatCreatedNothingRoundTrips) {
  DecisionReceipt receipt = Receipt("i9", 3, {});
  receipt.fingerprint = "";
  ASSERT_THAT(this->store().ReceiveHandoff(receipt, {}, {}), IsOk());
  EXPECT_THAT(this->store().FindDecisionReceipt(receipt.handoff_key),
              IsOkAndHolds(Optional(receipt)));
  EXPECT_TRUE(this->All().empty());
}

// --- Case summaries. ---

TYPED_TEST(StoreContractTest, CaseSummaryVersionsAreStoredAndTheLatestIsVersionZero) {
  EXPECT_THAT(this->store().GetCaseSummary("i1", 0), StatusIs(absl::StatusCode::kNotFound));
  ASSERT_THAT(this->store().InsertCaseSummary(FullSummary("i1", 1)), IsOk());
  EXPECT_THAT(this->store().GetCaseSummary("i1", 0), IsOkAndHolds(FullSummary("i1", 1)));
  ASSERT_THAT(this->store().InsertCaseSummary(FullSummary("i1", 2)), IsOk());
  ASSERT_THAT(this->store().InsertCaseSummary(FullSummary("i2", 1)), IsOk());
  EXPECT_THAT(this->store().GetCaseSummary("i1", 0), IsOkAndHolds(FullSummary("i1", 2)));
  EXPECT_THAT(this->store().GetCaseSummary("i1", 1), IsOkAndHolds(FullSummary("i1", 1)));
  EXPECT_THAT(this->store().GetCaseSummary("i1", 2), IsOkAndHolds(FullSummary("i1", 2)));
  EXPECT_THAT(this->store().GetCaseSummary("i2", 0), IsOkAndHolds(FullSummary("i2", 1)));
  EXPECT_THAT(this->store().GetCaseSummary("i1", 3), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->store().GetCaseSummary("i1", -1), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->store().GetCaseSummary("i", 0), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->store().GetCaseSummary("i3", 1), StatusIs(absl::StatusCode::kNotFound));
}

TYPED_TEST(StoreContractTest, LatestCaseSummaryIsTheHighestVersionNotTheLastInserted) {
  ASSERT_THAT(this->store().InsertCaseSummary(FullSummary("i1", 10)), IsOk());
  ASSERT_THAT(this->store().InsertCaseSummary(FullSummary("i1", 9)), IsOk());
  ASSERT_THAT(this->store().InsertCaseSummary(FullSummary("i10", 11)), IsOk());
  EXPECT_THAT(this->store().GetCaseSummary("i1", 0), IsOkAndHolds(FullSummary("i1", 10)));
}

TYPED_TEST(StoreContractTest, EveryFieldOfACaseSummaryRoundTrips) {
  CaseSummary sparse;  // every list empty, no location, unspecified jurisdiction
  sparse.investigation_id = "i2";
  sparse.version = 1;
  sparse.text = "";
  sparse.publish_time = TimeAt(5, 5);
  sparse.sections = {{"", {}}};
  ASSERT_THAT(this->store().InsertCaseSummary(sparse), IsOk());
  EXPECT_THAT(this->store().GetCaseSummary("i2", 1), IsOkAndHolds(sparse));

  const CaseSummary full = FullSummary("i1", 4);
  ASSERT_THAT(this->store().InsertCaseSummary(full), IsOk());
  auto got = this->store().GetCaseSummary("i1", 4);
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(*got, full);
  EXPECT_EQ(got->text, full.text);
  EXPECT_EQ(got->jurisdiction, Jurisdiction::kHealth);
  EXPECT_THAT(got->publish_time, Optional(TimeAt(104, 100001)));
  ASSERT_EQ(got->sections.size(), 3u);
  EXPECT_THAT(got->sections[2].paragraphs,
              ElementsAre("Maladministration.", "Injustice \u2014 distress."));
  EXPECT_THAT(got->remedies, ElementsAre("Apology", "Financial loss"));
  EXPECT_EQ(got->decision_sequence, 2);
}

TYPED_TEST(StoreContractTest, InsertingATakenCaseSummaryVersionIsAlreadyExists) {
  ASSERT_THAT(this->store().InsertCaseSummary(FullSummary("i1", 1)), IsOk());
  CaseSummary other = FullSummary("i1", 1);
  other.text = "different";
  EXPECT_THAT(this->store().InsertCaseSummary(other), StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(this->store().GetCaseSummary("i1", 1), IsOkAndHolds(FullSummary("i1", 1)));
}

TYPED_TEST(StoreContractTest, InsertingAnUnpublishedCaseSummaryIsRefused) {
  CaseSummary rendering = FullSummary("i1", 0);
  EXPECT_THAT(this->store().InsertCaseSummary(rendering),
              StatusIs(absl::StatusCode::kInvalidArgument));
  CaseSummary unpublished = FullSummary("i1", 1);
  unpublished.publish_time.reset();
  EXPECT_THAT(this->store().InsertCaseSummary(unpublished),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(this->store().GetCaseSummary("i1", 0), StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace redress::remedy
