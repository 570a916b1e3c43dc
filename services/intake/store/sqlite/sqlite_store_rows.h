// Internal to SqliteStore: how intake's domain types map to rows of the schema in
// sqlite_store_schema.cc (column lists, binding, reading, value encodings, the outbox payload),
// and the statements on idempotency records that several writes share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/store/sqlite/sqlite.h"
#include "services/intake/complaint.h"
#include "services/intake/organisation.h"

namespace redress::intake::sqlite_rows {

// Times as microseconds since the epoch; the infinite past/future round-trip as the int64
// extremes.
int64_t TimeToMicros(absl::Time time);
absl::Time MicrosToTime(int64_t micros);
// Dates as "YYYY-MM-DD".
std::string DateToText(absl::CivilDay day);
std::optional<std::string> DateToText(const std::optional<absl::CivilDay>& day);
// INTERNAL if the column does not hold a date (the file was damaged).
absl::StatusOr<absl::CivilDay> ReadDate(const Statement& row, int column);
absl::StatusOr<std::optional<absl::CivilDay>> ReadOptionalDate(const Statement& row, int column);

// Organisations: kOrganisationColumns in this order, bound as ?1..?11 with `id` as ?1.
inline constexpr char kOrganisationColumns[] =
    "id, display_name, short_name, kind, jurisdiction, in_remit, mp_referral_required, location, "
    "version, create_time, update_time";
void BindOrganisation(Statement& statement, const Organisation& organisation);
Organisation ReadOrganisation(const Statement& row);  // columns from 0

// Complaint narrative and state: "sequence, " + kComplaintColumns when read, bound as ?1..?19
// with `id` as ?1. People, organisations, MP referral and assessment are child rows.
inline constexpr char kComplaintColumns[] =
    "id, state, complainants_reference, complainants_reference_override, channel, "
    "confirmed_in_writing, what_went_wrong, injustice_claimed, outcome_wanted, aware_date, "
    "complained_to_organisation_date, final_response_date, receive_date, closure_reason, "
    "closure_note, version, create_time, update_time, owner";
void BindComplaint(Statement& statement, const Complaint& complaint);
absl::StatusOr<Complaint> ReadComplaint(const Statement& row);  // sequence at column 0

// People: kPersonColumns, bound as ?1..?22 (complaint_id, position, then the person).
inline constexpr char kPersonColumns[] =
    "complaint_id, position, person_id, role, title, given_name, family_name, email, phone, "
    "address_line1, address_line2, address_line3, address_line4, locality, postal_code, country, "
    "date_of_birth, relationship, authorised, anonymised_reference, anonymised_reference_override";
inline constexpr int kMaxAddressLines = 4;
// REQUIRES: at most kMaxAddressLines address lines (the caller refuses more).
void BindPerson(Statement& statement, std::string_view complaint_id, int position,
                const Person& person);
absl::StatusOr<Person> ReadPerson(const Statement& row);  // kPersonColumns from 0

// Assessments and their checks: bound as ?1.. with complaint_id first; read from column 0
// without complaint_id (and, for checks, without position).
inline constexpr char kAssessmentColumns[] =
    "accepted, closure_reason, reason, assessor, assessment_date, assess_time, request_id, "
    "request_fingerprint";
void BindAssessment(Statement& statement, std::string_view complaint_id,
                    const Assessment& assessment);
absl::StatusOr<Assessment> ReadAssessment(const Statement& row);  // without checks
inline constexpr char kCheckColumns[] = "check_kind, passed, reason, overridden, override_reason";
void BindCheck(Statement& statement, std::string_view complaint_id, int position,
               const CheckResult& check);
CheckResult ReadCheck(const Statement& row);

}  // namespace redress::intake::sqlite_rows
