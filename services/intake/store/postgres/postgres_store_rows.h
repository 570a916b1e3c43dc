// Internal to PostgresStore: how intake's domain types map to rows of the schema in
// postgres_store_schema.cc (column lists, parameters, reading). The column lists are the SQLite
// store's; each Params function binds them in list order as $1, $2, ...
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/store/postgres/params.h"
#include "common/store/postgres/result.h"
#include "services/intake/complaint.h"
#include "services/intake/organisation.h"

namespace redress::intake::pg_rows {

using ::redress::pg::Placeholders;

inline constexpr char kOrganisationColumns[] =
    "id, display_name, short_name, kind, jurisdiction, in_remit, mp_referral_required, location, "
    "version, create_time, update_time";
pg::Params OrganisationParams(const Organisation& organisation);  // $1..$11, id first
absl::StatusOr<Organisation> ReadOrganisation(const pg::Row& row);

// The complaint's own row; people, organisations, MP referral and assessments are child rows.
// Read with "sequence, " + kComplaintColumns.
inline constexpr char kComplaintColumns[] =
    "id, state, complainants_reference, complainants_reference_override, channel, "
    "confirmed_in_writing, what_went_wrong, injustice_claimed, outcome_wanted, aware_date, "
    "complained_to_organisation_date, final_response_date, receive_date, closure_reason, "
    "closure_note, version, create_time, update_time, owner";
pg::Params ComplaintParams(const Complaint& complaint);  // $1..$19, id first
absl::StatusOr<Complaint> ReadComplaint(const pg::Row& row);

inline constexpr char kPersonColumns[] =
    "complaint_id, position, person_id, role, title, given_name, family_name, email, phone, "
    "address_line1, address_line2, address_line3, address_line4, locality, postal_code, country, "
    "date_of_birth, relationship, authorised, anonymised_reference, anonymised_reference_override";
inline constexpr int kMaxAddressLines = 4;
// $1..$21. REQUIRES: at most kMaxAddressLines address lines (the store refuses more).
pg::Params PersonParams(std::string_view complaint_id, int position, const Person& person);
absl::StatusOr<Person> ReadPerson(const pg::Row& row);

// Assessments (current and previous) and their checks.
inline constexpr char kAssessmentColumns[] =
    "accepted, closure_reason, reason, assessor, assessment_date, assess_time, request_id, "
    "request_fingerprint";
// complaint_id as $1, then kAssessmentColumns.
pg::Params AssessmentParams(std::string_view complaint_id, const Assessment& assessment);
absl::StatusOr<Assessment> ReadAssessment(const pg::Row& row);  // without checks and parts
inline constexpr char kCheckColumns[] = "check_kind, passed, reason, overridden, override_reason";
// Appends kCheckColumns' values to `params`.
void AddCheck(pg::Params& params, const CheckResult& check);
absl::StatusOr<CheckResult> ReadCheck(const pg::Row& row);

}  // namespace redress::intake::pg_rows
