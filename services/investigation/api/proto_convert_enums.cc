// Enum conversions of proto_convert.h. The domain enums share the proto's numbers (checked below
// at compile time), so a value is converted by number once the proto says the number is defined.

#include "absl/strings/str_cat.h"
#include "services/investigation/api/proto_convert.h"

namespace redress::investigation {
namespace {

namespace v1 = ::redress::investigation::v1;
namespace common_v1 = ::redress::common::v1;

#define REDRESS_SAME_NUMBER(domain, proto) \
  static_assert(static_cast<int>(domain) == static_cast<int>(proto), #domain " != " #proto)

REDRESS_SAME_NUMBER(InvestigationState::kUnassigned, v1::INVESTIGATION_STATE_UNASSIGNED);
REDRESS_SAME_NUMBER(InvestigationState::kAssigned, v1::INVESTIGATION_STATE_ASSIGNED);
REDRESS_SAME_NUMBER(InvestigationState::kInvestigating, v1::INVESTIGATION_STATE_INVESTIGATING);
REDRESS_SAME_NUMBER(InvestigationState::kOnHold, v1::INVESTIGATION_STATE_ON_HOLD);
REDRESS_SAME_NUMBER(InvestigationState::kProvisionalViewShared,
                    v1::INVESTIGATION_STATE_PROVISIONAL_VIEW_SHARED);
REDRESS_SAME_NUMBER(InvestigationState::kDecided, v1::INVESTIGATION_STATE_DECIDED);
REDRESS_SAME_NUMBER(InvestigationState::kUnderReview, v1::INVESTIGATION_STATE_UNDER_REVIEW);
REDRESS_SAME_NUMBER(InvestigationState::kWithdrawn, v1::INVESTIGATION_STATE_WITHDRAWN);
REDRESS_SAME_NUMBER(InvestigationState::kDiscontinued, v1::INVESTIGATION_STATE_DISCONTINUED);

REDRESS_SAME_NUMBER(Outcome::kUnspecified, v1::OUTCOME_UNSPECIFIED);
REDRESS_SAME_NUMBER(Outcome::kUpheld, v1::OUTCOME_UPHELD);
REDRESS_SAME_NUMBER(Outcome::kPartlyUpheld, v1::OUTCOME_PARTLY_UPHELD);
REDRESS_SAME_NUMBER(Outcome::kNotUpheld, v1::OUTCOME_NOT_UPHELD);

REDRESS_SAME_NUMBER(CausalLink::kUnspecified, v1::CAUSAL_LINK_UNSPECIFIED);
REDRESS_SAME_NUMBER(CausalLink::kCaused, v1::CAUSAL_LINK_CAUSED);
REDRESS_SAME_NUMBER(CausalLink::kNotCaused, v1::CAUSAL_LINK_NOT_CAUSED);
REDRESS_SAME_NUMBER(CausalLink::kCannotBeShown, v1::CAUSAL_LINK_CANNOT_BE_SHOWN);

REDRESS_SAME_NUMBER(Party::kUnspecified, common_v1::PARTY_UNSPECIFIED);
REDRESS_SAME_NUMBER(Party::kComplainant, common_v1::PARTY_COMPLAINANT);
REDRESS_SAME_NUMBER(Party::kOrganisation, common_v1::PARTY_ORGANISATION);
REDRESS_SAME_NUMBER(Party::kOther, common_v1::PARTY_OTHER);

REDRESS_SAME_NUMBER(Jurisdiction::kUnspecified, common_v1::JURISDICTION_UNSPECIFIED);
REDRESS_SAME_NUMBER(Jurisdiction::kParliamentary, common_v1::JURISDICTION_PARLIAMENTARY);
REDRESS_SAME_NUMBER(Jurisdiction::kHealth, common_v1::JURISDICTION_HEALTH);

REDRESS_SAME_NUMBER(RecommendationType::kUnspecified, common_v1::RECOMMENDATION_TYPE_UNSPECIFIED);
REDRESS_SAME_NUMBER(RecommendationType::kApology, common_v1::RECOMMENDATION_TYPE_APOLOGY);
REDRESS_SAME_NUMBER(RecommendationType::kFinancialLoss,
                    common_v1::RECOMMENDATION_TYPE_FINANCIAL_LOSS);
REDRESS_SAME_NUMBER(RecommendationType::kNonFinancialLoss,
                    common_v1::RECOMMENDATION_TYPE_NON_FINANCIAL_LOSS);
REDRESS_SAME_NUMBER(RecommendationType::kPutThingsRight,
                    common_v1::RECOMMENDATION_TYPE_PUT_THINGS_RIGHT);
REDRESS_SAME_NUMBER(RecommendationType::kLearnLessons,
                    common_v1::RECOMMENDATION_TYPE_LEARN_LESSONS);

REDRESS_SAME_NUMBER(Beneficiary::kUnspecified, common_v1::BENEFICIARY_UNSPECIFIED);
REDRESS_SAME_NUMBER(Beneficiary::kComplainant, common_v1::BENEFICIARY_COMPLAINANT);
REDRESS_SAME_NUMBER(Beneficiary::kOtherPerson, common_v1::BENEFICIARY_OTHER_PERSON);
REDRESS_SAME_NUMBER(Beneficiary::kServiceUsers, common_v1::BENEFICIARY_SERVICE_USERS);

REDRESS_SAME_NUMBER(Principle::kUnspecified, v1::PRINCIPLE_UNSPECIFIED);
REDRESS_SAME_NUMBER(Principle::kGettingItRight, v1::PRINCIPLE_GETTING_IT_RIGHT);
REDRESS_SAME_NUMBER(Principle::kBeingCustomerFocused, v1::PRINCIPLE_BEING_CUSTOMER_FOCUSED);
REDRESS_SAME_NUMBER(Principle::kBeingOpenAndAccountable, v1::PRINCIPLE_BEING_OPEN_AND_ACCOUNTABLE);
REDRESS_SAME_NUMBER(Principle::kActingFairlyAndProportionately,
                    v1::PRINCIPLE_ACTING_FAIRLY_AND_PROPORTIONATELY);
REDRESS_SAME_NUMBER(Principle::kPuttingThingsRight, v1::PRINCIPLE_PUTTING_THINGS_RIGHT);
REDRESS_SAME_NUMBER(Principle::kSeekingContinuousImprovement,
                    v1::PRINCIPLE_SEEKING_CONTINUOUS_IMPROVEMENT);

REDRESS_SAME_NUMBER(ReviewGround::kUnspecified, v1::REVIEW_GROUND_UNSPECIFIED);
REDRESS_SAME_NUMBER(ReviewGround::kFactsWrong, v1::REVIEW_GROUND_FACTS_WRONG);
REDRESS_SAME_NUMBER(ReviewGround::kNewInformation, v1::REVIEW_GROUND_NEW_INFORMATION);
REDRESS_SAME_NUMBER(ReviewGround::kPartOverlooked, v1::REVIEW_GROUND_PART_OVERLOOKED);

REDRESS_SAME_NUMBER(ReviewOutcome::kUnspecified, v1::REVIEW_OUTCOME_UNSPECIFIED);
REDRESS_SAME_NUMBER(ReviewOutcome::kDecisionStands, v1::REVIEW_OUTCOME_DECISION_STANDS);
REDRESS_SAME_NUMBER(ReviewOutcome::kReopened, v1::REVIEW_OUTCOME_REOPENED);

#undef REDRESS_SAME_NUMBER

// The domain value numbered `value`, or the domain's unspecified value (0) with a violation when
// the proto enum (checked by `is_valid`) does not define `value`.
template <typename Domain>
Domain ByNumber(int value, bool (*is_valid)(int), const std::string& field,
                FieldViolations& violations) {
  if (!is_valid(value)) {
    violations.Add(field, absl::StrCat("unknown value ", value));
    return static_cast<Domain>(0);
  }
  return static_cast<Domain>(value);
}

}  // namespace

Party PartyFromProto(int value, const std::string& field, FieldViolations& violations) {
  return ByNumber<Party>(value, common_v1::Party_IsValid, field, violations);
}
common_v1::Party PartyToProto(Party party) { return static_cast<common_v1::Party>(party); }

Jurisdiction JurisdictionFromProto(int value, const std::string& field,
                                   FieldViolations& violations) {
  return ByNumber<Jurisdiction>(value, common_v1::Jurisdiction_IsValid, field, violations);
}
common_v1::Jurisdiction JurisdictionToProto(Jurisdiction jurisdiction) {
  return static_cast<common_v1::Jurisdiction>(jurisdiction);
}

RecommendationType RecommendationTypeFromProto(int value, const std::string& field,
                                               FieldViolations& violations) {
  return ByNumber<RecommendationType>(value, common_v1::RecommendationType_IsValid, field,
                                      violations);
}
common_v1::RecommendationType RecommendationTypeToProto(RecommendationType type) {
  return static_cast<common_v1::RecommendationType>(type);
}

Beneficiary BeneficiaryFromProto(int value, const std::string& field, FieldViolations& violations) {
  return ByNumber<Beneficiary>(value, common_v1::Beneficiary_IsValid, field, violations);
}
common_v1::Beneficiary BeneficiaryToProto(Beneficiary beneficiary) {
  return static_cast<common_v1::Beneficiary>(beneficiary);
}

CausalLink CausalLinkFromProto(int value, const std::string& field, FieldViolations& violations) {
  return ByNumber<CausalLink>(value, v1::CausalLink_IsValid, field, violations);
}
v1::CausalLink CausalLinkToProto(CausalLink link) { return static_cast<v1::CausalLink>(link); }

Principle PrincipleFromProto(int value, const std::string& field, FieldViolations& violations) {
  return ByNumber<Principle>(value, v1::Principle_IsValid, field, violations);
}
v1::Principle PrincipleToProto(Principle principle) {
  return static_cast<v1::Principle>(principle);
}

ReviewGround ReviewGroundFromProto(int value, const std::string& field,
                                   FieldViolations& violations) {
  return ByNumber<ReviewGround>(value, v1::ReviewGround_IsValid, field, violations);
}
v1::ReviewGround ReviewGroundToProto(ReviewGround ground) {
  return static_cast<v1::ReviewGround>(ground);
}

ReviewOutcome ReviewOutcomeFromProto(int value, const std::string& field,
                                     FieldViolations& violations) {
  return ByNumber<ReviewOutcome>(value, v1::ReviewOutcome_IsValid, field, violations);
}
v1::ReviewOutcome ReviewOutcomeToProto(ReviewOutcome outcome) {
  return static_cast<v1::ReviewOutcome>(outcome);
}

v1::Outcome OutcomeToProto(Outcome outcome) { return static_cast<v1::Outcome>(outcome); }

v1::InvestigationState InvestigationStateToProto(InvestigationState state) {
  return static_cast<v1::InvestigationState>(state);
}

}  // namespace redress::investigation
