#include "common/handler.h"

#include <chrono>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/errors.h"
#include "common/grpc_status.h"
#include "common/log.h"

namespace redress {
namespace {

// Whether `status` is a failure the client can do nothing about and should learn nothing from.
bool IsUnexpected(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kDataLoss:
      return true;
    default:
      return false;
  }
}

// RESOURCE_EXHAUSTED with `message`, an ErrorInfo (reason SERVER_BUSY) and a RetryInfo.
grpc::Status BusyStatus(absl::string_view message, std::string_view error_domain,
                        absl::Duration retry_delay) {
  return ToGrpcStatus(
      WithRetryDelay(WithErrorInfo(absl::ResourceExhaustedError(message), reason::kServerBusy),
                     retry_delay),
      error_domain);
}

}  // namespace

grpc::Status ClientStatus(const absl::Status& status, std::string_view error_domain,
                          std::string_view method) {
  if (!IsUnexpected(status)) {
    if (!HasInternalDetail(status)) return ToGrpcStatus(status, error_domain);
    Log(LogLevel::kWarning, "store failure answered without its detail",
        {LogField("method", method), LogField("code", absl::StatusCodeToString(status.code())),
         LogField("error", std::string_view(status.message().data(), status.message().size()))});
    return ToGrpcStatus(WithoutInternalDetail(status), error_domain);
  }
  const std::string code = absl::StatusCodeToString(status.code());
  Log(LogLevel::kError, "unexpected failure in handler",
      {LogField("method", method), LogField("code", code),
       LogField("error", std::string_view(status.message().data(), status.message().size()))});
  return ToGrpcStatus(
      WithErrorInfo(absl::InternalError(std::string(kInternalErrorMessage)), reason::kInternal),
      error_domain);
}

grpc::Status ServerBusyStatus(std::string_view error_domain, absl::Duration retry_delay) {
  return BusyStatus(
      "the server is at its limit of calls running and waiting; retry after the RetryInfo's delay",
      error_domain, retry_delay);
}

grpc::Status RequestMemoryBusyStatus(std::string_view error_domain, absl::Duration retry_delay) {
  return BusyStatus(
      "the server holds as many requests as its request memory budget allows; retry after the "
      "RetryInfo's delay",
      error_domain, retry_delay);
}

namespace handler_internal {

absl::Status EndedCallStatus(const grpc::ServerContextBase& context) {
  const bool past_deadline = context.deadline() <= std::chrono::system_clock::now();
  if (past_deadline) {
    return absl::DeadlineExceededError("the deadline passed before the call was served");
  }
  if (context.IsCancelled()) return absl::CancelledError("the client cancelled the call");
  return absl::OkStatus();
}

absl::Status UnexpectedException(std::string_view what) {
  return absl::InternalError(absl::StrCat("unexpected exception: ", std::string(what)));
}

}  // namespace handler_internal
}  // namespace redress
