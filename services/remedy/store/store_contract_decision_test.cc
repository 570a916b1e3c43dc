// The RemedyStore contract (store.h) for ReceiveHandoff: sequences in order, superseding, and
// all-or-nothing with the check order NOT_FOUND, ABORTED, ALREADY_EXISTS; and for concurrent
// writers. Run over every implementation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "common/testing/status_matchers.h"
#include "services/remedy/store/store_contract_fixture.h"

namespace redress::remedy {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using namespace store_testing;  // NOLINT: test data builders and the typed fixture

// `r` superseded by a later decision: the next version, in state SUPERSEDED.
Recommendation SupersededFrom(Recommendation r, absl::Time when) {
  r.state = RecommendationState::kSuperseded;
  r.version += 1;
  r.update_time = when;
  return r;
}

// The store as a test can see it: every recommendation, and the receipts of the keys named.
template <typename Test>
struct Snapshot {
  Snapshot(Test& test, const std::vector<std::string>& keys) {
    recommendations = test.All();
    for (const std::string& key : keys) {
      auto found = test.store().FindDecisionReceipt(key);
      EXPECT_THAT(found, IsOk());
      receipts.push_back(found.ok() ? *found : std::nullopt);
    }
  }
  bool operator==(const Snapshot& o) const {
    return recommendations == o.recommendations && receipts == o.receipts;
  }
  std::vector<Recommendation> recommendations;
  std::vector<std::optional<DecisionReceipt>> receipts;
};

// Decision 1 on i1 made rec-1 and rec-2; the fixture of the failure tests.
template <typename Test>
std::vector<Recommendation> ReceiveFirstDecision(Test& test) {
  return test.Receive({MinimalRecommendation("rec-1"), MinimalRecommendation("rec-2")});
}

TYPED_TEST(StoreContractTest, ReceiveDecisionAssignsSequencesInTheGivenOrder) {
  const std::vector<Recommendation> first =
      this->Receive({MinimalRecommendation("b"), MinimalRecommendation("a")});
  const std::vector<Recommendation> second =
      this->Receive({MinimalRecommendation("z", "i2"), MinimalRecommendation("c", "i2")});
  EXPECT_EQ(first[0].sequence, 1);
  EXPECT_EQ(first[1].sequence, 2);
  EXPECT_EQ(second[0].sequence, 3);
  EXPECT_EQ(second[1].sequence, 4);
  EXPECT_THAT(this->ListIds({}), ElementsAre("b", "a", "z", "c"));
}

TYPED_TEST(StoreContractTest, ReceiveDecisionSupersedesAndCreatesTogether) {
  const std::vector<Recommendation> first = ReceiveFirstDecision(*this);
  Recommendation replacement = MinimalRecommendation("rec-3");
  replacement.decision_sequence = 2;
  const Recommendation superseded = SupersededFrom(first[1], TimeAt(40, 4));
  const DecisionReceipt receipt = Receipt("i1", 2, {"rec-3"});
  ASSERT_THAT(this->store().ReceiveHandoff(receipt, {replacement}, {superseded}), IsOk());

  EXPECT_THAT(this->store().GetRecommendation("rec-1"), IsOkAndHolds(first[0]));
  Recommendation expected = superseded;
  expected.sequence = first[1].sequence;  // keeps its place in the list
  EXPECT_THAT(this->store().GetRecommendation("rec-2"), IsOkAndHolds(expected));
  EXPECT_THAT(this->ListIds({}), ElementsAre("rec-1", "rec-2", "rec-3"));
  EXPECT_THAT(this->store().FindDecisionReceipt(receipt.handoff_key),
              IsOkAndHolds(::testing::Optional(receipt)));
  auto created = this->store().GetRecommendation("rec-3");
  ASSERT_THAT(created, IsOk());
  EXPECT_EQ(created->sequence, 3);
  EXPECT_EQ(created->decision_sequence, 2);
}

TYPED_TEST(StoreContractTest, ARepeatedHandoffKeyIsAlreadyExistsAndWritesNothing) {
  const std::vector<Recommendation> first = ReceiveFirstDecision(*this);
  const std::string key = "investigations/i1/decisions/1";
  const Snapshot before(*this, {key});
  // The same key again, with new recommendations and a valid supersede: none of it is written.
  DecisionReceipt again = Receipt("i1", 1, {"rec-9"});
  again.fingerprint = "another body";
  EXPECT_THAT(this->store().ReceiveHandoff(again, {MinimalRecommendation("rec-9")},
                                           {SupersededFrom(first[0], TimeAt(41))}),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_TRUE(Snapshot(*this, {key}) == before);
  EXPECT_THAT(this->store().GetRecommendation("rec-9"), StatusIs(absl::StatusCode::kNotFound));
  // Sequences are not used up by the failed write.
  EXPECT_EQ(this->ReceiveOne(MinimalRecommendation("rec-4"), 2).sequence, 3);
}

TYPED_TEST(StoreContractTest, ATakenRecommendationIdIsAlreadyExistsAndWritesNothing) {
  ReceiveFirstDecision(*this);
  const std::string key = "investigations/i1/decisions/2";
  const Snapshot before(*this, {key});
  EXPECT_THAT(this->store().ReceiveHandoff(
                  Receipt("i1", 2, {"rec-3", "rec-2"}),
                  {MinimalRecommendation("rec-3"), MinimalRecommendation("rec-2")}, {}),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_TRUE(Snapshot(*this, {key}) == before);
  // Two created with one id.
  EXPECT_THAT(this->store().ReceiveHandoff(
                  Receipt("i1", 2, {"rec-3", "rec-3"}),
                  {MinimalRecommendation("rec-3"), MinimalRecommendation("rec-3")}, {}),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_TRUE(Snapshot(*this, {key}) == before);
}

TYPED_TEST(StoreContractTest, ASupersededItemWithAWrongVersionIsAbortedAndWritesNothing) {
  const std::vector<Recommendation> first = ReceiveFirstDecision(*this);
  const std::string key = "investigations/i1/decisions/2";
  const Snapshot before(*this, {key});
  // rec-1 is right, rec-2 names a version the store does not have: neither is replaced, nor is
  // the receipt or rec-3 written.
  Recommendation stale = SupersededFrom(first[1], TimeAt(42));
  stale.version = 3;  // computed from version 2, but the store has 1
  for (const Recommendation& wrong : {stale, first[1]}) {  // version + 1 and version itself
    EXPECT_THAT(
        this->store().ReceiveHandoff(Receipt("i1", 2, {"rec-3"}), {MinimalRecommendation("rec-3")},
                                     {SupersededFrom(first[0], TimeAt(42)), wrong}),
        StatusIs(absl::StatusCode::kAborted));
    EXPECT_TRUE(Snapshot(*this, {key}) == before);
    EXPECT_THAT(this->store().GetRecommendation("rec-3"), StatusIs(absl::StatusCode::kNotFound));
  }
}

TYPED_TEST(StoreContractTest, AnUnknownSupersededItemIsNotFoundAndWritesNothing) {
  const std::vector<Recommendation> first = ReceiveFirstDecision(*this);
  const std::string key = "investigations/i1/decisions/2";
  const Snapshot before(*this, {key});
  Recommendation unknown = SupersededFrom(MinimalRecommendation("rec-x"), TimeAt(43));
  EXPECT_THAT(
      this->store().ReceiveHandoff(Receipt("i1", 2, {"rec-3"}), {MinimalRecommendation("rec-3")},
                                   {SupersededFrom(first[0], TimeAt(43)), unknown}),
      StatusIs(absl::StatusCode::kNotFound));
  EXPECT_TRUE(Snapshot(*this, {key}) == before);
}

TYPED_TEST(StoreContractTest, ReceiveDecisionChecksNotFoundThenAbortedThenAlreadyExists) {
  const std::vector<Recommendation> first = ReceiveFirstDecision(*this);
  const DecisionReceipt taken = Receipt("i1", 1, {"rec-1"});
  Recommendation stale = SupersededFrom(first[0], TimeAt(44));
  stale.version = 5;
  const Recommendation unknown = SupersededFrom(MinimalRecommendation("rec-x"), TimeAt(44));
  // A stale item before an unknown one: NOT_FOUND still wins.
  EXPECT_THAT(
      this->store().ReceiveHandoff(taken, {MinimalRecommendation("rec-2")}, {stale, unknown}),
      StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->store().ReceiveHandoff(taken, {MinimalRecommendation("rec-2")}, {stale}),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(this->store().ReceiveHandoff(taken, {MinimalRecommendation("rec-2")}, {}),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(this->All(), ElementsAre(first[0], first[1]));
}

// --- Concurrent writers. ---

TYPED_TEST(StoreContractTest, ConcurrentUpdatesOfOneVersionHaveOneWinner) {
  const Recommendation stored = this->ReceiveOne(MinimalRecommendation("rec-1"));
  constexpr int kWriters = 8;
  std::vector<absl::Status> results(kWriters);
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      Recommendation changed = stored;
      changed.version = 2;
      changed.description = "writer " + std::to_string(i);
      changed.steps_taken = {
          {FollowUpAction::kMarkOverdue, absl::CivilDay(2024, 1, 1 + i), TimeAt(i)}};
      results[i] = this->store().UpdateRecommendation(changed, 1);
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
  auto got = this->store().GetRecommendation("rec-1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(got->description, "writer " + std::to_string(winner));
  ASSERT_EQ(got->steps_taken.size(), 1u);
  EXPECT_EQ(got->steps_taken[0].due_date, absl::CivilDay(2024, 1, 1 + winner));
}

TYPED_TEST(StoreContractTest, ConcurrentDeliveriesOfOneHandoffHaveOneWinner) {
  constexpr int kWriters = 8;
  std::vector<absl::Status> results(kWriters);
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      const std::string id = "rec-" + std::to_string(i);
      DecisionReceipt receipt = Receipt("i1", 1, {id});
      receipt.fingerprint = id;
      results[i] = this->store().ReceiveHandoff(receipt, {MinimalRecommendation(id)}, {});
    });
  }
  for (auto& thread : threads) thread.join();
  int winner = -1;
  for (int i = 0; i < kWriters; ++i) {
    if (results[i].ok()) {
      EXPECT_EQ(winner, -1) << "writers " << winner << " and " << i << " both won";
      winner = i;
    } else {
      EXPECT_THAT(results[i], StatusIs(absl::StatusCode::kAlreadyExists));
    }
  }
  ASSERT_NE(winner, -1);
  EXPECT_THAT(this->ListIds({}), ElementsAre("rec-" + std::to_string(winner)));
  auto receipt = this->store().FindDecisionReceipt("investigations/i1/decisions/1");
  ASSERT_THAT(receipt, IsOk());
  ASSERT_TRUE(receipt->has_value());
  EXPECT_EQ((*receipt)->fingerprint, "rec-" + std::to_string(winner));
}

}  // namespace
}  // namespace redress::remedy
