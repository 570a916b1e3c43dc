// Date, time and money conversions of proto_convert.h, and those of the parts of an investigation.
// The enums are in proto_convert_enums.cc, the snapshot, the whole investigation and the hand-off
// in proto_convert_investigation.cc, the requests in proto_convert_requests.cc.
#include "services/investigation/api/proto_convert.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/investigation/api/proto_convert_internal.h"
#include "services/investigation/investigation_validation.h"

namespace redress::investigation {
namespace {

namespace v1 = ::redress::investigation::v1;
namespace common_v1 = ::redress::common::v1;

using proto_convert_internal::Child;
using proto_convert_internal::IsNever;
using proto_convert_internal::StringsFromProto;

std::vector<std::string> ParagraphsFromProto(
    const google::protobuf::RepeatedPtrField<std::string>& paragraphs, const std::string& field,
    FieldViolations& violations) {
  return StringsFromProto(paragraphs, kMaxParagraphs, "paragraphs", field, violations);
}

}  // namespace

// --- Dates, times and money. ---

Money MoneyFromProto(const common_v1::Money& proto) {
  return Money{proto.amount_minor(), proto.currency_code()};
}

common_v1::Money MoneyToProto(const Money& money) {
  common_v1::Money proto;
  proto.set_amount_minor(money.amount_minor);
  proto.set_currency_code(money.currency_code);
  return proto;
}

// --- Parts a client sends. ---

Finding FindingFromProto(const v1::Finding& proto, const std::string& field,
                         FieldViolations& violations) {
  Finding finding;
  finding.failing = proto.failing();
  finding.injustice = proto.injustice();
  finding.causal_link =
      CausalLinkFromProto(proto.causal_link(), Child(field, "causal_link"), violations);
  finding.reasoning = proto.reasoning();
  return finding;
}

ComplaintHandlingFinding ComplaintHandlingFindingFromProto(
    const v1::ComplaintHandlingFinding& proto, const std::string& field,
    FieldViolations& violations) {
  ComplaintHandlingFinding finding;
  finding.principle = PrincipleFromProto(proto.principle(), Child(field, "principle"), violations);
  finding.met = proto.met();
  finding.finding = proto.finding();
  return finding;
}

OrganisationInvestigated OrganisationInvestigatedFromProto(
    const v1::OrganisationInvestigated& proto) {
  return OrganisationInvestigated{proto.organisation(), proto.published_name()};
}

Narrative NarrativeFromProto(const v1::Narrative& proto, const std::string& field,
                             FieldViolations& violations) {
  Narrative narrative;
  narrative.introduction =
      ParagraphsFromProto(proto.introduction(), Child(field, "introduction"), violations);
  narrative.what_happened =
      ParagraphsFromProto(proto.what_happened(), Child(field, "what_happened"), violations);
  narrative.what_we_found =
      ParagraphsFromProto(proto.what_we_found(), Child(field, "what_we_found"), violations);
  narrative.putting_it_right =
      ParagraphsFromProto(proto.putting_it_right(), Child(field, "putting_it_right"), violations);
  return narrative;
}

Recommendation RecommendationFromProto(const v1::Recommendation& proto, const std::string& field,
                                       FieldViolations& violations) {
  Recommendation recommendation;
  recommendation.recommendation_id = proto.recommendation_id();
  recommendation.type = RecommendationTypeFromProto(proto.type(), Child(field, "type"), violations);
  recommendation.beneficiary =
      BeneficiaryFromProto(proto.beneficiary(), Child(field, "beneficiary"), violations);
  recommendation.description = proto.description();
  if (proto.has_amount()) recommendation.amount = MoneyFromProto(proto.amount());
  recommendation.target_date =
      DateFromProto(proto.target_date(), Child(field, "target_date"), violations);
  recommendation.organisation = proto.organisation();
  return recommendation;
}

// --- Parts the service returns. ---

v1::Finding FindingToProto(const Finding& finding) {
  v1::Finding proto;
  proto.set_failing(finding.failing);
  proto.set_injustice(finding.injustice);
  proto.set_causal_link(CausalLinkToProto(finding.causal_link));
  proto.set_reasoning(finding.reasoning);
  if (!IsNever(finding.record_time))
    *proto.mutable_record_time() = TimeToProto(finding.record_time);
  return proto;
}

v1::ComplaintPoint ComplaintPointToProto(const ComplaintPoint& point) {
  v1::ComplaintPoint proto;
  proto.set_point_id(point.point_id);
  proto.set_description(point.description);
  if (point.finding) *proto.mutable_finding() = FindingToProto(*point.finding);
  proto.set_outcome(OutcomeToProto(point.outcome));
  return proto;
}

v1::Scope ScopeToProto(const Scope& scope) {
  v1::Scope proto;
  proto.set_summary(scope.summary);
  *proto.mutable_agreed_date() = DateToProto(scope.agreed_date);
  proto.set_timescale_working_days(scope.timescale_working_days);
  *proto.mutable_target_date() = DateToProto(scope.target_date);
  return proto;
}

v1::EvidenceItem EvidenceItemToProto(const EvidenceItem& item, std::string_view parent) {
  v1::EvidenceItem proto;
  if (!parent.empty()) {
    proto.set_name(absl::StrCat(std::string(parent), "/evidence/", item.evidence_id));
  }
  proto.set_evidence_id(item.evidence_id);
  proto.set_description(item.description);
  proto.set_source(PartyToProto(item.source));
  *proto.mutable_received_date() = DateToProto(item.received_date);
  if (!IsNever(item.log_time)) *proto.mutable_log_time() = TimeToProto(item.log_time);
  return proto;
}

v1::Hold HoldToProto(const Hold& hold) {
  v1::Hold proto;
  proto.set_reason(hold.reason);
  *proto.mutable_start_date() = DateToProto(hold.start_date);
  if (hold.end_date) *proto.mutable_end_date() = DateToProto(*hold.end_date);
  return proto;
}

v1::ComplaintHandlingFinding ComplaintHandlingFindingToProto(
    const ComplaintHandlingFinding& finding) {
  v1::ComplaintHandlingFinding proto;
  proto.set_principle(PrincipleToProto(finding.principle));
  proto.set_met(finding.met);
  proto.set_finding(finding.finding);
  return proto;
}

v1::OrganisationInvestigated OrganisationInvestigatedToProto(
    const OrganisationInvestigated& organisation) {
  v1::OrganisationInvestigated proto;
  proto.set_organisation(organisation.organisation);
  proto.set_published_name(organisation.published_name);
  return proto;
}

v1::Narrative NarrativeToProto(const Narrative& narrative) {
  v1::Narrative proto;
  proto.mutable_introduction()->Add(narrative.introduction.begin(), narrative.introduction.end());
  proto.mutable_what_happened()->Add(narrative.what_happened.begin(),
                                     narrative.what_happened.end());
  proto.mutable_what_we_found()->Add(narrative.what_we_found.begin(),
                                     narrative.what_we_found.end());
  proto.mutable_putting_it_right()->Add(narrative.putting_it_right.begin(),
                                        narrative.putting_it_right.end());
  return proto;
}

v1::Recommendation RecommendationToProto(const Recommendation& recommendation) {
  v1::Recommendation proto;
  proto.set_recommendation_id(recommendation.recommendation_id);
  proto.set_type(RecommendationTypeToProto(recommendation.type));
  proto.set_beneficiary(BeneficiaryToProto(recommendation.beneficiary));
  proto.set_description(recommendation.description);
  if (recommendation.amount) *proto.mutable_amount() = MoneyToProto(*recommendation.amount);
  if (recommendation.target_date) {
    *proto.mutable_target_date() = DateToProto(*recommendation.target_date);
  }
  proto.set_organisation(recommendation.organisation);
  return proto;
}

v1::Comment CommentToProto(const Comment& comment, std::string_view parent) {
  v1::Comment proto;
  if (!parent.empty()) {
    proto.set_name(absl::StrCat(std::string(parent), "/comments/", comment.comment_id));
  }
  proto.set_comment_id(comment.comment_id);
  proto.set_party(PartyToProto(comment.party));
  proto.set_text(comment.text);
  proto.set_organisation(comment.organisation);
  proto.set_view_revision(comment.view_revision);
  *proto.mutable_received_date() = DateToProto(comment.received_date);
  if (!IsNever(comment.log_time)) *proto.mutable_log_time() = TimeToProto(comment.log_time);
  return proto;
}

v1::ProvisionalView ProvisionalViewToProto(const ProvisionalView& view, std::string_view parent) {
  v1::ProvisionalView proto;
  *proto.mutable_share_date() = DateToProto(view.share_date);
  proto.set_comment_period_working_days(view.comment_period_working_days);
  *proto.mutable_comment_deadline() = DateToProto(view.comment_deadline);
  for (const Comment& comment : view.comments) {
    *proto.add_comments() = CommentToProto(comment, parent);
  }
  proto.set_revision(view.revision);
  proto.set_comment_count(view.comment_count);
  return proto;
}

v1::FinalDecision FinalDecisionToProto(const FinalDecision& decision) {
  v1::FinalDecision proto;
  proto.set_decision(OutcomeToProto(decision.decision));
  *proto.mutable_decision_date() = DateToProto(decision.decision_date);
  if (!IsNever(decision.issue_time)) *proto.mutable_issue_time() = TimeToProto(decision.issue_time);
  proto.set_sequence(decision.sequence);
  return proto;
}

v1::InvestigationEnding InvestigationEndingToProto(const InvestigationEnding& ending) {
  v1::InvestigationEnding proto;
  proto.set_reason(ending.reason);
  *proto.mutable_end_date() = DateToProto(ending.end_date);
  if (!IsNever(ending.record_time)) *proto.mutable_record_time() = TimeToProto(ending.record_time);
  return proto;
}

v1::Review ReviewToProto(const Review& review) {
  v1::Review proto;
  proto.set_review_id(review.review_id);
  proto.set_requested_by(PartyToProto(review.requested_by));
  proto.set_ground(ReviewGroundToProto(review.ground));
  proto.set_explanation(review.explanation);
  *proto.mutable_request_date() = DateToProto(review.request_date);
  proto.set_outcome(ReviewOutcomeToProto(review.outcome));
  proto.set_outcome_reason(review.outcome_reason);
  if (review.decide_date) *proto.mutable_decide_date() = DateToProto(*review.decide_date);
  proto.set_decision_sequence(review.decision_sequence);
  return proto;
}

}  // namespace redress::investigation
