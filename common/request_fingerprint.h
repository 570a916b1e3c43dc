// The fingerprint an adapter gives its logic to tell an idempotent retry from a reuse of a request
// id for another body: redress::Fingerprint (paging.h) of the request's deterministic encoding
// without its request_id. For gRPC adapters only: logic code never includes a proto header.
#pragma once

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <string>

#include "common/paging.h"

namespace redress {

// REQUIRES: `Request` is a generated message with a `request_id` field. Taken by value: the copy
// is cleared of its request_id and encoded deterministically (map entries in key order), so a
// retry gives the same fingerprint on every run and machine, and any other body a different one.
template <typename Request>
std::string RequestFingerprint(Request request) {
  request.clear_request_id();
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    request.SerializeToCodedStream(&coded);
  }  // `coded` flushes into `bytes` when destroyed.
  return Fingerprint(bytes);
}

}  // namespace redress
