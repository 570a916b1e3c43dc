#include "services/investigation/store/fake_store.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/trace_context.h"
#include "services/investigation/case_limits.h"
#include "services/investigation/store/appended_entries.h"

namespace redress::investigation {
namespace {

std::string InvestigationName(std::string_view id) {
  return std::string(kInvestigationsCollection) + std::string(id);
}

bool Matches(const InvestigationQuery& q, const Investigation& i) {
  if (q.state.has_value() && i.state != *q.state) return false;
  if (q.caseworker.has_value() && i.caseworker != *q.caseworker) return false;
  if (q.owner.has_value() && i.owner != *q.owner) return false;
  if (q.complaint.has_value() && i.complaint.complaint != *q.complaint) return false;
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

int CommentCount(const Investigation& i) {
  return i.provisional_view.has_value() ? i.provisional_view->comment_count : 0;
}

// What a read returns of the investigation as kept (every item): its most recent ones.
Investigation AsRead(const Investigation& kept) {
  Investigation read = kept;
  KeepRecentEntries(read);
  return read;
}

// `list` of `kept` where `lists` does not name it: it stays as stored.
template <typename T>
void KeepUnlessWritten(ListsToWrite lists, BoundedList list, T& written, const T& kept) {
  if (!lists.Has(list)) written = kept;
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
  request_times_[{request.scope, request.request_id}] =
      absl::Now();  // as the real stores: wall clock
}

bool FakeStore::RequestExistsLocked(const RequestRecord& request) const {
  return requests_.count({request.scope, request.request_id}) > 0;
}

bool FakeStore::HandoffKeyTakenLocked(std::string_view handoff_key) const {
  return std::any_of(outbox_.begin(), outbox_.end(),
                     [&](const auto& e) { return HandoffKey(e.second.handoff) == handoff_key; });
}

void FakeStore::AppendAuditLocked(const Investigation& before, const Investigation& written,
                                  const std::string& request_id) {
  const std::string name = InvestigationName(written.id);
  audit_log_.AppendChange(
      "investigation", name, request_id,
      absl::StrCat(written.version, " ", absl::FormatTime(written.update_time)));
  // The entries of the evidence and comments added: `written` carries them (MergeLocked checked).
  const int evidence_before = before.evidence_count;
  for (int n = evidence_before + 1; n <= written.evidence_count; ++n) {
    const EvidenceItem& item =
        written.evidence[written.evidence.size() - (written.evidence_count - n) - 1];
    audit_log_.AppendChange("investigation", absl::StrCat(name, "/evidence/", item.evidence_id),
                            request_id, item.description);
  }
  const int comments_before = CommentCount(before);
  const int comments_after = CommentCount(written);
  for (int n = comments_before + 1; n <= comments_after; ++n) {
    const std::vector<Comment>& window = written.provisional_view->comments;
    const Comment& comment = window[window.size() - (comments_after - n) - 1];
    audit_log_.AppendChange("investigation", absl::StrCat(name, "/comments/", comment.comment_id),
                            request_id, comment.text);
  }
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
  return AsRead(it->second);
}

absl::StatusOr<std::vector<Investigation>> FakeStore::ListInvestigations(
    const InvestigationQuery& query) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  std::vector<Investigation> result;
  for (auto it = ids_by_sequence_.upper_bound(query.after_sequence);
       it != ids_by_sequence_.end() && static_cast<int>(result.size()) < query.limit; ++it) {
    const Investigation& investigation = investigations_.find(it->second)->second;
    if (Matches(query, investigation)) result.push_back(AsRead(investigation));
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
  Investigation none;
  none.id = investigation.id;
  ASSIGN_OR_RETURN(Investigation stored, MergeLocked(none, investigation, ListsToWrite::All()));
  const int64_t sequence = ++last_sequence_;
  stored.sequence = sequence;
  investigations_[investigation.id] = std::move(stored);
  ids_by_sequence_[sequence] = investigation.id;
  RecordRequestLocked(request);
  AppendAuditLocked(none, investigation, request.request_id);
  CountSuccessfulWrite();
  return sequence;
}

absl::Status FakeStore::UpdateInvestigation(const Investigation& investigation,
                                            int64_t expected_version,
                                            const std::optional<Handoff>& handoff,
                                            const std::optional<RequestRecord>& request,
                                            ListsToWrite lists) {
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
  ASSIGN_OR_RETURN(Investigation merged, MergeLocked(it->second, investigation, lists));
  const Investigation before = std::move(it->second);
  it->second = std::move(merged);
  it->second.sequence = before.sequence;
  if (handoff.has_value()) {
    OutboxEntry entry;
    entry.id = ++last_outbox_id_;
    entry.handoff = *handoff;
    entry.create_time = HandoffTime(*handoff);
    entry.traceparent = CurrentTraceparent();
    outbox_[entry.id] = std::move(entry);
  }
  if (request.has_value()) RecordRequestLocked(*request);
  AppendAuditLocked(before, investigation, request.has_value() ? request->request_id : "");
  CountSuccessfulWrite();
  return absl::OkStatus();
}

absl::StatusOr<Investigation> FakeStore::MergeLocked(const Investigation& kept,
                                                     const Investigation& written,
                                                     ListsToWrite lists) const {
  ASSIGN_OR_RETURN(auto evidence, AppendedEntries(written.evidence, written.evidence_count,
                                                  kept.evidence_count, "evidence"));
  static const auto* const kNoComments = new std::vector<Comment>();
  ASSIGN_OR_RETURN(
      auto comments,
      AppendedEntries(
          written.provisional_view.has_value() ? written.provisional_view->comments : *kNoComments,
          CommentCount(written), CommentCount(kept), "comments"));
  Investigation merged = written;
  merged.evidence = kept.evidence;
  for (const auto& added : evidence) merged.evidence.push_back(*added.entry);
  if (merged.provisional_view.has_value()) {
    merged.provisional_view->comments = kept.provisional_view.has_value()
                                            ? kept.provisional_view->comments
                                            : std::vector<Comment>();
    for (const auto& added : comments) merged.provisional_view->comments.push_back(*added.entry);
    if (!lists.Has(BoundedList::kCommenters)) {
      merged.provisional_view->commenters = kept.provisional_view.has_value()
                                                ? kept.provisional_view->commenters
                                                : std::vector<Commenter>();
    }
  }
  KeepUnlessWritten(lists, BoundedList::kSnapshotOrganisations, merged.complaint.organisations,
                    kept.complaint.organisations);
  KeepUnlessWritten(lists, BoundedList::kSnapshotOrganisations,
                    merged.complaint.organisation_published_names,
                    kept.complaint.organisation_published_names);
  KeepUnlessWritten(lists, BoundedList::kPoints, merged.points, kept.points);
  KeepUnlessWritten(lists, BoundedList::kHolds, merged.holds, kept.holds);
  KeepUnlessWritten(lists, BoundedList::kHandlingFindings, merged.complaint_handling_findings,
                    kept.complaint_handling_findings);
  KeepUnlessWritten(lists, BoundedList::kComplaintTypes, merged.complaint_types,
                    kept.complaint_types);
  KeepUnlessWritten(lists, BoundedList::kOrganisations, merged.organisations_investigated,
                    kept.organisations_investigated);
  KeepUnlessWritten(lists, BoundedList::kNarrative, merged.narrative, kept.narrative);
  KeepUnlessWritten(lists, BoundedList::kRecommendations, merged.recommendations,
                    kept.recommendations);
  KeepUnlessWritten(lists, BoundedList::kPreviousDecisions, merged.previous_decisions,
                    kept.previous_decisions);
  KeepUnlessWritten(lists, BoundedList::kReviews, merged.reviews, kept.reviews);
  return merged;
}

template <typename T>
absl::StatusOr<std::vector<T>> FakeStore::PageLocked(
    std::string_view id, int after, int limit,
    const std::vector<T>& (*items)(const Investigation&)) const {
  auto it = investigations_.find(id);
  if (it == investigations_.end()) return NotFound(InvestigationName(id));
  const std::vector<T>& all = items(it->second);
  std::vector<T> page;
  for (size_t i = static_cast<size_t>(std::max(after, 0));
       i < all.size() && static_cast<int>(page.size()) < limit; ++i) {
    page.push_back(all[i]);
  }
  return page;
}

absl::StatusOr<std::vector<EvidenceItem>> FakeStore::ListEvidence(std::string_view id, int after,
                                                                  int limit) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  return PageLocked<EvidenceItem>(
      id, after, limit,
      [](const Investigation& i) -> const std::vector<EvidenceItem>& { return i.evidence; });
}

absl::StatusOr<std::vector<Comment>> FakeStore::ListComments(std::string_view id, int after,
                                                             int limit) {
  RETURN_IF_ERROR(ReadFailure());
  absl::MutexLock lock(&mu_);
  return PageLocked<Comment>(
      id, after, limit, [](const Investigation& i) -> const std::vector<Comment>& {
        static const auto* const kNone = new std::vector<Comment>();
        return i.provisional_view.has_value() ? i.provisional_view->comments : *kNone;
      });
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

}  // namespace redress::investigation
