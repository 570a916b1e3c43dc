// IntakeLogic::ListComplaints: the filter language of ListComplaintsRequest turned into a
// ComplaintQuery, and paging by recording order with a sequence cursor.
#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/list_filter.h"
#include "common/paging.h"
#include "common/status_macros.h"
#include "services/intake/complaint_state.h"
#include "services/intake/intake_logic.h"
#include "services/intake/request_checks.h"

namespace redress::intake {
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

absl::StatusOr<absl::CivilDay> ParseFilterDate(const std::string& value) {
  absl::CivilDay day;
  if (value.size() != 10 || !absl::ParseCivilTime(value, &day) ||
      absl::FormatCivilTime(day) != value) {
    return FilterError(
        absl::StrCat("receive_date needs a date \"YYYY-MM-DD\", not ", Quoted(value)));
  }
  return day;
}

absl::Status ApplyState(ComplaintQuery& query, const FilterTerm& term) {
  for (ComplaintState state : {ComplaintState::kReceived, ComplaintState::kAccepted,
                               ComplaintState::kClosed, ComplaintState::kUnderReview}) {
    if (Unquoted(term.value) != ComplaintStateName(state)) continue;
    if (query.state.has_value() && *query.state != state) {
      return FilterError("state can be compared only once");
    }
    query.state = state;
    return absl::OkStatus();
  }
  return FilterError(absl::StrCat("state must be RECEIVED, ACCEPTED, CLOSED or UNDER_REVIEW, not ",
                                  Quoted(term.value)));
}

absl::Status ApplyOrganisation(ComplaintQuery& query, const FilterTerm& term) {
  FieldViolations ignored;
  std::string id =
      ParseResourceName(ignored, "filter", Unquoted(term.value), kOrganisationsCollection);
  if (id.empty()) {
    return FilterError(
        absl::StrCat("organisation needs \"organisations/{id}\", not ", Quoted(term.value)));
  }
  if (query.organisation_id.has_value() && *query.organisation_id != id) {
    return FilterError("organisation can be compared only once");
  }
  query.organisation_id = id;
  return absl::OkStatus();
}

absl::Status ApplyReceiveDate(ComplaintQuery& query, const FilterTerm& term) {
  ASSIGN_OR_RETURN(absl::CivilDay day, ParseFilterDate(Unquoted(term.value)));
  if (!NarrowDateRange(term.op, day, query.received_from, query.received_to)) {
    return FilterError("receive_date takes =, <, <=, > or >=");
  }
  return absl::OkStatus();
}

absl::StatusOr<ComplaintQuery> QueryForFilter(const std::string& filter) {
  ASSIGN_OR_RETURN(std::vector<FilterTerm> terms, ParseFilter(filter));
  ComplaintQuery query;
  for (const FilterTerm& term : terms) {
    if (term.field == "receive_date") {
      RETURN_IF_ERROR(ApplyReceiveDate(query, term));
      continue;
    }
    if (term.field != "state" && term.field != "organisation") {
      return FilterError(absl::StrCat("unknown field ", Quoted(term.field),
                                      "; filter on state, organisation or receive_date"));
    }
    if (term.op != FilterOp::kEq) {
      return FilterError(absl::StrCat(term.field, " takes only ="));
    }
    RETURN_IF_ERROR(term.field == "state" ? ApplyState(query, term)
                                          : ApplyOrganisation(query, term));
  }
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

}  // namespace

absl::StatusOr<ComplaintPage> IntakeLogic::ListComplaints(const ListRequest& request) {
  ASSIGN_OR_RETURN(int page_size,
                   ResolvePageSize(request.page_size, kDefaultComplaintPageSize, kMaxPageSize));
  ASSIGN_OR_RETURN(ComplaintQuery query, QueryForFilter(request.filter));
  if (request.owner.has_value()) query.owner = request.owner;
  if (request.organisation_id.has_value()) {
    // A filter naming another organisation than the caller's own finds nothing, as any other
    // organisation's complaints are beyond its reach.
    if (query.organisation_id.has_value() && *query.organisation_id != *request.organisation_id) {
      query.organisation_id = "";
    } else {
      query.organisation_id = request.organisation_id;
    }
  }
  ASSIGN_OR_RETURN(query.after_sequence, DecodeSequence(request.page_token, request.filter));
  query.limit = page_size + 1;  // one more, to know whether another page follows
  ASSIGN_OR_RETURN(std::vector<Complaint> complaints, store_.ListComplaints(query));
  ComplaintPage page;
  page.next_page_token = TakePage(complaints, page_size, request.filter,
                                  [](const Complaint& c) { return std::to_string(c.sequence); });
  page.complaints = std::move(complaints);
  return page;
}

std::string IntakeLogic::PageTokenAfter(const Complaint& last, const std::string& filter) {
  return EncodePageToken(std::to_string(last.sequence), filter);
}

}  // namespace redress::intake
