// The request-level conversions of proto_convert.h: the hand-offs (decision, reopening, end) into
// the logic's commands, each state-changing request into the logic's command, and the list and
// report requests.
#include <string>

#include "absl/strings/str_cat.h"
#include "common/proto_time.h"
#include "common/resource_names.h"
#include "services/remedy/api/proto_convert.h"
#include "services/remedy/api/proto_convert_internal.h"

namespace redress::remedy {
namespace {

namespace v1 = ::redress::remedy::v1;
namespace inv1 = ::redress::investigation::v1;

using proto_convert_internal::Child;
using proto_convert_internal::Indexed;

// A date the command cannot hold unset: "is required" when all zero.
absl::CivilDay RequiredDateFromProto(const redress::common::v1::Date& date,
                                     const std::string& field, FieldViolations& violations) {
  if (IsUnsetDate(date)) {
    violations.Add(field, "is required");
    return absl::CivilDay();
  }
  return DateFromProto(date, field, violations).value_or(absl::CivilDay());
}

DecidedRecommendation DecidedRecommendationFromProto(const inv1::Recommendation& proto,
                                                     const std::string& field,
                                                     FieldViolations& violations) {
  DecidedRecommendation recommendation;
  recommendation.recommendation_id = proto.recommendation_id();
  recommendation.type = RecommendationTypeFromProto(proto.type(), Child(field, "type"), violations);
  recommendation.beneficiary =
      BeneficiaryFromProto(proto.beneficiary(), Child(field, "beneficiary"), violations);
  recommendation.description = proto.description();
  if (proto.has_amount()) recommendation.amount = MoneyFromProto(proto.amount());
  recommendation.target_date =
      RequiredDateFromProto(proto.target_date(), Child(field, "target_date"), violations);
  if (!proto.organisation().empty()) {  // empty: the first organisation investigated
    recommendation.organisation_id = ParseResourceName(
        violations, Child(field, "organisation"), proto.organisation(), kOrganisationsCollection);
  }
  return recommendation;
}

OrganisationInvestigated OrganisationFromProto(const inv1::OrganisationInvestigated& proto,
                                               const std::string& field,
                                               FieldViolations& violations) {
  OrganisationInvestigated organisation;
  organisation.organisation_id = ParseResourceName(violations, Child(field, "organisation"),
                                                   proto.organisation(), kOrganisationsCollection);
  organisation.published_name = proto.published_name();
  return organisation;
}

// Whether `size`, the length of the list at `field`, is at most `max`; if not, adds one violation
// on the list and the caller decodes none of its entries.
bool CheckListSize(int size, int max, const char* what, const std::string& field,
                   FieldViolations& violations) {
  if (size <= max) return true;
  violations.Add(field, absl::StrCat("at most ", max, " ", what, " are allowed, not ", size));
  return false;
}

}  // namespace

ReceiveDecisionCommand ReceiveDecisionCommandFromProto(const v1::ReceiveDecisionRequest& request,
                                                       FieldViolations& violations) {
  const inv1::DecisionIssuedEvent& event = request.event();
  ReceiveDecisionCommand command;
  command.request_id = request.request_id();
  command.handoff_key = event.handoff_key();
  command.investigation_id = ParseResourceName(violations, "event.investigation",
                                               event.investigation(), kInvestigationsCollection);
  command.complaint = event.complaint();
  command.complaint_owner = event.complaint_owner();
  command.decision_sequence = event.decision().sequence();
  command.decision_date = RequiredDateFromProto(event.decision().decision_date(),
                                                "event.decision.decision_date", violations);
  const std::string recommendations = "event.recommendations";
  if (CheckListSize(event.recommendations_size(), kMaxRecommendationsPerDecision, "recommendations",
                    recommendations, violations)) {
    for (int i = 0; i < event.recommendations_size(); ++i) {
      command.recommendations.push_back(DecidedRecommendationFromProto(
          event.recommendations(i), Indexed(recommendations, i), violations));
    }
  }
  const std::string organisations = "event.organisations";
  if (CheckListSize(event.organisations_size(), kMaxOrganisationsPerDecision, "organisations",
                    organisations, violations)) {
    for (int i = 0; i < event.organisations_size(); ++i) {
      command.organisations.push_back(
          OrganisationFromProto(event.organisations(i), Indexed(organisations, i), violations));
    }
  }
  return command;
}

ReceiveReopeningCommand ReceiveReopeningCommandFromProto(const v1::ReceiveReopeningRequest& request,
                                                         FieldViolations& violations) {
  const inv1::DecisionReopenedEvent& event = request.event();
  ReceiveReopeningCommand command;
  command.request_id = request.request_id();
  command.handoff_key = event.handoff_key();
  command.investigation_id = ParseResourceName(violations, "event.investigation",
                                               event.investigation(), kInvestigationsCollection);
  command.complaint = event.complaint();
  command.decision_sequence = event.decision_sequence();
  command.reopen_date = DateFromProto(event.reopen_date(), "event.reopen_date", violations);
  return command;
}

ReceiveInvestigationEndCommand ReceiveInvestigationEndCommandFromProto(
    const v1::ReceiveInvestigationEndRequest& request, FieldViolations& violations) {
  const inv1::InvestigationEndedEvent& event = request.event();
  ReceiveInvestigationEndCommand command;
  command.request_id = request.request_id();
  command.handoff_key = event.handoff_key();
  command.investigation_id = ParseResourceName(violations, "event.investigation",
                                               event.investigation(), kInvestigationsCollection);
  command.complaint = event.complaint();
  if (!inv1::InvestigationState_IsValid(event.state())) {
    violations.Add("event.state", absl::StrCat("unknown value ", event.state()));
  } else if (event.state() == inv1::INVESTIGATION_STATE_WITHDRAWN) {
    command.ending = InvestigationEnding::kWithdrawn;
  } else if (event.state() == inv1::INVESTIGATION_STATE_DISCONTINUED) {
    command.ending = InvestigationEnding::kDiscontinued;
  }
  command.reason = event.reason();
  command.end_date = DateFromProto(event.end_date(), "event.end_date", violations);
  command.decisions_issued = event.decisions_issued();
  return command;
}

ListRequest ListRequestFromProto(const v1::ListRecommendationsRequest& request) {
  ListRequest list;
  list.page_size = request.page_size();
  list.page_token = request.page_token();
  list.filter = request.filter();
  return list;
}

RespondCommand RespondCommandFromProto(const v1::AcceptRecommendationRequest& request,
                                       FieldViolations& violations) {
  RespondCommand command;
  command.name = request.name();
  command.position = OrganisationPosition::kAccepted;
  command.note = request.note();
  command.response_date = DateFromProto(request.response_date(), "response_date", violations);
  command.etag = request.etag();
  return command;
}

RespondCommand RespondCommandFromProto(const v1::DisputeRecommendationRequest& request,
                                       FieldViolations& violations) {
  RespondCommand command;
  command.name = request.name();
  command.position = OrganisationPosition::kDisputed;
  command.note = request.reason();
  command.response_date = DateFromProto(request.response_date(), "response_date", violations);
  command.etag = request.etag();
  return command;
}

RecordComplianceCommand RecordComplianceCommandFromProto(const v1::RecordComplianceRequest& request,
                                                         FieldViolations& violations) {
  RecordComplianceCommand command;
  command.name = request.name();
  command.action_taken = request.evidence().action_taken();
  command.completion_date =
      DateFromProto(request.evidence().completion_date(), "evidence.completion_date", violations);
  command.evidence_reference = request.evidence().evidence_reference();
  command.etag = request.etag();
  return command;
}

DeclineCommand DeclineCommandFromProto(const v1::DeclineRecommendationRequest& request,
                                       FieldViolations& violations) {
  DeclineCommand command;
  command.name = request.name();
  command.reason = request.decline().reason();
  command.decline_date =
      DateFromProto(request.decline().decline_date(), "decline.decline_date", violations);
  command.etag = request.etag();
  return command;
}

RescheduleCommand RescheduleCommandFromProto(const v1::RescheduleRecommendationRequest& request,
                                             FieldViolations& violations) {
  RescheduleCommand command;
  command.name = request.name();
  command.target_date = DateFromProto(request.target_date(), "target_date", violations);
  command.reason = request.reason();
  command.etag = request.etag();
  return command;
}

DueActionsRequest DueActionsRequestFromProto(const v1::ListDueActionsRequest& request,
                                             FieldViolations& violations) {
  DueActionsRequest due;
  due.as_of_date = DateFromProto(request.as_of_date(), "as_of_date", violations);
  due.organisation = request.organisation();
  due.page_size = request.page_size();
  due.page_token = request.page_token();
  return due;
}

AcknowledgeIssueCommand AcknowledgeIssueCommandFromProto(
    const v1::AcknowledgeAnonymisationIssueRequest& request) {
  return {request.investigation(), request.issue_id(), request.reason(), request.caseworker()};
}

NonComplianceRequest NonComplianceRequestFromProto(const v1::ListNonComplianceRequest& request,
                                                   FieldViolations& violations) {
  NonComplianceRequest report;
  report.start_date = DateFromProto(request.start_date(), "start_date", violations);
  report.end_date = DateFromProto(request.end_date(), "end_date", violations);
  report.organisation = request.organisation();
  report.page_size = request.page_size();
  report.page_token = request.page_token();
  return report;
}

}  // namespace redress::remedy
