// Conversions between intake's protos (redress.intake.v1, redress.common.v1) and its domain types.
// Client input is checked for what only the wire can get wrong -- a partly set or impossible
// date, an enum number the API does not define, a malformed resource name -- and each problem is
// added to a FieldViolations under its request field path ("complaint.aware_date"); nothing is
// silently normalised. Rules about meaning (required fields, lengths, the register) are the
// logic's. Output-only fields of input messages are ignored.
//
// Two exceptions keep decoding cheap and paths true. A repeated field longer than its limit
// (people 10, organisations 5, address lines 4, overrides 5) gets one violation on the list
// ("complaint.people": "at most 10 people are allowed, not 20000") and decodes to an empty list,
// so a huge list costs one check. An entry that cannot be decoded keeps its place, so that the
// violations of later entries name their own index.
#pragma once

#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/errors.h"
#include "common/person.h"
#include "common/proto_time.h"
#include "redress/common/v1/date.pb.h"
#include "redress/common/v1/jurisdiction.pb.h"
#include "redress/common/v1/person.pb.h"
#include "redress/intake/v1/complaint.pb.h"
#include "redress/intake/v1/intake.pb.h"
#include "redress/intake/v1/organisation.pb.h"
#include "services/intake/complaint.h"
#include "services/intake/intake_logic.h"
#include "services/intake/organisation.h"

namespace redress::intake {

// --- Dates and times. ---

// DateFromProto, DateToProto, TimeFromProto and TimeToProto: common/proto_time.h.

// --- Enums. Numbers the proto does not define are violations, never cast blindly. ---
// An UNSPECIFIED value converts to the domain's unspecified value: whether it is allowed is the
// logic's rule. Enums whose domain type has no unspecified value give nullopt for it, with a
// violation.

PersonRole PersonRoleFromProto(int value, const std::string& field, FieldViolations& violations);
redress::intake::v1::PersonRole PersonRoleToProto(PersonRole role);
SubmissionChannel SubmissionChannelFromProto(int value, const std::string& field,
                                             FieldViolations& violations);
redress::intake::v1::SubmissionChannel SubmissionChannelToProto(SubmissionChannel channel);
ClosureReason ClosureReasonFromProto(int value, const std::string& field,
                                     FieldViolations& violations);
redress::intake::v1::ClosureReason ClosureReasonToProto(ClosureReason reason);
std::optional<ComplaintState> ComplaintStateFromProto(int value, const std::string& field,
                                                      FieldViolations& violations);
redress::intake::v1::ComplaintState ComplaintStateToProto(ComplaintState state);
std::optional<AssessmentCheck> AssessmentCheckFromProto(int value, const std::string& field,
                                                        FieldViolations& violations);
redress::intake::v1::AssessmentCheck AssessmentCheckToProto(AssessmentCheck check);
CaseworkerClosure CaseworkerClosureFromProto(int value, const std::string& field,
                                             FieldViolations& violations);
redress::intake::v1::CaseworkerClosure CaseworkerClosureToProto(CaseworkerClosure closure);
AssessmentReviewGround AssessmentReviewGroundFromProto(int value, const std::string& field,
                                                       FieldViolations& violations);
redress::intake::v1::AssessmentReviewGround AssessmentReviewGroundToProto(
    AssessmentReviewGround ground);
AssessmentReviewOutcome AssessmentReviewOutcomeFromProto(int value, const std::string& field,
                                                         FieldViolations& violations);
redress::intake::v1::AssessmentReviewOutcome AssessmentReviewOutcomeToProto(
    AssessmentReviewOutcome outcome);
OrganisationKind OrganisationKindFromProto(int value, const std::string& field,
                                           FieldViolations& violations);
redress::intake::v1::OrganisationKind OrganisationKindToProto(OrganisationKind kind);
Jurisdiction JurisdictionFromProto(int value, const std::string& field,
                                   FieldViolations& violations);
redress::common::v1::Jurisdiction JurisdictionToProto(Jurisdiction jurisdiction);

// --- Messages. `field` is the path of the message in the request ("complaint"). ---

PersonalDetails PersonalDetailsFromProto(const redress::common::v1::PersonalDetails& proto,
                                         const std::string& field, FieldViolations& violations);
redress::common::v1::PersonalDetails PersonalDetailsToProto(const PersonalDetails& details);

// Keeps `person_id` (people keep theirs on update); ignores `anonymised_reference`.
Person PersonFromProto(const redress::intake::v1::Person& proto, const std::string& field,
                       FieldViolations& violations);
redress::intake::v1::Person PersonToProto(const Person& person);

MpReferral MpReferralFromProto(const redress::intake::v1::MpReferral& proto,
                               const std::string& field, FieldViolations& violations);
redress::intake::v1::MpReferral MpReferralToProto(const MpReferral& referral);

// Assessments and reviews are output only; their FromProto conversions serve round-trip tests and
// clients of the library (proto_convert_assessment.cc).
CheckResult CheckResultFromProto(const redress::intake::v1::CheckResult& proto,
                                 const std::string& field, FieldViolations& violations);
redress::intake::v1::CheckResult CheckResultToProto(const CheckResult& result);
OrganisationAssessment OrganisationAssessmentFromProto(
    const redress::intake::v1::OrganisationAssessment& proto, const std::string& field,
    FieldViolations& violations);
redress::intake::v1::OrganisationAssessment OrganisationAssessmentToProto(
    const OrganisationAssessment& part);
// `request_id` is not on the wire and stays empty.
Assessment AssessmentFromProto(const redress::intake::v1::Assessment& proto,
                               const std::string& field, FieldViolations& violations);
redress::intake::v1::Assessment AssessmentToProto(const Assessment& assessment);
// `request_id` and `request_fingerprint` are not on the wire.
redress::intake::v1::AssessmentReview AssessmentReviewToProto(const AssessmentReview& review);

// Each entry's `organisation` must be "organisations/{id}", else a violation on
// "<field>.organisation" and an empty id in its place.
OrganisationDates OrganisationDatesFromProto(const redress::intake::v1::OrganisationDates& proto,
                                             const std::string& field, FieldViolations& violations);
redress::intake::v1::OrganisationDates OrganisationDatesToProto(const OrganisationDates& dates);

// The client-writable fields only: name, state, the derived references, assessment, previous
// assessments, reviews, closure, etag and times are ignored. Each of `organisations` (and each
// `organisation_dates` entry's organisation) must be "organisations/{id}" with an id of
// [a-z][a-z0-9-]{0,62} (resource_names.h), else a violation on "<field>.organisations[i]" and an
// empty id in its place. An unset `receive_date` becomes absl::CivilDay() (1970-01-01), which the
// logic reads as "today".
Complaint ComplaintFromProto(const redress::intake::v1::Complaint& proto, const std::string& field,
                             FieldViolations& violations);
redress::intake::v1::Complaint ComplaintToProto(const Complaint& complaint);

// Every person in order, each with person_id, role and details; the MP referral when there is
// one; each anonymous organisation with its resource name, kind and register names.
redress::intake::v1::ComplaintPersonalDetails ComplaintPersonalDetailsToProto(
    const ComplaintPersonalDetails& personal_details);

// The client-writable fields only: name, etag and times are ignored.
Organisation OrganisationFromProto(const redress::intake::v1::Organisation& proto,
                                   const std::string& field, FieldViolations& violations);
redress::intake::v1::Organisation OrganisationToProto(const Organisation& organisation);

redress::intake::v1::ComplaintAcceptedEvent AcceptanceHandoffToProto(
    const AcceptanceHandoff& handoff);

// The etag sent on output is resource_names.h's EtagOf(version).

// --- Requests. ---

// Field paths are the request's own ("overrides[1].check", "assessment_date"). An override whose
// check is unset or undefined keeps its place with a check outside AssessmentCheck's values,
// which the logic reports as required (the decoding violation on its check comes first).
// An override's `organisation` must be "organisations/{id}" when given, else a violation on
// "overrides[i].organisation".
AssessCommand AssessCommandFromProto(const redress::intake::v1::AssessComplaintRequest& request,
                                     FieldViolations& violations);
// `fingerprint` is the adapter's to set.
RequestReviewCommand RequestReviewCommandFromProto(
    const redress::intake::v1::RequestAssessmentReviewRequest& request,
    FieldViolations& violations);
DecideReviewCommand DecideReviewCommandFromProto(
    const redress::intake::v1::DecideAssessmentReviewRequest& request, FieldViolations& violations);

// The paths of `mask`, unchanged (the logic validates them).
std::vector<std::string> MaskPaths(const google::protobuf::FieldMask& mask);

// The violations of `all` that concern fields an update changes: those at or under
// "`field`.<path>" for a path of `mask`. Fields outside the mask are ignored by an update, so
// their values cannot be wrong. A "*" path keeps everything.
FieldViolations MaskedViolations(const FieldViolations& all, const std::string& field,
                                 const google::protobuf::FieldMask& mask);

}  // namespace redress::intake
