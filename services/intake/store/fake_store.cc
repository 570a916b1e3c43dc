#include "services/intake/store/fake_store.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/audit/audit_scope.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/testing/fake_outbox_parking.h"
#include "common/trace_context.h"

namespace redress::intake {
namespace {

// The outbox's order key: a complaint's hand-offs are delivered in order (IntakeOutbox).
std::string OrderKeyOf(const OutboxEntry& entry) { return entry.handoff.complaint_id; }

std::string OrganisationName(std::string_view id) {
  return std::string(kOrganisationsCollection) + std::string(id);
}
std::string ComplaintName(std::string_view id) {
  return std::string(kComplaintsCollection) + std::string(id);
}

bool Matches(const ComplaintQuery& q, const Complaint& c) {
  if (q.state.has_value() && c.state != *q.state) return false;
  if (q.organisation_id.has_value() &&
      std::find(c.organisation_ids.begin(), c.organisation_ids.end(), *q.organisation_id) ==
          c.organisation_ids.end()) {
    return false;
  }
  if (q.received_from.has_value() && c.receive_date < *q.received_from) return false;
  if (q.received_to.has_value() && c.receive_date > *q.received_to) return false;
  if (q.owner.has_value() && c.owner != *q.owner) return false;
  return true;
}

bool Matches(const OrganisationQuery& q, const Organisation& o) {
  if (q.in_remit.has_value() && o.in_remit != *q.in_remit) return false;
  if (q.jurisdiction.has_value() && o.jurisdiction != *q.jurisdiction) return false;
  return true;
}

}  // namespace

// --- Test hooks. ---

std::vector<OutboxEntry> FakeStore::outbox() const {
  absl::MutexLock lock(&mu_);
  std::vector<OutboxEntry> entries;
  for (const auto& [id, entry] : outbox_) entries.push_back(entry);
  return entries;
}

void FakeStore::RecordRequestLocked(const RequestRecord& request) {
  requests_[{request.scope, request.request_id}] = request;
  request_times_[{request.scope, request.request_id}] =
      absl::Now();  // as the real stores: wall clock
}

bool FakeStore::RequestExistsLocked(const RequestRecord& request) const {
  return requests_.count({request.scope, request.request_id}) > 0;
}

void FakeStore::AppendAuditLocked(std::string resource, std::string request_id,
                                  std::string_view state) {
  audit_log_.AppendChange("intake", std::move(resource), std::move(request_id), state);
}

absl::StatusOr<std::vector<audit::AuditEntry>> FakeStore::ListAuditEntries(int64_t after_sequence,
                                                                           int limit) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  return audit_log_.List(after_sequence, limit);
}

bool FakeStore::HandoffKeyTakenLocked(std::string_view handoff_key) const {
  return std::any_of(outbox_.begin(), outbox_.end(),
                     [&](const auto& e) { return e.second.handoff.handoff_key == handoff_key; });
}

// --- Organisations. ---

absl::StatusOr<Organisation> FakeStore::GetOrganisation(std::string_view id) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  auto it = organisations_.find(id);
  if (it == organisations_.end()) return NotFound(OrganisationName(id));
  return it->second;
}

absl::StatusOr<std::vector<Organisation>> FakeStore::ListOrganisations(
    const OrganisationQuery& query) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  std::vector<Organisation> result;
  for (auto it = organisations_.upper_bound(query.after_id);
       it != organisations_.end() && static_cast<int>(result.size()) < query.limit; ++it) {
    if (Matches(query, it->second)) result.push_back(it->second);
  }
  return result;
}

absl::StatusOr<int64_t> FakeStore::CountOrganisations() {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  return static_cast<int64_t>(organisations_.size());
}

absl::Status FakeStore::InsertOrganisation(const Organisation& organisation,
                                           const std::optional<RequestRecord>& request) {
  RETURN_IF_ERROR(BeginWrite());
  absl::MutexLock lock(&mu_);
  if (organisations_.count(organisation.id) > 0) {
    return AlreadyExists(OrganisationName(organisation.id));
  }
  if (request.has_value() && RequestExistsLocked(*request)) {
    return AlreadyExists(RequestName(*request));
  }
  organisations_[organisation.id] = organisation;
  if (request.has_value()) RecordRequestLocked(*request);
  AppendAuditLocked(
      OrganisationName(organisation.id), request.has_value() ? request->request_id : "",
      absl::StrCat(organisation.version, " ", absl::FormatTime(organisation.update_time)));
  CountSuccessfulWrite();
  return absl::OkStatus();
}

absl::Status FakeStore::UpdateOrganisation(const Organisation& organisation,
                                           int64_t expected_version) {
  RETURN_IF_ERROR(BeginWrite());
  absl::MutexLock lock(&mu_);
  auto it = organisations_.find(organisation.id);
  if (it == organisations_.end()) return NotFound(OrganisationName(organisation.id));
  if (it->second.version != expected_version) {
    return EtagMismatch(OrganisationName(organisation.id));
  }
  it->second = organisation;
  AppendAuditLocked(
      OrganisationName(organisation.id), "",
      absl::StrCat(organisation.version, " ", absl::FormatTime(organisation.update_time)));
  CountSuccessfulWrite();
  return absl::OkStatus();
}

// --- Complaints. ---

absl::StatusOr<Complaint> FakeStore::GetComplaint(std::string_view id) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  auto it = complaints_.find(id);
  if (it == complaints_.end()) return NotFound(ComplaintName(id));
  return it->second;
}

absl::StatusOr<std::vector<Complaint>> FakeStore::ListComplaints(const ComplaintQuery& query) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  std::vector<Complaint> result;
  for (auto it = complaint_ids_by_sequence_.upper_bound(query.after_sequence);
       it != complaint_ids_by_sequence_.end() && static_cast<int>(result.size()) < query.limit;
       ++it) {
    const Complaint& complaint = complaints_.find(it->second)->second;
    if (Matches(query, complaint)) result.push_back(complaint);
  }
  return result;
}

absl::StatusOr<int64_t> FakeStore::InsertComplaint(const Complaint& complaint,
                                                   const RequestRecord& request) {
  RETURN_IF_ERROR(BeginWrite());
  absl::MutexLock lock(&mu_);
  if (complaints_.count(complaint.id) > 0) return AlreadyExists(ComplaintName(complaint.id));
  if (RequestExistsLocked(request)) return AlreadyExists(RequestName(request));
  const int64_t sequence = ++last_sequence_;
  Complaint stored = complaint;
  stored.sequence = sequence;
  complaints_[complaint.id] = std::move(stored);
  complaint_ids_by_sequence_[sequence] = complaint.id;
  RecordRequestLocked(request);
  AppendAuditLocked(ComplaintName(complaint.id), request.request_id,
                    absl::StrCat(complaint.version, " ", absl::FormatTime(complaint.update_time)));
  CountSuccessfulWrite();
  return sequence;
}

absl::Status FakeStore::UpdateComplaint(const Complaint& complaint, int64_t expected_version,
                                        const std::optional<AcceptanceHandoff>& handoff,
                                        const std::optional<RequestRecord>& request) {
  RETURN_IF_ERROR(BeginWrite());
  absl::MutexLock lock(&mu_);
  auto it = complaints_.find(complaint.id);
  if (it == complaints_.end()) return NotFound(ComplaintName(complaint.id));
  if (it->second.version != expected_version) return EtagMismatch(ComplaintName(complaint.id));
  if (handoff.has_value() && HandoffKeyTakenLocked(handoff->handoff_key)) {
    return AlreadyExists(handoff->handoff_key);
  }
  if (request.has_value() && RequestExistsLocked(*request)) {
    return AlreadyExists(RequestName(*request));
  }
  const int64_t sequence = it->second.sequence;
  it->second = complaint;
  it->second.sequence = sequence;
  if (handoff.has_value()) {
    OutboxEntry entry;
    entry.id = ++last_outbox_id_;
    entry.handoff = *handoff;
    entry.create_time = handoff->accept_time;
    entry.traceparent = CurrentTraceparent();
    outbox_[entry.id] = std::move(entry);
  }
  if (request.has_value()) RecordRequestLocked(*request);
  AppendAuditLocked(ComplaintName(complaint.id), request.has_value() ? request->request_id : "",
                    absl::StrCat(complaint.version, " ", absl::FormatTime(complaint.update_time)));
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
  AppendAuditLocked(absl::StrCat("handoffs/", outbox_id), request.request_id, "re-driven");
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
  AppendAuditLocked(absl::StrCat("handoffs/", outbox_id), request.request_id, "discarded");
  CountSuccessfulWrite();
  return absl::OkStatus();
}

absl::StatusOr<int64_t> FakeStore::PruneRequests(absl::Time created_before, int limit) {
  RETURN_IF_ERROR(BeginWrite());
  absl::MutexLock lock(&mu_);
  return ::redress::testing::FakePruneRequests(requests_, request_times_, created_before,
                                               /*kept_methods=*/{}, limit);
}

absl::StatusOr<int64_t> FakeStore::PruneOutbox(absl::Time finished_before, int limit) {
  RETURN_IF_ERROR(BeginWrite());
  absl::MutexLock lock(&mu_);
  return ::redress::testing::FakePruneFinished(outbox_, finished_before, limit);
}

}  // namespace redress::intake
