// RemedyLogic's reports on how organisations complied: GetComplianceReport (counts for one
// organisation) and ListNonCompliance (the recommendations not complied with, for the scheme's
// report to Parliament). Both answer "as at" a date from each recommendation's history
// (state_history.h), never from its current state: a report for a past day says what the
// records said at the end of that day, however often it is run.
#include <algorithm>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/errors.h"
#include "common/paging.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "services/remedy/apply_change.h"
#include "services/remedy/remedy_logic.h"
#include "services/remedy/state_history.h"
#include "services/remedy/store_reads.h"

namespace redress::remedy {
namespace {

// Whether `r` had its target date moved by an agreed extension by the end of `day`.
bool ExtendedBy(const Recommendation& r, absl::CivilDay day) {
  for (const StateChange& change : r.history) {
    if (SchemeDay(change.change_time) > day) break;
    if (IsExtended(r, change)) return true;
  }
  return false;
}

// Counts `r`, which stood as `standing` at the end of `report.as_of_date`.
void Count(ComplianceReport& report, const Recommendation& r, const StateChange& standing) {
  switch (standing.state) {
    case RecommendationState::kAwaitingResponse:
    case RecommendationState::kAccepted:
    case RecommendationState::kDisputed:
    case RecommendationState::kOverdue:
    case RecommendationState::kChased:
    case RecommendationState::kEscalated:
      ++report.outstanding;
      if (standing.target_date < report.as_of_date) ++report.outstanding_overdue;
      break;
    case RecommendationState::kHeld:
      ++report.held;
      break;
    case RecommendationState::kComplied:
      switch (TimingOf(r)) {
        case ComplianceTiming::kOnTime:
          ++report.complied_on_time;
          break;
        case ComplianceTiming::kLateWithinExtension:
          ++report.complied_late_within_extension;
          ++report.complied_late;
          break;
        case ComplianceTiming::kLate:
          ++report.complied_late;
          break;
      }
      break;
    case RecommendationState::kNotComplied:
      ++report.not_complied;
      break;
    case RecommendationState::kDeclined:
      ++report.declined;
      break;
    case RecommendationState::kSuperseded:  // replaced by a later decision's recommendations
    case RecommendationState::kCancelled:   // the investigation ended: nothing was asked
      return;
  }
  if (ExtendedBy(r, report.as_of_date)) ++report.extended;
}

// --- ListNonCompliance. ---

// An entry's place in the report: (organisation, day recorded, recommendation sequence).
using NonComplianceKey = std::tuple<std::string, absl::CivilDay, int64_t>;

NonComplianceKey KeyOf(const NonCompliance& entry) {
  return {entry.recommendation.organisation_id, entry.not_complied_date,
          entry.recommendation.sequence};
}

// The organisation goes last: it is the only part that could hold the separator.
std::string CursorOf(const NonCompliance& entry) {
  return absl::StrCat(absl::FormatCivilTime(entry.not_complied_date), "|",
                      entry.recommendation.sequence, "|", entry.recommendation.organisation_id);
}

absl::StatusOr<std::optional<NonComplianceKey>> DecodeCursor(const std::string& token,
                                                             const std::string& binding) {
  ASSIGN_OR_RETURN(std::string cursor, DecodePageToken(token, binding));
  if (cursor.empty()) return std::optional<NonComplianceKey>();
  std::vector<std::string> parts = absl::StrSplit(cursor, absl::MaxSplits('|', 2));
  absl::CivilDay day;
  int64_t sequence = 0;
  if (parts.size() != 3 || !absl::ParseCivilTime(parts[0], &day) ||
      !absl::SimpleAtoi(parts[1], &sequence)) {
    return InvalidArgument({{"page_token", "page_token is not valid"}});
  }
  return std::optional<NonComplianceKey>(NonComplianceKey{parts[2], day, sequence});
}

// The entry for `r` when it was recorded as not complied within [start, end] and still stood so
// at the end of `end`.
std::optional<NonCompliance> NonComplianceOf(const Recommendation& r,
                                             std::optional<absl::CivilDay> start,
                                             absl::CivilDay end) {
  const std::optional<StateChange> standing = StandingAt(r, end);
  if (!standing.has_value() || standing->state != RecommendationState::kNotComplied) {
    return std::nullopt;
  }
  NonCompliance entry;
  entry.not_complied_date = SchemeDay(standing->change_time);
  if (start.has_value() && entry.not_complied_date < *start) return std::nullopt;
  entry.recommendation = r;
  entry.decided_target_date = DecidedTargetDate(r, standing->decision_sequence);
  if (standing->target_date != entry.decided_target_date) {
    entry.extended_target_date = standing->target_date;
  }
  // The last chase and escalation before it was recorded as not complied: the real days.
  for (const FollowUpStep& step : r.steps_taken) {
    if (!step.take_time.has_value() || *step.take_time > standing->change_time) continue;
    if (step.action == FollowUpAction::kChase) entry.chase_date = SchemeDay(*step.take_time);
    if (step.action == FollowUpAction::kEscalate) {
      entry.escalation_date = SchemeDay(*step.take_time);
    }
  }
  return entry;
}

}  // namespace

absl::StatusOr<ComplianceReport> RemedyLogic::GetComplianceReport(
    std::string_view organisation, std::optional<absl::CivilDay> as_of_date) {
  FieldViolations v;
  RecommendationQuery query;
  query.organisation_id =
      ParseResourceName(v, "organisation", organisation, kOrganisationsCollection);
  RETURN_IF_ERROR(v.ToStatus());
  ComplianceReport report;
  report.organisation_id = *query.organisation_id;
  report.as_of_date = as_of_date.value_or(Today(clock_));
  ASSIGN_OR_RETURN(std::vector<Recommendation> all, ListAll(store_, query));
  for (const Recommendation& r : all) {
    const std::optional<StateChange> standing = StandingAt(r, report.as_of_date);
    if (standing.has_value()) Count(report, r, *standing);  // else not yet received then
  }
  return report;
}

absl::StatusOr<NonCompliancePage> RemedyLogic::ListNonCompliance(
    const NonComplianceRequest& request) {
  FieldViolations v;
  RecommendationQuery query;
  // Recorded as not complied, and perhaps complied with late since.
  query.states = {RecommendationState::kNotComplied, RecommendationState::kComplied};
  if (!request.organisation.empty()) {
    query.organisation_id =
        ParseResourceName(v, "organisation", request.organisation, kOrganisationsCollection);
  }
  NonCompliancePage page;
  page.start_date = request.start_date;
  page.end_date = request.end_date.value_or(Today(clock_));
  if (page.start_date.has_value() && *page.start_date > page.end_date) {
    v.Add("start_date", "start_date must not be after end_date");
  }
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(const int page_size,
                   ResolvePageSize(request.page_size, kDefaultPageSize, kMaxPageSize));
  const std::string binding =
      absl::StrCat(page.start_date.has_value() ? absl::FormatCivilTime(*page.start_date) : "", "|",
                   absl::FormatCivilTime(page.end_date), "|", request.organisation);
  ASSIGN_OR_RETURN(const std::optional<NonComplianceKey> after,
                   DecodeCursor(request.page_token, binding));

  ASSIGN_OR_RETURN(std::vector<Recommendation> candidates, ListAll(store_, query));
  std::vector<NonCompliance> entries;
  for (const Recommendation& r : candidates) {
    std::optional<NonCompliance> entry = NonComplianceOf(r, page.start_date, page.end_date);
    if (entry.has_value() && (!after.has_value() || *after < KeyOf(*entry))) {
      entries.push_back(std::move(*entry));
    }
  }
  std::sort(entries.begin(), entries.end(),
            [](const NonCompliance& a, const NonCompliance& b) { return KeyOf(a) < KeyOf(b); });
  if (static_cast<int>(entries.size()) > page_size + 1) entries.resize(page_size + 1);
  page.next_page_token = TakePage(entries, page_size, binding, CursorOf);
  page.entries = std::move(entries);
  return page;
}

}  // namespace redress::remedy
