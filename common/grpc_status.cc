// absl::Status <-> grpc::Status, carrying google.rpc details in the status-details trailer.

#include "common/grpc_status.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace redress {
namespace {

constexpr absl::string_view kRpcTypePrefix = "type.googleapis.com/google.rpc.";

std::string ErrorInfoUrl() {
  return "type.googleapis.com/" + google::rpc::ErrorInfo::descriptor()->full_name();
}

// The google.rpc payloads of `status` sorted by type URL, so the trailer is deterministic.
std::vector<std::pair<std::string, std::string>> RpcPayloads(const absl::Status& status) {
  std::vector<std::pair<std::string, std::string>> payloads;
  status.ForEachPayload([&payloads](absl::string_view url, const absl::Cord& value) {
    if (absl::StartsWith(url, kRpcTypePrefix)) {
      payloads.emplace_back(std::string(url), std::string(value));
    }
  });
  std::sort(payloads.begin(), payloads.end());
  return payloads;
}

// The serialized ErrorInfo to send: the status's own with its domain filled in, or a new one
// whose reason is the canonical code name.
std::string CompleteErrorInfo(const std::string* existing, absl::StatusCode code,
                              std::string_view error_domain) {
  google::rpc::ErrorInfo info;
  if (existing == nullptr || !info.ParseFromString(*existing)) {
    info.Clear();
    info.set_reason(absl::StatusCodeToString(code));
  }
  if (info.domain().empty()) info.set_domain(std::string(error_domain));
  return info.SerializeAsString();
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status, std::string_view error_domain) {
  if (status.ok()) return grpc::Status::OK;
  const int code = static_cast<int>(status.code());
  const grpc::StatusCode grpc_code = code >= grpc::StatusCode::OK && code <= grpc::UNAUTHENTICATED
                                         ? static_cast<grpc::StatusCode>(code)
                                         : grpc::StatusCode::UNKNOWN;
  google::rpc::Status rpc_status;
  rpc_status.set_code(grpc_code);
  rpc_status.set_message(std::string(status.message()));
  const std::string error_info_url = ErrorInfoUrl();
  bool has_error_info = false;
  for (auto& [url, value] : RpcPayloads(status)) {
    google::protobuf::Any* detail = rpc_status.add_details();
    detail->set_type_url(url);
    if (url == error_info_url) {
      has_error_info = true;
      detail->set_value(CompleteErrorInfo(&value, status.code(), error_domain));
    } else {
      detail->set_value(std::move(value));
    }
  }
  if (!has_error_info) {
    google::protobuf::Any* detail = rpc_status.add_details();
    detail->set_type_url(error_info_url);
    detail->set_value(CompleteErrorInfo(nullptr, status.code(), error_domain));
  }
  return grpc::Status(grpc_code, std::string(status.message()), rpc_status.SerializeAsString());
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  absl::Status result(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  google::rpc::Status rpc_status;
  if (status.error_details().empty() || !rpc_status.ParseFromString(status.error_details())) {
    return result;
  }
  for (const google::protobuf::Any& detail : rpc_status.details()) {
    result.SetPayload(detail.type_url(), absl::Cord(detail.value()));
  }
  return result;
}

}  // namespace redress
