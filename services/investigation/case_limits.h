// How large one investigation may grow, and how much of it one message carries (docs/limits.md).
// Every collection that grows as a case goes on has a cap (InvestigationPolicy); the two that grow
// longest, evidence and comments, are carried on the investigation only as their most recent
// entries with a count, and are read in full page by page (ListEvidence, ListComments); and a
// change that would make the investigation larger on the wire than kMaxInvestigationBytes is
// refused. So no response outgrows gRPC's default 4 MiB message limit, and a change costs the same
// however long an investigation's lists have grown.
#pragma once

#include <cstddef>
#include <string_view>

#include "absl/status/status.h"
#include "services/investigation/investigation.h"

namespace redress::investigation {

// How many of the most recent evidence items and comments the investigation carries.
inline constexpr int kRecentEvidenceShown = 20;
inline constexpr int kRecentCommentsShown = 20;

// The most an investigation may weigh on the wire, and the most one page of a List method carries
// (a page stops early rather than pass it). Half gRPC's default limit, leaving room for the
// framing and for a page's other fields.
inline constexpr size_t kMaxInvestigationBytes = size_t{2} << 20;
inline constexpr size_t kMaxPageBytes = size_t{2} << 20;

// ErrorInfo reasons (a total cap on reviews reuses preconditions.h's REVIEW_LIMIT_REACHED).
namespace reason {
inline constexpr std::string_view kEvidenceLimitReached = "EVIDENCE_LIMIT_REACHED";
inline constexpr std::string_view kCommentLimitReached = "COMMENT_LIMIT_REACHED";
inline constexpr std::string_view kHoldLimitReached = "HOLD_LIMIT_REACHED";
inline constexpr std::string_view kInvestigationTooLarge = "INVESTIGATION_TOO_LARGE";
}  // namespace reason

// Upper bounds of the size in bytes of each as its proto message (case.proto) encodes it: every
// string's bytes, plus an allowance per string and per message larger than what the encoding
// spends on tags, lengths, numbers, dates and times. api/encoded_size_test.cc checks them against
// the encoder. `parent` is the investigation's resource name (an item's own name starts with it).
size_t EncodedSizeBound(const Investigation& investigation);
size_t EncodedSizeBound(const EvidenceItem& item, std::string_view parent);
size_t EncodedSizeBound(const Comment& comment, std::string_view parent);

// Cuts `investigation`'s evidence and its view's comments to the most recent kRecentEvidenceShown
// and kRecentCommentsShown: the investigation as a store returns it.
void KeepRecentEntries(Investigation& investigation);

// OK when EncodedSizeBound(investigation) is at most kMaxInvestigationBytes; otherwise
// FAILED_PRECONDITION with a PreconditionFailure of type "SIZE" on the investigation and reason
// INVESTIGATION_TOO_LARGE.
absl::Status CheckEncodedSize(const Investigation& investigation);

// OK when `count` entries of the collection `collection` ("evidence", "comments", "holds",
// "reviews") leave room for one more under `limit`; otherwise FAILED_PRECONDITION with a
// PreconditionFailure of type "LIMIT" on "<investigation name>/<collection>" and `reason_code`.
// `entries` names them in the message ("evidence items").
absl::Status CheckRoomForOneMore(const Investigation& investigation, int count, int limit,
                                 std::string_view collection, std::string_view entries,
                                 std::string_view reason_code);

}  // namespace redress::investigation
