// The whole-resource conversions of proto_convert.h: the complaint snapshot intake hands over, the
// investigation (its caseworker's fields in, everything out) and the hand-offs to remedy.
#include "absl/strings/str_cat.h"
#include "services/investigation/api/proto_convert.h"
#include "services/investigation/api/proto_convert_internal.h"
#include "services/investigation/complaint_types.h"
#include "services/investigation/investigation_validation.h"
#include "services/investigation/request_checks.h"
#include "services/investigation/view_content.h"

namespace redress::investigation {
namespace {

namespace v1 = ::redress::investigation::v1;

using proto_convert_internal::CheckListSize;
using proto_convert_internal::Child;
using proto_convert_internal::Indexed;
using proto_convert_internal::IsNever;
using proto_convert_internal::StringsFromProto;

// At most one complaint-handling finding per principle (Principle has six values besides
// UNSPECIFIED), so a longer list is wrong whatever it holds.
constexpr int kMaxHandlingFindings = 6;

// The decoded entries of the repeated message field at `field`, or none when it has more than
// `max` (one violation on the list). Each entry keeps its place whatever its violations.
template <typename Entry, typename Protos, typename Decode>
std::vector<Entry> EntriesFromProto(const Protos& protos, int max, const char* what,
                                    const std::string& field, FieldViolations& violations,
                                    Decode decode) {
  std::vector<Entry> entries;
  if (!CheckListSize(protos.size(), max, what, field, violations)) return entries;
  entries.reserve(protos.size());
  for (int i = 0; i < protos.size(); ++i) {
    entries.push_back(decode(protos.Get(i), Indexed(field, i), violations));
  }
  return entries;
}

void AddPartsToProto(const Investigation& investigation, v1::Investigation& proto) {
  if (investigation.scope) *proto.mutable_scope() = ScopeToProto(*investigation.scope);
  for (const ComplaintPoint& point : investigation.points) {
    *proto.add_points() = ComplaintPointToProto(point);
  }
  for (const EvidenceItem& item : investigation.evidence) {
    *proto.add_evidence() = EvidenceItemToProto(item, proto.name());
  }
  proto.set_evidence_count(investigation.evidence_count);
  for (const Hold& hold : investigation.holds) *proto.add_holds() = HoldToProto(hold);
  if (investigation.provisional_view) {
    *proto.mutable_provisional_view() =
        ProvisionalViewToProto(*investigation.provisional_view, proto.name());
    proto.mutable_provisional_view()->set_outdated(IsViewOutdated(investigation));
  }
  if (investigation.final_decision) {
    *proto.mutable_final_decision() = FinalDecisionToProto(*investigation.final_decision);
  }
  for (const FinalDecision& decision : investigation.previous_decisions) {
    *proto.add_previous_decisions() = FinalDecisionToProto(decision);
  }
  for (const Review& review : investigation.reviews) *proto.add_reviews() = ReviewToProto(review);
  if (investigation.ending) {
    *proto.mutable_ending() = InvestigationEndingToProto(*investigation.ending);
  }
}

void AddCaseworkerFieldsToProto(const Investigation& investigation, v1::Investigation& proto) {
  for (const ComplaintHandlingFinding& finding : investigation.complaint_handling_findings) {
    *proto.add_complaint_handling_findings() = ComplaintHandlingFindingToProto(finding);
  }
  proto.mutable_complaint_types()->Add(investigation.complaint_types.begin(),
                                       investigation.complaint_types.end());
  for (const OrganisationInvestigated& organisation : investigation.organisations_investigated) {
    *proto.add_organisations_investigated() = OrganisationInvestigatedToProto(organisation);
  }
  proto.set_location(investigation.location);
  *proto.mutable_narrative() = NarrativeToProto(investigation.narrative);
  for (const Recommendation& recommendation : investigation.recommendations) {
    *proto.add_recommendations() = RecommendationToProto(recommendation);
  }
}

}  // namespace

ComplaintSnapshot ComplaintSnapshotFromProto(const v1::ComplaintSnapshot& proto,
                                             const std::string& field,
                                             FieldViolations& violations) {
  ComplaintSnapshot snapshot;
  snapshot.complaint = proto.complaint();
  snapshot.complainants_reference = proto.complainants_reference();
  snapshot.organisations =
      StringsFromProto(proto.organisations(), kMaxOrganisationsInvestigated, "organisations",
                       Child(field, "organisations"), violations);
  snapshot.what_went_wrong = proto.what_went_wrong();
  snapshot.injustice_claimed = proto.injustice_claimed();
  snapshot.outcome_wanted = proto.outcome_wanted();
  snapshot.jurisdiction =
      JurisdictionFromProto(proto.jurisdiction(), Child(field, "jurisdiction"), violations);
  snapshot.organisation_published_names =
      StringsFromProto(proto.organisation_published_names(), kMaxOrganisationsInvestigated,
                       "published names", Child(field, "organisation_published_names"), violations);
  snapshot.default_location = proto.default_location();
  return snapshot;
}

v1::ComplaintSnapshot ComplaintSnapshotToProto(const ComplaintSnapshot& snapshot) {
  v1::ComplaintSnapshot proto;
  proto.set_complaint(snapshot.complaint);
  proto.set_complainants_reference(snapshot.complainants_reference);
  proto.mutable_organisations()->Add(snapshot.organisations.begin(), snapshot.organisations.end());
  proto.set_what_went_wrong(snapshot.what_went_wrong);
  proto.set_injustice_claimed(snapshot.injustice_claimed);
  proto.set_outcome_wanted(snapshot.outcome_wanted);
  proto.set_jurisdiction(JurisdictionToProto(snapshot.jurisdiction));
  proto.mutable_organisation_published_names()->Add(snapshot.organisation_published_names.begin(),
                                                    snapshot.organisation_published_names.end());
  proto.set_default_location(snapshot.default_location);
  return proto;
}

Investigation InvestigationFromProto(const v1::Investigation& proto, const std::string& field,
                                     FieldViolations& violations) {
  Investigation investigation;
  investigation.caseworker = proto.caseworker();
  investigation.complaint_handling_findings = EntriesFromProto<ComplaintHandlingFinding>(
      proto.complaint_handling_findings(), kMaxHandlingFindings, "complaint-handling findings",
      Child(field, "complaint_handling_findings"), violations, ComplaintHandlingFindingFromProto);
  investigation.complaint_types =
      StringsFromProto(proto.complaint_types(), static_cast<int>(ComplaintTypeLabels().size()),
                       "complaint types", Child(field, "complaint_types"), violations);
  investigation.organisations_investigated = EntriesFromProto<OrganisationInvestigated>(
      proto.organisations_investigated(), kMaxOrganisationsInvestigated, "organisations",
      Child(field, "organisations_investigated"), violations,
      [](const v1::OrganisationInvestigated& entry, const std::string&, FieldViolations&) {
        return OrganisationInvestigatedFromProto(entry);
      });
  investigation.location = proto.location();
  investigation.narrative =
      NarrativeFromProto(proto.narrative(), Child(field, "narrative"), violations);
  investigation.recommendations = EntriesFromProto<Recommendation>(
      proto.recommendations(), kMaxRecommendations, "recommendations",
      Child(field, "recommendations"), violations, RecommendationFromProto);
  return investigation;
}

v1::Investigation InvestigationToProto(const Investigation& investigation) {
  v1::Investigation proto;
  proto.set_name(investigation.name());
  proto.set_state(InvestigationStateToProto(investigation.state));
  *proto.mutable_complaint() = ComplaintSnapshotToProto(investigation.complaint);
  proto.set_caseworker(investigation.caseworker);
  AddPartsToProto(investigation, proto);
  AddCaseworkerFieldsToProto(investigation, proto);
  proto.set_etag(EtagOf(investigation.version));
  if (!IsNever(investigation.create_time)) {
    *proto.mutable_create_time() = TimeToProto(investigation.create_time);
  }
  if (!IsNever(investigation.update_time)) {
    *proto.mutable_update_time() = TimeToProto(investigation.update_time);
  }
  return proto;
}

v1::DecisionIssuedEvent DecisionHandoffToProto(const DecisionHandoff& handoff) {
  v1::DecisionIssuedEvent proto;
  proto.set_handoff_key(handoff.handoff_key);
  proto.set_investigation(absl::StrCat(kInvestigationsCollection, handoff.investigation_id));
  proto.set_complaint(handoff.complaint);
  *proto.mutable_decision() = FinalDecisionToProto(handoff.decision);
  for (const Recommendation& recommendation : handoff.recommendations) {
    *proto.add_recommendations() = RecommendationToProto(recommendation);
  }
  for (const OrganisationInvestigated& organisation : handoff.organisations) {
    *proto.add_organisations() = OrganisationInvestigatedToProto(organisation);
  }
  return proto;
}

v1::DecisionReopenedEvent ReopeningHandoffToProto(const ReopeningHandoff& handoff) {
  v1::DecisionReopenedEvent proto;
  proto.set_handoff_key(handoff.handoff_key);
  proto.set_investigation(absl::StrCat(kInvestigationsCollection, handoff.investigation_id));
  proto.set_complaint(handoff.complaint);
  proto.set_decision_sequence(handoff.decision_sequence);
  *proto.mutable_reopen_date() = DateToProto(handoff.reopen_date);
  return proto;
}

v1::InvestigationEndedEvent EndHandoffToProto(const EndHandoff& handoff) {
  v1::InvestigationEndedEvent proto;
  proto.set_handoff_key(handoff.handoff_key);
  proto.set_investigation(absl::StrCat(kInvestigationsCollection, handoff.investigation_id));
  proto.set_complaint(handoff.complaint);
  proto.set_state(InvestigationStateToProto(handoff.state));
  proto.set_reason(handoff.reason);
  *proto.mutable_end_date() = DateToProto(handoff.end_date);
  proto.set_decisions_issued(handoff.decisions_issued);
  return proto;
}

}  // namespace redress::investigation
