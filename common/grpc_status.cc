// absl::Status <-> grpc::Status, carrying google.rpc details in the status-details trailer.

#include "common/grpc_status.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "common/errors.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace redress {
namespace {

// gRPC refuses trailers over 8 KiB (its default metadata limit) and the client then sees
// RESOURCE_EXHAUSTED without our details. grpc-message is percent-encoded (3 bytes for each byte
// outside printable ASCII) and grpc-status-details-bin is base64 (4/3), so these caps keep both
// together under about 6.5 KiB.
constexpr size_t kMaxMessageEncodedBytes = 1024;
constexpr size_t kMaxDetailsBytes = 4096;
// Each BadRequest description is cut to this, so that one long one cannot crowd out the rest.
constexpr size_t kMaxDescriptionBytes = 512;
// Room kept for the ErrorInfo's "omitted_violations" entry and varint growth.
constexpr size_t kDetailsSlackBytes = 64;
// When the details still do not fit, ErrorInfo metadata values are cut to this.
constexpr size_t kMaxMetadataValueBytes = 128;

constexpr absl::string_view kRpcTypePrefix = "type.googleapis.com/google.rpc.";
constexpr char kEllipsis[] = "…";

template <typename T>
std::string TypeUrl() {
  return "type.googleapis.com/" + T::descriptor()->full_name();
}

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Bytes of `c` in grpc-message, which percent-encodes all but printable ASCII other than '%'.
size_t EncodedSize(char c) {
  const unsigned char byte = static_cast<unsigned char>(c);
  return byte >= 0x20 && byte <= 0x7e && byte != '%' ? 1 : 3;
}

// `text` cut so that its cost (the sum of `cost` over its bytes) is at most `max_cost`, never
// inside a UTF-8 sequence, with "…" added when cut (counted in the cost).
template <typename Cost>
std::string Truncated(std::string_view text, size_t max_cost, Cost cost) {
  size_t total = 0;
  for (char c : text) total += cost(c);
  if (total <= max_cost) return std::string(text);
  size_t ellipsis_cost = 0;
  for (char c : std::string_view(kEllipsis)) ellipsis_cost += cost(c);
  size_t end = 0, used = 0;
  while (end < text.size() && used + cost(text[end]) + ellipsis_cost <= max_cost) {
    used += cost(text[end]);
    ++end;
  }
  while (end > 0 && end < text.size() && IsContinuationByte(text[end])) --end;
  return std::string(text.substr(0, end)) + kEllipsis;
}

std::string TruncatedBytes(std::string_view text, size_t max_bytes) {
  return Truncated(text, max_bytes, [](char) -> size_t { return 1; });
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

// The status's own ErrorInfo with its domain filled in, or a new one whose reason is the
// canonical code name.
google::rpc::ErrorInfo CompleteErrorInfo(const std::string* existing, absl::StatusCode code,
                                         std::string_view error_domain) {
  google::rpc::ErrorInfo info;
  if (existing == nullptr || !info.ParseFromString(*existing)) {
    info.Clear();
    info.set_reason(absl::StatusCodeToString(code));
  }
  if (info.domain().empty()) info.set_domain(std::string(error_domain));
  return info;
}

// What ToGrpcStatus sends, before it is packed into a google.rpc.Status.
struct Details {
  google::rpc::ErrorInfo error_info;
  bool has_bad_request = false;
  google::rpc::BadRequest bad_request;
  std::vector<std::pair<std::string, std::string>> others;  // url, serialized value
};

Details DetailsOf(const absl::Status& status, std::string_view error_domain) {
  Details details;
  const std::string* error_info = nullptr;
  const std::string error_info_url = TypeUrl<google::rpc::ErrorInfo>();
  const std::string bad_request_url = TypeUrl<google::rpc::BadRequest>();
  std::vector<std::pair<std::string, std::string>> payloads = RpcPayloads(status);
  for (const auto& [url, value] : payloads) {
    if (url == error_info_url) {
      error_info = &value;
    } else if (url == bad_request_url && details.bad_request.ParseFromString(value)) {
      details.has_bad_request = true;
    } else {
      details.others.emplace_back(url, value);
    }
  }
  details.error_info = CompleteErrorInfo(error_info, status.code(), error_domain);
  return details;
}

void AddDetail(google::rpc::Status& rpc_status, const std::string& url, std::string value) {
  google::protobuf::Any* detail = rpc_status.add_details();
  detail->set_type_url(url);
  detail->set_value(std::move(value));
}

// The details in type URL order (BadRequest < ErrorInfo < the rest as sorted).
google::rpc::Status Pack(int code, const std::string& message, const Details& details) {
  google::rpc::Status rpc_status;
  rpc_status.set_code(code);
  rpc_status.set_message(message);
  std::vector<std::pair<std::string, std::string>> all = details.others;
  if (details.has_bad_request) {
    all.emplace_back(TypeUrl<google::rpc::BadRequest>(), details.bad_request.SerializeAsString());
  }
  all.emplace_back(TypeUrl<google::rpc::ErrorInfo>(), details.error_info.SerializeAsString());
  std::sort(all.begin(), all.end());
  for (auto& [url, value] : all) AddDetail(rpc_status, url, std::move(value));
  return rpc_status;
}

// Adds `count` to the ErrorInfo's count of omitted violations.
void CountOmitted(google::rpc::ErrorInfo& info, size_t count) {
  if (count == 0) return;
  std::string& value = (*info.mutable_metadata())[std::string(kOmittedViolationsKey)];
  uint64_t before = 0;
  if (!absl::SimpleAtoi(value, &before)) before = 0;
  value = std::to_string(before + count);
}

// Cuts long descriptions, then drops violations from the end of the BadRequest until the packed
// status fits kMaxDetailsBytes, counting them in the ErrorInfo.
void FitBadRequest(int code, const std::string& message, Details& details) {
  if (!details.has_bad_request) return;
  google::rpc::BadRequest all = std::move(details.bad_request);
  details.bad_request.Clear();
  for (auto& violation : *all.mutable_field_violations()) {
    violation.set_field(TruncatedBytes(violation.field(), kMaxDescriptionBytes));
    violation.set_description(TruncatedBytes(violation.description(), kMaxDescriptionBytes));
  }
  const size_t base = Pack(code, message, details).ByteSizeLong() + kDetailsSlackBytes;
  size_t used = base;
  int kept = 0;
  for (; kept < all.field_violations_size(); ++kept) {
    // A repeated message field costs its size, a one-byte tag and a length varint (<= 2 bytes).
    const size_t size = all.field_violations(kept).ByteSizeLong() + 3;
    if (used + size > kMaxDetailsBytes) break;
    used += size;
  }
  for (int i = 0; i < kept; ++i) {
    *details.bad_request.add_field_violations() = std::move(*all.mutable_field_violations(i));
  }
  CountOmitted(details.error_info, all.field_violations_size() - kept);
}

// The last resort when the details still do not fit: only the ErrorInfo, with short metadata.
void KeepOnlyErrorInfo(int code, const std::string& message, Details& details) {
  google::rpc::ErrorInfo& info = details.error_info;
  CountOmitted(info, details.bad_request.field_violations_size());
  details.others.clear();
  details.has_bad_request = false;
  details.bad_request.Clear();
  info.set_reason(TruncatedBytes(info.reason(), kMaxMetadataValueBytes));
  info.set_domain(TruncatedBytes(info.domain(), kMaxMetadataValueBytes));
  for (auto& [key, value] : *info.mutable_metadata()) {
    value = TruncatedBytes(value, kMaxMetadataValueBytes);
  }
  if (Pack(code, message, details).ByteSizeLong() > kMaxDetailsBytes) {
    info.clear_metadata();
  }
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status, std::string_view error_domain) {
  if (status.ok()) return grpc::Status::OK;
  const int code = static_cast<int>(status.code());
  const grpc::StatusCode grpc_code = code >= grpc::StatusCode::OK && code <= grpc::UNAUTHENTICATED
                                         ? static_cast<grpc::StatusCode>(code)
                                         : grpc::StatusCode::UNKNOWN;
  const std::string message =
      Truncated(std::string_view(status.message().data(), status.message().size()),
                kMaxMessageEncodedBytes, EncodedSize);
  Details details = DetailsOf(status, error_domain);
  google::rpc::Status rpc_status = Pack(grpc_code, message, details);
  if (rpc_status.ByteSizeLong() > kMaxDetailsBytes) {
    FitBadRequest(grpc_code, message, details);
    rpc_status = Pack(grpc_code, message, details);
  }
  if (rpc_status.ByteSizeLong() > kMaxDetailsBytes) {
    KeepOnlyErrorInfo(grpc_code, message, details);
    rpc_status = Pack(grpc_code, message, details);
  }
  return grpc::Status(grpc_code, message, rpc_status.SerializeAsString());
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
