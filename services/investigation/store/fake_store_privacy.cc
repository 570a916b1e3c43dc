// FakeStore's personal-data methods (store.h, docs/privacy.md).
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/investigation/personal_data.h"
#include "services/investigation/store/fake_store.h"

namespace redress::investigation {
namespace {

std::string InvestigationName(std::string_view id) {
  return std::string(kInvestigationsCollection) + std::string(id);
}

}  // namespace

absl::StatusOr<std::vector<std::string>> FakeStore::FindInvestigationsByComplaint(
    std::string_view complaint) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  std::vector<std::string> ids;
  for (const auto& [sequence, id] : ids_by_sequence_) {
    if (investigations_.at(id).complaint.complaint == complaint) ids.push_back(id);
  }
  return ids;
}

absl::StatusOr<std::optional<absl::Time>> FakeStore::GetErasureTime(std::string_view id) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  if (investigations_.find(id) == investigations_.end()) return NotFound(InvestigationName(id));
  auto it = erase_times_.find(id);
  if (it == erase_times_.end()) return std::optional<absl::Time>();
  return std::optional<absl::Time>(it->second);
}

absl::Status FakeStore::EraseInvestigation(const Investigation& erased, int64_t expected_version,
                                           absl::Time erase_time) {
  RETURN_IF_ERROR(BeginWrite());
  absl::MutexLock lock(&mu_);
  auto it = investigations_.find(erased.id);
  if (it == investigations_.end()) return NotFound(InvestigationName(erased.id));
  if (it->second.version != expected_version) return EtagMismatch(InvestigationName(erased.id));
  for (const auto& [outbox_id, entry] : outbox_) {
    if (HandoffInvestigationId(entry.handoff) == erased.id && !entry.delivered_time.has_value() &&
        !entry.parking.discard_time.has_value()) {
      return PreconditionFailed("HANDOFF", InvestigationName(erased.id),
                                "a hand-off of it to remedy is not yet delivered",
                                kReasonHandoffPending);
    }
  }
  if (erase_times_.count(erased.id) > 0) return AlreadyExists(InvestigationName(erased.id));
  ASSIGN_OR_RETURN(Investigation merged, MergeLocked(it->second, erased, ListsToWrite::All()));
  // Every item kept, not only those `erased` carries.
  std::vector<std::string> erased_items;
  const std::string name = InvestigationName(erased.id);
  for (EvidenceItem& item : merged.evidence) {
    if (item.description.empty() || item.description == kErasedText) continue;
    item.description = kErasedText;
    erased_items.push_back(absl::StrCat(name, "/evidence/", item.evidence_id));
  }
  if (merged.provisional_view.has_value()) {
    for (Comment& comment : merged.provisional_view->comments) {
      if (comment.text.empty() || comment.text == kErasedText) continue;
      comment.text = kErasedText;
      erased_items.push_back(absl::StrCat(name, "/comments/", comment.comment_id));
    }
  }
  merged.sequence = it->second.sequence;
  it->second = std::move(merged);
  for (auto& [outbox_id, entry] : outbox_) {
    if (HandoffInvestigationId(entry.handoff) == erased.id) {
      entry.handoff = ErasedHandoff(std::move(entry.handoff));
    }
  }
  erase_times_[erased.id] = erase_time;
  audit_log_.AppendChange("investigation", name, "",
                          absl::StrCat(erased.version, " ", absl::FormatTime(erased.update_time),
                                       " erased ", absl::FormatTime(erase_time)));
  for (const std::string& item : erased_items) {
    audit_log_.AppendChange("investigation", item, "", kErasedText);
  }
  CountSuccessfulWrite();
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> FakeStore::ListErasableInvestigations(
    absl::Time closed_before, int limit) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  std::vector<std::string> ids;
  for (const auto& [sequence, id] : ids_by_sequence_) {
    if (static_cast<int>(ids.size()) >= limit) break;
    const Investigation& investigation = investigations_.at(id);
    if (IsClosedForErasure(investigation.state) && investigation.update_time < closed_before &&
        erase_times_.count(id) == 0) {
      ids.push_back(id);
    }
  }
  return ids;
}

}  // namespace redress::investigation
