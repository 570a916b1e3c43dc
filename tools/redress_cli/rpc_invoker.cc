#include "tools/redress_cli/rpc_invoker.h"

#include <grpcpp/client_context.h>
#include <grpcpp/completion_queue.h>
#include <grpcpp/generic/generic_stub.h>
// SerializationTraits for protobuf messages, which the stub uses for Message itself.
#include <grpcpp/impl/codegen/proto_utils.h>

#include <utility>

#include "tools/redress_cli/service_catalog.h"

namespace redress::cli {

using ::google::protobuf::Message;

std::unique_ptr<Message> NewMessage(const google::protobuf::Descriptor& type) {
  const Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(&type);
  return std::unique_ptr<Message>(prototype->New());
}

grpc::Status InvokeUnary(std::shared_ptr<grpc::Channel> channel,
                         const google::protobuf::MethodDescriptor& method, const Message& request,
                         absl::Duration timeout, Message& response) {
  grpc::TemplatedGenericStub<Message, Message> stub(std::move(channel));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  grpc::CompletionQueue queue;
  std::unique_ptr<grpc::ClientAsyncResponseReader<Message>> call =
      stub.PrepareUnaryCall(&context, MethodPath(method), request, &queue);
  call->StartCall();
  grpc::Status status;
  int finished_tag = 1;
  call->Finish(&response, &status, &finished_tag);
  void* tag = nullptr;
  bool ok = false;
  // The only event on this queue is the call's end, which the deadline bounds.
  if (!queue.Next(&tag, &ok) || tag != &finished_tag) {
    status = grpc::Status(grpc::StatusCode::INTERNAL, "the call ended without a result");
  }
  queue.Shutdown();
  while (queue.Next(&tag, &ok)) {
  }
  return status;
}

}  // namespace redress::cli
