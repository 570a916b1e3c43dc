// Conversions between remedy's protos (redress.remedy.v1, and the DecisionIssuedEvent of
// redress.investigation.v1 it receives) and its domain types (recommendation.h, remedy_logic.h).
// Client input is checked for what only the wire can get wrong -- a partly set or impossible date,
// an enum number the API does not define, a resource name of the wrong collection -- and each
// problem is added to a FieldViolations under its request field path ("evidence.completion_date");
// nothing is silently normalised. Rules about meaning (required text, lengths, dates in the
// future, the state) are the logic's. Output-only fields of input messages are ignored.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/errors.h"
#include "common/money.h"
#include "redress/common/v1/jurisdiction.pb.h"
#include "redress/common/v1/money.pb.h"
#include "redress/common/v1/recommendation.pb.h"
#include "redress/remedy/v1/case_summary.pb.h"
#include "redress/remedy/v1/recommendation.pb.h"
#include "redress/remedy/v1/remedy.pb.h"
#include "services/remedy/anonymisation_guard.h"
#include "services/remedy/apply_change.h"  // the collections ("recommendations/")
#include "services/remedy/recommendation.h"
#include "services/remedy/remedy_logic.h"

namespace redress::remedy {

// A decision hands over at most this many recommendations (investigation's own limit); a longer
// list is one violation on "event.recommendations" and decodes to none.
inline constexpr int kMaxRecommendationsPerDecision = 50;
// And at most this many organisations investigated.
inline constexpr int kMaxOrganisationsPerDecision = 5;

// --- Money and enums. Numbers the proto does not define are violations, never cast blindly. ---

// Carried as sent: the sign and the currency code are the logic's to check.
Money MoneyFromProto(const redress::common::v1::Money& proto);
redress::common::v1::Money MoneyToProto(const Money& money);

// The domain has no unspecified type or beneficiary: UNSPECIFIED adds "is required" on `field`
// and an undefined number "unknown value N"; either returns the first value, which the caller
// must not use once a violation is listed.
RecommendationType RecommendationTypeFromProto(int value, const std::string& field,
                                               FieldViolations& violations);
redress::common::v1::RecommendationType RecommendationTypeToProto(RecommendationType type);
Beneficiary BeneficiaryFromProto(int value, const std::string& field, FieldViolations& violations);
redress::common::v1::Beneficiary BeneficiaryToProto(Beneficiary beneficiary);
// Output only: never decoded from a request.
redress::remedy::v1::RecommendationState RecommendationStateToProto(RecommendationState state);
redress::remedy::v1::OrganisationPosition OrganisationPositionToProto(
    OrganisationPosition position);
redress::remedy::v1::FollowUpAction FollowUpActionToProto(FollowUpAction action);
redress::common::v1::Jurisdiction JurisdictionToProto(Jurisdiction jurisdiction);

// --- Messages the service returns. ---

redress::remedy::v1::FollowUpStep FollowUpStepToProto(const FollowUpStep& step);
// `follow_up` is RemedyLogic::FollowUpOf(recommendation): the steps taken, then those planned.
// compliance.on_time is TimingOf(recommendation) == kOnTime (state_history.h); the etag is
// EtagOf(version) (common/resource_names.h); state_history is the history, oldest first; the
// reschedule history is not on the wire.
redress::remedy::v1::Recommendation RecommendationToProto(
    const Recommendation& recommendation, const std::vector<FollowUpStep>& follow_up);
redress::remedy::v1::DueAction DueActionToProto(const DueAction& action);
redress::remedy::v1::ComplianceReport ComplianceReportToProto(const ComplianceReport& report);
redress::remedy::v1::NonCompliance NonComplianceToProto(const NonCompliance& entry);
redress::remedy::v1::ListNonComplianceResponse NonCompliancePageToProto(
    const NonCompliancePage& page);
// Named "caseSummaries/{investigation_id}"; publish_time unset for a rendering.
redress::remedy::v1::CaseSummary CaseSummaryToProto(const CaseSummary& summary);
redress::remedy::v1::AnonymisationIssue AnonymisationIssueToProto(const PersonalDataHit& hit);
// The hit with its issue_id and, when acknowledged, its acknowledgement (reason, caseworker,
// time).
redress::remedy::v1::AnonymisationIssue IssueToProto(const AnonymisationIssue& issue);

// --- Requests. Field paths are the request's own ("response_date", "evidence.completion_date",
// "event.recommendations[0].target_date"). Names the logic parses ("recommendations/{id}") are
// passed through unchanged. ---

// The decision hand-off. Ids are taken from their resource names (ParseResourceName,
// common/resource_names.h): "event.investigation" ("investigations/{id}", required) and each
// "organisations/{id}" (a recommendation's may be empty: the first organisation investigated).
// The decision date and each recommendation's target date, type and beneficiary are required
// here, as the command has no "unset" for them.
// A recommendation or organisation list longer than its limit is one violation on the list and
// decodes to none; an entry that cannot be decoded keeps its place. `fingerprint` is left empty:
// the adapter sets it (common/request_fingerprint.h).
ReceiveDecisionCommand ReceiveDecisionCommandFromProto(
    const redress::remedy::v1::ReceiveDecisionRequest& request, FieldViolations& violations);

// The reopening hand-off: "event.investigation" as for a decision; reopen_date optional.
// `fingerprint` is left empty, as for a decision.
ReceiveReopeningCommand ReceiveReopeningCommandFromProto(
    const redress::remedy::v1::ReceiveReopeningRequest& request, FieldViolations& violations);
// The end hand-off: `ending` set for INVESTIGATION_STATE_WITHDRAWN and DISCONTINUED only (the
// logic refuses the others); a number the enum does not define is a violation on "event.state".
ReceiveInvestigationEndCommand ReceiveInvestigationEndCommandFromProto(
    const redress::remedy::v1::ReceiveInvestigationEndRequest& request,
    FieldViolations& violations);

ListRequest ListRequestFromProto(const redress::remedy::v1::ListRecommendationsRequest& request);
// Position ACCEPTED; note from `note`.
RespondCommand RespondCommandFromProto(
    const redress::remedy::v1::AcceptRecommendationRequest& request, FieldViolations& violations);
// Position DISPUTED; note from `reason`.
RespondCommand RespondCommandFromProto(
    const redress::remedy::v1::DisputeRecommendationRequest& request, FieldViolations& violations);
RecordComplianceCommand RecordComplianceCommandFromProto(
    const redress::remedy::v1::RecordComplianceRequest& request, FieldViolations& violations);
DeclineCommand DeclineCommandFromProto(
    const redress::remedy::v1::DeclineRecommendationRequest& request, FieldViolations& violations);
RescheduleCommand RescheduleCommandFromProto(
    const redress::remedy::v1::RescheduleRecommendationRequest& request,
    FieldViolations& violations);
DueActionsRequest DueActionsRequestFromProto(
    const redress::remedy::v1::ListDueActionsRequest& request, FieldViolations& violations);
// Every field as sent; the logic validates them.
AcknowledgeIssueCommand AcknowledgeIssueCommandFromProto(
    const redress::remedy::v1::AcknowledgeAnonymisationIssueRequest& request);
NonComplianceRequest NonComplianceRequestFromProto(
    const redress::remedy::v1::ListNonComplianceRequest& request, FieldViolations& violations);

}  // namespace redress::remedy
