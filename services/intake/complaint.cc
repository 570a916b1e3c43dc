#include "services/intake/complaint.h"

#include <tuple>

namespace redress::intake {

bool Person::operator==(const Person& o) const {
  return std::tie(person_id, role, details, relationship, authorised, anonymised_reference,
                  anonymised_reference_override) ==
         std::tie(o.person_id, o.role, o.details, o.relationship, o.authorised,
                  o.anonymised_reference, o.anonymised_reference_override);
}

bool MpReferral::operator==(const MpReferral& o) const {
  return std::tie(mp_name, constituency, referral_date) ==
         std::tie(o.mp_name, o.constituency, o.referral_date);
}

bool OrganisationDates::operator==(const OrganisationDates& o) const {
  return std::tie(organisation_id, complained_to_organisation_date, final_response_date) ==
         std::tie(o.organisation_id, o.complained_to_organisation_date, o.final_response_date);
}

bool CheckResult::operator==(const CheckResult& o) const {
  return std::tie(check, passed, reason, overridden, override_reason) ==
         std::tie(o.check, o.passed, o.reason, o.overridden, o.override_reason);
}

bool OrganisationAssessment::operator==(const OrganisationAssessment& o) const {
  return std::tie(organisation_id, checks, accepted, closure_reason, reason) ==
         std::tie(o.organisation_id, o.checks, o.accepted, o.closure_reason, o.reason);
}

bool Assessment::operator==(const Assessment& o) const {
  return std::tie(checks, organisations, accepted, closure_reason, reason, assessor,
                  assessment_date, assess_time, request_id, request_fingerprint) ==
         std::tie(o.checks, o.organisations, o.accepted, o.closure_reason, o.reason, o.assessor,
                  o.assessment_date, o.assess_time, o.request_id, o.request_fingerprint);
}

bool AssessmentReview::operator==(const AssessmentReview& o) const {
  return std::tie(review_id, assessment_number, ground, explanation, request_date, request_time,
                  request_id, request_fingerprint, outcome, outcome_reason, reviewer, decide_date,
                  decide_time) ==
         std::tie(o.review_id, o.assessment_number, o.ground, o.explanation, o.request_date,
                  o.request_time, o.request_id, o.request_fingerprint, o.outcome, o.outcome_reason,
                  o.reviewer, o.decide_date, o.decide_time);
}

bool Complaint::operator==(const Complaint& o) const {
  return std::tie(id, state, people, complainants_reference, complainants_reference_override,
                  mp_referral, organisation_ids, owner, channel, confirmed_in_writing,
                  what_went_wrong, injustice_claimed, outcome_wanted, aware_date,
                  complained_to_organisation_date, final_response_date, organisation_dates,
                  receive_date, assessment, previous_assessments, reviews, closure_reason,
                  closure_note, version, create_time, update_time, sequence) ==
         std::tie(o.id, o.state, o.people, o.complainants_reference,
                  o.complainants_reference_override, o.mp_referral, o.organisation_ids, o.owner,
                  o.channel, o.confirmed_in_writing, o.what_went_wrong, o.injustice_claimed,
                  o.outcome_wanted, o.aware_date, o.complained_to_organisation_date,
                  o.final_response_date, o.organisation_dates, o.receive_date, o.assessment,
                  o.previous_assessments, o.reviews, o.closure_reason, o.closure_note, o.version,
                  o.create_time, o.update_time, o.sequence);
}

OrganisationDates DatesFor(const Complaint& complaint, const std::string& organisation_id) {
  for (const OrganisationDates& own : complaint.organisation_dates) {
    if (own.organisation_id == organisation_id) return own;
  }
  return OrganisationDates{organisation_id, complaint.complained_to_organisation_date,
                           complaint.final_response_date};
}

AcceptanceHandoff DeliveredHandoff(AcceptanceHandoff handoff) {
  handoff.owner.clear();
  handoff.what_went_wrong.clear();
  handoff.injustice_claimed.clear();
  handoff.outcome_wanted.clear();
  return handoff;
}

bool AcceptanceHandoff::operator==(const AcceptanceHandoff& o) const {
  return std::tie(handoff_key, complaint_id, complainants_reference, organisation_ids,
                  what_went_wrong, injustice_claimed, outcome_wanted, accept_time, jurisdiction,
                  organisation_published_names, default_location, owner) ==
         std::tie(o.handoff_key, o.complaint_id, o.complainants_reference, o.organisation_ids,
                  o.what_went_wrong, o.injustice_claimed, o.outcome_wanted, o.accept_time,
                  o.jurisdiction, o.organisation_published_names, o.default_location, o.owner);
}

}  // namespace redress::intake
