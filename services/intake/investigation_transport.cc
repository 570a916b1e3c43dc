#include "services/intake/investigation_transport.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include <string>
#include <utility>

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
  return request;
}

InvestigationTransport::InvestigationTransport(std::shared_ptr<grpc::Channel> channel)
    : stub_(inv1::Investigations::NewStub(std::move(channel))) {}

absl::Status InvestigationTransport::Deliver(const AcceptanceHandoff& handoff,
                                             absl::Time deadline) {
  const inv1::OpenInvestigationRequest request = OpenInvestigationRequestFor(handoff);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(deadline));
  {
    absl::MutexLock lock(&mu_);
    in_flight_ = &context;
  }
  inv1::Investigation response;
  const grpc::Status status = stub_->OpenInvestigation(&context, request, &response);
  {
    absl::MutexLock lock(&mu_);
    in_flight_ = nullptr;
  }
  return FromGrpcStatus(status);
}

void InvestigationTransport::CancelInFlight() {
  absl::MutexLock lock(&mu_);
  if (in_flight_ != nullptr) in_flight_->TryCancel();
}

std::shared_ptr<grpc::Channel> NewInvestigationChannel(const std::string& address,
                                                       absl::Duration max_reconnect_backoff) {
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS,
                   static_cast<int>(absl::ToInt64Milliseconds(max_reconnect_backoff)));
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), arguments);
}

}  // namespace redress::intake
