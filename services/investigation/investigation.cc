#include "services/investigation/investigation.h"

#include <tuple>
#include <variant>

namespace redress::investigation {

bool Finding::operator==(const Finding& o) const {
  return std::tie(failing, injustice, causal_link, reasoning, record_time) ==
         std::tie(o.failing, o.injustice, o.causal_link, o.reasoning, o.record_time);
}

bool ComplaintPoint::operator==(const ComplaintPoint& o) const {
  return std::tie(point_id, description, finding, outcome) ==
         std::tie(o.point_id, o.description, o.finding, o.outcome);
}

bool Scope::operator==(const Scope& o) const {
  return std::tie(summary, agreed_date, timescale_working_days, target_date) ==
         std::tie(o.summary, o.agreed_date, o.timescale_working_days, o.target_date);
}

bool EvidenceItem::operator==(const EvidenceItem& o) const {
  return std::tie(evidence_id, description, source, received_date, log_time) ==
         std::tie(o.evidence_id, o.description, o.source, o.received_date, o.log_time);
}

bool Hold::operator==(const Hold& o) const {
  return std::tie(reason, start_date, end_date, resume_state) ==
         std::tie(o.reason, o.start_date, o.end_date, o.resume_state);
}

bool ComplaintHandlingFinding::operator==(const ComplaintHandlingFinding& o) const {
  return std::tie(principle, met, finding) == std::tie(o.principle, o.met, o.finding);
}

bool OrganisationInvestigated::operator==(const OrganisationInvestigated& o) const {
  return std::tie(organisation, published_name) == std::tie(o.organisation, o.published_name);
}

bool Narrative::operator==(const Narrative& o) const {
  return std::tie(introduction, what_happened, what_we_found, putting_it_right) ==
         std::tie(o.introduction, o.what_happened, o.what_we_found, o.putting_it_right);
}

bool Recommendation::operator==(const Recommendation& o) const {
  return std::tie(recommendation_id, type, beneficiary, description, amount, target_date,
                  organisation) == std::tie(o.recommendation_id, o.type, o.beneficiary,
                                            o.description, o.amount, o.target_date, o.organisation);
}

bool Comment::operator==(const Comment& o) const {
  return std::tie(comment_id, party, text, received_date, log_time, organisation, view_revision) ==
         std::tie(o.comment_id, o.party, o.text, o.received_date, o.log_time, o.organisation,
                  o.view_revision);
}

bool Commenter::operator==(const Commenter& o) const {
  return std::tie(party, organisation, first_received_date) ==
         std::tie(o.party, o.organisation, o.first_received_date);
}

bool ProvisionalView::operator==(const ProvisionalView& o) const {
  return std::tie(share_date, comment_period_working_days, comment_deadline, comments,
                  comment_count, commenters, revision, shared_content) ==
         std::tie(o.share_date, o.comment_period_working_days, o.comment_deadline, o.comments,
                  o.comment_count, o.commenters, o.revision, o.shared_content);
}

bool FinalDecision::operator==(const FinalDecision& o) const {
  return std::tie(decision, decision_date, issue_time, sequence) ==
         std::tie(o.decision, o.decision_date, o.issue_time, o.sequence);
}

bool Review::operator==(const Review& o) const {
  return std::tie(review_id, requested_by, ground, explanation, request_date, outcome,
                  outcome_reason, decide_date, decision_sequence) ==
         std::tie(o.review_id, o.requested_by, o.ground, o.explanation, o.request_date, o.outcome,
                  o.outcome_reason, o.decide_date, o.decision_sequence);
}

bool InvestigationEnding::operator==(const InvestigationEnding& o) const {
  return std::tie(reason, end_date, record_time) == std::tie(o.reason, o.end_date, o.record_time);
}

bool ComplaintSnapshot::operator==(const ComplaintSnapshot& o) const {
  return std::tie(complaint, complainants_reference, organisations, what_went_wrong,
                  injustice_claimed, outcome_wanted, jurisdiction, organisation_published_names,
                  default_location) ==
         std::tie(o.complaint, o.complainants_reference, o.organisations, o.what_went_wrong,
                  o.injustice_claimed, o.outcome_wanted, o.jurisdiction,
                  o.organisation_published_names, o.default_location);
}

bool Investigation::operator==(const Investigation& o) const {
  return std::tie(id, state, complaint, owner, caseworker, scope, points, evidence, evidence_count,
                  holds, complaint_handling_findings, complaint_types, organisations_investigated,
                  location, narrative, recommendations, provisional_view, final_decision,
                  previous_decisions, reviews, ending, version, create_time, update_time,
                  sequence) ==
         std::tie(o.id, o.state, o.complaint, o.owner, o.caseworker, o.scope, o.points, o.evidence,
                  o.evidence_count, o.holds, o.complaint_handling_findings, o.complaint_types,
                  o.organisations_investigated, o.location, o.narrative, o.recommendations,
                  o.provisional_view, o.final_decision, o.previous_decisions, o.reviews, o.ending,
                  o.version, o.create_time, o.update_time, o.sequence);
}

Handoff DeliveredHandoff(Handoff handoff) {
  if (auto* decision = std::get_if<DecisionHandoff>(&handoff)) decision->complaint_owner.clear();
  return handoff;
}

bool DecisionHandoff::operator==(const DecisionHandoff& o) const {
  return std::tie(handoff_key, investigation_id, complaint, decision, recommendations,
                  organisations, complaint_owner) ==
         std::tie(o.handoff_key, o.investigation_id, o.complaint, o.decision, o.recommendations,
                  o.organisations, o.complaint_owner);
}

bool ReopeningHandoff::operator==(const ReopeningHandoff& o) const {
  return std::tie(handoff_key, investigation_id, complaint, decision_sequence, reopen_date,
                  reopen_time) == std::tie(o.handoff_key, o.investigation_id, o.complaint,
                                           o.decision_sequence, o.reopen_date, o.reopen_time);
}

bool EndHandoff::operator==(const EndHandoff& o) const {
  return std::tie(handoff_key, investigation_id, complaint, state, reason, end_date,
                  decisions_issued,
                  end_time) == std::tie(o.handoff_key, o.investigation_id, o.complaint, o.state,
                                        o.reason, o.end_date, o.decisions_issued, o.end_time);
}

const std::string& HandoffKey(const Handoff& handoff) {
  return std::visit([](const auto& h) -> const std::string& { return h.handoff_key; }, handoff);
}

const std::string& HandoffInvestigationId(const Handoff& handoff) {
  return std::visit([](const auto& h) -> const std::string& { return h.investigation_id; },
                    handoff);
}

absl::Time HandoffTime(const Handoff& handoff) {
  struct TimeOf {
    absl::Time operator()(const DecisionHandoff& h) const { return h.decision.issue_time; }
    absl::Time operator()(const ReopeningHandoff& h) const { return h.reopen_time; }
    absl::Time operator()(const EndHandoff& h) const { return h.end_time; }
  };
  return std::visit(TimeOf(), handoff);
}

}  // namespace redress::investigation
