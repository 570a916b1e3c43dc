#include "services/remedy/store/fake_store.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <random>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/remedy/personal_data.h"
#include "services/remedy/store/audit_resources.h"

namespace redress::remedy {
namespace {

std::string RecommendationName(std::string_view id) { return "recommendations/" + std::string(id); }
std::string SummaryName(std::string_view investigation_id) {
  return "caseSummaries/" + std::string(investigation_id);
}

bool Matches(const RecommendationQuery& q, const Recommendation& r) {
  if (!q.states.empty() && std::find(q.states.begin(), q.states.end(), r.state) == q.states.end()) {
    return false;
  }
  if (q.organisation_id.has_value() && r.organisation_id != *q.organisation_id) return false;
  if (q.owner.has_value() && r.owner != *q.owner) return false;
  if (q.investigation_id.has_value() && r.investigation_id != *q.investigation_id) return false;
  if (q.target_date_from.has_value() && r.target_date < *q.target_date_from) return false;
  if (q.target_date_to.has_value() && r.target_date > *q.target_date_to) return false;
  return true;
}

std::string AcknowledgementName(const IssueAcknowledgement& a) {
  return absl::StrCat(SummaryName(a.investigation_id), "/acknowledgements/", a.issue_id);
}

std::string RandomKey() {
  std::random_device random;
  std::string key(kIssueKeyBytes, '\0');
  for (char& byte : key) byte = static_cast<char>(random() & 0xFF);
  return key;
}

}  // namespace

FakeStore::FakeStore() : issue_key_(RandomKey()) {}

// --- Test hooks. ---

int FakeStore::recommendation_count() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(recommendations_.size());
}

int FakeStore::receipt_count() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(receipts_.size());
}

int FakeStore::case_summary_count() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(summaries_.size());
}

// --- Audit log. ---

void FakeStore::AppendAuditLocked(std::string resource, std::string_view state) {
  audit_log_.AppendChange("remedy", std::move(resource), "", state);
}

void FakeStore::AppendRecommendationAuditLocked(const Recommendation& recommendation) {
  AppendAuditLocked(
      audit_resources::Recommendation(recommendation.id),
      absl::StrCat(recommendation.version, " ", absl::FormatTime(recommendation.update_time)));
}

absl::StatusOr<std::vector<audit::AuditEntry>> FakeStore::ListAuditEntries(int64_t after_sequence,
                                                                           int limit) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  return audit_log_.List(after_sequence, limit);
}

// --- Recommendations. ---

absl::StatusOr<Recommendation> FakeStore::GetRecommendation(std::string_view id) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  auto it = recommendations_.find(id);
  if (it == recommendations_.end()) return NotFound(RecommendationName(id));
  return it->second;
}

absl::StatusOr<std::vector<Recommendation>> FakeStore::ListRecommendations(
    const RecommendationQuery& query) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  std::vector<Recommendation> result;
  for (auto it = ids_by_sequence_.upper_bound(query.after_sequence);
       it != ids_by_sequence_.end() && static_cast<int>(result.size()) < query.limit; ++it) {
    const Recommendation& recommendation = recommendations_.find(it->second)->second;
    if (Matches(query, recommendation)) result.push_back(recommendation);
  }
  return result;
}

absl::StatusOr<int64_t> FakeStore::CountRecommendations(const RecommendationQuery& query) {
  ASSIGN_OR_RETURN(std::vector<Recommendation> found, ListRecommendations(query));
  return static_cast<int64_t>(found.size());
}

absl::Status FakeStore::CheckHandoffLocked(const DecisionReceipt& receipt,
                                           const std::vector<Recommendation>& created,
                                           const std::vector<Recommendation>& changed) const {
  for (const Recommendation& s : changed) {
    if (recommendations_.count(s.id) == 0) return NotFound(RecommendationName(s.id));
  }
  for (const Recommendation& s : changed) {
    if (recommendations_.find(s.id)->second.version != s.version - 1) {
      return EtagMismatch(RecommendationName(s.id));
    }
  }
  if (receipts_.count(receipt.handoff_key) > 0) return AlreadyExists(receipt.handoff_key);
  std::set<std::string_view> new_ids;
  for (const Recommendation& c : created) {
    if (recommendations_.count(c.id) > 0 || !new_ids.insert(c.id).second) {
      return AlreadyExists(RecommendationName(c.id));
    }
  }
  if ((!created.empty() || !changed.empty()) && erase_times_.count(receipt.investigation_id) > 0) {
    return CaseErased(receipt.investigation_id);
  }
  return absl::OkStatus();
}

absl::Status FakeStore::ReceiveHandoff(const DecisionReceipt& receipt,
                                       const std::vector<Recommendation>& created,
                                       const std::vector<Recommendation>& changed) {
  RETURN_IF_ERROR(BeginWrite());
  absl::MutexLock lock(&mu_);
  RETURN_IF_ERROR(CheckHandoffLocked(receipt, created, changed));
  receipts_[receipt.handoff_key] = receipt;
  for (const Recommendation& c : created) {
    Recommendation stored = c;
    stored.sequence = ++last_sequence_;
    ids_by_sequence_[stored.sequence] = c.id;
    recommendations_[c.id] = std::move(stored);
  }
  for (const Recommendation& s : changed) {
    Recommendation& stored = recommendations_.find(s.id)->second;
    const int64_t sequence = stored.sequence;
    stored = s;
    stored.sequence = sequence;
  }
  AppendAuditLocked(audit_resources::Receipt(receipt.handoff_key),
                    absl::StrCat(receipt.fingerprint, " ", absl::FormatTime(receipt.receive_time)));
  for (const Recommendation& r : created) AppendRecommendationAuditLocked(r);
  for (const Recommendation& r : changed) AppendRecommendationAuditLocked(r);
  CountSuccessfulWrite();
  return absl::OkStatus();
}

absl::StatusOr<std::optional<DecisionReceipt>> FakeStore::FindDecisionReceipt(
    std::string_view handoff_key) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  auto it = receipts_.find(handoff_key);
  if (it == receipts_.end()) return std::optional<DecisionReceipt>();
  return std::optional<DecisionReceipt>(it->second);
}

absl::Status FakeStore::UpdateRecommendation(const Recommendation& recommendation,
                                             int64_t expected_version) {
  RETURN_IF_ERROR(BeginWrite());
  absl::MutexLock lock(&mu_);
  auto it = recommendations_.find(recommendation.id);
  if (it == recommendations_.end()) return NotFound(RecommendationName(recommendation.id));
  if (it->second.version != expected_version) {
    return EtagMismatch(RecommendationName(recommendation.id));
  }
  const int64_t sequence = it->second.sequence;
  it->second = recommendation;
  it->second.sequence = sequence;
  AppendRecommendationAuditLocked(recommendation);
  CountSuccessfulWrite();
  return absl::OkStatus();
}

// --- Case summaries. ---

absl::StatusOr<CaseSummary> FakeStore::GetCaseSummary(std::string_view investigation_id,
                                                      int version) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  const std::string id(investigation_id);
  if (version == 0) {
    // The latest: the last key up to (id, the largest version).
    auto it = summaries_.upper_bound({id, std::numeric_limits<int>::max()});
    if (it != summaries_.begin() && std::prev(it)->first.first == id) return std::prev(it)->second;
    return NotFound(SummaryName(investigation_id));
  }
  auto it = summaries_.find({id, version});
  if (it == summaries_.end()) return NotFound(SummaryName(investigation_id));
  return it->second;
}

absl::Status FakeStore::InsertCaseSummary(const CaseSummary& summary) {
  RETURN_IF_ERROR(BeginWrite());
  if (summary.version < 1 || !summary.publish_time.has_value()) {
    return absl::InvalidArgumentError(
        "a stored case summary needs a version of 1 or more and a publish time");
  }
  absl::MutexLock lock(&mu_);
  auto [it, inserted] =
      summaries_.try_emplace({summary.investigation_id, summary.version}, summary);
  if (!inserted) return AlreadyExists(SummaryName(summary.investigation_id));
  AppendAuditLocked(audit_resources::CaseSummary(summary.investigation_id),
                    absl::StrCat("version ", summary.version));
  CountSuccessfulWrite();
  return absl::OkStatus();
}

// --- Anonymisation issues. ---

absl::StatusOr<std::string> FakeStore::GetIssueKey() {
  RETURN_IF_ERROR(ReadFailure());
  return issue_key_;
}

absl::Status FakeStore::InsertIssueAcknowledgement(const IssueAcknowledgement& acknowledgement) {
  RETURN_IF_ERROR(BeginWrite());
  if (acknowledgement.acknowledge_time == absl::InfinitePast()) {
    return absl::InvalidArgumentError("a stored acknowledgement needs an acknowledge time");
  }
  absl::MutexLock lock(&mu_);
  for (const IssueAcknowledgement& known : acknowledgements_) {
    if (known.investigation_id == acknowledgement.investigation_id &&
        known.issue_id == acknowledgement.issue_id) {
      return AlreadyExists(AcknowledgementName(acknowledgement));
    }
  }
  acknowledgements_.push_back(acknowledgement);
  AppendAuditLocked(
      audit_resources::Acknowledgement(acknowledgement.investigation_id, acknowledgement.issue_id),
      absl::StrCat(acknowledgement.caseworker, " ", acknowledgement.reason));
  CountSuccessfulWrite();
  return absl::OkStatus();
}

absl::StatusOr<std::vector<IssueAcknowledgement>> FakeStore::ListIssueAcknowledgements(
    std::string_view investigation_id) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  std::vector<IssueAcknowledgement> found;
  for (const IssueAcknowledgement& a : acknowledgements_) {
    if (a.investigation_id == investigation_id) found.push_back(a);
  }
  return found;
}

}  // namespace redress::remedy
