// The resource conversions of proto_convert.h: what the service returns (recommendations, due
// actions, compliance and non-compliance reports, case summaries, anonymisation issues). Money,
// etags and enums are in proto_convert_enums.cc, the requests in proto_convert_requests.cc.
#include "services/remedy/api/proto_convert.h"

#include "absl/strings/str_cat.h"
#include "common/proto_time.h"
#include "common/resource_names.h"
#include "services/remedy/api/proto_convert_internal.h"
#include "services/remedy/state_history.h"

namespace redress::remedy {
namespace {

namespace v1 = ::redress::remedy::v1;

using proto_convert_internal::IsNever;

v1::OrganisationResponse OrganisationResponseToProto(const OrganisationResponse& response) {
  v1::OrganisationResponse proto;
  proto.set_position(OrganisationPositionToProto(response.position));
  proto.set_note(response.note);
  *proto.mutable_response_date() = DateToProto(response.response_date);
  return proto;
}

v1::ComplianceEvidence ComplianceEvidenceToProto(const ComplianceEvidence& evidence, bool on_time) {
  v1::ComplianceEvidence proto;
  proto.set_action_taken(evidence.action_taken);
  *proto.mutable_completion_date() = DateToProto(evidence.completion_date);
  proto.set_evidence_reference(evidence.evidence_reference);
  proto.set_on_time(on_time);
  if (!IsNever(evidence.record_time)) {
    *proto.mutable_record_time() = TimeToProto(evidence.record_time);
  }
  return proto;
}

v1::Decline DeclineToProto(const Decline& decline) {
  v1::Decline proto;
  proto.set_reason(decline.reason);
  *proto.mutable_decline_date() = DateToProto(decline.decline_date);
  return proto;
}

v1::StateChange StateChangeToProto(const StateChange& change) {
  v1::StateChange proto;
  proto.set_state(RecommendationStateToProto(change.state));
  if (!IsNever(change.change_time)) *proto.mutable_change_time() = TimeToProto(change.change_time);
  *proto.mutable_target_date() = DateToProto(change.target_date);
  proto.set_decision_sequence(change.decision_sequence);
  return proto;
}

v1::SummarySection SummarySectionToProto(const SummarySection& section) {
  v1::SummarySection proto;
  proto.set_heading(section.heading);
  proto.mutable_paragraphs()->Add(section.paragraphs.begin(), section.paragraphs.end());
  return proto;
}

}  // namespace

v1::FollowUpStep FollowUpStepToProto(const FollowUpStep& step) {
  v1::FollowUpStep proto;
  proto.set_action(FollowUpActionToProto(step.action));
  *proto.mutable_due_date() = DateToProto(step.due_date);
  if (step.take_time && !IsNever(*step.take_time)) {
    *proto.mutable_take_time() = TimeToProto(*step.take_time);
  }
  return proto;
}

v1::Recommendation RecommendationToProto(const Recommendation& recommendation,
                                         const std::vector<FollowUpStep>& follow_up) {
  v1::Recommendation proto;
  proto.set_name(absl::StrCat(kRecommendationsCollection, recommendation.id));
  proto.set_investigation(absl::StrCat(kInvestigationsCollection, recommendation.investigation_id));
  proto.set_complaint(recommendation.complaint);
  proto.set_decision_sequence(recommendation.decision_sequence);
  proto.set_source_recommendation_id(recommendation.source_recommendation_id);
  proto.set_organisation(absl::StrCat(kOrganisationsCollection, recommendation.organisation_id));
  proto.set_organisation_published_name(recommendation.organisation_published_name);
  proto.set_type(RecommendationTypeToProto(recommendation.type));
  proto.set_beneficiary(BeneficiaryToProto(recommendation.beneficiary));
  proto.set_description(recommendation.description);
  if (recommendation.amount) *proto.mutable_amount() = MoneyToProto(*recommendation.amount);
  *proto.mutable_target_date() = DateToProto(recommendation.target_date);
  proto.set_state(RecommendationStateToProto(recommendation.state));
  if (recommendation.response) {
    *proto.mutable_response() = OrganisationResponseToProto(*recommendation.response);
  }
  if (recommendation.compliance) {
    *proto.mutable_compliance() = ComplianceEvidenceToProto(
        *recommendation.compliance, TimingOf(recommendation) == ComplianceTiming::kOnTime);
  }
  if (recommendation.decline) *proto.mutable_decline() = DeclineToProto(*recommendation.decline);
  for (const FollowUpStep& step : follow_up) *proto.add_follow_up() = FollowUpStepToProto(step);
  proto.set_etag(EtagOf(recommendation.version));
  if (!IsNever(recommendation.create_time)) {
    *proto.mutable_create_time() = TimeToProto(recommendation.create_time);
  }
  if (!IsNever(recommendation.update_time)) {
    *proto.mutable_update_time() = TimeToProto(recommendation.update_time);
  }
  for (const StateChange& change : recommendation.history) {
    *proto.add_state_history() = StateChangeToProto(change);
  }
  return proto;
}

v1::DueAction DueActionToProto(const DueAction& action) {
  const Recommendation& recommendation = action.recommendation;
  v1::DueAction proto;
  proto.set_recommendation(absl::StrCat(kRecommendationsCollection, recommendation.id));
  proto.set_organisation(absl::StrCat(kOrganisationsCollection, recommendation.organisation_id));
  proto.set_state(RecommendationStateToProto(recommendation.state));
  *proto.mutable_step() = FollowUpStepToProto(action.step);
  proto.set_description(recommendation.description);
  return proto;
}

v1::ComplianceReport ComplianceReportToProto(const ComplianceReport& report) {
  v1::ComplianceReport proto;
  proto.set_organisation(absl::StrCat(kOrganisationsCollection, report.organisation_id));
  *proto.mutable_as_of_date() = DateToProto(report.as_of_date);
  proto.set_complied_on_time(report.complied_on_time);
  proto.set_complied_late(report.complied_late);
  proto.set_outstanding(report.outstanding);
  proto.set_outstanding_overdue(report.outstanding_overdue);
  proto.set_not_complied(report.not_complied);
  proto.set_declined(report.declined);
  proto.set_complied_late_within_extension(report.complied_late_within_extension);
  proto.set_held(report.held);
  proto.set_extended(report.extended);
  return proto;
}

v1::NonCompliance NonComplianceToProto(const NonCompliance& entry) {
  const Recommendation& r = entry.recommendation;
  v1::NonCompliance proto;
  proto.set_recommendation(absl::StrCat(kRecommendationsCollection, r.id));
  proto.set_organisation(absl::StrCat(kOrganisationsCollection, r.organisation_id));
  proto.set_organisation_published_name(r.organisation_published_name);
  proto.set_investigation(absl::StrCat(kInvestigationsCollection, r.investigation_id));
  proto.set_decision_sequence(r.decision_sequence);
  proto.set_type(RecommendationTypeToProto(r.type));
  proto.set_description(r.description);
  if (r.amount) *proto.mutable_amount() = MoneyToProto(*r.amount);
  *proto.mutable_target_date() = DateToProto(entry.decided_target_date);
  if (entry.extended_target_date) {
    *proto.mutable_extended_target_date() = DateToProto(*entry.extended_target_date);
  }
  if (entry.chase_date) *proto.mutable_chase_date() = DateToProto(*entry.chase_date);
  if (entry.escalation_date) *proto.mutable_escalation_date() = DateToProto(*entry.escalation_date);
  *proto.mutable_not_complied_date() = DateToProto(entry.not_complied_date);
  return proto;
}

v1::ListNonComplianceResponse NonCompliancePageToProto(const NonCompliancePage& page) {
  v1::ListNonComplianceResponse proto;
  for (const NonCompliance& entry : page.entries)
    *proto.add_entries() = NonComplianceToProto(entry);
  proto.set_next_page_token(page.next_page_token);
  if (page.start_date) *proto.mutable_start_date() = DateToProto(*page.start_date);
  *proto.mutable_end_date() = DateToProto(page.end_date);
  return proto;
}

v1::CaseSummary CaseSummaryToProto(const CaseSummary& summary) {
  v1::CaseSummary proto;
  proto.set_name(absl::StrCat(kCaseSummariesCollection, summary.investigation_id));
  proto.set_investigation(absl::StrCat(kInvestigationsCollection, summary.investigation_id));
  proto.set_version(summary.version);
  proto.set_text(summary.text);
  for (const SummarySection& section : summary.sections) {
    *proto.add_sections() = SummarySectionToProto(section);
  }
  proto.set_jurisdiction(JurisdictionToProto(summary.jurisdiction));
  proto.mutable_organisations()->Add(summary.organisations.begin(), summary.organisations.end());
  proto.set_location(summary.location);
  proto.mutable_complaint_types()->Add(summary.complaint_types.begin(),
                                       summary.complaint_types.end());
  proto.mutable_remedies()->Add(summary.remedies.begin(), summary.remedies.end());
  proto.set_decision_sequence(summary.decision_sequence);
  if (summary.publish_time && !IsNever(*summary.publish_time)) {
    *proto.mutable_publish_time() = TimeToProto(*summary.publish_time);
  }
  return proto;
}

v1::AnonymisationIssue AnonymisationIssueToProto(const PersonalDataHit& hit) {
  v1::AnonymisationIssue proto;
  proto.set_field(hit.field);
  proto.set_offset(hit.offset);
  proto.set_kind(hit.kind);
  proto.set_person_role(hit.person_role);
  return proto;
}

v1::AnonymisationIssue IssueToProto(const AnonymisationIssue& issue) {
  v1::AnonymisationIssue proto = AnonymisationIssueToProto(issue.hit);
  proto.set_issue_id(issue.issue_id);
  if (issue.acknowledgement.has_value()) {
    v1::IssueAcknowledgement* acknowledgement = proto.mutable_acknowledgement();
    acknowledgement->set_reason(issue.acknowledgement->reason);
    acknowledgement->set_caseworker(issue.acknowledgement->caseworker);
    *acknowledgement->mutable_acknowledge_time() =
        TimeToProto(issue.acknowledgement->acknowledge_time);
  }
  return proto;
}

}  // namespace redress::remedy
