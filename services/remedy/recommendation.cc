#include "services/remedy/recommendation.h"

#include <tuple>

namespace redress::remedy {

bool OrganisationResponse::operator==(const OrganisationResponse& o) const {
  return std::tie(position, note, response_date) == std::tie(o.position, o.note, o.response_date);
}

bool ComplianceEvidence::operator==(const ComplianceEvidence& o) const {
  return std::tie(action_taken, completion_date, evidence_reference, record_time) ==
         std::tie(o.action_taken, o.completion_date, o.evidence_reference, o.record_time);
}

bool Decline::operator==(const Decline& o) const {
  return std::tie(reason, decline_date) == std::tie(o.reason, o.decline_date);
}

bool FollowUpStep::operator==(const FollowUpStep& o) const {
  return std::tie(action, due_date, take_time) == std::tie(o.action, o.due_date, o.take_time);
}

bool Reschedule::operator==(const Reschedule& o) const {
  return std::tie(previous_target_date, new_target_date, reason, record_time) ==
         std::tie(o.previous_target_date, o.new_target_date, o.reason, o.record_time);
}

bool StateChange::operator==(const StateChange& o) const {
  return std::tie(state, change_time, target_date, decision_sequence) ==
         std::tie(o.state, o.change_time, o.target_date, o.decision_sequence);
}

bool Recommendation::operator==(const Recommendation& o) const {
  return std::tie(id, sequence, version, investigation_id, complaint, owner, decision_sequence,
                  source_recommendation_id, organisation_id, organisation_published_name, type,
                  beneficiary, description, amount, target_date, state, response, compliance,
                  decline, steps_taken, reschedules, history, create_time, update_time) ==
         std::tie(o.id, o.sequence, o.version, o.investigation_id, o.complaint, o.owner,
                  o.decision_sequence, o.source_recommendation_id, o.organisation_id,
                  o.organisation_published_name, o.type, o.beneficiary, o.description, o.amount,
                  o.target_date, o.state, o.response, o.compliance, o.decline, o.steps_taken,
                  o.reschedules, o.history, o.create_time, o.update_time);
}

bool DecisionReceipt::operator==(const DecisionReceipt& o) const {
  return std::tie(handoff_key, investigation_id, decision_sequence, fingerprint, recommendation_ids,
                  receive_time) == std::tie(o.handoff_key, o.investigation_id, o.decision_sequence,
                                            o.fingerprint, o.recommendation_ids, o.receive_time);
}

bool SummarySection::operator==(const SummarySection& o) const {
  return std::tie(heading, paragraphs) == std::tie(o.heading, o.paragraphs);
}

bool CaseSummary::operator==(const CaseSummary& o) const {
  return std::tie(investigation_id, version, text, sections, jurisdiction, organisations, location,
                  complaint_types, remedies, decision_sequence, publish_time) ==
         std::tie(o.investigation_id, o.version, o.text, o.sections, o.jurisdiction,
                  o.organisations, o.location, o.complaint_types, o.remedies, o.decision_sequence,
                  o.publish_time);
}

bool IsOpen(RecommendationState state) {
  return IsFollowedUp(state) || state == RecommendationState::kHeld;
}

bool IsFollowedUp(RecommendationState state) {
  switch (state) {
    case RecommendationState::kAwaitingResponse:
    case RecommendationState::kAccepted:
    case RecommendationState::kDisputed:
    case RecommendationState::kOverdue:
    case RecommendationState::kChased:
    case RecommendationState::kEscalated:
      return true;
    case RecommendationState::kHeld:
    case RecommendationState::kComplied:
    case RecommendationState::kDeclined:
    case RecommendationState::kNotComplied:
    case RecommendationState::kSuperseded:
    case RecommendationState::kCancelled:
      return false;
  }
  return false;
}

}  // namespace redress::remedy
