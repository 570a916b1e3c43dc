// InvestigationLogic's subject access export, erasure and retention (docs/privacy.md) on the fake
// store and clock: invalid queries, what is found, refusals, what erasure keeps, idempotence, the
// audit chain, and changes refused once erased.
#include "services/investigation/personal_data.h"

#include <string>
#include <vector>

#include "common/testing/store_contract.h"  // IsOkAndHolds
#include "services/investigation/investigation_logic_test_support.h"

namespace redress::investigation::testing {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::IsOkAndHolds;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class InvestigationPersonalDataTest : public InvestigationLogicTest {
 protected:
  // Marks every hand-off in the outbox delivered, as the sender would.
  void DeliverAll() {
    for (const OutboxEntry& entry : store_.outbox()) {
      if (!entry.delivered_time.has_value()) {
        ASSERT_THAT(store_.MarkDelivered(entry.id, clock_.Now()), IsOk());
      }
    }
  }

  std::vector<std::string> ExportedNames(const PersonalDataQuery& query) {
    std::vector<std::string> names;
    auto exported = logic_.ExportPersonalData(query);
    EXPECT_THAT(exported, IsOk());
    if (!exported.ok()) return names;
    for (const InvestigationPersonalData& entry : *exported) {
      names.push_back(entry.investigation.name());
    }
    return names;
  }

  bool AuditChainSound() {
    auto verification = logic_.VerifyAuditLog(std::nullopt);
    return verification.ok() && !verification->problem.has_value();
  }
};

TEST_F(InvestigationPersonalDataTest, AnInvalidQueryIsInvalidArgumentWithItsFields) {
  absl::Status empty = logic_.ExportPersonalData({}).status();
  EXPECT_THAT(empty, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(empty), ElementsAre("complaints"));

  absl::Status malformed =
      logic_.ErasePersonalData({{"investigations/x"}, {"investigations/ok", "complaints/c1"}})
          .status();
  EXPECT_THAT(malformed, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(malformed), ElementsAre("complaints[0]", "investigations[1]"));

  PersonalDataQuery too_many;
  for (int i = 0; i <= InvestigationLogic::kMaxNamedResources; ++i) {
    too_many.complaints.push_back(absl::StrCat("complaints/c", i));
  }
  EXPECT_THAT(ViolatedFields(logic_.ExportPersonalData(too_many).status()),
              ElementsAre("complaints"));
}

TEST_F(InvestigationPersonalDataTest,
       ExportsTheInvestigationsOfTheComplaintsAndThoseNamedEachOnce) {
  const Investigation first = Opened();   // from complaints/c1
  const Investigation second = Opened();  // from complaints/c2
  Opened();                               // complaints/c3: not asked for

  EXPECT_THAT(ExportedNames({{"complaints/c1"}, {}}), ElementsAre(first.name()));
  EXPECT_THAT(
      ExportedNames({{"complaints/c1"}, {second.name(), first.name(), "investigations/not-held"}}),
      ElementsAre(first.name(), second.name()));
  // Names investigation does not hold give an empty export, not an error.
  EXPECT_THAT(ExportedNames({{"complaints/never-accepted"}, {"investigations/not-held"}}),
              IsEmpty());

  auto exported = logic_.ExportPersonalData({{"complaints/c2"}, {}});
  ASSERT_THAT(exported, IsOk());
  ASSERT_EQ(exported->size(), 1u);
  EXPECT_EQ((*exported)[0].investigation.complaint.what_went_wrong,
            second.complaint.what_went_wrong);
  EXPECT_FALSE((*exported)[0].erase_time.has_value());
}

TEST_F(InvestigationPersonalDataTest, RefusesAnInvestigationNotEndedAndErasesNothing) {
  const Investigation withdrawn = Withdrawn();
  const Investigation open = Investigating();
  const int writes = store_.successful_writes();

  absl::Status refused = logic_.ErasePersonalData({{}, {withdrawn.name(), open.name()}}).status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(refused), kReasonNotClosed);
  EXPECT_EQ(PreconditionViolationOf(refused).subject, open.name());
  EXPECT_EQ(store_.successful_writes(), writes);
  EXPECT_THAT(store_.GetErasureTime(withdrawn.id), IsOkAndHolds(std::nullopt));

  // A review reopens the question: not ended either.
  const Investigation under_review = UnderReview();
  DeliverAll();
  refused = logic_.ErasePersonalData({{}, {under_review.name()}}).status();
  EXPECT_EQ(ErrorReasonOf(refused), kReasonNotClosed);
}

TEST_F(InvestigationPersonalDataTest, RefusesADecisionNotYetHandedToRemedy) {
  const Investigation decided = Decided();
  absl::Status refused = logic_.ErasePersonalData({{decided.complaint.complaint}, {}}).status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(refused), kReasonHandoffPending);
  EXPECT_THAT(store_.GetErasureTime(decided.id), IsOkAndHolds(std::nullopt));

  DeliverAll();
  auto outcome = logic_.ErasePersonalData({{decided.complaint.complaint}, {}});
  ASSERT_THAT(outcome, IsOk());
  EXPECT_THAT(outcome->erased, ElementsAre(decided.name()));
}

TEST_F(InvestigationPersonalDataTest,
       ErasesFreeTextKeepsWhatThePublishedSummaryRestsOnAndIsIdempotent) {
  const Investigation decided = Decided();
  const Investigation withdrawn = Withdrawn();
  DeliverAll();

  auto outcome = logic_.ErasePersonalData({{}, {decided.name(), withdrawn.name()}});
  ASSERT_THAT(outcome, IsOk());
  EXPECT_THAT(outcome->erased, ElementsAre(decided.name(), withdrawn.name()));
  EXPECT_THAT(outcome->already_erased, IsEmpty());

  const Investigation after = Ok(logic_.GetInvestigation(decided.name()));
  EXPECT_EQ(after.complaint.what_went_wrong, kErasedText);
  EXPECT_EQ(after.complaint.injustice_claimed, kErasedText);
  EXPECT_EQ(after.complaint.outcome_wanted, kErasedText);
  EXPECT_EQ(after.scope->summary, kErasedText);
  EXPECT_EQ(after.points[0].description, kErasedText);
  EXPECT_EQ(after.points[0].finding->reasoning, kErasedText);
  EXPECT_EQ(after.provisional_view->comments.size(), decided.provisional_view->comments.size());
  // What statistics and the published summary rest on stays.
  EXPECT_EQ(after.state, decided.state);
  EXPECT_EQ(after.final_decision, decided.final_decision);
  EXPECT_EQ(after.points[0].outcome, decided.points[0].outcome);
  EXPECT_EQ(after.points[0].finding->failing, decided.points[0].finding->failing);
  EXPECT_EQ(after.narrative, decided.narrative);
  EXPECT_EQ(after.organisations_investigated, decided.organisations_investigated);
  EXPECT_EQ(after.complaint_types, decided.complaint_types);
  EXPECT_EQ(after.location, decided.location);
  EXPECT_EQ(after.complaint.complainants_reference, decided.complaint.complainants_reference);
  EXPECT_EQ(after.caseworker, decided.caseworker);
  EXPECT_EQ(after.version, decided.version + 1);
  EXPECT_EQ(Ok(logic_.GetInvestigation(withdrawn.name())).ending->reason, kErasedText);
  EXPECT_TRUE(AuditChainSound());

  // Named again (and found through its complaint too): already erased, nothing written.
  const int writes = store_.successful_writes();
  auto again = logic_.ErasePersonalData({{decided.complaint.complaint}, {withdrawn.name()}});
  ASSERT_THAT(again, IsOk());
  EXPECT_THAT(again->erased, IsEmpty());
  EXPECT_THAT(again->already_erased, ElementsAre(decided.name(), withdrawn.name()));
  EXPECT_EQ(store_.successful_writes(), writes);

  // No change may bring personal text back to an erased investigation.
  absl::Status refused = logic_.RequestReview(ReviewCommand(after)).status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(refused), kReasonErased);
  Investigation patch;
  patch.narrative = NarrativeStating("We upheld this complaint.");
  patch.narrative.introduction = {"Mr Brown of 3 High Street complained."};
  refused = logic_.UpdateInvestigation(after.name(), patch, {"narrative"}, "").status();
  EXPECT_EQ(ErrorReasonOf(refused), kReasonErased);
  EXPECT_EQ(store_.successful_writes(), writes);

  auto exported = logic_.ExportPersonalData({{}, {decided.name()}});
  ASSERT_THAT(exported, IsOk());
  EXPECT_EQ((*exported)[0].erase_time, clock_.Now());
  EXPECT_TRUE(AuditChainSound());
}

TEST_F(InvestigationPersonalDataTest, ErasureRewritesTheDeliveredDecisionsRecommendations) {
  Investigation scoped = Investigating();
  Investigation patch;
  Recommendation apology;
  apology.type = RecommendationType::kApology;
  apology.beneficiary = Beneficiary::kComplainant;
  apology.description = "Apologise to Mr B for leaving out his call.";
  apology.target_date = kToday + 30;
  patch.recommendations = {apology};
  scoped = Ok(logic_.UpdateInvestigation(scoped.name(), patch, {"recommendations"}, ""));
  const Investigation shared =
      Ok(logic_.ShareProvisionalView(ShareCommand(Narrated(scoped), kToday - 21, 5)));
  const Investigation decided = Ok(logic_.IssueFinalDecision({shared.name(), {}, ""}));
  DeliverAll();
  ASSERT_THAT(logic_.ErasePersonalData({{}, {decided.name()}}), IsOk());

  const std::vector<OutboxEntry> outbox = store_.outbox();
  ASSERT_EQ(outbox.size(), 1u);
  const auto& handoff = std::get<DecisionHandoff>(outbox[0].handoff);
  ASSERT_EQ(handoff.recommendations.size(), 1u);
  EXPECT_EQ(handoff.recommendations[0].description, kErasedText);
  EXPECT_EQ(handoff.recommendations[0].type, RecommendationType::kApology);
  EXPECT_EQ(handoff.decision, *decided.final_decision);
}

TEST_F(InvestigationPersonalDataTest, RetentionErasesOnlyWhatEndedLongerThanThePeriod) {
  const Investigation old_withdrawn = Withdrawn();
  clock_.Advance(absl::Hours(24 * 10));
  const Investigation recent_discontinued = Discontinued();
  const Investigation open = Investigating();
  clock_.Advance(absl::Hours(24 * 5));

  // Ten days' retention: only the investigation withdrawn fifteen days ago is past it.
  EXPECT_THAT(logic_.EraseExpired(absl::Hours(24 * 10), 100), IsOkAndHolds(1));
  EXPECT_TRUE(store_.GetErasureTime(old_withdrawn.id)->has_value());
  EXPECT_FALSE(store_.GetErasureTime(recent_discontinued.id)->has_value());
  EXPECT_FALSE(store_.GetErasureTime(open.id)->has_value());
  EXPECT_THAT(logic_.EraseExpired(absl::Hours(24 * 10), 100), IsOkAndHolds(0));

  // A decision whose hand-off is still pending is skipped, and erased once delivered.
  const Investigation decided = Decided();
  clock_.Advance(absl::Hours(24 * 11));
  EXPECT_THAT(logic_.EraseExpired(absl::Hours(24 * 10), 100), IsOkAndHolds(1));
  EXPECT_TRUE(store_.GetErasureTime(recent_discontinued.id)->has_value());
  EXPECT_FALSE(store_.GetErasureTime(decided.id)->has_value());
  EXPECT_FALSE(store_.GetErasureTime(open.id)->has_value());
  DeliverAll();
  EXPECT_THAT(logic_.EraseExpired(absl::Hours(24 * 10), 100), IsOkAndHolds(1));
  EXPECT_TRUE(store_.GetErasureTime(decided.id)->has_value());
  EXPECT_TRUE(AuditChainSound());
}

}  // namespace
}  // namespace redress::investigation::testing
