#include "services/investigation/remedy_transport.h"

#include <grpcpp/client_context.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/grpc_status.h"
#include "services/investigation/proto_convert.h"

namespace redress::investigation {
namespace {

namespace rv1 = ::redress::remedy::v1;

}  // namespace

rv1::ReceiveDecisionRequest ReceiveDecisionRequestFor(const DecisionHandoff& handoff) {
  rv1::ReceiveDecisionRequest request;
  request.set_request_id(handoff.handoff_key);
  *request.mutable_event() = DecisionHandoffToProto(handoff);
  return request;
}

RemedyTransport::RemedyTransport(std::shared_ptr<grpc::Channel> channel)
    : stub_(rv1::Remedy::NewStub(std::move(channel))) {}

absl::Status RemedyTransport::Deliver(const OutboxRecord& record, absl::Time deadline) {
  const DecisionHandoff* handoff = PayloadAs<DecisionHandoff>(record);
  if (handoff == nullptr) {
    return absl::InternalError(
        absl::StrCat("outbox record ", record.id, " carries no DecisionHandoff"));
  }
  const rv1::ReceiveDecisionRequest request = ReceiveDecisionRequestFor(*handoff);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(deadline));
  rv1::ReceiveDecisionResponse response;
  return FromGrpcStatus(in_flight_.Run(
      context, [&] { return stub_->ReceiveDecision(&context, request, &response); }));
}

void RemedyTransport::CancelInFlight() { in_flight_.Cancel(); }

}  // namespace redress::investigation
