// Builders for the domain errors every service returns. They attach the google.rpc details
// (BadRequest, PreconditionFailure, ErrorInfo) to an absl::Status as payloads, so logic code
// reports rich errors without including any proto or gRPC header; ToGrpcStatus (grpc_status.h)
// turns them into the `grpc-status-details-bin` trailer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace redress {

// Stable ErrorInfo reasons shared by every service. Services add their own.
namespace reason {
inline constexpr std::string_view kInvalidArgument = "INVALID_ARGUMENT";
inline constexpr std::string_view kInvalidStateTransition = "INVALID_STATE_TRANSITION";
inline constexpr std::string_view kEtagMismatch = "ETAG_MISMATCH";
inline constexpr std::string_view kNotFound = "NOT_FOUND";
inline constexpr std::string_view kAlreadyExists = "ALREADY_EXISTS";
inline constexpr std::string_view kRequestIdReused = "REQUEST_ID_REUSED";
inline constexpr std::string_view kInternal = "INTERNAL";
// RESOURCE_EXHAUSTED: the server has as many calls running and waiting as it takes; retry after
// the RetryInfo's delay.
inline constexpr std::string_view kServerBusy = "SERVER_BUSY";
// UNAVAILABLE: the service's database cannot write for now (its disk is full, or it reports I/O
// errors); nothing of the call was written. Retry after the RetryInfo's delay; the service reports
// NOT_SERVING on its health until the database writes again.
inline constexpr std::string_view kStoreUnavailable = "STORE_UNAVAILABLE";
}  // namespace reason

// What keeps a store from writing, in the ErrorInfo metadata of a STORE_UNAVAILABLE error under
// kStoreFaultCauseKey.
inline constexpr std::string_view kStoreFaultCauseKey = "cause";
inline constexpr std::string_view kStoreFaultDiskFull = "disk_full";
inline constexpr std::string_view kStoreFaultIoError = "io_error";
// The RetryInfo delay of a STORE_UNAVAILABLE error.
inline constexpr absl::Duration kStoreFaultRetryDelay = absl::Seconds(5);

// ErrorInfo metadata key: how many field violations an INVALID_ARGUMENT left out of its
// BadRequest (see FieldViolations and ToGrpcStatus), as a decimal string.
inline constexpr std::string_view kOmittedViolationsKey = "omitted_violations";

// A client-supplied value for an error message: in double quotes, with double quotes, backslashes
// and control characters escaped, cut after its first 64 code points (never inside a UTF-8
// sequence) with "…" added. Errors quote client input only through this, so that they stay small
// whatever the client sent.
std::string Quoted(std::string_view value);

// One invalid field. `field` is the request's field path in proto names, with indexes:
// "complaint.people[0].details.email".
struct FieldViolation {
  std::string field;
  std::string description;
};

// Collects every violation of a request so that they are all reported at once. A field reports
// its first problem only, and a list or message is not reported when one of its parts already is:
// Add is ignored for a field already listed or for a parent of one ("complaint.people" after
// "complaint.people[0].role"). So a value that could not be decoded is not reported again as
// "is required", nor its list as missing an entry.
//
// At most kMaxListed violations are listed, so that a request with a huge number of bad values
// costs linear time and a bounded error: further ones are only counted (omitted()), and the rule
// above sees the listed ones only.
class FieldViolations {
 public:
  static constexpr size_t kMaxListed = 50;

  void Add(std::string field, std::string description);
  // Adds each of `other`'s violations, under the same rule, and counts its omitted ones.
  void Append(const FieldViolations& other);
  // Whether `field`, or a part of it, is listed.
  bool Has(std::string_view field) const;
  bool empty() const { return violations_.empty(); }
  const std::vector<FieldViolation>& violations() const { return violations_; }
  // How many violations were added after kMaxListed were listed.
  size_t omitted() const { return omitted_; }
  // OK when empty; otherwise INVALID_ARGUMENT carrying the listed violations (see
  // InvalidArgument). When some were omitted, the message counts them too and the ErrorInfo has
  // metadata {kOmittedViolationsKey: "<omitted>"}.
  absl::Status ToStatus(std::string_view reason = reason::kInvalidArgument) const;

 private:
  std::vector<FieldViolation> violations_;
  size_t omitted_ = 0;
};

// INVALID_ARGUMENT with a BadRequest listing `violations` and an ErrorInfo with `reason`. The
// message names the first violation and how many there are.
absl::Status InvalidArgument(std::vector<FieldViolation> violations,
                             std::string_view reason = reason::kInvalidArgument);

// FAILED_PRECONDITION for a transition the current state does not allow: a PreconditionFailure
// with type "STATE", subject `resource_name` and a description naming `current_state`, plus an
// ErrorInfo with reason INVALID_STATE_TRANSITION (or `reason`) and metadata {"state": ...}.
absl::Status InvalidStateTransition(std::string_view resource_name, std::string_view current_state,
                                    std::string_view action,
                                    std::string_view reason = reason::kInvalidStateTransition);

// FAILED_PRECONDITION for any other unmet condition, with one PreconditionFailure violation.
absl::Status PreconditionFailed(std::string_view type, std::string_view subject,
                                std::string_view description, std::string_view reason);

// One unmet condition of a FAILED_PRECONDITION: google.rpc.PreconditionFailure.Violation.
struct PreconditionViolation {
  std::string type;
  std::string subject;
  std::string description;
};

// FAILED_PRECONDITION with `message` and a PreconditionFailure listing every one of `violations`
// (at most FieldViolations::kMaxListed; the message counts all of them), plus an ErrorInfo with
// `reason`. For a condition with several independent failures, such as each place a published
// text names a person.
absl::Status PreconditionsFailed(std::string_view message,
                                 const std::vector<PreconditionViolation>& violations,
                                 std::string_view reason);

// NOT_FOUND for `resource_name`, with ErrorInfo reason NOT_FOUND and metadata {"resource": ...}.
absl::Status NotFound(std::string_view resource_name);

// ALREADY_EXISTS for `resource_name`.
absl::Status AlreadyExists(std::string_view resource_name);

// ABORTED: the etag sent does not match the resource's current one.
absl::Status EtagMismatch(std::string_view resource_name);

// Adds (or replaces) the ErrorInfo of `status` with `reason` and metadata. The domain is filled in
// by ToGrpcStatus.
absl::Status WithErrorInfo(absl::Status status, std::string_view reason,
                           std::vector<std::pair<std::string, std::string>> metadata = {});

// Adds (or replaces) a google.rpc.RetryInfo telling the client how long to wait before retrying.
absl::Status WithRetryDelay(absl::Status status, absl::Duration delay);
// The RetryInfo's delay of `status`, when it has one.
std::optional<absl::Duration> RetryDelayOf(const absl::Status& status);

// UNAVAILABLE with `message` for a store that cannot write for now because of `cause`
// (kStoreFaultDiskFull, kStoreFaultIoError): an ErrorInfo with reason STORE_UNAVAILABLE and
// metadata {kStoreFaultCauseKey: cause}, and a RetryInfo of kStoreFaultRetryDelay. Storage layers
// mark it WithInternalDetail as they do every error, since `message` may name files.
absl::Status StoreCannotWrite(std::string_view message, std::string_view cause);
// Whether `status` is such an error (its ErrorInfo reason is STORE_UNAVAILABLE).
bool IsStoreCannotWrite(const absl::Status& status);

// Marks `status` as having internal detail in its message (SQL, table or file names, a library's
// own text). The storage layers (common/store/) mark every error they make; ClientStatus
// (handler.h) answers a marked status with its code, its details (ErrorInfo, BadRequest, ...) and
// WithoutInternalDetail's generic message, and logs the original. So no client sees the inside of
// the database, however a store passes an error on.
absl::Status WithInternalDetail(absl::Status status);
bool HasInternalDetail(const absl::Status& status);
// `status` (marked) with its message replaced by a generic one for its code ("the database is busy
// or unreachable; retry the call" for UNAVAILABLE, ...) and the mark removed; other payloads kept.
absl::Status WithoutInternalDetail(const absl::Status& status);

// The details a status carries, read back from its payloads (for tests and logs).
std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status);
std::string ErrorReasonOf(const absl::Status& status);
std::vector<PreconditionViolation> PreconditionViolationsOf(
    const absl::Status& status);  // "" when there is no ErrorInfo

}  // namespace redress
