#include "services/investigation/store/handoff_payload.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <variant>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/status_macros.h"
#include "redress/investigation/v1/case.pb.h"

namespace redress::investigation {
namespace {

namespace v1 = ::redress::investigation::v1;
namespace common = ::redress::common::v1;

void SetDate(absl::CivilDay day, common::Date* date) {
  date->set_year(static_cast<int32_t>(day.year()));
  date->set_month(day.month());
  date->set_day(day.day());
}

// An all-zero (unset) Date is nullopt.
std::optional<absl::CivilDay> GetDate(const common::Date& date) {
  if (date.year() == 0 && date.month() == 0 && date.day() == 0) return std::nullopt;
  return absl::CivilDay(date.year(), date.month(), date.day());
}

void SetTime(absl::Time time, google::protobuf::Timestamp* timestamp) {
  const int64_t seconds = absl::ToUnixSeconds(time);  // floors, so the nanos are not negative
  timestamp->set_seconds(seconds);
  timestamp->set_nanos(
      static_cast<int32_t>((time - absl::FromUnixSeconds(seconds)) / absl::Nanoseconds(1)));
}

absl::Time GetTime(const google::protobuf::Timestamp& timestamp) {
  return absl::FromUnixSeconds(timestamp.seconds()) + absl::Nanoseconds(timestamp.nanos());
}

void EncodeDecision(const FinalDecision& decision, v1::FinalDecision* proto) {
  proto->set_decision(static_cast<v1::Outcome>(decision.decision));
  SetDate(decision.decision_date, proto->mutable_decision_date());
  if (decision.issue_time != absl::InfinitePast()) {
    SetTime(decision.issue_time, proto->mutable_issue_time());
  }
  proto->set_sequence(decision.sequence);
}

FinalDecision DecodeDecision(const v1::FinalDecision& proto) {
  FinalDecision decision;
  decision.decision = static_cast<Outcome>(proto.decision());
  decision.decision_date = GetDate(proto.decision_date()).value_or(absl::CivilDay());
  if (proto.has_issue_time()) decision.issue_time = GetTime(proto.issue_time());
  decision.sequence = proto.sequence();
  return decision;
}

void EncodeRecommendation(const Recommendation& r, v1::Recommendation* proto) {
  proto->set_recommendation_id(r.recommendation_id);
  proto->set_type(static_cast<common::RecommendationType>(r.type));
  proto->set_beneficiary(static_cast<common::Beneficiary>(r.beneficiary));
  proto->set_description(r.description);
  if (r.amount.has_value()) {
    proto->mutable_amount()->set_amount_minor(r.amount->amount_minor);
    proto->mutable_amount()->set_currency_code(r.amount->currency_code);
  }
  if (r.target_date.has_value()) SetDate(*r.target_date, proto->mutable_target_date());
  proto->set_organisation(r.organisation);
}

Recommendation DecodeRecommendation(const v1::Recommendation& proto) {
  Recommendation r;
  r.recommendation_id = proto.recommendation_id();
  r.type = static_cast<RecommendationType>(proto.type());
  r.beneficiary = static_cast<Beneficiary>(proto.beneficiary());
  r.description = proto.description();
  if (proto.has_amount()) {
    r.amount = Money{proto.amount().amount_minor(), proto.amount().currency_code()};
  }
  r.target_date = GetDate(proto.target_date());
  r.organisation = proto.organisation();
  return r;
}

constexpr char kDecisionKind[] = "decision";
constexpr char kReopeningKind[] = "reopening";
constexpr char kEndKind[] = "end";

absl::Status Unparsable(const std::string& kind) {
  return absl::InternalError(absl::StrCat("outbox payload of kind ", kind, " does not parse"));
}

// The investigation id of the resource name `name`; INTERNAL when it is not one.
absl::StatusOr<std::string> InvestigationId(std::string_view name) {
  constexpr std::string_view kPrefix = kInvestigationsCollection;
  if (name.substr(0, kPrefix.size()) != kPrefix) {
    return absl::InternalError("outbox payload names no investigation");
  }
  return std::string(name.substr(kPrefix.size()));
}

std::string EncodeDecisionEvent(const DecisionHandoff& handoff) {
  v1::DecisionIssuedEvent event;
  event.set_handoff_key(handoff.handoff_key);
  event.set_investigation(kInvestigationsCollection + handoff.investigation_id);
  event.set_complaint(handoff.complaint);
  EncodeDecision(handoff.decision, event.mutable_decision());
  for (const Recommendation& r : handoff.recommendations) {
    EncodeRecommendation(r, event.add_recommendations());
  }
  for (const OrganisationInvestigated& o : handoff.organisations) {
    v1::OrganisationInvestigated* proto = event.add_organisations();
    proto->set_organisation(o.organisation);
    proto->set_published_name(o.published_name);
  }
  event.set_complaint_owner(handoff.complaint_owner);
  return event.SerializeAsString();
}

absl::StatusOr<Handoff> DecodeDecisionEvent(const v1::DecisionIssuedEvent& event) {
  DecisionHandoff handoff;
  ASSIGN_OR_RETURN(handoff.investigation_id, InvestigationId(event.investigation()));
  handoff.handoff_key = event.handoff_key();
  handoff.complaint = event.complaint();
  handoff.decision = DecodeDecision(event.decision());
  for (const v1::Recommendation& r : event.recommendations()) {
    handoff.recommendations.push_back(DecodeRecommendation(r));
  }
  for (const v1::OrganisationInvestigated& o : event.organisations()) {
    handoff.organisations.push_back({o.organisation(), o.published_name()});
  }
  handoff.complaint_owner = event.complaint_owner();
  return handoff;
}

std::string EncodeReopeningEvent(const ReopeningHandoff& handoff) {
  v1::DecisionReopenedEvent event;
  event.set_handoff_key(handoff.handoff_key);
  event.set_investigation(kInvestigationsCollection + handoff.investigation_id);
  event.set_complaint(handoff.complaint);
  event.set_decision_sequence(handoff.decision_sequence);
  SetDate(handoff.reopen_date, event.mutable_reopen_date());
  return event.SerializeAsString();
}

absl::StatusOr<Handoff> DecodeReopeningEvent(const v1::DecisionReopenedEvent& event,
                                             absl::Time create_time) {
  ReopeningHandoff handoff;
  ASSIGN_OR_RETURN(handoff.investigation_id, InvestigationId(event.investigation()));
  handoff.handoff_key = event.handoff_key();
  handoff.complaint = event.complaint();
  handoff.decision_sequence = event.decision_sequence();
  handoff.reopen_date = GetDate(event.reopen_date()).value_or(absl::CivilDay());
  handoff.reopen_time = create_time;
  return handoff;
}

std::string EncodeEndEvent(const EndHandoff& handoff) {
  v1::InvestigationEndedEvent event;
  event.set_handoff_key(handoff.handoff_key);
  event.set_investigation(kInvestigationsCollection + handoff.investigation_id);
  event.set_complaint(handoff.complaint);
  event.set_state(static_cast<v1::InvestigationState>(handoff.state));
  event.set_reason(handoff.reason);
  SetDate(handoff.end_date, event.mutable_end_date());
  event.set_decisions_issued(handoff.decisions_issued);
  return event.SerializeAsString();
}

absl::StatusOr<Handoff> DecodeEndEvent(const v1::InvestigationEndedEvent& event,
                                       absl::Time create_time) {
  EndHandoff handoff;
  ASSIGN_OR_RETURN(handoff.investigation_id, InvestigationId(event.investigation()));
  handoff.handoff_key = event.handoff_key();
  handoff.complaint = event.complaint();
  handoff.state = static_cast<InvestigationState>(event.state());
  handoff.reason = event.reason();
  handoff.end_date = GetDate(event.end_date()).value_or(absl::CivilDay());
  handoff.decisions_issued = event.decisions_issued();
  handoff.end_time = create_time;
  return handoff;
}

}  // namespace

EncodedHandoff EncodeHandoff(const Handoff& handoff) {
  struct Encode {
    EncodedHandoff operator()(const DecisionHandoff& h) const {
      return {kDecisionKind, EncodeDecisionEvent(h)};
    }
    EncodedHandoff operator()(const ReopeningHandoff& h) const {
      return {kReopeningKind, EncodeReopeningEvent(h)};
    }
    EncodedHandoff operator()(const EndHandoff& h) const { return {kEndKind, EncodeEndEvent(h)}; }
  };
  return std::visit(Encode(), handoff);
}

absl::StatusOr<Handoff> DecodeHandoff(const std::string& kind, const std::string& payload,
                                      absl::Time create_time) {
  if (kind == kDecisionKind) {
    v1::DecisionIssuedEvent event;
    if (!event.ParseFromString(payload)) return Unparsable(kind);
    return DecodeDecisionEvent(event);
  }
  if (kind == kReopeningKind) {
    v1::DecisionReopenedEvent event;
    if (!event.ParseFromString(payload)) return Unparsable(kind);
    return DecodeReopeningEvent(event, create_time);
  }
  if (kind == kEndKind) {
    v1::InvestigationEndedEvent event;
    if (!event.ParseFromString(payload)) return Unparsable(kind);
    return DecodeEndEvent(event, create_time);
  }
  return absl::InternalError(absl::StrCat("outbox kind is unknown: ", kind));
}

absl::StatusOr<std::string> DeliveredPayload(const std::string& kind, const std::string& payload,
                                             absl::Time create_time) {
  absl::StatusOr<Handoff> handoff = DecodeHandoff(kind, payload, create_time);
  if (!handoff.ok()) return handoff.status();
  return EncodeHandoff(DeliveredHandoff(*std::move(handoff))).payload;
}

Handoff UndecodableHandoff(std::string handoff_key, std::string investigation_id) {
  DecisionHandoff handoff;
  handoff.handoff_key = std::move(handoff_key);
  handoff.investigation_id = std::move(investigation_id);
  return handoff;
}

}  // namespace redress::investigation
