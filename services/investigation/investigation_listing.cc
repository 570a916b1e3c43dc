// InvestigationLogic::ListInvestigations: the filter language of ListInvestigationsRequest turned
// into an InvestigationQuery, and paging by opening order with a sequence cursor, each page
// stopping before it would pass kMaxPageBytes (case_limits.h). The target_date
// filter compares the dates as stored at the last change; an ON_HOLD investigation's returned
// target date may be later (deadlines.h).
#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/list_filter.h"
#include "common/paging.h"
#include "common/status_macros.h"
#include "services/investigation/case_limits.h"
#include "services/investigation/deadlines.h"
#include "services/investigation/investigation_logic.h"
#include "services/investigation/investigation_state.h"
#include "services/investigation/request_checks.h"

namespace redress::investigation {
namespace {

absl::Status FilterError(std::string description) {
  return InvalidArgument({{"filter", std::move(description)}});
}

// The value without surrounding double quotes, if it has them.
std::string Unquoted(const std::string& value) {
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    return value.substr(1, value.size() - 2);
  }
  return value;
}

// Sets `slot` to `value` unless an equality on the same field already set another value.
template <typename T>
absl::Status SetOnce(std::optional<T>& slot, T value, const std::string& field) {
  if (slot.has_value() && *slot != value) {
    return FilterError(absl::StrCat(field, " can be compared only once"));
  }
  slot = std::move(value);
  return absl::OkStatus();
}

absl::Status ApplyState(InvestigationQuery& query, const FilterTerm& term) {
  for (InvestigationState state : kAllStates) {
    if (Unquoted(term.value) == InvestigationStateName(state)) {
      return SetOnce(query.state, state, "state");
    }
  }
  return FilterError(absl::StrCat(
      "state must be UNASSIGNED, ASSIGNED, INVESTIGATING, ON_HOLD, PROVISIONAL_VIEW_SHARED, "
      "DECIDED, UNDER_REVIEW, WITHDRAWN or DISCONTINUED, not ",
      Quoted(term.value)));
}

absl::Status ApplyOrganisation(InvestigationQuery& query, const FilterTerm& term) {
  FieldViolations ignored;
  const std::string name = Unquoted(term.value);
  if (ParseResourceName(ignored, "filter", name, kOrganisationsCollection).empty()) {
    return FilterError(
        absl::StrCat("organisation needs \"organisations/{id}\", not ", Quoted(term.value)));
  }
  return SetOnce(query.organisation, name, "organisation");
}

absl::Status ApplyComplaint(InvestigationQuery& query, const FilterTerm& term) {
  FieldViolations ignored;
  const std::string name = Unquoted(term.value);
  if (ParseResourceName(ignored, "filter", name, kComplaintsCollection).empty()) {
    return FilterError(
        absl::StrCat("complaint needs \"complaints/{id}\", not ", Quoted(term.value)));
  }
  return SetOnce(query.complaint, name, "complaint");
}

absl::Status ApplyTargetDate(InvestigationQuery& query, const FilterTerm& term) {
  const std::string value = Unquoted(term.value);
  absl::CivilDay day;
  if (value.size() != 10 || !absl::ParseCivilTime(value, &day) ||
      absl::FormatCivilTime(day) != value) {
    return FilterError(
        absl::StrCat("target_date needs a date \"YYYY-MM-DD\", not ", Quoted(term.value)));
  }
  if (!NarrowDateRange(term.op, day, query.target_date_from, query.target_date_to)) {
    return FilterError("target_date takes =, <, <=, > or >=");
  }
  return absl::OkStatus();
}

absl::Status ApplyTerm(InvestigationQuery& query, const FilterTerm& term) {
  if (term.field == "target_date") return ApplyTargetDate(query, term);
  if (term.field != "state" && term.field != "caseworker" && term.field != "organisation" &&
      term.field != "complaint") {
    return FilterError(
        absl::StrCat("unknown field ", Quoted(term.field),
                     "; filter on state, caseworker, organisation, complaint or target_date"));
  }
  if (term.op != FilterOp::kEq) return FilterError(absl::StrCat(term.field, " takes only ="));
  if (term.field == "state") return ApplyState(query, term);
  if (term.field == "organisation") return ApplyOrganisation(query, term);
  if (term.field == "complaint") return ApplyComplaint(query, term);
  return SetOnce(query.caseworker, Unquoted(term.value), "caseworker");
}

absl::StatusOr<InvestigationQuery> QueryForFilter(const std::string& filter) {
  ASSIGN_OR_RETURN(std::vector<FilterTerm> terms, ParseFilter(filter));
  InvestigationQuery query;
  for (const FilterTerm& term : terms) RETURN_IF_ERROR(ApplyTerm(query, term));
  return query;
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

// How many of the first `page_size` of `found` fit on one page of at most kMaxPageBytes (at least
// one, however large).
int FittingOnPage(const std::vector<Investigation>& found, int page_size) {
  size_t bytes = 0;
  int fitting = 0;
  for (const Investigation& investigation : found) {
    if (fitting == page_size) break;
    const size_t size = EncodedSizeBound(investigation);
    if (fitting > 0 && bytes + size > kMaxPageBytes) break;
    bytes += size;
    ++fitting;
  }
  return fitting;
}

}  // namespace

absl::StatusOr<InvestigationPage> InvestigationLogic::ListInvestigations(
    const ListRequest& request) {
  ASSIGN_OR_RETURN(int page_size,
                   ResolvePageSize(request.page_size, kDefaultPageSize, kMaxPageSize));
  ASSIGN_OR_RETURN(InvestigationQuery query, QueryForFilter(request.filter));
  if (request.owner.has_value()) query.owner = request.owner;
  if (request.organisation.has_value()) {
    // A filter naming another organisation than the caller's own finds nothing.
    const bool other =
        query.organisation.has_value() && *query.organisation != *request.organisation;
    query.organisation = other ? "" : *request.organisation;
  }
  ASSIGN_OR_RETURN(query.after_sequence, DecodeSequence(request.page_token, request.filter));
  query.limit = page_size + 1;  // one more, to know whether another page follows
  ASSIGN_OR_RETURN(std::vector<Investigation> found, store_.ListInvestigations(query));
  // A page stops before it would pass kMaxPageBytes: then the next one starts after its last.
  const int fitting = FittingOnPage(found, page_size);
  if (fitting < page_size && fitting < static_cast<int>(found.size())) {
    found.resize(fitting + 1);
    page_size = fitting;
  }
  InvestigationPage page;
  page.next_page_token = TakePage(found, page_size, request.filter, [](const Investigation& i) {
    return std::to_string(i.sequence);
  });
  const absl::CivilDay today = Today(clock_);
  for (Investigation& investigation : found) {
    page.investigations.push_back(AsOf(std::move(investigation), today, calendar_));
  }
  return page;
}

}  // namespace redress::investigation
