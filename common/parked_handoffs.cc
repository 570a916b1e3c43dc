#include "common/parked_handoffs.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/errors.h"
#include "common/paging.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "common/validation.h"

namespace redress {
namespace {

constexpr char kCollection[] = "handoffs/";
// What page tokens are bound to: the only listing there is.
constexpr std::string_view kParkedFilter = "parked";

// The id `name` names; 0 (and a violation on `field`) when it is not "handoffs/{positive id}".
int64_t ParseHandoffName(FieldViolations& v, const std::string& field, absl::string_view name) {
  const std::string given(name);
  int64_t id = 0;
  if (name.empty()) {
    v.Add(field, "is required");
  } else if (!absl::ConsumePrefix(&name, kCollection) || !absl::SimpleAtoi(name, &id) || id <= 0 ||
             absl::StrCat(id) != name) {
    v.Add(field, absl::StrCat(Quoted(given),
                              " is not a hand-off name (handoffs/{id}, the id a "
                              "positive number)"));
    id = 0;
  }
  return id;
}

// The hand-off an earlier request with (`scope`, `request_id`) changed, when `fingerprint`
// matches (a retry); nullopt for a new request_id; REQUEST_ID_REUSED for another body.
absl::StatusOr<std::optional<StoredHandoff>> FindRetry(ParkedHandoffSource& source,
                                                       std::string_view scope,
                                                       const std::string& request_id,
                                                       std::string_view fingerprint, int64_t id) {
  ASSIGN_OR_RETURN(std::optional<RequestRecord> record, source.FindRequest(scope, request_id));
  if (!record.has_value()) return std::optional<StoredHandoff>();
  if (record->fingerprint != fingerprint) {
    return InvalidArgument({{"request_id", absl::StrCat("request_id ", Quoted(request_id),
                                                        " was already used for a different ",
                                                        std::string(scope), " request")}},
                           reason::kRequestIdReused);
  }
  ASSIGN_OR_RETURN(StoredHandoff handoff, source.Get(id));
  return std::optional<StoredHandoff>(std::move(handoff));
}

// Runs `change` (a re-drive or discard of hand-off `id` recording `record`) once: a retry of an
// earlier request answers with the hand-off as it is, and so does a request that lost the race to
// a concurrent retry of itself (its record's key was taken meanwhile).
template <typename Change>
absl::StatusOr<StoredHandoff> ChangeOnce(ParkedHandoffSource& source, int64_t id,
                                         const RequestRecord& record, Change change) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    ASSIGN_OR_RETURN(std::optional<StoredHandoff> retried,
                     FindRetry(source, record.scope, record.request_id, record.fingerprint, id));
    if (retried.has_value()) return *std::move(retried);
    const absl::Status changed = change(record);
    if (absl::IsAlreadyExists(changed)) continue;
    RETURN_IF_ERROR(changed);
    return source.Get(id);
  }
  return absl::AbortedError("the request was changing concurrently; try again");
}

}  // namespace

std::string HandoffName(int64_t id) { return absl::StrCat(kCollection, id); }

absl::StatusOr<ParkedHandoffs::Page> ParkedHandoffs::List(int page_size,
                                                          const std::string& page_token) {
  ASSIGN_OR_RETURN(const int size, ResolvePageSize(page_size, kDefaultPageSize, kMaxPageSize));
  ASSIGN_OR_RETURN(const std::string cursor, DecodePageToken(page_token, kParkedFilter));
  int64_t after_id = 0;
  if (!cursor.empty() && !absl::SimpleAtoi(cursor, &after_id)) {
    return InvalidArgument({{"page_token", "is not a token this method issued"}});
  }
  Page page;
  ASSIGN_OR_RETURN(page.handoffs, source_.ListParked(after_id, size + 1));
  page.next_page_token = TakePage(page.handoffs, size, kParkedFilter,
                                  [](const StoredHandoff& h) { return absl::StrCat(h.id); });
  ASSIGN_OR_RETURN(page.total_size, source_.CountParked());
  return page;
}

absl::StatusOr<StoredHandoff> ParkedHandoffs::Get(const std::string& name) {
  FieldViolations v;
  const int64_t id = ParseHandoffName(v, "name", name);
  RETURN_IF_ERROR(v.ToStatus());
  return source_.Get(id);
}

absl::StatusOr<StoredHandoff> ParkedHandoffs::Redrive(const std::string& name,
                                                      const std::string& request_id,
                                                      const std::string& fingerprint) {
  FieldViolations v;
  const int64_t id = ParseHandoffName(v, "name", name);
  CheckRequestId(v, "request_id", request_id);
  RETURN_IF_ERROR(v.ToStatus());
  const RequestRecord record{CallerScope("RedriveHandoff"), request_id, fingerprint, name};
  return ChangeOnce(source_, id, record,
                    [&](const RequestRecord& r) { return source_.Redrive(id, r); });
}

absl::StatusOr<StoredHandoff> ParkedHandoffs::Discard(const std::string& name,
                                                      const std::string& request_id,
                                                      const std::string& reason,
                                                      const std::string& actor,
                                                      const std::string& fingerprint) {
  FieldViolations v;
  const int64_t id = ParseHandoffName(v, "name", name);
  CheckRequestId(v, "request_id", request_id);
  CheckRequiredText(v, "reason", reason, kMaxReasonChars);
  RETURN_IF_ERROR(v.ToStatus());
  const RequestRecord record{CallerScope("DiscardHandoff"), request_id, fingerprint, name};
  const OutboxDiscard discard{StoredNow(clock_), actor, reason};
  return ChangeOnce(source_, id, record,
                    [&](const RequestRecord& r) { return source_.Discard(id, discard, r); });
}

}  // namespace redress
