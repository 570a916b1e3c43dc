#include "services/investigation/apply_change.h"

#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "services/investigation/case_limits.h"
#include "services/investigation/deadlines.h"
#include "services/investigation/request_checks.h"

namespace redress::investigation {
namespace {

// Attempts at a write that keeps losing races to other changes.
constexpr int kWriteAttempts = 3;

// The stored investigation when an earlier request with `key` made the change; nullopt when the
// key is new (or there is none).
absl::StatusOr<std::optional<Investigation>> FindRetry(InvestigationStore& store,
                                                       const ChangeRequest& request,
                                                       RetryLookup lookup) {
  if (!request.key.has_value()) return std::optional<Investigation>();
  ASSIGN_OR_RETURN(std::optional<std::string> created,
                   FindRetriedResource(store, request.key->scope, request.key->request_id,
                                       request.key->fingerprint, lookup));
  if (!created.has_value()) return std::optional<Investigation>();
  ASSIGN_OR_RETURN(Investigation stored, LoadInvestigation(store, request.id));
  return std::optional<Investigation>(std::move(stored));
}

absl::Status Write(InvestigationStore& store, const ChangeRequest& request, Change& change,
                   const Investigation& current) {
  const int64_t expected_version = current.version;
  change.updated.version = expected_version + 1;
  change.updated.update_time = request.now;
  std::optional<RequestRecord> record;
  if (request.key.has_value()) {
    record = RequestRecord{request.key->scope, request.key->request_id, request.key->fingerprint,
                           change.created_id};
  }
  return store.UpdateInvestigation(change.updated, expected_version, change.handoff, record,
                                   ChangedLists(current, change.updated));
}

// Adds `list` to `lists` when `before` and `after` differ.
template <typename T>
void AddIfChanged(ListsToWrite& lists, BoundedList list, const T& before, const T& after) {
  if (!(before == after)) lists.Add(list);
}

// The provisional view's commenters, empty without a view.
const std::vector<Commenter>& CommentersOf(const Investigation& investigation) {
  static const auto* const kNone = new std::vector<Commenter>();
  return investigation.provisional_view.has_value() ? investigation.provisional_view->commenters
                                                    : *kNone;
}

}  // namespace

ChangeRequest ChangeRequestAt(const Clock& clock, std::string id, std::string etag) {
  ChangeRequest request;
  request.id = std::move(id);
  request.etag = std::move(etag);
  request.now = StoredNow(clock);
  request.today = Today(clock);
  return request;
}

absl::StatusOr<Investigation> ApplyChange(InvestigationStore& store,
                                          const WorkingDayCalendar& calendar,
                                          const ChangeRequest& request, const ChangeFn& change) {
  absl::Status lost = absl::AbortedError(
      absl::StrCat(kInvestigationsCollection, request.id, " changed concurrently; try again"));
  for (int attempt = 0; attempt < kWriteAttempts; ++attempt) {
    // The first look sees committed records only, so that concurrent changes keep sharing
    // commits (store.h, FindCommittedRequest); after a lost race, whose cause may be a retry of
    // this very request not yet committed, every record.
    ASSIGN_OR_RETURN(
        std::optional<Investigation> retried,
        FindRetry(store, request, attempt == 0 ? RetryLookup::kCommitted : RetryLookup::kLatest));
    if (retried.has_value()) return AsOf(*std::move(retried), request.today, calendar);
    ASSIGN_OR_RETURN(Investigation current, LoadInvestigation(store, request.id));
    if (request.already_applied && request.already_applied(current)) {
      return AsOf(std::move(current), request.today, calendar);
    }
    RETURN_IF_ERROR(CheckEtag(request.etag, current.version, current.name()));
    ASSIGN_OR_RETURN(Change computed, change(current));
    KeepRecentEntries(computed.updated);
    RETURN_IF_ERROR(CheckEncodedSize(computed.updated));
    absl::Status written = Write(store, request, computed, current);
    if (written.ok()) return std::move(computed.updated);
    if (!absl::IsAborted(written) && !absl::IsAlreadyExists(written)) return written;
    // Lost a race: to a retry of this very request (found on the next pass), or to another
    // change, which a client holding an etag must see (the next pass's etag check says so).
    lost = written;
  }
  return lost;
}

ListsToWrite ChangedLists(const Investigation& before, const Investigation& after) {
  ListsToWrite lists = ListsToWrite::None();
  AddIfChanged(
      lists, BoundedList::kSnapshotOrganisations,
      std::tie(before.complaint.organisations, before.complaint.organisation_published_names),
      std::tie(after.complaint.organisations, after.complaint.organisation_published_names));
  AddIfChanged(lists, BoundedList::kPoints, before.points, after.points);
  AddIfChanged(lists, BoundedList::kHolds, before.holds, after.holds);
  AddIfChanged(lists, BoundedList::kHandlingFindings, before.complaint_handling_findings,
               after.complaint_handling_findings);
  AddIfChanged(lists, BoundedList::kComplaintTypes, before.complaint_types, after.complaint_types);
  AddIfChanged(lists, BoundedList::kOrganisations, before.organisations_investigated,
               after.organisations_investigated);
  AddIfChanged(lists, BoundedList::kNarrative, before.narrative, after.narrative);
  AddIfChanged(lists, BoundedList::kRecommendations, before.recommendations, after.recommendations);
  AddIfChanged(lists, BoundedList::kCommenters, CommentersOf(before), CommentersOf(after));
  AddIfChanged(lists, BoundedList::kPreviousDecisions, before.previous_decisions,
               after.previous_decisions);
  AddIfChanged(lists, BoundedList::kReviews, before.reviews, after.reviews);
  return lists;
}

}  // namespace redress::investigation
