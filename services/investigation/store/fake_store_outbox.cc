// FakeStore's outbox: delivery bookkeeping and parked hand-offs, by the rules the real stores
// share (common/testing/fake_outbox_parking.h).
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/testing/fake_outbox_parking.h"
#include "services/investigation/store/fake_store.h"

namespace redress::investigation {
namespace {

// The outbox's order key: an investigation's hand-offs are delivered in order
// (InvestigationOutbox).
std::string OrderKeyOf(const OutboxEntry& entry) { return HandoffInvestigationId(entry.handoff); }

}  // namespace

void FakeStore::AppendHandoffAuditLocked(int64_t outbox_id, const std::string& request_id,
                                         std::string_view what) {
  audit_log_.AppendChange("investigation", absl::StrCat("handoffs/", outbox_id), request_id, what);
}

// --- Outbox. ---

absl::StatusOr<std::vector<OutboxEntry>> FakeStore::ListOutbox(bool include_delivered, int limit) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  if (!include_delivered) {
    return testing::FakePendingEntries(outbox_, limit, /*claimable=*/false, OrderKeyOf);
  }
  std::vector<OutboxEntry> result;
  for (auto it = outbox_.begin(); it != outbox_.end() && static_cast<int>(result.size()) < limit;
       ++it) {
    result.push_back(it->second);
  }
  return result;
}

absl::StatusOr<std::vector<OutboxEntry>> FakeStore::ClaimOutbox(std::string_view /*claimant*/,
                                                                absl::Duration /*lease*/,
                                                                int limit) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  return testing::FakePendingEntries(outbox_, limit, /*claimable=*/true, OrderKeyOf);
}

absl::Status FakeStore::MarkDelivered(int64_t outbox_id, absl::Time when) {
  RETURN_IF_ERROR(BeginWrite());
  absl::MutexLock lock(&mu_);
  auto it = outbox_.find(outbox_id);
  if (it == outbox_.end()) return NotFound(absl::StrCat("outbox/", outbox_id));
  if (!it->second.delivered_time.has_value()) {
    it->second.delivered_time = when;
    ++it->second.attempts;
    it->second.handoff = DeliveredHandoff(std::move(it->second.handoff));
  }
  CountSuccessfulWrite();
  return absl::OkStatus();
}

absl::Status FakeStore::RecordFailedAttempt(int64_t outbox_id, absl::Time when, std::string error) {
  RETURN_IF_ERROR(BeginWrite());
  absl::MutexLock lock(&mu_);
  auto it = outbox_.find(outbox_id);
  if (it == outbox_.end()) return NotFound(absl::StrCat("outbox/", outbox_id));
  OutboxEntry& entry = it->second;
  if (!entry.delivered_time.has_value()) {
    ++entry.attempts;
    entry.last_attempt_time = when;
    entry.last_error = std::move(error);
  }
  CountSuccessfulWrite();
  return absl::OkStatus();
}

// --- Parked hand-offs. ---

absl::Status FakeStore::ParkOutboxEntry(int64_t outbox_id, absl::Time when, ParkReason reason,
                                        std::string error) {
  RETURN_IF_ERROR(BeginWrite());
  absl::MutexLock lock(&mu_);
  RETURN_IF_ERROR(testing::FakeParkEntry(outbox_, outbox_id, when, reason, std::move(error)));
  CountSuccessfulWrite();
  return absl::OkStatus();
}

absl::StatusOr<int64_t> FakeStore::CountParkedOutbox() {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  return testing::FakeCountParked(outbox_);
}

absl::StatusOr<std::vector<OutboxEntry>> FakeStore::ListParkedOutbox(int64_t after_id, int limit) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  return testing::FakeParkedEntries(outbox_, after_id, limit);
}

absl::StatusOr<OutboxEntry> FakeStore::GetOutboxEntry(int64_t outbox_id) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  auto it = outbox_.find(outbox_id);
  if (it == outbox_.end()) return NotFound(absl::StrCat("handoffs/", outbox_id));
  return it->second;
}

absl::Status FakeStore::RedriveOutboxEntry(int64_t outbox_id, const RequestRecord& request) {
  RETURN_IF_ERROR(BeginWrite());
  absl::MutexLock lock(&mu_);
  ASSIGN_OR_RETURN(OutboxEntry * entry, testing::FakeParkedEntry(outbox_, outbox_id, "re-drive"));
  if (RequestExistsLocked(request)) return AlreadyExists(RequestName(request));
  testing::FakeRedrive(*entry);
  RecordRequestLocked(request);
  AppendHandoffAuditLocked(outbox_id, request.request_id, "re-driven");
  CountSuccessfulWrite();
  return absl::OkStatus();
}

absl::Status FakeStore::DiscardOutboxEntry(int64_t outbox_id, const OutboxDiscard& discard,
                                           const RequestRecord& request) {
  RETURN_IF_ERROR(BeginWrite());
  absl::MutexLock lock(&mu_);
  ASSIGN_OR_RETURN(OutboxEntry * entry, testing::FakeParkedEntry(outbox_, outbox_id, "discard"));
  if (RequestExistsLocked(request)) return AlreadyExists(RequestName(request));
  testing::FakeDiscard(*entry, discard);
  RecordRequestLocked(request);
  AppendHandoffAuditLocked(outbox_id, request.request_id, "discarded");
  CountSuccessfulWrite();
  return absl::OkStatus();
}

absl::StatusOr<int64_t> FakeStore::PruneRequests(absl::Time created_before, int limit) {
  RETURN_IF_ERROR(BeginWrite());
  absl::MutexLock lock(&mu_);
  return ::redress::testing::FakePruneRequests(requests_, request_times_, created_before,
                                               HandoffRequestMethods(), limit);
}

absl::StatusOr<int64_t> FakeStore::PruneOutbox(absl::Time finished_before, int limit) {
  RETURN_IF_ERROR(BeginWrite());
  absl::MutexLock lock(&mu_);
  return ::redress::testing::FakePruneFinished(outbox_, finished_before, limit);
}

}  // namespace redress::investigation
