// Domain error builders: google.rpc details stored as absl::Status payloads keyed by type URL.

#include "common/errors.h"

#include <cstdint>
#include <string>
#include <utility>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/message.h"
#include "google/rpc/error_details.pb.h"

namespace redress {
namespace {

// Our Abseil is built with its own string_view type; our interfaces use std::string_view.
absl::string_view AsAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

// Payload key of a detail message: the type URL a google.protobuf.Any would carry.
std::string TypeUrl(const google::protobuf::Message& message) {
  return absl::StrCat("type.googleapis.com/", message.GetDescriptor()->full_name());
}

void SetDetail(absl::Status& status, const google::protobuf::Message& detail) {
  status.SetPayload(TypeUrl(detail), absl::Cord(detail.SerializeAsString()));
}

// Reads the payload of type `T` back; false when absent or unparsable.
template <typename T>
bool GetDetail(const absl::Status& status, T& detail) {
  absl::optional<absl::Cord> payload = status.GetPayload(TypeUrl(detail));
  return payload.has_value() && detail.ParseFromString(std::string(*payload));
}

absl::Status WithReason(absl::Status status, std::string_view reason, std::string_view key,
                        std::string_view value) {
  return WithErrorInfo(std::move(status), reason, {{std::string(key), std::string(value)}});
}

// `omitted` violations were left out of `violations` and are counted in the message.
std::string InvalidArgumentMessage(const std::vector<FieldViolation>& violations, size_t omitted) {
  if (violations.empty()) return "invalid argument";
  const FieldViolation& first = violations.front();
  std::string message = absl::StrCat("invalid ", first.field.empty() ? "request" : first.field,
                                     ": ", first.description);
  const size_t more = violations.size() - 1 + omitted;
  if (more > 0) {
    absl::StrAppend(&message, " (and ", more, " more violation", more == 1 ? "" : "s", ")");
  }
  return message;
}

absl::Status InvalidArgumentWithOmitted(std::vector<FieldViolation> violations, size_t omitted,
                                        std::string_view reason) {
  absl::Status status = absl::InvalidArgumentError(InvalidArgumentMessage(violations, omitted));
  google::rpc::BadRequest bad_request;
  for (FieldViolation& violation : violations) {
    google::rpc::BadRequest::FieldViolation* out = bad_request.add_field_violations();
    out->set_field(std::move(violation.field));
    out->set_description(std::move(violation.description));
  }
  SetDetail(status, bad_request);
  if (omitted == 0) return WithErrorInfo(std::move(status), reason);
  return WithReason(std::move(status), reason, kOmittedViolationsKey, std::to_string(omitted));
}

// Appends `c` to `out` as Quoted shows it.
void AppendEscaped(std::string& out, char c) {
  const unsigned char byte = static_cast<unsigned char>(c);
  switch (c) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\r':
      out += "\\r";
      return;
    default:
      break;
  }
  if (byte < 0x20 || byte == 0x7f) {
    absl::StrAppend(&out, "\\x", absl::Hex(byte, absl::kZeroPad2));
  } else {
    out.push_back(c);
  }
}

}  // namespace

std::string Quoted(std::string_view value) {
  constexpr size_t kMaxCodePoints = 64;
  std::string out = "\"";
  size_t code_points = 0;
  for (char c : value) {
    const bool starts_code_point = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts_code_point && ++code_points > kMaxCodePoints) {
      out += "…";
      break;
    }
    AppendEscaped(out, c);
  }
  out += "\"";
  return out;
}

void FieldViolations::Add(std::string field, std::string description) {
  if (Has(field)) return;
  if (violations_.size() >= kMaxListed) {
    ++omitted_;
    return;
  }
  violations_.push_back(FieldViolation{std::move(field), std::move(description)});
}

void FieldViolations::Append(const FieldViolations& other) {
  for (const FieldViolation& violation : other.violations_) {
    Add(violation.field, violation.description);
  }
  omitted_ += other.omitted_;
}

bool FieldViolations::Has(std::string_view field) const {
  for (const FieldViolation& violation : violations_) {
    std::string_view listed = violation.field;
    if (listed.size() < field.size() || listed.substr(0, field.size()) != field) continue;
    if (listed.size() == field.size() || listed[field.size()] == '.' ||
        listed[field.size()] == '[') {
      return true;
    }
  }
  return false;
}

absl::Status FieldViolations::ToStatus(std::string_view reason) const {
  if (violations_.empty()) return absl::OkStatus();
  return InvalidArgumentWithOmitted(violations_, omitted_, reason);
}

absl::Status InvalidArgument(std::vector<FieldViolation> violations, std::string_view reason) {
  return InvalidArgumentWithOmitted(std::move(violations), 0, reason);
}

absl::Status InvalidStateTransition(std::string_view resource_name, std::string_view current_state,
                                    std::string_view action, std::string_view reason) {
  const std::string description =
      absl::StrCat("cannot ", AsAbsl(action), " while the state is ", AsAbsl(current_state));
  absl::Status status =
      absl::FailedPreconditionError(absl::StrCat(AsAbsl(resource_name), ": ", description));
  google::rpc::PreconditionFailure failure;
  google::rpc::PreconditionFailure::Violation* violation = failure.add_violations();
  violation->set_type("STATE");
  violation->set_subject(std::string(resource_name));
  violation->set_description(description);
  SetDetail(status, failure);
  return WithReason(std::move(status), reason, "state", current_state);
}

absl::Status PreconditionFailed(std::string_view type, std::string_view subject,
                                std::string_view description, std::string_view reason) {
  absl::Status status = absl::FailedPreconditionError(
      subject.empty() ? std::string(description)
                      : absl::StrCat(AsAbsl(subject), ": ", AsAbsl(description)));
  google::rpc::PreconditionFailure failure;
  google::rpc::PreconditionFailure::Violation* violation = failure.add_violations();
  violation->set_type(std::string(type));
  violation->set_subject(std::string(subject));
  violation->set_description(std::string(description));
  SetDetail(status, failure);
  return WithErrorInfo(std::move(status), reason);
}

absl::Status PreconditionsFailed(std::string_view message,
                                 const std::vector<PreconditionViolation>& violations,
                                 std::string_view reason) {
  absl::Status status = absl::FailedPreconditionError(
      absl::StrCat(AsAbsl(message), " (", violations.size(),
                   violations.size() == 1 ? " violation)" : " violations)"));
  google::rpc::PreconditionFailure failure;
  for (const PreconditionViolation& v : violations) {
    if (static_cast<size_t>(failure.violations_size()) >= FieldViolations::kMaxListed) break;
    google::rpc::PreconditionFailure::Violation* violation = failure.add_violations();
    violation->set_type(v.type);
    violation->set_subject(v.subject);
    violation->set_description(v.description);
  }
  SetDetail(status, failure);
  return WithErrorInfo(std::move(status), reason);
}

absl::Status NotFound(std::string_view resource_name) {
  return WithReason(absl::NotFoundError(absl::StrCat(AsAbsl(resource_name), " not found")),
                    reason::kNotFound, "resource", resource_name);
}

absl::Status AlreadyExists(std::string_view resource_name) {
  return WithReason(
      absl::AlreadyExistsError(absl::StrCat(AsAbsl(resource_name), " already exists")),
      reason::kAlreadyExists, "resource", resource_name);
}

absl::Status EtagMismatch(std::string_view resource_name) {
  return WithReason(
      absl::AbortedError(absl::StrCat(AsAbsl(resource_name),
                                      " has changed since it was read (etag mismatch); read it "
                                      "again and retry with the new etag")),
      reason::kEtagMismatch, "resource", resource_name);
}

absl::Status WithErrorInfo(absl::Status status, std::string_view reason,
                           std::vector<std::pair<std::string, std::string>> metadata) {
  google::rpc::ErrorInfo info;
  info.set_reason(std::string(reason));
  for (auto& [key, value] : metadata) (*info.mutable_metadata())[key] = std::move(value);
  SetDetail(status, info);  // No-op on OK.
  return status;
}

absl::Status WithRetryDelay(absl::Status status, absl::Duration delay) {
  google::rpc::RetryInfo info;
  const int64_t nanos = absl::ToInt64Nanoseconds(delay);
  info.mutable_retry_delay()->set_seconds(nanos / 1'000'000'000);
  info.mutable_retry_delay()->set_nanos(static_cast<int32_t>(nanos % 1'000'000'000));
  SetDetail(status, info);  // No-op on OK.
  return status;
}

std::optional<absl::Duration> RetryDelayOf(const absl::Status& status) {
  google::rpc::RetryInfo info;
  if (!GetDetail(status, info)) return std::nullopt;
  return absl::Seconds(info.retry_delay().seconds()) +
         absl::Nanoseconds(info.retry_delay().nanos());
}

std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status) {
  std::vector<FieldViolation> violations;
  google::rpc::BadRequest bad_request;
  if (!GetDetail(status, bad_request)) return violations;
  for (const auto& violation : bad_request.field_violations()) {
    violations.push_back(FieldViolation{violation.field(), violation.description()});
  }
  return violations;
}

std::vector<PreconditionViolation> PreconditionViolationsOf(const absl::Status& status) {
  std::vector<PreconditionViolation> violations;
  google::rpc::PreconditionFailure failure;
  if (!GetDetail(status, failure)) return violations;
  for (const auto& v : failure.violations()) {
    violations.push_back(PreconditionViolation{v.type(), v.subject(), v.description()});
  }
  return violations;
}

namespace {
constexpr char kInternalDetailUrl[] = "type.redress.dev/internal-detail";

std::string_view GenericStoreMessage(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kUnavailable:
      return "the database is busy or unreachable; retry the call";
    case absl::StatusCode::kAborted:
      return "the call conflicted with a concurrent change; retry it";
    case absl::StatusCode::kAlreadyExists:
      return "the resource already exists";
    case absl::StatusCode::kResourceExhausted:
      return "the database is out of capacity; retry later";
    case absl::StatusCode::kDeadlineExceeded:
      return "the database did not answer in time";
    default:
      return "the database refused the operation";
  }
}
}  // namespace

absl::Status WithInternalDetail(absl::Status status) {
  if (!status.ok()) status.SetPayload(kInternalDetailUrl, absl::Cord());
  return status;
}

bool HasInternalDetail(const absl::Status& status) {
  return status.GetPayload(kInternalDetailUrl).has_value();
}

absl::Status WithoutInternalDetail(const absl::Status& status) {
  if (!HasInternalDetail(status)) return status;
  const std::string_view message =
      IsStoreCannotWrite(status)
          ? "the database cannot write for now; retry after the RetryInfo's delay"
          : GenericStoreMessage(status.code());
  absl::Status safe(status.code(), std::string(message));
  status.ForEachPayload([&safe](absl::string_view type_url, const absl::Cord& payload) {
    if (type_url != kInternalDetailUrl) safe.SetPayload(type_url, payload);
  });
  return safe;
}

absl::Status StoreCannotWrite(std::string_view message, std::string_view cause) {
  return WithRetryDelay(WithReason(absl::UnavailableError(AsAbsl(message)),
                                   reason::kStoreUnavailable, kStoreFaultCauseKey, cause),
                        kStoreFaultRetryDelay);
}

bool IsStoreCannotWrite(const absl::Status& status) {
  return !status.ok() && ErrorReasonOf(status) == reason::kStoreUnavailable;
}

std::string ErrorReasonOf(const absl::Status& status) {
  google::rpc::ErrorInfo info;
  if (!GetDetail(status, info)) return "";
  return info.reason();
}

}  // namespace redress
