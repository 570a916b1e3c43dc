#include "common/handoff_status.h"

#include <algorithm>
#include <cstdint>

#include "common/proto_time.h"

namespace redress {

redress::common::v1::HandoffStatus HandoffStatusToProto(const OutboxBacklog& backlog) {
  redress::common::v1::HandoffStatus status;
  status.set_pending_count(backlog.pending);
  if (backlog.oldest_create_time.has_value()) {
    *status.mutable_oldest_pending_create_time() = TimeToProto(*backlog.oldest_create_time);
    const absl::Duration age =
        std::max(backlog.as_of - *backlog.oldest_create_time, absl::ZeroDuration());
    const int64_t seconds = absl::ToInt64Seconds(age);  // age >= 0: whole seconds
    status.mutable_oldest_pending_age()->set_seconds(seconds);
    status.mutable_oldest_pending_age()->set_nanos(
        static_cast<int32_t>(absl::ToInt64Nanoseconds(age - absl::Seconds(seconds))));
  }
  status.set_last_error(backlog.last_error);
  if (backlog.last_attempt.has_value()) {
    *status.mutable_last_attempt_time() = TimeToProto(*backlog.last_attempt);
  }
  status.set_delivered_count(backlog.delivered_total);
  return status;
}

}  // namespace redress
