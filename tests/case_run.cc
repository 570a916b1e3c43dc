#include "tests/case_run.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace redress::testing {
namespace {

namespace iv1 = ::redress::intake::v1;
namespace inv1 = ::redress::investigation::v1;
namespace rv1 = ::redress::remedy::v1;

constexpr char kDecisionNotReceived[] = "DECISION_NOT_RECEIVED";

}  // namespace

CaseRun::CaseRun(Suite& suite, const LoadedCase& loaded) : suite_(suite), loaded_(loaded) {}

absl::Status CaseRun::RunToDecision() {
  RETURN_IF_ERROR(RegisterOrganisations());
  RETURN_IF_ERROR(SubmitAndAccept());
  RETURN_IF_ERROR(AwaitInvestigation());
  RETURN_IF_ERROR(Investigate());
  return Decide();
}

absl::Status CaseRun::RegisterOrganisations() {
  for (const iv1::CreateOrganisationRequest& request : loaded_.fixture.new_organisations()) {
    iv1::Organisation created;
    RETURN_IF_ERROR(Checked("CreateOrganisation", Call([&](grpc::ClientContext* context) {
                              return suite_.intake().CreateOrganisation(context, request, &created);
                            })));
  }
  return absl::OkStatus();
}

absl::Status CaseRun::SubmitAndAccept() {
  iv1::SubmitComplaintRequest submit;
  submit.set_request_id("submit-" + loaded_.name);
  *submit.mutable_complaint() = loaded_.fixture.complaint();
  iv1::Complaint submitted;
  RETURN_IF_ERROR(Checked("SubmitComplaint", Call([&](grpc::ClientContext* context) {
                            return suite_.intake().SubmitComplaint(context, submit, &submitted);
                          })));
  complaint_name_ = submitted.name();

  iv1::AssessComplaintRequest assess;
  assess.set_name(complaint_name_);
  assess.set_request_id("assess-" + loaded_.name);
  assess.set_assessor("assessment-officer-1");
  RETURN_IF_ERROR(Checked("AssessComplaint", Call([&](grpc::ClientContext* context) {
                            return suite_.intake().AssessComplaint(context, assess, &complaint_);
                          })));
  if (complaint_.state() != iv1::COMPLAINT_STATE_ACCEPTED) {
    return absl::FailedPreconditionError(absl::StrCat("AssessComplaint did not accept ",
                                                      complaint_name_, ": ",
                                                      complaint_.assessment().DebugString()));
  }
  return absl::OkStatus();
}

absl::Status CaseRun::AwaitInvestigation() {
  grpc::Status last;
  const bool opened = Eventually([&] {
    inv1::ListInvestigationsRequest request;
    request.set_filter(absl::StrCat("complaint = \"", complaint_name_, "\""));
    inv1::ListInvestigationsResponse response;
    last = Call([&](grpc::ClientContext* context) {
      return suite_.investigation().ListInvestigations(context, request, &response);
    });
    for (const inv1::Investigation& i : response.investigations()) {
      if (i.complaint().complaint() == complaint_name_) investigation_ = i;
    }
    return !investigation_.name().empty();
  });
  if (opened) return absl::OkStatus();
  return absl::DeadlineExceededError(absl::StrCat(
      "no investigation of ", complaint_name_, " within ", absl::FormatDuration(kHandoffPatience),
      "; last ListInvestigations: ", last.error_message()));
}

absl::Status CaseRun::Investigate() {
  const e2e::CaseFixture& f = loaded_.fixture;
  inv1::AssignCaseworkerRequest assign;
  assign.set_name(investigation_.name());
  assign.set_caseworker(f.caseworker());
  RETURN_IF_ERROR(Checked("AssignCaseworker", Call([&](grpc::ClientContext* context) {
                            return suite_.investigation().AssignCaseworker(context, assign,
                                                                           &investigation_);
                          })));

  inv1::AgreeScopeRequest scope;
  scope.set_name(investigation_.name());
  *scope.mutable_scope() = f.scope();
  for (const e2e::PointFixture& point : f.points()) scope.add_points(point.description());
  RETURN_IF_ERROR(Checked("AgreeScope", Call([&](grpc::ClientContext* context) {
                            return suite_.investigation().AgreeScope(context, scope,
                                                                     &investigation_);
                          })));
  if (investigation_.points_size() != f.points_size()) {
    return absl::InternalError(absl::StrCat("AgreeScope made ", investigation_.points_size(),
                                            " points of ", f.points_size()));
  }

  for (int i = 0; i < f.points_size(); ++i) {
    inv1::RecordFindingRequest finding;
    finding.set_name(investigation_.name());
    finding.set_point_id(investigation_.points(i).point_id());
    *finding.mutable_finding() = f.points(i).finding();
    RETURN_IF_ERROR(Checked(
        absl::StrCat("RecordFinding ", finding.point_id()), Call([&](grpc::ClientContext* context) {
          return suite_.investigation().RecordFinding(context, finding, &investigation_);
        })));
  }
  return Update();
}

absl::Status CaseRun::Update() {
  const e2e::CaseFixture& f = loaded_.fixture;
  inv1::UpdateInvestigationRequest update;
  *update.mutable_investigation() = f.update();
  update.mutable_investigation()->set_name(investigation_.name());
  update.mutable_investigation()->set_etag(investigation_.etag());
  for (const std::string& path : f.update_mask()) update.mutable_update_mask()->add_paths(path);
  if (f.recommendations_size() > 0) {
    for (const e2e::RecommendationFixture& r : f.recommendations()) {
      *update.mutable_investigation()->add_recommendations() = r.recommendation();
    }
    update.mutable_update_mask()->add_paths("recommendations");
  }
  return Checked("UpdateInvestigation", Call([&](grpc::ClientContext* context) {
                   return suite_.investigation().UpdateInvestigation(context, update,
                                                                     &investigation_);
                 }));
}

absl::Status CaseRun::Decide() {
  const e2e::CaseFixture& f = loaded_.fixture;
  inv1::ShareProvisionalViewRequest share;
  share.set_name(investigation_.name());
  share.set_comment_period_working_days(f.comment_period_working_days());
  RETURN_IF_ERROR(Checked("ShareProvisionalView", Call([&](grpc::ClientContext* context) {
                            return suite_.investigation().ShareProvisionalView(context, share,
                                                                               &investigation_);
                          })));
  for (int i = 0; i < f.comments_size(); ++i) {
    inv1::LogCommentRequest comment;
    comment.set_name(investigation_.name());
    // Each revision of the view is commented on afresh (a reopened case shares it again).
    comment.set_request_id(
        absl::StrCat("comment-", investigation_.provisional_view().revision(), "-", i + 1));
    *comment.mutable_comment() = f.comments(i);
    RETURN_IF_ERROR(Checked("LogComment", Call([&](grpc::ClientContext* context) {
                              return suite_.investigation().LogComment(context, comment,
                                                                       &investigation_);
                            })));
  }
  inv1::IssueFinalDecisionRequest decide;
  decide.set_name(investigation_.name());
  decide.set_etag(investigation_.etag());
  return Checked("IssueFinalDecision", Call([&](grpc::ClientContext* context) {
                   return suite_.investigation().IssueFinalDecision(context, decide,
                                                                    &investigation_);
                 }));
}

absl::StatusOr<std::vector<rv1::Recommendation>> CaseRun::ListRecommendations() {
  rv1::ListRecommendationsRequest request;
  request.set_page_size(500);
  request.set_filter(absl::StrCat("investigation = \"", investigation_.name(), "\""));
  rv1::ListRecommendationsResponse response;
  absl::Status listed =
      Checked("ListRecommendations", Call([&](grpc::ClientContext* context) {
                return suite_.remedy().ListRecommendations(context, request, &response);
              }));
  if (!listed.ok()) return listed;
  return std::vector<rv1::Recommendation>(response.recommendations().begin(),
                                          response.recommendations().end());
}

absl::Status CaseRun::SettleRecommendations() {
  const e2e::CaseFixture& f = loaded_.fixture;
  const int sequence = investigation_.final_decision().sequence();
  absl::Status last;
  const bool received = Eventually([&] {
    absl::StatusOr<std::vector<rv1::Recommendation>> listed = ListRecommendations();
    last = listed.status();
    if (!listed.ok()) return false;
    recommendations_.clear();
    for (const rv1::Recommendation& r : *listed) {
      if (r.decision_sequence() == sequence) recommendations_.push_back(r);
    }
    return static_cast<int>(recommendations_.size()) >= f.recommendations_size();
  });
  if (!received) {
    return absl::DeadlineExceededError(absl::StrCat(
        "remedy has ", recommendations_.size(), " of the ", f.recommendations_size(),
        " recommendations of ", investigation_.name(), " after ",
        absl::FormatDuration(kHandoffPatience), "; last ListRecommendations: ", last.ToString()));
  }
  if (static_cast<int>(recommendations_.size()) != f.recommendations_size()) {
    return absl::InternalError(absl::StrCat("remedy has ", recommendations_.size(),
                                            " recommendations for decision ", sequence, ", not ",
                                            f.recommendations_size()));
  }
  // In the decision's order, each as received and then as settled.
  std::vector<rv1::Recommendation> in_order;
  settled_.clear();
  for (int i = 0; i < f.recommendations_size(); ++i) {
    const std::string& id = investigation_.recommendations(i).recommendation_id();
    auto found = std::find_if(
        recommendations_.begin(), recommendations_.end(),
        [&](const rv1::Recommendation& r) { return r.source_recommendation_id() == id; });
    if (found == recommendations_.end()) {
      return absl::NotFoundError(absl::StrCat("remedy has no recommendation ", id));
    }
    in_order.push_back(*found);
    settled_.emplace_back();
    RETURN_IF_ERROR(Settle(f.recommendations(i), *found, settled_.back()));
  }
  recommendations_ = std::move(in_order);
  return absl::OkStatus();
}

absl::Status CaseRun::Settle(const e2e::RecommendationFixture& planned,
                             const rv1::Recommendation& received, rv1::Recommendation& answer) {
  if (planned.has_decline()) {
    rv1::DeclineRecommendationRequest decline;
    decline.set_name(received.name());
    *decline.mutable_decline() = planned.decline();
    return Checked("DeclineRecommendation", Call([&](grpc::ClientContext* context) {
                     return suite_.remedy().DeclineRecommendation(context, decline, &answer);
                   }));
  }
  rv1::AcceptRecommendationRequest accept;
  accept.set_name(received.name());
  RETURN_IF_ERROR(Checked("AcceptRecommendation", Call([&](grpc::ClientContext* context) {
                            return suite_.remedy().AcceptRecommendation(context, accept, &answer);
                          })));
  rv1::RecordComplianceRequest comply;
  comply.set_name(received.name());
  *comply.mutable_evidence() = planned.comply();
  *comply.mutable_evidence()->mutable_completion_date() = ToDate(loaded_.today);
  comply.set_etag(answer.etag());
  return Checked("RecordCompliance", Call([&](grpc::ClientContext* context) {
                   return suite_.remedy().RecordCompliance(context, comply, &answer);
                 }));
}

grpc::Status CaseRun::Publish(rv1::CaseSummary& summary) {
  rv1::PublishCaseSummaryRequest request;
  request.set_investigation(investigation_.name());
  grpc::Status status;
  Eventually([&] {
    status = Call([&](grpc::ClientContext* context) {
      return suite_.remedy().PublishCaseSummary(context, request, &summary);
    });
    return !(status.error_code() == grpc::StatusCode::FAILED_PRECONDITION &&
             DetailsOf(status).error_info.reason() == kDecisionNotReceived);
  });
  return status;
}

}  // namespace redress::testing
