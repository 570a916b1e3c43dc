#include "common/handoff_status.h"

#include <algorithm>
#include <cstdint>

#include "common/proto_time.h"
#include "common/request_fingerprint.h"
#include "common/status_macros.h"

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
  status.set_parked_count(backlog.parked);
  return status;
}

namespace {

namespace cv1 = ::redress::common::v1;

cv1::Handoff::State StateToProto(OutboxState state) {
  switch (state) {
    case OutboxState::kPending:
      return cv1::Handoff::STATE_PENDING;
    case OutboxState::kParked:
      return cv1::Handoff::STATE_PARKED;
    case OutboxState::kDelivered:
      return cv1::Handoff::STATE_DELIVERED;
    case OutboxState::kDiscarded:
      return cv1::Handoff::STATE_DISCARDED;
  }
  return cv1::Handoff::STATE_UNSPECIFIED;
}

cv1::Handoff::ParkReason ParkReasonToProto(ParkReason reason) {
  switch (reason) {
    case ParkReason::kRefused:
      return cv1::Handoff::PARK_REASON_REFUSED;
    case ParkReason::kUndecodable:
      return cv1::Handoff::PARK_REASON_UNDECODABLE;
    case ParkReason::kAttemptsExhausted:
      return cv1::Handoff::PARK_REASON_ATTEMPTS_EXHAUSTED;
    case ParkReason::kUnspecified:
      break;
  }
  return cv1::Handoff::PARK_REASON_UNSPECIFIED;
}

// Sets the field `mutable_field()` returns to `time`, if any; leaves it unset (not even
// created) otherwise.
template <typename MutableField>
void SetTime(const std::optional<absl::Time>& time, MutableField mutable_field) {
  if (time.has_value()) *mutable_field() = TimeToProto(*time);
}

absl::Status NotDelivering() {
  return absl::UnimplementedError("this server does not deliver hand-offs");
}

}  // namespace

cv1::Handoff StoredHandoffToProto(const StoredHandoff& handoff) {
  cv1::Handoff out;
  out.set_name(HandoffName(handoff.id));
  out.set_handoff_key(handoff.handoff_key);
  out.set_case_name(handoff.order_key);
  const OutboxState state = handoff.state();
  out.set_state(StateToProto(state));
  out.set_summary(handoff.summary);
  *out.mutable_create_time() = TimeToProto(handoff.create_time);
  out.set_attempts(handoff.attempts);
  SetTime(handoff.last_attempt_time, [&] { return out.mutable_last_attempt_time(); });
  out.set_last_error(handoff.last_error);
  if (state == OutboxState::kParked) {
    out.set_park_reason(ParkReasonToProto(handoff.parking.park_reason));
    SetTime(handoff.parking.park_time, [&] { return out.mutable_park_time(); });
  }
  SetTime(handoff.delivered_time, [&] { return out.mutable_deliver_time(); });
  SetTime(handoff.parking.discard_time, [&] { return out.mutable_discard_time(); });
  out.set_discarded_by(handoff.parking.discarded_by);
  out.set_discard_reason(handoff.parking.discard_reason);
  return out;
}

absl::Status ListParkedHandoffs(ParkedHandoffs* parked,
                                const cv1::ListParkedHandoffsRequest& request,
                                cv1::ListParkedHandoffsResponse* response) {
  if (parked == nullptr) return NotDelivering();
  ASSIGN_OR_RETURN(ParkedHandoffs::Page page,
                   parked->List(request.page_size(), request.page_token()));
  for (const StoredHandoff& handoff : page.handoffs) {
    *response->add_handoffs() = StoredHandoffToProto(handoff);
  }
  response->set_next_page_token(page.next_page_token);
  response->set_total_size(page.total_size);
  return absl::OkStatus();
}

absl::Status GetHandoff(ParkedHandoffs* parked, const cv1::GetHandoffRequest& request,
                        cv1::Handoff* response) {
  if (parked == nullptr) return NotDelivering();
  ASSIGN_OR_RETURN(StoredHandoff handoff, parked->Get(request.name()));
  *response = StoredHandoffToProto(handoff);
  return absl::OkStatus();
}

absl::Status RedriveHandoff(ParkedHandoffs* parked, const cv1::RedriveHandoffRequest& request,
                            cv1::Handoff* response) {
  if (parked == nullptr) return NotDelivering();
  ASSIGN_OR_RETURN(StoredHandoff handoff, parked->Redrive(request.name(), request.request_id(),
                                                          RequestFingerprint(request)));
  *response = StoredHandoffToProto(handoff);
  return absl::OkStatus();
}

absl::Status DiscardHandoff(ParkedHandoffs* parked, const std::string& actor,
                            const cv1::DiscardHandoffRequest& request, cv1::Handoff* response) {
  if (parked == nullptr) return NotDelivering();
  ASSIGN_OR_RETURN(StoredHandoff handoff,
                   parked->Discard(request.name(), request.request_id(), request.reason(), actor,
                                   RequestFingerprint(request)));
  *response = StoredHandoffToProto(handoff);
  return absl::OkStatus();
}

}  // namespace redress
