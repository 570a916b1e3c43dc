// RemedyLogic's lists of recommendations: ListRecommendations (the filter language of
// ListRecommendationsRequest, paged by receipt order) and ListDueActions (follow-up steps due by a
// date, paged by due date). The reports are in compliance_reports.cc.
#include <algorithm>
#include <string>
#include <tuple>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/errors.h"
#include "common/list_filter.h"
#include "common/paging.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "services/remedy/apply_change.h"
#include "services/remedy/recommendation_state.h"
#include "services/remedy/remedy_logic.h"
#include "services/remedy/store_reads.h"

namespace redress::remedy {
namespace {

// The states `overdue = true` and the due actions look at: those followed up. A held
// recommendation is never overdue: nothing is asked of the organisation while it is held.
const std::vector<RecommendationState>& OpenStates() {
  static const auto* states = new std::vector<RecommendationState>{
      RecommendationState::kAwaitingResponse, RecommendationState::kAccepted,
      RecommendationState::kDisputed,         RecommendationState::kOverdue,
      RecommendationState::kChased,           RecommendationState::kEscalated};
  return *states;
}

absl::Status FilterError(std::string description) {
  return InvalidArgument({{"filter", std::move(description)}});
}

std::string Unquoted(const std::string& value) {
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    return value.substr(1, value.size() - 2);
  }
  return value;
}

// The filter's conditions; `states` and `overdue` are combined into the query at the end.
struct ParsedFilter {
  RecommendationQuery query;
  std::optional<RecommendationState> state;
  bool overdue = false;
};

absl::Status ApplyName(std::optional<std::string>& slot, const FilterTerm& term,
                       std::string_view collection) {
  FieldViolations ignored;
  const std::string id = ParseResourceName(ignored, "filter", Unquoted(term.value), collection);
  if (id.empty()) {
    return FilterError(absl::StrCat(term.field, " needs \"", std::string(collection),
                                    "{id}\", not ", Quoted(term.value)));
  }
  if (slot.has_value() && *slot != id) {
    return FilterError(absl::StrCat(term.field, " can be compared only once"));
  }
  slot = id;
  return absl::OkStatus();
}

absl::Status ApplyTerm(ParsedFilter& f, const FilterTerm& term, absl::CivilDay today) {
  if (term.field == "target_date") {
    const std::string value = Unquoted(term.value);
    absl::CivilDay day;
    if (value.size() != 10 || !absl::ParseCivilTime(value, &day) ||
        absl::FormatCivilTime(day) != value) {
      return FilterError(
          absl::StrCat("target_date needs a date \"YYYY-MM-DD\", not ", Quoted(term.value)));
    }
    if (!NarrowDateRange(term.op, day, f.query.target_date_from, f.query.target_date_to)) {
      return FilterError("target_date takes =, <, <=, > or >=");
    }
    return absl::OkStatus();
  }
  if (term.field != "state" && term.field != "organisation" && term.field != "investigation" &&
      term.field != "overdue") {
    return FilterError(
        absl::StrCat("unknown field ", Quoted(term.field),
                     "; filter on state, organisation, investigation, overdue or target_date"));
  }
  if (term.op != FilterOp::kEq) return FilterError(absl::StrCat(term.field, " takes only ="));
  if (term.field == "organisation") {
    return ApplyName(f.query.organisation_id, term, kOrganisationsCollection);
  }
  if (term.field == "investigation") {
    return ApplyName(f.query.investigation_id, term, kInvestigationsCollection);
  }
  if (term.field == "overdue") {
    if (term.value != "true") return FilterError("overdue takes only = true");
    f.overdue = true;
    NarrowDateRange(FilterOp::kLt, today, f.query.target_date_from, f.query.target_date_to);
    return absl::OkStatus();
  }
  for (RecommendationState state : kAllRecommendationStates) {
    if (Unquoted(term.value) == RecommendationStateName(state)) {
      if (f.state.has_value() && *f.state != state) {
        return FilterError("state can be compared only once");
      }
      f.state = state;
      return absl::OkStatus();
    }
  }
  return FilterError(absl::StrCat(
      "state must be AWAITING_RESPONSE, ACCEPTED, DISPUTED, OVERDUE, CHASED, ESCALATED, "
      "COMPLIED, DECLINED, NOT_COMPLIED, SUPERSEDED, HELD or CANCELLED, not ",
      Quoted(term.value)));
}

absl::StatusOr<RecommendationQuery> QueryForFilter(const std::string& filter,
                                                   absl::CivilDay today) {
  ASSIGN_OR_RETURN(std::vector<FilterTerm> terms, ParseFilter(filter));
  ParsedFilter f;
  for (const FilterTerm& term : terms) RETURN_IF_ERROR(ApplyTerm(f, term, today));
  if (f.overdue) {
    for (RecommendationState s : OpenStates()) {
      if (!f.state.has_value() || *f.state == s) f.query.states.push_back(s);
    }
    // A closed state and overdue = true: nothing matches. An impossible range says so.
    if (f.query.states.empty()) {
      f.query.target_date_from = absl::CivilDay(9999, 12, 31);
      f.query.target_date_to = absl::CivilDay(1900, 1, 1);
    }
  } else if (f.state.has_value()) {
    f.query.states.push_back(*f.state);
  }
  return f.query;
}

absl::StatusOr<int64_t> DecodeSequence(const std::string& token, const std::string& filter) {
  ASSIGN_OR_RETURN(std::string cursor, DecodePageToken(token, filter));
  int64_t sequence = 0;
  if (cursor.empty()) return sequence;
  if (!absl::SimpleAtoi(cursor, &sequence) || sequence <= 0) {
    return InvalidArgument({{"page_token", "page_token is not valid"}});
  }
  return sequence;
}

// A due action's place in the list: (due date, recommendation sequence, action).
using DueKey = std::tuple<absl::CivilDay, int64_t, int>;

DueKey KeyOf(const DueAction& a) {
  return {a.step.due_date, a.recommendation.sequence, static_cast<int>(a.step.action)};
}

std::string CursorOf(const DueAction& a) {
  return absl::StrCat(absl::FormatCivilTime(a.step.due_date), "|", a.recommendation.sequence, "|",
                      static_cast<int>(a.step.action));
}

// The cursor of `token`: the key of the last action of the previous page, or nullptr for the
// first page (stored in `key`).
absl::StatusOr<const DueKey*> DecodeDueCursor(const std::string& token, const std::string& binding,
                                              DueKey& key) {
  ASSIGN_OR_RETURN(std::string cursor, DecodePageToken(token, binding));
  if (cursor.empty()) return nullptr;
  std::vector<std::string> parts = absl::StrSplit(cursor, '|');
  absl::CivilDay day;
  int64_t sequence = 0;
  int action = 0;
  if (parts.size() != 3 || !absl::ParseCivilTime(parts[0], &day) ||
      !absl::SimpleAtoi(parts[1], &sequence) || !absl::SimpleAtoi(parts[2], &action)) {
    return InvalidArgument({{"page_token", "page_token is not valid"}});
  }
  key = DueKey{day, sequence, action};
  return &key;
}

}  // namespace

absl::StatusOr<RecommendationPage> RemedyLogic::ListRecommendations(const ListRequest& request) {
  ASSIGN_OR_RETURN(int page_size,
                   ResolvePageSize(request.page_size, kDefaultPageSize, kMaxPageSize));
  ASSIGN_OR_RETURN(RecommendationQuery query, QueryForFilter(request.filter, Today(clock_)));
  if (request.owner.has_value()) query.owner = request.owner;
  if (request.organisation_id.has_value()) {
    // A filter naming another organisation than the caller's own finds nothing.
    const bool other =
        query.organisation_id.has_value() && *query.organisation_id != *request.organisation_id;
    query.organisation_id = other ? "" : *request.organisation_id;
  }
  ASSIGN_OR_RETURN(query.after_sequence, DecodeSequence(request.page_token, request.filter));
  query.limit = page_size + 1;  // one more, to know whether another page follows
  ASSIGN_OR_RETURN(std::vector<Recommendation> found, store_.ListRecommendations(query));
  RecommendationPage page;
  page.next_page_token = TakePage(found, page_size, request.filter, [](const Recommendation& r) {
    return std::to_string(r.sequence);
  });
  page.recommendations = std::move(found);
  return page;
}

std::string RemedyLogic::PageTokenAfter(const Recommendation& last, const std::string& filter) {
  return EncodePageToken(std::to_string(last.sequence), filter);
}

absl::StatusOr<DueActionPage> RemedyLogic::ListDueActions(const DueActionsRequest& request) {
  FieldViolations v;
  RecommendationQuery query;
  query.states = OpenStates();
  if (!request.organisation.empty()) {
    query.organisation_id =
        ParseResourceName(v, "organisation", request.organisation, kOrganisationsCollection);
  }
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(const int page_size,
                   ResolvePageSize(request.page_size, kDefaultPageSize, kMaxPageSize));
  const absl::CivilDay as_of = request.as_of_date.value_or(Today(clock_));
  const std::string binding = absl::StrCat(absl::FormatCivilTime(as_of), "|", request.organisation);
  DueKey cursor;
  ASSIGN_OR_RETURN(const DueKey* after, DecodeDueCursor(request.page_token, binding, cursor));
  query.target_date_to = as_of - 1;  // the first step falls due the day after the target date

  ASSIGN_OR_RETURN(std::vector<Recommendation> open, ListAll(store_, query));
  std::vector<DueAction> due;
  for (const Recommendation& r : open) {
    const bool in_follow_up = r.state == RecommendationState::kOverdue ||
                              r.state == RecommendationState::kChased ||
                              r.state == RecommendationState::kEscalated;
    if (in_follow_up && !r.steps_taken.empty() && r.steps_taken.back().due_date <= as_of) {
      due.push_back({r, r.steps_taken.back()});
    }
    for (const FollowUpStep& step : FollowUpOf(r)) {
      if (!step.take_time.has_value() && step.due_date <= as_of) due.push_back({r, step});
    }
  }
  std::sort(due.begin(), due.end(),
            [](const DueAction& a, const DueAction& b) { return KeyOf(a) < KeyOf(b); });
  if (after != nullptr) {
    due.erase(due.begin(), std::upper_bound(due.begin(), due.end(), *after,
                                            [](const DueKey& key, const DueAction& a) {
                                              return key < KeyOf(a);
                                            }));
  }
  if (static_cast<int>(due.size()) > page_size + 1) due.resize(page_size + 1);
  DueActionPage page;
  page.next_page_token = TakePage(due, page_size, binding, CursorOf);
  page.actions = std::move(due);
  page.binding = binding;
  return page;
}

std::string RemedyLogic::DueActionTokenAfter(const DueAction& last, const std::string& binding) {
  return EncodePageToken(CursorOf(last), binding);
}

}  // namespace redress::remedy
