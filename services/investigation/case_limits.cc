#include "services/investigation/case_limits.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/errors.h"

namespace redress::investigation {
namespace {

// The encoding's cost besides the strings' bytes: a message's tag, length and every field that is
// not a string (an enum, a count, a bool, a date or a timestamp, at most a few dozen bytes each,
// and no message here has more than a dozen); a string's tag and length.
constexpr size_t kPerMessage = 256;
constexpr size_t kPerString = 8;

constexpr char kEvidenceSegment[] = "/evidence/";
constexpr char kCommentsSegment[] = "/comments/";

size_t Text(std::string_view text) { return kPerString + text.size(); }

size_t Texts(const std::vector<std::string>& texts) {
  size_t size = 0;
  for (const std::string& text : texts) size += Text(text);
  return size;
}

size_t Bound(const ComplaintSnapshot& s) {
  return kPerMessage + Text(s.complaint) + Text(s.complainants_reference) + Texts(s.organisations) +
         Text(s.what_went_wrong) + Text(s.injustice_claimed) + Text(s.outcome_wanted) +
         Texts(s.organisation_published_names) + Text(s.default_location);
}

size_t Bound(const ComplaintPoint& point) {
  size_t size = kPerMessage + Text(point.point_id) + Text(point.description);
  if (point.finding.has_value()) size += kPerMessage + Text(point.finding->reasoning);
  return size;
}

size_t Bound(const Narrative& n) {
  return kPerMessage + Texts(n.introduction) + Texts(n.what_happened) + Texts(n.what_we_found) +
         Texts(n.putting_it_right);
}

size_t Bound(const Recommendation& r) {
  size_t size =
      kPerMessage + Text(r.recommendation_id) + Text(r.description) + Text(r.organisation);
  if (r.amount.has_value()) size += kPerMessage + Text(r.amount->currency_code);
  return size;
}

size_t Bound(const Review& r) {
  return kPerMessage + Text(r.review_id) + Text(r.explanation) + Text(r.outcome_reason);
}

size_t Bound(const ProvisionalView& view, std::string_view parent) {
  size_t size = kPerMessage;
  for (const Comment& comment : view.comments) size += EncodedSizeBound(comment, parent);
  return size;
}

// The lists other than evidence and comments.
size_t BoundOfLists(const Investigation& i) {
  size_t size = Texts(i.complaint_types);
  for (const ComplaintPoint& point : i.points) size += Bound(point);
  for (const Hold& hold : i.holds) size += kPerMessage + Text(hold.reason);
  for (const ComplaintHandlingFinding& f : i.complaint_handling_findings) {
    size += kPerMessage + Text(f.finding);
  }
  for (const OrganisationInvestigated& o : i.organisations_investigated) {
    size += kPerMessage + Text(o.organisation) + Text(o.published_name);
  }
  for (const Recommendation& r : i.recommendations) size += Bound(r);
  size += kPerMessage * i.previous_decisions.size();
  for (const Review& review : i.reviews) size += Bound(review);
  return size;
}

template <typename T>
void KeepLast(std::vector<T>& entries, int count) {
  if (static_cast<int>(entries.size()) <= count) return;
  entries.erase(entries.begin(), entries.end() - count);
}

}  // namespace

size_t EncodedSizeBound(const EvidenceItem& item, std::string_view parent) {
  return kPerMessage + Text(item.evidence_id) + Text(item.description) + kPerString +
         parent.size() + sizeof(kEvidenceSegment) + item.evidence_id.size();
}

size_t EncodedSizeBound(const Comment& comment, std::string_view parent) {
  return kPerMessage + Text(comment.comment_id) + Text(comment.text) + Text(comment.organisation) +
         kPerString + parent.size() + sizeof(kCommentsSegment) + comment.comment_id.size();
}

size_t EncodedSizeBound(const Investigation& i) {
  const std::string parent = i.name();
  // The message itself and its single parts: scope, final decision, ending (and their strings),
  // the name and the etag (a decimal int64).
  size_t size =
      4 * kPerMessage + Text(parent) + Text(i.caseworker) + Text(i.location) + kPerString + 20;
  size += Bound(i.complaint) + Bound(i.narrative) + BoundOfLists(i);
  if (i.scope.has_value()) size += Text(i.scope->summary);
  if (i.ending.has_value()) size += Text(i.ending->reason);
  for (const EvidenceItem& item : i.evidence) size += EncodedSizeBound(item, parent);
  if (i.provisional_view.has_value()) size += Bound(*i.provisional_view, parent);
  return size;
}

void KeepRecentEntries(Investigation& investigation) {
  KeepLast(investigation.evidence, kRecentEvidenceShown);
  if (investigation.provisional_view.has_value()) {
    KeepLast(investigation.provisional_view->comments, kRecentCommentsShown);
  }
}

absl::Status CheckEncodedSize(const Investigation& investigation) {
  const size_t size = EncodedSizeBound(investigation);
  if (size <= kMaxInvestigationBytes) return absl::OkStatus();
  return PreconditionFailed(
      "SIZE", investigation.name(),
      absl::StrFormat("the change would make %s %.1f MiB on the wire, more than the %d MiB an "
                      "investigation may weigh (docs/limits.md); shorten its text, for example "
                      "the narrative, the findings' reasoning or the reviews",
                      investigation.name(), static_cast<double>(size) / (1 << 20),
                      static_cast<int>(kMaxInvestigationBytes >> 20)),
      reason::kInvestigationTooLarge);
}

absl::Status CheckRoomForOneMore(const Investigation& investigation, int count, int limit,
                                 std::string_view collection, std::string_view entries,
                                 std::string_view reason_code) {
  if (count < limit) return absl::OkStatus();
  return PreconditionFailed(
      "LIMIT", absl::StrCat(investigation.name(), "/", std::string(collection)),
      absl::StrCat(investigation.name(), " already has ", count, " ", std::string(entries),
                   ", the most one investigation may hold (docs/limits.md)"),
      reason_code);
}

}  // namespace redress::investigation
