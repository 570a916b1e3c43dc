#include "services/investigation/api/remedy_transport.h"

#include <grpcpp/client_context.h>

#include <utility>
#include <variant>

#include "absl/strings/str_cat.h"
#include "common/grpc_status.h"
#include "services/investigation/api/proto_convert.h"

namespace redress::investigation {
namespace {

namespace rv1 = ::redress::remedy::v1;

using Stub = rv1::Remedy::Stub;

}  // namespace

rv1::ReceiveDecisionRequest ReceiveDecisionRequestFor(const DecisionHandoff& handoff) {
  rv1::ReceiveDecisionRequest request;
  request.set_request_id(handoff.handoff_key);
  *request.mutable_event() = DecisionHandoffToProto(handoff);
  return request;
}

rv1::ReceiveReopeningRequest ReceiveReopeningRequestFor(const ReopeningHandoff& handoff) {
  rv1::ReceiveReopeningRequest request;
  request.set_request_id(handoff.handoff_key);
  *request.mutable_event() = ReopeningHandoffToProto(handoff);
  return request;
}

rv1::ReceiveInvestigationEndRequest ReceiveInvestigationEndRequestFor(const EndHandoff& handoff) {
  rv1::ReceiveInvestigationEndRequest request;
  request.set_request_id(handoff.handoff_key);
  *request.mutable_event() = EndHandoffToProto(handoff);
  return request;
}

RemedyTransport::RemedyTransport(std::shared_ptr<grpc::Channel> channel)
    : stub_(rv1::Remedy::NewStub(std::move(channel))) {}

template <typename Request, typename Response, typename Rpc>
absl::Status RemedyTransport::Call(Rpc rpc, const Request& request, absl::Time deadline) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(deadline));
  Response response;
  return FromGrpcStatus(
      in_flight_.Run(context, [&] { return ((*stub_).*rpc)(&context, request, &response); }));
}

absl::Status RemedyTransport::Deliver(const OutboxRecord& record, absl::Time deadline) {
  const Handoff* handoff = PayloadAs<Handoff>(record);
  if (handoff == nullptr) {
    return absl::InternalError(absl::StrCat("outbox record ", record.id, " carries no Handoff"));
  }
  if (const auto* decision = std::get_if<DecisionHandoff>(handoff)) {
    return Call<rv1::ReceiveDecisionRequest, rv1::ReceiveDecisionResponse>(
        &Stub::ReceiveDecision, ReceiveDecisionRequestFor(*decision), deadline);
  }
  if (const auto* reopening = std::get_if<ReopeningHandoff>(handoff)) {
    return Call<rv1::ReceiveReopeningRequest, rv1::ReceiveReopeningResponse>(
        &Stub::ReceiveReopening, ReceiveReopeningRequestFor(*reopening), deadline);
  }
  return Call<rv1::ReceiveInvestigationEndRequest, rv1::ReceiveInvestigationEndResponse>(
      &Stub::ReceiveInvestigationEnd,
      ReceiveInvestigationEndRequestFor(std::get<EndHandoff>(*handoff)), deadline);
}

void RemedyTransport::CancelInFlight() { in_flight_.Cancel(); }

}  // namespace redress::investigation
