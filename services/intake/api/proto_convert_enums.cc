// Enum conversions of proto_convert.h. The domain enums share the proto's numbers (checked below
// at compile time), so a value is converted by number once the proto says the number is defined.

#include "absl/strings/str_cat.h"
#include "services/intake/api/proto_convert.h"

namespace redress::intake {
namespace {

namespace v1 = ::redress::intake::v1;
namespace common_v1 = ::redress::common::v1;

#define REDRESS_SAME_NUMBER(domain, proto) \
  static_assert(static_cast<int>(domain) == static_cast<int>(proto), #domain " != " #proto)

REDRESS_SAME_NUMBER(PersonRole::kUnspecified, v1::PERSON_ROLE_UNSPECIFIED);
REDRESS_SAME_NUMBER(PersonRole::kComplainant, v1::PERSON_ROLE_COMPLAINANT);
REDRESS_SAME_NUMBER(PersonRole::kRepresentative, v1::PERSON_ROLE_REPRESENTATIVE);
REDRESS_SAME_NUMBER(PersonRole::kOther, v1::PERSON_ROLE_OTHER);

REDRESS_SAME_NUMBER(SubmissionChannel::kUnspecified, v1::SUBMISSION_CHANNEL_UNSPECIFIED);
REDRESS_SAME_NUMBER(SubmissionChannel::kOnlineForm, v1::SUBMISSION_CHANNEL_ONLINE_FORM);
REDRESS_SAME_NUMBER(SubmissionChannel::kEmail, v1::SUBMISSION_CHANNEL_EMAIL);
REDRESS_SAME_NUMBER(SubmissionChannel::kLetter, v1::SUBMISSION_CHANNEL_LETTER);
REDRESS_SAME_NUMBER(SubmissionChannel::kTelephone, v1::SUBMISSION_CHANNEL_TELEPHONE);

REDRESS_SAME_NUMBER(ClosureReason::kNone, v1::CLOSURE_REASON_UNSPECIFIED);
REDRESS_SAME_NUMBER(ClosureReason::kOutOfRemit, v1::CLOSURE_REASON_OUT_OF_REMIT);
REDRESS_SAME_NUMBER(ClosureReason::kNotProperlyMade, v1::CLOSURE_REASON_NOT_PROPERLY_MADE);
REDRESS_SAME_NUMBER(ClosureReason::kPremature, v1::CLOSURE_REASON_PREMATURE);
REDRESS_SAME_NUMBER(ClosureReason::kDiscretion, v1::CLOSURE_REASON_DISCRETION);
REDRESS_SAME_NUMBER(ClosureReason::kWithdrawn, v1::CLOSURE_REASON_WITHDRAWN);
REDRESS_SAME_NUMBER(ClosureReason::kResolvedWithoutInvestigation,
                    v1::CLOSURE_REASON_RESOLVED_WITHOUT_INVESTIGATION);

REDRESS_SAME_NUMBER(ComplaintState::kReceived, v1::COMPLAINT_STATE_RECEIVED);
REDRESS_SAME_NUMBER(ComplaintState::kAccepted, v1::COMPLAINT_STATE_ACCEPTED);
REDRESS_SAME_NUMBER(ComplaintState::kClosed, v1::COMPLAINT_STATE_CLOSED);
REDRESS_SAME_NUMBER(ComplaintState::kUnderReview, v1::COMPLAINT_STATE_UNDER_REVIEW);

REDRESS_SAME_NUMBER(AssessmentCheck::kInRemit, v1::ASSESSMENT_CHECK_IN_REMIT);
REDRESS_SAME_NUMBER(AssessmentCheck::kProperlyMade, v1::ASSESSMENT_CHECK_PROPERLY_MADE);
REDRESS_SAME_NUMBER(AssessmentCheck::kComplaintsProcessComplete,
                    v1::ASSESSMENT_CHECK_COMPLAINTS_PROCESS_COMPLETE);
REDRESS_SAME_NUMBER(AssessmentCheck::kWithinTime, v1::ASSESSMENT_CHECK_WITHIN_TIME);
REDRESS_SAME_NUMBER(AssessmentCheck::kInjusticeClaimed, v1::ASSESSMENT_CHECK_INJUSTICE_CLAIMED);
REDRESS_SAME_NUMBER(AssessmentCheck::kMpReferral, v1::ASSESSMENT_CHECK_MP_REFERRAL);

REDRESS_SAME_NUMBER(AssessmentReviewGround::kUnspecified, v1::ASSESSMENT_REVIEW_GROUND_UNSPECIFIED);
REDRESS_SAME_NUMBER(AssessmentReviewGround::kFactsWrong, v1::ASSESSMENT_REVIEW_GROUND_FACTS_WRONG);
REDRESS_SAME_NUMBER(AssessmentReviewGround::kNewInformation,
                    v1::ASSESSMENT_REVIEW_GROUND_NEW_INFORMATION);
REDRESS_SAME_NUMBER(AssessmentReviewGround::kPartOverlooked,
                    v1::ASSESSMENT_REVIEW_GROUND_PART_OVERLOOKED);

REDRESS_SAME_NUMBER(AssessmentReviewOutcome::kUndecided, v1::ASSESSMENT_REVIEW_OUTCOME_UNSPECIFIED);
REDRESS_SAME_NUMBER(AssessmentReviewOutcome::kDecisionStands,
                    v1::ASSESSMENT_REVIEW_OUTCOME_DECISION_STANDS);
REDRESS_SAME_NUMBER(AssessmentReviewOutcome::kReopened, v1::ASSESSMENT_REVIEW_OUTCOME_REOPENED);

REDRESS_SAME_NUMBER(CaseworkerClosure::kNone, v1::CASEWORKER_CLOSURE_UNSPECIFIED);
REDRESS_SAME_NUMBER(CaseworkerClosure::kDiscretion, v1::CASEWORKER_CLOSURE_DISCRETION);
REDRESS_SAME_NUMBER(CaseworkerClosure::kResolvedWithoutInvestigation,
                    v1::CASEWORKER_CLOSURE_RESOLVED_WITHOUT_INVESTIGATION);

REDRESS_SAME_NUMBER(OrganisationKind::kUnspecified, v1::ORGANISATION_KIND_UNSPECIFIED);
REDRESS_SAME_NUMBER(OrganisationKind::kGovernmentDepartment,
                    v1::ORGANISATION_KIND_GOVERNMENT_DEPARTMENT);
REDRESS_SAME_NUMBER(OrganisationKind::kExecutiveAgency, v1::ORGANISATION_KIND_EXECUTIVE_AGENCY);
REDRESS_SAME_NUMBER(OrganisationKind::kNonDepartmentalPublicBody,
                    v1::ORGANISATION_KIND_NON_DEPARTMENTAL_PUBLIC_BODY);
REDRESS_SAME_NUMBER(OrganisationKind::kNhsTrust, v1::ORGANISATION_KIND_NHS_TRUST);
REDRESS_SAME_NUMBER(OrganisationKind::kGpPractice, v1::ORGANISATION_KIND_GP_PRACTICE);
REDRESS_SAME_NUMBER(OrganisationKind::kDentalPractice, v1::ORGANISATION_KIND_DENTAL_PRACTICE);
REDRESS_SAME_NUMBER(OrganisationKind::kOtherHealthBody, v1::ORGANISATION_KIND_OTHER_HEALTH_BODY);
REDRESS_SAME_NUMBER(OrganisationKind::kOtherPublicBody, v1::ORGANISATION_KIND_OTHER_PUBLIC_BODY);

REDRESS_SAME_NUMBER(Jurisdiction::kUnspecified, common_v1::JURISDICTION_UNSPECIFIED);
REDRESS_SAME_NUMBER(Jurisdiction::kParliamentary, common_v1::JURISDICTION_PARLIAMENTARY);
REDRESS_SAME_NUMBER(Jurisdiction::kHealth, common_v1::JURISDICTION_HEALTH);

#undef REDRESS_SAME_NUMBER

// The domain value numbered `value`, or `fallback` with a violation when the proto enum (checked
// by `is_valid`) does not define `value`.
template <typename Domain>
Domain ByNumber(int value, bool (*is_valid)(int), Domain fallback, const std::string& field,
                FieldViolations& violations) {
  if (!is_valid(value)) {
    violations.Add(field, absl::StrCat("unknown value ", value));
    return fallback;
  }
  return static_cast<Domain>(value);
}

// As ByNumber, for domain enums without an unspecified value: 0 is a violation too.
template <typename Domain>
std::optional<Domain> ByNumberRequired(int value, bool (*is_valid)(int), const std::string& field,
                                       FieldViolations& violations) {
  if (value == 0) {
    violations.Add(field, "required");
    return std::nullopt;
  }
  if (!is_valid(value)) {
    violations.Add(field, absl::StrCat("unknown value ", value));
    return std::nullopt;
  }
  return static_cast<Domain>(value);
}

}  // namespace

PersonRole PersonRoleFromProto(int value, const std::string& field, FieldViolations& violations) {
  return ByNumber(value, v1::PersonRole_IsValid, PersonRole::kUnspecified, field, violations);
}
v1::PersonRole PersonRoleToProto(PersonRole role) { return static_cast<v1::PersonRole>(role); }

SubmissionChannel SubmissionChannelFromProto(int value, const std::string& field,
                                             FieldViolations& violations) {
  return ByNumber(value, v1::SubmissionChannel_IsValid, SubmissionChannel::kUnspecified, field,
                  violations);
}
v1::SubmissionChannel SubmissionChannelToProto(SubmissionChannel channel) {
  return static_cast<v1::SubmissionChannel>(channel);
}

ClosureReason ClosureReasonFromProto(int value, const std::string& field,
                                     FieldViolations& violations) {
  return ByNumber(value, v1::ClosureReason_IsValid, ClosureReason::kNone, field, violations);
}
v1::ClosureReason ClosureReasonToProto(ClosureReason reason) {
  return static_cast<v1::ClosureReason>(reason);
}

std::optional<ComplaintState> ComplaintStateFromProto(int value, const std::string& field,
                                                      FieldViolations& violations) {
  return ByNumberRequired<ComplaintState>(value, v1::ComplaintState_IsValid, field, violations);
}
v1::ComplaintState ComplaintStateToProto(ComplaintState state) {
  return static_cast<v1::ComplaintState>(state);
}

std::optional<AssessmentCheck> AssessmentCheckFromProto(int value, const std::string& field,
                                                        FieldViolations& violations) {
  return ByNumberRequired<AssessmentCheck>(value, v1::AssessmentCheck_IsValid, field, violations);
}
v1::AssessmentCheck AssessmentCheckToProto(AssessmentCheck check) {
  return static_cast<v1::AssessmentCheck>(check);
}

CaseworkerClosure CaseworkerClosureFromProto(int value, const std::string& field,
                                             FieldViolations& violations) {
  return ByNumber(value, v1::CaseworkerClosure_IsValid, CaseworkerClosure::kNone, field,
                  violations);
}
v1::CaseworkerClosure CaseworkerClosureToProto(CaseworkerClosure closure) {
  return static_cast<v1::CaseworkerClosure>(closure);
}

AssessmentReviewGround AssessmentReviewGroundFromProto(int value, const std::string& field,
                                                       FieldViolations& violations) {
  return ByNumber(value, v1::AssessmentReviewGround_IsValid, AssessmentReviewGround::kUnspecified,
                  field, violations);
}
v1::AssessmentReviewGround AssessmentReviewGroundToProto(AssessmentReviewGround ground) {
  return static_cast<v1::AssessmentReviewGround>(ground);
}

AssessmentReviewOutcome AssessmentReviewOutcomeFromProto(int value, const std::string& field,
                                                         FieldViolations& violations) {
  return ByNumber(value, v1::AssessmentReviewOutcome_IsValid, AssessmentReviewOutcome::kUndecided,
                  field, violations);
}
v1::AssessmentReviewOutcome AssessmentReviewOutcomeToProto(AssessmentReviewOutcome outcome) {
  return static_cast<v1::AssessmentReviewOutcome>(outcome);
}

OrganisationKind OrganisationKindFromProto(int value, const std::string& field,
                                           FieldViolations& violations) {
  return ByNumber(value, v1::OrganisationKind_IsValid, OrganisationKind::kUnspecified, field,
                  violations);
}
v1::OrganisationKind OrganisationKindToProto(OrganisationKind kind) {
  return static_cast<v1::OrganisationKind>(kind);
}

Jurisdiction JurisdictionFromProto(int value, const std::string& field,
                                   FieldViolations& violations) {
  return ByNumber(value, common_v1::Jurisdiction_IsValid, Jurisdiction::kUnspecified, field,
                  violations);
}
common_v1::Jurisdiction JurisdictionToProto(Jurisdiction jurisdiction) {
  return static_cast<common_v1::Jurisdiction>(jurisdiction);
}

}  // namespace redress::intake
