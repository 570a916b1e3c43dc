// Date, time and message conversions of proto_convert.h. The enums are in proto_convert_enums.cc,
// assessments and reviews in proto_convert_assessment.cc, the request-level conversions in
// proto_convert_requests.cc.
#include "services/intake/api/proto_convert.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/intake/complaint_validation.h"
#include "services/intake/api/proto_convert_internal.h"
#include "services/intake/request_checks.h"

namespace redress::intake {
namespace {

namespace v1 = ::redress::intake::v1;
namespace common_v1 = ::redress::common::v1;

using proto_convert_internal::CheckListSize;
using proto_convert_internal::Child;
using proto_convert_internal::Indexed;

// The limit of a list that complaint_validation.h and common/validation.cc do not export: address
// lines (person.proto).
constexpr int kMaxAddressLines = 4;

using proto_convert_internal::IsNever;

PostalAddress PostalAddressFromProto(const common_v1::PostalAddress& proto,
                                     const std::string& field, FieldViolations& violations) {
  PostalAddress address;
  if (CheckListSize(proto.lines_size(), kMaxAddressLines, "lines", Child(field, "lines"),
                    violations)) {
    address.lines.assign(proto.lines().begin(), proto.lines().end());
  }
  address.locality = proto.locality();
  address.postal_code = proto.postal_code();
  address.country = proto.country();
  return address;
}

common_v1::PostalAddress PostalAddressToProto(const PostalAddress& address) {
  common_v1::PostalAddress proto;
  for (const std::string& line : address.lines) proto.add_lines(line);
  proto.set_locality(address.locality);
  proto.set_postal_code(address.postal_code);
  proto.set_country(address.country);
  return proto;
}

}  // namespace

PersonalDetails PersonalDetailsFromProto(const common_v1::PersonalDetails& proto,
                                         const std::string& field, FieldViolations& violations) {
  PersonalDetails details;
  details.title = proto.title();
  details.given_name = proto.given_name();
  details.family_name = proto.family_name();
  details.email = proto.email();
  details.phone = proto.phone();
  details.postal_address =
      PostalAddressFromProto(proto.postal_address(), Child(field, "postal_address"), violations);
  details.date_of_birth =
      DateFromProto(proto.date_of_birth(), Child(field, "date_of_birth"), violations);
  return details;
}

common_v1::PersonalDetails PersonalDetailsToProto(const PersonalDetails& details) {
  common_v1::PersonalDetails proto;
  proto.set_title(details.title);
  proto.set_given_name(details.given_name);
  proto.set_family_name(details.family_name);
  proto.set_email(details.email);
  proto.set_phone(details.phone);
  if (details.postal_address != PostalAddress()) {
    *proto.mutable_postal_address() = PostalAddressToProto(details.postal_address);
  }
  if (details.date_of_birth) *proto.mutable_date_of_birth() = DateToProto(*details.date_of_birth);
  return proto;
}

Person PersonFromProto(const v1::Person& proto, const std::string& field,
                       FieldViolations& violations) {
  Person person;
  person.person_id = proto.person_id();
  person.role = PersonRoleFromProto(proto.role(), Child(field, "role"), violations);
  person.details = PersonalDetailsFromProto(proto.details(), Child(field, "details"), violations);
  person.relationship = proto.relationship();
  person.authorised = proto.authorised();
  person.anonymised_reference_override = proto.anonymised_reference_override();
  return person;
}

v1::Person PersonToProto(const Person& person) {
  v1::Person proto;
  proto.set_person_id(person.person_id);
  proto.set_role(PersonRoleToProto(person.role));
  *proto.mutable_details() = PersonalDetailsToProto(person.details);
  proto.set_relationship(person.relationship);
  proto.set_authorised(person.authorised);
  proto.set_anonymised_reference(person.anonymised_reference);
  proto.set_anonymised_reference_override(person.anonymised_reference_override);
  return proto;
}

MpReferral MpReferralFromProto(const v1::MpReferral& proto, const std::string& field,
                               FieldViolations& violations) {
  MpReferral referral;
  referral.mp_name = proto.mp_name();
  referral.constituency = proto.constituency();
  referral.referral_date =
      DateFromProto(proto.referral_date(), Child(field, "referral_date"), violations);
  return referral;
}

v1::MpReferral MpReferralToProto(const MpReferral& referral) {
  v1::MpReferral proto;
  proto.set_mp_name(referral.mp_name);
  proto.set_constituency(referral.constituency);
  if (referral.referral_date) *proto.mutable_referral_date() = DateToProto(*referral.referral_date);
  return proto;
}

OrganisationDates OrganisationDatesFromProto(const v1::OrganisationDates& proto,
                                             const std::string& field,
                                             FieldViolations& violations) {
  OrganisationDates dates;
  dates.organisation_id = ParseResourceName(violations, Child(field, "organisation"),
                                            proto.organisation(), kOrganisationsCollection);
  dates.complained_to_organisation_date =
      DateFromProto(proto.complained_to_organisation_date(),
                    Child(field, "complained_to_organisation_date"), violations);
  dates.final_response_date =
      DateFromProto(proto.final_response_date(), Child(field, "final_response_date"), violations);
  return dates;
}

v1::OrganisationDates OrganisationDatesToProto(const OrganisationDates& dates) {
  v1::OrganisationDates proto;
  proto.set_organisation(absl::StrCat(kOrganisationsCollection, dates.organisation_id));
  if (dates.complained_to_organisation_date) {
    *proto.mutable_complained_to_organisation_date() =
        DateToProto(*dates.complained_to_organisation_date);
  }
  if (dates.final_response_date) {
    *proto.mutable_final_response_date() = DateToProto(*dates.final_response_date);
  }
  return proto;
}

Complaint ComplaintFromProto(const v1::Complaint& proto, const std::string& field,
                             FieldViolations& violations) {
  Complaint complaint;
  const std::string people = Child(field, "people");
  if (CheckListSize(proto.people_size(), kMaxPeople, "people", people, violations)) {
    for (int i = 0; i < proto.people_size(); ++i) {
      complaint.people.push_back(PersonFromProto(proto.people(i), Indexed(people, i), violations));
    }
  }
  complaint.complainants_reference_override = proto.complainants_reference_override();
  if (proto.has_mp_referral()) {
    complaint.mp_referral =
        MpReferralFromProto(proto.mp_referral(), Child(field, "mp_referral"), violations);
  }
  const std::string organisations = Child(field, "organisations");
  if (CheckListSize(proto.organisations_size(), kMaxOrganisations, "organisations", organisations,
                    violations)) {
    // A malformed name keeps its place as an empty id, so later entries keep their index; the
    // logic's "unknown organisation" for it is ignored, its field being listed already.
    for (int i = 0; i < proto.organisations_size(); ++i) {
      complaint.organisation_ids.push_back(ParseResourceName(
          violations, Indexed(organisations, i), proto.organisations(i), kOrganisationsCollection));
    }
  }
  complaint.channel =
      SubmissionChannelFromProto(proto.channel(), Child(field, "channel"), violations);
  complaint.confirmed_in_writing = proto.confirmed_in_writing();
  complaint.what_went_wrong = proto.what_went_wrong();
  complaint.injustice_claimed = proto.injustice_claimed();
  complaint.outcome_wanted = proto.outcome_wanted();
  complaint.aware_date = DateFromProto(proto.aware_date(), Child(field, "aware_date"), violations);
  complaint.complained_to_organisation_date =
      DateFromProto(proto.complained_to_organisation_date(),
                    Child(field, "complained_to_organisation_date"), violations);
  complaint.final_response_date =
      DateFromProto(proto.final_response_date(), Child(field, "final_response_date"), violations);
  complaint.receive_date =
      DateFromProto(proto.receive_date(), Child(field, "receive_date"), violations)
          .value_or(kUnsetDate);
  const std::string dates = Child(field, "organisation_dates");
  if (CheckListSize(proto.organisation_dates_size(), kMaxOrganisations, "organisation_dates", dates,
                    violations)) {
    for (int i = 0; i < proto.organisation_dates_size(); ++i) {
      complaint.organisation_dates.push_back(
          OrganisationDatesFromProto(proto.organisation_dates(i), Indexed(dates, i), violations));
    }
  }
  return complaint;
}

v1::Complaint ComplaintToProto(const Complaint& complaint) {
  v1::Complaint proto;
  proto.set_name(complaint.name());
  proto.set_state(ComplaintStateToProto(complaint.state));
  for (const Person& person : complaint.people) *proto.add_people() = PersonToProto(person);
  proto.set_complainants_reference(complaint.complainants_reference);
  proto.set_complainants_reference_override(complaint.complainants_reference_override);
  if (complaint.mp_referral)
    *proto.mutable_mp_referral() = MpReferralToProto(*complaint.mp_referral);
  for (const std::string& id : complaint.organisation_ids) {
    proto.add_organisations(absl::StrCat(kOrganisationsCollection, id));
  }
  proto.set_channel(SubmissionChannelToProto(complaint.channel));
  proto.set_confirmed_in_writing(complaint.confirmed_in_writing);
  proto.set_what_went_wrong(complaint.what_went_wrong);
  proto.set_injustice_claimed(complaint.injustice_claimed);
  proto.set_outcome_wanted(complaint.outcome_wanted);
  if (complaint.aware_date) *proto.mutable_aware_date() = DateToProto(*complaint.aware_date);
  if (complaint.complained_to_organisation_date)
    *proto.mutable_complained_to_organisation_date() =
        DateToProto(*complaint.complained_to_organisation_date);
  if (complaint.final_response_date)
    *proto.mutable_final_response_date() = DateToProto(*complaint.final_response_date);
  *proto.mutable_receive_date() = DateToProto(complaint.receive_date);
  if (complaint.assessment) *proto.mutable_assessment() = AssessmentToProto(*complaint.assessment);
  proto.set_closure_reason(ClosureReasonToProto(complaint.closure_reason));
  proto.set_closure_note(complaint.closure_note);
  for (const OrganisationDates& dates : complaint.organisation_dates) {
    *proto.add_organisation_dates() = OrganisationDatesToProto(dates);
  }
  for (const Assessment& previous : complaint.previous_assessments) {
    *proto.add_previous_assessments() = AssessmentToProto(previous);
  }
  for (const AssessmentReview& review : complaint.reviews) {
    *proto.add_reviews() = AssessmentReviewToProto(review);
  }
  proto.set_etag(EtagOf(complaint.version));
  if (!IsNever(complaint.create_time))
    *proto.mutable_create_time() = TimeToProto(complaint.create_time);
  if (!IsNever(complaint.update_time))
    *proto.mutable_update_time() = TimeToProto(complaint.update_time);
  return proto;
}

v1::ComplaintPersonalDetails ComplaintPersonalDetailsToProto(
    const ComplaintPersonalDetails& personal_details) {
  v1::ComplaintPersonalDetails proto;
  proto.set_complaint(absl::StrCat(kComplaintsCollection, personal_details.complaint_id));
  for (const PersonOnComplaint& person : personal_details.people) {
    v1::PersonOnComplaint* entry = proto.add_people();
    entry->set_person_id(person.person_id);
    entry->set_role(PersonRoleToProto(person.role));
    *entry->mutable_details() = PersonalDetailsToProto(person.details);
  }
  if (personal_details.mp_referral.has_value()) {
    *proto.mutable_mp_referral() = MpReferralToProto(*personal_details.mp_referral);
  }
  for (const Organisation& organisation : personal_details.anonymous_organisations) {
    v1::AnonymousOrganisation* entry = proto.add_anonymous_organisations();
    entry->set_organisation(absl::StrCat(kOrganisationsCollection, organisation.id));
    entry->set_kind(OrganisationKindToProto(organisation.kind));
    entry->set_display_name(organisation.display_name);
    entry->set_short_name(organisation.short_name);
  }
  return proto;
}

Organisation OrganisationFromProto(const v1::Organisation& proto, const std::string& field,
                                   FieldViolations& violations) {
  Organisation organisation;
  organisation.display_name = proto.display_name();
  organisation.short_name = proto.short_name();
  organisation.kind = OrganisationKindFromProto(proto.kind(), Child(field, "kind"), violations);
  organisation.jurisdiction =
      JurisdictionFromProto(proto.jurisdiction(), Child(field, "jurisdiction"), violations);
  organisation.in_remit = proto.in_remit();
  organisation.mp_referral_required = proto.mp_referral_required();
  organisation.location = proto.location();
  return organisation;
}

v1::Organisation OrganisationToProto(const Organisation& organisation) {
  v1::Organisation proto;
  proto.set_name(organisation.name());
  proto.set_display_name(organisation.display_name);
  proto.set_short_name(organisation.short_name);
  proto.set_kind(OrganisationKindToProto(organisation.kind));
  proto.set_jurisdiction(JurisdictionToProto(organisation.jurisdiction));
  proto.set_in_remit(organisation.in_remit);
  proto.set_mp_referral_required(organisation.mp_referral_required);
  proto.set_location(organisation.location);
  proto.set_etag(EtagOf(organisation.version));
  if (!IsNever(organisation.create_time))
    *proto.mutable_create_time() = TimeToProto(organisation.create_time);
  if (!IsNever(organisation.update_time))
    *proto.mutable_update_time() = TimeToProto(organisation.update_time);
  return proto;
}

v1::ComplaintAcceptedEvent AcceptanceHandoffToProto(const AcceptanceHandoff& handoff) {
  v1::ComplaintAcceptedEvent proto;
  proto.set_handoff_key(handoff.handoff_key);
  proto.set_complaint(absl::StrCat(kComplaintsCollection, handoff.complaint_id));
  proto.set_complainants_reference(handoff.complainants_reference);
  for (const std::string& id : handoff.organisation_ids) {
    proto.add_organisations(absl::StrCat(kOrganisationsCollection, id));
  }
  proto.set_what_went_wrong(handoff.what_went_wrong);
  proto.set_injustice_claimed(handoff.injustice_claimed);
  proto.set_outcome_wanted(handoff.outcome_wanted);
  if (!IsNever(handoff.accept_time))
    *proto.mutable_accept_time() = TimeToProto(handoff.accept_time);
  return proto;
}

}  // namespace redress::intake
