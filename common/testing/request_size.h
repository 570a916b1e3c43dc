// Test helpers for a server's request size limit (ServerConfig::max_receive_message_bytes): a
// request padded to an exact size on the wire, and gRPC's own refusal of one over the limit, which
// it makes by the encoded size before parsing the message.
#pragma once

#include <grpcpp/support/status.h>

#include <cstddef>
#include <string>

#include "google/protobuf/message.h"

namespace redress::testing {

// Sets `*text`, a string field somewhere in `request`, to as many 'a's as make `request` encode to
// exactly `bytes`. False when no length does (the rest of the request is larger already).
inline bool PadToWireSize(const google::protobuf::Message& request, std::string* text,
                          size_t bytes) {
  text->clear();
  const size_t without = request.ByteSizeLong();
  if (without > bytes) return false;
  text->assign(bytes - without, 'a');
  // The field's tag and length, and its parents' lengths, take a few bytes more.
  while (!text->empty() && request.ByteSizeLong() > bytes) text->pop_back();
  return request.ByteSizeLong() == bytes;
}

// Whether `status` is gRPC's refusal of a message over the limit, made before any handler ran:
// RESOURCE_EXHAUSTED without the google.rpc details every error of our services carries.
inline bool IsRefusedForItsSize(const grpc::Status& status) {
  return status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED &&
         status.error_details().empty();
}

}  // namespace redress::testing
