// Service tests of the errors a client sees, with their google.rpc details decoded from the
// trailer: INVALID_ARGUMENT with a BadRequest listing every bad field, FAILED_PRECONDITION with a
// PreconditionFailure naming the state or the unmet condition, NOT_FOUND, ABORTED for a stale
// etag, a reused request id, and INTERNAL without internal detail. Every ErrorInfo has a stable
// reason and the domain "investigation.redress".

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/investigation/api/investigation_service_test_support.h"

namespace redress::investigation::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::Pair;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;

using ErrorServiceTest = InvestigationServiceTest;

// --- INVALID_ARGUMENT: every bad field at once. ---

TEST_P(ErrorServiceTest, OpenReportsEveryInvalidFieldOfTheSnapshotAtOnce) {
  v1::ComplaintSnapshot snapshot = ValidSnapshot("not-a-complaint");
  snapshot.clear_complainants_reference();
  snapshot.set_organisations(0, "organisations/Bad Name");
  snapshot.clear_what_went_wrong();
  snapshot.set_jurisdiction(static_cast<common_v1::Jurisdiction>(7));

  grpc::Status status = Fails(kOpen, OpenRequest("", snapshot));

  ErrorDetails details =
      ExpectError(status, grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(details.fields(),
              UnorderedElementsAre("request_id", "complaint.complaint",
                                   "complaint.complainants_reference", "complaint.organisations[0]",
                                   "complaint.what_went_wrong", "complaint.jurisdiction"));
  EXPECT_EQ(details.DescriptionOf("complaint.jurisdiction"), "unknown value 7");
}

TEST_P(ErrorServiceTest, AgreeScopeReportsDecodingAndRuleViolationsTogether) {
  const std::string name = Open().name();
  Ok(kAssign, AssignRequest(name));
  v1::AgreeScopeRequest request = ScopeRequest(name, 0, {});
  request.mutable_scope()->clear_summary();
  *request.mutable_scope()->mutable_agreed_date() = Date(2026, 2, 30);

  ErrorDetails details = ExpectError(Fails(kAgreeScope, request),
                                     grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");

  EXPECT_THAT(details.fields(), UnorderedElementsAre("scope.summary", "scope.agreed_date",
                                                     "scope.timescale_working_days", "points"));
  EXPECT_EQ(details.DescriptionOf("scope.agreed_date"), "not a calendar date: 2026-02-30");
  EXPECT_EQ(Get(name).state(), v1::INVESTIGATION_STATE_ASSIGNED);
}

TEST_P(ErrorServiceTest, UpdateReportsEveryBadFieldWithItsIndex) {
  const std::string name = Investigating().name();
  v1::Investigation patch;
  patch.set_name(name);
  patch.mutable_narrative()->add_what_happened("First paragraph.");
  patch.mutable_narrative()->add_what_happened("");
  patch.mutable_narrative()->add_what_happened("Two\nlines");
  patch.add_complaint_types("Was rude");
  v1::Recommendation* undecodable = patch.add_recommendations();
  undecodable->set_type(static_cast<common_v1::RecommendationType>(99));
  undecodable->set_beneficiary(common_v1::BENEFICIARY_COMPLAINANT);
  undecodable->set_description("Something.");
  *undecodable->mutable_target_date() = Date(2026, 0, 1);
  v1::Recommendation* incomplete = patch.add_recommendations();
  incomplete->set_type(common_v1::RECOMMENDATION_TYPE_FINANCIAL_LOSS);

  ErrorDetails details = ExpectError(
      Fails(kUpdate, UpdateRequest(patch, {"narrative", "complaint_types", "recommendations"})),
      grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");

  EXPECT_THAT(
      details.fields(),
      UnorderedElementsAre(
          "investigation.narrative.what_happened[1]", "investigation.narrative.what_happened[2]",
          "investigation.complaint_types[0]", "investigation.recommendations[0].type",
          "investigation.recommendations[0].target_date",
          "investigation.recommendations[1].beneficiary",
          "investigation.recommendations[1].description", "investigation.recommendations[1].amount",
          "investigation.recommendations[1].target_date"));
  EXPECT_EQ(details.DescriptionOf("investigation.recommendations[0].type"), "unknown value 99");
  EXPECT_THAT(details.DescriptionOf("investigation.recommendations[0].target_date"),
              HasSubstr("incomplete date"));
}

TEST_P(ErrorServiceTest, ARecommendationMustNameAnOrganisationInvestigated) {
  const std::string name = Investigating().name();  // investigates Cafcass
  v1::Investigation patch;
  patch.set_name(name);
  v1::Recommendation* apology = patch.add_recommendations();
  apology->set_type(common_v1::RECOMMENDATION_TYPE_APOLOGY);
  apology->set_beneficiary(common_v1::BENEFICIARY_COMPLAINANT);
  apology->set_description("Apologise to Mrs B.");
  *apology->mutable_target_date() = Date(2026, 6, 1);
  *patch.add_recommendations() = *apology;
  *patch.add_recommendations() = *apology;
  patch.mutable_recommendations(0)->set_organisation("organisations/hmcts");  // not investigated
  patch.mutable_recommendations(1)->set_organisation("hmcts");                // malformed

  ErrorDetails details = ExpectError(Fails(kUpdate, UpdateRequest(patch, {"recommendations"})),
                                     grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(details.fields(),
              UnorderedElementsAre("investigation.recommendations[1].organisation"));
  patch.mutable_recommendations(1)->clear_organisation();
  details = ExpectError(Fails(kUpdate, UpdateRequest(patch, {"recommendations"})),
                        grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(details.fields(),
              UnorderedElementsAre("investigation.recommendations[0].organisation"));

  patch.mutable_recommendations(0)->set_organisation("organisations/cafcass");
  v1::Investigation updated = Ok(kUpdate, UpdateRequest(patch, {"recommendations"}));
  ASSERT_THAT(updated.recommendations(), SizeIs(3));
  EXPECT_EQ(updated.recommendations(0).organisation(), "organisations/cafcass");
  EXPECT_EQ(updated.recommendations(1).organisation(), "");
}

TEST_P(ErrorServiceTest, UpdateIgnoresBadValuesOutsideTheMask) {
  const std::string name = Investigating().name();
  v1::Investigation patch;
  patch.set_name(name);
  patch.set_location("Greater Manchester");
  patch.add_recommendations()->set_type(static_cast<common_v1::RecommendationType>(99));
  patch.mutable_narrative()->add_introduction("Two\nlines");

  v1::Investigation updated = Ok(kUpdate, UpdateRequest(patch, {"location"}));

  EXPECT_EQ(updated.location(), "Greater Manchester");
  EXPECT_EQ(updated.recommendations_size(), 0);
}

TEST_P(ErrorServiceTest, UpdateWithoutAMaskOrWithAnUnknownPathIsInvalid) {
  const std::string name = Investigating().name();
  v1::Investigation patch;
  patch.set_name(name);

  ErrorDetails empty = ExpectError(Fails(kUpdate, UpdateRequest(patch, {})),
                                   grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(empty.fields(), Contains("update_mask"));
  ErrorDetails unknown = ExpectError(Fails(kUpdate, UpdateRequest(patch, {"state"})),
                                     grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(unknown.fields(), Contains(HasSubstr("update_mask")));
}

TEST_P(ErrorServiceTest, UndefinedEnumsAndImpossibleDatesAreReportedOnTheirFields) {
  const std::string name = Investigating().name();
  v1::LogEvidenceRequest evidence = EvidenceRequest(name, "ev-1");
  evidence.mutable_evidence()->set_source(static_cast<common_v1::Party>(42));
  *evidence.mutable_evidence()->mutable_received_date() = Date(2025, 2, 29);
  EXPECT_THAT(ExpectError(Fails(kLogEvidence, evidence), grpc::StatusCode::INVALID_ARGUMENT,
                          "INVALID_ARGUMENT")
                  .fields(),
              UnorderedElementsAre("evidence.source", "evidence.received_date"));

  v1::PutOnHoldRequest hold = HoldRequest(name);
  *hold.mutable_start_date() = Date(0, 3, 2);
  EXPECT_THAT(
      ExpectError(Fails(kPutOnHold, hold), grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT")
          .fields(),
      UnorderedElementsAre("start_date"));

  v1::RecordFindingRequest finding = FindingRequest(name, "cp1", true, true);
  finding.mutable_finding()->set_causal_link(static_cast<v1::CausalLink>(-1));
  EXPECT_THAT(ExpectError(Fails(kRecordFinding, finding), grpc::StatusCode::INVALID_ARGUMENT,
                          "INVALID_ARGUMENT")
                  .fields(),
              UnorderedElementsAre("finding.causal_link"));
  EXPECT_EQ(Get(name).etag(), "3");
}

TEST_P(ErrorServiceTest, ReviewRequestsReportEveryBadField) {
  const std::string name = ReadyToDecide().name();
  Ok(kIssueDecision, DecisionRequest(name));
  v1::RequestReviewRequest request = ReviewRequest(name, "bad id!");
  request.set_requested_by(common_v1::PARTY_OTHER);
  request.set_ground(static_cast<v1::ReviewGround>(8));
  request.clear_explanation();
  *request.mutable_request_date() = Date(2026, 13, 1);

  ErrorDetails details = ExpectError(Fails(kRequestReview, request),
                                     grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");

  EXPECT_THAT(details.fields(), UnorderedElementsAre("request_id", "requested_by", "ground",
                                                     "explanation", "request_date"));
}

// --- FAILED_PRECONDITION. ---

TEST_P(ErrorServiceTest, AStepTheStateDoesNotAllowNamesTheState) {
  const std::string name = Open().name();

  ErrorDetails details =
      ExpectError(Fails(kAgreeScope, ScopeRequest(name)), grpc::StatusCode::FAILED_PRECONDITION,
                  "INVALID_STATE_TRANSITION");

  ASSERT_THAT(details.precondition_failure.violations(), SizeIs(1));
  const auto& violation = details.precondition_failure.violations(0);
  EXPECT_EQ(violation.type(), "STATE");
  EXPECT_EQ(violation.subject(), name);
  EXPECT_THAT(violation.description(), HasSubstr("UNASSIGNED"));
  EXPECT_THAT(details.error_info.metadata(), Contains(Pair("state", "UNASSIGNED")));
  EXPECT_EQ(Get(name).etag(), "1");
}

TEST_P(ErrorServiceTest, EveryForbiddenStepOfAnInvestigatingCaseIsAPreconditionFailure) {
  const std::string name = Investigating().name();
  const auto expect_state_error = [&](const grpc::Status& status) {
    ErrorDetails details =
        ExpectError(status, grpc::StatusCode::FAILED_PRECONDITION, "INVALID_STATE_TRANSITION");
    EXPECT_THAT(details.error_info.metadata(), Contains(Pair("state", "INVESTIGATING")));
  };
  expect_state_error(Fails(kResume, ResumeRequest(name)));
  expect_state_error(Fails(kIssueDecision, DecisionRequest(name)));
  expect_state_error(Fails(kLogComment, CommentRequest(name, "c-1", common_v1::PARTY_COMPLAINANT)));
  expect_state_error(Fails(kRequestReview, ReviewRequest(name, "rv-1")));
  expect_state_error(
      Fails(kDecideReview, DecideReviewRequest(name, v1::REVIEW_OUTCOME_DECISION_STANDS)));
}

TEST_P(ErrorServiceTest, SharingWithoutEveryFindingNamesThePointWithout) {
  const std::string name = Investigating().name();
  Ok(kRecordFinding, FindingRequest(name, "cp1", false, false));

  ErrorDetails details = ExpectError(Fails(kShare, ShareRequest(name)),
                                     grpc::StatusCode::FAILED_PRECONDITION, "FINDING_MISSING");

  ASSERT_THAT(details.precondition_failure.violations(), SizeIs(1));
  EXPECT_EQ(details.precondition_failure.violations(0).type(), "FINDING");
  EXPECT_THAT(details.precondition_failure.violations(0).subject(), HasSubstr("cp2"));
}

TEST_P(ErrorServiceTest, DecidingWhileTheCommentPeriodIsOpenIsAPreconditionFailure) {
  const std::string name = WithFindings().name();
  Ok(kShare, ShareRequest(name, 10));
  Ok(kLogComment, CommentRequest(name, "comment-1", common_v1::PARTY_COMPLAINANT));

  ErrorDetails details = ExpectError(Fails(kIssueDecision, DecisionRequest(name)),
                                     grpc::StatusCode::FAILED_PRECONDITION, "COMMENT_PERIOD_OPEN");
  EXPECT_EQ(details.precondition_failure.violations(0).type(), "COMMENT_PERIOD");
  EXPECT_THAT(Outbox(), SizeIs(0));
}

TEST_P(ErrorServiceTest, AReviewAskedForAfterTheTimeLimitIsAPreconditionFailure) {
  const std::string name = ReadyToDecide().name();
  Ok(kIssueDecision, DecisionRequest(name));
  clock_.SetToday(kToday + 40);

  ErrorDetails details = ExpectError(Fails(kRequestReview, ReviewRequest(name, "review-1")),
                                     grpc::StatusCode::FAILED_PRECONDITION, "REVIEW_WINDOW_CLOSED");
  EXPECT_EQ(details.precondition_failure.violations(0).type(), "REVIEW_WINDOW");
  EXPECT_EQ(Get(name).state(), v1::INVESTIGATION_STATE_DECIDED);
}

// --- NOT_FOUND, ABORTED, reused request ids. ---

TEST_P(ErrorServiceTest, EveryMethodAnswersNotFoundForAnUnknownInvestigation) {
  const std::string name = "investigations/nope";
  std::vector<grpc::Status> statuses;
  v1::GetInvestigationRequest get;
  get.set_name(name);
  statuses.push_back(Fails(kGet, get));
  statuses.push_back(Fails(kAssign, AssignRequest(name)));
  statuses.push_back(Fails(kAgreeScope, ScopeRequest(name)));
  statuses.push_back(Fails(kLogEvidence, EvidenceRequest(name, "ev-1")));
  statuses.push_back(Fails(kPutOnHold, HoldRequest(name)));
  statuses.push_back(Fails(kResume, ResumeRequest(name)));
  statuses.push_back(Fails(kRecordFinding, FindingRequest(name, "cp1", false, false)));
  v1::Investigation patch;
  patch.set_name(name);
  statuses.push_back(Fails(kUpdate, UpdateRequest(patch, {"location"})));
  statuses.push_back(Fails(kShare, ShareRequest(name)));
  statuses.push_back(Fails(kLogComment, CommentRequest(name, "c-1", common_v1::PARTY_COMPLAINANT)));
  statuses.push_back(Fails(kIssueDecision, DecisionRequest(name)));
  statuses.push_back(Fails(kRequestReview, ReviewRequest(name, "rv-1")));
  statuses.push_back(
      Fails(kDecideReview, DecideReviewRequest(name, v1::REVIEW_OUTCOME_DECISION_STANDS)));

  ASSERT_THAT(statuses, SizeIs(13));
  for (const grpc::Status& status : statuses) {
    ErrorDetails details = ExpectError(status, grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
    EXPECT_THAT(details.error_info.metadata(), Contains(Pair("resource", name)));
  }
}

TEST_P(ErrorServiceTest, AStaleEtagIsAbortedAndChangesNothing) {
  const std::string name = Open().name();
  v1::AssignCaseworkerRequest first = AssignRequest(name, "cw-1");
  first.set_etag("1");
  EXPECT_EQ(Ok(kAssign, first).etag(), "2");

  v1::AssignCaseworkerRequest stale = AssignRequest(name, "cw-2");
  stale.set_etag("1");
  ExpectError(Fails(kAssign, stale), grpc::StatusCode::ABORTED, "ETAG_MISMATCH");

  v1::Investigation current = Get(name);
  EXPECT_EQ(current.caseworker(), "cw-1");
  EXPECT_EQ(current.etag(), "2");
  v1::Investigation patch;
  patch.set_name(name);
  patch.set_etag("1");
  ExpectError(Fails(kUpdate, UpdateRequest(patch, {"location"})), grpc::StatusCode::ABORTED,
              "ETAG_MISMATCH");
}

TEST_P(ErrorServiceTest, ARequestIdReusedForAnotherBodyIsRejected) {
  ASSERT_EQ(Open("complaints/c1/acceptance").name(), "investigations/inv-1");
  ErrorDetails open = ExpectError(
      Fails(kOpen, OpenRequest("complaints/c1/acceptance", ValidSnapshot("complaints/c2"))),
      grpc::StatusCode::INVALID_ARGUMENT, "REQUEST_ID_REUSED");
  EXPECT_THAT(open.fields(), UnorderedElementsAre("request_id"));

  const std::string name = "investigations/inv-1";
  Ok(kAssign, AssignRequest(name));
  Ok(kAgreeScope, ScopeRequest(name));
  Ok(kLogEvidence, EvidenceRequest(name, "ev-1", "Case file"));
  ErrorDetails evidence =
      ExpectError(Fails(kLogEvidence, EvidenceRequest(name, "ev-1", "Another file")),
                  grpc::StatusCode::INVALID_ARGUMENT, "REQUEST_ID_REUSED");
  EXPECT_THAT(evidence.fields(), UnorderedElementsAre("request_id"));
  EXPECT_THAT(Get(name).evidence(), SizeIs(1));
}

// --- INTERNAL: logged in full, answered without internal detail. ---

class InternalErrorServiceTest : public InvestigationServiceTest {};

TEST_P(InternalErrorServiceTest, AStoreFailureIsInternalWithoutItsMessage) {
  const std::string name = Open().name();
  fake_store_.FailNextWrite(absl::InternalError("disk I/O error at /var/lib/redress"));

  grpc::Status status = Fails(kAssign, AssignRequest(name));

  ExpectError(status, grpc::StatusCode::INTERNAL, "INTERNAL");
  EXPECT_EQ(status.error_message(), "internal error");
  EXPECT_EQ(Get(name).state(), v1::INVESTIGATION_STATE_UNASSIGNED);
}

TEST_P(InternalErrorServiceTest, AnUnavailableStoreIsUnavailable) {
  const std::string name = Open().name();
  fake_store_.FailReads(absl::UnavailableError("database is locked"));

  v1::GetInvestigationRequest request;
  request.set_name(name);
  ExpectError(Fails(kGet, request), grpc::StatusCode::UNAVAILABLE, "UNAVAILABLE");

  fake_store_.FailReads(absl::OkStatus());
  EXPECT_EQ(Get(name).name(), name);
}

INSTANTIATE_TEST_SUITE_P(Stores, ErrorServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);
// The failure hooks are the FakeStore's.
INSTANTIATE_TEST_SUITE_P(Stores, InternalErrorServiceTest, ::testing::Values(StoreKind::kFake),
                         StoreKindName);

}  // namespace
}  // namespace redress::investigation::testing
