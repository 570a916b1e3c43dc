// One unary call to any method of the linked descriptors: the request and response are messages
// of the method's types, made from the generated message factory, sent as their serialized bytes
// through grpc::TemplatedGenericStub. No code per method.
#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/support/status.h>

#include <memory>

#include "absl/time/time.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace redress::cli {

// A new, empty message of `type` from the generated factory. Never null for a linked type.
std::unique_ptr<google::protobuf::Message> NewMessage(const google::protobuf::Descriptor& type);

// Calls `method` (unary) on `channel` with `request`, with a deadline `timeout` from now, and
// fills `response` (of the method's output type) on success. The status is the server's,
// error details included, or the channel's (UNAVAILABLE, DEADLINE_EXCEEDED, ...).
// REQUIRES: `request` is of the method's input type and `response` of its output type.
grpc::Status InvokeUnary(std::shared_ptr<grpc::Channel> channel,
                         const google::protobuf::MethodDescriptor& method,
                         const google::protobuf::Message& request, absl::Duration timeout,
                         google::protobuf::Message& response);

}  // namespace redress::cli
