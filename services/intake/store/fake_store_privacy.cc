// FakeStore's personal-data methods (store.h, docs/privacy.md).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/intake/personal_data.h"
#include "services/intake/store/fake_store.h"

namespace redress::intake {
namespace {

std::string ComplaintName(std::string_view id) {
  return std::string(kComplaintsCollection) + std::string(id);
}

}  // namespace

absl::StatusOr<std::vector<std::string>> FakeStore::FindComplaintsByEmail(
    std::string_view normalised_email) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  std::vector<std::string> ids;
  for (const auto& [sequence, id] : complaint_ids_by_sequence_) {
    for (const Person& person : complaints_.at(id).people) {
      if (!person.details.email.empty() &&
          NormaliseEmail(person.details.email) == normalised_email) {
        ids.push_back(id);
        break;
      }
    }
  }
  return ids;
}

absl::StatusOr<std::optional<absl::Time>> FakeStore::GetErasureTime(std::string_view id) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  if (complaints_.find(id) == complaints_.end()) return NotFound(ComplaintName(id));
  auto it = erase_times_.find(id);
  if (it == erase_times_.end()) return std::optional<absl::Time>();
  return std::optional<absl::Time>(it->second);
}

absl::Status FakeStore::EraseComplaint(const Complaint& erased, int64_t expected_version,
                                       absl::Time erase_time) {
  RETURN_IF_ERROR(BeginWrite());
  absl::MutexLock lock(&mu_);
  auto it = complaints_.find(erased.id);
  if (it == complaints_.end()) return NotFound(ComplaintName(erased.id));
  if (it->second.version != expected_version) return EtagMismatch(ComplaintName(erased.id));
  for (const auto& [outbox_id, entry] : outbox_) {
    if (entry.handoff.complaint_id == erased.id && !entry.delivered_time.has_value() &&
        !entry.parking.discard_time.has_value()) {
      return PreconditionFailed("HANDOFF", ComplaintName(erased.id),
                                "its hand-off to investigation is not yet delivered",
                                kReasonHandoffPending);
    }
  }
  if (erase_times_.count(erased.id) > 0) return AlreadyExists(ComplaintName(erased.id));
  const int64_t sequence = it->second.sequence;
  it->second = erased;
  it->second.sequence = sequence;
  for (auto& [outbox_id, entry] : outbox_) {
    if (entry.handoff.complaint_id == erased.id) entry.handoff = ErasedHandoff(entry.handoff);
  }
  erase_times_[erased.id] = erase_time;
  AppendAuditLocked(ComplaintName(erased.id), "",
                    absl::StrCat(erased.version, " ", absl::FormatTime(erased.update_time),
                                 " erased ", absl::FormatTime(erase_time)));
  CountSuccessfulWrite();
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> FakeStore::ListErasableComplaints(absl::Time closed_before,
                                                                           int limit) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  std::vector<std::string> ids;
  for (const auto& [sequence, id] : complaint_ids_by_sequence_) {
    if (static_cast<int>(ids.size()) >= limit) break;
    const Complaint& complaint = complaints_.at(id);
    if (IsClosedForErasure(complaint.state) && complaint.update_time < closed_before &&
        erase_times_.count(id) == 0) {
      ids.push_back(id);
    }
  }
  return ids;
}

}  // namespace redress::intake
