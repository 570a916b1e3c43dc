// InvestigationLogic's subject access export, erasure on request and erasure after the retention
// period (docs/privacy.md). The rules of what is erased are personal_data.h's.
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/investigation/deadlines.h"
#include "services/investigation/investigation_logic.h"
#include "services/investigation/investigation_state.h"
#include "services/investigation/personal_data.h"
#include "services/investigation/request_checks.h"

namespace redress::investigation {
namespace {

constexpr size_t kMaxNamed = InvestigationLogic::kMaxNamedResources;

// The ids of the names in `names` (field `field`), at most kMaxNamed; violations in `v`.
std::vector<std::string> ParseNames(FieldViolations& v, const std::string& field,
                                    const std::vector<std::string>& names,
                                    std::string_view collection) {
  if (names.size() > kMaxNamed) {
    v.Add(field, absl::StrCat("at most ", kMaxNamed, " names per request"));
  }
  std::vector<std::string> ids;
  for (size_t i = 0; i < names.size() && i < kMaxNamed; ++i) {
    ids.push_back(ParseResourceName(v, absl::StrCat(field, "[", i, "]"), names[i], collection));
  }
  return ids;
}

// The ids of the investigations `query` finds that the store holds: those of each complaint
// named, in the order opened, then those named; each once.
absl::StatusOr<std::vector<std::string>> FindInvestigations(InvestigationStore& store,
                                                            const PersonalDataQuery& query) {
  FieldViolations v;
  if (query.complaints.empty() && query.investigations.empty()) {
    v.Add("complaints", "name at least one complaint or investigation");
  }
  const std::vector<std::string> complaints =
      ParseNames(v, "complaints", query.complaints, kComplaintsCollection);
  const std::vector<std::string> named =
      ParseNames(v, "investigations", query.investigations, kInvestigationsCollection);
  RETURN_IF_ERROR(v.ToStatus());

  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (const std::string& complaint : complaints) {
    ASSIGN_OR_RETURN(std::vector<std::string> found,
                     store.FindInvestigationsByComplaint(kComplaintsCollection + complaint));
    for (std::string& id : found) {
      if (seen.insert(id).second) ids.push_back(std::move(id));
    }
  }
  for (const std::string& id : named) {
    if (seen.count(id) > 0) continue;
    absl::StatusOr<Investigation> investigation = store.GetInvestigation(id);
    if (absl::IsNotFound(investigation.status())) continue;  // not held here: nothing to give
    RETURN_IF_ERROR(investigation.status());
    seen.insert(id);
    ids.push_back(id);
  }
  return ids;
}

}  // namespace

absl::StatusOr<std::vector<InvestigationPersonalData>> InvestigationLogic::ExportPersonalData(
    const PersonalDataQuery& query) {
  ASSIGN_OR_RETURN(std::vector<std::string> ids, FindInvestigations(store_, query));
  const absl::CivilDay today = Today(clock_);
  std::vector<InvestigationPersonalData> result;
  for (const std::string& id : ids) {
    InvestigationPersonalData entry;
    ASSIGN_OR_RETURN(Investigation investigation, LoadInvestigation(store_, id));
    entry.investigation = AsOf(std::move(investigation), today, calendar_);
    ASSIGN_OR_RETURN(entry.erase_time, store_.GetErasureTime(id));
    result.push_back(std::move(entry));
  }
  return result;
}

absl::StatusOr<ErasureOutcome> InvestigationLogic::ErasePersonalData(
    const PersonalDataQuery& query) {
  ASSIGN_OR_RETURN(std::vector<std::string> ids, FindInvestigations(store_, query));
  // Every investigation's state is checked before any is erased, so NOT_CLOSED changes nothing.
  // A pending hand-off is found by the store, inside each erasure's transaction (where it
  // decides); those erased before it stay erased, and a re-run erases the rest.
  std::vector<Investigation> to_erase;
  ErasureOutcome outcome;
  for (const std::string& id : ids) {
    ASSIGN_OR_RETURN(std::optional<absl::Time> erase_time, store_.GetErasureTime(id));
    ASSIGN_OR_RETURN(Investigation investigation, LoadInvestigation(store_, id));
    if (erase_time.has_value()) {
      outcome.already_erased.push_back(investigation.name());
      continue;
    }
    if (!IsClosedForErasure(investigation.state)) {
      return InvalidStateTransition(investigation.name(),
                                    InvestigationStateName(investigation.state),
                                    "erase the personal data of", kReasonNotClosed);
    }
    to_erase.push_back(std::move(investigation));
  }
  const absl::Time now = StoredNow(clock_);
  for (const Investigation& investigation : to_erase) {
    RETURN_IF_ERROR(store_.EraseInvestigation(ErasedInvestigation(investigation, now),
                                              investigation.version, now));
    outcome.erased.push_back(investigation.name());
  }
  return outcome;
}

absl::StatusOr<int> InvestigationLogic::EraseExpired(absl::Duration period, int limit) {
  const absl::Time now = StoredNow(clock_);
  ASSIGN_OR_RETURN(std::vector<std::string> ids,
                   store_.ListErasableInvestigations(now - period, limit));
  int erased = 0;
  for (const std::string& id : ids) {
    ASSIGN_OR_RETURN(Investigation investigation, LoadInvestigation(store_, id));
    absl::Status status = store_.EraseInvestigation(ErasedInvestigation(investigation, now),
                                                    investigation.version, now);
    // Pending hand-off, a change since the list, or another replica first: the next run decides.
    if (absl::IsFailedPrecondition(status) || absl::IsAborted(status) ||
        absl::IsAlreadyExists(status)) {
      continue;
    }
    RETURN_IF_ERROR(status);
    ++erased;
  }
  return erased;
}

}  // namespace redress::investigation
