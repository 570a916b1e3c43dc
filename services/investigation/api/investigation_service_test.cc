// Service tests of each RPC's happy path, and of reading: an in-process server on port 0 called
// through the generated stub, over both stores. A whole case is in
// investigation_service_lifecycle_test.cc, errors in investigation_service_errors_test.cc and
// hostile input in investigation_service_bad_input_test.cc.

#include <google/protobuf/util/message_differencer.h>

#include <functional>
#include <string>
#include <vector>

#include "services/investigation/api/investigation_service_test_support.h"

namespace redress::investigation::testing {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// --- OpenInvestigation and GetInvestigation. ---

TEST_P(InvestigationServiceTest, OpenRecordsAnUnassignedInvestigationFromTheSnapshot) {
  v1::Investigation opened = Open();

  EXPECT_EQ(opened.name(), "investigations/inv-1");
  EXPECT_EQ(opened.state(), v1::INVESTIGATION_STATE_UNASSIGNED);
  EXPECT_TRUE(MessageDifferencer::Equals(opened.complaint(), ValidSnapshot()));
  EXPECT_EQ(opened.caseworker(), "");
  EXPECT_FALSE(opened.has_scope());
  ASSERT_THAT(opened.organisations_investigated(), SizeIs(1));
  EXPECT_EQ(opened.organisations_investigated(0).organisation(), "organisations/cafcass");
  EXPECT_EQ(opened.organisations_investigated(0).published_name(),
            "Children and Family Court Advisory and Support Service (Cafcass)");
  EXPECT_EQ(opened.location(), "UK");
  EXPECT_EQ(opened.etag(), "1");
  EXPECT_EQ(opened.create_time().seconds(), absl::ToUnixSeconds(clock_.Now()));
  EXPECT_EQ(opened.update_time().seconds(), absl::ToUnixSeconds(clock_.Now()));
  EXPECT_FALSE(opened.has_final_decision());
}

TEST_P(InvestigationServiceTest, GetReturnsWhatOpenReturned) {
  v1::Investigation opened = Open();
  EXPECT_TRUE(MessageDifferencer::Equals(Get(opened.name()), opened));
}

TEST_P(InvestigationServiceTest, OpenWithTheSameHandoffKeyReturnsTheSameInvestigation) {
  v1::Investigation first = Open("complaints/c1/acceptance");
  v1::Investigation again = Open("complaints/c1/acceptance");

  EXPECT_TRUE(MessageDifferencer::Equals(again, first));
  v1::ListInvestigationsResponse page;
  ASSERT_TRUE(Call(kList, v1::ListInvestigationsRequest(), &page).ok());
  ASSERT_THAT(page.investigations(), SizeIs(1));
  EXPECT_EQ(page.investigations(0).name(), first.name());
}

TEST_P(InvestigationServiceTest, OpenRetryIsRecognisedAfterTheInvestigationChanged) {
  const std::string name = Open().name();
  Ok(kAssign, AssignRequest(name));

  v1::Investigation again = Open();

  EXPECT_EQ(again.name(), name);
  EXPECT_EQ(again.state(), v1::INVESTIGATION_STATE_ASSIGNED);
}

// --- The steps, one by one. ---

TEST_P(InvestigationServiceTest, AssignCaseworkerAssignsAndReassigns) {
  const std::string name = Open().name();

  v1::Investigation assigned = Ok(kAssign, AssignRequest(name, "cw-17"));
  EXPECT_EQ(assigned.state(), v1::INVESTIGATION_STATE_ASSIGNED);
  EXPECT_EQ(assigned.caseworker(), "cw-17");
  EXPECT_EQ(assigned.etag(), "2");

  v1::Investigation reassigned = Ok(kAssign, AssignRequest(name, "cw-23"));
  EXPECT_EQ(reassigned.state(), v1::INVESTIGATION_STATE_ASSIGNED);
  EXPECT_EQ(reassigned.caseworker(), "cw-23");
}

TEST_P(InvestigationServiceTest, AgreeScopeNumbersThePointsAndSetsTheTargetDate) {
  const std::string name = Open().name();
  Ok(kAssign, AssignRequest(name));

  v1::Investigation scoped = Ok(kAgreeScope, ScopeRequest(name, 60));

  EXPECT_EQ(scoped.state(), v1::INVESTIGATION_STATE_INVESTIGATING);
  EXPECT_EQ(scoped.scope().summary(), "Whether Cafcass delayed the report and the reply.");
  EXPECT_EQ(CivilDayOf(scoped.scope().agreed_date()), kToday);
  EXPECT_EQ(scoped.scope().timescale_working_days(), 60);
  EXPECT_EQ(CivilDayOf(scoped.scope().target_date()),
            *WorkingDayCalendar::EnglandAndWales().AddWorkingDays(kToday, 60));
  ASSERT_THAT(scoped.points(), SizeIs(2));
  EXPECT_EQ(scoped.points(0).point_id(), "cp1");
  EXPECT_EQ(scoped.points(0).description(), "The adviser's report was filed late.");
  EXPECT_EQ(scoped.points(1).point_id(), "cp2");
  EXPECT_FALSE(scoped.points(1).has_finding());
  EXPECT_EQ(scoped.points(1).outcome(), v1::OUTCOME_UNSPECIFIED);
}

TEST_P(InvestigationServiceTest, LogEvidenceAppendsAnItemOncePerRequestId) {
  const std::string name = Investigating().name();
  v1::LogEvidenceRequest request = EvidenceRequest(name, "ev-1");
  *request.mutable_evidence()->mutable_received_date() = Date(2026, 2, 27);

  v1::Investigation logged = Ok(kLogEvidence, request);
  v1::Investigation retried = Ok(kLogEvidence, request);

  ASSERT_THAT(logged.evidence(), SizeIs(1));
  EXPECT_EQ(logged.evidence(0).evidence_id(), "e1");
  EXPECT_EQ(logged.evidence(0).description(), "Cafcass case file");
  EXPECT_EQ(logged.evidence(0).source(), common_v1::PARTY_ORGANISATION);
  EXPECT_EQ(CivilDayOf(logged.evidence(0).received_date()), absl::CivilDay(2026, 2, 27));
  EXPECT_TRUE(logged.evidence(0).has_log_time());
  EXPECT_THAT(retried.evidence(), SizeIs(1));
  EXPECT_EQ(retried.etag(), logged.etag());

  v1::Investigation second = Ok(kLogEvidence, EvidenceRequest(name, "ev-2", "Court order"));
  ASSERT_THAT(second.evidence(), SizeIs(2));
  EXPECT_EQ(second.evidence(1).evidence_id(), "e2");
  EXPECT_EQ(CivilDayOf(second.evidence(1).received_date()), kToday);
}

TEST_P(InvestigationServiceTest, PutOnHoldAndResumeMoveTheTargetDateByTheWorkingDaysOnHold) {
  v1::Investigation scoped = Investigating();
  const std::string name = scoped.name();
  const absl::CivilDay target = CivilDayOf(scoped.scope().target_date());
  const absl::CivilDay wednesday = kToday + 2;

  clock_.SetToday(wednesday);
  v1::Investigation held = Ok(kPutOnHold, HoldRequest(name));
  EXPECT_EQ(held.state(), v1::INVESTIGATION_STATE_ON_HOLD);
  ASSERT_THAT(held.holds(), SizeIs(1));
  EXPECT_EQ(held.holds(0).reason(), "Waiting for the case file");
  EXPECT_EQ(CivilDayOf(held.holds(0).start_date()), wednesday);
  EXPECT_FALSE(held.holds(0).has_end_date());

  clock_.SetToday(wednesday + 7);  // on hold Wednesday to Tuesday: five working days
  v1::Investigation resumed = Ok(kResume, ResumeRequest(name));

  EXPECT_EQ(resumed.state(), v1::INVESTIGATION_STATE_INVESTIGATING);
  EXPECT_EQ(CivilDayOf(resumed.holds(0).end_date()), wednesday + 6);
  EXPECT_EQ(CivilDayOf(resumed.scope().target_date()),
            *WorkingDayCalendar::EnglandAndWales().AddWorkingDays(target, 5));
}

TEST_P(InvestigationServiceTest, RecordFindingDerivesEachPointsOutcome) {
  const std::string name = Investigating().name();

  v1::Investigation upheld = Ok(kRecordFinding, FindingRequest(name, "cp1", true, true));
  EXPECT_EQ(upheld.points(0).outcome(), v1::OUTCOME_UPHELD);
  EXPECT_TRUE(upheld.points(0).finding().failing());
  EXPECT_EQ(upheld.points(0).finding().causal_link(), v1::CAUSAL_LINK_CAUSED);
  EXPECT_EQ(upheld.points(0).finding().reasoning(), "The records show what happened.");
  EXPECT_TRUE(upheld.points(0).finding().has_record_time());

  EXPECT_EQ(Ok(kRecordFinding, FindingRequest(name, "cp2", true, false)).points(1).outcome(),
            v1::OUTCOME_PARTLY_UPHELD);
  EXPECT_EQ(
      Ok(kRecordFinding, FindingRequest(name, "cp2", true, true, v1::CAUSAL_LINK_CANNOT_BE_SHOWN))
          .points(1)
          .outcome(),
      v1::OUTCOME_PARTLY_UPHELD);
  EXPECT_EQ(Ok(kRecordFinding, FindingRequest(name, "cp2", false, false)).points(1).outcome(),
            v1::OUTCOME_NOT_UPHELD);
}

TEST_P(InvestigationServiceTest, UpdateChangesOnlyTheMaskedFields) {
  const std::string name = Investigating().name();
  v1::Investigation patch;
  patch.set_name(name);
  patch.mutable_narrative()->add_introduction("Mrs B complained about Cafcass.");
  patch.mutable_narrative()->add_what_happened("The report was filed 3 weeks late – twice.");
  patch.add_complaint_types("Delayed replying to complaint");
  patch.set_location("Somewhere else");  // not in the mask
  v1::Recommendation* apology = patch.add_recommendations();
  apology->set_type(common_v1::RECOMMENDATION_TYPE_APOLOGY);
  apology->set_beneficiary(common_v1::BENEFICIARY_COMPLAINANT);
  apology->set_description("Apologise to Mrs B.");
  *apology->mutable_target_date() = Date(2026, 6, 1);
  v1::Recommendation* money = patch.add_recommendations();
  *money = *apology;
  money->set_type(common_v1::RECOMMENDATION_TYPE_NON_FINANCIAL_LOSS);
  money->mutable_amount()->set_amount_minor(25000);
  money->mutable_amount()->set_currency_code("GBP");

  v1::Investigation updated =
      Ok(kUpdate, UpdateRequest(patch, {"narrative", "complaint_types", "recommendations"}));

  EXPECT_TRUE(MessageDifferencer::Equals(updated.narrative(), patch.narrative()));
  EXPECT_THAT(updated.complaint_types(), ElementsAre("Delayed replying to complaint"));
  EXPECT_EQ(updated.location(), "UK");
  ASSERT_THAT(updated.recommendations(), SizeIs(2));
  EXPECT_EQ(updated.recommendations(0).recommendation_id(), "r1");
  EXPECT_EQ(updated.recommendations(1).recommendation_id(), "r2");
  EXPECT_EQ(updated.recommendations(1).amount().amount_minor(), 25000);
  EXPECT_EQ(updated.recommendations(1).amount().currency_code(), "GBP");
  EXPECT_FALSE(updated.recommendations(0).has_amount());
  EXPECT_EQ(CivilDayOf(updated.recommendations(0).target_date()), absl::CivilDay(2026, 6, 1));
}

TEST_P(InvestigationServiceTest, UpdateKeepsTheIdsOfRecommendationsSentBack) {
  const std::string name = Investigating().name();
  v1::Investigation patch;
  patch.set_name(name);
  v1::Recommendation* apology = patch.add_recommendations();
  apology->set_type(common_v1::RECOMMENDATION_TYPE_APOLOGY);
  apology->set_beneficiary(common_v1::BENEFICIARY_COMPLAINANT);
  apology->set_description("Apologise to Mrs B.");
  *apology->mutable_target_date() = Date(2026, 6, 1);
  v1::Investigation first = Ok(kUpdate, UpdateRequest(patch, {"recommendations"}));

  v1::Investigation next = first;
  next.mutable_recommendations(0)->set_description("Apologise to Mrs B in writing.");
  *next.add_recommendations() = *apology;  // a new one, without an id
  v1::Investigation second = Ok(kUpdate, UpdateRequest(next, {"recommendations"}));

  ASSERT_THAT(second.recommendations(), SizeIs(2));
  EXPECT_EQ(second.recommendations(0).recommendation_id(), "r1");
  EXPECT_EQ(second.recommendations(0).description(), "Apologise to Mrs B in writing.");
  EXPECT_EQ(second.recommendations(1).recommendation_id(), "r2");
}

TEST_P(InvestigationServiceTest, ShareProvisionalViewSetsTheCommentDeadline) {
  const std::string name = WithFindings().name();

  v1::Investigation shared = Ok(kShare, ShareRequest(name, 10));

  EXPECT_EQ(shared.state(), v1::INVESTIGATION_STATE_PROVISIONAL_VIEW_SHARED);
  EXPECT_EQ(CivilDayOf(shared.provisional_view().share_date()), kToday);
  EXPECT_EQ(shared.provisional_view().comment_period_working_days(), 10);
  EXPECT_EQ(CivilDayOf(shared.provisional_view().comment_deadline()),
            *WorkingDayCalendar::EnglandAndWales().AddWorkingDays(kToday, 10));
  EXPECT_THAT(shared.provisional_view().comments(), IsEmpty());
}

TEST_P(InvestigationServiceTest, LogCommentAppendsACommentOncePerRequestId) {
  const std::string name = WithFindings().name();
  Ok(kShare, ShareRequest(name));
  const v1::LogCommentRequest request =
      CommentRequest(name, "comment-1", common_v1::PARTY_COMPLAINANT, "The delay was worse.");

  v1::Investigation logged = Ok(kLogComment, request);
  v1::Investigation retried = Ok(kLogComment, request);

  ASSERT_THAT(logged.provisional_view().comments(), SizeIs(1));
  const v1::Comment& comment = logged.provisional_view().comments(0);
  EXPECT_EQ(comment.comment_id(), "c1");
  EXPECT_EQ(comment.party(), common_v1::PARTY_COMPLAINANT);
  EXPECT_EQ(comment.text(), "The delay was worse.");
  EXPECT_EQ(CivilDayOf(comment.received_date()), kToday);
  EXPECT_TRUE(MessageDifferencer::Equals(retried, logged));
}

TEST_P(InvestigationServiceTest, IssueFinalDecisionDerivesTheDecisionAndHandsItToRemedy) {
  const std::string name = ReadyToDecide().name();

  v1::Investigation decided = Ok(kIssueDecision, DecisionRequest(name));

  EXPECT_EQ(decided.state(), v1::INVESTIGATION_STATE_DECIDED);
  EXPECT_EQ(decided.final_decision().decision(), v1::OUTCOME_PARTLY_UPHELD);
  EXPECT_EQ(CivilDayOf(decided.final_decision().decision_date()), kToday);
  EXPECT_EQ(decided.final_decision().sequence(), 1);
  EXPECT_TRUE(decided.final_decision().has_issue_time());
  std::vector<OutboxEntry> outbox = Outbox();
  ASSERT_THAT(outbox, SizeIs(1));
  EXPECT_EQ(HandoffKey(outbox[0].handoff), name + "/decisions/1");
  EXPECT_EQ(std::get<DecisionHandoff>(outbox[0].handoff).complaint, "complaints/c1");
}

TEST_P(InvestigationServiceTest, RequestAndDecideAReview) {
  const std::string name = ReadyToDecide().name();
  Ok(kIssueDecision, DecisionRequest(name));

  v1::Investigation requested = Ok(kRequestReview, ReviewRequest(name, "review-1"));
  EXPECT_EQ(requested.state(), v1::INVESTIGATION_STATE_UNDER_REVIEW);
  ASSERT_THAT(requested.reviews(), SizeIs(1));
  EXPECT_EQ(requested.reviews(0).review_id(), "rv1");
  EXPECT_EQ(requested.reviews(0).requested_by(), common_v1::PARTY_COMPLAINANT);
  EXPECT_EQ(requested.reviews(0).ground(), v1::REVIEW_GROUND_NEW_INFORMATION);
  EXPECT_EQ(requested.reviews(0).decision_sequence(), 1);
  EXPECT_EQ(requested.reviews(0).outcome(), v1::REVIEW_OUTCOME_UNSPECIFIED);
  EXPECT_FALSE(requested.reviews(0).has_decide_date());
  EXPECT_TRUE(
      MessageDifferencer::Equals(Ok(kRequestReview, ReviewRequest(name, "review-1")), requested));

  v1::Investigation stands =
      Ok(kDecideReview, DecideReviewRequest(name, v1::REVIEW_OUTCOME_DECISION_STANDS));
  EXPECT_EQ(stands.state(), v1::INVESTIGATION_STATE_DECIDED);
  EXPECT_EQ(stands.reviews(0).outcome(), v1::REVIEW_OUTCOME_DECISION_STANDS);
  EXPECT_EQ(stands.reviews(0).outcome_reason(), "Considered with the new information.");
  EXPECT_EQ(CivilDayOf(stands.reviews(0).decide_date()), kToday);
  EXPECT_EQ(stands.final_decision().sequence(), 1);
}

// --- ListInvestigations. ---

class ListServiceTest : public InvestigationServiceTest {
 protected:
  // Names of every investigation matching `filter`, paging with `page_size`; `between_pages`
  // runs after each page that has a next one.
  std::vector<std::string> ListAll(
      const std::string& filter, int page_size,
      const std::function<void()>& between_pages = [] {}) {
    std::vector<std::string> names;
    v1::ListInvestigationsRequest request;
    request.set_filter(filter);
    request.set_page_size(page_size);
    do {
      v1::ListInvestigationsResponse page;
      grpc::Status status = Call(kList, request, &page);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      EXPECT_LE(page.investigations_size(), page_size);
      for (const v1::Investigation& found : page.investigations()) names.push_back(found.name());
      request.set_page_token(page.next_page_token());
      if (!request.page_token().empty()) between_pages();
    } while (!request.page_token().empty());
    return names;
  }

  // Opens investigations for complaints c1..c`count`; returns their names.
  std::vector<std::string> OpenMany(int count) {
    std::vector<std::string> names;
    for (int i = 1; i <= count; ++i) {
      const std::string complaint = absl::StrCat("complaints/c", i);
      names.push_back(Open(complaint + "/acceptance", ValidSnapshot(complaint)).name());
    }
    return names;
  }
};

TEST_P(ListServiceTest, ListsInOpeningOrderAcrossPages) {
  const std::vector<std::string> names = OpenMany(5);
  EXPECT_THAT(ListAll("", 2), ElementsAreArray(names));
  EXPECT_THAT(ListAll("", 500), ElementsAreArray(names));
}

TEST_P(ListServiceTest, InvestigationsOpenedWhilePagingComeAfterTheOthers) {
  std::vector<std::string> names = OpenMany(4);
  int opened = 4;
  std::vector<std::string> listed = ListAll("", 2, [&] {
    for (int i = 0; i < 2 && opened < 7; ++i) {  // two more after a page, up to seven in all
      ++opened;
      const std::string complaint = absl::StrCat("complaints/c", opened);
      names.push_back(Open(complaint + "/acceptance", ValidSnapshot(complaint)).name());
    }
  });
  EXPECT_EQ(opened, 7);
  EXPECT_THAT(listed, ElementsAreArray(names));
}

TEST_P(ListServiceTest, FiltersOnStateCaseworkerAndOrganisation) {
  const std::vector<std::string> names = OpenMany(3);
  Ok(kAssign, AssignRequest(names[1], "cw-9"));

  EXPECT_THAT(ListAll("state = ASSIGNED", 2), ElementsAre(names[1]));
  EXPECT_THAT(ListAll("state = UNASSIGNED", 1), ElementsAre(names[0], names[2]));
  EXPECT_THAT(ListAll("caseworker = \"cw-9\"", 2), ElementsAre(names[1]));
  EXPECT_THAT(ListAll("organisation = \"organisations/cafcass\"", 2), ElementsAreArray(names));
  EXPECT_THAT(ListAll("organisation = \"organisations/hmcts\"", 2), IsEmpty());
}

TEST_P(ListServiceTest, FiltersOnTheTargetDate) {
  const std::vector<std::string> names = OpenMany(2);
  Ok(kAssign, AssignRequest(names[0]));
  v1::Investigation scoped = Ok(kAgreeScope, ScopeRequest(names[0], 20));
  const std::string target = absl::FormatCivilTime(CivilDayOf(scoped.scope().target_date()));

  EXPECT_THAT(ListAll(absl::StrCat("target_date <= \"", target, "\""), 2), ElementsAre(names[0]));
  EXPECT_THAT(ListAll(absl::StrCat("target_date < \"", target, "\""), 2), IsEmpty());
}

TEST_P(ListServiceTest, AnEmptyListHasNoNextPage) {
  v1::ListInvestigationsResponse page;
  ASSERT_TRUE(Call(kList, v1::ListInvestigationsRequest(), &page).ok());
  EXPECT_THAT(page.investigations(), IsEmpty());
  EXPECT_EQ(page.next_page_token(), "");
}

INSTANTIATE_TEST_SUITE_P(Stores, InvestigationServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);
INSTANTIATE_TEST_SUITE_P(Stores, ListServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

}  // namespace
}  // namespace redress::investigation::testing
