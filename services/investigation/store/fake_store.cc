#include "services/investigation/store/fake_store.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/trace_context.h"

namespace redress::investigation {
namespace {

std::string InvestigationName(std::string_view id) {
  return std::string(kInvestigationsCollection) + std::string(id);
}

bool Matches(const InvestigationQuery& q, const Investigation& i) {
  if (q.state.has_value() && i.state != *q.state) return false;
  if (q.caseworker.has_value() && i.caseworker != *q.caseworker) return false;
  if (q.owner.has_value() && i.owner != *q.owner) return false;
  if (q.organisation.has_value() &&
      std::none_of(
          i.organisations_investigated.begin(), i.organisations_investigated.end(),
          [&](const OrganisationInvestigated& o) { return o.organisation == *q.organisation; })) {
    return false;
  }
  if (q.target_date_from.has_value() || q.target_date_to.has_value()) {
    if (!i.scope.has_value()) return false;
    if (q.target_date_from.has_value() && i.scope->target_date < *q.target_date_from) return false;
    if (q.target_date_to.has_value() && i.scope->target_date > *q.target_date_to) return false;
  }
  return true;
}

}  // namespace

// --- Test hooks. ---

int FakeStore::investigation_count() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(investigations_.size());
}

std::vector<OutboxEntry> FakeStore::outbox() const {
  absl::MutexLock lock(&mu_);
  std::vector<OutboxEntry> entries;
  for (const auto& [id, entry] : outbox_) entries.push_back(entry);
  return entries;
}

void FakeStore::RecordRequestLocked(const RequestRecord& request) {
  requests_[{request.scope, request.request_id}] = request;
}

bool FakeStore::RequestExistsLocked(const RequestRecord& request) const {
  return requests_.count({request.scope, request.request_id}) > 0;
}

bool FakeStore::HandoffKeyTakenLocked(std::string_view handoff_key) const {
  return std::any_of(outbox_.begin(), outbox_.end(),
                     [&](const auto& e) { return HandoffKey(e.second.handoff) == handoff_key; });
}

void FakeStore::AppendAuditLocked(const Investigation& investigation, std::string request_id) {
  audit_log_.AppendChange(
      "investigation", InvestigationName(investigation.id), std::move(request_id),
      absl::StrCat(investigation.version, " ", absl::FormatTime(investigation.update_time)));
}

absl::StatusOr<std::vector<audit::AuditEntry>> FakeStore::ListAuditEntries(int64_t after_sequence,
                                                                           int limit) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  return audit_log_.List(after_sequence, limit);
}

// --- Investigations. ---

absl::StatusOr<Investigation> FakeStore::GetInvestigation(std::string_view id) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  auto it = investigations_.find(id);
  if (it == investigations_.end()) return NotFound(InvestigationName(id));
  return it->second;
}

absl::StatusOr<std::vector<Investigation>> FakeStore::ListInvestigations(
    const InvestigationQuery& query) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  std::vector<Investigation> result;
  for (auto it = ids_by_sequence_.upper_bound(query.after_sequence);
       it != ids_by_sequence_.end() && static_cast<int>(result.size()) < query.limit; ++it) {
    const Investigation& investigation = investigations_.find(it->second)->second;
    if (Matches(query, investigation)) result.push_back(investigation);
  }
  return result;
}

absl::StatusOr<int64_t> FakeStore::InsertInvestigation(const Investigation& investigation,
                                                       const RequestRecord& request) {
  RETURN_IF_ERROR(BeginWrite());
  absl::MutexLock lock(&mu_);
  if (investigations_.count(investigation.id) > 0) {
    return AlreadyExists(InvestigationName(investigation.id));
  }
  if (RequestExistsLocked(request)) return AlreadyExists(RequestName(request));
  const int64_t sequence = ++last_sequence_;
  Investigation stored = investigation;
  stored.sequence = sequence;
  investigations_[investigation.id] = std::move(stored);
  ids_by_sequence_[sequence] = investigation.id;
  RecordRequestLocked(request);
  AppendAuditLocked(investigation, request.request_id);
  CountSuccessfulWrite();
  return sequence;
}

absl::Status FakeStore::UpdateInvestigation(const Investigation& investigation,
                                            int64_t expected_version,
                                            const std::optional<Handoff>& handoff,
                                            const std::optional<RequestRecord>& request) {
  RETURN_IF_ERROR(BeginWrite());
  absl::MutexLock lock(&mu_);
  auto it = investigations_.find(investigation.id);
  if (it == investigations_.end()) return NotFound(InvestigationName(investigation.id));
  if (it->second.version != expected_version) {
    return EtagMismatch(InvestigationName(investigation.id));
  }
  if (handoff.has_value() && HandoffKeyTakenLocked(HandoffKey(*handoff))) {
    return AlreadyExists(HandoffKey(*handoff));
  }
  if (request.has_value() && RequestExistsLocked(*request)) {
    return AlreadyExists(RequestName(*request));
  }
  const int64_t sequence = it->second.sequence;
  it->second = investigation;
  it->second.sequence = sequence;
  if (handoff.has_value()) {
    OutboxEntry entry;
    entry.id = ++last_outbox_id_;
    entry.handoff = *handoff;
    entry.create_time = HandoffTime(*handoff);
    entry.traceparent = CurrentTraceparent();
    outbox_[entry.id] = std::move(entry);
  }
  if (request.has_value()) RecordRequestLocked(*request);
  AppendAuditLocked(investigation, request.has_value() ? request->request_id : "");
  CountSuccessfulWrite();
  return absl::OkStatus();
}

// --- Idempotency records. ---

absl::StatusOr<std::optional<RequestRecord>> FakeStore::FindRequest(std::string_view scope,
                                                                    std::string_view request_id) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  auto it = requests_.find(std::make_pair(std::string(scope), std::string(request_id)));
  if (it == requests_.end()) return std::optional<RequestRecord>();
  return std::optional<RequestRecord>(it->second);
}

// --- Outbox. ---

absl::StatusOr<std::vector<OutboxEntry>> FakeStore::ListOutbox(bool include_delivered, int limit) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  std::vector<OutboxEntry> result;
  for (auto it = outbox_.begin(); it != outbox_.end() && static_cast<int>(result.size()) < limit;
       ++it) {
    if (include_delivered || !it->second.delivered_time.has_value()) result.push_back(it->second);
  }
  return result;
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

}  // namespace redress::investigation
