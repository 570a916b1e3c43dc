#include "services/intake/store/postgres/postgres_store_rows.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "common/store/postgres/row_reader.h"

namespace redress::intake::pg_rows {

pg::Params OrganisationParams(const Organisation& o) {
  pg::Params params;
  params.Add(o.id).Add(o.display_name).Add(o.short_name).Add(static_cast<int>(o.kind));
  params.Add(static_cast<int>(o.jurisdiction)).Add(o.in_remit).Add(o.mp_referral_required);
  params.Add(o.location).Add(o.version).Add(o.create_time).Add(o.update_time);
  return params;
}

absl::StatusOr<Organisation> ReadOrganisation(const pg::Row& row) {
  pg::RowReader r(row);
  Organisation o;
  o.id = r.Text("id");
  o.display_name = r.Text("display_name");
  o.short_name = r.Text("short_name");
  o.kind = r.EnumValue<OrganisationKind>("kind");
  o.jurisdiction = r.EnumValue<Jurisdiction>("jurisdiction");
  o.in_remit = r.Bool("in_remit");
  o.mp_referral_required = r.Bool("mp_referral_required");
  o.location = r.Text("location");
  o.version = r.Int64("version");
  o.create_time = r.Time("create_time");
  o.update_time = r.Time("update_time");
  if (!r.status().ok()) return r.status();
  return o;
}

pg::Params ComplaintParams(const Complaint& c) {
  pg::Params params;
  params.Add(c.id).Add(static_cast<int>(c.state)).Add(c.complainants_reference);
  params.Add(c.complainants_reference_override).Add(static_cast<int>(c.channel));
  params.Add(c.confirmed_in_writing).Add(c.what_went_wrong).Add(c.injustice_claimed);
  params.Add(c.outcome_wanted).Add(c.aware_date).Add(c.complained_to_organisation_date);
  params.Add(c.final_response_date).Add(c.receive_date).Add(static_cast<int>(c.closure_reason));
  params.Add(c.closure_note).Add(c.version).Add(c.create_time).Add(c.update_time).Add(c.owner);
  return params;
}

absl::StatusOr<Complaint> ReadComplaint(const pg::Row& row) {
  pg::RowReader r(row);
  Complaint c;
  c.sequence = r.Int64("sequence");
  c.id = r.Text("id");
  c.state = r.EnumValue<ComplaintState>("state");
  c.complainants_reference = r.Text("complainants_reference");
  c.complainants_reference_override = r.Text("complainants_reference_override");
  c.channel = r.EnumValue<SubmissionChannel>("channel");
  c.confirmed_in_writing = r.Bool("confirmed_in_writing");
  c.what_went_wrong = r.Text("what_went_wrong");
  c.injustice_claimed = r.Text("injustice_claimed");
  c.outcome_wanted = r.Text("outcome_wanted");
  c.aware_date = r.OptionalDay("aware_date");
  c.complained_to_organisation_date = r.OptionalDay("complained_to_organisation_date");
  c.final_response_date = r.OptionalDay("final_response_date");
  c.receive_date = r.Day("receive_date");
  c.closure_reason = r.EnumValue<ClosureReason>("closure_reason");
  c.closure_note = r.Text("closure_note");
  c.version = r.Int64("version");
  c.create_time = r.Time("create_time");
  c.update_time = r.Time("update_time");
  c.owner = r.Text("owner");
  if (!r.status().ok()) return r.status();
  return c;
}

pg::Params PersonParams(std::string_view complaint_id, int position, const Person& p) {
  const PersonalDetails& d = p.details;
  pg::Params params;
  params.Add(complaint_id).Add(position).Add(p.person_id).Add(static_cast<int>(p.role));
  params.Add(d.title).Add(d.given_name).Add(d.family_name).Add(d.email).Add(d.phone);
  const std::vector<std::string>& lines = d.postal_address.lines;
  for (int i = 0; i < kMaxAddressLines; ++i) {
    if (i < static_cast<int>(lines.size())) {
      params.Add(lines[i]);
    } else {
      params.AddNull(pg::kTextOid);
    }
  }
  params.Add(d.postal_address.locality).Add(d.postal_address.postal_code);
  params.Add(d.postal_address.country).Add(d.date_of_birth).Add(p.relationship);
  params.Add(p.authorised).Add(p.anonymised_reference).Add(p.anonymised_reference_override);
  return params;
}

absl::StatusOr<Person> ReadPerson(const pg::Row& row) {
  pg::RowReader r(row);
  Person p;
  PersonalDetails& d = p.details;
  p.person_id = r.Text("person_id");
  p.role = r.EnumValue<PersonRole>("role");
  d.title = r.Text("title");
  d.given_name = r.Text("given_name");
  d.family_name = r.Text("family_name");
  d.email = r.Text("email");
  d.phone = r.Text("phone");
  for (int i = 1; i <= kMaxAddressLines; ++i) {
    std::optional<std::string> line = r.OptionalText(absl::StrCat("address_line", i));
    if (!line.has_value()) break;
    d.postal_address.lines.push_back(*std::move(line));
  }
  d.postal_address.locality = r.Text("locality");
  d.postal_address.postal_code = r.Text("postal_code");
  d.postal_address.country = r.Text("country");
  d.date_of_birth = r.OptionalDay("date_of_birth");
  p.relationship = r.Text("relationship");
  p.authorised = r.Bool("authorised");
  p.anonymised_reference = r.Text("anonymised_reference");
  p.anonymised_reference_override = r.Text("anonymised_reference_override");
  if (!r.status().ok()) return r.status();
  return p;
}

pg::Params AssessmentParams(std::string_view complaint_id, const Assessment& a) {
  pg::Params params;
  params.Add(complaint_id).Add(a.accepted).Add(static_cast<int>(a.closure_reason));
  params.Add(a.reason).Add(a.assessor).Add(a.assessment_date).Add(a.assess_time);
  params.Add(a.request_id).Add(a.request_fingerprint);
  return params;
}

absl::StatusOr<Assessment> ReadAssessment(const pg::Row& row) {
  pg::RowReader r(row);
  Assessment a;
  a.accepted = r.Bool("accepted");
  a.closure_reason = r.EnumValue<ClosureReason>("closure_reason");
  a.reason = r.Text("reason");
  a.assessor = r.Text("assessor");
  a.assessment_date = r.Day("assessment_date");
  a.assess_time = r.Time("assess_time");
  a.request_id = r.Text("request_id");
  a.request_fingerprint = r.Text("request_fingerprint");
  if (!r.status().ok()) return r.status();
  return a;
}

void AddCheck(pg::Params& params, const CheckResult& check) {
  params.Add(static_cast<int>(check.check)).Add(check.passed).Add(check.reason);
  params.Add(check.overridden).Add(check.override_reason);
}

absl::StatusOr<CheckResult> ReadCheck(const pg::Row& row) {
  pg::RowReader r(row);
  CheckResult check;
  check.check = r.EnumValue<AssessmentCheck>("check_kind");
  check.passed = r.Bool("passed");
  check.reason = r.Text("reason");
  check.overridden = r.Bool("overridden");
  check.override_reason = r.Text("override_reason");
  if (!r.status().ok()) return r.status();
  return check;
}

}  // namespace redress::intake::pg_rows
