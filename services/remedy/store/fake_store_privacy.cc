// FakeStore's personal-data methods (store.h, docs/privacy.md).
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/remedy/personal_data.h"
#include "services/remedy/store/audit_resources.h"
#include "services/remedy/store/fake_store.h"

namespace redress::remedy {
namespace {

std::string RecommendationName(std::string_view id) { return "recommendations/" + std::string(id); }
std::string InvestigationName(std::string_view id) { return "investigations/" + std::string(id); }

}  // namespace

bool FakeStore::HoldsCaseLocked(std::string_view investigation_id) const {
  for (const auto& [id, recommendation] : recommendations_) {
    if (recommendation.investigation_id == investigation_id) return true;
  }
  for (const auto& [key, receipt] : receipts_) {
    if (receipt.investigation_id == investigation_id) return true;
  }
  for (const IssueAcknowledgement& a : acknowledgements_) {
    if (a.investigation_id == investigation_id) return true;
  }
  for (const auto& [key, summary] : summaries_) {
    if (key.first == investigation_id) return true;
  }
  return false;
}

absl::StatusOr<std::vector<std::string>> FakeStore::FindCasesByComplaint(
    std::string_view complaint) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (const auto& [sequence, id] : ids_by_sequence_) {
    const Recommendation& recommendation = recommendations_.find(id)->second;
    if (recommendation.complaint == complaint &&
        seen.insert(recommendation.investigation_id).second) {
      ids.push_back(recommendation.investigation_id);
    }
  }
  return ids;
}

absl::StatusOr<bool> FakeStore::HoldsCase(std::string_view investigation_id) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  return HoldsCaseLocked(investigation_id);
}

absl::StatusOr<std::optional<absl::Time>> FakeStore::GetCaseErasureTime(
    std::string_view investigation_id) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  auto it = erase_times_.find(investigation_id);
  if (it == erase_times_.end()) return std::optional<absl::Time>();
  return std::optional<absl::Time>(it->second);
}

absl::Status FakeStore::CheckErasureLocked(std::string_view investigation_id,
                                           const std::vector<Recommendation>& erased) const {
  if (!HoldsCaseLocked(investigation_id)) return NotFound(InvestigationName(investigation_id));
  for (const Recommendation& r : erased) {
    if (recommendations_.count(r.id) == 0) return NotFound(RecommendationName(r.id));
  }
  std::set<std::string_view> named;
  for (const Recommendation& r : erased) {
    if (recommendations_.find(r.id)->second.version != r.version - 1 ||
        r.investigation_id != investigation_id) {
      return EtagMismatch(RecommendationName(r.id));
    }
    named.insert(r.id);
  }
  for (const auto& [id, recommendation] : recommendations_) {
    if (recommendation.investigation_id == investigation_id && named.count(id) == 0) {
      return EtagMismatch(InvestigationName(investigation_id));
    }
  }
  if (erase_times_.count(investigation_id) > 0) {
    return AlreadyExists(InvestigationName(investigation_id));
  }
  return absl::OkStatus();
}

absl::Status FakeStore::EraseCase(std::string_view investigation_id,
                                  const std::vector<Recommendation>& erased,
                                  absl::Time erase_time) {
  RETURN_IF_ERROR(BeginWrite());
  absl::MutexLock lock(&mu_);
  RETURN_IF_ERROR(CheckErasureLocked(investigation_id, erased));
  for (const Recommendation& r : erased) {
    Recommendation& stored = recommendations_.find(r.id)->second;
    const int64_t sequence = stored.sequence;
    stored = r;
    stored.sequence = sequence;
    AppendRecommendationAuditLocked(r);
  }
  for (IssueAcknowledgement& a : acknowledgements_) {
    if (a.investigation_id != investigation_id) continue;
    a = ErasedAcknowledgement(a);
    AppendAuditLocked(audit_resources::Acknowledgement(a.investigation_id, a.issue_id),
                      absl::StrCat(a.caseworker, " ", a.reason));
  }
  erase_times_.emplace(std::string(investigation_id), erase_time);
  AppendAuditLocked(audit_resources::Erasure(investigation_id),
                    absl::StrCat("erased ", absl::FormatTime(erase_time)));
  CountSuccessfulWrite();
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> FakeStore::ListErasableCases(absl::Time closed_before,
                                                                      int limit) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  // Each case's recommendations in order, cases by their first.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const Recommendation*>> of_case;
  for (const auto& [sequence, id] : ids_by_sequence_) {
    const Recommendation& r = recommendations_.find(id)->second;
    auto [it, inserted] = of_case.try_emplace(r.investigation_id);
    if (inserted) order.push_back(r.investigation_id);
    it->second.push_back(&r);
  }
  std::vector<std::string> ids;
  for (const std::string& investigation_id : order) {
    if (static_cast<int>(ids.size()) >= limit) break;
    if (erase_times_.count(investigation_id) > 0) continue;
    bool erasable = true;
    for (const Recommendation* r : of_case[investigation_id]) {
      if (IsOpen(r->state) || r->update_time >= closed_before) erasable = false;
    }
    if (erasable) ids.push_back(investigation_id);
  }
  return ids;
}

}  // namespace redress::remedy
