// Service tests of the review of an assessment decision (issue 11): RequestAssessmentReview and
// DecideAssessmentReview, their retries, time limit, invalid inputs and forbidden transitions, and
// the review visible on the Complaint.

#include <string>

#include "services/intake/api/intake_service_test_support.h"

namespace redress::intake::testing {
namespace {

using ::redress::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr auto kRequestReview = &v1::Intake::Stub::RequestAssessmentReview;
constexpr auto kDecideReview = &v1::Intake::Stub::DecideAssessmentReview;

class ReviewServiceTest : public IntakeServiceTest {
 protected:
  // Submitted and closed as premature (no complaint to Cafcass recorded) on kToday.
  v1::Complaint Closed() {
    v1::Complaint complaint = ValidComplaint();
    complaint.clear_complained_to_organisation_date();
    complaint.clear_final_response_date();
    const std::string id = std::to_string(++complaints_);
    const std::string name = Submit("req-" + id, complaint).name();
    v1::Complaint closed;
    EXPECT_THAT(Assess(AssessRequest(name, "assess-" + id), &closed), IsOk());
    EXPECT_EQ(closed.state(), v1::COMPLAINT_STATE_CLOSED);
    return closed;
  }

  v1::RequestAssessmentReviewRequest ReviewRequest(const std::string& name,
                                                   const std::string& request_id = "review-1") {
    v1::RequestAssessmentReviewRequest request;
    request.set_name(name);
    request.set_request_id(request_id);
    request.set_ground(v1::ASSESSMENT_REVIEW_GROUND_NEW_INFORMATION);
    request.set_explanation("Cafcass has now sent its final response, dated 10 February.");
    return request;
  }

  v1::DecideAssessmentReviewRequest Decision(const std::string& name,
                                             v1::AssessmentReviewOutcome outcome) {
    v1::DecideAssessmentReviewRequest request;
    request.set_name(name);
    request.set_outcome(outcome);
    request.set_reason("The final response was sent before our decision.");
    request.set_reviewer("reviewer-3");
    return request;
  }

  v1::Complaint UnderReview() {
    v1::Complaint under_review;
    EXPECT_THAT(Call(kRequestReview, ReviewRequest(Closed().name()), &under_review), IsOk());
    return under_review;
  }

  int complaints_ = 0;
};

TEST_P(ReviewServiceTest, AReviewPutsAClosedComplaintUnderReviewAndIsVisibleOnIt) {
  const v1::Complaint closed = Closed();
  v1::RequestAssessmentReviewRequest request = ReviewRequest(closed.name());
  request.set_etag(closed.etag());
  v1::Complaint under_review;
  ASSERT_THAT(Call(kRequestReview, request, &under_review), IsOk());
  EXPECT_EQ(under_review.state(), v1::COMPLAINT_STATE_UNDER_REVIEW);
  EXPECT_EQ(under_review.closure_reason(), v1::CLOSURE_REASON_PREMATURE);
  EXPECT_EQ(under_review.assessment().SerializeAsString(), closed.assessment().SerializeAsString());
  ASSERT_EQ(under_review.reviews_size(), 1);
  const v1::AssessmentReview& review = under_review.reviews(0);
  EXPECT_EQ(review.review_id(), "r1");
  EXPECT_EQ(review.assessment_number(), 1);
  EXPECT_EQ(review.ground(), v1::ASSESSMENT_REVIEW_GROUND_NEW_INFORMATION);
  EXPECT_EQ(review.explanation(), request.explanation());
  EXPECT_EQ(review.request_date().SerializeAsString(), Date(2026, 3, 2).SerializeAsString());
  EXPECT_EQ(review.request_time().seconds(), absl::ToUnixSeconds(clock_.Now()));
  EXPECT_EQ(review.outcome(), v1::ASSESSMENT_REVIEW_OUTCOME_UNSPECIFIED);
  EXPECT_FALSE(review.has_decide_date());
  EXPECT_EQ(Get(closed.name()).SerializeAsString(), under_review.SerializeAsString());

  v1::ListComplaintsRequest list;
  list.set_filter("state = UNDER_REVIEW");
  v1::ListComplaintsResponse listed;
  ASSERT_THAT(Call(&v1::Intake::Stub::ListComplaints, list, &listed), IsOk());
  ASSERT_EQ(listed.complaints_size(), 1);
  EXPECT_EQ(listed.complaints(0).name(), closed.name());
}

TEST_P(ReviewServiceTest, ARetryReturnsTheComplaintAndAReusedRequestIdIsRefused) {
  const v1::Complaint closed = Closed();
  v1::Complaint first, retry;
  ASSERT_THAT(Call(kRequestReview, ReviewRequest(closed.name()), &first), IsOk());
  clock_.Advance(absl::Hours(1));
  ASSERT_THAT(Call(kRequestReview, ReviewRequest(closed.name()), &retry), IsOk());
  EXPECT_EQ(retry.SerializeAsString(), first.SerializeAsString());

  v1::RequestAssessmentReviewRequest other = ReviewRequest(closed.name());
  other.set_ground(v1::ASSESSMENT_REVIEW_GROUND_FACTS_WRONG);
  v1::Complaint response;
  grpc::Status status = Call(kRequestReview, other, &response);
  ExpectError(status, grpc::StatusCode::INVALID_ARGUMENT, "REQUEST_ID_REUSED");
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("request_id"));
}

TEST_P(ReviewServiceTest, TheDecisionStandsAndCannotBeReviewedAgain) {
  const v1::Complaint under_review = UnderReview();
  v1::DecideAssessmentReviewRequest decision =
      Decision(under_review.name(), v1::ASSESSMENT_REVIEW_OUTCOME_DECISION_STANDS);
  decision.set_etag(under_review.etag());
  v1::Complaint decided;
  ASSERT_THAT(Call(kDecideReview, decision, &decided), IsOk());
  EXPECT_EQ(decided.state(), v1::COMPLAINT_STATE_CLOSED);
  EXPECT_EQ(decided.closure_reason(), v1::CLOSURE_REASON_PREMATURE);
  const v1::AssessmentReview& review = decided.reviews(0);
  EXPECT_EQ(review.outcome(), v1::ASSESSMENT_REVIEW_OUTCOME_DECISION_STANDS);
  EXPECT_EQ(review.outcome_reason(), decision.reason());
  EXPECT_EQ(review.reviewer(), "reviewer-3");
  EXPECT_EQ(review.decide_date().SerializeAsString(), Date(2026, 3, 2).SerializeAsString());
  EXPECT_TRUE(review.has_decide_time());
  EXPECT_EQ(Get(decided.name()).SerializeAsString(), decided.SerializeAsString());

  v1::Complaint response;
  grpc::Status status = Call(kRequestReview, ReviewRequest(decided.name(), "review-2"), &response);
  ErrorDetails details =
      ExpectError(status, grpc::StatusCode::FAILED_PRECONDITION, "ALREADY_REVIEWED");
  ASSERT_EQ(details.precondition_failure.violations_size(), 1);
  EXPECT_EQ(details.precondition_failure.violations(0).subject(), decided.name());
}

TEST_P(ReviewServiceTest, AReopenedComplaintIsAssessedAgainKeepingTheEarlierAssessment) {
  const v1::Complaint under_review = UnderReview();
  v1::Complaint reopened;
  ASSERT_THAT(
      Call(kDecideReview, Decision(under_review.name(), v1::ASSESSMENT_REVIEW_OUTCOME_REOPENED),
           &reopened),
      IsOk());
  EXPECT_EQ(reopened.state(), v1::COMPLAINT_STATE_RECEIVED);
  EXPECT_FALSE(reopened.has_assessment());
  EXPECT_EQ(reopened.closure_reason(), v1::CLOSURE_REASON_UNSPECIFIED);
  ASSERT_EQ(reopened.previous_assessments_size(), 1);
  EXPECT_EQ(reopened.previous_assessments(0).SerializeAsString(),
            under_review.assessment().SerializeAsString());
  EXPECT_EQ(reopened.reviews(0).outcome(), v1::ASSESSMENT_REVIEW_OUTCOME_REOPENED);

  // The new information is recorded, and the complaint accepted this time.
  v1::UpdateComplaintRequest update;
  *update.mutable_complaint() = reopened;
  *update.mutable_complaint()->mutable_complained_to_organisation_date() = Date(2025, 11, 10);
  *update.mutable_complaint()->mutable_final_response_date() = Date(2026, 2, 10);
  update.mutable_update_mask()->add_paths("complained_to_organisation_date");
  update.mutable_update_mask()->add_paths("final_response_date");
  v1::Complaint updated;
  ASSERT_THAT(Call(&v1::Intake::Stub::UpdateComplaint, update, &updated), IsOk());
  v1::Complaint accepted;
  ASSERT_THAT(Assess(AssessRequest(reopened.name(), "assess-again"), &accepted), IsOk());
  EXPECT_EQ(accepted.state(), v1::COMPLAINT_STATE_ACCEPTED);
  EXPECT_EQ(accepted.previous_assessments_size(), 1);
  EXPECT_EQ(accepted.reviews_size(), 1);
  EXPECT_EQ(Outbox().size(), 1u);
}

TEST_P(ReviewServiceTest, AWithdrawnComplaintCannotBeReviewed) {
  const std::string name = Submit("req-w").name();
  v1::WithdrawComplaintRequest withdraw;
  withdraw.set_name(name);
  withdraw.set_reason("No longer wanted.");
  v1::Complaint withdrawn;
  ASSERT_THAT(Call(&v1::Intake::Stub::WithdrawComplaint, withdraw, &withdrawn), IsOk());
  v1::Complaint response;
  grpc::Status status = Call(kRequestReview, ReviewRequest(name), &response);
  ErrorDetails details =
      ExpectError(status, grpc::StatusCode::FAILED_PRECONDITION, "NOT_CLOSED_BY_ASSESSMENT");
  EXPECT_THAT(details.precondition_failure.violations(0).description(), HasSubstr("withdrawn"));
  EXPECT_EQ(Get(name).SerializeAsString(), withdrawn.SerializeAsString());
}

TEST_P(ReviewServiceTest, AReviewAfterOneMonthIsRefused) {
  const v1::Complaint closed = Closed();  // assessed 2026-03-02: the window ends 2026-04-02
  clock_.SetToday(absl::CivilDay(2026, 4, 3));
  v1::Complaint response;
  grpc::Status status = Call(kRequestReview, ReviewRequest(closed.name()), &response);
  ErrorDetails details =
      ExpectError(status, grpc::StatusCode::FAILED_PRECONDITION, "REVIEW_WINDOW_CLOSED");
  EXPECT_EQ(details.precondition_failure.violations(0).type(), "REVIEW_WINDOW");
  EXPECT_THAT(details.precondition_failure.violations(0).description(), HasSubstr("2026-04-02"));

  v1::RequestAssessmentReviewRequest dated = ReviewRequest(closed.name());
  *dated.mutable_request_date() = Date(2026, 4, 2);  // received on the last day
  ASSERT_THAT(Call(kRequestReview, dated, &response), IsOk());
}

TEST_P(ReviewServiceTest, ReportsEveryInvalidFieldOfAReviewRequest) {
  const v1::Complaint closed = Closed();
  v1::RequestAssessmentReviewRequest request;
  request.set_name(closed.name());
  request.set_ground(static_cast<v1::AssessmentReviewGround>(9));
  *request.mutable_request_date() = Date(2026, 2, 30);
  v1::Complaint response;
  grpc::Status status = Call(kRequestReview, request, &response);
  ExpectError(status, grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(DetailsOf(status).fields(),
              ElementsAre("ground", "request_date", "request_id", "explanation"));

  request = ReviewRequest("complaints/");
  *request.mutable_request_date() = Date(2026, 3, 3);  // tomorrow
  status = Call(kRequestReview, request, &response);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("name", "request_date"));

  request = ReviewRequest(closed.name());
  *request.mutable_request_date() = Date(2026, 3, 1);  // before the assessment
  status = Call(kRequestReview, request, &response);
  ExpectError(status, grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("request_date"));
  EXPECT_EQ(Get(closed.name()).state(), v1::COMPLAINT_STATE_CLOSED);
}

TEST_P(ReviewServiceTest, ReportsEveryInvalidFieldOfAReviewDecision) {
  const v1::Complaint under_review = UnderReview();
  v1::DecideAssessmentReviewRequest request;
  request.set_name(under_review.name());
  request.set_outcome(static_cast<v1::AssessmentReviewOutcome>(7));
  request.set_reviewer(std::string(101, 'r'));
  *request.mutable_decide_date() = Date(2026, 3, 3);
  v1::Complaint response;
  grpc::Status status = Call(kDecideReview, request, &response);
  ExpectError(status, grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(DetailsOf(status).fields(),
              ElementsAre("outcome", "reason", "reviewer", "decide_date"));

  request = Decision(under_review.name(), v1::ASSESSMENT_REVIEW_OUTCOME_REOPENED);
  *request.mutable_decide_date() = Date(2026, 3, 1);  // before the request
  status = Call(kDecideReview, request, &response);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("decide_date"));
  EXPECT_EQ(Get(under_review.name()).SerializeAsString(), under_review.SerializeAsString());
}

TEST_P(ReviewServiceTest, AStaleEtagIsAbortedAndAMissingComplaintNotFound) {
  const v1::Complaint closed = Closed();
  v1::RequestAssessmentReviewRequest request = ReviewRequest(closed.name());
  request.set_etag("1");
  v1::Complaint response;
  ExpectError(Call(kRequestReview, request, &response), grpc::StatusCode::ABORTED, "ETAG_MISMATCH");
  v1::DecideAssessmentReviewRequest decision =
      Decision(closed.name(), v1::ASSESSMENT_REVIEW_OUTCOME_REOPENED);
  decision.set_etag("1");
  ExpectError(Call(kDecideReview, decision, &response), grpc::StatusCode::ABORTED, "ETAG_MISMATCH");
  ExpectError(Call(kRequestReview, ReviewRequest("complaints/nope"), &response),
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  ExpectError(Call(kDecideReview,
                   Decision("complaints/nope", v1::ASSESSMENT_REVIEW_OUTCOME_REOPENED), &response),
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
}

// Every state but CLOSED refuses a review request, and every state but UNDER_REVIEW a decision.
TEST_P(ReviewServiceTest, ForbiddenTransitionsAreRefusedWithTheState) {
  const v1::Complaint received = Submit("req-r");
  v1::Complaint accepted;
  ASSERT_THAT(Assess(AssessRequest(Submit("req-a").name(), "assess-a"), &accepted), IsOk());
  const v1::Complaint closed = Closed();
  const v1::Complaint under_review = UnderReview();
  struct Refusal {
    v1::Complaint complaint;
    bool request_review;
    std::string state;
  };
  for (const Refusal& refusal :
       {Refusal{received, true, "RECEIVED"}, Refusal{accepted, true, "ACCEPTED"},
        Refusal{under_review, true, "UNDER_REVIEW"}, Refusal{received, false, "RECEIVED"},
        Refusal{accepted, false, "ACCEPTED"}, Refusal{closed, false, "CLOSED"}}) {
    SCOPED_TRACE(refusal.state + (refusal.request_review ? ": request" : ": decide"));
    const std::string name = refusal.complaint.name();
    v1::Complaint response;
    grpc::Status status =
        refusal.request_review
            ? Call(kRequestReview, ReviewRequest(name, "review-x"), &response)
            : Call(kDecideReview, Decision(name, v1::ASSESSMENT_REVIEW_OUTCOME_REOPENED),
                   &response);
    ErrorDetails details =
        ExpectError(status, grpc::StatusCode::FAILED_PRECONDITION, "INVALID_STATE_TRANSITION");
    ASSERT_EQ(details.precondition_failure.violations_size(), 1);
    EXPECT_EQ(details.precondition_failure.violations(0).type(), "STATE");
    EXPECT_EQ(details.precondition_failure.violations(0).subject(), name);
    EXPECT_THAT(details.precondition_failure.violations(0).description(), HasSubstr(refusal.state));
    EXPECT_EQ(Get(name).SerializeAsString(), refusal.complaint.SerializeAsString());
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, ReviewServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

}  // namespace
}  // namespace redress::intake::testing
