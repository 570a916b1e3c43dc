// The one mapping between absl::Status and grpc::Status. Details attached by errors.h travel as a
// google.rpc.Status in the `grpc-status-details-bin` trailer (grpc::Status::error_details()).
#pragma once

#include <grpcpp/support/status.h>

#include <string_view>

#include "absl/status/status.h"

namespace redress {

// Maps code and message, and packs every google.rpc detail payload into a google.rpc.Status.
// Fills ErrorInfo.domain with `error_domain` ("intake.redress") when the error has an ErrorInfo
// without a domain, and adds an ErrorInfo with the code's name as reason when it has none.
grpc::Status ToGrpcStatus(const absl::Status& status, std::string_view error_domain);

// The reverse, for clients of our peers: details become payloads again, so FieldViolationsOf and
// ErrorReasonOf work on the result.
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace redress
