// Conversions between investigation's protos (redress.investigation.v1, redress.common.v1) and its
// domain types (investigation.h, investigation_logic.h). Client input is checked for what only the
// wire can get wrong -- a partly set or impossible date, an enum number the API does not define --
// and each problem is added to a FieldViolations under its request field path
// ("evidence.received_date"); nothing is silently normalised. Rules about meaning (required
// fields, lengths, the vocabulary, the state) are the logic's. Output-only fields of input
// messages are ignored.
//
// Two exceptions keep decoding cheap and paths true. A repeated field longer than its limit
// (narrative paragraphs 50 per section, complaint points 20, organisations 5, recommendations 50,
// complaint-handling findings one per principle, complaint types one per label) gets one violation
// on the list ("investigation.narrative.what_happened": "at most 50 paragraphs are allowed, not
// 10000") and decodes to an empty list, so a huge list costs one check. An entry that cannot be
// decoded keeps its place, so that the violations of later entries name their own index.
#pragma once

#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/timestamp.pb.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/errors.h"
#include "common/money.h"
#include "common/proto_time.h"
#include "redress/common/v1/date.pb.h"
#include "redress/common/v1/jurisdiction.pb.h"
#include "redress/common/v1/money.pb.h"
#include "redress/common/v1/recommendation.pb.h"
#include "redress/investigation/v1/case.pb.h"
#include "redress/investigation/v1/investigation.pb.h"
#include "services/investigation/investigation.h"
#include "services/investigation/investigation_logic.h"

namespace redress::investigation {

// --- Dates, times and money. ---

// DateFromProto, DateToProto, TimeFromProto and TimeToProto: common/proto_time.h.

// Carried as sent: the sign and the currency code are the logic's to check.
Money MoneyFromProto(const redress::common::v1::Money& proto);
redress::common::v1::Money MoneyToProto(const Money& money);

// --- Enums. Numbers the proto does not define are violations, never cast blindly. ---
// An UNSPECIFIED value converts to the domain's unspecified value: whether it is allowed is the
// logic's rule. An undefined number converts to the unspecified value too, with a violation, so
// that the logic's "is required" on the same field is not reported again.

Party PartyFromProto(int value, const std::string& field, FieldViolations& violations);
redress::common::v1::Party PartyToProto(Party party);
Jurisdiction JurisdictionFromProto(int value, const std::string& field,
                                   FieldViolations& violations);
redress::common::v1::Jurisdiction JurisdictionToProto(Jurisdiction jurisdiction);
RecommendationType RecommendationTypeFromProto(int value, const std::string& field,
                                               FieldViolations& violations);
redress::common::v1::RecommendationType RecommendationTypeToProto(RecommendationType type);
Beneficiary BeneficiaryFromProto(int value, const std::string& field, FieldViolations& violations);
redress::common::v1::Beneficiary BeneficiaryToProto(Beneficiary beneficiary);
CausalLink CausalLinkFromProto(int value, const std::string& field, FieldViolations& violations);
redress::investigation::v1::CausalLink CausalLinkToProto(CausalLink link);
Principle PrincipleFromProto(int value, const std::string& field, FieldViolations& violations);
redress::investigation::v1::Principle PrincipleToProto(Principle principle);
ReviewGround ReviewGroundFromProto(int value, const std::string& field,
                                   FieldViolations& violations);
redress::investigation::v1::ReviewGround ReviewGroundToProto(ReviewGround ground);
ReviewOutcome ReviewOutcomeFromProto(int value, const std::string& field,
                                     FieldViolations& violations);
redress::investigation::v1::ReviewOutcome ReviewOutcomeToProto(ReviewOutcome outcome);
// Output only: never decoded from a request.
redress::investigation::v1::Outcome OutcomeToProto(Outcome outcome);
redress::investigation::v1::InvestigationState InvestigationStateToProto(InvestigationState state);

// --- Messages a client sends. `field` is the path of the message in the request
// ("investigation.recommendations[0]"). ---

// `record_time` is ignored.
Finding FindingFromProto(const redress::investigation::v1::Finding& proto, const std::string& field,
                         FieldViolations& violations);
ComplaintHandlingFinding ComplaintHandlingFindingFromProto(
    const redress::investigation::v1::ComplaintHandlingFinding& proto, const std::string& field,
    FieldViolations& violations);
OrganisationInvestigated OrganisationInvestigatedFromProto(
    const redress::investigation::v1::OrganisationInvestigated& proto);
Narrative NarrativeFromProto(const redress::investigation::v1::Narrative& proto,
                             const std::string& field, FieldViolations& violations);
// Keeps `recommendation_id` (recommendations keep theirs on update). An unset amount is nullopt,
// an unset target date too (the logic reports it as required). `organisation` is kept as given;
// the logic checks it names an organisation investigated.
Recommendation RecommendationFromProto(const redress::investigation::v1::Recommendation& proto,
                                       const std::string& field, FieldViolations& violations);
ComplaintSnapshot ComplaintSnapshotFromProto(
    const redress::investigation::v1::ComplaintSnapshot& proto, const std::string& field,
    FieldViolations& violations);
// The caseworker's fields that UpdateInvestigation can change (narrative,
// complaint_handling_findings, complaint_types, organisations_investigated, location,
// recommendations) and `caseworker`; the id, state, snapshot, scope, points, evidence, holds,
// provisional view, decisions, reviews, etag and times are ignored.
Investigation InvestigationFromProto(const redress::investigation::v1::Investigation& proto,
                                     const std::string& field, FieldViolations& violations);

// --- Messages the service returns. The etag is resource_names.h's EtagOf(version). ---

redress::investigation::v1::Finding FindingToProto(const Finding& finding);
redress::investigation::v1::ComplaintPoint ComplaintPointToProto(const ComplaintPoint& point);
redress::investigation::v1::Scope ScopeToProto(const Scope& scope);
// With `parent` (the investigation's name) it has its resource name; without, none.
redress::investigation::v1::EvidenceItem EvidenceItemToProto(const EvidenceItem& item,
                                                             std::string_view parent = "");
// `resume_state` is not on the wire.
redress::investigation::v1::Hold HoldToProto(const Hold& hold);
redress::investigation::v1::ComplaintHandlingFinding ComplaintHandlingFindingToProto(
    const ComplaintHandlingFinding& finding);
redress::investigation::v1::OrganisationInvestigated OrganisationInvestigatedToProto(
    const OrganisationInvestigated& organisation);
redress::investigation::v1::Narrative NarrativeToProto(const Narrative& narrative);
redress::investigation::v1::Recommendation RecommendationToProto(
    const Recommendation& recommendation);
// With `parent` (the investigation's name) it has its resource name; without, none.
redress::investigation::v1::Comment CommentToProto(const Comment& comment,
                                                   std::string_view parent = "");
// `outdated` needs the investigation: InvestigationToProto sets it. `shared_content` and the
// commenters are not on the wire. `parent` names its comments (CommentToProto).
redress::investigation::v1::ProvisionalView ProvisionalViewToProto(const ProvisionalView& view,
                                                                   std::string_view parent = "");
redress::investigation::v1::FinalDecision FinalDecisionToProto(const FinalDecision& decision);
redress::investigation::v1::Review ReviewToProto(const Review& review);
redress::investigation::v1::ComplaintSnapshot ComplaintSnapshotToProto(
    const ComplaintSnapshot& snapshot);
// `sequence` (the store's opening order) is not on the wire. Its evidence and comments have their
// resource names.
redress::investigation::v1::Investigation InvestigationToProto(const Investigation& investigation);
redress::investigation::v1::InvestigationEnding InvestigationEndingToProto(
    const InvestigationEnding& ending);
// The events remedy receives (the domain's record times are not in them).
redress::investigation::v1::DecisionIssuedEvent DecisionHandoffToProto(
    const DecisionHandoff& handoff);
redress::investigation::v1::DecisionReopenedEvent ReopeningHandoffToProto(
    const ReopeningHandoff& handoff);
redress::investigation::v1::InvestigationEndedEvent EndHandoffToProto(const EndHandoff& handoff);

// --- Requests. Field paths are the request's own ("scope.agreed_date", "points",
// "evidence.source"); the fingerprint of an idempotent command is the adapter's to set. ---

AgreeScopeCommand AgreeScopeCommandFromProto(
    const redress::investigation::v1::AgreeScopeRequest& request, FieldViolations& violations);
LogEvidenceCommand LogEvidenceCommandFromProto(
    const redress::investigation::v1::LogEvidenceRequest& request, FieldViolations& violations);
PutOnHoldCommand PutOnHoldCommandFromProto(
    const redress::investigation::v1::PutOnHoldRequest& request, FieldViolations& violations);
ResumeCommand ResumeCommandFromProto(
    const redress::investigation::v1::ResumeInvestigationRequest& request,
    FieldViolations& violations);
RecordFindingCommand RecordFindingCommandFromProto(
    const redress::investigation::v1::RecordFindingRequest& request, FieldViolations& violations);
ShareProvisionalViewCommand ShareProvisionalViewCommandFromProto(
    const redress::investigation::v1::ShareProvisionalViewRequest& request,
    FieldViolations& violations);
LogCommentCommand LogCommentCommandFromProto(
    const redress::investigation::v1::LogCommentRequest& request, FieldViolations& violations);
IssueFinalDecisionCommand IssueFinalDecisionCommandFromProto(
    const redress::investigation::v1::IssueFinalDecisionRequest& request,
    FieldViolations& violations);
RequestReviewCommand RequestReviewCommandFromProto(
    const redress::investigation::v1::RequestReviewRequest& request, FieldViolations& violations);
DecideReviewCommand DecideReviewCommandFromProto(
    const redress::investigation::v1::DecideReviewRequest& request, FieldViolations& violations);
EndInvestigationCommand EndInvestigationCommandFromProto(
    const redress::investigation::v1::WithdrawInvestigationRequest& request,
    FieldViolations& violations);
EndInvestigationCommand EndInvestigationCommandFromProto(
    const redress::investigation::v1::DiscontinueInvestigationRequest& request,
    FieldViolations& violations);

ListRequest ListRequestFromProto(
    const redress::investigation::v1::ListInvestigationsRequest& request);

// The paths of `mask`, unchanged (the logic validates them).
std::vector<std::string> MaskPaths(const google::protobuf::FieldMask& mask);

// The violations of `all` that concern fields an update changes: those at or under
// "`field`.<path>" for a path of `mask`. Fields outside the mask are ignored by an update, so
// their values cannot be wrong. A "*" path keeps everything.
FieldViolations MaskedViolations(const FieldViolations& all, const std::string& field,
                                 const google::protobuf::FieldMask& mask);

}  // namespace redress::investigation
