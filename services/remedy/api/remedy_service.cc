#include "services/remedy/api/remedy_service.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "common/audit_proto.h"
#include "common/caller_reach.h"
#include "common/errors.h"
#include "common/handler.h"
#include "common/page_bytes.h"
#include "common/proto_time.h"
#include "common/request_fingerprint.h"
#include "common/status_macros.h"
#include "services/remedy/api/proto_convert.h"
#include "services/remedy/api/remedy_access.h"

namespace redress::remedy {
namespace {

namespace v1 = ::redress::remedy::v1;

// The caller's deadline of `context`; InfiniteFuture() when it set none.
absl::Time CallerDeadline(const grpc::ServerContextBase& context) {
  const auto deadline = context.deadline();
  if (deadline == std::chrono::system_clock::time_point::max()) return absl::InfiniteFuture();
  return absl::FromChrono(deadline);
}

// The recommendation `name` names, when the caller reaches it (common/caller_reach.h: a
// complainant the recommendations of their own complaint, a liaison those its organisation must
// act on): its NOT_FOUND or INVALID_ARGUMENT otherwise, or OUT_OF_SCOPE. Checked before a change,
// so nothing is recorded beyond reach.
absl::StatusOr<Recommendation> ReachableRecommendation(RemedyLogic& logic, const CallerReach& reach,
                                                       const std::string& name) {
  ASSIGN_OR_RETURN(Recommendation recommendation, logic.GetRecommendation(name));
  RETURN_IF_ERROR(reach.CheckReaches(recommendation.owner, {recommendation.organisation_id},
                                     RecommendationName(recommendation.id)));
  return recommendation;
}

// Adds `recommendations` with their follow-up to a hand-off's response.
template <typename Response>
void AddRecommendations(const RemedyLogic& logic,
                        const std::vector<Recommendation>& recommendations, Response* response) {
  for (const Recommendation& recommendation : recommendations) {
    *response->add_recommendations() =
        RecommendationToProto(recommendation, logic.FollowUpOf(recommendation));
  }
}

// The answer of a method that returns one recommendation: `result`'s error, or OK with the
// recommendation and its follow-up steps in `response`.
absl::Status RespondWith(const RemedyLogic& logic, absl::StatusOr<Recommendation> result,
                         v1::Recommendation* response) {
  if (!result.ok()) return result.status();
  *response = RecommendationToProto(*result, logic.FollowUpOf(*result));
  return absl::OkStatus();
}

}  // namespace

absl::Time PeerDeadline(absl::Time caller_deadline, absl::Time now) {
  return std::min(caller_deadline - kPeerDeadlineMargin, now + kMaxPeerWait);
}

grpc::ServerUnaryReactor* RemedyService::ReceiveDecision(grpc::CallbackServerContext* context,
                                                         const v1::ReceiveDecisionRequest* request,
                                                         v1::ReceiveDecisionResponse* response) {
  return Serve(context, request, Calls(), "ReceiveDecision", [=]() -> absl::Status {
    FieldViolations violations;
    ReceiveDecisionCommand command = ReceiveDecisionCommandFromProto(*request, violations);
    command.fingerprint = RequestFingerprint(*request);
    ASSIGN_OR_RETURN(std::vector<Recommendation> created,
                     logic_.ReceiveDecision(command, violations));
    AddRecommendations(logic_, created, response);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RemedyService::ReceiveReopening(
    grpc::CallbackServerContext* context, const v1::ReceiveReopeningRequest* request,
    v1::ReceiveReopeningResponse* response) {
  return Serve(context, request, Calls(), "ReceiveReopening", [=]() -> absl::Status {
    FieldViolations violations;
    ReceiveReopeningCommand command = ReceiveReopeningCommandFromProto(*request, violations);
    command.fingerprint = RequestFingerprint(*request);
    ASSIGN_OR_RETURN(std::vector<Recommendation> of_decision,
                     logic_.ReceiveReopening(command, violations));
    AddRecommendations(logic_, of_decision, response);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RemedyService::ReceiveInvestigationEnd(
    grpc::CallbackServerContext* context, const v1::ReceiveInvestigationEndRequest* request,
    v1::ReceiveInvestigationEndResponse* response) {
  return Serve(context, request, Calls(), "ReceiveInvestigationEnd", [=]() -> absl::Status {
    FieldViolations violations;
    ReceiveInvestigationEndCommand command =
        ReceiveInvestigationEndCommandFromProto(*request, violations);
    command.fingerprint = RequestFingerprint(*request);
    ASSIGN_OR_RETURN(std::vector<Recommendation> all,
                     logic_.ReceiveInvestigationEnd(command, violations));
    AddRecommendations(logic_, all, response);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RemedyService::GetRecommendation(
    grpc::CallbackServerContext* context, const v1::GetRecommendationRequest* request,
    v1::Recommendation* response) {
  return Serve(
      context, request, Calls(), "GetRecommendation", [=](const Principal& caller) -> absl::Status {
        return RespondWith(logic_,
                           ReachableRecommendation(logic_, CallerReach(caller), request->name()),
                           response);
      });
}

grpc::ServerUnaryReactor* RemedyService::ListRecommendations(
    grpc::CallbackServerContext* context, const v1::ListRecommendationsRequest* request,
    v1::ListRecommendationsResponse* response) {
  return Serve(context, request, Calls(), "ListRecommendations",
               [=](const Principal& caller) -> absl::Status {
                 const CallerReach reach(caller);
                 ListRequest list = ListRequestFromProto(*request);
                 list.owner = reach.owner_filter();
                 list.organisation_id = reach.organisation_filter();
                 ASSIGN_OR_RETURN(RecommendationPage page, logic_.ListRecommendations(list));
                 const size_t added = AddWithinBytes(
                     page.recommendations, *response,
                     [&](const Recommendation& recommendation) {
                       return RecommendationToProto(recommendation,
                                                    logic_.FollowUpOf(recommendation));
                     },
                     [](v1::ListRecommendationsResponse& r) { return r.add_recommendations(); });
                 response->set_next_page_token(
                     added < page.recommendations.size()
                         ? RemedyLogic::PageTokenAfter(page.recommendations[added - 1], list.filter)
                         : page.next_page_token);
                 return absl::OkStatus();
               });
}

grpc::ServerUnaryReactor* RemedyService::AcceptRecommendation(
    grpc::CallbackServerContext* context, const v1::AcceptRecommendationRequest* request,
    v1::Recommendation* response) {
  return Serve(
      context, request, Calls(), "AcceptRecommendation",
      [=](const Principal& caller) -> absl::Status {
        RETURN_IF_ERROR(
            ReachableRecommendation(logic_, CallerReach(caller), request->name()).status());
        FieldViolations violations;
        const RespondCommand command = RespondCommandFromProto(*request, violations);
        RETURN_IF_ERROR(violations.ToStatus());
        return RespondWith(logic_, logic_.Respond(command), response);
      });
}

grpc::ServerUnaryReactor* RemedyService::DisputeRecommendation(
    grpc::CallbackServerContext* context, const v1::DisputeRecommendationRequest* request,
    v1::Recommendation* response) {
  return Serve(
      context, request, Calls(), "DisputeRecommendation",
      [=](const Principal& caller) -> absl::Status {
        RETURN_IF_ERROR(
            ReachableRecommendation(logic_, CallerReach(caller), request->name()).status());
        FieldViolations violations;
        const RespondCommand command = RespondCommandFromProto(*request, violations);
        RETURN_IF_ERROR(violations.ToStatus());
        return RespondWith(logic_, logic_.Respond(command), response);
      });
}

grpc::ServerUnaryReactor* RemedyService::RecordCompliance(
    grpc::CallbackServerContext* context, const v1::RecordComplianceRequest* request,
    v1::Recommendation* response) {
  return Serve(
      context, request, Calls(), "RecordCompliance", [=](const Principal& caller) -> absl::Status {
        RETURN_IF_ERROR(
            ReachableRecommendation(logic_, CallerReach(caller), request->name()).status());
        FieldViolations violations;
        const RecordComplianceCommand command =
            RecordComplianceCommandFromProto(*request, violations);
        RETURN_IF_ERROR(violations.ToStatus());
        return RespondWith(logic_, logic_.RecordCompliance(command), response);
      });
}

grpc::ServerUnaryReactor* RemedyService::DeclineRecommendation(
    grpc::CallbackServerContext* context, const v1::DeclineRecommendationRequest* request,
    v1::Recommendation* response) {
  return Serve(
      context, request, Calls(), "DeclineRecommendation",
      [=](const Principal& caller) -> absl::Status {
        RETURN_IF_ERROR(
            ReachableRecommendation(logic_, CallerReach(caller), request->name()).status());
        FieldViolations violations;
        const DeclineCommand command = DeclineCommandFromProto(*request, violations);
        RETURN_IF_ERROR(violations.ToStatus());
        return RespondWith(logic_, logic_.Decline(command), response);
      });
}

grpc::ServerUnaryReactor* RemedyService::RescheduleRecommendation(
    grpc::CallbackServerContext* context, const v1::RescheduleRecommendationRequest* request,
    v1::Recommendation* response) {
  return Serve(context, request, Calls(), "RescheduleRecommendation", [=]() -> absl::Status {
    FieldViolations violations;
    const RescheduleCommand command = RescheduleCommandFromProto(*request, violations);
    RETURN_IF_ERROR(violations.ToStatus());
    return RespondWith(logic_, logic_.Reschedule(command), response);
  });
}

grpc::ServerUnaryReactor* RemedyService::ListDueActions(grpc::CallbackServerContext* context,
                                                        const v1::ListDueActionsRequest* request,
                                                        v1::ListDueActionsResponse* response) {
  return Serve(context, request, Calls(), "ListDueActions", [=]() -> absl::Status {
    FieldViolations violations;
    const DueActionsRequest due = DueActionsRequestFromProto(*request, violations);
    RETURN_IF_ERROR(violations.ToStatus());
    ASSIGN_OR_RETURN(DueActionPage page, logic_.ListDueActions(due));
    const size_t added = AddWithinBytes(
        page.actions, *response, [](const DueAction& action) { return DueActionToProto(action); },
        [](v1::ListDueActionsResponse& r) { return r.add_actions(); });
    response->set_next_page_token(
        added < page.actions.size()
            ? RemedyLogic::DueActionTokenAfter(page.actions[added - 1], page.binding)
            : page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RemedyService::GetComplianceReport(
    grpc::CallbackServerContext* context, const v1::GetComplianceReportRequest* request,
    v1::ComplianceReport* response) {
  return Serve(context, request, Calls(), "GetComplianceReport", [=]() -> absl::Status {
    FieldViolations violations;
    const std::optional<absl::CivilDay> as_of_date =
        DateFromProto(request->as_of_date(), "as_of_date", violations);
    RETURN_IF_ERROR(violations.ToStatus());
    ASSIGN_OR_RETURN(ComplianceReport report,
                     logic_.GetComplianceReport(request->organisation(), as_of_date));
    *response = ComplianceReportToProto(report);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RemedyService::ListNonCompliance(
    grpc::CallbackServerContext* context, const v1::ListNonComplianceRequest* request,
    v1::ListNonComplianceResponse* response) {
  return Serve(context, request, Calls(), "ListNonCompliance", [=]() -> absl::Status {
    FieldViolations violations;
    const NonComplianceRequest report = NonComplianceRequestFromProto(*request, violations);
    RETURN_IF_ERROR(violations.ToStatus());
    ASSIGN_OR_RETURN(NonCompliancePage page, logic_.ListNonCompliance(report));
    *response = NonCompliancePageToProto(page);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RemedyService::RenderCaseSummary(
    grpc::CallbackServerContext* context, const v1::RenderCaseSummaryRequest* request,
    v1::RenderCaseSummaryResponse* response) {
  return Serve(context, request, Calls(), "RenderCaseSummary", [=]() -> absl::Status {
    const absl::Time deadline = PeerDeadline(CallerDeadline(*context), absl::Now());
    ASSIGN_OR_RETURN(RenderedSummary rendered,
                     logic_.RenderCaseSummary(request->investigation(), deadline));
    *response->mutable_summary() = CaseSummaryToProto(rendered.summary);
    for (const AnonymisationIssue& issue : rendered.hits) {
      *response->add_anonymisation_issues() = IssueToProto(issue);
    }
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RemedyService::PublishCaseSummary(
    grpc::CallbackServerContext* context, const v1::PublishCaseSummaryRequest* request,
    v1::CaseSummary* response) {
  return Serve(context, request, Calls(), "PublishCaseSummary", [=]() -> absl::Status {
    const absl::Time deadline = PeerDeadline(CallerDeadline(*context), absl::Now());
    ASSIGN_OR_RETURN(CaseSummary summary,
                     logic_.PublishCaseSummary(request->investigation(), deadline));
    *response = CaseSummaryToProto(summary);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RemedyService::AcknowledgeAnonymisationIssue(
    grpc::CallbackServerContext* context, const v1::AcknowledgeAnonymisationIssueRequest* request,
    v1::AnonymisationIssue* response) {
  return Serve(context, request, Calls(), "AcknowledgeAnonymisationIssue",
               [=](const Principal& caller) -> absl::Status {
                 const absl::Time deadline = PeerDeadline(CallerDeadline(*context), absl::Now());
                 AcknowledgeIssueCommand command = AcknowledgeIssueCommandFromProto(*request);
                 command.caseworker =
                     RecordedActor(caller, request->caseworker());  // docs/security.md
                 ASSIGN_OR_RETURN(AnonymisationIssue issue,
                                  logic_.AcknowledgeAnonymisationIssue(command, deadline));
                 *response = IssueToProto(issue);
                 return absl::OkStatus();
               });
}

grpc::ServerUnaryReactor* RemedyService::GetCaseSummary(grpc::CallbackServerContext* context,
                                                        const v1::GetCaseSummaryRequest* request,
                                                        v1::CaseSummary* response) {
  return Serve(context, request, Calls(), "GetCaseSummary", [=]() -> absl::Status {
    ASSIGN_OR_RETURN(CaseSummary summary,
                     logic_.GetCaseSummary(request->name(), request->version()));
    *response = CaseSummaryToProto(summary);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RemedyService::VerifyAuditLog(
    grpc::CallbackServerContext* context, const redress::common::v1::VerifyAuditLogRequest* request,
    redress::common::v1::VerifyAuditLogResponse* response) {
  return Serve(context, request, Calls(), "VerifyAuditLog", [=]() -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<audit::AuditHead> expected, ExpectedHeadFromProto(*request));
    ASSIGN_OR_RETURN(audit::AuditVerification verification, logic_.VerifyAuditLog(expected));
    *response = AuditVerificationToProto(verification);
    return absl::OkStatus();
  });
}

}  // namespace redress::remedy
