// A decision reopened on review and what follows it: the reopening holds what is followed up, the
// next decision carries over what it repeats and supersedes the rest, the end of the
// investigation cancels what is held. Through RemedyLogic, over a FakeStore.
#include "services/remedy/decision_succession.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/remedy/remedy_logic_test_support.h"

namespace redress::remedy::testing {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

using S = RecommendationState;

constexpr absl::CivilDay kChase(2026, 3, 16);

std::vector<std::string> FieldsOf(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

std::vector<std::string> IdsOf(const std::vector<Recommendation>& recommendations) {
  std::vector<std::string> ids;
  for (const Recommendation& r : recommendations) ids.push_back(r.id);
  return ids;
}

std::vector<S> StatesOf(const Recommendation& r) {
  std::vector<S> states;
  for (const StateChange& change : r.history) states.push_back(change.state);
  return states;
}

class DecisionSuccessionTest : public RemedyLogicTest {
 protected:
  // Decision 1 on inv1: the apology complied with, the payment (accepted) chased on 16 March.
  void SetUp() override {
    first_ = Receive({Apology(kTarget), Payment(kTarget, 25000)});
    ASSERT_THAT(logic_.RecordCompliance({NameOf(first_[0]), "Apologised", kTarget - 31, "L1", ""}),
                IsOk());
    ASSERT_THAT(logic_.Respond({NameOf(first_[1]), OrganisationPosition::kAccepted, "", {}, ""}),
                IsOk());
    RunFollowUpDailyUntil(kChase);
    ASSERT_EQ(Get(first_[1]).state, S::kChased);
  }

  std::vector<Recommendation> first_;
};

// --- The reopening. ---

TEST_F(DecisionSuccessionTest, AReopeningHoldsWhatIsFollowedUpAndKeepsWhatIsSettled) {
  const std::vector<Recommendation> answer = Reopen();
  EXPECT_THAT(IdsOf(answer), ElementsAre(first_[0].id, first_[1].id));
  EXPECT_EQ(answer[0].state, S::kComplied);
  EXPECT_EQ(answer[1].state, S::kHeld);
  // Held: never chased, never due, however long the review takes.
  RunFollowUpDailyUntil(absl::CivilDay(2026, 12, 1));
  const Recommendation held = Get(first_[1]);
  EXPECT_EQ(held.state, S::kHeld);
  EXPECT_EQ(held.steps_taken.size(), 2u);
  EXPECT_THAT(logic_.FollowUpOf(held), ::testing::SizeIs(2));  // nothing planned
  EXPECT_THAT(logic_.ListDueActions(Due(std::nullopt))->actions, IsEmpty());
  EXPECT_THAT(StatesOf(held),
              ElementsAre(S::kAwaitingResponse, S::kAccepted, S::kOverdue, S::kChased, S::kHeld));
}

TEST_F(DecisionSuccessionTest, AHeldRecommendationOnlyTakesEvidence) {
  Reopen();
  const std::string name = NameOf(first_[1]);
  EXPECT_THAT(logic_.Respond({name, OrganisationPosition::kDisputed, "no", {}, ""}).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(logic_.Decline({name, "not wanted", std::nullopt, ""}).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(logic_.Reschedule({name, absl::CivilDay(2026, 6, 1), "why", ""}).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  absl::StatusOr<Recommendation> complied =
      logic_.RecordCompliance({name, "Paid", absl::CivilDay(2026, 3, 16), "P1", ""});
  ASSERT_THAT(complied, IsOk());
  EXPECT_EQ(complied->state, S::kComplied);
}

TEST_F(DecisionSuccessionTest, AReopeningIsReceivedOnce) {
  Reopen();
  const int64_t version = Get(first_[1]).version;
  EXPECT_THAT(IdsOf(Reopen()), ElementsAre(first_[0].id, first_[1].id));
  EXPECT_EQ(Get(first_[1]).version, version);
  ReceiveReopeningCommand other = Reopening("inv1", 1);
  other.fingerprint = "another body";
  absl::StatusOr<std::vector<Recommendation>> reused = logic_.ReceiveReopening(other);
  EXPECT_THAT(reused.status(), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(ErrorReasonOf(reused.status()), "REQUEST_ID_REUSED");
}

TEST_F(DecisionSuccessionTest, AReopeningOfADecisionNotYetReceivedIsRefused) {
  const int receipts = store_.receipt_count();
  absl::StatusOr<std::vector<Recommendation>> early = logic_.ReceiveReopening(Reopening("inv1", 2));
  EXPECT_THAT(early.status(), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(early.status()), "DECISION_NOT_RECEIVED");
  EXPECT_EQ(store_.receipt_count(), receipts);
}

TEST_F(DecisionSuccessionTest, AReopeningReportsEveryInvalidField) {
  ReceiveReopeningCommand bad = Reopening("inv1", 0);
  bad.request_id = "";
  FieldViolations decoding;
  decoding.Add("event.reopen_date", "not a valid date");
  EXPECT_THAT(FieldsOf(logic_.ReceiveReopening(bad, decoding).status()),
              ElementsAre("event.reopen_date", "event.decision_sequence", "request_id",
                          "event.handoff_key"));
  bad = Reopening("inv1", 1);
  bad.handoff_key = bad.request_id = "investigations/inv1/decisions/1";
  EXPECT_THAT(FieldsOf(logic_.ReceiveReopening(bad).status()), ElementsAre("event.handoff_key"));
}

// --- The next decision. ---

TEST_F(DecisionSuccessionTest, TheNextDecisionCarriesOverWhatItRepeats) {
  Reopen();
  clock_.SetToday(absl::CivilDay(2026, 4, 1));
  const absl::CivilDay new_target(2026, 5, 1);
  const std::vector<Recommendation> second =
      Receive({Apology(kTarget), Payment(new_target, 25000)}, 2);
  // The same two remedies, not two new ones.
  EXPECT_THAT(IdsOf(second), ElementsAre(first_[0].id, first_[1].id));
  EXPECT_EQ(store_.recommendation_count(), 2);
  // Complied with under the first decision: stays so, never asked again.
  EXPECT_EQ(second[0].state, S::kComplied);
  EXPECT_EQ(second[0].decision_sequence, 2);
  EXPECT_EQ(second[0].target_date, kTarget);
  // Held: the organisation's acceptance stands; the follow-up restarts from the new target date.
  const Recommendation& payment = second[1];
  EXPECT_EQ(payment.state, S::kAccepted);
  EXPECT_EQ(payment.decision_sequence, 2);
  EXPECT_EQ(payment.target_date, new_target);
  EXPECT_EQ(payment.steps_taken.size(), 2u);  // the first decision's steps, as history
  EXPECT_EQ(payment.history.back(), (StateChange{S::kAccepted, clock_.Now(), new_target, 2}));
  RunFollowUpDailyUntil(new_target);
  EXPECT_EQ(Get(first_[1]).state, S::kAccepted);
  RunFollowUpDailyUntil(new_target + 1);
  EXPECT_EQ(Get(first_[1]).state, S::kOverdue);
  RunFollowUpDailyUntil(absl::CivilDay(2026, 12, 1));
  EXPECT_THAT(Get(first_[0]).steps_taken, IsEmpty());
  EXPECT_EQ(Get(first_[0]).state, S::kComplied);
}

TEST_F(DecisionSuccessionTest, TheNextDecisionSupersedesWhatItDoesNotRepeat) {
  Reopen();
  DecidedRecommendation larger = Payment(kTarget + 60, 50000);  // a different amount
  const std::vector<Recommendation> second = Receive({larger}, 2);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_NE(second[0].id, first_[1].id);
  EXPECT_EQ(second[0].state, S::kAwaitingResponse);
  EXPECT_EQ(Get(first_[1]).state, S::kSuperseded);
  // The apology, complied with and not repeated, stays complied with (and delivered).
  EXPECT_EQ(Get(first_[0]).state, S::kComplied);
  EXPECT_EQ(Get(first_[0]).decision_sequence, 1);
}

TEST_F(DecisionSuccessionTest, ADecisionWithoutItsReopeningImpliesIt) {
  // From an investigation reopened before the reopening hand-off existed: the payment is still
  // being chased when the second decision arrives.
  clock_.SetToday(absl::CivilDay(2026, 3, 20));
  DecidedRecommendation rewritten = Payment(kTarget + 60, 25000);
  rewritten.description = "Pay Mr B £250 and explain the delay.";
  const std::vector<Recommendation> second = Receive({Apology(kTarget), rewritten}, 2);
  EXPECT_EQ(second[0].id, first_[0].id);  // carried over, complied with
  EXPECT_EQ(second[0].state, S::kComplied);
  EXPECT_EQ(Get(first_[1]).state, S::kSuperseded);  // today's behaviour for what is not repeated
  EXPECT_THAT(StatesOf(Get(first_[1])).back(), S::kSuperseded);
  EXPECT_EQ(second[1].state, S::kAwaitingResponse);
}

TEST_F(DecisionSuccessionTest, AReopeningThatArrivesAfterTheNextDecisionChangesNothing) {
  Receive({Apology(kTarget)}, 2);  // implies the reopening: the payment is superseded
  const Recommendation payment = Get(first_[1]);
  const std::vector<Recommendation> answer = Reopen(1);
  EXPECT_THAT(IdsOf(answer), ElementsAre(first_[0].id, first_[1].id));
  EXPECT_EQ(Get(first_[1]), payment);
}

// --- The end of the investigation. ---

TEST_F(DecisionSuccessionTest, TheEndCancelsWhatIsHeldAndKeepsWhatWasCompliedWith) {
  Reopen();
  absl::StatusOr<std::vector<Recommendation>> all = logic_.ReceiveInvestigationEnd(End("inv1", 1));
  ASSERT_THAT(all, IsOk());
  EXPECT_THAT(IdsOf(*all), ElementsAre(first_[0].id, first_[1].id));
  EXPECT_EQ((*all)[0].state, S::kComplied);
  EXPECT_EQ((*all)[1].state, S::kCancelled);
  // Received once.
  const int64_t version = Get(first_[1]).version;
  ASSERT_THAT(logic_.ReceiveInvestigationEnd(End("inv1", 1)), IsOk());
  EXPECT_EQ(Get(first_[1]).version, version);
  ReceiveInvestigationEndCommand other = End("inv1", 1, InvestigationEnding::kDiscontinued);
  other.fingerprint = "another body";
  EXPECT_EQ(ErrorReasonOf(logic_.ReceiveInvestigationEnd(other).status()), "REQUEST_ID_REUSED");
  // Cancelled is final.
  EXPECT_THAT(logic_.RecordCompliance({NameOf(first_[1]), "Paid", kChase, "P1", ""}).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(DecisionSuccessionTest, TheEndWithoutAReopeningImpliesIt) {
  ASSERT_THAT(logic_.ReceiveInvestigationEnd(End("inv1", 1)), IsOk());
  EXPECT_EQ(Get(first_[1]).state, S::kCancelled);
  EXPECT_THAT(StatesOf(Get(first_[1])).back(), S::kCancelled);
  EXPECT_EQ(Get(first_[0]).state, S::kComplied);
}

TEST_F(DecisionSuccessionTest, TheEndOfAnInvestigationNeverDecidedIsRecorded) {
  absl::StatusOr<std::vector<Recommendation>> none =
      logic_.ReceiveInvestigationEnd(End("inv9", 0, InvestigationEnding::kDiscontinued));
  ASSERT_THAT(none, IsOk());
  EXPECT_THAT(*none, IsEmpty());
  EXPECT_TRUE(store_.FindDecisionReceipt("investigations/inv9/end")->has_value());
}

TEST_F(DecisionSuccessionTest, TheEndReportsEveryInvalidField) {
  ReceiveInvestigationEndCommand bad = End("inv1", -1);
  bad.ending.reset();  // the event's state was neither WITHDRAWN nor DISCONTINUED
  bad.request_id = "";
  bad.reason = std::string(5001, 'x');
  EXPECT_THAT(FieldsOf(logic_.ReceiveInvestigationEnd(bad).status()),
              ElementsAre("event.state", "event.reason", "event.decisions_issued", "request_id",
                          "event.handoff_key"));
  bad = End("inv1", 1);
  bad.handoff_key = bad.request_id = "investigations/inv1/ended";
  EXPECT_THAT(FieldsOf(logic_.ReceiveInvestigationEnd(bad).status()),
              ElementsAre("event.handoff_key"));
  EXPECT_EQ(Get(first_[1]).state, S::kChased);
}

// --- The same remedy. ---

TEST(IsSameRemedyTest, NeedsTheSameIdAndContentButNotTheSameTargetDate) {
  Recommendation earlier;
  earlier.source_recommendation_id = "r2";
  earlier.type = RecommendationType::kNonFinancialLoss;
  earlier.beneficiary = Beneficiary::kComplainant;
  earlier.organisation_id = "hmcts";
  earlier.description = "Pay Mr B £250.";
  earlier.amount = Money{25000, "GBP"};
  earlier.target_date = absl::CivilDay(2026, 3, 2);
  const RepeatedRemedy same{"r2",
                            RecommendationType::kNonFinancialLoss,
                            Beneficiary::kComplainant,
                            "hmcts",
                            "Pay Mr B £250.",
                            Money{25000, "GBP"}};
  EXPECT_TRUE(IsSameRemedy(earlier, same));
  RepeatedRemedy other = same;
  other.source_recommendation_id = "r3";
  EXPECT_FALSE(IsSameRemedy(earlier, other));
  other = same;
  other.type = RecommendationType::kFinancialLoss;
  EXPECT_FALSE(IsSameRemedy(earlier, other));
  other = same;
  other.beneficiary = Beneficiary::kOtherPerson;
  EXPECT_FALSE(IsSameRemedy(earlier, other));
  other = same;
  other.organisation_id = "dvla";
  EXPECT_FALSE(IsSameRemedy(earlier, other));
  other = same;
  other.description = "Pay Mr B £250 ";
  EXPECT_FALSE(IsSameRemedy(earlier, other));
  other = same;
  other.amount = Money{25000, "EUR"};
  EXPECT_FALSE(IsSameRemedy(earlier, other));
}

}  // namespace
}  // namespace redress::remedy::testing
