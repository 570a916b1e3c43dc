// Money and enum conversions of proto_convert.h. The domain enums share the proto's numbers
// (checked below at compile time), so a value is converted by number once the proto says the
// number is defined.
#include <string>

#include "absl/strings/str_cat.h"
#include "services/remedy/api/proto_convert.h"

namespace redress::remedy {
namespace {

namespace v1 = ::redress::remedy::v1;
namespace common_v1 = ::redress::common::v1;

#define REDRESS_SAME_NUMBER(domain, proto) \
  static_assert(static_cast<int>(domain) == static_cast<int>(proto), #domain " != " #proto)

REDRESS_SAME_NUMBER(RecommendationType::kApology, common_v1::RECOMMENDATION_TYPE_APOLOGY);
REDRESS_SAME_NUMBER(RecommendationType::kFinancialLoss,
                    common_v1::RECOMMENDATION_TYPE_FINANCIAL_LOSS);
REDRESS_SAME_NUMBER(RecommendationType::kNonFinancialLoss,
                    common_v1::RECOMMENDATION_TYPE_NON_FINANCIAL_LOSS);
REDRESS_SAME_NUMBER(RecommendationType::kPutThingsRight,
                    common_v1::RECOMMENDATION_TYPE_PUT_THINGS_RIGHT);
REDRESS_SAME_NUMBER(RecommendationType::kLearnLessons,
                    common_v1::RECOMMENDATION_TYPE_LEARN_LESSONS);

REDRESS_SAME_NUMBER(Beneficiary::kComplainant, common_v1::BENEFICIARY_COMPLAINANT);
REDRESS_SAME_NUMBER(Beneficiary::kOtherPerson, common_v1::BENEFICIARY_OTHER_PERSON);
REDRESS_SAME_NUMBER(Beneficiary::kServiceUsers, common_v1::BENEFICIARY_SERVICE_USERS);

REDRESS_SAME_NUMBER(RecommendationState::kAwaitingResponse,
                    v1::RECOMMENDATION_STATE_AWAITING_RESPONSE);
REDRESS_SAME_NUMBER(RecommendationState::kAccepted, v1::RECOMMENDATION_STATE_ACCEPTED);
REDRESS_SAME_NUMBER(RecommendationState::kDisputed, v1::RECOMMENDATION_STATE_DISPUTED);
REDRESS_SAME_NUMBER(RecommendationState::kOverdue, v1::RECOMMENDATION_STATE_OVERDUE);
REDRESS_SAME_NUMBER(RecommendationState::kChased, v1::RECOMMENDATION_STATE_CHASED);
REDRESS_SAME_NUMBER(RecommendationState::kEscalated, v1::RECOMMENDATION_STATE_ESCALATED);
REDRESS_SAME_NUMBER(RecommendationState::kComplied, v1::RECOMMENDATION_STATE_COMPLIED);
REDRESS_SAME_NUMBER(RecommendationState::kDeclined, v1::RECOMMENDATION_STATE_DECLINED);
REDRESS_SAME_NUMBER(RecommendationState::kNotComplied, v1::RECOMMENDATION_STATE_NOT_COMPLIED);
REDRESS_SAME_NUMBER(RecommendationState::kSuperseded, v1::RECOMMENDATION_STATE_SUPERSEDED);
REDRESS_SAME_NUMBER(RecommendationState::kHeld, v1::RECOMMENDATION_STATE_HELD);
REDRESS_SAME_NUMBER(RecommendationState::kCancelled, v1::RECOMMENDATION_STATE_CANCELLED);

REDRESS_SAME_NUMBER(OrganisationPosition::kAccepted, v1::ORGANISATION_POSITION_ACCEPTED);
REDRESS_SAME_NUMBER(OrganisationPosition::kDisputed, v1::ORGANISATION_POSITION_DISPUTED);

REDRESS_SAME_NUMBER(FollowUpAction::kMarkOverdue, v1::FOLLOW_UP_ACTION_MARK_OVERDUE);
REDRESS_SAME_NUMBER(FollowUpAction::kChase, v1::FOLLOW_UP_ACTION_CHASE);
REDRESS_SAME_NUMBER(FollowUpAction::kEscalate, v1::FOLLOW_UP_ACTION_ESCALATE);
REDRESS_SAME_NUMBER(FollowUpAction::kRecordNotComplied, v1::FOLLOW_UP_ACTION_RECORD_NOT_COMPLIED);

REDRESS_SAME_NUMBER(Jurisdiction::kUnspecified, common_v1::JURISDICTION_UNSPECIFIED);
REDRESS_SAME_NUMBER(Jurisdiction::kParliamentary, common_v1::JURISDICTION_PARLIAMENTARY);
REDRESS_SAME_NUMBER(Jurisdiction::kHealth, common_v1::JURISDICTION_HEALTH);

#undef REDRESS_SAME_NUMBER

// The domain value numbered `value` when the proto enum (checked by `is_valid`) defines it and it
// is not UNSPECIFIED (0); otherwise a violation and `fallback`.
template <typename Domain>
Domain RequiredByNumber(int value, bool (*is_valid)(int), Domain fallback, const std::string& field,
                        FieldViolations& violations) {
  if (value == 0) {
    violations.Add(field, "is required");
    return fallback;
  }
  if (!is_valid(value)) {
    violations.Add(field, absl::StrCat("unknown value ", value));
    return fallback;
  }
  return static_cast<Domain>(value);
}

}  // namespace

Money MoneyFromProto(const common_v1::Money& proto) {
  return Money{proto.amount_minor(), proto.currency_code()};
}

common_v1::Money MoneyToProto(const Money& money) {
  common_v1::Money proto;
  proto.set_amount_minor(money.amount_minor);
  proto.set_currency_code(money.currency_code);
  return proto;
}

RecommendationType RecommendationTypeFromProto(int value, const std::string& field,
                                               FieldViolations& violations) {
  return RequiredByNumber(value, common_v1::RecommendationType_IsValid,
                          RecommendationType::kApology, field, violations);
}
common_v1::RecommendationType RecommendationTypeToProto(RecommendationType type) {
  return static_cast<common_v1::RecommendationType>(type);
}

Beneficiary BeneficiaryFromProto(int value, const std::string& field, FieldViolations& violations) {
  return RequiredByNumber(value, common_v1::Beneficiary_IsValid, Beneficiary::kComplainant, field,
                          violations);
}
common_v1::Beneficiary BeneficiaryToProto(Beneficiary beneficiary) {
  return static_cast<common_v1::Beneficiary>(beneficiary);
}

v1::RecommendationState RecommendationStateToProto(RecommendationState state) {
  return static_cast<v1::RecommendationState>(state);
}

v1::OrganisationPosition OrganisationPositionToProto(OrganisationPosition position) {
  return static_cast<v1::OrganisationPosition>(position);
}

v1::FollowUpAction FollowUpActionToProto(FollowUpAction action) {
  return static_cast<v1::FollowUpAction>(action);
}

common_v1::Jurisdiction JurisdictionToProto(Jurisdiction jurisdiction) {
  return static_cast<common_v1::Jurisdiction>(jurisdiction);
}

}  // namespace redress::remedy
