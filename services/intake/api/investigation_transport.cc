#include "services/intake/api/investigation_transport.h"

#include <grpcpp/client_context.h>

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/grpc_status.h"

namespace redress::intake {
namespace {

namespace inv1 = ::redress::investigation::v1;

}  // namespace

inv1::OpenInvestigationRequest OpenInvestigationRequestFor(const AcceptanceHandoff& handoff) {
  inv1::OpenInvestigationRequest request;
  request.set_request_id(handoff.handoff_key);
  inv1::ComplaintSnapshot* snapshot = request.mutable_complaint();
  snapshot->set_complaint(kComplaintsCollection + handoff.complaint_id);
  snapshot->set_complainants_reference(handoff.complainants_reference);
  for (const std::string& id : handoff.organisation_ids) {
    snapshot->add_organisations(kOrganisationsCollection + id);
  }
  snapshot->set_what_went_wrong(handoff.what_went_wrong);
  snapshot->set_injustice_claimed(handoff.injustice_claimed);
  snapshot->set_outcome_wanted(handoff.outcome_wanted);
  // Intake's Jurisdiction has the proto's numbers.
  snapshot->set_jurisdiction(static_cast<redress::common::v1::Jurisdiction>(handoff.jurisdiction));
  for (const std::string& name : handoff.organisation_published_names) {
    snapshot->add_organisation_published_names(name);
  }
  snapshot->set_default_location(handoff.default_location);
  request.set_owner(handoff.owner);
  return request;
}

InvestigationTransport::InvestigationTransport(std::shared_ptr<grpc::Channel> channel)
    : stub_(inv1::Investigations::NewStub(std::move(channel))) {}

absl::Status InvestigationTransport::Deliver(const OutboxRecord& record, absl::Time deadline) {
  const AcceptanceHandoff* handoff = PayloadAs<AcceptanceHandoff>(record);
  if (handoff == nullptr) {
    return absl::InternalError(
        absl::StrCat("outbox record ", record.id, " carries no AcceptanceHandoff"));
  }
  const inv1::OpenInvestigationRequest request = OpenInvestigationRequestFor(*handoff);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(deadline));
  inv1::Investigation response;
  return FromGrpcStatus(in_flight_.Run(
      context, [&] { return stub_->OpenInvestigation(&context, request, &response); }));
}

void InvestigationTransport::CancelInFlight() { in_flight_.Cancel(); }

}  // namespace redress::intake
