// RemedyLogic: receiving decisions, the organisation's response, compliance, declines and
// rescheduling.
#include "services/remedy/remedy_logic.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/remedy/remedy_logic_test_support.h"

namespace redress::remedy::testing {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<std::string> FieldsOf(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

TEST_F(RemedyLogicTest, ReceiveDecisionCreatesRecommendationsAwaitingResponse) {
  DecidedRecommendation payment = Payment(kTarget, 25000);
  payment.organisation_id = "dvla";
  std::vector<Recommendation> created = Receive({Apology(kTarget), payment});
  ASSERT_EQ(created.size(), 2u);
  EXPECT_EQ(created[0].state, RecommendationState::kAwaitingResponse);
  EXPECT_EQ(created[0].organisation_id, "hmcts");  // the first organisation investigated
  EXPECT_EQ(created[0].organisation_published_name, "HM Courts and Tribunals Service (HMCTS)");
  EXPECT_EQ(created[1].organisation_id, "dvla");
  EXPECT_EQ(created[1].amount, (Money{25000, "GBP"}));
  EXPECT_EQ(created[0].investigation_id, "inv1");
  EXPECT_EQ(created[0].complaint, "complaints/c1");
  EXPECT_EQ(created[0].source_recommendation_id, "r1");
  EXPECT_EQ(created[0].version, 1);
  EXPECT_LT(created[0].sequence, created[1].sequence);
  EXPECT_EQ(Get(created[1]), created[1]);
}

TEST_F(RemedyLogicTest, ReceiveDecisionRetryReturnsTheSameRecommendations) {
  std::vector<Recommendation> first = Receive({Apology(kTarget)});
  std::vector<Recommendation> again = Receive({Apology(kTarget)});
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].id, first[0].id);
  RecommendationQuery all;
  all.limit = 100;
  EXPECT_EQ(store_.ListRecommendations(all)->size(), 1u);
}

TEST_F(RemedyLogicTest, ReceiveDecisionKeyReusedForAnotherBodyIsRejected) {
  Receive({Apology(kTarget)});
  ReceiveDecisionCommand other = Decision("inv1", 1, {Apology(kTarget), Payment(kTarget, 100)});
  absl::StatusOr<std::vector<Recommendation>> result = logic_.ReceiveDecision(other);
  EXPECT_THAT(result.status(), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(ErrorReasonOf(result.status()), "REQUEST_ID_REUSED");
}

TEST_F(RemedyLogicTest, ReceiveDecisionWithoutRecommendationsIsRecorded) {
  EXPECT_THAT(Receive({}), IsEmpty());
  EXPECT_TRUE(store_.FindDecisionReceipt("investigations/inv1/decisions/1")->has_value());
}

TEST_F(RemedyLogicTest, ReceiveDecisionReportsEveryInvalidField) {
  DecidedRecommendation apology = Apology(kTarget);
  apology.amount = Money{100, "GBP"};
  apology.organisation_id = "somewhere-else";
  DecidedRecommendation payment = Payment(kTarget, 0);
  payment.amount.reset();
  payment.description = "";
  ReceiveDecisionCommand c = Decision("inv1", 1, {apology, payment});
  c.request_id = "investigations/inv1/decisions/2";
  c.organisations[1].published_name = "";
  absl::StatusOr<std::vector<Recommendation>> result = logic_.ReceiveDecision(c);
  EXPECT_THAT(result.status(), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      FieldsOf(result.status()),
      ElementsAre("event.handoff_key", "event.organisations[1].published_name",
                  "event.recommendations[0].amount", "event.recommendations[0].organisation",
                  "event.recommendations[1].description", "event.recommendations[1].amount"));
}

TEST_F(RemedyLogicTest, ReceiveDecisionReportsTheAdaptersDecodingViolationsToo) {
  FieldViolations decoding;
  decoding.Add("event.recommendations[0].target_date", "not a valid date");
  ReceiveDecisionCommand c = Decision("inv1", 1, {Apology(kTarget)});
  c.request_id = "";
  absl::StatusOr<std::vector<Recommendation>> result = logic_.ReceiveDecision(c, decoding);
  EXPECT_THAT(FieldsOf(result.status()), ElementsAre("event.recommendations[0].target_date",
                                                     "request_id", "event.handoff_key"));
}

TEST_F(RemedyLogicTest, ALaterDecisionSupersedesOpenRecommendationsOnly) {
  std::vector<Recommendation> first = Receive({Apology(kTarget), Payment(kTarget, 100)});
  ASSERT_THAT(
      logic_.RecordCompliance({NameOf(first[0]), "Wrote to Mr B", kTarget - 30, "DOC-1", ""}),
      IsOk());
  // A new remedy: one the decision repeats unchanged is carried over (decision_succession_test).
  DecidedRecommendation explanation = Apology(kTarget + 30);
  explanation.description = "Explain to Mr B why the papers were lost.";
  std::vector<Recommendation> second = Receive({explanation}, 2);
  EXPECT_EQ(Get(first[0]).state, RecommendationState::kComplied);
  EXPECT_EQ(Get(first[1]).state, RecommendationState::kSuperseded);
  EXPECT_EQ(second[0].state, RecommendationState::kAwaitingResponse);
  EXPECT_EQ(second[0].decision_sequence, 2);
}

TEST_F(RemedyLogicTest, AcceptAndDispute) {
  std::vector<Recommendation> r = Receive({Apology(kTarget), Payment(kTarget, 100)});
  absl::StatusOr<Recommendation> accepted =
      logic_.Respond({NameOf(r[0]), OrganisationPosition::kAccepted, "", std::nullopt, ""});
  ASSERT_THAT(accepted, IsOk());
  EXPECT_EQ(accepted->state, RecommendationState::kAccepted);
  EXPECT_EQ(accepted->response->response_date, absl::CivilDay(2026, 2, 2));
  EXPECT_EQ(accepted->version, 2);
  absl::StatusOr<Recommendation> disputed = logic_.Respond(
      {NameOf(r[1]), OrganisationPosition::kDisputed, "We paid already", std::nullopt, "1"});
  ASSERT_THAT(disputed, IsOk());
  EXPECT_EQ(disputed->state, RecommendationState::kDisputed);
  EXPECT_EQ(disputed->response->note, "We paid already");
}

TEST_F(RemedyLogicTest, DisputeNeedsAReasonAndDatesCannotBeInTheFuture) {
  std::vector<Recommendation> r = Receive({Apology(kTarget)});
  absl::StatusOr<Recommendation> result = logic_.Respond(
      {NameOf(r[0]), OrganisationPosition::kDisputed, " ", absl::CivilDay(2026, 2, 3), ""});
  EXPECT_THAT(FieldsOf(result.status()), ElementsAre("reason", "response_date"));
  EXPECT_THAT(
      logic_.Respond({"recommendation/x", OrganisationPosition::kAccepted, "", std::nullopt, ""})
          .status(),
      StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      logic_
          .Respond({"recommendations/nope", OrganisationPosition::kAccepted, "", std::nullopt, ""})
          .status(),
      StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(RemedyLogicTest, AnsweringTwiceIsAForbiddenTransition) {
  std::vector<Recommendation> r = Receive({Apology(kTarget)});
  ASSERT_THAT(logic_.Respond({NameOf(r[0]), OrganisationPosition::kAccepted, "", {}, ""}), IsOk());
  absl::StatusOr<Recommendation> again =
      logic_.Respond({NameOf(r[0]), OrganisationPosition::kDisputed, "no", {}, ""});
  EXPECT_THAT(again.status(), StatusIs(absl::StatusCode::kFailedPrecondition,
                                       HasSubstr("cannot dispute while the state is ACCEPTED")));
}

TEST_F(RemedyLogicTest, ALateAnswerIsRecordedAndKeepsTheFollowUpState) {
  std::vector<Recommendation> r = Receive({Apology(kTarget)});
  clock_.SetToday(kTarget + 1);
  ASSERT_THAT(logic_.RunFollowUp(), IsOk());
  absl::StatusOr<Recommendation> late =
      logic_.Respond({NameOf(r[0]), OrganisationPosition::kAccepted, "sorry", {}, ""});
  ASSERT_THAT(late, IsOk());
  EXPECT_EQ(late->state, RecommendationState::kOverdue);
  EXPECT_TRUE(late->response.has_value());
  absl::StatusOr<Recommendation> twice =
      logic_.Respond({NameOf(r[0]), OrganisationPosition::kAccepted, "", {}, ""});
  EXPECT_THAT(twice.status(), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(twice.status()), "ALREADY_RESPONDED");
}

TEST_F(RemedyLogicTest, StaleEtagIsAborted) {
  std::vector<Recommendation> r = Receive({Apology(kTarget)});
  EXPECT_THAT(logic_.Respond({NameOf(r[0]), OrganisationPosition::kAccepted, "", {}, "7"}).status(),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(Get(r[0]).state, RecommendationState::kAwaitingResponse);
}

TEST_F(RemedyLogicTest, RecordComplianceClosesTheRecommendation) {
  std::vector<Recommendation> r = Receive({Apology(kTarget)});
  clock_.SetToday(kTarget + 3);
  absl::StatusOr<Recommendation> complied = logic_.RecordCompliance(
      {NameOf(r[0]), "Wrote to Mr B apologising", kTarget + 2, "LETTER-2026-17", ""});
  ASSERT_THAT(complied, IsOk());
  EXPECT_EQ(complied->state, RecommendationState::kComplied);
  EXPECT_EQ(complied->compliance->completion_date, kTarget + 2);
  EXPECT_EQ(complied->compliance->record_time, clock_.Now());
  EXPECT_THAT(logic_.RecordCompliance({NameOf(r[0]), "again", kTarget, "X", ""}).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("cannot record compliance while the state is COMPLIED")));
}

TEST_F(RemedyLogicTest, RecordComplianceReportsEveryMissingField) {
  std::vector<Recommendation> r = Receive({Apology(kTarget)});
  absl::StatusOr<Recommendation> result =
      logic_.RecordCompliance({NameOf(r[0]), "", std::nullopt, "", ""});
  EXPECT_THAT(FieldsOf(result.status()),
              ElementsAre("evidence.action_taken", "evidence.completion_date",
                          "evidence.evidence_reference"));
  result = logic_.RecordCompliance({NameOf(r[0]), "done", absl::CivilDay(2027, 1, 1), "X", ""});
  EXPECT_THAT(FieldsOf(result.status()), ElementsAre("evidence.completion_date"));
}

TEST_F(RemedyLogicTest, OnlyTheComplainantsRemedyCanBeDeclined) {
  DecidedRecommendation learning = Apology(kTarget);
  learning.recommendation_id = "r2";
  learning.type = RecommendationType::kLearnLessons;
  learning.beneficiary = Beneficiary::kServiceUsers;
  std::vector<Recommendation> r = Receive({Apology(kTarget), learning});
  absl::StatusOr<Recommendation> declined =
      logic_.Decline({NameOf(r[0]), "Mr B does not want an apology", std::nullopt, ""});
  ASSERT_THAT(declined, IsOk());
  EXPECT_EQ(declined->state, RecommendationState::kDeclined);
  absl::StatusOr<Recommendation> refused =
      logic_.Decline({NameOf(r[1]), "not wanted", std::nullopt, ""});
  EXPECT_THAT(refused.status(), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(refused.status()), "NOT_COMPLAINANT_REMEDY");
  EXPECT_THAT(FieldsOf(logic_.Decline({NameOf(r[1]), "", std::nullopt, ""}).status()),
              ElementsAre("decline.reason"));
}

TEST_F(RemedyLogicTest, ADeclinedRemedyIsNeverChased) {
  std::vector<Recommendation> r = Receive({Apology(kTarget)});
  ASSERT_THAT(logic_.Decline({NameOf(r[0]), "not wanted", std::nullopt, ""}), IsOk());
  clock_.SetToday(absl::CivilDay(2026, 12, 1));
  EXPECT_EQ(*logic_.RunFollowUp(), 0);
  EXPECT_EQ(Get(r[0]).state, RecommendationState::kDeclined);
  EXPECT_THAT(Get(r[0]).steps_taken, IsEmpty());
}

TEST_F(RemedyLogicTest, RescheduleRestartsTheFollowUpFromTheNewDate) {
  std::vector<Recommendation> r = Receive({Apology(kTarget)});
  ASSERT_THAT(logic_.Respond({NameOf(r[0]), OrganisationPosition::kAccepted, "", {}, ""}), IsOk());
  clock_.SetToday(absl::CivilDay(2026, 3, 20));
  ASSERT_EQ(*logic_.RunFollowUp(), 2);  // overdue, chased
  absl::StatusOr<Recommendation> moved = logic_.Reschedule(
      {NameOf(r[0]), absl::CivilDay(2026, 4, 30), "Agreed extension: records were lost", ""});
  ASSERT_THAT(moved, IsOk());
  EXPECT_EQ(moved->state, RecommendationState::kAccepted);
  EXPECT_EQ(moved->target_date, absl::CivilDay(2026, 4, 30));
  ASSERT_EQ(moved->reschedules.size(), 1u);
  EXPECT_EQ(moved->reschedules[0].previous_target_date, kTarget);
  EXPECT_EQ(moved->steps_taken.size(), 2u);  // history is kept
  std::vector<FollowUpStep> plan = logic_.FollowUpOf(*moved);
  ASSERT_EQ(plan.size(), 6u);
  EXPECT_EQ(plan[2].action, FollowUpAction::kMarkOverdue);
  EXPECT_EQ(plan[2].due_date, absl::CivilDay(2026, 5, 1));
  EXPECT_EQ(*logic_.RunFollowUp(), 0);
}

TEST_F(RemedyLogicTest, RescheduleRejectsAPastDateAndNeedsAReason) {
  std::vector<Recommendation> r = Receive({Apology(kTarget)});
  absl::StatusOr<Recommendation> result =
      logic_.Reschedule({NameOf(r[0]), absl::CivilDay(2026, 2, 1), "", ""});
  EXPECT_THAT(FieldsOf(result.status()), ElementsAre("target_date", "reason"));
  result = logic_.Reschedule({NameOf(r[0]), std::nullopt, "why", ""});
  EXPECT_THAT(FieldsOf(result.status()), ElementsAre("target_date"));
}

TEST_F(RemedyLogicTest, ARecommendationIsRescheduledAtMostFiftyTimes) {
  std::vector<Recommendation> r = Receive({Apology(kTarget)});
  absl::CivilDay target = absl::CivilDay(2026, 4, 1);
  for (int n = 0; n < RemedyLogic::kMaxReschedules; ++n) {
    target += 7;
    ASSERT_THAT(logic_.Reschedule({NameOf(r[0]), target, "Agreed extension", ""}), IsOk()) << n;
  }
  const absl::Status refused =
      logic_.Reschedule({NameOf(r[0]), target + 7, "One more", ""}).status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(refused), "RESCHEDULE_LIMIT_REACHED");
  EXPECT_EQ(Get(r[0]).target_date, target);
}

}  // namespace
}  // namespace redress::remedy::testing
