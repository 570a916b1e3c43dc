// RemedyLogic's subject access export, erasure and retention (docs/privacy.md) on a FakeStore.
#include "services/remedy/personal_data.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/errors.h"
#include "common/testing/store_contract.h"  // IsOkAndHolds
#include "services/remedy/remedy_logic_test_support.h"

namespace redress::remedy {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::IsOkAndHolds;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace testing;  // NOLINT: the shared RemedyLogicTest fixture and builders

std::vector<std::string> FieldsOf(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

class PersonalDataTest : public RemedyLogicTest {
 protected:
  // Receives decision 1 of `investigation` from `complaint` with an apology and a payment, and
  // settles both: the apology complied with (after a reschedule), the payment declined.
  std::vector<Recommendation> ClosedCase(const std::string& investigation,
                                         const std::string& complaint = "complaints/c1") {
    std::vector<Recommendation> made = ReceiveFrom(investigation, complaint);
    for (const Recommendation& r : made) {
      EXPECT_THAT(logic_.Reschedule({NameOf(r), kTarget + 7, "Mr Brown was in hospital.", ""}),
                  IsOk());
    }
    EXPECT_THAT(logic_.RecordCompliance({NameOf(made[0]), "Wrote to Mr Brown at 1 High Street.",
                                         Today(clock_), "Letter ref AB/1", ""}),
                IsOk());
    EXPECT_THAT(
        logic_.Decline({NameOf(made[1]), "I don't want Mr Smith's money.", std::nullopt, ""}),
        IsOk());
    return {Get(made[0]), Get(made[1])};
  }

  std::vector<Recommendation> ReceiveFrom(const std::string& investigation,
                                          const std::string& complaint) {
    ReceiveDecisionCommand decision =
        Decision(investigation, 1, {Apology(kTarget), Payment(kTarget, 25000)});
    decision.complaint = complaint;
    auto made = logic_.ReceiveDecision(decision);
    EXPECT_THAT(made, IsOk());
    return made.ok() ? *made : std::vector<Recommendation>();
  }

  std::vector<std::string> ExportedCases(const PersonalDataQuery& query) {
    auto found = logic_.ExportPersonalData(query);
    EXPECT_THAT(found, IsOk());
    std::vector<std::string> ids;
    if (found.ok()) {
      for (const CasePersonalData& entry : *found) ids.push_back(entry.investigation_id);
    }
    return ids;
  }

  bool AuditChainSound() {
    auto verification = logic_.VerifyAuditLog(std::nullopt);
    return verification.ok() && !verification->problem.has_value();
  }
};

TEST_F(PersonalDataTest, RefusesAQueryNamingNothingOrMalformed) {
  EXPECT_THAT(FieldsOf(logic_.ExportPersonalData({}).status()), ElementsAre("investigations"));
  EXPECT_THAT(
      FieldsOf(logic_.ErasePersonalData({{"complaints/", "cases/x"}, {"complaints/c1"}}).status()),
      ElementsAre("complaints[0]", "complaints[1]", "investigations[0]"));
  PersonalDataQuery too_many;
  too_many.investigations.assign(RemedyLogic::kMaxNamedCases + 1, "investigations/inv1");
  EXPECT_THAT(FieldsOf(logic_.ExportPersonalData(too_many).status()),
              ElementsAre("investigations"));
}

TEST_F(PersonalDataTest, ExportFindsCasesByComplaintAndByInvestigation) {
  ClosedCase("inv1", "complaints/c1");
  ReceiveFrom("inv2", "complaints/c2");
  ASSERT_THAT(
      store_.InsertIssueAcknowledgement({"inv3", "abcd", "narrative.what_happened[0]", "given_name",
                                         "complainant", "May is a month.", "cw-1", clock_.Now()}),
      IsOk());

  EXPECT_THAT(ExportedCases({{"complaints/c1"}, {}}), ElementsAre("inv1"));
  // Complaints first, then investigations; each case once; unknown names skipped.
  EXPECT_THAT(ExportedCases({{"complaints/c2", "complaints/c9"},
                             {"investigations/inv3", "investigations/inv2", "investigations/x"}}),
              ElementsAre("inv2", "inv3"));
  EXPECT_THAT(ExportedCases({{"complaints/nobody"}, {}}), IsEmpty());

  auto found = logic_.ExportPersonalData({{}, {"investigations/inv1"}});
  ASSERT_THAT(found, IsOk());
  ASSERT_EQ(found->size(), 1u);
  const CasePersonalData& inv1 = found->at(0);
  EXPECT_THAT(inv1.complaints, ElementsAre("complaints/c1"));
  ASSERT_EQ(inv1.recommendations.size(), 2u);
  EXPECT_EQ(inv1.recommendations[0].compliance->action_taken,
            "Wrote to Mr Brown at 1 High Street.");
  EXPECT_EQ(inv1.recommendations[1].decline->reason, "I don't want Mr Smith's money.");
  EXPECT_FALSE(inv1.erase_time.has_value());
}

TEST_F(PersonalDataTest, ErasureIsRefusedWhileARecommendationIsOpenAndErasesNothing) {
  ClosedCase("inv1", "complaints/c1");
  ReceiveFrom("inv2", "complaints/c1");  // awaiting a response
  const int writes = store_.successful_writes();
  auto refused = logic_.ErasePersonalData({{"complaints/c1"}, {}});
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(refused.status()), kReasonNotClosed);
  EXPECT_EQ(store_.successful_writes(), writes);
  EXPECT_THAT(store_.GetCaseErasureTime("inv1"), IsOkAndHolds(std::nullopt));
}

TEST_F(PersonalDataTest, ErasureReplacesFreeTextKeepsTheRestAndIsIdempotent) {
  const std::vector<Recommendation> before = ClosedCase("inv1");
  ASSERT_THAT(store_.InsertCaseSummary(CaseSummary{"inv1",
                                                   1,
                                                   "Mr B complained.",
                                                   {},
                                                   Jurisdiction::kParliamentary,
                                                   {"HMCTS"},
                                                   "London",
                                                   {},
                                                   {"Apology"},
                                                   1,
                                                   clock_.Now()}),
              IsOk());
  auto summary_before = store_.GetCaseSummary("inv1", 1);
  clock_.Advance(absl::Hours(1));

  auto erased = logic_.ErasePersonalData({{}, {"investigations/inv1"}});
  ASSERT_THAT(erased, IsOk());
  EXPECT_THAT(erased->erased, ElementsAre("investigations/inv1"));
  EXPECT_THAT(erased->already_erased, IsEmpty());

  auto exported = logic_.ExportPersonalData({{"complaints/c1"}, {}});
  ASSERT_THAT(exported, IsOk());
  ASSERT_EQ(exported->size(), 1u);
  EXPECT_EQ(exported->at(0).erase_time, clock_.Now());
  const Recommendation& apology = exported->at(0).recommendations.at(0);
  const Recommendation& payment = exported->at(0).recommendations.at(1);
  EXPECT_EQ(apology.description, kErasedText);
  EXPECT_EQ(apology.compliance->action_taken, kErasedText);
  EXPECT_EQ(apology.compliance->evidence_reference, kErasedText);
  EXPECT_EQ(apology.reschedules.at(0).reason, kErasedText);
  EXPECT_EQ(payment.decline->reason, kErasedText);
  // What reports and the published summary rest on stays.
  EXPECT_EQ(apology.state, before[0].state);
  EXPECT_EQ(apology.history, before[0].history);
  EXPECT_EQ(payment.amount, before[1].amount);
  EXPECT_EQ(payment.state, RecommendationState::kDeclined);
  EXPECT_THAT(store_.GetCaseSummary("inv1", 1), IsOkAndHolds(*summary_before));
  EXPECT_TRUE(AuditChainSound());

  const int writes = store_.successful_writes();
  auto again = logic_.ErasePersonalData({{"complaints/c1"}, {"investigations/inv1"}});
  ASSERT_THAT(again, IsOk());
  EXPECT_THAT(again->erased, IsEmpty());
  EXPECT_THAT(again->already_erased, ElementsAre("investigations/inv1"));
  EXPECT_EQ(store_.successful_writes(), writes);
}

TEST_F(PersonalDataTest, AnErasedCaseRefusesChangesThatBringTextBack) {
  std::vector<Recommendation> made = ClosedCase("inv1");
  ASSERT_THAT(logic_.ErasePersonalData({{}, {"investigations/inv1"}}), IsOk());

  // A redelivery of the decision received before erasure still answers.
  ReceiveDecisionCommand first = Decision("inv1", 1, {Apology(kTarget), Payment(kTarget, 25000)});
  EXPECT_THAT(logic_.ReceiveDecision(first), IsOk());
  // A new decision would bring descriptions back.
  auto second = logic_.ReceiveDecision(Decision("inv1", 2, {Apology(kTarget)}));
  EXPECT_THAT(second, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(second.status()), kReasonErased);
  // Late evidence on a recommendation recorded as not complied with.
  Recommendation payment = Get(made[1]);
  payment.state = RecommendationState::kNotComplied;
  payment.version += 1;
  ASSERT_THAT(store_.UpdateRecommendation(payment, payment.version - 1), IsOk());
  auto evidence =
      logic_.RecordCompliance({NameOf(payment), "Paid Mr Smith.", Today(clock_), "Cheque 42", ""});
  EXPECT_EQ(ErrorReasonOf(evidence.status()), kReasonErased);
  auto acknowledged = logic_.AcknowledgeAnonymisationIssue(
      {"investigations/inv1", std::string(32, 'a'), "May is a month.", "cw-1"},
      clock_.Now() + absl::Seconds(5));
  EXPECT_EQ(ErrorReasonOf(acknowledged.status()), kReasonErased);
  EXPECT_THAT(store_.GetRecommendation(payment.id), IsOkAndHolds(payment));
}

TEST_F(PersonalDataTest, AnErasedCaseStillReceivesAReopeningAndAnEndWhichChangeNoText) {
  const std::vector<Recommendation> made = ClosedCase("inv1");
  ASSERT_THAT(logic_.ErasePersonalData({{}, {"investigations/inv1"}}), IsOk());
  const Recommendation erased = Get(made[0]);
  EXPECT_THAT(logic_.ReceiveReopening(Reopening("inv1", 1)), IsOk());
  EXPECT_THAT(logic_.ReceiveInvestigationEnd(End("inv1", 1)), IsOk());
  // Settled recommendations stay settled, and erased.
  EXPECT_EQ(Get(made[0]), erased);
  EXPECT_TRUE(AuditChainSound());
}

TEST_F(PersonalDataTest, RetentionErasesOnlyWhatWasClosedLongerThanThePeriod) {
  ClosedCase("inv1", "complaints/c1");
  ReceiveFrom("inv2", "complaints/c2");  // open
  const absl::Duration period = absl::Hours(24 * 30);
  clock_.Advance(absl::Hours(24 * 10));
  ClosedCase("inv3", "complaints/c3");

  EXPECT_THAT(logic_.EraseExpired(period, 500), IsOkAndHolds(0));
  clock_.Advance(absl::Hours(24 * 21));  // inv1 closed 31 days ago, inv3 21
  EXPECT_THAT(logic_.EraseExpired(period, 500), IsOkAndHolds(1));
  EXPECT_THAT(store_.GetCaseErasureTime("inv1"), IsOkAndHolds(clock_.Now()));
  EXPECT_THAT(store_.GetCaseErasureTime("inv3"), IsOkAndHolds(std::nullopt));
  clock_.Advance(absl::Hours(24 * 365));
  EXPECT_THAT(logic_.EraseExpired(period, 500), IsOkAndHolds(1));  // inv3; inv2 is still open
  EXPECT_THAT(store_.GetCaseErasureTime("inv2"), IsOkAndHolds(std::nullopt));
  EXPECT_THAT(logic_.EraseExpired(period, 500), IsOkAndHolds(0));
  EXPECT_TRUE(AuditChainSound());
}

TEST_F(PersonalDataTest, RetentionErasesAtMostTheBatch) {
  ClosedCase("inv1", "complaints/c1");
  ClosedCase("inv2", "complaints/c2");
  clock_.Advance(absl::Hours(24 * 100));
  EXPECT_THAT(logic_.EraseExpired(absl::Hours(24), 1), IsOkAndHolds(1));
  EXPECT_THAT(store_.GetCaseErasureTime("inv2"), IsOkAndHolds(std::nullopt));
  EXPECT_THAT(logic_.EraseExpired(absl::Hours(24), 1), IsOkAndHolds(1));
  EXPECT_THAT(store_.GetCaseErasureTime("inv2"), IsOkAndHolds(clock_.Now()));
}

}  // namespace
}  // namespace redress::remedy
