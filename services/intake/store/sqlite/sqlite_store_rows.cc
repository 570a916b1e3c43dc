#include "services/intake/store/sqlite/sqlite_store_rows.h"

#include <limits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace redress::intake::sqlite_rows {

int64_t TimeToMicros(absl::Time time) { return absl::ToUnixMicros(time); }  // saturates

absl::Time MicrosToTime(int64_t micros) {
  if (micros == std::numeric_limits<int64_t>::min()) return absl::InfinitePast();
  if (micros == std::numeric_limits<int64_t>::max()) return absl::InfiniteFuture();
  return absl::FromUnixMicros(micros);
}

std::string DateToText(absl::CivilDay day) { return absl::FormatCivilTime(day); }

std::optional<std::string> DateToText(const std::optional<absl::CivilDay>& day) {
  if (!day.has_value()) return std::nullopt;
  return DateToText(*day);
}

absl::StatusOr<absl::CivilDay> ReadDate(const Statement& row, int column) {
  const std::string text = row.ColumnText(column);
  absl::CivilDay day;
  if (!absl::ParseCivilTime(text, &day)) {
    return absl::InternalError(absl::StrCat("stored date is not YYYY-MM-DD: \"", text, "\""));
  }
  return day;
}

absl::StatusOr<std::optional<absl::CivilDay>> ReadOptionalDate(const Statement& row, int column) {
  if (row.IsNull(column)) return std::optional<absl::CivilDay>();
  ASSIGN_OR_RETURN(absl::CivilDay day, ReadDate(row, column));
  return std::optional<absl::CivilDay>(day);
}

// --- Organisations. ---

void BindOrganisation(Statement& statement, const Organisation& o) {
  statement.Bind(1, o.id).Bind(2, o.display_name).Bind(3, o.short_name);
  statement.Bind(4, static_cast<int>(o.kind)).Bind(5, static_cast<int>(o.jurisdiction));
  statement.Bind(6, o.in_remit).Bind(7, o.mp_referral_required).Bind(8, o.location);
  statement.Bind(9, o.version).Bind(10, TimeToMicros(o.create_time));
  statement.Bind(11, TimeToMicros(o.update_time));
}

Organisation ReadOrganisation(const Statement& row) {
  Organisation o;
  o.id = row.ColumnText(0);
  o.display_name = row.ColumnText(1);
  o.short_name = row.ColumnText(2);
  o.kind = static_cast<OrganisationKind>(row.ColumnInt(3));
  o.jurisdiction = static_cast<Jurisdiction>(row.ColumnInt(4));
  o.in_remit = row.ColumnBool(5);
  o.mp_referral_required = row.ColumnBool(6);
  o.location = row.ColumnText(7);
  o.version = row.ColumnInt64(8);
  o.create_time = MicrosToTime(row.ColumnInt64(9));
  o.update_time = MicrosToTime(row.ColumnInt64(10));
  return o;
}

// --- Complaints. ---

void BindComplaint(Statement& statement, const Complaint& c) {
  statement.Bind(1, c.id).Bind(2, static_cast<int>(c.state));
  statement.Bind(3, c.complainants_reference).Bind(4, c.complainants_reference_override);
  statement.Bind(5, static_cast<int>(c.channel)).Bind(6, c.confirmed_in_writing);
  statement.Bind(7, c.what_went_wrong).Bind(8, c.injustice_claimed).Bind(9, c.outcome_wanted);
  statement.Bind(10, DateToText(c.aware_date));
  statement.Bind(11, DateToText(c.complained_to_organisation_date));
  statement.Bind(12, DateToText(c.final_response_date));
  statement.Bind(13, DateToText(c.receive_date));
  statement.Bind(14, static_cast<int>(c.closure_reason)).Bind(15, c.closure_note);
  statement.Bind(16, c.version).Bind(17, TimeToMicros(c.create_time));
  statement.Bind(18, TimeToMicros(c.update_time)).Bind(19, c.owner);
}

absl::StatusOr<Complaint> ReadComplaint(const Statement& row) {
  Complaint c;
  c.sequence = row.ColumnInt64(0);
  c.id = row.ColumnText(1);
  c.state = static_cast<ComplaintState>(row.ColumnInt(2));
  c.complainants_reference = row.ColumnText(3);
  c.complainants_reference_override = row.ColumnText(4);
  c.channel = static_cast<SubmissionChannel>(row.ColumnInt(5));
  c.confirmed_in_writing = row.ColumnBool(6);
  c.what_went_wrong = row.ColumnText(7);
  c.injustice_claimed = row.ColumnText(8);
  c.outcome_wanted = row.ColumnText(9);
  ASSIGN_OR_RETURN(c.aware_date, ReadOptionalDate(row, 10));
  ASSIGN_OR_RETURN(c.complained_to_organisation_date, ReadOptionalDate(row, 11));
  ASSIGN_OR_RETURN(c.final_response_date, ReadOptionalDate(row, 12));
  ASSIGN_OR_RETURN(c.receive_date, ReadDate(row, 13));
  c.closure_reason = static_cast<ClosureReason>(row.ColumnInt(14));
  c.closure_note = row.ColumnText(15);
  c.version = row.ColumnInt64(16);
  c.create_time = MicrosToTime(row.ColumnInt64(17));
  c.update_time = MicrosToTime(row.ColumnInt64(18));
  c.owner = row.ColumnText(19);
  return c;
}

// --- People. ---

void BindPerson(Statement& statement, std::string_view complaint_id, int position,
                const Person& p) {
  const PersonalDetails& d = p.details;
  statement.Bind(1, complaint_id).Bind(2, position).Bind(3, p.person_id);
  statement.Bind(4, static_cast<int>(p.role)).Bind(5, d.title).Bind(6, d.given_name);
  statement.Bind(7, d.family_name).Bind(8, d.email).Bind(9, d.phone);
  const std::vector<std::string>& lines = d.postal_address.lines;
  for (int i = 0; i < kMaxAddressLines; ++i) {
    if (i < static_cast<int>(lines.size())) {
      statement.Bind(10 + i, lines[i]);
    } else {
      statement.BindNull(10 + i);
    }
  }
  statement.Bind(14, d.postal_address.locality).Bind(15, d.postal_address.postal_code);
  statement.Bind(16, d.postal_address.country).Bind(17, DateToText(d.date_of_birth));
  statement.Bind(18, p.relationship).Bind(19, p.authorised);
  statement.Bind(20, p.anonymised_reference).Bind(21, p.anonymised_reference_override);
}

absl::StatusOr<Person> ReadPerson(const Statement& row) {
  Person p;
  PersonalDetails& d = p.details;
  p.person_id = row.ColumnText(2);
  p.role = static_cast<PersonRole>(row.ColumnInt(3));
  d.title = row.ColumnText(4);
  d.given_name = row.ColumnText(5);
  d.family_name = row.ColumnText(6);
  d.email = row.ColumnText(7);
  d.phone = row.ColumnText(8);
  for (int i = 0; i < kMaxAddressLines && !row.IsNull(9 + i); ++i) {
    d.postal_address.lines.push_back(row.ColumnText(9 + i));
  }
  d.postal_address.locality = row.ColumnText(13);
  d.postal_address.postal_code = row.ColumnText(14);
  d.postal_address.country = row.ColumnText(15);
  ASSIGN_OR_RETURN(d.date_of_birth, ReadOptionalDate(row, 16));
  p.relationship = row.ColumnText(17);
  p.authorised = row.ColumnBool(18);
  p.anonymised_reference = row.ColumnText(19);
  p.anonymised_reference_override = row.ColumnText(20);
  return p;
}

// --- Assessments. ---

void BindAssessment(Statement& statement, std::string_view complaint_id, const Assessment& a) {
  statement.Bind(1, complaint_id).Bind(2, a.accepted).Bind(3, static_cast<int>(a.closure_reason));
  statement.Bind(4, a.reason).Bind(5, a.assessor).Bind(6, DateToText(a.assessment_date));
  statement.Bind(7, TimeToMicros(a.assess_time)).Bind(8, a.request_id);
  statement.Bind(9, a.request_fingerprint);
}

absl::StatusOr<Assessment> ReadAssessment(const Statement& row) {
  Assessment a;
  a.accepted = row.ColumnBool(0);
  a.closure_reason = static_cast<ClosureReason>(row.ColumnInt(1));
  a.reason = row.ColumnText(2);
  a.assessor = row.ColumnText(3);
  ASSIGN_OR_RETURN(a.assessment_date, ReadDate(row, 4));
  a.assess_time = MicrosToTime(row.ColumnInt64(5));
  a.request_id = row.ColumnText(6);
  a.request_fingerprint = row.ColumnText(7);
  return a;
}

void BindCheck(Statement& statement, std::string_view complaint_id, int position,
               const CheckResult& check) {
  statement.Bind(1, complaint_id).Bind(2, position).Bind(3, static_cast<int>(check.check));
  statement.Bind(4, check.passed).Bind(5, check.reason).Bind(6, check.overridden);
  statement.Bind(7, check.override_reason);
}

CheckResult ReadCheck(const Statement& row) {
  CheckResult check;
  check.check = static_cast<AssessmentCheck>(row.ColumnInt(0));
  check.passed = row.ColumnBool(1);
  check.reason = row.ColumnText(2);
  check.overridden = row.ColumnBool(3);
  check.override_reason = row.ColumnText(4);
  return check;
}

}  // namespace redress::intake::sqlite_rows
