// Service tests, through the generated stub on an in-process server over each store, of what
// happens after a decision and instead of one: one review per party of each decision; a reopening
// handed to remedy, its new target date, a revised scope and view; and WithdrawInvestigation and
// DiscontinueInvestigation with their invalid inputs, forbidden transitions and hand-off.

#include <string>
#include <variant>
#include <vector>

#include "common/proto_time.h"
#include "services/investigation/api/investigation_service_test_support.h"

namespace redress::investigation::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;

class ReviewAndEndServiceTest : public InvestigationServiceTest {
 protected:
  // Decided (partly upheld), reviewed at the complainant's request and reopened a week later.
  std::string Reopened() {
    const std::string name = ReadyToDecide().name();
    Ok(kIssueDecision, DecisionRequest(name));
    clock_.SetToday(kToday + 7);
    Ok(kRequestReview, ReviewRequest(name, "review-1", v1::REVIEW_GROUND_PART_OVERLOOKED));
    return Ok(kDecideReview, DecideReviewRequest(name, v1::REVIEW_OUTCOME_REOPENED)).name();
  }
  std::vector<std::string> OutboxKeys() {
    std::vector<std::string> keys;
    for (const OutboxEntry& entry : Outbox()) keys.push_back(HandoffKey(entry.handoff));
    return keys;
  }
};

TEST_P(ReviewAndEndServiceTest, EachPartyMayAskForOneReviewOfEachDecision) {
  const std::string name = ReadyToDecide().name();
  Ok(kIssueDecision, DecisionRequest(name));
  Ok(kRequestReview, ReviewRequest(name, "review-1"));
  Ok(kDecideReview, DecideReviewRequest(name, v1::REVIEW_OUTCOME_DECISION_STANDS));

  ErrorDetails details = ExpectError(Fails(kRequestReview, ReviewRequest(name, "review-2")),
                                     grpc::StatusCode::FAILED_PRECONDITION, "REVIEW_LIMIT_REACHED");
  ASSERT_THAT(details.precondition_failure.violations(), SizeIs(1));
  EXPECT_EQ(details.precondition_failure.violations(0).type(), "REVIEW_LIMIT");
  EXPECT_EQ(details.precondition_failure.violations(0).subject(), name);
  EXPECT_EQ(Get(name).state(), v1::INVESTIGATION_STATE_DECIDED);

  v1::RequestReviewRequest organisation = ReviewRequest(name, "review-3");
  organisation.set_requested_by(common_v1::PARTY_ORGANISATION);
  EXPECT_EQ(Ok(kRequestReview, organisation).state(), v1::INVESTIGATION_STATE_UNDER_REVIEW);
}

TEST_P(ReviewAndEndServiceTest, AReopeningIsHandedToRemedyAndRunsToANewTarget) {
  const std::string name = Reopened();
  v1::Investigation reopened = Get(name);
  EXPECT_EQ(reopened.state(), v1::INVESTIGATION_STATE_INVESTIGATING);
  EXPECT_EQ(CivilDayOf(reopened.scope().agreed_date()), kToday + 7);
  EXPECT_EQ(CivilDayOf(reopened.scope().target_date()),
            *WorkingDayCalendar::EnglandAndWales().AddWorkingDays(kToday + 7, 60));
  EXPECT_THAT(OutboxKeys(), ElementsAre(name + "/decisions/1", name + "/decisions/1/reopening"));
  const OutboxEntry reopening = Outbox().at(1);
  ASSERT_TRUE(std::holds_alternative<ReopeningHandoff>(reopening.handoff));
  EXPECT_EQ(std::get<ReopeningHandoff>(reopening.handoff).decision_sequence, 1);
  EXPECT_EQ(std::get<ReopeningHandoff>(reopening.handoff).reopen_date, kToday + 7);
  EXPECT_EQ(reopening.create_time, TimeFromProto(reopened.update_time()));
}

TEST_P(ReviewAndEndServiceTest, AReopenedScopeTakesInTheOverlookedPointAndIsSharedAfresh) {
  const std::string name = Reopened();
  v1::AgreeScopeRequest revision =
      ScopeRequest(name, 30,
                   {"The adviser's report was filed late.", "The complaint was answered late.",
                    "Cafcass did not tell Mrs B the hearing had moved."});
  v1::Investigation revised = Ok(kAgreeScope, revision);
  EXPECT_EQ(revised.state(), v1::INVESTIGATION_STATE_INVESTIGATING);
  ASSERT_THAT(revised.points(), SizeIs(3));
  EXPECT_TRUE(revised.points(0).has_finding());  // kept
  EXPECT_EQ(revised.points(2).point_id(), "cp3");
  EXPECT_FALSE(revised.points(2).has_finding());
  EXPECT_EQ(CivilDayOf(revised.scope().target_date()),
            *WorkingDayCalendar::EnglandAndWales().AddWorkingDays(kToday + 7, 30));

  ExpectError(Fails(kShare, ShareRequest(name)), grpc::StatusCode::FAILED_PRECONDITION,
              "FINDING_MISSING");
  Ok(kRecordFinding, FindingRequest(name, "cp3", true, false));
  v1::Investigation shared = Ok(kShare, ShareRequest(name));
  EXPECT_EQ(shared.provisional_view().revision(), 2);
  EXPECT_THAT(shared.provisional_view().comments(), SizeIs(2));  // on the first view, kept
  ExpectError(Fails(kIssueDecision, DecisionRequest(name)), grpc::StatusCode::FAILED_PRECONDITION,
              "COMMENT_PERIOD_OPEN");
  Ok(kLogComment, CommentRequest(name, "comment-3", common_v1::PARTY_COMPLAINANT));
  Ok(kLogComment, CommentRequest(name, "comment-4", common_v1::PARTY_ORGANISATION));
  v1::Investigation second = Ok(kIssueDecision, DecisionRequest(name));
  EXPECT_EQ(second.final_decision().sequence(), 2);
  EXPECT_THAT(OutboxKeys(), ElementsAre(name + "/decisions/1", name + "/decisions/1/reopening",
                                        name + "/decisions/2"));
}

TEST_P(ReviewAndEndServiceTest, WithdrawingRecordsTheReasonAndEndsTheInvestigation) {
  const std::string name = WithFindings().name();
  v1::WithdrawInvestigationRequest request = WithdrawRequest(name);
  request.set_etag(Get(name).etag());
  v1::Investigation withdrawn = Ok(kWithdraw, request);
  EXPECT_EQ(withdrawn.state(), v1::INVESTIGATION_STATE_WITHDRAWN);
  EXPECT_EQ(withdrawn.ending().reason(), "Mrs B no longer wishes to go on.");
  EXPECT_EQ(CivilDayOf(withdrawn.ending().end_date()), kToday);
  EXPECT_TRUE(withdrawn.ending().has_record_time());
  EXPECT_THAT(Outbox(), SizeIs(0));  // never decided: remedy has nothing of it

  // A retry of the same request (its reply lost) gets it as it is; anything else is refused.
  EXPECT_EQ(Ok(kWithdraw, request).etag(), withdrawn.etag());
  ErrorDetails details =
      ExpectError(Fails(kDiscontinue, DiscontinueRequest(name)),
                  grpc::StatusCode::FAILED_PRECONDITION, "INVALID_STATE_TRANSITION");
  EXPECT_THAT(details.error_info.metadata(), Contains(Pair("state", "WITHDRAWN")));
  ExpectError(Fails(kRecordFinding, FindingRequest(name, "cp1", false, false)),
              grpc::StatusCode::FAILED_PRECONDITION, "INVALID_STATE_TRANSITION");

  v1::ListInvestigationsRequest list;
  list.set_filter("state = WITHDRAWN");
  v1::ListInvestigationsResponse listed = Ok(kList, list);
  ASSERT_THAT(listed.investigations(), SizeIs(1));
  EXPECT_EQ(listed.investigations(0).name(), name);
}

TEST_P(ReviewAndEndServiceTest, DiscontinuingAReopenedCaseTellsRemedy) {
  const std::string name = Reopened();
  Ok(kPutOnHold, HoldRequest(name));
  clock_.SetToday(kToday + 9);
  v1::DiscontinueInvestigationRequest request =
      DiscontinueRequest(name, "The overlooked point is now before the court.");
  *request.mutable_end_date() = Date(kToday + 8);
  v1::Investigation discontinued = Ok(kDiscontinue, request);
  EXPECT_EQ(discontinued.state(), v1::INVESTIGATION_STATE_DISCONTINUED);
  EXPECT_EQ(CivilDayOf(discontinued.holds(0).end_date()), kToday + 7);  // the hold ended too
  EXPECT_THAT(OutboxKeys(),
              ElementsAre(name + "/decisions/1", name + "/decisions/1/reopening", name + "/end"));
  const EndHandoff end = std::get<EndHandoff>(Outbox().at(2).handoff);
  EXPECT_EQ(end.state, InvestigationState::kDiscontinued);
  EXPECT_EQ(end.reason, "The overlooked point is now before the court.");
  EXPECT_EQ(end.end_date, kToday + 8);
  EXPECT_EQ(end.decisions_issued, 1);
}

TEST_P(ReviewAndEndServiceTest, EndingReportsEveryInvalidFieldAtOnce) {
  const std::string name = Investigating().name();
  v1::WithdrawInvestigationRequest withdraw;
  withdraw.set_name("complaints/c1");
  *withdraw.mutable_end_date() = Date(2026, 2, 30);
  ErrorDetails details = ExpectError(Fails(kWithdraw, withdraw), grpc::StatusCode::INVALID_ARGUMENT,
                                     "INVALID_ARGUMENT");
  EXPECT_THAT(details.fields(), UnorderedElementsAre("name", "reason", "end_date"));
  EXPECT_EQ(details.DescriptionOf("end_date"), "not a calendar date: 2026-02-30");

  v1::DiscontinueInvestigationRequest discontinue =
      DiscontinueRequest(name, std::string(2001, 'x'));
  *discontinue.mutable_end_date() = Date(kToday + 1);
  details = ExpectError(Fails(kDiscontinue, discontinue), grpc::StatusCode::INVALID_ARGUMENT,
                        "INVALID_ARGUMENT");
  EXPECT_THAT(details.fields(), UnorderedElementsAre("reason", "end_date"));
  EXPECT_EQ(details.DescriptionOf("end_date"), "must not be in the future");

  *discontinue.mutable_end_date() = Date(kToday - 1);  // before it was opened
  discontinue.set_reason("No worthwhile outcome.");
  details = ExpectError(Fails(kDiscontinue, discontinue), grpc::StatusCode::INVALID_ARGUMENT,
                        "INVALID_ARGUMENT");
  EXPECT_THAT(details.DescriptionOf("end_date"), HasSubstr("before the investigation was opened"));
  EXPECT_EQ(Get(name).state(), v1::INVESTIGATION_STATE_INVESTIGATING);
}

TEST_P(ReviewAndEndServiceTest, EndingIsRefusedOnceDecidedOrUnderReview) {
  const std::string name = ReadyToDecide().name();
  Ok(kIssueDecision, DecisionRequest(name));
  for (const char* state : {"DECIDED", "UNDER_REVIEW"}) {
    ErrorDetails withdraw =
        ExpectError(Fails(kWithdraw, WithdrawRequest(name)), grpc::StatusCode::FAILED_PRECONDITION,
                    "INVALID_STATE_TRANSITION");
    EXPECT_EQ(withdraw.precondition_failure.violations(0).type(), "STATE");
    EXPECT_THAT(withdraw.error_info.metadata(), Contains(Pair("state", state)));
    ErrorDetails discontinue =
        ExpectError(Fails(kDiscontinue, DiscontinueRequest(name)),
                    grpc::StatusCode::FAILED_PRECONDITION, "INVALID_STATE_TRANSITION");
    EXPECT_THAT(discontinue.error_info.metadata(), Contains(Pair("state", state)));
    if (std::string(state) == "DECIDED") Ok(kRequestReview, ReviewRequest(name, "review-1"));
  }
  EXPECT_THAT(Outbox(), SizeIs(1));
}

TEST_P(ReviewAndEndServiceTest, EndingAnUnknownOrChangedInvestigation) {
  ExpectError(Fails(kWithdraw, WithdrawRequest("investigations/nope")), grpc::StatusCode::NOT_FOUND,
              "NOT_FOUND");
  ExpectError(Fails(kDiscontinue, DiscontinueRequest("investigations/nope")),
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  const std::string name = Open().name();
  v1::DiscontinueInvestigationRequest stale = DiscontinueRequest(name);
  stale.set_etag("1");
  Ok(kAssign, AssignRequest(name));
  ExpectError(Fails(kDiscontinue, stale), grpc::StatusCode::ABORTED, "ETAG_MISMATCH");
  EXPECT_EQ(Ok(kDiscontinue, DiscontinueRequest(name)).state(),
            v1::INVESTIGATION_STATE_DISCONTINUED);
}

INSTANTIATE_TEST_SUITE_P(Stores, ReviewAndEndServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

}  // namespace
}  // namespace redress::investigation::testing
