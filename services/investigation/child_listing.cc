// InvestigationLogic::ListEvidence and ListComments: an investigation's evidence and comments, page
// by page in the order logged (AIP-132 sub-collections). A page token carries the number of the
// last item returned and is bound to its parent and collection; a page stops early rather than
// pass kMaxPageBytes (case_limits.h).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/paging.h"
#include "common/status_macros.h"
#include "services/investigation/case_limits.h"
#include "services/investigation/deadlines.h"
#include "services/investigation/investigation_logic.h"
#include "services/investigation/request_checks.h"

namespace redress::investigation {
namespace {

// A request, checked: the parent's id, the page size, and the number of the last item of the
// page before (0 for the first page).
struct ChildCursor {
  std::string id;
  int page_size = 0;
  int after = 0;
};

// What a page token is bound to: the parent and the collection, so that a token of one list is
// refused by another.
std::string TokenBinding(const std::string& parent, std::string_view collection) {
  return absl::StrCat(parent, "/", std::string(collection));
}

absl::StatusOr<ChildCursor> ParseChildRequest(const ChildListRequest& request,
                                              std::string_view collection, int default_size,
                                              int max_size) {
  FieldViolations v;
  ChildCursor cursor;
  cursor.id = ParseResourceName(v, "parent", request.parent, kInvestigationsCollection);
  if (request.page_size < 0) v.Add("page_size", "must not be negative");
  cursor.page_size = request.page_size == 0 ? default_size : std::min(request.page_size, max_size);
  absl::StatusOr<std::string> token =
      DecodePageToken(request.page_token, TokenBinding(request.parent, collection));
  if (!token.ok() ||
      (!token->empty() && (!absl::SimpleAtoi(*token, &cursor.after) || cursor.after <= 0))) {
    v.Add("page_token",
          absl::StrCat("is not a page token of this list of ", std::string(collection),
                       " (send the next_page_token of a previous response for the same parent "
                       "unchanged, or start again without one)"));
  }
  RETURN_IF_ERROR(v.ToStatus());
  return cursor;
}

// Keeps the items of `items` (read with a limit of page_size + 1) that go on the page: at most
// page_size, and no more once kMaxPageBytes would be passed (at least one). Returns the token of
// the next page, or "" when `items` held no more.
template <typename T, typename SizeOf>
std::string TakeSizedPage(std::vector<T>& items, const ChildCursor& cursor,
                          const std::string& binding, SizeOf size_of) {
  size_t kept = 0;
  size_t bytes = 0;
  while (kept < items.size() && kept < static_cast<size_t>(cursor.page_size)) {
    const size_t size = size_of(items[kept]);
    if (kept > 0 && bytes + size > kMaxPageBytes) break;
    bytes += size;
    ++kept;
  }
  if (kept == items.size()) return "";
  items.resize(kept);
  return EncodePageToken(std::to_string(cursor.after + static_cast<int>(kept)), binding);
}

}  // namespace

absl::StatusOr<ChildPage<EvidenceItem>> InvestigationLogic::ListEvidence(
    const ChildListRequest& request) {
  ASSIGN_OR_RETURN(ChildCursor cursor,
                   ParseChildRequest(request, "evidence", kDefaultPageSize, kMaxPageSize));
  ChildPage<EvidenceItem> page;
  ASSIGN_OR_RETURN(page.parent, LoadInvestigation(store_, cursor.id));
  page.parent = AsOf(std::move(page.parent), Today(clock_), calendar_);
  page.total_size = page.parent.evidence_count;
  ASSIGN_OR_RETURN(page.items, store_.ListEvidence(cursor.id, cursor.after, cursor.page_size + 1));
  const std::string parent = page.parent.name();
  page.next_page_token =
      TakeSizedPage(page.items, cursor, TokenBinding(request.parent, "evidence"),
                    [&](const EvidenceItem& item) { return EncodedSizeBound(item, parent); });
  return page;
}

absl::StatusOr<ChildPage<Comment>> InvestigationLogic::ListComments(
    const ChildListRequest& request) {
  ASSIGN_OR_RETURN(ChildCursor cursor,
                   ParseChildRequest(request, "comments", kDefaultPageSize, kMaxPageSize));
  ChildPage<Comment> page;
  ASSIGN_OR_RETURN(page.parent, LoadInvestigation(store_, cursor.id));
  page.parent = AsOf(std::move(page.parent), Today(clock_), calendar_);
  if (page.parent.provisional_view.has_value()) {
    page.total_size = page.parent.provisional_view->comment_count;
  }
  ASSIGN_OR_RETURN(page.items, store_.ListComments(cursor.id, cursor.after, cursor.page_size + 1));
  const std::string parent = page.parent.name();
  page.next_page_token =
      TakeSizedPage(page.items, cursor, TokenBinding(request.parent, "comments"),
                    [&](const Comment& comment) { return EncodedSizeBound(comment, parent); });
  return page;
}

}  // namespace redress::investigation
