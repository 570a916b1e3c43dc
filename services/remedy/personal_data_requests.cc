// RemedyLogic's subject access export, erasure on request and erasure after the retention period
// (docs/privacy.md). The rules of what is erased are personal_data.h's.
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "services/remedy/apply_change.h"
#include "services/remedy/personal_data.h"
#include "services/remedy/recommendation_state.h"
#include "services/remedy/remedy_logic.h"
#include "services/remedy/store_reads.h"

namespace redress::remedy {
namespace {

constexpr char kComplaintsCollection[] = "complaints/";

// Parses the names of `field`, at most RemedyLogic::kMaxNamedCases of them.
std::vector<std::string> ParseNames(FieldViolations& v, const std::string& field,
                                    const std::vector<std::string>& names,
                                    std::string_view collection) {
  if (names.size() > static_cast<size_t>(RemedyLogic::kMaxNamedCases)) {
    v.Add(field, absl::StrCat("at most ", RemedyLogic::kMaxNamedCases, " names per request"));
  }
  std::vector<std::string> ids;
  for (size_t i = 0; i < names.size() && i < RemedyLogic::kMaxNamedCases; ++i) {
    ids.push_back(ParseResourceName(v, absl::StrCat(field, "[", i, "]"), names[i], collection));
  }
  return ids;
}

// The investigation ids of the cases `query` finds that remedy holds: those of the complaints
// named, then the investigations named; each once.
absl::StatusOr<std::vector<std::string>> FindCases(RemedyStore& store,
                                                   const PersonalDataQuery& query) {
  FieldViolations v;
  if (query.complaints.empty() && query.investigations.empty()) {
    v.Add("investigations", "name at least one complaint or investigation");
  }
  const std::vector<std::string> complaints =
      ParseNames(v, "complaints", query.complaints, kComplaintsCollection);
  const std::vector<std::string> investigations =
      ParseNames(v, "investigations", query.investigations, kInvestigationsCollection);
  RETURN_IF_ERROR(v.ToStatus());

  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (const std::string& complaint : complaints) {
    ASSIGN_OR_RETURN(std::vector<std::string> found,
                     store.FindCasesByComplaint(absl::StrCat(kComplaintsCollection, complaint)));
    for (std::string& id : found) {
      if (seen.insert(id).second) ids.push_back(std::move(id));
    }
  }
  for (const std::string& id : investigations) {
    if (seen.count(id) > 0) continue;
    ASSIGN_OR_RETURN(bool holds, store.HoldsCase(id));
    if (!holds) continue;  // not held here: nothing to give
    seen.insert(id);
    ids.push_back(id);
  }
  return ids;
}

// Every published version of the case's summary, oldest first.
absl::StatusOr<std::vector<CaseSummary>> PublishedSummaries(RemedyStore& store,
                                                            const std::string& investigation_id) {
  std::vector<CaseSummary> summaries;
  for (int version = 1;; ++version) {
    absl::StatusOr<CaseSummary> summary = store.GetCaseSummary(investigation_id, version);
    if (absl::IsNotFound(summary.status())) return summaries;
    RETURN_IF_ERROR(summary.status());
    summaries.push_back(*std::move(summary));
  }
}

// The case's recommendations, each erased as of `now`.
std::vector<Recommendation> Erased(const std::vector<Recommendation>& recommendations,
                                   absl::Time now) {
  std::vector<Recommendation> erased;
  for (const Recommendation& r : recommendations) erased.push_back(ErasedRecommendation(r, now));
  return erased;
}

}  // namespace

absl::StatusOr<std::vector<CasePersonalData>> RemedyLogic::ExportPersonalData(
    const PersonalDataQuery& query) {
  ASSIGN_OR_RETURN(std::vector<std::string> ids, FindCases(store_, query));
  std::vector<CasePersonalData> result;
  for (const std::string& id : ids) {
    CasePersonalData entry;
    entry.investigation_id = id;
    ASSIGN_OR_RETURN(entry.recommendations, RecommendationsOf(store_, id));
    std::set<std::string> complaints;
    for (const Recommendation& r : entry.recommendations) {
      if (complaints.insert(r.complaint).second) entry.complaints.push_back(r.complaint);
    }
    ASSIGN_OR_RETURN(entry.acknowledgements, store_.ListIssueAcknowledgements(id));
    ASSIGN_OR_RETURN(entry.summaries, PublishedSummaries(store_, id));
    ASSIGN_OR_RETURN(entry.erase_time, store_.GetCaseErasureTime(id));
    result.push_back(std::move(entry));
  }
  return result;
}

absl::StatusOr<ErasureOutcome> RemedyLogic::ErasePersonalData(const PersonalDataQuery& query) {
  ASSIGN_OR_RETURN(std::vector<std::string> ids, FindCases(store_, query));
  // Every case is checked before any is erased, so a refusal changes nothing.
  std::vector<std::pair<std::string, std::vector<Recommendation>>> to_erase;
  ErasureOutcome outcome;
  for (const std::string& id : ids) {
    ASSIGN_OR_RETURN(std::optional<absl::Time> erase_time, store_.GetCaseErasureTime(id));
    if (erase_time.has_value()) {
      outcome.already_erased.push_back(absl::StrCat(kInvestigationsCollection, id));
      continue;
    }
    ASSIGN_OR_RETURN(std::vector<Recommendation> recommendations, RecommendationsOf(store_, id));
    for (const Recommendation& r : recommendations) {
      if (IsOpen(r.state)) {
        return InvalidStateTransition(RecommendationName(r.id), RecommendationStateName(r.state),
                                      "erase the personal data of its case", kReasonNotClosed);
      }
    }
    to_erase.emplace_back(id, std::move(recommendations));
  }
  const absl::Time now = StoredNow(clock_);
  for (const auto& [id, recommendations] : to_erase) {
    RETURN_IF_ERROR(store_.EraseCase(id, Erased(recommendations, now), now));
    outcome.erased.push_back(absl::StrCat(kInvestigationsCollection, id));
  }
  return outcome;
}

absl::StatusOr<int> RemedyLogic::EraseExpired(absl::Duration period, int limit) {
  const absl::Time now = StoredNow(clock_);
  ASSIGN_OR_RETURN(std::vector<std::string> ids, store_.ListErasableCases(now - period, limit));
  int erased = 0;
  for (const std::string& id : ids) {
    ASSIGN_OR_RETURN(std::vector<Recommendation> recommendations, RecommendationsOf(store_, id));
    // Changed since the list (a new decision reopened it): the next run decides.
    if (!IsClosedForErasure(recommendations)) continue;
    absl::Status status = store_.EraseCase(id, Erased(recommendations, now), now);
    // A change since the list, or another replica first: the next run decides.
    if (absl::IsAborted(status) || absl::IsAlreadyExists(status)) continue;
    RETURN_IF_ERROR(status);
    ++erased;
  }
  return erased;
}

}  // namespace redress::remedy
