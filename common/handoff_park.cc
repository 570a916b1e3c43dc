#include "common/handoff_park.h"

namespace redress {

bool IsPermanentRefusal(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kOutOfRange:
      return true;
    default:
      return false;
  }
}

bool IsDelay(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kCancelled:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kAborted:
      return true;
    default:
      return false;
  }
}

std::optional<ParkReason> ParkAfterFailure(const absl::Status& delivery, int answered_failures,
                                           int max_attempts) {
  if (IsPermanentRefusal(delivery.code())) return ParkReason::kRefused;
  if (IsDelay(delivery.code())) return std::nullopt;
  if (max_attempts > 0 && answered_failures >= max_attempts) {
    return ParkReason::kAttemptsExhausted;
  }
  return std::nullopt;
}

}  // namespace redress
