// The assessment and review conversions of proto_convert.h: check results, an assessment with
// its organisations' parts, and reviews of assessment decisions.
#include "absl/strings/str_cat.h"
#include "services/intake/api/proto_convert.h"
#include "services/intake/api/proto_convert_internal.h"
#include "services/intake/request_checks.h"

namespace redress::intake {
namespace {

namespace v1 = ::redress::intake::v1;

using proto_convert_internal::Child;
using proto_convert_internal::Indexed;
using proto_convert_internal::IsNever;

}  // namespace

CheckResult CheckResultFromProto(const v1::CheckResult& proto, const std::string& field,
                                 FieldViolations& violations) {
  CheckResult result;
  if (auto check = AssessmentCheckFromProto(proto.check(), Child(field, "check"), violations)) {
    result.check = *check;
  }
  result.passed = proto.passed();
  result.reason = proto.reason();
  result.overridden = proto.overridden();
  result.override_reason = proto.override_reason();
  return result;
}

v1::CheckResult CheckResultToProto(const CheckResult& result) {
  v1::CheckResult proto;
  proto.set_check(AssessmentCheckToProto(result.check));
  proto.set_passed(result.passed);
  proto.set_reason(result.reason);
  proto.set_overridden(result.overridden);
  proto.set_override_reason(result.override_reason);
  return proto;
}

OrganisationAssessment OrganisationAssessmentFromProto(const v1::OrganisationAssessment& proto,
                                                       const std::string& field,
                                                       FieldViolations& violations) {
  OrganisationAssessment part;
  part.organisation_id = ParseResourceName(violations, Child(field, "organisation"),
                                           proto.organisation(), kOrganisationsCollection);
  for (int i = 0; i < proto.checks_size(); ++i) {
    part.checks.push_back(
        CheckResultFromProto(proto.checks(i), Indexed(Child(field, "checks"), i), violations));
  }
  part.accepted = proto.accepted();
  part.closure_reason =
      ClosureReasonFromProto(proto.closure_reason(), Child(field, "closure_reason"), violations);
  part.reason = proto.reason();
  return part;
}

v1::OrganisationAssessment OrganisationAssessmentToProto(const OrganisationAssessment& part) {
  v1::OrganisationAssessment proto;
  proto.set_organisation(absl::StrCat(kOrganisationsCollection, part.organisation_id));
  for (const CheckResult& result : part.checks) *proto.add_checks() = CheckResultToProto(result);
  proto.set_accepted(part.accepted);
  proto.set_closure_reason(ClosureReasonToProto(part.closure_reason));
  proto.set_reason(part.reason);
  return proto;
}

Assessment AssessmentFromProto(const v1::Assessment& proto, const std::string& field,
                               FieldViolations& violations) {
  Assessment assessment;
  for (int i = 0; i < proto.checks_size(); ++i) {
    assessment.checks.push_back(
        CheckResultFromProto(proto.checks(i), Indexed(Child(field, "checks"), i), violations));
  }
  assessment.closure_reason =
      ClosureReasonFromProto(proto.closure_reason(), Child(field, "closure_reason"), violations);
  assessment.accepted = proto.accepted();
  assessment.reason = proto.reason();
  assessment.assessor = proto.assessor();
  const std::string date_field = Child(field, "assessment_date");
  if (IsUnsetDate(proto.assessment_date())) {
    violations.Add(date_field, "required");
  } else if (auto date = DateFromProto(proto.assessment_date(), date_field, violations)) {
    assessment.assessment_date = *date;
  }
  assessment.assess_time = TimeFromProto(proto.assess_time());
  const std::string parts = Child(field, "organisations");
  for (int i = 0; i < proto.organisations_size(); ++i) {
    assessment.organisations.push_back(
        OrganisationAssessmentFromProto(proto.organisations(i), Indexed(parts, i), violations));
  }
  return assessment;
}

v1::Assessment AssessmentToProto(const Assessment& assessment) {
  v1::Assessment proto;
  for (const CheckResult& result : assessment.checks) {
    *proto.add_checks() = CheckResultToProto(result);
  }
  proto.set_closure_reason(ClosureReasonToProto(assessment.closure_reason));
  proto.set_accepted(assessment.accepted);
  proto.set_reason(assessment.reason);
  proto.set_assessor(assessment.assessor);
  *proto.mutable_assessment_date() = DateToProto(assessment.assessment_date);
  if (!IsNever(assessment.assess_time))
    *proto.mutable_assess_time() = TimeToProto(assessment.assess_time);
  for (const OrganisationAssessment& part : assessment.organisations) {
    *proto.add_organisations() = OrganisationAssessmentToProto(part);
  }
  return proto;
}

v1::AssessmentReview AssessmentReviewToProto(const AssessmentReview& review) {
  v1::AssessmentReview proto;
  proto.set_review_id(review.review_id);
  proto.set_assessment_number(review.assessment_number);
  proto.set_ground(AssessmentReviewGroundToProto(review.ground));
  proto.set_explanation(review.explanation);
  *proto.mutable_request_date() = DateToProto(review.request_date);
  if (!IsNever(review.request_time))
    *proto.mutable_request_time() = TimeToProto(review.request_time);
  proto.set_outcome(AssessmentReviewOutcomeToProto(review.outcome));
  proto.set_outcome_reason(review.outcome_reason);
  proto.set_reviewer(review.reviewer);
  if (review.decide_date) *proto.mutable_decide_date() = DateToProto(*review.decide_date);
  if (!IsNever(review.decide_time)) *proto.mutable_decide_time() = TimeToProto(review.decide_time);
  return proto;
}

}  // namespace redress::intake
