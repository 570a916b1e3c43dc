#include "services/remedy/store/case_summary_payload.h"

#include "redress/remedy/v1/case_summary.pb.h"

namespace redress::remedy {

std::string EncodeSummaryParts(const CaseSummary& summary) {
  v1::CaseSummary proto;
  for (const SummarySection& section : summary.sections) {
    v1::SummarySection* s = proto.add_sections();
    s->set_heading(section.heading);
    for (const std::string& paragraph : section.paragraphs) s->add_paragraphs(paragraph);
  }
  proto.set_jurisdiction(static_cast<::redress::common::v1::Jurisdiction>(summary.jurisdiction));
  for (const std::string& o : summary.organisations) proto.add_organisations(o);
  proto.set_location(summary.location);
  for (const std::string& t : summary.complaint_types) proto.add_complaint_types(t);
  for (const std::string& r : summary.remedies) proto.add_remedies(r);
  proto.set_decision_sequence(summary.decision_sequence);
  return proto.SerializeAsString();
}

absl::Status DecodeSummaryParts(const std::string& payload, CaseSummary& summary) {
  v1::CaseSummary proto;
  if (!proto.ParseFromString(payload)) {
    return absl::InternalError("case summary payload does not parse");
  }
  summary.sections.clear();
  for (const v1::SummarySection& s : proto.sections()) {
    summary.sections.push_back({s.heading(), {s.paragraphs().begin(), s.paragraphs().end()}});
  }
  summary.jurisdiction = static_cast<Jurisdiction>(proto.jurisdiction());
  summary.organisations.assign(proto.organisations().begin(), proto.organisations().end());
  summary.location = proto.location();
  summary.complaint_types.assign(proto.complaint_types().begin(), proto.complaint_types().end());
  summary.remedies.assign(proto.remedies().begin(), proto.remedies().end());
  summary.decision_sequence = proto.decision_sequence();
  return absl::OkStatus();
}

}  // namespace redress::remedy
