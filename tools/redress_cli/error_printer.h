// How the CLI reports a failed call: its code, message and the google.rpc details our services
// put in the `grpc-status-details-bin` trailer (BadRequest field violations, PreconditionFailure
// violations, ErrorInfo reason/domain/metadata, and any other linked detail type generically).
#pragma once

#include <grpcpp/support/status.h>

#include <string>

namespace redress::cli {

// "INVALID_ARGUMENT", or "CODE_<n>" for a number outside the canonical codes.
std::string StatusCodeName(int code);

// Readable lines, the first "error: <CODE> (<n>): <message>", then one indented block per
// detail. Details that cannot be decoded are said to be so, not dropped silently.
// REQUIRES: !status.ok().
std::string FormatRpcErrorText(const grpc::Status& status);

// A JSON object in the shape of Google's JSON error responses:
//   {"error": {"code": 3, "status": "INVALID_ARGUMENT", "message": "...", "details": [...]}}
// where each detail is the proto3 JSON of its google.protobuf.Any ("@type" and the fields by
// their .proto names), or {"@type": url, "value": base64} for a type that is not linked.
// Pretty-printed, ending with a newline. REQUIRES: !status.ok().
std::string FormatRpcErrorJson(const grpc::Status& status);

}  // namespace redress::cli
