// Service tests of whole cases through the in-process server: an investigation taken through
// every step from opening to a review whose decision stands, and one that a review reopens and
// that is decided again.

#include <google/protobuf/util/message_differencer.h>

#include <string>
#include <vector>

#include "services/investigation/api/investigation_service_test_support.h"

namespace redress::investigation::testing {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::ElementsAre;
using ::testing::SizeIs;

// Every field UpdateInvestigation can change.
std::vector<std::string> EveryField() {
  return {
      "narrative", "complaint_types", "complaint_handling_findings", "organisations_investigated",
      "location",  "recommendations"};
}

class LifecycleServiceTest : public InvestigationServiceTest {
 protected:
  // The caseworker's narrative, complaint types, handling finding and recommendations.
  v1::Investigation CaseworkerFields(const std::string& name) {
    v1::Investigation patch;
    patch.set_name(name);
    v1::Narrative* narrative = patch.mutable_narrative();
    narrative->add_introduction("Mrs B complained that Cafcass filed its report late.");
    narrative->add_what_happened("The report was due on 1 March and was filed on 22 March.");
    narrative->add_what_we_found("We upheld this complaint.");
    narrative->add_putting_it_right("Cafcass apologised and paid Mrs B £250.");
    patch.add_complaint_types("Did not apologise properly or do enough to put things right");
    patch.add_complaint_types("Came to an unsound decision");
    v1::ComplaintHandlingFinding* handling = patch.add_complaint_handling_findings();
    handling->set_principle(v1::PRINCIPLE_PUTTING_THINGS_RIGHT);
    handling->set_met(false);
    handling->set_finding("Cafcass did not apologise for the delay.");
    v1::OrganisationInvestigated* organisation = patch.add_organisations_investigated();
    organisation->set_organisation("organisations/cafcass");
    organisation->set_published_name("Cafcass");
    patch.set_location("England");
    v1::Recommendation* apology = patch.add_recommendations();
    apology->set_type(common_v1::RECOMMENDATION_TYPE_APOLOGY);
    apology->set_beneficiary(common_v1::BENEFICIARY_COMPLAINANT);
    apology->set_description("Apologise to Mrs B for the delay.");
    *apology->mutable_target_date() = Date(2026, 6, 1);
    v1::Recommendation* payment = patch.add_recommendations();
    payment->set_type(common_v1::RECOMMENDATION_TYPE_NON_FINANCIAL_LOSS);
    payment->set_beneficiary(common_v1::BENEFICIARY_COMPLAINANT);
    payment->set_description("Pay Mrs B £250 for the distress caused.");
    payment->mutable_amount()->set_amount_minor(25000);
    payment->mutable_amount()->set_currency_code("GBP");
    *payment->mutable_target_date() = Date(2026, 6, 1);
    return patch;
  }

  // Opens, assigns and scopes an investigation with `points` points, and logs evidence from both
  // parties.
  std::string OpenedScopedWithEvidence(int points) {
    const std::string name = Open().name();
    EXPECT_EQ(Ok(kAssign, AssignRequest(name, "cw-17")).state(), v1::INVESTIGATION_STATE_ASSIGNED);
    std::vector<std::string> descriptions;
    for (int i = 1; i <= points; ++i) descriptions.push_back(absl::StrCat("Point ", i));
    v1::Investigation scoped = Ok(kAgreeScope, ScopeRequest(name, 60, descriptions));
    EXPECT_EQ(scoped.state(), v1::INVESTIGATION_STATE_INVESTIGATING);
    EXPECT_THAT(scoped.points(), SizeIs(points));
    Ok(kLogEvidence,
       EvidenceRequest(name, "ev-1", "Complaint letter", common_v1::PARTY_COMPLAINANT));
    v1::Investigation logged = Ok(kLogEvidence, EvidenceRequest(name, "ev-2", "Case file"));
    EXPECT_THAT(logged.evidence(), SizeIs(2));
    return name;
  }

  // A clock-stop from Wednesday to the next Tuesday: five working days, by which the target date
  // moves.
  void HoldForAWorkingWeek(const std::string& name) {
    const absl::CivilDay target = CivilDayOf(Get(name).scope().target_date());
    clock_.SetToday(kToday + 2);
    EXPECT_EQ(Ok(kPutOnHold, HoldRequest(name)).state(), v1::INVESTIGATION_STATE_ON_HOLD);
    clock_.SetToday(kToday + 9);
    v1::Investigation resumed = Ok(kResume, ResumeRequest(name));
    EXPECT_EQ(resumed.state(), v1::INVESTIGATION_STATE_INVESTIGATING);
    EXPECT_EQ(CivilDayOf(resumed.scope().target_date()),
              *WorkingDayCalendar::EnglandAndWales().AddWorkingDays(target, 5));
  }

  // Shares the provisional view and logs a comment from each party.
  void ShareAndHearBothParties(const std::string& name) {
    EXPECT_EQ(Ok(kShare, ShareRequest(name, 10)).state(),
              v1::INVESTIGATION_STATE_PROVISIONAL_VIEW_SHARED);
    Ok(kLogComment, CommentRequest(name, "comment-b", common_v1::PARTY_COMPLAINANT));
    v1::Investigation commented =
        Ok(kLogComment, CommentRequest(name, "comment-o", common_v1::PARTY_ORGANISATION));
    EXPECT_THAT(commented.provisional_view().comments(), SizeIs(2));
  }
};

TEST_P(LifecycleServiceTest, ACaseFromOpeningToAReviewWhoseDecisionStands) {
  const std::string name = OpenedScopedWithEvidence(3);
  HoldForAWorkingWeek(name);
  for (const char* point : {"cp1", "cp2", "cp3"}) {
    EXPECT_EQ(Ok(kRecordFinding, FindingRequest(name, point, true, true)).points_size(), 3);
  }
  v1::Investigation updated = Ok(kUpdate, UpdateRequest(CaseworkerFields(name), EveryField()));
  EXPECT_EQ(updated.narrative().putting_it_right(0), "Cafcass apologised and paid Mrs B £250.");
  EXPECT_EQ(updated.location(), "England");
  ShareAndHearBothParties(name);

  v1::Investigation decided = Ok(kIssueDecision, DecisionRequest(name));
  EXPECT_EQ(decided.state(), v1::INVESTIGATION_STATE_DECIDED);
  EXPECT_EQ(decided.final_decision().decision(), v1::OUTCOME_UPHELD);
  EXPECT_EQ(decided.final_decision().sequence(), 1);
  const std::vector<OutboxEntry> outbox = Outbox();
  ASSERT_THAT(outbox, SizeIs(1));
  EXPECT_THAT(std::get<DecisionHandoff>(outbox[0].handoff).recommendations, SizeIs(2));
  EXPECT_EQ(std::get<DecisionHandoff>(outbox[0].handoff).decision.decision, Outcome::kUpheld);

  clock_.SetToday(kToday + 20);
  EXPECT_EQ(
      Ok(kRequestReview, ReviewRequest(name, "review-1", v1::REVIEW_GROUND_FACTS_WRONG)).state(),
      v1::INVESTIGATION_STATE_UNDER_REVIEW);
  v1::Investigation stands =
      Ok(kDecideReview, DecideReviewRequest(name, v1::REVIEW_OUTCOME_DECISION_STANDS));
  EXPECT_EQ(stands.state(), v1::INVESTIGATION_STATE_DECIDED);
  EXPECT_EQ(stands.final_decision().decision(), v1::OUTCOME_UPHELD);
  EXPECT_EQ(stands.reviews(0).outcome(), v1::REVIEW_OUTCOME_DECISION_STANDS);
  EXPECT_EQ(stands.previous_decisions_size(), 0);
  EXPECT_TRUE(MessageDifferencer::Equals(Get(name), stands));
  EXPECT_THAT(Outbox(), SizeIs(1));
}

TEST_P(LifecycleServiceTest, AReopenedCaseIsDecidedAgainWithTheNextSequence) {
  const std::string name = OpenedScopedWithEvidence(2);
  Ok(kRecordFinding, FindingRequest(name, "cp1", true, true));
  Ok(kRecordFinding, FindingRequest(name, "cp2", true, false));
  Ok(kUpdate, NarrativeRequest(name, "We partly upheld this complaint."));
  ShareAndHearBothParties(name);
  v1::Investigation first = Ok(kIssueDecision, DecisionRequest(name));
  ASSERT_EQ(first.final_decision().decision(), v1::OUTCOME_PARTLY_UPHELD);

  clock_.SetToday(kToday + 7);
  Ok(kRequestReview, ReviewRequest(name, "review-1", v1::REVIEW_GROUND_NEW_INFORMATION));
  v1::Investigation reopened =
      Ok(kDecideReview, DecideReviewRequest(name, v1::REVIEW_OUTCOME_REOPENED));
  EXPECT_EQ(reopened.state(), v1::INVESTIGATION_STATE_INVESTIGATING);
  EXPECT_FALSE(reopened.has_final_decision());
  ASSERT_THAT(reopened.previous_decisions(), SizeIs(1));
  EXPECT_TRUE(MessageDifferencer::Equals(reopened.previous_decisions(0), first.final_decision()));

  // The new information shows no failing on either point.
  Ok(kRecordFinding, FindingRequest(name, "cp1", false, false));
  Ok(kRecordFinding, FindingRequest(name, "cp2", false, false));
  Ok(kUpdate, NarrativeRequest(name, "We did not uphold this complaint."));
  v1::Investigation shared_again = Ok(kShare, ShareRequest(name, 5));
  const absl::CivilDay deadline = CivilDayOf(shared_again.provisional_view().comment_deadline());
  clock_.SetToday(deadline + 1);  // the comment period has run out without comments
  v1::Investigation second = Ok(kIssueDecision, DecisionRequest(name));

  EXPECT_EQ(second.state(), v1::INVESTIGATION_STATE_DECIDED);
  EXPECT_EQ(second.final_decision().decision(), v1::OUTCOME_NOT_UPHELD);
  EXPECT_EQ(second.final_decision().sequence(), 2);
  EXPECT_THAT(second.previous_decisions(), SizeIs(1));
  std::vector<std::string> keys;
  for (const OutboxEntry& entry : Outbox()) keys.push_back(HandoffKey(entry.handoff));
  // The reopening went to remedy between the two decisions.
  EXPECT_THAT(keys, ElementsAre(name + "/decisions/1", name + "/decisions/1/reopening",
                                name + "/decisions/2"));
}

INSTANTIATE_TEST_SUITE_P(Stores, LifecycleServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

}  // namespace
}  // namespace redress::investigation::testing
