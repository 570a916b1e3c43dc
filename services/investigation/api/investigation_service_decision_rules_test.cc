// Service tests of the rules a final decision is issued under, through the generated stub on an
// in-process server over each store: the comment period judged on the decision date and closed
// by every organisation's comment, a revised provisional view after a change, a record that agrees
// with the decision, and narrative paragraphs without line breaks.

#include <string>
#include <vector>

#include "services/investigation/api/investigation_service_test_support.h"

namespace redress::investigation::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

class DecisionRulesServiceTest : public InvestigationServiceTest {
 protected:
  // Opened, assigned and scoped on 5 January (cp1 upheld, cp2 partly upheld), with a narrative
  // stating the decision: ready to share.
  std::string ReadyToShare() {
    const std::string name = Open().name();
    Ok(kAssign, AssignRequest(name));
    v1::AgreeScopeRequest scope = ScopeRequest(name);
    *scope.mutable_scope()->mutable_agreed_date() = Date(2026, 1, 5);
    Ok(kAgreeScope, scope);
    Ok(kRecordFinding, FindingRequest(name, "cp1", true, true));
    Ok(kRecordFinding, FindingRequest(name, "cp2", true, false));
    Ok(kUpdate, NarrativeRequest(name, "We partly upheld this complaint."));
    return name;
  }
  v1::Investigation Share(const std::string& name, absl::CivilDay on, int period) {
    v1::ShareProvisionalViewRequest request = ShareRequest(name, period);
    *request.mutable_share_date() = Date(on);
    return Ok(kShare, request);
  }
  v1::IssueFinalDecisionRequest DecisionOn(const std::string& name, absl::CivilDay day) {
    v1::IssueFinalDecisionRequest request = DecisionRequest(name);
    *request.mutable_decision_date() = Date(day);
    return request;
  }
  v1::LogCommentRequest Comment(const std::string& name, const std::string& request_id,
                                common_v1::Party party, const std::string& organisation = "") {
    v1::LogCommentRequest request = CommentRequest(name, request_id, party);
    request.mutable_comment()->set_organisation(organisation);
    return request;
  }
  void InvestigateTwoOrganisations(const std::string& name) {
    v1::Investigation patch;
    patch.set_name(name);
    v1::OrganisationInvestigated* cafcass = patch.add_organisations_investigated();
    cafcass->set_organisation("organisations/cafcass");
    cafcass->set_published_name("Cafcass");
    v1::OrganisationInvestigated* hmcts = patch.add_organisations_investigated();
    hmcts->set_organisation("organisations/hmcts");
    hmcts->set_published_name("HM Courts and Tribunals Service");
    Ok(kUpdate, UpdateRequest(patch, {"organisations_investigated"}));
  }
};

TEST_P(DecisionRulesServiceTest, ADecisionCannotBeDatedToADayTheCommentPeriodWasOpen) {
  const std::string name = ReadyToShare();
  v1::Investigation shared = Share(name, absl::CivilDay(2026, 2, 9), 5);
  ASSERT_EQ(CivilDayOf(shared.provisional_view().comment_deadline()), absl::CivilDay(2026, 2, 16));

  ErrorDetails details =
      ExpectError(Fails(kIssueDecision, DecisionOn(name, absl::CivilDay(2026, 2, 16))),
                  grpc::StatusCode::FAILED_PRECONDITION, "COMMENT_PERIOD_OPEN");
  ASSERT_THAT(details.precondition_failure.violations(), SizeIs(1));
  EXPECT_EQ(details.precondition_failure.violations(0).type(), "COMMENT_PERIOD");
  EXPECT_EQ(details.precondition_failure.violations(0).subject(), name);
  EXPECT_THAT(Outbox(), SizeIs(0));

  v1::Investigation decided = Ok(kIssueDecision, DecisionOn(name, absl::CivilDay(2026, 2, 17)));
  EXPECT_EQ(CivilDayOf(decided.final_decision().decision_date()), absl::CivilDay(2026, 2, 17));
}

TEST_P(DecisionRulesServiceTest, CommentsAfterTheDecisionDateDoNotCloseThePeriod) {
  const std::string name = ReadyToShare();
  Share(name, kToday - 7, 10);  // open until 9 March
  for (const auto& [id, party] : {std::pair{"c-1", common_v1::PARTY_COMPLAINANT},
                                  std::pair{"c-2", common_v1::PARTY_ORGANISATION}}) {
    v1::LogCommentRequest comment = Comment(name, id, party);
    *comment.mutable_comment()->mutable_received_date() = Date(kToday - 1);
    Ok(kLogComment, comment);
  }
  ExpectError(Fails(kIssueDecision, DecisionOn(name, kToday - 2)),
              grpc::StatusCode::FAILED_PRECONDITION, "COMMENT_PERIOD_OPEN");
  Ok(kIssueDecision, DecisionOn(name, kToday - 1));
}

TEST_P(DecisionRulesServiceTest, EachOrganisationInvestigatedCommentsForItself) {
  const std::string name = ReadyToShare();
  InvestigateTwoOrganisations(name);
  Share(name, kToday, 10);
  ErrorDetails unnamed =
      ExpectError(Fails(kLogComment, Comment(name, "c-1", common_v1::PARTY_ORGANISATION)),
                  grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(unnamed.fields(), ElementsAre("comment.organisation"));
  ErrorDetails stranger = ExpectError(
      Fails(kLogComment, Comment(name, "c-2", common_v1::PARTY_ORGANISATION, "organisations/dwp")),
      grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(stranger.DescriptionOf("comment.organisation"),
              HasSubstr("not among the organisations investigated"));

  Ok(kLogComment, Comment(name, "c-3", common_v1::PARTY_COMPLAINANT));
  v1::Investigation commented =
      Ok(kLogComment, Comment(name, "c-4", common_v1::PARTY_ORGANISATION, "organisations/cafcass"));
  ASSERT_THAT(commented.provisional_view().comments(), SizeIs(2));
  EXPECT_EQ(commented.provisional_view().comments(1).organisation(), "organisations/cafcass");
  EXPECT_EQ(commented.provisional_view().comments(1).view_revision(), 1);
  ErrorDetails open = ExpectError(Fails(kIssueDecision, DecisionRequest(name)),
                                  grpc::StatusCode::FAILED_PRECONDITION, "COMMENT_PERIOD_OPEN");
  EXPECT_THAT(open.precondition_failure.violations(0).description(),
              HasSubstr("no comment from organisations/hmcts"));

  Ok(kLogComment, Comment(name, "c-5", common_v1::PARTY_ORGANISATION, "organisations/hmcts"));
  EXPECT_EQ(Ok(kIssueDecision, DecisionRequest(name)).state(), v1::INVESTIGATION_STATE_DECIDED);
}

TEST_P(DecisionRulesServiceTest, AChangeAfterSharingNeedsTheRevisedViewAndFreshComments) {
  const std::string name = ReadyToShare();
  Share(name, kToday, 10);
  Ok(kLogComment, Comment(name, "c-1", common_v1::PARTY_COMPLAINANT));
  Ok(kLogComment, Comment(name, "c-2", common_v1::PARTY_ORGANISATION));
  v1::RecordFindingRequest changed = FindingRequest(name, "cp2", true, false);
  changed.mutable_finding()->set_reasoning("The late report was the adviser's alone.");
  v1::Investigation outdated = Ok(kRecordFinding, changed);
  EXPECT_TRUE(outdated.provisional_view().outdated());
  EXPECT_TRUE(Get(name).provisional_view().outdated());

  ErrorDetails details =
      ExpectError(Fails(kIssueDecision, DecisionRequest(name)),
                  grpc::StatusCode::FAILED_PRECONDITION, "PROVISIONAL_VIEW_OUTDATED");
  EXPECT_EQ(details.precondition_failure.violations(0).type(), "PROVISIONAL_VIEW");
  EXPECT_THAT(details.precondition_failure.violations(0).description(),
              HasSubstr("the complaint points or findings changed"));

  v1::Investigation revised = Ok(kShare, ShareRequest(name, 10));
  EXPECT_EQ(revised.state(), v1::INVESTIGATION_STATE_PROVISIONAL_VIEW_SHARED);
  EXPECT_EQ(revised.provisional_view().revision(), 2);
  EXPECT_FALSE(revised.provisional_view().outdated());
  // The comments on the first revision, though received today, do not close the second.
  ExpectError(Fails(kIssueDecision, DecisionRequest(name)), grpc::StatusCode::FAILED_PRECONDITION,
              "COMMENT_PERIOD_OPEN");
  Ok(kLogComment, Comment(name, "c-3", common_v1::PARTY_COMPLAINANT));
  v1::Investigation commented =
      Ok(kLogComment, Comment(name, "c-4", common_v1::PARTY_ORGANISATION));
  EXPECT_EQ(commented.provisional_view().comments(3).view_revision(), 2);
  Ok(kIssueDecision, DecisionRequest(name));
}

TEST_P(DecisionRulesServiceTest, ARecordThatDisagreesWithTheDecisionIsRefusedFieldByField) {
  const std::string name = ReadyToShare();  // partly upheld
  v1::UpdateInvestigationRequest narrative =
      NarrativeRequest(name, "We did not uphold this complaint.");
  narrative.mutable_investigation()->mutable_narrative()->clear_introduction();
  Ok(kUpdate, narrative);
  Share(name, kToday - 21, 5);

  ErrorDetails details =
      ExpectError(Fails(kIssueDecision, DecisionRequest(name)),
                  grpc::StatusCode::FAILED_PRECONDITION, "DECISION_RECORD_INCONSISTENT");
  std::vector<std::string> subjects;
  for (const auto& violation : details.precondition_failure.violations()) {
    subjects.push_back(violation.subject());
  }
  EXPECT_THAT(subjects, ElementsAre("narrative.introduction", "narrative.what_we_found[1]",
                                    "narrative.what_we_found"));
  EXPECT_THAT(details.precondition_types(), ElementsAre("NARRATIVE", "NARRATIVE", "NARRATIVE"));
  EXPECT_THAT(details.precondition_failure.violations(1).description(),
              HasSubstr("\"We partly upheld this complaint.\""));
  EXPECT_THAT(Outbox(), SizeIs(0));
  EXPECT_EQ(Get(name).state(), v1::INVESTIGATION_STATE_PROVISIONAL_VIEW_SHARED);

  Ok(kUpdate, NarrativeRequest(name, "We partly upheld this complaint."));  // the text is shown
  Ok(kIssueDecision, DecisionRequest(name));                                // as it will be
}

TEST_P(DecisionRulesServiceTest, AComplaintNotUpheldIsDecidedWithoutRecommendations) {
  const std::string name = ReadyToShare();
  Ok(kRecordFinding, FindingRequest(name, "cp1", false, false));
  Ok(kRecordFinding, FindingRequest(name, "cp2", false, false));
  Ok(kUpdate, NarrativeRequest(name, "We did not uphold this complaint."));
  v1::Investigation patch;
  patch.set_name(name);
  v1::Recommendation* apology = patch.add_recommendations();
  apology->set_type(common_v1::RECOMMENDATION_TYPE_APOLOGY);
  apology->set_beneficiary(common_v1::BENEFICIARY_COMPLAINANT);
  apology->set_description("Apologise to Mrs B.");
  *apology->mutable_target_date() = Date(2026, 6, 1);
  Ok(kUpdate, UpdateRequest(patch, {"recommendations"}));
  Share(name, kToday - 21, 5);

  ErrorDetails details =
      ExpectError(Fails(kIssueDecision, DecisionRequest(name)),
                  grpc::StatusCode::FAILED_PRECONDITION, "DECISION_RECORD_INCONSISTENT");
  ASSERT_THAT(details.precondition_failure.violations(), SizeIs(1));
  EXPECT_EQ(details.precondition_failure.violations(0).subject(), "recommendations");
  EXPECT_EQ(details.precondition_failure.violations(0).type(), "RECOMMENDATIONS");
}

TEST_P(DecisionRulesServiceTest, ADecidedNarrativeMustGoOnStatingTheDecision) {
  const std::string name = ReadyToDecide().name();
  Ok(kIssueDecision, DecisionRequest(name));  // partly upheld
  ErrorDetails details =
      ExpectError(Fails(kUpdate, NarrativeRequest(name, "We upheld this complaint.")),
                  grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(details.fields(), ElementsAre("investigation.narrative.what_we_found[1]"));
  v1::Investigation corrected =
      Ok(kUpdate, NarrativeRequest(name, "We partly upheld this complaint."));
  EXPECT_EQ(corrected.narrative().what_we_found(1), "We partly upheld this complaint.");
}

TEST_P(DecisionRulesServiceTest, ANarrativeParagraphRefusesEveryLineBreakCharacter) {
  const std::string name = Investigating().name();
  v1::Investigation patch;
  patch.set_name(name);
  v1::Narrative* narrative = patch.mutable_narrative();
  narrative->add_introduction("Mrs B complained.");
  const std::vector<std::string> breaks = {"\n", "\r", "\v", "\f", "\u0085", "\u2028", "\u2029"};
  std::vector<std::string> expected;
  for (size_t i = 0; i < breaks.size(); ++i) {
    narrative->add_what_happened("Before" + breaks[i] + "after.");
    expected.push_back("investigation.narrative.what_happened[" + std::to_string(i) + "]");
  }
  narrative->add_what_we_found("A tab\tand a no-break\u00a0space are fine.");

  ErrorDetails details = ExpectError(Fails(kUpdate, UpdateRequest(patch, {"narrative"})),
                                     grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_EQ(details.fields(), expected);
  EXPECT_THAT(details.DescriptionOf("investigation.narrative.what_happened[5]"),
              HasSubstr("U+2028"));
  EXPECT_EQ(Get(name).narrative().what_happened_size(), 0);
}

INSTANTIATE_TEST_SUITE_P(Stores, DecisionRulesServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

}  // namespace
}  // namespace redress::investigation::testing
