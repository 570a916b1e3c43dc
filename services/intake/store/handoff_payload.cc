#include "services/intake/store/handoff_payload.h"

#include <string_view>

#include "redress/common/v1/jurisdiction.pb.h"
#include "redress/intake/v1/complaint.pb.h"

namespace redress::intake {

std::string EncodeHandoff(const AcceptanceHandoff& handoff) {
  v1::ComplaintAcceptedEvent event;
  event.set_handoff_key(handoff.handoff_key);
  event.set_complaint(kComplaintsCollection + handoff.complaint_id);
  event.set_complainants_reference(handoff.complainants_reference);
  for (const std::string& id : handoff.organisation_ids) {
    event.add_organisations(kOrganisationsCollection + id);
  }
  event.set_what_went_wrong(handoff.what_went_wrong);
  event.set_injustice_claimed(handoff.injustice_claimed);
  event.set_outcome_wanted(handoff.outcome_wanted);
  if (handoff.accept_time != absl::InfinitePast()) {  // unset stands for the infinite past
    const int64_t seconds = absl::ToUnixSeconds(handoff.accept_time);
    event.mutable_accept_time()->set_seconds(seconds);
    event.mutable_accept_time()->set_nanos(static_cast<int32_t>(
        (handoff.accept_time - absl::FromUnixSeconds(seconds)) / absl::Nanoseconds(1)));
  }
  // Intake's Jurisdiction has the proto's numbers.
  event.set_jurisdiction(static_cast<redress::common::v1::Jurisdiction>(handoff.jurisdiction));
  for (const std::string& name : handoff.organisation_published_names) {
    event.add_organisation_published_names(name);
  }
  event.set_default_location(handoff.default_location);
  event.set_owner(handoff.owner);
  return event.SerializeAsString();
}

absl::StatusOr<AcceptanceHandoff> DecodeHandoff(const std::string& payload) {
  v1::ComplaintAcceptedEvent event;
  if (!event.ParseFromString(payload)) return absl::InternalError("outbox payload does not parse");
  AcceptanceHandoff handoff;
  handoff.handoff_key = event.handoff_key();
  std::string_view complaint = event.complaint();
  if (complaint.substr(0, sizeof(kComplaintsCollection) - 1) != kComplaintsCollection) {
    return absl::InternalError("outbox payload names no complaint");
  }
  handoff.complaint_id = std::string(complaint.substr(sizeof(kComplaintsCollection) - 1));
  handoff.complainants_reference = event.complainants_reference();
  for (std::string_view name : event.organisations()) {
    if (name.substr(0, sizeof(kOrganisationsCollection) - 1) != kOrganisationsCollection) {
      return absl::InternalError("outbox payload names an organisation wrongly");
    }
    handoff.organisation_ids.emplace_back(name.substr(sizeof(kOrganisationsCollection) - 1));
  }
  handoff.what_went_wrong = event.what_went_wrong();
  handoff.injustice_claimed = event.injustice_claimed();
  handoff.outcome_wanted = event.outcome_wanted();
  if (event.has_accept_time()) {
    handoff.accept_time = absl::FromUnixSeconds(event.accept_time().seconds()) +
                          absl::Nanoseconds(event.accept_time().nanos());
  }
  if (!redress::common::v1::Jurisdiction_IsValid(event.jurisdiction())) {
    return absl::InternalError("outbox payload has an unknown jurisdiction");
  }
  handoff.jurisdiction = static_cast<Jurisdiction>(event.jurisdiction());
  handoff.organisation_published_names.assign(event.organisation_published_names().begin(),
                                              event.organisation_published_names().end());
  handoff.default_location = event.default_location();
  handoff.owner = event.owner();
  return handoff;
}

absl::StatusOr<std::string> DeliveredPayload(const std::string& payload) {
  absl::StatusOr<AcceptanceHandoff> handoff = DecodeHandoff(payload);
  if (!handoff.ok()) return handoff.status();
  return EncodeHandoff(DeliveredHandoff(*std::move(handoff)));
}

}  // namespace redress::intake
