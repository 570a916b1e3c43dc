// The fingerprint an adapter gives its logic to tell an idempotent retry from a reuse of a request
// id for another body: redress::Fingerprint (paging.h) of the request's deterministic encoding
// without its request_id. For gRPC adapters only: logic code never includes a proto header.
#pragma once

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/wire_format_lite.h>

#include <cstdint>
#include <optional>
#include <string>

#include "common/paging.h"

namespace redress {
namespace request_fingerprint_internal {

// `message` encoded deterministically (map entries in key order).
template <typename Message>
std::string DeterministicEncoding(const Message& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }  // `coded` flushes into `bytes` when destroyed.
  return bytes;
}

// `encoding` without its top-level fields numbered `number`, or nullopt when it does not parse.
// A message's fields are encoded one after another, so this is the encoding of the message with
// that field cleared.
inline std::optional<std::string> WithoutField(const std::string& encoding, int number) {
  using google::protobuf::internal::WireFormatLite;
  google::protobuf::io::CodedInputStream in(reinterpret_cast<const uint8_t*>(encoding.data()),
                                            static_cast<int>(encoding.size()));
  std::string rest;
  rest.reserve(encoding.size());
  while (true) {
    const int start = in.CurrentPosition();
    const uint32_t tag = in.ReadTag();
    if (tag == 0) break;
    if (!WireFormatLite::SkipField(&in, tag)) return std::nullopt;
    if (WireFormatLite::GetTagFieldNumber(tag) != number) {
      rest.append(encoding, start, in.CurrentPosition() - start);
    }
  }
  if (in.CurrentPosition() != static_cast<int>(encoding.size())) return std::nullopt;
  return rest;
}

}  // namespace request_fingerprint_internal

// REQUIRES: `Request` is a generated message with a `request_id` field. The request encoded
// deterministically, without its request_id, so a retry gives the same fingerprint on every run
// and machine, and any other body a different one. The same bytes as encoding a copy with the
// request_id cleared (what this did first, and what stored fingerprints hold), without copying
// the request: the copy was most of the cost (38 of SubmitComplaint's allocations).
template <typename Request>
std::string RequestFingerprint(const Request& request) {
  const std::string encoding = request_fingerprint_internal::DeterministicEncoding(request);
  if (std::optional<std::string> body =
          request_fingerprint_internal::WithoutField(encoding, Request::kRequestIdFieldNumber)) {
    return Fingerprint(*body);
  }
  Request copy = request;  // not reached: an encoding just made parses
  copy.clear_request_id();
  return Fingerprint(request_fingerprint_internal::DeterministicEncoding(copy));
}

}  // namespace redress
